"""When was an article published, if its metadata does not say?

In order: a dateline among the page lines (``Article.furniture``, headline, the start of the body) ->
``page``; a date path in the URL -> ``url``; a wire dateline without a year ("CITY, Jun. 7 (Agency) -")
read in the year and month of the URL's path -> ``page``; else inferred from the text: the weekday the lede names
("early on Friday") taken on or after the latest dated caption (or explicit date in the body) ->
``inferred``. Confidences come from ``lexicon.json`` (``published_confidence``).
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from warmonitor.model import Article, Timex
from warmonitor.resolve.time import calendar as cal
from warmonitor.resolve.time.lexicon import lexicon, lookup
from warmonitor.resolve.time.tagger import tag
from warmonitor.resolve.time.tense import direction

_FULL_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_EXPLICIT = re.compile(r"\d")  # a date written with its day number, not a weekday or "yesterday"
_DATELINE_CHARS = 80
_DATELINE_END = re.compile(r"^\s*(?:$|\n|[-\u2013\u2014(|:/]|\d)")  # "PLACE, March 3, 2021 - ..."
_GLUED = re.compile(r"(?<=\d)(?=[A-Z][a-z])")  # "21.08.2013Get short URL": page words run together
_GLUED_YEAR = re.compile(r"(?<=[A-Za-z]\s)(\d{2})((?:19|20)\d{2})\b")  # "Apr 052017": day and year run together
_NUMERIC_STAMP_CHARS = 250  # a date written in digits this near the top of the body is the page stamp
_NUMERIC_DATE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{2,4}$")
_STAMP_WORDS = 4  # "Posted on", "Date of publication": at most this many words before a stamp at the top


def _full_dates(text: str) -> list[Timex]:
    """Day-precise dates with an explicit year ("Dec. 3, 2024", "Wed 05 Apr 2017", "2024-12-06")."""
    if not text:
        return []
    return [t for t in tag(text, None) if t.type in ("DATE", "TIME") and _FULL_DAY.match(t.value)]


def _conf(key: str) -> float:
    return float(lexicon()["published_confidence"][key])


def from_page(article: Article) -> tuple[str, float] | None:
    """A dateline in the page furniture (keyword lines first), in the headline, or at the very start
    of the body ("PLACE, March 3, 2021 - ...", "Posted on 3 March 2021 ...", "03-03-2021 Headline ..."),
    else a date written in digits near the top of the body ("Middle East 1449 03.03.2021 ...")."""
    keywords = lexicon()["dateline_keywords"]
    lines = [ln for ln in article.furniture if ln and ln.strip()]
    keyed = [ln for ln in lines if any(re.search(rf"\b{re.escape(k)}\b", ln, re.I) for k in keywords)]
    for group, conf in ((keyed, _conf("page_keyword")), (lines, _conf("page"))):
        for line in group:  # a stamp sits at the front of its line, not deep in a paragraph
            found = [t for t in _full_dates(_unglue(line[:_DATELINE_CHARS + 40])) if t.span.start < _DATELINE_CHARS]
            if found:
                return min(t.value[:10] for t in found), conf
    headline = _full_dates(article.headline or "")
    if headline:
        return headline[0].value[:10], _conf("body_dateline")
    head = _unglue((article.body or "")[:_DATELINE_CHARS + 40])
    for t in _full_dates(head):
        if t.span.end <= _DATELINE_CHARS and (
                _DATELINE_END.match(head[t.span.end:]) or _stamp_prefix(head[:t.span.start], keywords)):
            return t.value[:10], _conf("body_dateline")
    near = _unglue((article.body or "")[:_NUMERIC_STAMP_CHARS])
    for t in _full_dates(near):  # "Middle East 1449 06.04.2017 Get short URL": prose rarely writes dates in digits
        if _NUMERIC_DATE.match(t.span.text):
            return t.value[:10], _conf("body_dateline")
    return None


def _unglue(text: str) -> str:
    """Page words a scrape ran together, apart again, the text's length kept where it can be
    ("21.08.2013Get" -> "21.08.2013 Get"; "Apr 052017" -> "Apr 05 2017")."""
    return _GLUED_YEAR.sub(r"\1 \2", _GLUED.sub(" ", text))


def _stamp_prefix(before: str, keywords: list[str]) -> bool:
    """Text before a date at the top of the body that makes the date the page's stamp: nothing but
    punctuation ("15-09-2013 Headline ..."), or a few words holding a dateline keyword ("Posted on")."""
    words = re.findall(r"[^\W\d_]+", before)
    if not words:
        return not before.strip(" \t\n|-\u2013\u2014:")  # digits before ("0041 06.04.2017") are no stamp
    return len(words) <= _STAMP_WORDS and any(
        re.search(rf"\b{re.escape(k)}\b", before, re.I) for k in keywords)


def from_url(url: str | None) -> str | None:
    """``https://site/2024/12/06/slug`` -> ``2024-12-06``."""
    if not url:
        return None
    for pattern in lexicon()["url_date_patterns"]:
        m = re.search(pattern, url, re.IGNORECASE)
        if m:
            groups = m.groupdict()
            month = lookup("months", groups["mon"]) if groups.get("mon") else int(groups["m"])
            if not month:
                continue
            d = cal.safe_date(int(m.group("y")), month, int(m.group("d")))
            if d:
                return d.isoformat()
    return None


