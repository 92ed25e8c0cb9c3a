"""WARC archives (``.warc``, ``.warc.gz``) via warcio: each HTML response record -> Article.

A record that is not an HTML response is skipped; one that fails to parse becomes a Rejection naming
``file#offset`` and its target URI. A file that is not a WARC raises ``UnsupportedFormat``. WARC files are streamed: the size limit
applies to each record, not to the archive.
"""
from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from typing import BinaryIO

from warmonitor.errors import EmptyInput, InputError, UnsupportedFormat
from warmonitor.model import Article, Rejection


def _check_magic(stream: BinaryIO, source: str) -> None:
    """Raise UnsupportedFormat unless ``stream`` (seekable) starts with a WARC record, gzipped or not."""
    head = stream.read(65536)
    stream.seek(0)
    if not head:
        raise EmptyInput("empty input (0 bytes)", input=source)
    if head.startswith(b"\x1f\x8b"):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(head)) as gz:
                head = gz.read(5)
        except (OSError, EOFError):
            head = b""
    if not head.startswith(b"WARC/"):
        raise UnsupportedFormat("not a WARC archive (no WARC/ record header)", input=source)


def iter_warc(stream: BinaryIO, source: str, max_bytes: int | None = None) -> Iterator[Article | Rejection]:
    """Articles of the WARC ``stream``; ``source`` names it in errors."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from warmonitor.ingest.decode import max_bytes_default
    from warmonitor.ingest.html import from_html

    limit = max_bytes_default() if max_bytes is None else max_bytes
    _check_magic(stream, source)
    found = False
    try:
        records = ArchiveIterator(stream)
        for record in records:
            found = True
            if record.rec_type != "response" or record.http_headers is None:
                continue
            ctype = (record.http_headers.get_header("Content-Type") or "").lower()
            if "html" not in ctype:
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            payload = record.content_stream().read(limit + 1)  # read before asking for the offset
            name = f"{source}#{records.get_record_offset()} {uri}".strip()
            try:
                if len(payload) > limit:
                    yield Rejection(input=name, code="WM105", reason=f"record over the {limit}-byte limit")
                    continue
                art = from_html(payload, {"url": uri or None, "path": name})
                art.case = uri or name
                art.path = source
                yield art
            except InputError as err:
                yield Rejection(input=name, code=err.code, reason=err.reason)
    except ArchiveLoadFailed as err:
        raise UnsupportedFormat(f"not a WARC archive ({str(err).splitlines()[0][:80]})", input=source) from None
    except (OSError, EOFError, ValueError) as err:
        raise UnsupportedFormat(f"truncated or corrupt WARC ({type(err).__name__})", input=source) from None
    if not found:
        raise UnsupportedFormat("no WARC records", input=source)
