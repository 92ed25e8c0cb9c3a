"""Exports round-trip: ACLED CSV opens with the csv module, GeoJSON is valid, JSONL carries cases."""
from __future__ import annotations

import csv
import importlib.util
import io
import json

import pytest

from warmonitor.errors import ResourceError, UsageError
from warmonitor.export import write
from warmonitor.export.acled import columns
from warmonitor.fuse import ReportInfo, fuse_events
from warmonitor.model import Claim, Event, FatalityFigure, Span

ACLED_COLUMNS = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,"
    "inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"
    "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"
).split(",")


def _events() -> list[Event]:
    base = dict(
        event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
        event_date="2031-02-11", actor1="Southern Guard", actor2="Civilians (Arcadia)", inter1=3, inter2=7,
        iso="SY", country="Syria", admin1="Vale", location='Old "Mill" Town, east', latitude=35.5,
        longitude=36.25, notes="Shells hit the market,\nsaid residents.",
    )
    one = Event(**base, article_id="a1", case="exp-a", fatalities=3, source="Courier",
                fatality_figures=[FatalityFigure(value=3, text="three")],
                claims=[Claim(id="c1", span=Span(0, 5, "Shell"), source="residents")],
                evidence={"location": [Span(10, 18, "Old Mill")]})
    two = Event(**base, article_id="a2", case="exp-b", fatalities=12, source="Herald")
    lone = Event(event_type="Protests", sub_event_type="Peaceful protest", event_date="2031-02-12",
                 location="Nowhere in particular", article_id="a3", case="exp-c")
    return fuse_events([ReportInfo(one, outlet="Courier"), ReportInfo(two, outlet="Herald"), ReportInfo(lone)])


def test_columns_are_acleds() -> None:
    assert columns() == ACLED_COLUMNS


@pytest.mark.parametrize("fmt", ["acled-csv", "csv"])
def test_csv_round_trip(fmt: str) -> None:
    buf = io.StringIO()
    assert write(_events(), fmt, buf) == 2
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert list(rows[0]) == ACLED_COLUMNS
    shelling = next(r for r in rows if r["event_type"].startswith("Explosions"))
    assert shelling["location"] == 'Old "Mill" Town, east' and "\n" in shelling["notes"]
    assert shelling["iso"] == "760" and shelling["civilian_targeting"] == "Civilian targeting"
    assert shelling["fatalities"] == "3" and shelling["year"] == "2031"
    assert shelling["disorder_type"] == "Political violence"


def test_jsonl_rows_carry_cases_and_evidence() -> None:
    buf = io.StringIO()
    write(_events(), "jsonl", buf)
    rows = [json.loads(line) for line in buf.getvalue().splitlines()]
    shelling = next(r for r in rows if r["event_type"].startswith("Explosions"))
    assert shelling["cases"] == ["exp-a", "exp-b"] and shelling["event_id"]
    assert shelling["iso"] == "SY"
    assert {r["fatalities"] for r in shelling["reports"]} == {3, 12}
    assert shelling["claims"][0]["source"] == "residents"
    assert shelling["evidence"]["location"][0]["text"] == "Old Mill"


def test_geojson_is_a_feature_collection() -> None:
    buf = io.BytesIO()
    write(_events(), "geojson", buf)
    doc = json.loads(buf.getvalue().decode("utf-8"))
    assert doc["type"] == "FeatureCollection"
    located = [f for f in doc["features"] if f["geometry"]]
    assert located[0]["geometry"] == {"type": "Point", "coordinates": [36.25, 35.5]}
    assert all(f["type"] == "Feature" and isinstance(f["properties"], dict) for f in doc["features"])
    assert any(f["geometry"] is None for f in doc["features"])  # unlocated: kept, no point


def test_unknown_format() -> None:
    with pytest.raises(UsageError, match="xlsx"):
        write([], "xlsx", io.StringIO())


@pytest.mark.skipif(importlib.util.find_spec("pyarrow") is not None, reason="pyarrow is installed")
def test_parquet_without_pyarrow_says_how_to_install() -> None:
    with pytest.raises(ResourceError, match="pip install"):
        write(_events(), "parquet", io.BytesIO())


@pytest.mark.skipif(importlib.util.find_spec("pyarrow") is None, reason="pyarrow is not installed")
def test_parquet_round_trip() -> None:
    import pyarrow.parquet as pq

    buf = io.BytesIO()
    write(_events(), "parquet", buf)
    table = pq.read_table(io.BytesIO(buf.getvalue()))
    assert table.num_rows == 2 and "event_id_cnty" in table.column_names
