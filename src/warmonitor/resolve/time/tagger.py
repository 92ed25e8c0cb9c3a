"""The rule-based TIMEX3 tagger: every rule of ``rules.json`` is matched, overlaps keep the longest,
and each kept match is normalised against the reference date (weekdays by tense, "the day before"
against the last date mentioned)."""
from __future__ import annotations

import functools
import re
from datetime import date, timedelta
from typing import Any

from warmonitor.errors import UsageError
from warmonitor.model import Span, Timex
from warmonitor.resolve.time import calendar as cal
from warmonitor.resolve.time.lexicon import Rule, lexicon, need_hits, rules
from warmonitor.resolve.time.normalize import ANCHORED, NORMALISERS, Scope
from warmonitor.resolve.time.tense import direction, sentence_bounds

WINDOW = 60
CLOCK_NORMS = frozenset({"clock", "overnight"})
_PUNCT_AFTER = set(",.;:)'\"”’!?-—")
_WORD = re.compile(r"[\w'.]+")


def _plausible_year(text: str, m: re.Match[str], doc: Any) -> bool:
    """A bare four-digit number is a year after "in", "since"..., before punctuation, or as a modifier
    of a capitalised name; not when it counts things ("2000 troops")."""
    g = m.groupdict()
    if g.get("mod") or g.get("pre"):
        return True
    start, end = m.span()
    nxt = _WORD.match(text[end:end + 20].lstrip())
    if nxt and nxt.group(0).lower().rstrip(".") in lexicon().get("clock_zones", []):
        return False  # "at 7pm (1600 GMT)": a clock time
    if doc is not None and len(doc.text) == len(text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            tok = span[-1]
            while tok.dep_ == "conj" and tok.head.like_num:  # "between 500 and 1300 people"
                tok = tok.head
            if tok.dep_ == "nummod" and tok.head.tag_ in ("NNS", "NNPS"):
                return False
    before = text[max(0, start - 12):start].split()
    if before and before[-1].lower().strip("(,") in lexicon()["year_preps"]:
        return True
    rest = text[end:end + 20]
    if not rest.strip() or rest[0] in _PUNCT_AFTER or rest.startswith("\n"):
        return True
    nxt = _WORD.match(rest.lstrip())
    return bool(nxt and nxt.group(0)[0].isupper())


def _pos_ok(rule: Rule, m: re.Match[str], text: str, doc: Any) -> bool:
    """Frequency words used as nouns ("the party daily Granma") are not sets."""
    if rule.norm != "set_word" or doc is None or len(doc.text) != len(text):
        return True
    span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
    return span is None or span.root.pos_ not in ("NOUN", "PROPN")


def _month_ok(m: re.Match[str], text: str, doc: Any) -> bool:
    """A bare "May" or "March" is a month after "in", "until", "last"... and never a person ("Theresa May")."""
    g = m.groupdict()
    word = (g.get("month") or "").lower()
    if word not in lexicon()["ambiguous_months"] or g.get("mod"):
        return True
    if doc is not None and len(doc.text) == len(text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None and len(span) and span.root.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            return False
    before = text[max(0, m.start() - 20):m.start()].split()
    return bool(before) and before[-1].lower() in lexicon()["month_preps"]




def _single_duration_ok(m: re.Match[str], text: str, doc: Any) -> bool:
    """"a day", "an hour", "one day" count after "for", "within"... or before "after", "ago"..., or as
    a rate ("$1 billion a year", "hundreds of interviews a day"): not "not a day goes by"."""
    g = m.groupdict()
    if (g.get("num") or "").lower() not in ("a", "an", "one") or g.get("mod") or not g.get("unit"):
        return True
    lx = lexicon()
    before = text[max(0, m.start() - 20):m.start()].split()
    after = re.findall(r"[\w']+", text[m.end():m.end() + 12])
    prev = before[-1].lower().strip(",;:") if before else ""
    if prev in lx["single_duration_preps"] or (after and after[0].lower() in lx["relation_words"]):
        return True
    if "-" in m.group(0) or text[m.end():m.end() + 1] == "-" or prev in lexicon()["rate_words"] or prev[:1].isdigit():
        return True
    if doc is not None and len(doc.text) == len(text) and g["num"].lower() in ("a", "an"):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None and span.start > 0 and doc[span.start - 1].tag_ in ("NNS", "CD"):
            return True  # a rate: "interviews a day"
    return False


def _capital_ok(rule: Rule, m: re.Match[str]) -> bool:
    if not rule.capital:
        return True
    for key in ("month", "wd", "holiday"):
        word = m.groupdict().get(key)
        if word:
            return word[0].isupper()
    return m.group(0)[0].isupper()


def _windows(text: str, hits: list[int], margin: int = WINDOW) -> list[tuple[int, int]]:
    """Stretches of ``text`` around the positions ``hits``, merged, each ending at a blank."""
    out: list[tuple[int, int]] = []
    n = len(text)
    for pos in sorted(hits):
        lo, hi = max(0, pos - margin), min(n, pos + margin)
        while hi < n and not text[hi].isspace():
            hi += 1
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _candidates(text: str, doc: Any) -> list[tuple[int, int, int, Rule, re.Match[str]]]:
    """Every match of every rule, run only near the words the rule needs; longest first."""
    found = []
    hits = need_hits(text, {need for rule in rules() for need in rule.needs})
    windows: dict[tuple[str, ...], list[tuple[int, int]]] = {}  # rules that need the same words share them
    for i, rule in enumerate(rules()):
        if rule.needs:
            key = tuple(rule.needs)
            if key not in windows:
                windows[key] = _windows(text, [p for need in rule.needs for p in hits[need]])
            spans = windows[key]
        else:
            spans = [(0, len(text))]
        for lo, hi in spans:
            for m in rule.regex.finditer(text, lo, hi):
                if m.end() <= m.start() or not _capital_ok(rule, m) or not _pos_ok(rule, m, text, doc):
                    continue
                if rule.name == "year" and not _plausible_year(text, m, doc):
                    continue
                if rule.norm in ("m", "rel_month") and not _month_ok(m, text, doc):
                    continue
                if rule.name == "duration" and not _single_duration_ok(m, text, doc):
                    continue
                found.append((m.start(), m.end(), i, rule, m))
    found.sort(key=lambda c: (c[0] - c[1], c[0], c[2]))
    return found


def _day_of(rule: Rule, m: re.Match[str], ref: date | None) -> date | None:
    """The day an absolute or DCT-relative match names (for anchoring clock times), else None."""
    if rule.norm in ANCHORED or rule.norm in CLOCK_NORMS:
        return None
    found = NORMALISERS[rule.norm](m, Scope(ref=ref, default_type=rule.type))
    if not found or cal.precision_of(found[1], found[0]) != "day":
        return None
    rng = cal.value_range(found[1])
    return rng[0] if rng else None


def is_background(value: str, type_: str, ref: date | None) -> bool:
    """A DATE/TIME value that ends ``background_days`` or more before the reference date."""
    if ref is None or type_ not in ("DATE", "TIME"):
        return False
    rng = cal.value_range(value)
    if rng is None:
        return False
    days = int(lexicon()["settings"]["background_days"])
    return rng[1] < ref - timedelta(days=days)


def tag(text: str, ref: str | None, doc: Any = None) -> list[Timex]:
    """TIMEX3 expressions of ``text`` with values resolved against ``ref`` (``YYYY-MM-DD`` or None).

    ``doc`` (a spaCy Doc of the same text) lets the governing verb's tense decide which way weekdays
    and month names point. Offsets are into ``text``; the list is in text order.
    """
    if not isinstance(text, str):
        raise UsageError(f"tag() needs text as str, got {type(text).__name__}")
    ref_date = cal.parse_ref(ref)
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[int, int, Rule, re.Match[str]]] = []
    for start, end, _, rule, m in _candidates(text, doc):
        if any(start < e and s < end for s, e in taken):
            continue
        probe = Scope(ref=ref_date, default_type=rule.type)
        if NORMALISERS[rule.norm](m, probe) is None:
            continue
        taken.append((start, end))
        chosen.append((start, end, rule, m))
    chosen.sort(key=lambda c: c[0])
    out: list[Timex] = []
    anchor: date | None = None
    coarse: date | None = None
    days = [(s, e, _day_of(rule, m, ref_date)) for s, e, rule, m in chosen]
    for start, end, rule, m in chosen:
        if rule.norm in CLOCK_NORMS:  # a clock time takes the day named in its own sentence
            left, right = sentence_bounds(text, start, end)
            same = [d for s, e, d in days if d and left <= s < right and (s, e) != (start, end)]
            use_anchor = same[-1] if same else None
        else:
            use_anchor = anchor if rule.norm in ANCHORED else None
        scope = Scope(
            ref=ref_date,
            anchor=use_anchor,
            coarse_anchor=coarse if rule.norm in ANCHORED else None,
            tense=functools.partial(direction, text, start, end, doc),
            default_type=rule.type,
        )
        result = NORMALISERS[rule.norm](m, scope)
        if result is None:
            continue
        type_, value = result
        precision = cal.precision_of(value, type_)
        out.append(Timex(Span.of(text, start, end), type_, value, precision, is_background(value, type_, ref_date)))
        rng = cal.value_range(value) if type_ in ("DATE", "TIME") else None
        if rng and precision in ("day", "time"):
            anchor = rng[0]
        if rng and precision in ("day", "time", "week", "month", "year"):
            coarse = rng[0]
    return out
