"""A small reader of full calendar dates in short spans (photo captions, datelines, metadata).

Only complete dates with a year are read ("on Dec. 3, 2024", "7 December 2024", "2024-12-03",
"12/03/2024" is ambiguous and not read); month names come from ``furniture.json``. Relative or
partial dates are the time stage's business.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from warmonitor.ingest.rules import furniture


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    month = furniture().month_re
    return (
        re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),
        re.compile(rf"\b(?P<mon>{month})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I),
        re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?[\s,]+(?P<mon>{month})\.?,?\s+(?P<y>\d{{4}})\b", re.I),
    )


def _build(m: re.Match[str]) -> str | None:
    parts = m.groupdict()
    try:
        month = int(parts["m"]) if parts.get("m") else furniture().months[parts["mon"].casefold()]
        day = dt.date(int(parts["y"]), month, int(parts["d"]))
    except (KeyError, ValueError):
        return None
    return day.isoformat()


def find_date(text: str) -> str | None:
    """The first full date in ``text`` as ``YYYY-MM-DD``, or None when it holds none."""
    best: tuple[int, str] | None = None
    for pat in _patterns():
        for m in pat.finditer(text):
            value = _build(m)
            if value and (best is None or m.start() < best[0]):
                best = (m.start(), value)
                break
    return best[1] if best else None


def normalise_date(value: object) -> str | None:
    """A metadata date (``2024-12-06``, ``2024-12-06T10:00:00Z``, ``6 December 2024``) as ``YYYY-MM-DD``."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    return find_date(text)


@lru_cache(maxsize=1)
def _agency_re() -> re.Pattern[str]:
    names = sorted(furniture().agencies, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


def is_dateline(line: str) -> bool:
    """True when ``line`` is only a date or a time stamp ('Wed 05 Apr 2017 10.32 BST', '21, November 2023')."""
    if len(line) > 80:
        return False
    rules = furniture()
    tokens = re.findall(r"[^\W\d_]+|\d+", _agency_re().sub(" ", line).casefold())
    if not tokens:
        return False
    has_month = any(t in rules.months for t in tokens)
    has_year = any(len(t) == 4 and t.isdigit() and 1900 <= int(t) <= 2100 for t in tokens)
    has_iso = bool(re.search(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b", line))
    if not (has_iso or (has_month and (has_year or re.search(r"\d", line)))):
        return False
    other = [t for t in tokens if not t.isdigit() and t not in rules.months and t not in rules.date_tokens]
    return not other


def split_date_prefix(line: str) -> tuple[str, str] | None:
    """(date prefix, rest) when ``line`` starts with a dateline ('09/28/2024 Sept 28, 2024 Rebels ...')."""
    words = line.split(" ")
    best = 0
    open_words = furniture().dateline_open_words
    for n in range(1, min(len(words), 10) + 1):
        if words[n - 1].strip(" -–—|:,").casefold() in open_words:
            continue  # 'At' of 'July 2 2016 At least 16 ...' opens the sentence after the date
        if is_dateline(" ".join(words[:n]).rstrip(" -–—|:,")):
            best = n
    if best == 0 or best == len(words):
        return None
    prefix, rest = " ".join(words[:best]), " ".join(words[best:]).lstrip(" -–—|:,")
    return (prefix, rest) if rest else None
