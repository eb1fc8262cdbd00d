"""The PDFium functions verify calls, declared here rather than loaded from pypdfium2.

pypdfium2's generated bindings declare every one of PDFium's functions, about a thousand,
which takes each cold build some 10 ms; verify needs twenty-one. The library itself is the one
pypdfium2 ships, found in its folder without importing the package (a second load of the same
file is the same library). Each declaration follows PDFium's public headers (fpdfview.h,
fpdf_text.h, fpdf_edit.h); a test holds every one to pypdfium2's own declaration of it. Where
the file is not where pypdfium2 keeps it, pypdfium2's bindings are used as they are.
"""

from __future__ import annotations

import ctypes
import importlib.util
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

_HANDLE = ctypes.c_void_p
"""Documents, pages, text pages, page objects and fonts: opaque pointers."""
_EDGE = ctypes.POINTER(ctypes.c_float)

# name -> (argument types, result type); None is a function that returns nothing.
SIGNATURES: dict[str, tuple[list[Any], Any]] = {
    "FPDF_InitLibrary": ([], None),
    "FPDF_GetLastError": ([], ctypes.c_ulong),
    "FPDF_LoadMemDocument64": ([ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p], _HANDLE),
    "FPDF_GetPageCount": ([_HANDLE], ctypes.c_int),
    "FPDF_CloseDocument": ([_HANDLE], None),
    "FPDF_LoadPage": ([_HANDLE, ctypes.c_int], _HANDLE),
    "FPDF_ClosePage": ([_HANDLE], None),
    "FPDFPage_GetTrimBox": ([_HANDLE, _EDGE, _EDGE, _EDGE, _EDGE], ctypes.c_int),
    "FPDFPage_GetCropBox": ([_HANDLE, _EDGE, _EDGE, _EDGE, _EDGE], ctypes.c_int),
    "FPDFPage_GetMediaBox": ([_HANDLE, _EDGE, _EDGE, _EDGE, _EDGE], ctypes.c_int),
    "FPDFText_LoadPage": ([_HANDLE], _HANDLE),
    "FPDFText_ClosePage": ([_HANDLE], None),
    "FPDFText_GetBoundedText": (
        [_HANDLE, *[ctypes.c_double] * 4, ctypes.POINTER(ctypes.c_ushort), ctypes.c_int],
        ctypes.c_int,
    ),
    "FPDFPage_CountObjects": ([_HANDLE], ctypes.c_int),
    "FPDFPage_GetObject": ([_HANDLE, ctypes.c_int], _HANDLE),
    "FPDFPageObj_GetType": ([_HANDLE], ctypes.c_int),
    "FPDFTextObj_GetFont": ([_HANDLE], _HANDLE),
    "FPDFFont_GetBaseFontName": ([_HANDLE, ctypes.c_char_p, ctypes.c_size_t], ctypes.c_size_t),
    "FPDFFont_GetIsEmbedded": ([_HANDLE], ctypes.c_int),
    "FPDFFormObj_CountObjects": ([_HANDLE], ctypes.c_int),
    "FPDFFormObj_GetObject": ([_HANDLE, ctypes.c_ulong], _HANDLE),
}

# The values of PDFium's own constants (fpdfview.h, fpdf_edit.h).
CONSTANTS = {
    "FPDF_PAGEOBJ_TEXT": 1,
    "FPDF_PAGEOBJ_FORM": 5,
    "FPDF_ERR_SUCCESS": 0,
    "FPDF_ERR_UNKNOWN": 1,
    "FPDF_ERR_FILE": 2,
    "FPDF_ERR_FORMAT": 3,
    "FPDF_ERR_PASSWORD": 4,
    "FPDF_ERR_SECURITY": 5,
    "FPDF_ERR_PAGE": 6,
}


def library_name(platform: str) -> str:
    """The file name of PDFium's library on a platform (as sys.platform names it)."""
    if platform.startswith(("win32", "cygwin", "msys")):
        return "pdfium.dll"
    if platform.startswith(("darwin", "ios")):
        return "libpdfium.dylib"
    return "libpdfium.so"


def library_file() -> Path | None:
    """Where pypdfium2 keeps its PDFium library, if it is there."""
    spec = importlib.util.find_spec("pypdfium2_raw")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    name = library_name(sys.platform)
    found = [Path(folder) / name for folder in folders if (Path(folder) / name).is_file()]
    return found[0] if found else None


def pdfium_functions() -> Any:
    """The functions and constants above, by name, from the library pypdfium2 ships."""
    path = library_file()
    if path is None:
        import pypdfium2_raw

        return pypdfium2_raw
    library = ctypes.CDLL(str(path))
    functions = SimpleNamespace(**CONSTANTS)
    for name, (arguments, result) in SIGNATURES.items():
        function = getattr(library, name)
        function.argtypes, function.restype = arguments, result
        setattr(functions, name, function)
    return functions
