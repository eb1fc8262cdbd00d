"""Find an installed font by family name through fontconfig (fc-list), without loading it."""

from __future__ import annotations

import functools
from pathlib import Path

from msgspec import Struct

# ReportLab reads TrueType outlines only: .otf files (PostScript outlines) are passed over.
TRUETYPE_SUFFIXES = (".ttf", ".ttc")
_UPRIGHT = ("regular", "book", "normal", "roman", "medium")


class FaceFile(Struct, frozen=True):
    """One face: a file, and its index inside a collection (.ttc)."""

    path: Path
    index: int = 0


class InstalledFamily(Struct, frozen=True):
    regular: FaceFile
    bold: FaceFile | None


def find_family(name: str) -> InstalledFamily | None:
    """The regular (and, when installed, bold) TrueType face of a family, or None."""
    faces = _faces(name)
    upright = [f for f in faces if not _is_bold(f[1]) and not _is_italic(f[1])]
    if not upright:
        return None
    regular = next((f for f in upright if f[1].lower() in _UPRIGHT), upright[0])[0]
    bold = next((f[0] for f in faces if f[1].lower() == "bold"), None)
    return InstalledFamily(regular, bold)


@functools.lru_cache(maxsize=64)
def _faces(name: str) -> tuple[tuple[FaceFile, str], ...]:
    """Every TrueType face fontconfig knows for the family name, with its style name."""
    import subprocess  # only for a script font found by family name

    escaped = "".join("\\" + char if char in "\\-:," else char for char in name)
    try:
        listing = subprocess.run(
            ["fc-list", "--format", "%{file}\t%{index}\t%{style[0]}\n", f":family={escaped}"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ()  # no fontconfig: only font files named by path can be used
    faces: list[tuple[FaceFile, str]] = []
    for line in sorted(listing.splitlines()):
        parts = line.split("\t")
        if len(parts) != 3 or not parts[0].lower().endswith(TRUETYPE_SUFFIXES):
            continue
        index = int(parts[1]) if parts[1].isdigit() else 0
        faces.append((FaceFile(Path(parts[0]), index), parts[2]))
    return tuple(faces)


def _is_bold(style: str) -> bool:
    return any(word in style.lower() for word in ("bold", "black", "heavy"))


def _is_italic(style: str) -> bool:
    return any(word in style.lower() for word in ("italic", "oblique"))
