"""Open any PDF for reading: damaged, hostile, or locked with an owner password only.

A file that any viewer opens without asking for a password (an empty user password, as
owner-password "permissions" files have) is decrypted with pikepdf's reader, so pypdf needs
no cryptography package. Reading the file is the caller's job, behind `guarded`.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any, TypeVar

from pypdf import PdfReader
from pypdf.errors import DependencyError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

T = TypeVar("T")


class Unreadable(Exception):
    """The bytes are not a PDF we can open; the message says why, in a user's terms."""


def open_pdf(pdf: bytes) -> PdfReader:
    try:
        try:
            reader = PdfReader(io.BytesIO(pdf))
            encrypted = reader.is_encrypted
        except DependencyError:  # an AES-encrypted file, opened with the empty password
            encrypted = True
        if encrypted:
            reader = PdfReader(io.BytesIO(_decrypted(pdf)))
        list(reader.pages)  # the page tree is where damage shows first
    except Unreadable:
        raise
    except Exception as error:  # pypdf raises many kinds (and RecursionError) for damage
        raise Unreadable(describe(error)) from None
    return reader


def _decrypted(pdf: bytes) -> bytes:
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(pdf), password="") as document:
            buffer = io.BytesIO()
            document.save(buffer)
            return buffer.getvalue()
    except pikepdf.PasswordError:
        raise Unreadable("it is encrypted and needs a password to open") from None
    except pikepdf.PdfError as error:
        raise Unreadable(describe(error)) from None


def resolve(value: Any) -> Any:
    """The object behind a reference; None for a reference that leads nowhere."""
    try:
        return value.get_object() if isinstance(value, IndirectObject) else value
    except Exception:  # a dangling or damaged reference in a hostile file
        return None


def as_dict(value: Any) -> DictionaryObject | None:
    value = resolve(value)
    return value if isinstance(value, DictionaryObject) else None


def as_list(value: Any) -> list[Any]:
    value = resolve(value)
    return list(value) if isinstance(value, ArrayObject) else []


def guarded(action: Callable[[], T], fallback: Callable[[str], T]) -> T:
    """action(), or fallback(reason) when the file's damage makes it raise."""
    try:
        return action()
    except Exception as error:  # a hostile file can break any reader in any way
        return fallback(describe(error))


def describe(error: BaseException) -> str:
    if isinstance(error, RecursionError):
        return "objects nested too deeply to read"
    text = " ".join(str(error).split())[:160]
    return f"{text} ({type(error).__name__})" if text else type(error).__name__
