"""Load the temporal word lists and rules from ``warmonitor/data/time`` and compile the rules.

``lexicon.json`` holds the words (months, weekdays, numbers, units...), ``rules.json`` the patterns with
``{PLACEHOLDER}`` slots that expand to those words. Both are read once and cached.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warmonitor.datafiles import read_json
from warmonitor.errors import DataFileError

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "time"
TYPES = ("DATE", "TIME", "DURATION", "SET")
NORMS = (
    "ymd", "slash", "md", "ym", "m", "rel_month", "season", "quarter", "year", "decade", "century",
    "weekday", "weekday_set", "relday", "anaday", "rel_unit", "ago", "shift", "duration", "set_word",
    "every", "clock", "overnight", "holiday", "ref", "week_of", "ym_rel", "half",
)


@dataclass(frozen=True)
class Rule:
    """One compiled pattern: its name, TIMEX3 type, normaliser and regular expression."""

    name: str
    type: str
    norm: str
    regex: re.Pattern[str]
    capital: bool = False
    example: str | None = None
    needs: tuple[str, ...] = ()


def _read_json(name: str) -> dict[str, Any]:
    return read_json(DATA_DIR / name, what="time data")


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The word lists of ``data/time/lexicon.json`` (cached)."""
    return _read_json("lexicon.json")


def _alt(words: Any) -> str:
    """A non-capturing alternation of ``words``, longest first, spaces matching any blank run."""
    items = sorted({str(w) for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) + ")"


@functools.lru_cache(maxsize=1)
def placeholders() -> dict[str, str]:
    """``{NAME}`` -> regular expression, built from the lexicon."""
    lx = lexicon()
    numword = _alt(lx["numbers"])
    simple = _alt([w for w in lx["numbers"] if " " not in w and w not in ("a", "an")])
    num = rf"(?:\d+(?:[.,]\d+)?(?: 1/2)?|{simple}[- ]{simple}|{numword})"
    return {
        "MONTH": _alt(lx["months"]),
        "WEEKDAY": _alt(lx["weekdays"]),
        "NUM": num,
        "FUZZY": _alt(lx["fuzzy_quantities"]),
        "UNIT": _alt([u for u in lx["units"] if not u.endswith("s")]),
        "UNITS": _alt(lx["units"]),
        "POD": _alt(lx["parts_of_day"]),
        "SEASON": _alt(lx["seasons"]),
        "HOLIDAY": _alt(lx["holidays"]),
        "SETW": _alt(lx["set_words"]),
        "RELDAY": _alt(lx["relative_days"]),
        "ANADAY": _alt(lx["anaphoric_days"]),
        "PRESENT": _alt(lx["present_ref"]),
        "PAST": _alt(lx["past_ref"]),
        "FUTURE": _alt(lx["future_ref"]),
        "MOD": _alt(lx["modifiers"]),
        "QMOD": _alt(lx["quantity_modifiers"]),
        "ORDW": _alt(lx["ordinals"]),
        "DECW": _alt(lx["decade_words"]),
        "YEAR": r"(?:1[0-9]\d\d|20\d\d)",
        "DAYNUM": r"(?:[0-3]?\d)(?:st|nd|rd|th)?",
    }


NEED_TABLES = {
    "MONTH": "months", "WEEKDAY": "weekdays", "UNITS": "units", "POD": "parts_of_day", "SEASON": "seasons",
    "RELDAY": "relative_days", "ANADAY": "anaphoric_days", "PRESENT": "present_ref", "PAST": "past_ref",
    "FUTURE": "future_ref", "HOLIDAY": "holidays", "SETW": "set_words", "DECW": "decade_words",
}


_TOKEN = re.compile(r"\d|[^\W\d_]+")


@functools.lru_cache(maxsize=64)
def need_words(need: str) -> frozenset[str]:
    """The words that show a rule's ``needs`` item may be near: for a lexicon table, each entry's longest
    word (without dots); for a literal, the word itself. ``DIGIT`` is handled by the caller."""
    if need == "DIGIT":
        return frozenset({"DIGIT"})
    if need in NEED_TABLES:
        entries = lexicon()[NEED_TABLES[need]]
        return frozenset(max(_TOKEN.findall(str(e).lower()), key=len) for e in entries if _TOKEN.findall(str(e)))
    if need.isupper():
        raise DataFileError(f"unknown need {need!r}", input="rules.json")
    return frozenset({need.lower()})


@functools.lru_cache(maxsize=64)
def _needs_by_word(needs: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Each word of ``need_words`` -> the needs it shows (sorted)."""
    index: dict[str, list[str]] = {}
    for need in sorted(needs):
        for word in need_words(need):
            index.setdefault(word, []).append(need)
    return {word: tuple(found) for word, found in index.items()}


def need_hits(text: str, needs: set[str]) -> dict[str, list[int]]:
    """Positions in ``text`` of the words of each need (one pass over the words of the text)."""
    by_word = _needs_by_word(frozenset(needs))
    out: dict[str, list[int]] = {need: [] for need in needs}
    for m in _TOKEN.finditer(text):
        w = m.group(0)
        for need in by_word.get("DIGIT" if w.isdigit() else w.lower(), ()):
            out[need].append(m.start())
    return out


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Expand ``{NAME}`` slots and compile, bounded so matches start and end at word edges."""
    slots = placeholders()

    def expand(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in slots:
            raise DataFileError(f"unknown placeholder {name} in pattern {pattern!r}", input="rules.json")
        return slots[name]

    body = re.sub(r"\{([A-Z][A-Z0-9]*)\}", expand, pattern)
    return re.compile(rf"(?<![\w'-])(?:{body})(?![\w]|-\w)", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The compiled rules of ``data/time/rules.json``, in file order (cached)."""
    data = _read_json("rules.json")
    out: list[Rule] = []
    seen: set[str] = set()
    for i, raw in enumerate(data.get("rules", [])):
        name = raw.get("name") or f"rule {i}"
        if raw.get("type") not in TYPES or raw.get("norm") not in NORMS or not raw.get("pattern"):
            raise DataFileError(f"rule {name!r} needs type in {TYPES}, a known norm and a pattern", input="rules.json")
        if name in seen:
            raise DataFileError(f"duplicate rule name {name!r}", input="rules.json")
        seen.add(name)
        try:
            regex = compile_pattern(raw["pattern"])
        except re.error as err:
            raise DataFileError(f"rule {name!r}: bad pattern: {err}", input="rules.json") from err
        needs = tuple(raw.get("needs") or ())
        for need in needs:
            need_words(need)  # validates
        out.append(Rule(name, raw["type"], raw["norm"], regex, bool(raw.get("capital")), raw.get("example"), needs))
    return tuple(out)


def lookup(table: str, word: str | None) -> Any:
    """The lexicon entry for ``word`` (lower-cased, blanks collapsed) in ``table``, or None."""
    if word is None:
        return None
    return lexicon()[table].get(" ".join(word.lower().split()))
