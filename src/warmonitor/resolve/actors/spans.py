"""Small helpers of the claim extractor: its word lists, span trimming, subtrees, claim dates."""
from __future__ import annotations

import datetime as dt
import functools
import json
from typing import Any

from warmonitor.resolve.actors.registry import SOURCES_DIR


@functools.lru_cache(maxsize=1)
def claim_words() -> dict[str, Any]:
    """The word lists of ``data/sources/claims.json``."""
    return json.loads((SOURCES_DIR / "claims.json").read_text(encoding="utf-8"))


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:\"\u201c\u201d'\u2018\u2019"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:\"\u201c\u201d'\u2018\u2019"):
        end -= 1
    if end > start and text[end - 1] == "." and not text[start:end - 1].count("."):
        end -= 1
    if text[start:start + 5].lower() == "that " and end - start > 10:
        start += 5
    return start, end


def subtree_span(tok: Any, exclude: Any = None) -> tuple[int, int]:
    toks = [t for t in tok.subtree if exclude is None or t not in set(exclude.subtree)]
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def day(published: str | None, tokens: list[Any]) -> str | None:
    """The date a weekday or relative day word among ``tokens`` means, counted back from publication."""
    if not published:
        return None
    try:
        pub = dt.date.fromisoformat(published[:10])
    except ValueError:
        return None
    words = claim_words().get("day_words", {})
    weekdays = claim_words().get("weekdays", [])
    for t in tokens:
        low = t.text.lower()
        if low in weekdays:
            back = (pub.weekday() - weekdays.index(low)) % 7
            return (pub - dt.timedelta(days=back)).isoformat()
        if low in words:
            return (pub + dt.timedelta(days=int(words[low]))).isoformat()
    return None


def time_tokens(verb: Any) -> list[Any]:
    out: list[Any] = []
    for child in verb.children:
        if child.dep_ in ("prep", "npadvmod", "advmod", "pcomp") and child.i > verb.i - 3:
            out.extend(t for t in child.subtree if t.i < verb.i + 12)
    return out
