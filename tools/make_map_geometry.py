"""Build the map geometry factsheet ships, from the US Census cartographic boundary files.

Maintainers run this when the boundaries change; users never need it. It reads the Census
Bureau's 2016 cartographic boundary shapefiles (1:500,000, public domain as works of the US
government) as bundled by the `plotly-geo` package, and writes compact, projected, simplified
geometry to factsheet/geo/data/:

- us-states.json.gz: the 50 states and the District of Columbia, lower 48 in an Albers
  equal-area projection for the US, Alaska and Hawaii as insets in their own Albers projections;
- counties/XX.json.gz: one file per state, its counties in an Albers equal-area projection
  fitted to the state.

Borders are simplified as a coverage (shapely.coverage_simplify), so neighbours still meet.
Coordinates are integers on a grid whose longer side is GRID units, delta-encoded per ring.

    pip install plotly-geo pyshp shapely
    python tools/make_map_geometry.py
"""

from __future__ import annotations

import gzip
import json
import math
from pathlib import Path
from typing import Any

import _plotly_geo
import numpy
import shapefile
import shapely
from shapely.geometry import MultiPolygon, Polygon, shape

SOURCE = Path(_plotly_geo.__file__).parent / "package_data"
OUT = Path(__file__).resolve().parent.parent / "factsheet" / "geo" / "data"
GRID = 4000
TOLERANCE = 0.0015
"""Simplification tolerance, as a share of the map's longer side."""
MIN_RING_AREA = 16
"""Grid units squared (a ring smaller than 4 x 4 units of 4,000 is dropped)."""
TERRITORIES = {"60", "66", "69", "72", "78"}
SOURCE_NOTE = (
    "US Census Bureau, 2016 cartographic boundary files (cb_2016_us_state_500k, "
    "cb_2016_us_county_500k); public domain"
)


def albers(lat1: float, lat2: float, lat0: float, lon0: float) -> Any:
    """A spherical Albers equal-area conic projection, (lon, lat) degrees -> plane."""
    p1, p2, p0 = (math.radians(v) for v in (lat1, lat2, lat0))
    n = (math.sin(p1) + math.sin(p2)) / 2
    c = math.cos(p1) ** 2 + 2 * n * math.sin(p1)
    rho0 = math.sqrt(c - 2 * n * math.sin(p0)) / n

    def project(points: Any) -> Any:
        lon = numpy.where(points[:, 0] > 0, points[:, 0] - 360, points[:, 0])
        rho = numpy.sqrt(c - 2 * n * numpy.sin(numpy.radians(points[:, 1]))) / n
        theta = n * numpy.radians(lon - lon0)
        return numpy.column_stack([rho * numpy.sin(theta), rho0 - rho * numpy.cos(theta)])

    return project


def read(name: str) -> list[tuple[dict[str, Any], Any]]:
    reader = shapefile.Reader(str(SOURCE / name))
    fields = [f[0] for f in reader.fields[1:]]
    return [
        (dict(zip(fields, rec.record, strict=True)), shape(rec.shape.__geo_interface__))
        for rec in reader.iterShapeRecords()
    ]


def fitted_albers(geometries: list[Any]) -> Any:
    minx, miny, maxx, maxy = shapely.total_bounds(geometries)
    if maxx > 0 and minx < -170:  # Alaska's Aleutians cross the antimeridian
        lons = [x - 360 if x > 0 else x for g in geometries for x in _xs(g)]
        minx, maxx = min(lons), max(lons)
    span = maxy - miny
    return albers(miny + span / 6, maxy - span / 6, (miny + maxy) / 2, (minx + maxx) / 2)


def _xs(geometry: Any) -> list[float]:
    return [x for x, _ in shapely.get_coordinates(geometry)]


def simplify(geometries: list[Any]) -> list[Any]:
    minx, miny, maxx, maxy = shapely.total_bounds(geometries)
    tolerance = TOLERANCE * max(maxx - minx, maxy - miny)
    return list(shapely.coverage_simplify(shapely.make_valid(geometries), tolerance))


