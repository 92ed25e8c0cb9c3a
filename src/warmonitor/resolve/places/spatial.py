"""Spatial phrases before a place name: "3 miles from Homs", "just north of", "on the outskirts of",
"20 km south-east of", "in northern Syria"; and the point and radius they give.

The words come from ``data/places/spatial.json``; see its ``_doc``.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import Any

from warmonitor.resolve.places.lexicon import load_lexicon

_WINDOW = 90


@dataclass(frozen=True)
class Relation:
    """A spatial phrase ending right before a place name. ``start`` is its offset in the text;
    ``kind`` near | from | direction | part; ``bearing`` degrees or None; ``distance_km`` as written
    (None when the text gives none); ``default_km``/``radius_km``/``precision`` from the data."""

    start: int
    end: int
    phrase: str
    kind: str
    bearing: float | None
    distance_km: float | None
    default_km: float
    radius_km: float
    precision: int


def _alt(words: list[str]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    out = []
    for w in ordered:
        parts = [re.escape(p) for p in re.split(r"([ \-])", w)]
        out.append("".join(r"[\s\-]+" if p == r"\ " else r"[\s\-]?" if p == r"\-" else p for p in parts))
    return "|".join(out)


def _last_chunks(phrases: list[str]) -> tuple[str, ...]:
    """The lower-case last word of each phrase (after its last space or dash): a phrase as the
    patterns match it ends with one of them."""
    return tuple(sorted({re.split(r"[ \-]", p.lower())[-1] for p in phrases}))


@functools.lru_cache(maxsize=1)
def _endings() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The last words of the relations, and of the ``-ern`` bearings (``part``), for ``_may_end_with``."""
    sp = load_lexicon().spatial
    return _last_chunks(list(sp["relations"])), _last_chunks([b for b in sp["bearings"] if b.endswith("ern")])


def _may_end_with(window: str, endings: tuple[str, ...], the: bool) -> bool:
    """A cheap necessary condition for a pattern anchored at the window's end: the window ends with
    whitespace after one of ``endings`` (and, with ``the``, maybe "the" and whitespace after that).
    It scans a few characters where a regex search would try every offset of the window. A tail
    with a non-ASCII letter (some match ASCII letters ignoring case, "ſ" for "s") always passes."""
    end = window.rstrip()  # str.isspace is what \s matches in a str pattern
    if len(end) == len(window):
        return False
    stems = [end]
    if the and end[-3:].lower() == "the":
        stems.append(end[:-3].rstrip())
    for stem in stems:
        tail = stem[-12:]
        if not tail.isascii() or tail.lower().endswith(endings):
            return True
    return False


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, Any]]:
    sp = load_lexicon().spatial
    number = rf"(?P<num>\d+(?:[.,]\d+)?|{_alt(list(sp['numbers']))})"
    unit = rf"(?P<unit>{_alt(list(sp['units']))})"
    bearing = rf"(?P<bearing>{_alt([b for b in sp['bearings'] if not b.endswith('ern')])})"
    rel = rf"(?P<rel>{_alt(list(sp['relations']))})"
    inten = rf"(?P<int>{_alt(list(sp['intensifiers']))})"
    full = re.compile(
        rf"(?:\b(?:about|some|around|roughly|approximately|nearly|almost|over|under|less\s+than|more\s+than|up\s+to)\s+)?"
        rf"(?:\b{number}[\s\-]*{unit}\b\.?\s+(?:\(\s*[\d.,]+\s*\w+\s*\)\s+)?)?"
        rf"(?:\b{inten}\s+)?(?:\b{bearing}\s+)?\b{rel}\s+(?:the\s+)?$",
        re.IGNORECASE,
    )
    part = re.compile(
        rf"\b(?P<bearing>{_alt([b for b in sp['bearings'] if b.endswith('ern')])})\s+$", re.IGNORECASE)
    return full, part, sp


