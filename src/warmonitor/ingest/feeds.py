"""RSS/Atom feeds via feedparser: each entry -> Article; ``poll_feed`` with conditional requests.

``poll_feed(url, state, fetch=...)`` sends ``If-None-Match``/``If-Modified-Since`` from ``state``,
returns only entries not seen before, and updates ``state`` in place (a plain dict, JSON-serialisable,
so a caller can keep it between runs). ``fetch`` is injectable, so tests run offline.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

from warmonitor.errors import InputError, NoText, UnreadableInput, UnsupportedFormat
from warmonitor.model import Article, Rejection

Fetch = Callable[[str, dict[str, str]], tuple[int, dict[str, str], bytes]]
"""``fetch(url, request_headers) -> (status, response_headers, body)``."""

MAX_SEEN = 5000
"""How many entry ids ``state['seen']`` keeps."""


def _date(parsed: Any) -> str | None:
    if not parsed:
        return None
    try:
        return time.strftime("%Y-%m-%d", parsed)
    except (TypeError, ValueError):
        return None


def _entry_id(entry: Any) -> str:
    return str(entry.get("id") or entry.get("link") or entry.get("title") or "")


def entry_article(entry: Any, feed: Any, name: str) -> Article:
    """One feedparser entry -> Article (``name`` names it in errors)."""
    from warmonitor.ingest.html import fragment_text
    from warmonitor.ingest.text import from_text

    content = ""
    if entry.get("content"):
        content = " ".join(str(c.get("value", "")) for c in entry["content"])
    content = content or str(entry.get("summary") or entry.get("description") or "")
    text = fragment_text(content)
    if not text.strip():
        raise NoText("feed entry has no text", input=name)
    meta: dict[str, Any] = {"path": name}
    if entry.get("title"):
        meta["headline"] = fragment_text(str(entry["title"]))
    if entry.get("link"):
        meta["url"] = str(entry["link"])
    if feed.get("title"):
        meta["outlet"] = fragment_text(str(feed["title"]))
    published = _date(entry.get("published_parsed") or entry.get("updated_parsed"))
    if published:
        meta["published"] = published
    lang = entry.get("language") or feed.get("language")
    if lang:
        meta["language"] = str(lang).split("-")[0].split("_")[0]
    if entry.get("author"):
        meta["byline"] = str(entry["author"])
    art = from_text(text, meta)
    art.case = _entry_id(entry) or name
    return art


def parse_feed(data: bytes, source: str) -> tuple[Any, list[Any]]:
    """(feed metadata, entries) of RSS/Atom ``data``; raises UnsupportedFormat when it is no feed."""
    import feedparser

    parsed = feedparser.parse(data)
    version = parsed.get("version")
    if not parsed.entries and (parsed.get("bozo") or not version):
        reason = parsed.get("bozo_exception")
        why = str(reason).splitlines()[0][:80] if reason else "no RSS or Atom root element"
        raise UnsupportedFormat(f"not an RSS/Atom feed ({why})", input=source)
    return parsed.feed, list(parsed.entries)


def iter_feed(data: bytes, source: str) -> Iterator[Article | Rejection]:
    """Articles of the feed document ``data``; a bad entry becomes a Rejection naming ``source#N``."""
    feed, entries = parse_feed(data, source)
    if not entries:
        raise NoText("feed has no entries", input=source)
    for n, entry in enumerate(entries, start=1):
        name = f"{source}#{n}"
        try:
            art = entry_article(entry, feed, name)
            art.path = source
            yield art
        except InputError as err:
            yield Rejection(input=name, code=err.code, reason=err.reason)


def urllib_fetch(url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    """The default ``fetch``: an HTTP GET with urllib (304 is returned, not raised)."""
    import urllib.error
    import urllib.request

    req = urllib.request.Request(url, headers={"User-Agent": "warmonitor", **headers})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310 - the user's feed URL
            return resp.status, dict(resp.headers.items()), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers.items()) if err.headers else {}, b""
    except (urllib.error.URLError, OSError) as err:
        raise UnreadableInput(f"cannot fetch ({getattr(err, 'reason', err)})", input=url) from None


def _header(headers: dict[str, str], key: str) -> str | None:
    for k, v in headers.items():
        if k.lower() == key.lower():
            return v
    return None


def poll_feed(url: str, state: MutableMapping[str, Any], fetch: Fetch | None = None) -> list[Article | Rejection]:
    """New entries of the feed at ``url`` since the last poll recorded in ``state``.

    ``state`` keys: ``etag``, ``modified`` (sent back as conditional headers) and ``seen`` (entry
    ids already returned). A 304 answer returns ``[]``; an HTTP error raises ``UnreadableInput``.
    """
    fetch = fetch or urllib_fetch
    headers: dict[str, str] = {}
    if state.get("etag"):
        headers["If-None-Match"] = str(state["etag"])
    if state.get("modified"):
        headers["If-Modified-Since"] = str(state["modified"])
    status, resp_headers, body = fetch(url, headers)
    if status == 304:
        return []
    if status >= 400 or status < 200:
        raise UnreadableInput(f"HTTP status {status}", input=url)
    etag, modified = _header(resp_headers, "ETag"), _header(resp_headers, "Last-Modified")
    if etag:
        state["etag"] = etag
    if modified:
        state["modified"] = modified
    seen = list(state.get("seen") or [])
    seen_set = set(seen)
    feed, entries = parse_feed(body, url)
    out: list[Article | Rejection] = []
    for n, entry in enumerate(entries, start=1):
        key = _entry_id(entry)
        if key and key in seen_set:
            continue
        name = f"{url}#{n}"
        try:
            art = entry_article(entry, feed, name)
            art.path = url
            out.append(art)
        except InputError as err:
            out.append(Rejection(input=name, code=err.code, reason=err.reason))
        if key:
            seen.append(key)
            seen_set.add(key)
    state["seen"] = seen[-MAX_SEEN:]
    return out
