"""Watch rules: what an analyst wants to hear about, kept as data (a JSON file), and ``match``.

A rules file is ``{"_doc": "...", "rules": [ {...}, ... ]}`` (or a bare list of rule objects). A rule:

- ``name`` (required, unique): the label alerts carry.
- ``area`` (optional): ``{"bbox": [min_lon, min_lat, max_lon, max_lat]}`` or
  ``{"center": [lat, lon], "radius_km": R}``. Events without coordinates never match an area rule.
- ``country`` (optional): ISO 3166-1 alpha-2 code or country name (case-insensitive); a list allowed.
- ``actor`` (optional): a substring of actor1, actor2 or an associated actor (case-insensitive).
- ``event_types`` / ``sub_event_types`` (optional): lists of ACLED type / sub-type names.
- ``min_confidence`` (default 0), ``min_fatalities`` (default 0).
- ``include_background`` (default false): background history ("until 2014") normally never alerts.

See ``warmonitor/data/alerts/README.md`` and ``rules.example.json``.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warmonitor.errors import DataFileError, UsageError

EARTH_RADIUS_KM = 6371.0088
_KEYS = {
    "name", "area", "country", "actor", "event_types", "sub_event_types", "min_confidence",
    "min_fatalities", "include_background", "_doc",
}


@dataclass(frozen=True)
class Area:
    """A bounding box (lon/lat degrees) or a circle (centre lat/lon and radius in km)."""

    bbox: tuple[float, float, float, float] | None = None
    center: tuple[float, float] | None = None
    radius_km: float | None = None

    def contains(self, lat: float | None, lon: float | None) -> bool:
        if lat is None or lon is None:
            return False
        if self.bbox is not None:
            w, s, e, n = self.bbox
            in_lon = w <= lon <= e if w <= e else (lon >= w or lon <= e)  # a box may cross the antimeridian
            return s <= lat <= n and in_lon
        assert self.center is not None and self.radius_km is not None
        return haversine_km(self.center[0], self.center[1], lat, lon) <= self.radius_km


@dataclass(frozen=True)
class WatchRule:
    """One watch rule (see the module docstring for the file format)."""

    name: str
    area: Area | None = None
    countries: tuple[str, ...] = ()
    actor: str | None = None
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    min_confidence: float = 0.0
    min_fatalities: int = 0
    include_background: bool = False


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _number(value: Any, what: str, where: str, lo: float | None = None, hi: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise DataFileError(f"{what} must be a number, got {value!r}", input=where)
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise DataFileError(f"{what} {value!r} out of range [{lo}, {hi}]", input=where)
    return float(value)


def _strings(value: Any, what: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataFileError(f"{what} must be a string or a list of non-empty strings", input=where)
    return tuple(v.strip() for v in value)


def _area(raw: Any, where: str) -> Area | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise DataFileError("area must be an object with 'bbox' or 'center' + 'radius_km'", input=where)
    if "bbox" in raw:
        box = raw["bbox"]
        if not isinstance(box, list) or len(box) != 4:
            raise DataFileError("area.bbox must be [min_lon, min_lat, max_lon, max_lat]", input=where)
        w, e = (_number(box[i], f"area.bbox[{i}]", where, -180, 180) for i in (0, 2))
        s, n = (_number(box[i], f"area.bbox[{i}]", where, -90, 90) for i in (1, 3))
        if s > n:
            raise DataFileError("area.bbox min_lat is above max_lat", input=where)
        return Area(bbox=(w, s, e, n))
    if "center" in raw:
        c = raw["center"]
        if not isinstance(c, list) or len(c) != 2:
            raise DataFileError("area.center must be [lat, lon]", input=where)
        lat = _number(c[0], "area.center lat", where, -90, 90)
        lon = _number(c[1], "area.center lon", where, -180, 180)
        radius = _number(raw.get("radius_km"), "area.radius_km", where, 0, 20038)
        return Area(center=(lat, lon), radius_km=radius)
    raise DataFileError("area needs 'bbox' or 'center' + 'radius_km'", input=where)


def parse_rule(raw: Any, where: str = "<rule>") -> WatchRule:
    """One rule object -> ``WatchRule``; ``DataFileError`` naming ``where`` and the reason otherwise."""
    if not isinstance(raw, dict):
        raise DataFileError(f"a rule must be an object, got {type(raw).__name__}", input=where)
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise DataFileError("a rule needs a non-empty 'name'", input=where)
    where = f"{where} ({name.strip()!r})"
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise DataFileError(f"unknown key(s) {', '.join(map(repr, unknown))}", input=where)
    actor = raw.get("actor")
    if actor is not None and (not isinstance(actor, str) or not actor.strip()):
        raise DataFileError("actor must be a non-empty string", input=where)
    background = raw.get("include_background", False)
    if not isinstance(background, bool):
        raise DataFileError("include_background must be true or false", input=where)
    return WatchRule(
        name=name.strip(),
        area=_area(raw.get("area"), where),
        countries=_strings(raw.get("country"), "country", where),
        actor=actor.strip() if actor else None,
        event_types=_strings(raw.get("event_types"), "event_types", where),
        sub_event_types=_strings(raw.get("sub_event_types"), "sub_event_types", where),
        min_confidence=_number(raw.get("min_confidence", 0), "min_confidence", where, 0, 1),
        min_fatalities=int(_number(raw.get("min_fatalities", 0), "min_fatalities", where, 0)),
        include_background=background,
    )


def parse_rules(data: Any, where: str = "<rules>") -> list[WatchRule]:
    """A rules document (``{"rules": [...]}`` or a list) -> rules; names must be unique."""
    items = data.get("rules") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise DataFileError("expected a list of rules or an object with a 'rules' list", input=where)
    rules = [parse_rule(item, f"{where} rule {i}") for i, item in enumerate(items)]
    names = [r.name for r in rules]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise DataFileError(f"duplicate rule name(s): {', '.join(map(repr, dupes))}", input=where)
    return rules


def load_rules(path: str | Path) -> list[WatchRule]:
    """Read a JSON rules file. Raises ``UsageError`` when missing, ``DataFileError`` when malformed."""
    p = Path(path)
    if not p.is_file():
        raise UsageError("rules file not found", input=str(p))
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise DataFileError(f"not valid UTF-8 JSON: {err}", input=str(p)) from err
    return parse_rules(data, str(p))


def _fold(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def match(rule: WatchRule, event: Any) -> bool:
    """True when ``event`` (an ``Event`` or ``FusedEvent``) satisfies every condition of ``rule``."""
    if event.background and not rule.include_background:
        return False
    if (event.confidence or 0.0) < rule.min_confidence:
        return False
    if (event.fatalities or 0) < rule.min_fatalities:
        return False
    if rule.countries:
        have = {_fold(event.iso), _fold(event.country)} - {""}
        if not have & {_fold(c) for c in rule.countries}:
            return False
    if rule.event_types and _fold(event.event_type) not in {_fold(t) for t in rule.event_types}:
        return False
    if rule.sub_event_types and _fold(event.sub_event_type) not in {_fold(t) for t in rule.sub_event_types}:
        return False
    if rule.actor:
        needle = _fold(rule.actor)
        actors = (event.actor1, event.actor2, event.assoc_actor_1, event.assoc_actor_2)
        if not any(needle in _fold(a) for a in actors if a):
            return False
    if rule.area is not None and not rule.area.contains(event.latitude, event.longitude):
        return False
    return True
