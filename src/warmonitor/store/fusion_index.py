"""Incremental fusion inside the store: find the reports a new report may join (R*Tree + date window and
indexed admin-area look-ups), re-cluster that neighbourhood, and rewrite the fused events it changed.

The SQL that differs between SQLite and PostgreSQL comes from the connection's dialect (``dialect.py``).

Each insertion costs index look-ups (O(log n)) plus work on its neighbourhood, which is bounded by
``neighbourhood_cap``: fusion of n reports grows as n log n.
"""
from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Iterable
from typing import Any

from warmonitor.fuse.cluster import Report, cluster, compatible, fused_id
from warmonitor.fuse.merge import ReportInfo, build_fused
from warmonitor.fuse.rules import bbox, day_number, fold, rules
from warmonitor.fuse.terms import from_text as terms_from_text
from warmonitor.fuse.terms import to_text as terms_to_text
from warmonitor.model import Event
from warmonitor.store.dialect import dialect_of

INSERTED_COLUMNS = (
    "event_id", "article_id", "fused_id", "family", "event_type", "sub_event_type", "event_date", "day_lo", "day_hi",
    "country", "admin1_key", "location_key", "geonameid", "latitude", "longitude", "geo_precision", "actor1", "actor2",
    "inter1", "inter2", "published", "data", "terms",
)
SPACE_COLUMNS = ("id", "min_lon", "max_lon", "min_lat", "max_lat", "min_day", "max_day")
FUSED_COLUMNS = (
    "fused_id", "event_date", "event_type", "sub_event_type", "country", "iso", "actor1", "actor2", "n_reports",
    "corroboration", "data", "updated_at",
)
REPORT_COLUMNS = (
    "r.rid, r.event_id, r.article_id, r.family, r.sub_event_type, r.event_date, r.published, r.latitude, "
    "r.longitude, r.geonameid, r.country, r.admin1_key, r.location_key, r.geo_precision, r.actor1, r.actor2, "
    "r.inter1, r.inter2, r.fused_id, r.terms"
)


def report_from_row(row: Any) -> Report:
    (_, eid, aid, family, sub, date, published, lat, lon, gid, country, admin1, loc, prec, a1, a2, i1, i2, fid,
     terms) = row
    rep = Report(
        event_id=eid,
        article_id=aid,
        family=family,
        sub_event_type=sub,
        day=day_number(date),
        published_day=day_number(published),
        lat=lat,
        lon=lon,
        geonameid=gid,
        country=country,
        admin1=admin1,
        location=loc,
        geo_precision=prec or 1,
        actor1=a1,
        actor2=a2,
        inter1=i1,
        inter2=i2,
        terms=terms_from_text(terms),
    )
    rep.fused_id = fid
    return rep


def insert_report(conn: Any, ev: Event, published: str | None,
                  terms: frozenset[str] = frozenset()) -> Report:
    """Store one article event as a report (its own fused event until fusion says otherwise);
    ``terms`` are its article's content words (``warmonitor.fuse.terms.article_terms``)."""
    dialect = dialect_of(conn)
    rep = Report.of(ev, published, terms)
    lo, hi = rep.day_window()
    rid = dialect.insert_id(
        conn,
        dialect.insert("reports", INSERTED_COLUMNS),
        (
            ev.event_id, ev.article_id, ev.event_id, rep.family, ev.event_type, ev.sub_event_type, ev.event_date,
            lo, hi, rep.country, fold(ev.admin1) or None, fold(ev.location) or None, ev.geonameid,
            ev.latitude, ev.longitude, rep.geo_precision, ev.actor1, ev.actor2, ev.inter1, ev.inter2,
            published, json.dumps(ev.to_dict(), ensure_ascii=False), terms_to_text(terms) or None,
        ),
    )
    if ev.latitude is not None and ev.longitude is not None:
        box = (rid, ev.longitude, ev.longitude, ev.latitude, ev.latitude, lo, hi)
        conn.execute(dialect.insert("reports_space", SPACE_COLUMNS), box)
        if rep.region_level:  # any region-level report: one without a shared admin1 is matched by distance
            conn.execute(dialect.insert("regions_space", SPACE_COLUMNS), box)
    rep.admin1 = fold(ev.admin1) or None
    rep.location = fold(ev.location) or None
    return rep


def candidates(conn: Any, rep: Report) -> list[Report]:
    """Stored reports that may be compatible with ``rep`` (a superset; callers test compatibility)."""
    cfg = rules()
    lo, hi = rep.day_window()
    window = int(cfg["date_window_days"])
    qlo, qhi = lo - window, hi + window
    dialect = dialect_of(conn)
    queries: list[tuple[str, list[object]]] = []
    if rep.lat is not None and rep.lon is not None:
        boxes = [(float(cfg["region_km"]), "reports_space")]
        if not rep.region_level:  # a place: nearby reports, plus region-level ones within region_km
            boxes = [(float(cfg["place_km"]), "reports_space"), (float(cfg["region_km"]), "regions_space")]
        for km, table in boxes:
            queries.append(dialect.space_query(table, REPORT_COLUMNS, bbox(rep.lat, rep.lon, km), (qlo, qhi), rep.family))
    lookups: list[tuple[str, tuple[object, ...]]] = []
    same_country, country_args = ("r.country IS NULL", ()) if rep.country is None else ("r.country = ?", (rep.country,))
    if rep.admin1:  # region-level reports of the same admin1 (all of them, when this one is region-level)
        extra = "" if rep.region_level else f" AND r.geo_precision >= {int(cfg['region_precision'])}"
        lookups.append((f"{same_country} AND r.admin1_key = ?" + extra, (*country_args, fold(rep.admin1))))
    if rep.geonameid is not None:
        lookups.append(("r.geonameid = ?", (rep.geonameid,)))
    if rep.lat is None and rep.location:
        lookups.append((f"{same_country} AND r.location_key = ?", (*country_args, fold(rep.location))))
    for where, args in lookups:
        queries.append((
            f"SELECT {REPORT_COLUMNS} FROM reports r WHERE r.family = ? AND {where} AND r.day_hi >= ? AND r.day_lo <= ?",
            [rep.family, *args, qlo, qhi],
        ))
    rows = {row[0]: row for row in dialect.select_all(conn, queries)}
    return [report_from_row(r) for r in rows.values()]


