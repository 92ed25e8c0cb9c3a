"""Where an event's place mention really points: how sure a resolved place must be (``trusted``), the
place a descriptive mention introduces ("the Gaza city of Jabalia", ``named_by``) and a small place
read as a namesake outside the region the article names (``namesake_region``). Settings in
``data/events/extract.json``."""
from __future__ import annotations

import math
import re
from typing import Any

from warmonitor.context import Context
from warmonitor.model import PlaceMention


def trusted(ctx: Context, pm: PlaceMention, cfg: dict[str, Any] | None) -> bool:
    """Whether a resolved place is sure enough to carry an event (``extract.json`` thresholds)."""
    cfg = cfg or {}
    need = float(cfg.get("min_place_confidence", 0.0))
    if ctx.countries and pm.place is not None and pm.place.country != ctx.countries[0]:
        need = max(need, float(cfg.get("foreign_place_confidence", 0.0)))
    return pm.confidence >= need


def _km(a: Any, b: Any) -> float:
    """Great-circle distance between two places with coordinates (infinite when one lacks them)."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


_OF_NAME = re.compile(r"(?:\s+[a-z]+)?\s+of\s+(?:the\s+)?")  # "[city] of (the) ..."


def named_by(ctx: Context, pm: PlaceMention) -> PlaceMention:
    """The place a descriptive mention introduces: "the northern Gaza city of Jabalia", "the Korvan
    district of Meldra" name the place after "of" (below country level; "the Sagaing region of
    Myanmar" stays the region)."""
    body = ctx.article.body
    m = _OF_NAME.match(body, pm.span.end)
    if m is None:
        return pm
    for other in ctx.places:
        if (other.span.start == m.end() and other.role == "place" and other.place is not None
                and other.place.feature != "country"):
            return other
    return pm


def namesake_region(ctx: Context, pm: PlaceMention, cfg: dict[str, Any] | None) -> PlaceMention:
    """A small place read outside the only first-level region the article names in its country is
    probably a namesake (villages share names): the event goes to the named region (ACLED codes a
    place it cannot find at the region given). Bounded by ``namesake_max_population``; a reading
    confirmed by another place named in its region or within ``namesake_near_km`` of it stands."""
    limit = int((cfg or {}).get("namesake_max_population", 0))
    place = pm.place
    if limit <= 0 or place is None or place.feature in ("country", "admin1") or place.population > limit:
        return pm
    near = float((cfg or {}).get("namesake_near_km", 0.0))
    regions: dict[str, PlaceMention] = {}
    for other in ctx.places:
        op = other.place
        if other.role != "place" or op is None or op.country != place.country or not trusted(ctx, other, cfg):
            continue
        if op.geonameid != place.geonameid and (op.admin1 == place.admin1 or (near > 0 and _km(op, place) <= near)):
            return pm  # the article also names something in (or near) the place's own region
        if op.feature == "admin1" and op.admin1:
            regions.setdefault(op.admin1, other)
    if len(regions) != 1 or place.admin1 in regions:
        return pm
    return next(iter(regions.values()))
