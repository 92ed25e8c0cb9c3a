"""Cross-article fusion: which event reports are the same real event.

Two reports are *compatible* when they are of the same type family, at the same place (within a radius
for place-level reports, the same admin1 for region-level ones), within the date window, and their actors
do not contradict each other. A fused event is a set of pairwise compatible reports from different
articles (complete linkage: no chains of "near enough" reports drifting across a province or a week).

Order independence: :func:`cluster` sorts reports canonically (dated before undated, by date, then by
report id) and assigns each to the best cluster whose every member is compatible with it. A report can
only join reports it is compatible with, so the result for a connected group of compatible reports
depends on that group alone; the store re-clusters the group a new report touches, which gives the same
fused events whatever order the articles arrived in. A fused event's id is the id of its first report in
canonical order; when a later report takes that place, the old id is kept as an alias (``Store.event``).
Bounds: the store follows chains of compatible reports only ``cascade_days`` beyond the new report's dates
and at most ``neighbourhood_cap`` reports, so in very dense places (hundreds of same-type reports a day at
one spot) arrival order can still make a difference at the edges of that window.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from warmonitor.fuse.rules import day_number, family_of, fold, haversine_km, rules
from warmonitor.fuse.terms import similarity

UNBOUNDED = 10**7  # day-window bound for reports with no date and no publication date


@dataclass
class Report:
    """What fusion needs to know of one article's event."""

    event_id: str
    article_id: str
    family: str
    sub_event_type: str | None = None
    day: int | None = None
    published_day: int | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    country: str | None = None
    admin1: str | None = None
    location: str | None = None
    geo_precision: int = 1
    actor1: str | None = None
    actor2: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    fused_id: str | None = None  # the fused event it belongs to now (in a store), if any
    terms: frozenset[str] = field(default_factory=frozenset)  # its article's content words (fuse/terms.py)

    @classmethod
    def of(cls, event: Any, published: str | None = None, terms: frozenset[str] = frozenset()) -> Report:
        """A Report from an ``Event`` (and its article's publication date and content words)."""
        return cls(
            event_id=event.event_id,
            article_id=event.article_id or "",
            family=family_of(event.event_type, event.sub_event_type),
            sub_event_type=event.sub_event_type,
            day=day_number(event.event_date),
            published_day=day_number(published),
            lat=event.latitude,
            lon=event.longitude,
            geonameid=event.geonameid,
            country=(event.iso or event.country or None),
            admin1=event.admin1,
            location=event.location,
            geo_precision=event.geo_precision or 1,
            actor1=event.actor1,
            actor2=event.actor2,
            inter1=event.inter1,
            inter2=event.inter2,
            terms=terms,
        )

    @property
    def region_level(self) -> bool:
        return self.geo_precision >= int(rules()["region_precision"])

    def day_window(self) -> tuple[int, int]:
        """The days this report may have happened on: its date, or a window before its publication."""
        if self.day is not None:
            return self.day, self.day
        if self.published_day is not None:
            return self.published_day - int(rules()["undated_lookback_days"]), self.published_day
        return -UNBOUNDED, UNBOUNDED

    def canonical_key(self) -> tuple[bool, int, str]:
        return (self.day is None, self.day if self.day is not None else 0, self.event_id)


# -- compatibility ------------------------------------------------------------------------------------
def dates_compatible(a: Report, b: Report) -> bool:
    """Within the date window; an undated report fits any date its publication allows."""
    if a.day is not None and b.day is not None:
        return abs(a.day - b.day) <= int(rules()["date_window_days"])
    lo_a, hi_a = a.day_window()
    lo_b, hi_b = b.day_window()
    return lo_a <= hi_b and lo_b <= hi_a


def _same_area(a: Report, b: Report) -> bool | None:
    """True/False when both know country and admin1; None when it cannot be told."""
    if not (a.admin1 and b.admin1):
        return None
    return fold(a.country) == fold(b.country) and fold(a.admin1) == fold(b.admin1)


