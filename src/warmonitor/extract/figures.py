"""Counts of the killed, injured and displaced, read from text after ACLED's conventions.

``fatality_figures`` finds each count ("at least 112 people", "dozens of fighters", "five soldiers and
three civilians were killed", "between 10 and 15 dead", "killing a policeman"); ``acled_fatalities``
reduces them to the one number ACLED codes: killed only, cumulative tolls left out, the highest figure
of each source and the lowest across sources (the most conservative toll). The words live in
``data/events/figures.json``.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, NamedTuple

from warmonitor.errors import UsageError
from warmonitor.extract.lexicon import read_data
from warmonitor.model import FatalityFigure, Span

_WORD = re.compile(r"\d+(?:[.,]\d+)*|[A-Za-z]+(?:['\u2019][A-Za-z]+)?|[%;:.!?()\u2014\u2013-]")
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}\b")
_SENT_END = {".", "!", "?", ";", "(", ")"}


class _W(NamedTuple):
    """A word of the text (a named tuple: made for every word of every sentence read, several times
    cheaper than a frozen dataclass)."""

    low: str
    start: int
    end: int
    cap: bool = False  # written with a capital: a name's word ("45 Islamic State militants")


@dataclass(frozen=True)
class FigureTables:
    """``figures.json`` parsed into lookup sets."""

    number_words: dict[str, int]
    multipliers: frozenset[str]
    vague: dict[tuple[str, ...], int]
    kinds: dict[tuple[str, ...], str]
    kind_before: dict[tuple[str, ...], str]
    between: frozenset[str]
    person_nouns: frozenset[str]
    units: frozenset[str]
    qualifiers: tuple[tuple[str, ...], ...]
    subset_cues: tuple[tuple[str, ...], ...]
    cumulative_cues: tuple[str, ...]
    no_number: dict[str, Any]
    casualty_verbs: frozenset[str]
    negators: tuple[str, ...] = ()
    since_cues: tuple[str, ...] = ()
    short_windows: tuple[str, ...] = ()
    perfect_vague_min: int = 0
    perfect_aux: frozenset[str] = frozenset()
    toll_verbs: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=1)
def tables() -> FigureTables:
    """The packaged figure tables, read once."""
    d = read_data("figures.json")

    def phrases(words: list[str]) -> tuple[tuple[str, ...], ...]:
        return tuple(sorted((tuple(w.lower().split()) for w in words), key=len, reverse=True))

    return FigureTables(
        number_words={k.lower(): int(v) for k, v in d["number_words"].items()},
        multipliers=frozenset(d.get("multipliers", [])),
        toll_verbs=frozenset(d.get("toll_verbs", [])),
        vague={tuple(k.lower().split()): int(v) for k, v in d["vague"].items()},
        kinds={tuple(w.lower().split()): kind for kind, ws in d["kinds"].items() for w in ws},
        kind_before={tuple(w.lower().split()): kind for kind, ws in d["kind_before"].items() for w in ws},
        between=frozenset(w.lower() for w in (*d["person_nouns"], *d.get("filler", []))),
        person_nouns=frozenset(w.lower() for w in d["person_nouns"]),
        units=frozenset(w.lower() for w in d["units"]),
        qualifiers=phrases(d["qualifiers"]),
        subset_cues=phrases(d["subset_cues"]),
        cumulative_cues=tuple(c.lower() for c in d["cumulative_cues"]),
        no_number=dict(d["no_number"]),
        casualty_verbs=frozenset(w.lower() for w in d["casualty_verbs"]),
        negators=tuple(w.lower() for w in d.get("negators", [])),
        since_cues=tuple(w.lower() for w in d.get("since_cues", [])),
        short_windows=tuple(w.lower() for w in d.get("short_windows", [])),
        perfect_vague_min=int(d.get("perfect_vague", {}).get("min", 0)),
        perfect_aux=frozenset(w.lower() for w in d.get("perfect_vague", {}).get("aux", [])),
    )


@functools.lru_cache(maxsize=64)
def _words(text: str) -> tuple[_W, ...]:
    """The words of ``text`` (kept for the last texts read: a sentence's figures and its deaths
    mention read the same words)."""
    return tuple(_W(m.group(0).lower(), m.start(), m.end(), m.group(0)[0].isupper()) for m in _WORD.finditer(text))


def _digits(low: str) -> int | None:
    if not low[0].isdigit():
        return None
    clean = low.replace(",", "")
    if clean.count(".") == 1 and len(clean.split(".")[1]) == 3:  # 1.200 written European style
        clean = clean.replace(".", "")
    try:
        return int(float(clean))
    except ValueError:
        return None


_BY_FIRST: dict[int, tuple[Any, dict[str, list[tuple[str, ...]]]]] = {}


def _keys_by_first(table: dict[tuple[str, ...], Any] | tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    """The phrases of ``table`` by their first word (kept per table; the table itself is held with its
    index, so its id is not reused while the entry lives)."""
    got = _BY_FIRST.get(id(table))
    if got is None or got[0] is not table:
        index: dict[str, list[tuple[str, ...]]] = {}
        for key in (table.keys() if isinstance(table, dict) else table):
            if key:
                index.setdefault(key[0], []).append(key)
        got = _BY_FIRST[id(table)] = (table, index)
    return got[1]


def _phrase_at(ws: tuple[_W, ...], i: int, table: dict[tuple[str, ...], Any] | tuple[tuple[str, ...], ...]) -> tuple[int, Any]:
    """Length and value of the longest phrase of ``table`` starting at ``ws[i]`` (0 when none)."""
    best: tuple[int, Any] = (0, None)
    if i >= len(ws):
        return best
    for key in _keys_by_first(table).get(ws[i].low, ()):
        n = len(key)
        if n > best[0] and tuple(w.low for w in ws[i : i + n]) == key:
            best = (n, table[key] if isinstance(table, dict) else key)
    return best


def _number_at(ws: tuple[_W, ...], i: int, t: FigureTables) -> tuple[int, int, bool] | None:
    """(value, words used, vague) for a number expression starting at ``ws[i]``."""
    n, value = _phrase_at(ws, i, t.vague)
    if n:
        # "dozens of" / "hundreds of thousands"
        return value, n, True
    total, current, used = 0, 0, 0
    j = i
    while j < len(ws):
        low = ws[j].low
        dig = _digits(low)
        if dig is not None and used == 0:
            current, used, j = dig, used + 1, j + 1
            continue
        if low in t.multipliers and (used or low == "dozen"):
            current = max(current, 1) * t.number_words[low]
            if low in ("thousand", "million"):
                total, current = total + current, 0
            used, j = used + 1, j + 1
            continue
        if low == "-" and used and j + 1 < len(ws) and ws[j + 1].low in t.number_words:
            j += 1  # "twenty-three"
            continue
        if low in t.number_words and dig is None and low not in t.multipliers:
            v = t.number_words[low]
            if used and v > 1 and ((current >= 100 and current % 100 == 0 and v < 100) or (10 <= current < 100 and current % 10 == 0 and v < 10)):
                current += v  # "twenty three", "two hundred fifty"
            elif used:
                break
            else:
                current = t.number_words[low]
            used, j = used + 1, j + 1
            continue
        if low == "and" and used and j + 1 < len(ws) and ws[j + 1].low in t.number_words and (total or current >= 100):
            nxt = t.number_words[ws[j + 1].low]
            if nxt < 100 and ws[j + 1].low not in ("a", "an"):
                j += 1  # "two hundred and fifty"
                continue
        break
    if not used:
        return None
    if used == 1 and ws[i].low in ("a", "an", "single", "both", "couple"):
        after = ws[i + 1].low if i + 1 < len(ws) else ""
        if after == "dozen" or after not in t.person_nouns:
            return None
    return total + current, j - i, False


def _clause_bounds(ws: tuple[_W, ...], i: int) -> tuple[int, int]:
    a = i
    while a > 0 and ws[a - 1].low not in _SENT_END:
        a -= 1
    b = i
    while b < len(ws) and ws[b].low not in _SENT_END:
        b += 1
    return a, b


def fatality_figures(text: str, offset: int = 0) -> list[FatalityFigure]:
    """Every count of killed, injured or displaced people in ``text``; spans are shifted by ``offset``.

    A range keeps its lower bound; "at least"/"more than" keep the number; counts joined by "and"
    before one casualty word are added up; a count after "including" is a subset and is skipped.
    """
    if not isinstance(text, str):
        raise UsageError(f"fatality_figures expects a string, got {type(text).__name__}", input="fatality_figures")
    t = tables()
    ws = _words(text)
    dates = [m.span() for m in _NUMERIC_DATE.finditer(text)]
    out: list[FatalityFigure] = []
    i = 0
    while i < len(ws):
        got = _number_at(ws, i, t)
        if got is None or any(a <= ws[i].start < b for a, b in dates):  # "17-08-2016" is no count
            i += 1
            continue
        value, used, vague = got
        start_i, j = i, i + used
        # a range: "10 to 15", "10-15", "10 or 15", "between 10 and 15" -> the lower bound
        between = i > 0 and ws[i - 1].low == "between"
        if j + 1 < len(ws) and (ws[j].low in ("to", "-", "\u2013", "or") or (between and ws[j].low == "and")) and _number_at(ws, j + 1, t):
            lo = value
            other = _number_at(ws, j + 1, t)
            assert other is not None
            j = j + 1 + other[1]
            value = min(lo, other[0])
        if j < len(ws) and (ws[j].low in t.units or ws[j].low == "%"):
            i = j
            continue
        before = _kind_before(ws, start_i, t)
        kind, end_j, values = _kind_after(ws, j, t, [value], names=not _date_like(ws, start_i, value))
        if before is not None and kind != before:
            if kind is not None:  # "killing one person and wounding 4": the kind after is another count's
                values, end_j = [value], j
            kind = before
        if kind is None or _is_subset(ws, start_i, t):
            i = j
            continue
        a, b = _clause_bounds(ws, start_i)
        clause = " ".join(w.low for w in ws[a:b])
        cumulative = _cumulative(clause, t) or (
            " since " in f" {clause} " and any(cue in clause for cue in t.since_cues)) or (
            vague and bool(t.perfect_aux) and value >= t.perfect_vague_min and any(w.low in t.perfect_aux for w in ws[a:b]))
        first, last = ws[start_i], ws[max(end_j, j) - 1]
        span = Span(first.start + offset, last.end + offset, text[first.start : last.end])
        out.append(FatalityFigure(value=sum(values) if len(values) > 1 else value, text=span.text, span=span,
                                  kind=kind, vague=vague, cumulative=cumulative))
        i = max(end_j, j)
    return out


def _cumulative(clause: str, t: FigureTables) -> bool:
    """A cumulative cue in the clause that is not a window of about a day ("in the past 24 hours"),
    nor a plural of attacks closed to one day right after it ("killed in air strikes early on
    Tuesday"; "killed since Tuesday" stays a period)."""
    for cue in t.cumulative_cues:
        at = clause.find(cue)
        while at >= 0:
            rest = clause[at + len(cue):].lstrip()
            if not any(rest == w or rest.startswith(w + " ") for w in t.short_windows) and not (
                    "since" not in cue.split() and _names_a_day(rest.split()[:_DAY_AFTER_CUE])):
                return True
            at = clause.find(cue, at + 1)
    return False


_DAY_AFTER_CUE = 4  # words after a cumulative cue searched for the one day it is closed to


def _names_a_day(words: list[str]) -> bool:
    """A weekday written in full or a word for one day ("yesterday") among ``words``, not after a word
    that opens a period ("since Tuesday"); the word lists are the time lexicon's."""
    from warmonitor.resolve.time.lexicon import lexicon

    lx = lexicon()
    abbrev = set(lx["weekday_abbrev_need_date"])
    days = {w for w in lx["weekdays"] if w not in abbrev} | {w for w in lx["relative_days"] if " " not in w}
    opens = set(lx.get("period_start_words", []))
    for w in words:
        if w in opens:
            return False
        if w in days:
            return True
    return False


def _date_like(ws: tuple[_W, ...], i: int, value: int) -> bool:
    """A number that may be part of a date: a year in digits ("2014"), a day after a month ("May 5")."""
    from warmonitor.resolve.time.lexicon import lookup

    year = ws[i].low.isdigit() and len(ws[i].low) == 4 and 1900 <= value <= 2099
    return year or (i > 0 and bool(lookup("months", ws[i - 1].low)))


def _kind_after(ws: tuple[_W, ...], j: int, t: FigureTables, values: list[int],
                names: bool = True) -> tuple[str | None, int, list[int]]:
    """The kind word within a few words after a number, adding "and N more" counts on the way; with
    ``names``, words written with a capital may stand between ("45 Islamic State fighters killed")."""
    if j < len(ws) and ws[j].low in ("a", "an", "the"):
        # "0 612 A woman was killed", "Get short URL 215 The death toll ...": a count never runs into an article
        return None, j, values
    k, steps = j, 0
    subset = False
    while k < len(ws) and steps < 14:
        n, kind = _phrase_at(ws, k, t.kinds)
        if n:
            return kind, k + n, values
        low = ws[k].low
        if low == "among" and _count_follows(ws, k + 1, t):
            return None, j, values  # "two medics were among at least 31 people killed": the total follows
        if low in ("including", "among"):  # "eight people, including two children, were killed"
            subset = True
            k, steps = k + 1, steps + 1
            continue
        if subset and (low in t.number_words or low[0].isdigit() or low == "and" or low in t.person_nouns):
            k, steps = k + 1, steps + 1
            continue
        if low == "and" and k + 1 < len(ws) and not subset:
            nxt = _number_at(ws, k + 1, t)
            if nxt is not None:
                values.append(nxt[0])
                k, steps = k + 1 + nxt[1], steps + 1
                continue
        if low not in t.between and not (names and ws[k].cap) and not any(
                tuple(w.low for w in ws[k : k + len(q)]) == q for q in _keys_by_first(t.qualifiers).get(low, ())):
            return None, j, values
        k, steps = k + 1, steps + 1
    return None, j, values


def _count_follows(ws: tuple[_W, ...], k: int, t: FigureTables) -> bool:
    """Whether a number starts at ``ws[k]``, after any qualifiers ("at least 31")."""
    while k < len(ws):
        q = next((len(q) for q in _keys_by_first(t.qualifiers).get(ws[k].low, ())
                  if q != ("the",) and tuple(w.low for w in ws[k : k + len(q)]) == q), 0)
        if not q:
            break
        k += q
    return k < len(ws) and _number_at(ws, k, t) is not None


def _kind_before(ws: tuple[_W, ...], i: int, t: FigureTables) -> str | None:
    """The kind of a number announced before it: "killing at least 12", "a toll of 30"."""
    k = i - 1
    skipped = 0
    while k >= 0 and skipped < 4:
        for key, kind in t.kind_before.items():
            n = len(key)
            if k - n + 1 >= 0 and tuple(w.low for w in ws[k - n + 1 : k + 1]) == key:
                if key == ("toll",) and ws[i].low in ("a", "an"):
                    return None  # "the death toll of a suicide attack": what the toll is of, not one death
                return kind
        if ws[k].low in ("of", "to", "at", "reached", "rose", "risen", "climbed", "stood", "stands", "is", "was", "had", "has",
                         "least", "more", "than", "over", "nearly", "almost", "about", "around", "some", "up", "as", "many",
                         "an", "estimated", "reportedly", "the"):
            k, skipped = k - 1, skipped + 1
            continue
        break
    # "the death toll from the blast reached 112": a toll verb, and "toll" a few words before it
    if k >= 0 and ws[k].low in tables().toll_verbs or (k + 1 < i and ws[k + 1].low in tables().toll_verbs):
        window = [w.low for w in ws[max(0, k - 8) : k + 1]]
        if "toll" in window:
            return "killed"
    return None


def _is_subset(ws: tuple[_W, ...], i: int, t: FigureTables) -> bool:
    lows = [w.low for w in ws[max(0, i - 4) : i]]
    joined = " ".join(lows)
    return any(" ".join(cue) in joined for cue in t.subset_cues)


def acled_fatalities(figures: list[FatalityFigure]) -> int:
    """ACLED's count: killed, not cumulative; each source's highest figure, then the lowest source.
    A vague count ("dozens") stands in only when no source gives a number."""
    killed = [f for f in figures if f.kind == "killed" and not f.cumulative]
    exact = [f for f in killed if not f.vague]
    by_source: dict[str | None, int] = {}
    for fig in exact or killed:
        by_source[fig.source] = max(by_source.get(fig.source, 0), int(fig.value))
    return min(by_source.values()) if by_source else 0


def incident_total(figures: list[FatalityFigure], fatalities: int = 0) -> int:
    """The incident's toll as the article states it (FA-KES labels these), not ACLED's day count:
    the first exact killed figure the article tells as this incident's (a report leads with its
    toll); else the highest exact toll over several days ("84 in three days"); else the highest
    vague count ("dozens"); else ``fatalities`` (the no-number default)."""
    killed = [f for f in figures if f.kind == "killed"]
    exact = [f for f in killed if not f.vague and not f.cumulative]
    if exact:
        return int(min(exact, key=lambda f: f.span.start if f.span else 1 << 30).value)
    over_days = [int(f.value) for f in killed if not f.vague and f.cumulative]
    if over_days:
        return max(over_days)
    vague = [int(f.value) for f in killed if f.vague]
    return max(vague + [fatalities]) if vague else fatalities


def no_number_default(sub_event_type: str, country: str | None = None) -> int:
    """The count coded when deaths are reported without a number (data/events/figures.json)."""
    rule = tables().no_number
    zones = rule.get("war_zones") or []
    significant = sub_event_type in rule.get("significant_sub_types", []) and (not zones or country in zones)
    return int(rule["significant"] if significant else rule["default"])


def mentions_deaths(text: str) -> bool:
    """Whether ``text`` says people died (for the no-number rule)."""
    t = tables()
    ws = _words(text)
    negators = set(tables().negators)
    for k, w in enumerate(ws):
        if w.low in t.casualty_verbs and not any(x.low in negators for x in ws[max(0, k - 6) : k]):
            return True
    return False
