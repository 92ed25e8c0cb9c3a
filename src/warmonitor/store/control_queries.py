"""Control records in the store: writing them, and the timeline queries behind ``warmonitor control``."""
from __future__ import annotations

import json
from typing import Any

from warmonitor.control.timeline import ControlRecord, status_at
from warmonitor.fuse.rules import fold
from warmonitor.model import Article, ControlChange
from warmonitor.store.dialect import dialect_of

COLUMNS = (
    "article_id", "seq", "place", "place_key", "place_fold", "geonameid", "controller", "date", "known_by", "kind",
    "confidence", "country", "latitude", "longitude", "hostile_distance_km", "data",
)


def place_key(change: ControlChange) -> str:
    """One key per place: its geonameid, else its folded name and country."""
    if change.geonameid is not None:
        return f"g:{change.geonameid}"
    return f"n:{fold(change.place)}|{fold(change.country)}"


def insert(conn: Any, article: Article, changes: list[ControlChange]) -> None:
    sql = dialect_of(conn).insert("control_records", COLUMNS, "replace", key=("article_id", "seq"))
    for seq, ch in enumerate(changes):
        if ch.article_id != article.id:
            ch = ControlChange.from_dict({**ch.to_dict(), "article_id": article.id})
        conn.execute(
            sql,
            (
                article.id, seq, ch.place, place_key(ch), fold(ch.place), ch.geonameid, ch.controller, ch.date,
                article.published, ch.kind, ch.confidence, ch.country, ch.lat, ch.lon, ch.hostile_distance_km,
                json.dumps(ch.to_dict(), ensure_ascii=False),
            ),
        )


def _records(conn: Any, where: str, args: list[Any]) -> dict[str, list[ControlRecord]]:
    out: dict[str, list[ControlRecord]] = {}
    for key, data, known_by in conn.execute(
        f"SELECT place_key, data, known_by FROM control_records WHERE {where} ORDER BY rid", args
    ):
        out.setdefault(key, []).append(ControlRecord(ControlChange.from_dict(json.loads(data)), known_by))
    return out


def control_at(conn: Any, place: str, date: str | None = None) -> list[dict[str, Any]]:
    """Status of every stored place matching ``place`` (a name or a geonameid) at ``date``."""
    text = str(place).strip()
    if text.isdigit():
        keys = [f"g:{int(text)}"]
    else:
        keys = [k for (k,) in conn.execute("SELECT DISTINCT place_key FROM control_records WHERE place_fold = ?", (fold(text),))]
        for gid in _gazetteer_ids(text):  # "Rastan" finds the records of "Ar Rastan"
            key = f"g:{gid}"
            if key not in keys and conn.execute("SELECT 1 FROM control_records WHERE place_key = ? LIMIT 1", (key,)).fetchone():
                keys.append(key)
    out = []
    for key in keys:
        for recs in _records(conn, "place_key = ?", [key]).values():
            status = status_at(recs, date)
            if status is not None:
                out.append(status)
    return out


def _gazetteer_ids(name: str, limit: int = 5) -> list[int]:
    """Geonameids the gazetteer gives for a place name (none when no gazetteer can be opened)."""
    try:
        from warmonitor.resolve.places import Gazetteer

        return [p.geonameid for p in Gazetteer.open().lookup(name, limit=limit) if p.geonameid is not None]
    except Exception:  # noqa: BLE001 - the gazetteer is optional here: fall back to stored names
        return []


def snapshot(conn: Any, date: str | None = None, country: str | None = None) -> dict[str, Any]:
    """GeoJSON FeatureCollection of every place's controller at ``date`` (points; null geometry if unlocated)."""
    where, args = "1 = 1", []
    if country:
        where, args = "lower(country) = lower(?)", [country]
    features = []
    for key, recs in sorted(_records(conn, where, args).items()):
        status = status_at(recs, date)
        if status is None:
            continue
        geometry = None
        if status["lat"] is not None and status["lon"] is not None:
            geometry = {"type": "Point", "coordinates": [status["lon"], status["lat"]]}
        props = {k: v for k, v in status.items() if k not in ("lat", "lon")}
        props["history"] = json.dumps(props["history"], ensure_ascii=False)
        props["sources"] = "; ".join(props["sources"])
        props["articles"] = "; ".join(props["articles"])
        props["place_key"] = key
        features.append({"type": "Feature", "geometry": geometry, "properties": props})
    return {"type": "FeatureCollection", "features": features, "properties": {"at": date, "country": country}}


def changes(conn: Any, since: str | None = None) -> list[ControlChange]:
    """Control records (not plain 'held' mentions) dated on or after ``since``, oldest first."""
    where, args = "kind != 'held'", []
    if since:
        where += " AND coalesce(date, known_by) >= ?"
        args.append(since)
    rows = conn.execute(
        f"SELECT data FROM control_records WHERE {where} ORDER BY coalesce(date, known_by), rid", args
    ).fetchall()
    return [ControlChange.from_dict(json.loads(d)) for (d,) in rows]