def places_compatible(a: Report, b: Report) -> bool:
    """The same place (radius) for place-level reports, the same admin1 for region-level ones."""
    r = rules()
    if a.country and b.country and fold(a.country) != fold(b.country):
        return False
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    region = a.region_level or b.region_level
    has_coords = None not in (a.lat, a.lon, b.lat, b.lon)
    if region:
        same = _same_area(a, b)
        if same is not None:
            return same
        if has_coords:
            return haversine_km(a.lat, a.lon, b.lat, b.lon) <= float(r["region_km"])  # type: ignore[arg-type]
        return False
    if has_coords:
        limit = float(r["place_km"])
        if a.geonameid is not None and b.geonameid is not None:
            limit = float(r["distinct_place_km"])
        return haversine_km(a.lat, a.lon, b.lat, b.lon) <= limit  # type: ignore[arg-type]
    return bool(a.location) and fold(a.location) == fold(b.location)


def _named(name: str | None) -> str:
    """The folded actor name, or '' when it is missing or a wildcard ("Unidentified Armed Group")."""
    return _named_cached(name or "")


@functools.lru_cache(maxsize=16384)
def _named_cached(name: str) -> str:
    folded = fold(name)
    if not folded:
        return ""
    for wild in rules()["wildcard_actors"]:
        if folded.startswith(fold(wild)):
            return ""
    return folded


def _names_match(x: str, y: str) -> bool:
    if not x or not y:
        return True
    return x == y or f" {x} " in f" {y} " or f" {y} " in f" {x} "


def actors_compatible(a: Report, b: Report) -> bool:
    """Actors do not contradict: equal or contained names, a wildcard, the same inter code, or swapped roles."""
    a1, a2, b1, b2 = _named(a.actor1), _named(a.actor2), _named(b.actor1), _named(b.actor2)
    if _names_match(a1, b1) and _names_match(a2, b2):
        return True
    if _names_match(a1, b2) and _names_match(a2, b1) and ((a1 and b2) or (a2 and b1)):
        return True  # the same clash told from the other side (or the target named as actor1)
    if _names_match(a2, b2) and a.inter1 is not None and a.inter1 == b.inter1:
        return True
    return False


def _vague(r: Report) -> bool:
    """Region-level with no admin1: a country-level report."""
    return r.region_level and not fold(r.admin1)


def compatible(a: Report, b: Report) -> bool:
    """Can ``a`` and ``b`` be reports of one real event? (Symmetric.)

    A country-level report only joins a dated report of the same sub-type on a known date.
    """
    if (_vague(a) or _vague(b)) and rules().get("country_level_strict", True):
        if a.day is None or b.day is None or a.sub_event_type != b.sub_event_type:
            return False
    return (
        a.family == b.family
        and a.article_id != b.article_id
        and dates_compatible(a, b)
        and places_compatible(a, b)
        and actors_compatible(a, b)
    )


def _distance(a: Report, b: Report) -> float:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return 0.0 if a.geonameid is not None and a.geonameid == b.geonameid else 50.0
    return haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]


def _affinity(r: Report, members: list[Report]) -> tuple[float, float, float, float, float]:
    """Sort key of a candidate cluster for ``r`` (smaller is better): sub-type agreement, then date
    distance, then how alike the articles' words are, then distance in km."""
    same_sub = sum(1 for m in members if m.sub_event_type == r.sub_event_type) / len(members)
    days = [abs(r.day - m.day) for m in members if r.day is not None and m.day is not None]
    undated = 1.0 if r.day is None or not days else 0.0
    mean_days = sum(days) / len(days) if days else 0.0
    alike = sum(similarity(r.terms, m.terms) for m in members) / len(members)
    mean_km = sum(_distance(r, m) for m in members) / len(members)
    return (-same_sub, undated, mean_days, -round(alike, 6), mean_km)


def cluster(reports: Iterable[Report]) -> list[list[Report]]:
    """Group reports into fused events; the same set of reports always gives the same groups.

    Each group is in canonical order; its first report's id is the fused event's id.
    """
    clusters: list[list[Report]] = []
    articles: list[set[str]] = []
    for rep in sorted(reports, key=Report.canonical_key):
        best: tuple[tuple[float, float, float, float, float], int] | None = None
        for i, members in enumerate(clusters):
            if members[0].family != rep.family or rep.article_id in articles[i]:
                continue
            if all(compatible(rep, m) for m in members):
                key = (_affinity(rep, members), i)
                if best is None or key < best:
                    best = key
        if best is None:
            clusters.append([rep])
            articles.append({rep.article_id})
        else:
            clusters[best[1]].append(rep)
            articles[best[1]].add(rep.article_id)
    return clusters


def fused_id(members: list[Report]) -> str:
    """The id of a fused event: the id of its first report in canonical order."""
    return min(members, key=Report.canonical_key).event_id
