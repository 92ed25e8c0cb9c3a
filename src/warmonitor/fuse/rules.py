"""Loading the fusion rules (``data/fuse/fusion.json``) and small helpers shared by fuse/ and store/."""
from __future__ import annotations

import datetime as _dt
import functools
import json
import math
import unicodedata
from importlib import resources
from typing import Any

from warmonitor.errors import DataFileError

_REQUIRED = (
    "families",
    "place_km",
    "distinct_place_km",
    "region_km",
    "region_precision",
    "date_window_days",
    "undated_lookback_days",
    "wildcard_actors",
    "neighbourhood_cap",
    "cascade_days",
    "minhash",
    "corroboration",
    "stance_camps",
)


def load_json(package_dir: str, name: str, required: tuple[str, ...] = ()) -> dict[str, Any]:
    """A JSON data file of ``warmonitor/data/<package_dir>/<name>``, checked for its required keys."""
    ref = resources.files("warmonitor") / "data" / package_dir / name
    label = f"data/{package_dir}/{name}"
    try:
        data = json.loads(ref.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise DataFileError(f"cannot read data file: {err}", input=label) from err
    if not isinstance(data, dict):
        raise DataFileError("expected a JSON object", input=label)
    missing = [k for k in required if k not in data]
    if missing:
        raise DataFileError(f"missing keys {', '.join(missing)}", input=label)
    return data


@functools.lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    """The fusion rules (cached)."""
    return load_json("fuse", "fusion.json", _REQUIRED)


def family_of(event_type: str | None, sub_event_type: str | None) -> str:
    """The type family of a sub-type (reports of different families are never one event)."""
    fams = rules()["families"]
    if sub_event_type and sub_event_type in fams:
        return str(fams[sub_event_type])
    return f"type:{(event_type or '').casefold()}"


def day_number(date: str | None) -> int | None:
    """Days since 1970-01-01 of an ISO date (``YYYY-MM-DD``; a shorter value or garbage gives None)."""
    if not date or len(date) < 10:
        return None
    try:
        return _dt.date.fromisoformat(date[:10]).toordinal() - 719163
    except ValueError:
        return None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def fold(text: str | None) -> str:
    """Case-, accent- and punctuation-folded text for comparing names."""
    return _fold(str(text or ""))


@functools.lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    raw = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join("".join(c if c.isalnum() else " " for c in raw.casefold()).split())


def bbox(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """(min_lon, max_lon, min_lat, max_lat) of a box around a point that holds every point within ``km``."""
    dlat = km / 110.574
    coslat = max(0.01, math.cos(math.radians(lat)))
    dlon = min(180.0, km / (111.320 * coslat))
    return lon - dlon, lon + dlon, lat - dlat, lat + dlat