def _number(text: str, numbers: dict[str, float]) -> float | None:
    key = " ".join(text.lower().split())
    if key in numbers:
        return float(numbers[key])
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def relation_before(text: str, start: int) -> Relation | None:
    """The spatial phrase that ends just before ``text[start:]`` (a place name), or None."""
    full, part, sp = _patterns()
    lo = max(0, start - _WINDOW)
    window = text[lo:start]
    rel_endings, part_endings = _endings()
    m = full.search(window) if _may_end_with(window, rel_endings, the=True) else None
    if m:
        rel_key = " ".join(m.group("rel").lower().split())
        rel = sp["relations"].get(rel_key) or sp["relations"].get(rel_key.replace("-", " "))
        if rel:
            distance = None
            if m.group("num") and m.group("unit"):
                value = _number(m.group("num"), sp["numbers"])
                factor = sp["units"].get(m.group("unit").lower())
                if value is not None and factor:
                    distance = round(value * float(factor), 2)
            bearing = _bearing(m.group("bearing"), sp["bearings"]) if m.group("bearing") else None
            kind = rel["kind"]
            if kind == "direction" and bearing is None:
                return None  # "of Homs" alone is no spatial phrase
            if kind == "from" and distance is None:
                return None  # "from Homs" alone is an origin, not a position
            if kind == "near" and bearing is not None:
                kind = "direction"
            default = float(rel["default_km"])
            radius = float(rel["radius_km"])
            if m.group("int"):
                factor = float(sp["intensifiers"][m.group("int").lower()])
                default, radius = default * factor, max(float(sp["min_radius_km"]), radius * factor)
            begin = lo + m.start()
            while begin < start and text[begin].isspace():
                begin += 1
            end = lo + m.end("rel")
            return Relation(begin, end, text[begin:end], kind, bearing, distance, default, radius, int(rel["precision"]))
    m = part.search(window) if _may_end_with(window, part_endings, the=False) else None
    if m:
        bearing = _bearing(m.group("bearing"), sp["bearings"])
        begin, end = lo + m.start("bearing"), lo + m.end("bearing")
        return Relation(begin, end, text[begin:end], "part", bearing, None, 0.0, 0.0, 0)
    return None


def _bearing(word: str, bearings: dict[str, float]) -> float | None:
    key = " ".join(word.lower().replace("-", " ").split())
    for form, value in bearings.items():
        if " ".join(form.replace("-", " ").split()) == key:
            return float(value)
    return None


def destination(lat: float, lon: float, bearing_deg: float, distance_km: float) -> tuple[float, float]:
    """The point ``distance_km`` from (lat, lon) along ``bearing_deg`` on a sphere."""
    r = 6371.0088
    d = distance_km / r
    b = math.radians(bearing_deg)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return round(math.degrees(p2), 5), round((math.degrees(l2) + 540) % 360 - 180, 5)


def apply_relation(rel: Relation, lat: float, lon: float, place_radius: float, base_precision: int
                   ) -> tuple[float, float, float, int, float | None]:
    """(lat, lon, radius_km, precision, distance_km) of the point the phrase describes."""
    sp = load_lexicon().spatial
    min_radius = float(sp["min_radius_km"])
    if rel.kind == "part":
        shift = place_radius * 0.5
        plat, plon = destination(lat, lon, rel.bearing or 0.0, shift)
        return plat, plon, max(min_radius, place_radius * 0.5), base_precision, None
    precision = max(base_precision, rel.precision)
    if rel.kind == "near":
        return lat, lon, max(rel.radius_km, place_radius), precision, rel.distance_km
    if rel.kind == "from":
        distance = rel.distance_km or rel.default_km
        return lat, lon, max(min_radius, distance, place_radius), precision, rel.distance_km
    distance = rel.distance_km if rel.distance_km is not None else rel.default_km
    plat, plon = destination(lat, lon, rel.bearing or 0.0, distance)
    if rel.distance_km is not None:
        radius = max(min_radius, distance * float(sp["radius_fraction"]))
    else:
        radius = max(min_radius, rel.radius_km)
    return plat, plon, max(radius, place_radius if base_precision > 1 else 0.0), precision, rel.distance_km
