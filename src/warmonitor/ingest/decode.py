"""Reading raw input safely: size limit, empty, binary and encoding checks.

Every check raises an :class:`~warmonitor.errors.InputError` subclass whose one-line message names
the input and the reason; nothing here returns a silent ``None``.
"""
from __future__ import annotations

import codecs
import functools
import os
import re
from pathlib import Path
from typing import BinaryIO

from warmonitor.errors import BinaryInput, EmptyInput, EncodingError, TooLarge, UnreadableInput

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
"""Default size limit of one input (10 MB); ``WARMONITOR_MAX_INPUT_BYTES`` overrides it."""

CONTROL_RATIO = 0.05
"""Share of control characters (other than tab, newlines, form feed) above which input is binary."""

# Signatures of common binary formats: (prefix, name).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "an executable"),
    (b"SQLite format 3", "an SQLite database"),
)
_ALLOWED_CONTROLS = {9, 10, 11, 12, 13, 27}


def max_bytes_default() -> int:
    """The size limit in force: ``WARMONITOR_MAX_INPUT_BYTES`` when set, else 10 MB."""
    raw = os.environ.get("WARMONITOR_MAX_INPUT_BYTES")
    if raw and raw.strip().isdigit():
        return int(raw)
    return DEFAULT_MAX_BYTES


def read_bytes(path: Path, name: str, max_bytes: int | None = None) -> bytes:
    """The bytes of file ``path`` (``name`` is how the input is named in errors)."""
    limit = max_bytes_default() if max_bytes is None else max_bytes
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UnreadableInput("no such file", input=name) from None
    except OSError as err:
        raise UnreadableInput(f"cannot read ({err.strerror or err})", input=name) from None
    if path.is_dir():
        raise UnreadableInput("is a directory without article.txt or article.html", input=name)
    if size > limit:
        raise TooLarge(f"{size} bytes is over the {limit}-byte limit", input=name)
    try:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except PermissionError:
        raise UnreadableInput("permission denied", input=name) from None
    except OSError as err:
        raise UnreadableInput(f"cannot read ({err.strerror or err})", input=name) from None
    if len(data) > limit:
        raise TooLarge(f"more than {limit} bytes", input=name)
    return data


def open_stream(path: Path, name: str) -> BinaryIO:
    """``path`` opened for binary reading, with the same one-line errors as ``read_bytes``."""
    if path.is_dir():
        raise UnreadableInput("is a directory without article.txt or article.html", input=name)
    try:
        stream = path.open("rb")
    except FileNotFoundError:
        raise UnreadableInput("no such file", input=name) from None
    except PermissionError:
        raise UnreadableInput("permission denied", input=name) from None
    except OSError as err:
        raise UnreadableInput(f"cannot read ({err.strerror or err})", input=name) from None
    return stream


def check_size(data: bytes | str, name: str, max_bytes: int | None = None) -> None:
    """Raise TooLarge when ``data`` is over the limit."""
    limit = max_bytes_default() if max_bytes is None else max_bytes
    size = len(data.encode("utf-8", "surrogatepass")) if isinstance(data, str) else len(data)
    if size > limit:
        raise TooLarge(f"{size} bytes is over the {limit}-byte limit", input=name)


def check_binary(data: bytes, name: str) -> None:
    """Raise BinaryInput for NUL bytes, a known binary signature, or too many control bytes."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return  # UTF-16 text: decoded below
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise BinaryInput(f"binary input ({what})", input=name)
    head = data[:65536]
    nul = head.find(b"\x00")
    if nul >= 0:
        raise BinaryInput(f"binary input (NUL byte at offset {nul})", input=name)
    if head:
        controls = sum(1 for b in head if b < 32 and b not in _ALLOWED_CONTROLS)
        if controls / len(head) > CONTROL_RATIO:
            raise BinaryInput(f"binary input ({controls} control bytes in the first {len(head)})", input=name)


def check_text(text: str, name: str) -> None:
    """Raise EmptyInput for blank text and BinaryInput for NULs or many control characters."""
    if not text.strip():
        raise EmptyInput("empty input (no text)", input=name)
    nul = text.find("\x00")
    if nul >= 0:
        raise BinaryInput(f"binary input (NUL character at offset {nul})", input=name)
    head = text[:65536]
    controls = len(_control_chars().findall(head))
    if controls / len(head) > CONTROL_RATIO:
        raise BinaryInput(f"binary input ({controls} control characters in the first {len(head)})", input=name)


@functools.lru_cache(maxsize=1)
def _control_chars() -> re.Pattern[str]:
    """The control characters (below 32) that text does not carry (tab, newline... are allowed)."""
    return re.compile("[" + "".join(re.escape(chr(c)) for c in range(32) if c not in _ALLOWED_CONTROLS) + "]")


_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING_RE = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares in its first 4 KB, if any."""
    head = data[:4096]
    m = _CHARSET_RE.search(head) or _XML_ENCODING_RE.search(head)
    if not m:
        return None
    label = m.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode(data: bytes, name: str, *, markup: bool = False) -> str:
    """Bytes to text: checks, then UTF-8 (BOM stripped), then for markup the declared charset.

    Raises EmptyInput, BinaryInput or EncodingError (naming the first bad byte offset).
    """
    if not data.strip():
        raise EmptyInput("empty input (0 bytes)" if not data else "empty input (only whitespace)", input=name)
    check_binary(data, name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise EncodingError(f"not valid UTF-16 at byte offset {err.start}", input=name) from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            charset = declared_charset(data) if markup else None
            if charset and charset not in ("utf-8", "utf_8"):
                try:
                    text = data.decode(charset)
                except UnicodeDecodeError as err2:
                    raise EncodingError(
                        f"not valid {charset} (declared) at byte offset {err2.start}", input=name
                    ) from None
            else:
                raise EncodingError(f"not valid UTF-8 at byte offset {err.start}", input=name) from None
    check_text(text, name)
    return text
