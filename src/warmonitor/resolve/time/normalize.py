"""Normalisers: the named groups of a rule match -> a TIMEX3 value.

Each normaliser takes the match and a ``Scope`` (reference date, the last date mentioned before the
expression, a lazy tense lookup) and returns ``(type, value)`` or None when the match is not a time
expression after all (``February 30``, ``May`` the verb...).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from warmonitor.resolve.time import calendar as cal
from warmonitor.resolve.time.lexicon import lexicon, lookup

Result = tuple[str, str] | None
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_SEASONS = ("WI", "SP", "SU", "FA")


@dataclass
class Scope:
    """What a normaliser may consult besides the match."""

    ref: date | None
    anchor: date | None = None
    coarse_anchor: date | None = None
    tense: Callable[[], str | None] = field(default=lambda: None)
    default_type: str = "DATE"


def number(word: str | None) -> float | None:
    """``3``, ``three``, ``twenty-five``, ``5 1/2``, ``a`` -> a number; fuzzy words -> None."""
    if word is None:
        return None
    w = " ".join(word.lower().replace(",", "").split())
    half = 0.5 if w.endswith(" 1/2") else 0.0
    w = w.removesuffix(" 1/2")
    try:
        return float(w) + half
    except ValueError:
        pass
    table = lexicon()["numbers"]
    if w in table:
        return float(table[w]) + half
    parts = re.split(r"[- ]", w)
    if len(parts) == 2 and parts[0] in table and parts[1] in table:
        return float(table[parts[0]] + table[parts[1]]) + half
    return None


def _article_with_plural(m: re.Match[str]) -> bool:
    """"a decades-long", "an hours" : the article belongs to another noun."""
    num = (m.groupdict().get("num") or "").lower()
    unit = (m.groupdict().get("unit") or "").lower()
    return num in ("a", "an") and unit.endswith("s")


def _unit(word: str) -> str:
    return lookup("units", word) or "D"


def _month(m: re.Match[str]) -> int | None:
    if m.groupdict().get("mnum"):
        return int(m.group("mnum"))
    return lookup("months", m.groupdict().get("month"))


def _day(m: re.Match[str]) -> int | None:
    g = m.groupdict()
    if g.get("day"):
        return int(re.sub(r"\D", "", g["day"]))
    if g.get("ordw"):
        return lookup("ordinals", g["ordw"])
    return None


def _year(text: str) -> int:
    y = int(text)
    if len(text) == 2:
        window = lexicon()["settings"]["two_digit_year_window"]
        y += 2000 if y < window else 1900
    return y


def _pick(candidates: list[date], ref: date, tense: str | None) -> date:
    """Of dates around ``ref``, the one the tense points to (default: nearest, the future counting double).

    A tense that would put the date far away (``far_past_days``) yields to a reading close on the other
    side (``near_future_days``): "by Jan. 14" written on Jan. 6 is next week, whatever the verb.
    """
    settings = lexicon()["settings"]
    far, near = int(settings["far_past_days"]), int(settings["near_future_days"])
    after = [c for c in candidates if c >= ref]
    before = [c for c in candidates if c <= ref]
    if tense == "future" and after:
        best = min(after)
        if (best - ref).days > far and before and (ref - max(before)).days <= near:
            return max(before)
        return best
    if tense in ("past", None) and before:
        best = max(before)
        if (ref - best).days > far and after and (min(after) - ref).days <= near:
            return min(after)
        return best
    return min(candidates, key=lambda c: (c - ref).days * 2 if c > ref else (ref - c).days)


def ymd(m: re.Match[str], s: Scope) -> Result:
    month, day = _month(m), _day(m)
    d = cal.safe_date(_year(m.group("year")), month or 0, day or 0)
    return (s.default_type, d.isoformat()) if d else None


def slash(m: re.Match[str], s: Scope) -> Result:
    a, b, year = int(m.group("a")), int(m.group("b")), _year(m.group("year"))
    order = lexicon()["settings"].get("slash_order", "MDY")
    month, day = (a, b) if (order == "MDY" and a <= 12) or b > 12 else (b, a)
    d = cal.safe_date(year, month, day)
    return ("DATE", d.isoformat()) if d else None


def md(m: re.Match[str], s: Scope) -> Result:
    month, day = _month(m), _day(m)
    if not month or not day or day > 31:
        return None
    if s.ref is None:
        return ("DATE", f"XXXX-{month:02d}-{day:02d}")
    cands = [d for y in (s.ref.year - 1, s.ref.year, s.ref.year + 1) if (d := cal.safe_date(y, month, day))]
    wd = lookup("weekdays", m.groupdict().get("wd"))
    if wd is not None and any(c.weekday() == wd for c in cands):
        cands = [c for c in cands if c.weekday() == wd]  # "Monday, Oct. 26" picks the year that fits
    if not cands:
        return None
    return ("DATE", _pick(cands, s.ref, s.tense()).isoformat())


def week_of(m: re.Match[str], s: Scope) -> Result:
    """"the week of March 6" -> the ISO week holding that day."""
    found = ymd(m, s) if m.groupdict().get("year") else md(m, s)
    if found is None or found[1].startswith("X"):
        return None
    return ("DATE", cal.week_value(date.fromisoformat(found[1])))


def ym(m: re.Match[str], s: Scope) -> Result:
    month = _month(m)
    return ("DATE", f"{_year(m.group('year')):04d}-{month:02d}") if month else None


def ym_rel(m: re.Match[str], s: Scope) -> Result:
    """"February this year", "April next year"."""
    month = _month(m)
    if not month or s.ref is None:
        return None
    shift_ = {"last": -1, "this": 0, "next": 1}[m.group("rel").lower()]
    return ("DATE", f"{s.ref.year + shift_:04d}-{month:02d}")


def _month_cands(month: int, ref: date) -> list[date]:
    return [date(y, month, 1) for y in (ref.year - 1, ref.year, ref.year + 1)]


def _full_or_dotted(word: str) -> bool:
    """A month word that can stand alone: the full name ("May") or a dotted abbreviation ("Aug.")."""
    months = lexicon()["months"]
    number_ = months.get(word.lower())
    full = max((w for w, n in months.items() if n == number_), key=len, default="")
    return word.lower() == full or word.endswith(".")


def m_(m: re.Match[str], s: Scope) -> Result:
    month = _month(m)
    if not month or not _full_or_dotted(m.group("month")):
        return None
    if s.ref is None:
        return ("DATE", f"XXXX-{month:02d}")
    first = s.ref.replace(day=1)
    d = _pick(_month_cands(month, s.ref), first, s.tense())
    return ("DATE", f"{d.year:04d}-{d.month:02d}")


def rel_month(m: re.Match[str], s: Scope) -> Result:
    month = _month(m)
    if not month:
        return None
    if s.ref is None:
        return ("DATE", f"XXXX-{month:02d}")
    rel = m.group("rel").lower()
    first = s.ref.replace(day=1)
    cands = _month_cands(month, s.ref)
    if rel in ("last", "past", "previous"):
        d = max(c for c in cands if c < first)
    elif rel in ("next", "coming"):
        d = min(c for c in cands if c > first)
    else:
        d = date(s.ref.year, month, 1)
    return ("DATE", f"{d.year:04d}-{d.month:02d}")


def season(m: re.Match[str], s: Scope) -> Result:
    code = lookup("seasons", m.group("season"))
    if not code:
        return None
    if m.groupdict().get("year"):
        return ("DATE", f"{_year(m.group('year')):04d}-{code}")
    if s.ref is None:
        return ("DATE", f"XXXX-{code}")
    rel = (m.groupdict().get("rel") or "this").lower()
    cur_code = _SEASONS[(s.ref.month % 12) // 3]
    cur_year = s.ref.year - 1 if s.ref.month < 3 else s.ref.year
    cur = date(cur_year, _SEASON_START[cur_code], 1)
    step = -3 if rel in ("last", "past") else 3
    d = cur
    if rel in ("last", "past", "next", "coming"):
        d = cal.add_months(cur, step)
        while _SEASONS[(d.month % 12) // 3] != code:
            d = cal.add_months(d, step)
    else:
        d = date(cur_year, _SEASON_START[code], 1)
    return ("DATE", f"{d.year:04d}-{code}")


def quarter(m: re.Match[str], s: Scope) -> Result:
    q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}[m.group("ordw").lower()]
    if m.groupdict().get("year"):
        return ("DATE", f"{_year(m.group('year')):04d}-Q{q}")
    return ("DATE", f"{s.ref.year:04d}-Q{q}" if s.ref else f"XXXX-Q{q}")


def half(m: re.Match[str], s: Scope) -> Result:
    h = 1 if m.group("ordw").lower() in ("first", "1st") else 2
    if m.groupdict().get("year"):
        return ("DATE", f"{_year(m.group('year')):04d}-H{h}")
    return ("DATE", f"{s.ref.year:04d}-H{h}" if s.ref else f"XXXX-H{h}")


def year(m: re.Match[str], s: Scope) -> Result:
    return ("DATE", f"{int(m.group('year')):04d}")


def decade(m: re.Match[str], s: Scope) -> Result:
    g = m.groupdict()
    if g.get("decade"):
        return ("DATE", g["decade"][:3] + "X")
    if g.get("dec2"):
        y = _year(g["dec2"])
        return ("DATE", f"{y // 10:03d}X")
    digit = lookup("decade_words", g.get("decw"))
    return ("DATE", f"19{digit}X") if digit else None


def century(m: re.Match[str], s: Scope) -> Result:
    n = int(m.group("cnum")) if m.groupdict().get("cnum") else lookup("ordinals", m.group("ordw"))
    return ("DATE", f"{n - 1:02d}") if n and 0 < n <= 30 else None


def weekday_date(wd: int, ref: date, rel: str | None, tense: str | None) -> date:
    """The date of weekday ``wd`` (0 Monday) seen from ``ref`` ("last", "next", "this" or the tense)."""
    back = (ref.weekday() - wd) % 7
    ahead = (wd - ref.weekday()) % 7
    if rel in ("last", "past"):
        return ref - timedelta(days=back or 7)
    if rel in ("next", "coming"):
        return ref + timedelta(days=ahead or 7)
    if rel == "this":
        return ref + timedelta(days=wd - ref.weekday())
    if tense == "future":
        return ref + timedelta(days=ahead)
    return ref - timedelta(days=back)


def weekday(m: re.Match[str], s: Scope) -> Result:
    word = m.group("wd").lower()
    wd = lookup("weekdays", word)
    if wd is None or word in lexicon()["weekday_abbrev_need_date"]:
        return None
    rel = (m.groupdict().get("rel") or "").lower() or None
    if s.ref is None:
        return ("DATE", f"XXXX-WXX-{wd + 1}")
    return ("DATE", weekday_date(wd, s.ref, rel, s.tense() if rel is None else None).isoformat())


def weekday_set(m: re.Match[str], s: Scope) -> Result:
    wd = lookup("weekdays", m.group("wd"))
    return ("SET", f"XXXX-WXX-{wd + 1}") if wd is not None else None


def relday(m: re.Match[str], s: Scope) -> Result:
    off = lookup("relative_days", m.group("relday"))
    if off is None:
        return None
    if s.ref is None:
        return ("DATE", "PRESENT_REF" if off == 0 else ("PAST_REF" if off < 0 else "FUTURE_REF"))
    return ("DATE", (s.ref + timedelta(days=off)).isoformat())


def anaday(m: re.Match[str], s: Scope) -> Result:
    off = lookup("anaphoric_days", m.group("anaday"))
    base = s.anchor or s.ref
    if off is None or base is None:
        return None
    return ("DATE", (base + timedelta(days=off)).isoformat())


def rel_unit(m: re.Match[str], s: Scope) -> Result:
    rel = " ".join(m.group("rel").lower().split())
    unit = _unit(m.group("unit"))
    relative_to_anchor = rel in ("the previous", "the following", "the same") or "that" in rel.split()
    base = (s.coarse_anchor or s.anchor or s.ref) if relative_to_anchor else s.ref
    if base is None:
        return None
    n = -1 if rel in ("last", "previous", "the previous", "the last") else 1 if rel in (
        "next", "coming", "the coming", "the following") else 0
    d = cal.shift(base, n, unit)
    if unit == "WE":
        return ("DATE", cal.week_value(d) + "-WE")
    if unit == "DE":
        return ("DATE", f"{d.year // 10:03d}X")
    if unit == "CE":
        return ("DATE", f"{d.year // 100:02d}")
    return ("DATE", cal.granular(d, unit))


def ago(m: re.Match[str], s: Scope) -> Result:
    if _article_with_plural(m):
        return None
    n = number(m.group("num"))
    unit = _unit(m.group("unit"))
    if n is None or s.ref is None:
        return ("DATE", "PAST_REF")
    d = cal.shift(s.ref, -int(round(n)), unit)
    return ("DATE", cal.granular(d, unit))


def shift(m: re.Match[str], s: Scope) -> Result:
    n = number(m.group("num"))
    base = s.anchor or s.ref
    if n is None or base is None:
        return None
    unit = _unit(m.group("unit"))
    sign = -1 if m.group("dir").lower() == "earlier" else 1
    return ("DATE", cal.granular(cal.shift(base, sign * int(round(n)), unit), unit))


_DUR = {"D": ("", "D", 1), "W": ("", "W", 1), "WE": ("", "D", 2), "M": ("", "M", 1), "Q": ("", "M", 3),
        "Y": ("", "Y", 1), "DE": ("", "Y", 10), "CE": ("", "Y", 100), "H": ("T", "H", 1),
        "MIN": ("T", "M", 1), "S": ("T", "S", 1)}
_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60)}


def duration_value(n: float | None, unit: str) -> str:
    """``P3D``, ``PT5H30M``, ``P10Y`` (decade), ``PXY`` (unknown count)."""
    t, code, mult = _DUR.get(unit, ("", "D", 1))
    if n is None:
        return f"P{t}X{code}"
    n *= mult
    if n != int(n):
        whole = int(n)
        if unit in _SMALLER and whole:
            small, factor = _SMALLER[unit]
            t2, code2, _ = _DUR[small]
            rest = round((n - whole) * factor)
            if t == t2:
                return f"P{t}{whole}{code}{rest}{code2}"
        if unit in _SMALLER:
            small, factor = _SMALLER[unit]
            return duration_value(n * factor, small)
    return f"P{t}{int(n)}{code}"


def duration(m: re.Match[str], s: Scope) -> Result:
    if _article_with_plural(m):
        return None
    unit = _unit(m.group("unit"))
    num = m.groupdict().get("num")
    if num:
        n = number(num)
    else:  # "the past decade" counts one; bare plurals ("for years") an unknown number
        n = None if m.group("unit").lower().endswith("s") else 1.0
    return ("DURATION", duration_value(n, unit))


def set_word(m: re.Match[str], s: Scope) -> Result:
    v = lookup("set_words", m.group("setw"))
    return ("SET", v) if v else None


def every(m: re.Match[str], s: Scope) -> Result:
    num = m.groupdict().get("num")
    n = number(num) if num else 1.0
    return ("SET", duration_value(n, _unit(m.group("unit"))))


def clock(m: re.Match[str], s: Scope) -> Result:
    g = m.groupdict()
    if g.get("clockw"):
        hhmm = lexicon()["clock_words"][g["clockw"].lower()]
    else:
        h = number(g.get("hour") or g.get("hour2"))
        if h is None or h > 24:
            return None
        hour = int(h)
        ampm = (g.get("ampm") or "").lower()
        pod = (g.get("pod") or "").lower()
        if (ampm.startswith("p") or pod in ("afternoon", "evening")) and hour < 12:
            hour += 12
        if ampm.startswith("a") and hour == 12:
            hour = 0
        hhmm = f"{hour:02d}:{int(g.get('minute') or g.get('minute2') or 0):02d}"
    base = s.anchor or s.ref
    wd = lookup("weekdays", g.get("wd"))
    if wd is not None and s.ref is not None:
        base = weekday_date(wd, s.ref, None, s.tense())
    return ("TIME", f"{base.isoformat() if base else 'XXXX-XX-XX'}T{hhmm}")


def overnight(m: re.Match[str], s: Scope) -> Result:
    base = s.anchor or s.ref
    if base is None:
        return ("TIME", "XXXX-XX-XXTNI")
    if s.anchor is None:
        base = base - timedelta(days=1)
    return ("TIME", f"{base.isoformat()}TNI")


def holiday(m: re.Match[str], s: Scope) -> Result:
    spec = lookup("holidays", m.group("holiday"))
    if not spec:
        return None

    def on(y: int) -> date | None:
        parts = spec.split("-")
        month = int(parts[0])
        if parts[1].startswith("W"):
            rest = spec.split("-W", 1)[1]
            mm = re.match(r"(-?\d)-(\d)(?:\+(\d))?", rest)
            if not mm:
                return None
            nth, wd, plus = int(mm.group(1)), int(mm.group(2)), int(mm.group(3) or 0)
            if nth > 0:
                first = date(y, month, 1)
                d = first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (nth - 1))
            else:
                last = cal.add_months(date(y, month, 1), 1) - timedelta(days=1)
                d = last - timedelta(days=(last.weekday() - wd) % 7)
            return d + timedelta(days=plus)
        return cal.safe_date(y, month, int(parts[1]))

    if m.groupdict().get("year"):
        d = on(_year(m.group("year")))
        return ("DATE", d.isoformat()) if d else None
    if s.ref is None:
        return None
    cands = [d for y in (s.ref.year - 1, s.ref.year, s.ref.year + 1) if (d := on(y))]
    return ("DATE", _pick(cands, s.ref, s.tense()).isoformat()) if cands else None


def ref(m: re.Match[str], s: Scope) -> Result:
    g = m.groupdict()
    if g.get("present"):
        return ("DATE", "PRESENT_REF")
    if g.get("past"):
        return ("DATE", "PAST_REF")
    return ("DATE", "FUTURE_REF")


NORMALISERS: dict[str, Callable[[re.Match[str], Scope], Result]] = {
    "ymd": ymd, "slash": slash, "md": md, "ym": ym, "m": m_, "rel_month": rel_month, "season": season,
    "quarter": quarter, "year": year, "decade": decade, "century": century, "weekday": weekday,
    "weekday_set": weekday_set, "relday": relday, "anaday": anaday, "rel_unit": rel_unit, "ago": ago,
    "shift": shift, "duration": duration, "week_of": week_of, "ym_rel": ym_rel, "half": half, "set_word": set_word, "every": every, "clock": clock,
    "overnight": overnight, "holiday": holiday, "ref": ref,
}
ANCHORED = frozenset({"anaday", "shift", "clock", "overnight", "rel_unit"})
