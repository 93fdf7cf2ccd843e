"""Decode a Python file the way the interpreter would, and remember how to write it back."""

from __future__ import annotations

import codecs
import io
import tokenize
from dataclasses import dataclass
from pathlib import Path


class SourceError(Exception):
    """Error for a file that cannot be read as Python source; the message gives the reason and the fix."""


@dataclass
class Source:
    """Decoded text of one file, plus what is needed to write it back byte for byte."""

    path: Path
    text: str
    encoding: str = "utf-8"
    has_bom: bool = False

    def encode(self, text: str) -> bytes:
        data = text.encode(self.encoding)
        if self.has_bom and not data.startswith(codecs.BOM_UTF8):
            data = codecs.BOM_UTF8 + data
        return data


def decode_source(path: Path, data: bytes) -> Source:
    """Decode bytes with the PEP 263 cookie or BOM; raise SourceError for binary or undecodable data."""
    if b"\x00" in data[:8192]:
        raise SourceError(f"{path}: contains NUL bytes, so it is not Python source; exclude it with --exclude")

    has_bom = data.startswith(codecs.BOM_UTF8)
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as error:
        raise SourceError(f"{path}: invalid encoding declaration ({error}); fix the coding cookie") from None

    # detect_encoding reports "utf-8-sig" for a BOM; decode without it and add it back on write.
    if encoding == "utf-8-sig":
        encoding = "utf-8"
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as error:
        raise SourceError(
            f"{path}: cannot be decoded as {encoding} ({error}); save it as UTF-8 or declare its encoding"
        ) from None
    return Source(path=path, text=text, encoding=encoding, has_bom=has_bom)


def read_source(path: Path) -> Source:
    """Read and decode one file; raise SourceError with the path and reason when that fails."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(f"{path}: cannot be read ({error.strerror or error}); check its permissions") from None
    return decode_source(path, data)
