"""Territorial control from hand-made (fictional) events and place mentions, and timelines in the store."""
from __future__ import annotations

import json

import pytest

from warmonitor.context import Context, Result
from warmonitor.control import control_changes
from warmonitor.model import Actor, ActorMention, Article, Claim, Event, Place, PlaceMention, Span
from warmonitor.store import Store

TEXT = (
    "Fighters of the Crescent Front took Lorvan on Thursday after the garrison left. "
    "The Crescent Front is now just 3 miles from Tessaly, a monitor said."
)
TESSALY = Place(name="Tessaly", lat=41.0, lon=22.0, country="XA", admin1="Upland", geonameid=501)


def _span(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(start, start + len(needle), needle)


def _takeover(article: Article, place: str, gid: int, date: str, winner: str, loser: str, lat: float) -> Event:
    return Event(
        event_type="Strategic developments", sub_event_type="Non-violent transfer of territory", event_date=date,
        actor1=winner, actor2=loser, iso="XA", country="Arcadia", location=place, geonameid=gid,
        latitude=lat, longitude=22.1, article_id=article.id, confidence=0.8,
        evidence={"event_type": [_span(article.body, "took")]} if "took" in article.body else {},
    )


def _context() -> tuple[Article, Context, list[Event]]:
    art = Article(body=TEXT, outlet="The Courier", published="2031-07-04", case="control-a")
    front = Actor(name="Crescent Front", inter=2)
    second = TEXT.index("The Crescent Front")
    ctx = Context(
        article=art,
        places=[
            PlaceMention(
                span=_span(TEXT, "Tessaly"), place=TESSALY, confidence=0.9, relation="from", distance_km=4.83,
                relation_span=_span(TEXT, "3 miles from"), precision=2,
            )
        ],
        actors=[
            ActorMention(span=_span(TEXT, "Crescent Front"), actor=front),
            ActorMention(span=Span(second + 4, second + 18, "Crescent Front"), actor=front),
        ],
        claims=[
            Claim(id="m1", span=Span(second, len(TEXT), TEXT[second:]), source="a monitor", modality="reported")
        ],
    )
    events = [_takeover(art, "Lorvan", 500, "2031-07-03", "Crescent Front", "Army of Arcadia", 41.2)]
    return art, ctx, events


def test_takeover_and_hostile_distance() -> None:
    _, ctx, events = _context()
    changes = control_changes(events, ctx)
    by_place = {c.place: c for c in changes}
    lorvan, tessaly = by_place["Lorvan"], by_place["Tessaly"]
    assert (lorvan.controller, lorvan.previous, lorvan.date, lorvan.kind) == (
        "Crescent Front", "Army of Arcadia", "2031-07-03", "gained")
    assert (tessaly.controller, tessaly.kind, tessaly.date) == ("Army of Arcadia", "contested", "2031-07-04")
    assert tessaly.hostile_distance_km == pytest.approx(4.83)
    assert "a monitor" in tessaly.sources


def test_no_armed_actor_no_contest() -> None:
    _, ctx, events = _context()
    ctx.actors = []
    assert [c.place for c in control_changes(events, ctx)] == ["Lorvan"]


@pytest.fixture()
def store() -> Store:
    art, ctx, events = _context()
    st = Store.open(":memory:")
    st.add(Result(article=art, events=events, claims=ctx.claims, control=control_changes(events, ctx)))
    later = Article(body="The army of Arcadia returned to Lorvan on Sunday, residents said.", outlet="Herald",
                    published="2031-07-07", case="control-b")
    back = _takeover(later, "Lorvan", 500, "2031-07-06", "Army of Arcadia", "Crescent Front", 41.2)
    back = Event.from_dict({**back.to_dict(), "sub_event_type": "Government regains territory", "event_type": "Battles"})
    later_ctx = Context(article=later)
    st.add(Result(article=later, events=[back], control=control_changes([back], later_ctx)))
    yield st
    st.close()


CASES = [
    ("Lorvan", "2031-07-01", "Army of Arcadia", None),
    ("Lorvan", "2031-07-03", "Crescent Front", "2031-07-03"),
    ("Lorvan", "2031-07-05", "Crescent Front", "2031-07-03"),
    ("Lorvan", "2031-07-06", "Army of Arcadia", "2031-07-06"),
    ("500", "2031-07-04", "Crescent Front", "2031-07-03"),
    ("Tessaly", "2031-07-04", "Army of Arcadia", None),
]


@pytest.mark.parametrize("place,date,controller,since", CASES)
def test_control_at(store: Store, place: str, date: str, controller: str, since: str | None) -> None:
    [status] = store.control_at(place, date)
    assert (status["controller"], status["since"]) == (controller, since)


def test_status_details(store: Store) -> None:
    [tessaly] = store.control_at("tessaly", "2031-07-05")
    assert tessaly["kind"] == "contested" and tessaly["hostile_distance_km"] == pytest.approx(4.83)
    [lorvan] = store.control_at("Lorvan")
    assert [h["controller"] for h in lorvan["history"]] == ["Army of Arcadia", "Crescent Front", "Army of Arcadia"]
    assert store.control_at("Nowhere", "2031-07-05") == []
    assert store.control_at("Tessaly", "2031-06-01") == []


def test_change_feed_and_snapshot(store: Store) -> None:
    feed = store.control_changes("2031-07-04")
    assert [(c.place, c.kind) for c in feed] == [("Tessaly", "contested"), ("Lorvan", "gained")]
    snap = store.control_snapshot("2031-07-05", country="XA")
    json.dumps(snap)
    assert snap["type"] == "FeatureCollection"
    holders = {f["properties"]["place"]: f["properties"]["controller"] for f in snap["features"]}
    assert holders == {"Lorvan": "Crescent Front", "Tessaly": "Army of Arcadia"}
    assert all(f["geometry"]["type"] == "Point" for f in snap["features"])
