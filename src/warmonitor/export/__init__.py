"""Exports: ACLED-style CSV, JSONL, GeoJSON, Parquet. ``write(events, fmt, out)``.

- ``acled-csv`` / ``csv``: ACLED's columns in ACLED's order (numeric ISO code, as ACLED publishes it).
- ``jsonl``: one event a line: the ACLED fields (``iso`` as alpha-2) plus ``event_id``, ``case``,
  ``cases`` (the case folders of every article behind the event), ``evidence``, ``claims``, ``reports``,
  ``fatality_figures``, ``corroboration``.
- ``geojson``: a FeatureCollection of Points (lon, lat), ACLED fields and ``cases`` as properties.
- ``parquet``: the ACLED columns plus ``event_id`` and ``cases`` (needs pyarrow).
"""
from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Iterable
from typing import IO, Any

from warmonitor.errors import ResourceError, UsageError
from warmonitor.export.acled import acled_row, columns

FORMATS = ("acled-csv", "csv", "jsonl", "geojson", "parquet")
PARQUET_INSTALL = "pip install 'pyarrow>=15'  (or: pip install 'warmonitor[parquet]')"

__all__ = ["FORMATS", "cases_of", "json_row", "write"]


def cases_of(ev: Any) -> list[str]:
    """The case folder names behind an event (a fused event's ``cases``, else its own ``case``)."""
    cases = list(getattr(ev, "cases", None) or [])
    if not cases and getattr(ev, "case", None):
        cases = [ev.case]
    return cases


def json_row(ev: Any, timestamp: int = 0) -> dict[str, Any]:
    """The JSONL row of one event."""
    row = acled_row(ev, numeric_iso=False, timestamp=timestamp)
    row["event_id"] = ev.event_id
    row["case"] = ev.case or (cases_of(ev)[0] if cases_of(ev) else None)
    row["cases"] = cases_of(ev)
    row["article_id"] = ev.article_id
    row["background"] = ev.background
    row["confidence"] = ev.confidence
    row["radius_km"] = ev.radius_km
    row["geonameid"] = ev.geonameid
    row["cameo"], row["plover"] = ev.cameo, ev.plover
    row["evidence"] = {k: [s.to_dict() for s in v] for k, v in (ev.evidence or {}).items()}
    row["claims"] = [c.to_dict() for c in ev.claims]
    row["fatality_figures"] = [f.to_dict() for f in ev.fatality_figures]
    for extra in ("reports", "article_ids", "corroboration", "corroboration_detail"):
        if hasattr(ev, extra):
            row[extra] = getattr(ev, extra)
    return row


def _write_text(out: IO[Any], text: str) -> None:
    if isinstance(out, (io.RawIOBase, io.BufferedIOBase)) or "b" in str(getattr(out, "mode", "")):
        out.write(text.encode("utf-8"))
    else:
        out.write(text)


def write(events: Iterable[Any], fmt: str, out: IO[Any]) -> int:
    """Write ``events`` to ``out`` in ``fmt``; returns the number of events written."""
    fmt = (fmt or "").lower()
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    evs = list(events)
    stamp = int(time.time())
    if fmt in ("acled-csv", "csv"):
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=columns(), lineterminator="\n")
        writer.writeheader()
        for ev in evs:
            writer.writerow({k: "" if v is None else v for k, v in acled_row(ev, timestamp=stamp).items()})
        _write_text(out, buf.getvalue())
    elif fmt == "jsonl":
        _write_text(out, "".join(json.dumps(json_row(ev, stamp), ensure_ascii=False) + "\n" for ev in evs))
    elif fmt == "geojson":
        _write_text(out, json.dumps(geojson(evs, stamp), ensure_ascii=False) + "\n")
    else:
        _parquet(evs, out, stamp)
    return len(evs)


def geojson(events: list[Any], timestamp: int = 0) -> dict[str, Any]:
    """A FeatureCollection of Points (events without coordinates get a null geometry)."""
    features = []
    for ev in events:
        props = acled_row(ev, numeric_iso=False, timestamp=timestamp)
        props["event_id"] = ev.event_id
        props["cases"] = "; ".join(cases_of(ev))
        props["corroboration"] = getattr(ev, "corroboration", None)
        geometry = None
        if ev.latitude is not None and ev.longitude is not None:
            geometry = {"type": "Point", "coordinates": [float(ev.longitude), float(ev.latitude)]}
        features.append({"type": "Feature", "id": ev.event_id, "geometry": geometry, "properties": props})
    return {"type": "FeatureCollection", "features": features}


def _parquet(events: list[Any], out: IO[Any], timestamp: int) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as err:
        raise ResourceError(f"parquet export needs pyarrow, which is not installed; install it with: {PARQUET_INSTALL}") from err
    rows = []
    for ev in events:
        row = acled_row(ev, numeric_iso=False, timestamp=timestamp)
        row = {k: (None if v == "" else v) for k, v in row.items()}
        row["iso"] = None if row["iso"] is None else str(row["iso"])
        row["event_id"] = ev.event_id
        row["cases"] = cases_of(ev)
        rows.append(row)
    table = pa.Table.from_pylist(rows) if rows else pa.table({c: pa.array([], pa.string()) for c in [*columns(), "event_id"]})
    pq.write_table(table, out)
