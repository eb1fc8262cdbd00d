"""Refresh docs/colorado-preview.png from a fresh build of the example sheet.

Run from the repository root: python docs/make_preview.py (needs pdftoppm, poppler-utils).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content" / "ncmec-colorado-2023.yaml"
PREVIEW = ROOT / "docs" / "colorado-preview.png"
WIDTH = 720


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "sheet.pdf"
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
        subprocess.run(["factsheet", "build", str(CONTENT), "-o", str(pdf)], check=True, env=env)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-singlefile",
                "-scale-to-x",
                str(WIDTH),
                "-scale-to-y",
                "-1",
                str(pdf),
                str(Path(folder) / "page"),
            ],
            check=True,
        )
        image = Image.open(Path(folder) / "page.png").convert("RGB")
        # A 64-colour palette keeps the picture sharp and the repository small.
        image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(PREVIEW, optimize=True)
    print(f"wrote {PREVIEW} ({PREVIEW.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
