"""WARC archives (``.warc``, ``.warc.gz``) via warcio: each HTML response record -> Article.

A record that is not an HTML response is skipped; one that fails to parse becomes a Rejection naming
``file#offset`` and its target URI. A file that is not a WARC raises ``UnsupportedFormat``.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from warmonitor.errors import InputError, UnsupportedFormat
from warmonitor.model import Article, Rejection


def iter_warc(stream: BinaryIO, source: str, max_bytes: int | None = None) -> Iterator[Article | Rejection]:
    """Articles of the WARC ``stream``; ``source`` names it in errors."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from warmonitor.ingest.decode import max_bytes_default
    from warmonitor.ingest.html import from_html

    limit = max_bytes_default() if max_bytes is None else max_bytes
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
            name = f"{source}#{records.get_record_offset()} {uri}".strip()
            try:
                payload = record.content_stream().read(limit + 1)
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
