"""`batch --dask`: the same sheets, per-row errors and summary as a local run, on a Dask cluster.

The cluster (a LocalCluster, in-process, to stay quick) and its client run in a child
interpreter: their threads must not outlive the test in the process that later forks batch
workers.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, FIXED_EPOCH, ROOT

if importlib.util.find_spec("distributed") is None:
    pytest.skip('needs pip install "factsheet[dask]"', allow_module_level=True)
TEMPLATES = DATA / "templates"
EXAMPLE = TEMPLATES / "example.yaml"
ROWS = TEMPLATES / "rows.csv"

# Runs each argument list through the CLI twice: locally, then on a fresh LocalCluster.
_ON_A_CLUSTER = """
import contextlib, io, json, sys
import distributed
from factsheet.batch import cluster
from factsheet.cli.main import main

def run(args):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return {"code": code, "out": out.getvalue(), "err": err.getvalue()}

cluster.CONNECT_SECONDS = 1
runs = json.loads(sys.argv[1])
results = {"unreachable": run(runs["unreachable"])}
with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                              dashboard_address=None, silence_logs=50) as local:
    for name, args in runs["cases"].items():
        args, out = args[:-1], args[-1]
        results[name] = {"local": run(args + ["--jobs", "1", "-o", out + "-local"]),
                         "remote": run(args + ["--dask", local.scheduler_address,
                                               "-o", out + "-remote"])}
results["builders"] = len(cluster.worker_builders())
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("cluster")
    bad_rows = folder / "rows.yaml"
    shutil.copy(TEMPLATES / "rows.yaml", bad_rows)  # row 2 has no 'text' value
    runs = {
        "unreachable": [
            "batch",
            str(EXAMPLE),
            str(ROWS),
            "-o",
            str(folder / "none"),
            "--dask",
            "tcp://127.0.0.1:9",
        ],
        "cases": {
            # The last item names the output folders: it gets -local and -remote appended.
            "good": [
                "batch",
                str(EXAMPLE),
                str(ROWS),
                "--quiet",
                "--key",
                "region",
                str(folder / "good"),
            ],
            "bad": ["batch", str(EXAMPLE), str(bad_rows), "--quiet", str(folder / "bad")],
        },
    }
    done = subprocess.run(
        [sys.executable, "-c", _ON_A_CLUSTER, json.dumps(runs)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": FIXED_EPOCH, "PYTHONPATH": str(ROOT)},
    )
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    found["folder"] = str(folder)
    return found


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_a_cluster_writes_the_same_sheets_as_a_local_run(results: dict[str, Any]) -> None:
    local, remote = results["good"]["local"], results["good"]["remote"]
    assert local["code"] == remote["code"] == 0
    folder = Path(results["folder"])
    files = _files(folder / "good-local")
    assert len(files) == 3
    assert _files(folder / "good-remote") == files
    assert "built 3 of 3 sheets" in remote["out"]
    # One builder per template on the worker, however many rows it was given.
    assert results["builders"] == 1


def test_a_bad_row_fails_alone_on_a_cluster_too(results: dict[str, Any]) -> None:
    local, remote = results["bad"]["local"], results["bad"]["remote"]
    assert local["code"] == remote["code"] == 1
    folder = Path(results["folder"])
    assert list(_files(folder / "bad-remote")) == ["example-state-data.pdf"]
    assert remote["err"] == local["err"]
    assert "no value for 'text' (missing data column?)" in remote["err"]
    assert remote["out"].startswith("built 1 of 2 sheets into")


def test_an_unreachable_scheduler_is_a_clear_error(results: dict[str, Any]) -> None:
    unreachable = results["unreachable"]
    assert unreachable["code"] == 2
    assert "cannot reach a Dask scheduler at tcp://127.0.0.1:9" in unreachable["err"]
    assert not (Path(results["folder"]) / "none").exists()