def encode(geometries: list[Any]) -> tuple[list[list[list[int]]], tuple[int, int], list[Any]]:
    """Integer, delta-encoded rings per geometry on a GRID grid; y grows upwards."""
    minx, miny, maxx, maxy = shapely.total_bounds(geometries)
    scale = GRID / max(maxx - minx, maxy - miny)
    size = (round((maxx - minx) * scale), round((maxy - miny) * scale))
    encoded, label_points = [], []
    for geometry in geometries:
        rings: list[list[int]] = []
        polygons = [geometry] if isinstance(geometry, Polygon) else list(_polygons(geometry))
        for polygon in polygons:
            for ring in [polygon.exterior, *polygon.interiors]:
                points: list[tuple[int, int]] = []
                for x, y in ring.coords[:-1]:
                    point = (round((x - minx) * scale), round((y - miny) * scale))
                    if not points or point != points[-1]:
                        points.append(point)
                if len(points) < 3 or abs(_area(points)) < MIN_RING_AREA:
                    continue  # a sliver left by simplification, invisible at any print size
                flat: list[int] = []
                last = (0, 0)
                for point in points:
                    flat += [point[0] - last[0], point[1] - last[1]]
                    last = point
                rings.append(flat)
        encoded.append(rings)
        largest = max(polygons, key=lambda p: p.area)
        label = largest.representative_point()
        label_points.append([round((label.x - minx) * scale), round((label.y - miny) * scale)])
    return encoded, size, label_points


def _area(points: list[tuple[int, int]]) -> float:
    pairs = zip(points, points[1:] + points[:1], strict=True)
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairs) / 2


def _polygons(geometry: Any) -> list[Polygon]:
    if isinstance(geometry, Polygon):
        return [geometry]
    if isinstance(geometry, MultiPolygon):
        return list(geometry.geoms)
    return [g for part in getattr(geometry, "geoms", []) for g in _polygons(part)]


def write(path: Path, places: list[dict[str, Any]], geometries: list[Any]) -> None:
    rings, size, points = encode(geometries)
    for place, place_rings, point in zip(places, rings, points, strict=True):
        place["rings"] = place_rings
        place["label_at"] = point
    document = {"source": SOURCE_NOTE, "grid": GRID, "size": list(size), "places": places}
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode()
    path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    print(
        f"{path.relative_to(OUT.parent.parent.parent)}: {len(places)} places, "
        f"{path.stat().st_size / 1024:.0f} KiB"
    )


def states() -> dict[str, tuple[str, str]]:
    rows = [(r, g) for r, g in read("cb_2016_us_state_500k") if r["STATEFP"] not in TERRITORIES]
    rows.sort(key=lambda rg: rg[0]["NAME"])
    lower = [(r, g) for r, g in rows if r["STUSPS"] not in ("AK", "HI")]
    usa = albers(29.5, 45.5, 37.5, -96)
    lower_projected = simplify([shapely.transform(g, usa) for _, g in lower])
    minx, miny, maxx, _ = shapely.total_bounds(lower_projected)
    width = maxx - minx
    insets = {
        "AK": (albers(55, 65, 50, -154), 0.26 * width, (minx, miny - 0.02 * width)),
        "HI": (albers(8, 18, 13, -157), 0.11 * width, (minx + 0.29 * width, miny)),
    }
    projected = dict(zip([r["STUSPS"] for r, _ in lower], lower_projected, strict=True))
    for code, (projection, inset_width, (left, bottom)) in insets.items():
        geometry = next(g for r, g in rows if r["STUSPS"] == code)
        if code == "HI":  # the main islands; the far Northwestern Islands would shrink them away
            geometry = shapely.clip_by_rect(geometry, -161, 18, -154, 23)
        geometry = simplify([shapely.transform(geometry, projection)])[0]
        bx0, by0, bx1, _ = geometry.bounds
        factor = inset_width / (bx1 - bx0)
        projected[code] = shapely.affinity.affine_transform(
            geometry, [factor, 0, 0, factor, left - bx0 * factor, bottom - by0 * factor]
        )
    places = [{"fips": r["STATEFP"], "code": r["STUSPS"], "name": r["NAME"]} for r, _ in rows]
    write(OUT / "us-states.json.gz", places, [projected[r["STUSPS"]] for r, _ in rows])
    return {r["STATEFP"]: (r["STUSPS"], r["NAME"]) for r, _ in rows}


def counties(state_names: dict[str, tuple[str, str]]) -> None:
    by_state: dict[str, list[tuple[dict[str, Any], Any]]] = {}
    for record, geometry in read("cb_2016_us_county_500k"):
        if record["STATEFP"] in state_names:
            by_state.setdefault(record["STATEFP"], []).append((record, geometry))
    for fips, rows in sorted(by_state.items()):
        rows.sort(key=lambda rg: rg[0]["NAME"])
        projection = fitted_albers([g for _, g in rows])
        geometries = simplify([shapely.transform(g, projection) for _, g in rows])
        places = [{"fips": r["GEOID"], "name": r["NAME"]} for r, _ in rows]
        code = state_names[fips][0]
        write(OUT / "counties" / f"{code}.json.gz", places, geometries)


if __name__ == "__main__":
    counties(states())
