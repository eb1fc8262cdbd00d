"""factsheet: YAML content + a theme -> a branded, verified, one-page PDF fact sheet.

The public API, for people who call factsheet from Python::

    from factsheet import build_sheet, FactsheetError, VerificationError

    built = build_sheet(Path("content/ncmec-colorado-2023.yaml"))  # raises if not verified
    Path("out.pdf").write_bytes(built.pdf)

Names are imported on first use, so that `import factsheet` (and `factsheet --version`)
stays cheap: ReportLab, pypdf and the rest load only when a sheet is built or read.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from factsheet.version import __version__

# Public name -> the module that defines it.
_PUBLIC = {
    "build_sheet": "factsheet.pipeline",
    "Built": "factsheet.pipeline",
    "load_content": "factsheet.content.loader",
    "load_theme": "factsheet.theme.loader",
    "verify_pdf": "factsheet.verify.report",
    "Report": "factsheet.verify.report",
    "PrintOptions": "factsheet.pdf.print_options",
    "Problem": "factsheet.errors",
    "FactsheetError": "factsheet.errors",
    "ContentError": "factsheet.errors",
    "ThemeError": "factsheet.errors",
    "LayoutOverflowError": "factsheet.errors",
    "VerificationError": "factsheet.errors",
}

__all__ = [
    "Built",
    "ContentError",
    "FactsheetError",
    "LayoutOverflowError",
    "PrintOptions",
    "Problem",
    "Report",
    "ThemeError",
    "VerificationError",
    "__version__",
    "build_sheet",
    "load_content",
    "load_theme",
    "verify_pdf",
]

if TYPE_CHECKING:
    from factsheet.content.loader import load_content
    from factsheet.errors import (
        ContentError,
        FactsheetError,
        LayoutOverflowError,
        Problem,
        ThemeError,
        VerificationError,
    )
    from factsheet.pdf.print_options import PrintOptions
    from factsheet.pipeline import Built, build_sheet
    from factsheet.theme.loader import load_theme
    from factsheet.verify.report import Report, verify_pdf


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'factsheet' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_PUBLIC))
