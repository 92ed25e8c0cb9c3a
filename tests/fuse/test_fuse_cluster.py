"""Cross-article fusion rules: which pairs of reports are one event (hand-made, fictional reports)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warmonitor.fuse import Report, cluster, compatible, family_of, fused_id


def rep(eid: str, article: str, **kw) -> Report:
    base = dict(
        event_id=eid,
        article_id=article,
        family=family_of(kw.pop("event_type", "Battles"), kw.get("sub_event_type", "Armed clash")),
        sub_event_type="Armed clash",
        day=20000,
        lat=10.0,
        lon=20.0,
        geonameid=None,
        country="XA",
        admin1="North Province",
        location="Ardel",
        geo_precision=1,
        actor1="Red Brigade",
        actor2="Army of Norland",
        inter1=2,
        inter2=1,
    )
    base.update(kw)
    if "sub_event_type" in kw:
        base["family"] = family_of(None, kw["sub_event_type"])
    return Report(**base)


CASES = [
    ("same place, day and type", {}, True),
    ("territory across event types", {"sub_event_type": "Non-violent transfer of territory"}, None),
    ("one day apart", {"day": 20001}, True),
    ("three days apart", {"day": 20003}, False),
    ("different family", {"sub_event_type": "Suicide bomb"}, False),
    ("5 km away, other gazetteer place", {"lat": 10.045, "geonameid": 7}, True),
    ("20 km away, other gazetteer place", {"lat": 10.18, "geonameid": 7}, False),
    ("20 km away, no gazetteer ids", {"lat": 10.18}, True),
    ("60 km away", {"lat": 10.54}, False),
    ("other country", {"country": "XB"}, False),
    ("other named actor, other inter", {"actor1": "Blue Legion", "inter1": 3}, False),
    ("other named actor, same inter", {"actor1": "Blue Legion"}, True),
    ("unidentified actor", {"actor1": "Unidentified Armed Group (Norland)", "inter1": 3}, True),
    ("roles swapped", {"actor1": "Army of Norland", "actor2": "Red Brigade", "inter1": 1, "inter2": 2}, True),
    ("same article", {"article_id": "A"}, False),
    ("undated, published next day", {"day": None, "published_day": 20001}, True),
    ("undated, published long after", {"day": None, "published_day": 20030}, False),
]


@pytest.mark.parametrize("name,change,expected", CASES, ids=[c[0] for c in CASES])
def test_compatible_pairs(name: str, change: dict, expected: bool | None) -> None:
    a = rep("e1", "A", geonameid=6 if "geonameid" in change else None)
    b = rep("e2", "B", **change)
    if expected is None:  # territory: compare two territory reports coded with different event types
        a = rep("e1", "A", sub_event_type="Non-state actor overtakes territory")
        expected = True
    assert compatible(a, b) is expected
    assert compatible(b, a) is expected


REGION = [
    ("region-level, same admin1, far apart", {"lat": 11.0, "geo_precision": 3}, True),
    ("region-level, other admin1", {"lat": 10.1, "geo_precision": 3, "admin1": "South Province"}, False),
]

COUNTRY = [
    ("country-level, same sub-type, dated", {}, True),
    ("country-level, undated", {"day": None, "published_day": 20000}, False),
    ("country-level, other sub-type of the family", {"sub_event_type": "Shelling/artillery/missile attack"}, False),
]


@pytest.mark.parametrize("name,change,expected", COUNTRY, ids=[c[0] for c in COUNTRY])
def test_country_level(name: str, change: dict, expected: bool) -> None:
    a = rep("e1", "A", sub_event_type="Air/drone strike", geo_precision=3, admin1=None)
    b = rep("e2", "B", **{"sub_event_type": "Air/drone strike", "geo_precision": 3, "admin1": None, **change})
    assert compatible(a, b) is expected


@pytest.mark.parametrize("name,change,expected", REGION, ids=[c[0] for c in REGION])
def test_region_level(name: str, change: dict, expected: bool) -> None:
    assert compatible(rep("e1", "A", geo_precision=3), rep("e2", "B", **change)) is expected


def test_two_events_of_one_article_stay_apart_and_a_third_joins_the_closest_in_time() -> None:
    # One article reports strikes on two consecutive days at one place; another outlet reports the first.
    a1 = rep("a1", "A", sub_event_type="Air/drone strike", day=20000)
    a2 = rep("a2", "A", sub_event_type="Air/drone strike", day=20001)
    b1 = rep("b1", "B", sub_event_type="Air/drone strike", day=20000)
    groups = {tuple(sorted(r.event_id for r in g)) for g in cluster([a2, b1, a1])}
    assert groups == {("a1", "b1"), ("a2",)}


def test_complete_linkage_stops_chains() -> None:
    # 0 -> 1 -> 2 days: each neighbour is within a day, the ends are not.
    reports = [rep(f"e{d}", f"A{d}", day=20000 + d) for d in range(3)]
    groups = cluster(reports)
    assert all(max(r.day for r in g) - min(r.day for r in g) <= 1 for g in groups)
    assert sum(len(g) for g in groups) == 3


POOL = [
    rep("k1", "A"),
    rep("k2", "B", day=20001),
    rep("k3", "C", lat=10.1),
    rep("k4", "A", day=20001),
    rep("k5", "D", day=None, published_day=20002),
    rep("k6", "E", sub_event_type="Suicide bomb"),
    rep("k7", "F", sub_event_type="Suicide bomb", day=20001, actor1="Unidentified Armed Group"),
    rep("k8", "G", day=20002),
]


@settings(max_examples=60, deadline=None)
@given(st.permutations(POOL))
def test_any_order_gives_the_same_fused_events(order: list[Report]) -> None:
    expected = {fused_id(g): sorted(r.event_id for r in g) for g in cluster(POOL)}
    got = {fused_id(g): sorted(r.event_id for r in g) for g in cluster(order)}
    assert got == expected


NAMES = st.sampled_from([None, "Red Brigade", "Army of Norland", "Unidentified Armed Group", "Blue Legion"])
REPORTS = st.builds(
    Report,
    event_id=st.sampled_from(["r1", "r2", "r3"]),
    article_id=st.sampled_from(["A", "B"]),
    family=st.sampled_from(["clash", "territory"]),
    sub_event_type=st.sampled_from(["Armed clash", "Air/drone strike"]),
    day=st.one_of(st.none(), st.integers(19990, 19995)),
    published_day=st.one_of(st.none(), st.integers(19990, 20010)),
    lat=st.one_of(st.none(), st.floats(9.5, 10.5)),
    lon=st.one_of(st.none(), st.floats(19.5, 20.5)),
    geonameid=st.one_of(st.none(), st.sampled_from([1, 2])),
    country=st.sampled_from([None, "XA", "XB"]),
    admin1=st.sampled_from([None, "North Province", "South Province"]),
    location=st.sampled_from([None, "Ardel", "Mirow"]),
    geo_precision=st.sampled_from([1, 2, 3]),
    actor1=NAMES,
    actor2=NAMES,
    inter1=st.sampled_from([None, 1, 2]),
    inter2=st.sampled_from([None, 1, 2]),
)


@settings(max_examples=300, deadline=None)
@given(REPORTS, REPORTS)
def test_compatibility_is_symmetric(a: Report, b: Report) -> None:
    assert compatible(a, b) == compatible(b, a)


CAMPS = [
    ("pro-government (state media)", "government"),
    ("opposition-leaning, hostile to the government", "opposition"),
    ("independent, critical of the junta", "opposition"),
    ("pro-Kremlin", "russia"),
    ("neutral humanitarian organisation", None),
    (None, None),
]


@pytest.mark.parametrize("stance,camp", CAMPS)
def test_stance_camps(stance: str | None, camp: str | None) -> None:
    from warmonitor.fuse.merge import camp_of

    assert camp_of(stance) == camp


def test_corroboration_counts_outlets_sources_and_camps() -> None:
    from warmonitor.fuse import ReportInfo, corroboration
    from warmonitor.model import Claim, Event, Span

    def info(outlet: str, wire: str, source: str, stance: str) -> ReportInfo:
        claim = Claim(id="c", span=Span(0, 1, "x"), source=source, source_stance=stance)
        return ReportInfo(Event(event_type="Battles", sub_event_type="Armed clash", claims=[claim]), outlet=outlet, wire_group=wire)

    one_side, _ = corroboration([info("Courier", "w1", "Ministry", "state media"), info("Herald", "w1", "Ministry", "state media")])
    both, detail = corroboration([info("Courier", "w1", "Ministry", "state media"), info("Gazette", "w2", "Monitor", "opposition")])
    assert detail["outlets"] == 2 and detail["cross_camp"]
    assert both > one_side