def _weekdays(text: str) -> list[int]:
    """Weekdays the text names as past or present days (not "next Monday", not future tense)."""
    out: list[int] = []
    for t in tag(text, None):
        m = re.match(r"XXXX-WXX-(\d)$", t.value)
        if not m or t.type != "DATE":
            continue
        if re.search(r"\b(next|last|this|coming|past)\s+$", text[max(0, t.span.start - 8):t.span.start], re.I):
            continue
        if direction(text, t.span.start, t.span.end) == "future":
            continue
        out.append(int(m.group(1)) - 1)
    return out


def infer_from_text(article: Article) -> tuple[str, float] | None:
    """The first day on or after the latest dated caption (or explicit date of the lede, in the caption's
    year when the lede gives none; else the latest explicit date of the lede) that falls on the weekday
    the lede names; the anchor itself when no weekday is named, or when the
    lede's weekday is the anchor's day or the day before (a photo of the lede's event)."""
    caption_days: list[date] = []
    for cap in article.captions:
        if cap.date and _FULL_DAY.match(cap.date):
            caption_days.append(date.fromisoformat(cap.date[:10]))
        else:
            caption_days += [date.fromisoformat(t.value[:10]) for t in _full_dates(cap.text)]
    lede = " ".join(x for x in (article.standfirst, article.body) if x)
    lede = lede[: int(lexicon()["settings"]["lede_chars"])]
    body_days = [date.fromisoformat(t.value[:10]) for t in _full_dates(lede)
                 if direction(lede, t.span.start, t.span.end) != "future"]
    if caption_days:  # "on Dec. 5" in the lede, read in the caption's year
        ref = max(caption_days).isoformat()
        caption_days += [date.fromisoformat(t.value) for t in tag(lede, ref)
                         if t.type == "DATE" and t.precision == "day" and _FULL_DAY.match(t.value)
                         and _EXPLICIT.search(t.span.text) and t.value >= ref
                         and direction(lede, t.span.start, t.span.end) != "future"]
    weekdays = _weekdays(lede)
    if caption_days:
        anchor, with_wd, alone = max(caption_days), "caption_and_weekday", "caption_only"
    elif body_days:
        anchor, with_wd, alone = max(body_days), "body_date_and_weekday", "body_date_only"
    else:
        return None
    if not weekdays:
        return anchor.isoformat(), _conf(alone)
    back = (anchor.weekday() - weekdays[0]) % 7
    if back <= int(lexicon()["settings"]["caption_event_gap_days"]):
        return anchor.isoformat(), _conf(with_wd)  # the lede's day is the anchor's day or the day before
    day = anchor + timedelta(days=(weekdays[0] - anchor.weekday()) % 7)
    return day.isoformat(), _conf(with_wd)


def url_month(url: str | None) -> tuple[int, int] | None:
    """``https://site/2024/06/slug`` -> ``(2024, 6)`` (``url_month_patterns``: groups y and m)."""
    if not url:
        return None
    for pattern in lexicon().get("url_month_patterns", []):
        m = re.search(pattern, url, re.IGNORECASE)
        if m and 1 <= int(m.group("m")) <= 12:
            return int(m.group("y")), int(m.group("m"))
    return None


def from_dateline_in_url_month(article: Article) -> str | None:
    """A wire dateline without a year at the very start of the body ("CITY, Jun. 7 (Agency) - ...") read
    in the year and month of the URL's path (``/2024/06/slug``); only when it falls in that month."""
    month = url_month(article.url)
    if month is None:
        return None
    ref = date(month[0], month[1], 1).isoformat()
    head = _unglue((article.body or "")[:_DATELINE_CHARS + 40])
    for t in tag(head, ref):
        if t.type != "DATE" or t.precision != "day" or not _FULL_DAY.match(t.value) or not _EXPLICIT.search(t.span.text):
            continue
        if t.span.end <= _DATELINE_CHARS and _DATELINE_END.match(head[t.span.end:].lstrip(",")) \
                and (int(t.value[:4]), int(t.value[5:7])) == month:
            return t.value[:10]
    return None


def infer_published(article: Article) -> tuple[str | None, str | None, float]:
    """``(date, how, confidence)``: how is ``page``, ``url`` or ``inferred``; ``(None, None, 0.0)``
    when nothing in the article dates it."""
    page = from_page(article)
    if page:
        return page[0], "page", page[1]
    url = from_url(article.url)
    if url:
        return url, "url", _conf("url")
    wire = from_dateline_in_url_month(article)
    if wire:
        return wire, "page", _conf("url_month_dateline")
    inferred = infer_from_text(article)
    if inferred:
        return inferred[0], "inferred", inferred[1]
    return None, None, 0.0
