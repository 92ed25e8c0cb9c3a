"""JSONL dumps: one article per line -> Article, a bad line -> Rejection naming ``file:line``.

Keys of a line: ``text`` or ``body`` (required), ``title``/``headline``, ``url``, ``outlet``,
``published``, ``language``, ``id``, ``html`` (a page, read with ``from_html`` when no text is given).
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from warmonitor.errors import InputError, UnsupportedFormat
from warmonitor.ingest.decode import check_size, decode
from warmonitor.model import Article, Rejection

META_KEYS = ("url", "outlet", "published", "language", "byline", "author", "standfirst")


def record_article(record: Any, name: str) -> Article:
    """One JSON object -> Article (``name`` names it in errors)."""
    from warmonitor.ingest.html import from_html
    from warmonitor.ingest.text import from_text

    if not isinstance(record, dict):
        raise UnsupportedFormat(f"a JSON object was expected, not {type(record).__name__}", input=name)
    meta: dict[str, Any] = {k: record[k] for k in META_KEYS if record.get(k) not in (None, "")}
    headline = record.get("headline") or record.get("title")
    if headline:
        meta["headline"] = headline
    meta["path"] = name
    text = record.get("text") or record.get("body")
    if text is None and record.get("html"):
        return from_html(str(record["html"]), meta)
    if not isinstance(text, str):
        raise UnsupportedFormat("no 'text' or 'body' string", input=name)
    art = from_text(text, meta)
    if record.get("id") not in (None, ""):
        art.case = str(record["id"])
    return art


def iter_jsonl(lines: Iterable[bytes], source: str, max_bytes: int | None = None) -> Iterator[Article | Rejection]:
    """Articles of the JSONL ``lines`` of ``source``; every bad line becomes a Rejection (``source:N``)."""
    seen = False
    for n, raw in enumerate(lines, start=1):
        name = f"{source}:{n}"
        if not raw.strip():
            continue
        seen = True
        try:
            check_size(raw, name, max_bytes)
            text = decode(raw, name)
            try:
                record = json.loads(text)
            except json.JSONDecodeError as err:
                raise UnsupportedFormat(f"invalid JSON ({err.msg} at column {err.colno})", input=name) from None
            art = record_article(record, name)
            if art.case is None:
                art.case = name
            art.path = source
            yield art
        except InputError as err:
            yield Rejection(input=name, code=err.code, reason=err.reason)
    if not seen:
        yield Rejection(input=source, code="WM101", reason="empty input (no JSON lines)")
