"""Records round-trip through plain JSON, and ids are stable."""
import json

from hypothesis import given
from hypothesis import strategies as st

from warmonitor.model import (
    Article,
    Claim,
    ControlChange,
    Event,
    FatalityFigure,
    Place,
    PlaceMention,
    Span,
    Timex,
)

spans = st.builds(lambda a, n, t: Span(a, a + n, t), st.integers(0, 10_000), st.integers(0, 50), st.text(max_size=20))


@given(
    etype=st.sampled_from(["Battles", "Protests", "Strategic developments"]),
    loc=st.one_of(st.none(), st.text(max_size=30)),
    dead=st.integers(0, 10_000),
    ev_spans=st.lists(spans, max_size=3),
)
def test_event_round_trip(etype, loc, dead, ev_spans):
    ev = Event(
        event_type=etype,
        sub_event_type="x",
        location=loc,
        fatalities=dead,
        evidence={"location": ev_spans},
        claims=[Claim(id="c1", span=Span(0, 1, "a"))],
        fatality_figures=[FatalityFigure(value=dead, text=str(dead))],
    )
    again = Event.from_dict(json.loads(json.dumps(ev.to_dict())))
    assert again == ev
    assert again.event_id == ev.event_id


def test_article_id_depends_on_content_only():
    a = Article(body="Shelling hit the  town.", headline="H", url="https://a.example/1")
    b = Article(body="Shelling hit the town.", headline="H", url="https://b.example/2")
    c = Article(body="Shelling hit another town.", headline="H")
    assert a.id == b.id != c.id


def test_nested_records_round_trip():
    pm = PlaceMention(span=Span(3, 8, "Korva"), place=Place("Korva", 1.0, 2.0, country="ZZ"), runner_up=None)
    assert PlaceMention.from_dict(pm.to_dict()) == pm
    tx = Timex(span=Span(0, 6, "Friday"), type="DATE", value="2031-05-02")
    assert Timex.from_dict(tx.to_dict()) == tx
    cc = ControlChange(place="Korva", controller="Fictional Front", date="2031-05-02", span=Span(1, 2, "x"))
    assert ControlChange.from_dict(cc.to_dict()) == cc


def test_unknown_keys_are_ignored():
    ev = Event.from_dict({"event_type": "Battles", "sub_event_type": "Armed clash", "cases": ["a"], "bogus": 1})
    assert ev.event_type == "Battles"