def neighbourhood(conn: Any, new: Iterable[Report]) -> dict[str, Report]:
    """The new reports and every stored report linked to them by a chain of compatible reports."""
    cfg = rules()
    cap = int(cfg["neighbourhood_cap"])
    found: dict[str, Report] = {r.event_id: r for r in new}
    frontier = list(found.values())
    if not frontier:
        return found
    windows = [r.day_window() for r in frontier]
    reach = int(cfg["cascade_days"]) + int(cfg["date_window_days"])
    lo, hi = min(w[0] for w in windows) - reach, max(w[1] for w in windows) + reach
    while frontier and len(found) < cap:
        rep = frontier.pop()
        for cand in candidates(conn, rep):
            c_lo, c_hi = cand.day_window()
            if c_hi < lo or c_lo > hi:
                continue
            if cand.event_id not in found and compatible(rep, cand):
                found[cand.event_id] = cand
                frontier.append(cand)
                if len(found) >= cap:
                    break
    mates = {r.fused_id for r in found.values() if r.fused_id}
    for fid in sorted(mates):  # whole fused events: never split one by re-clustering half of it
        for row in conn.execute(f"SELECT {REPORT_COLUMNS} FROM reports r WHERE r.fused_id = ?", (fid,)):
            if row[1] not in found:
                found[row[1]] = report_from_row(row)
    return found


def refuse(
    conn: Any, new: list[Report], also: Iterable[str] = (), known: dict[str, ReportInfo] | None = None
) -> set[str]:
    """Re-cluster the neighbourhood of the new reports; returns the fused ids rebuilt.

    ``also``: fused ids to rebuild even if their members did not change (e.g. a wire group changed);
    ``known``: the new reports as ReportInfo (spares reading back what was just written).
    """
    group = neighbourhood(conn, new)
    ids = list(group)
    old: dict[str, str] = {}
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        marks = ",".join("?" * len(part))
        old.update(conn.execute(f"SELECT event_id, fused_id FROM reports WHERE event_id IN ({marks})", part).fetchall())
    new_of: dict[str, str] = {}
    for members in cluster(group.values()):
        fid = fused_id(members)
        for m in members:
            new_of[m.event_id] = fid
    changed = {eid for eid, fid in new_of.items() if old.get(eid) != fid}
    for eid in changed:
        conn.execute("UPDATE reports SET fused_id = ? WHERE event_id = ?", (new_of[eid], eid))
    touched = {old[e] for e in changed if e in old} | {new_of[e] for e in changed}
    live = set(new_of.values())
    for gone in sorted({old[e] for e in changed if e in old} - live):
        if conn.execute("SELECT 1 FROM reports WHERE fused_id = ? LIMIT 1", (gone,)).fetchone():
            live.add(gone)  # members outside the neighbourhood keep it
            continue
        conn.execute("DELETE FROM fused_events WHERE fused_id = ?", (gone,))
        target = new_of.get(gone)
        if target is None:
            row = conn.execute("SELECT fused_id FROM reports WHERE event_id = ?", (gone,)).fetchone()
            target = row[0] if row else None
        if target and target != gone:
            conn.execute(dialect_of(conn).insert("fused_aliases", ("old_id", "fused_id"), "replace", key=("old_id",)),
                         (gone, target))
            conn.execute("UPDATE fused_aliases SET fused_id = ? WHERE fused_id = ?", (target, gone))
    for fid in live:
        conn.execute("DELETE FROM fused_aliases WHERE old_id = ?", (fid,))
    rebuild = (touched & live) | {new_of[r.event_id] for r in new if r.event_id in new_of} | set(also)
    members_of: dict[str, list[str]] = {}
    for eid, fid in new_of.items():
        members_of.setdefault(fid, []).append(eid)
    for fid in rebuild:
        rebuild_fused(conn, fid, known or {}, members_of.get(fid))
    return rebuild


def rebuild_fused(
    conn: Any, fid: str, known: dict[str, ReportInfo] | None = None, members: list[str] | None = None
) -> None:
    """Write the fused_events row of one fused event from its reports (or delete it when none is left)."""
    known = known or {}
    if members is not None and all(m in known for m in members):
        infos = [known[m] for m in members]  # all just written: nothing to read back
    else:
        infos = []
        for eid, d, o, c, u, p, w in conn.execute(
            "SELECT r.event_id, r.data, a.outlet, a.case_name, a.url, a.published, a.wire_group FROM reports r "
            "JOIN articles a ON a.id = r.article_id WHERE r.fused_id = ?",
            (fid,),
        ):
            infos.append(known.get(eid) or ReportInfo(Event.from_dict(json.loads(d)), o, c, u, p, w))
    if not infos:
        conn.execute("DELETE FROM fused_events WHERE fused_id = ?", (fid,))
        return
    fused = build_fused(fid, infos)
    now = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
    conn.execute(
        dialect_of(conn).insert("fused_events", FUSED_COLUMNS, "replace", key=("fused_id",)),
        (
            fid, fused.event_date, fused.event_type, fused.sub_event_type, fused.country, fused.iso, fused.actor1,
            fused.actor2, len(infos), fused.corroboration, json.dumps(fused.to_dict(), ensure_ascii=False), now,
        ),
    )
