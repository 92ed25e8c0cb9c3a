"""Watch rules: parsing (good and bad files) and matching events."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warmonitor.alerts import Area, haversine_km, load_rules, match, parse_rule, parse_rules
from warmonitor.errors import DataFileError, UsageError

sys.path.insert(0, str(Path(__file__).parent))
from wm_alert_events import ev  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "warmonitor" / "data" / "alerts" / "rules.example.json"

MATCHES = [
    ({"name": "r"}, {}, True),
    ({"name": "r", "country": "xa"}, {}, True),
    ({"name": "r", "country": ["Arcadia"]}, {}, True),
    ({"name": "r", "country": "XB"}, {}, False),
    ({"name": "r", "actor": "red brig"}, {}, True),
    ({"name": "r", "actor": "red brig"}, {"actor2": None, "assoc_actor_1": "Red Brigade"}, True),
    ({"name": "r", "actor": "Blue"}, {}, False),
    ({"name": "r", "event_types": ["battles"]}, {}, True),
    ({"name": "r", "event_types": ["Protests"]}, {}, False),
    ({"name": "r", "sub_event_types": ["Armed clash", "Air/drone strike"]}, {}, True),
    ({"name": "r", "sub_event_types": ["Air/drone strike"]}, {}, False),
    ({"name": "r", "min_confidence": 0.7}, {}, True),
    ({"name": "r", "min_confidence": 0.71}, {}, False),
    ({"name": "r", "min_fatalities": 3}, {}, True),
    ({"name": "r", "min_fatalities": 4}, {}, False),
    ({"name": "r", "area": {"bbox": [29, 39, 31, 41]}}, {}, True),
    ({"name": "r", "area": {"bbox": [31, 39, 32, 41]}}, {}, False),
    ({"name": "r", "area": {"bbox": [170, -10, -170, 10]}}, {"latitude": 0.0, "longitude": 179.5}, True),
    ({"name": "r", "area": {"bbox": [170, -10, -170, 10]}}, {"latitude": 0.0, "longitude": 0.0}, False),
    ({"name": "r", "area": {"center": [40.0, 30.1], "radius_km": 10}}, {}, True),
    ({"name": "r", "area": {"center": [40.0, 30.2], "radius_km": 10}}, {}, False),
    ({"name": "r", "area": {"center": [40.0, 30.0], "radius_km": 10}}, {"latitude": None, "longitude": None}, False),
    ({"name": "r"}, {"background": True}, False),
    ({"name": "r", "include_background": True}, {"background": True}, True),
]


@pytest.mark.parametrize("raw,fields,expected", MATCHES)
def test_match(raw, fields, expected):
    assert match(parse_rule(raw), ev(**fields)) is expected


BAD = [
    ([], "must be an object"),
    ({}, "needs a non-empty 'name'"),
    ({"name": "  "}, "needs a non-empty 'name'"),
    ({"name": "r", "radius": 5}, "unknown key"),
    ({"name": "r", "area": {"bbox": [1, 2, 3]}}, "area.bbox"),
    ({"name": "r", "area": {"bbox": [0, 50, 1, 40]}}, "min_lat is above"),
    ({"name": "r", "area": {"center": [95, 0], "radius_km": 1}}, "out of range"),
    ({"name": "r", "area": {"center": [0, 0]}}, "radius_km must be a number"),
    ({"name": "r", "area": {"polygon": []}}, "needs 'bbox' or 'center'"),
    ({"name": "r", "area": "Ardel"}, "area must be an object"),
    ({"name": "r", "min_confidence": 2}, "out of range"),
    ({"name": "r", "min_confidence": True}, "must be a number"),
    ({"name": "r", "min_fatalities": -1}, "out of range"),
    ({"name": "r", "event_types": "Battles "}, None),  # a single string is accepted
    ({"name": "r", "event_types": [1]}, "list of non-empty strings"),
    ({"name": "r", "actor": ""}, "actor must be"),
    ({"name": "r", "include_background": "yes"}, "true or false"),
]


@pytest.mark.parametrize("raw,message", BAD)
def test_bad_rules_name_the_rule_and_reason(raw, message):
    if message is None:
        assert parse_rule(raw, "f.json rule 0").event_types == ("Battles",)
        return
    with pytest.raises(DataFileError) as info:
        parse_rule(raw, "f.json rule 0")
    text = str(info.value)
    assert "\n" not in text and text.startswith("f.json rule 0") and message in text


def test_duplicate_names_rejected():
    with pytest.raises(DataFileError, match="duplicate rule name"):
        parse_rules([{"name": "a"}, {"name": "a"}], "x.json")


def test_load_rules_file(tmp_path):
    path = tmp_path / "rules.json"
    path.write_text(json.dumps({"_doc": "test", "rules": [{"name": "near", "area": {"center": [1, 2], "radius_km": 5}}]}))
    (rule,) = load_rules(path)
    assert rule.name == "near" and rule.area == Area(center=(1.0, 2.0), radius_km=5.0)


def test_load_rules_errors(tmp_path):
    with pytest.raises(UsageError, match="not found"):
        load_rules(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(DataFileError, match="bad.json"):
        load_rules(bad)
    bad.write_text('{"rules": {"name": "x"}}')
    with pytest.raises(DataFileError, match="list of rules"):
        load_rules(bad)


def test_example_rules_load():
    rules = load_rules(EXAMPLE)
    assert len(rules) >= 3 and len({r.name for r in rules}) == len(rules)


def test_haversine_one_degree_of_latitude():
    assert haversine_km(0, 0, 1, 0) == pytest.approx(111.19, abs=0.05)
    assert haversine_km(10, 20, 10, 20) == 0


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4),
    max_leaves=12,
)
RULE_LIKE = st.fixed_dictionaries(
    {"name": st.text(min_size=1, max_size=8)},
    optional={k: JSONISH for k in ("area", "country", "actor", "event_types", "min_confidence", "min_fatalities")},
)


@settings(max_examples=100, deadline=None)
@given(st.one_of(JSONISH, RULE_LIKE))
def test_parse_rule_never_crashes(raw):
    try:
        rule = parse_rule(raw)
    except DataFileError as err:
        assert "\n" not in str(err)
    else:
        match(rule, ev())  # whatever parses can be matched
