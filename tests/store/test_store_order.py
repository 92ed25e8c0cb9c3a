"""Order independence in the store, on generated report sets: any arrival order, the same fused events."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warmonitor.context import Result
from warmonitor.model import Article, Event
from warmonitor.store import Store

SUBS = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
        ("Explosions/Remote violence", "Shelling/artillery/missile attack")]
ACTORS = [None, "Red Brigade", "Army of Arcadia", "Unidentified Armed Group"]

SPEC = st.tuples(
    st.integers(0, 2),  # sub-type
    st.one_of(st.none(), st.integers(0, 3)),  # day offset (None: undated)
    st.floats(0.0, 0.3),  # latitude offset (degrees)
    st.sampled_from(ACTORS),
    st.sampled_from(ACTORS),
    st.sampled_from([1, 1, 3]),  # geo precision
)
ARTICLES = st.lists(st.lists(SPEC, min_size=1, max_size=3), min_size=2, max_size=6)


def _results(articles: list[list[tuple]]) -> list[Result]:
    out = []
    for i, specs in enumerate(articles):
        art = Article(body=f"Fictional report {i} about the valley.", outlet=f"Outlet {i % 3}",
                      published="2031-03-06", case=f"gen-{i}")
        events = []
        for j, (sub, day, dlat, a1, a2, prec) in enumerate(specs):
            etype, name = SUBS[sub]
            events.append(Event(
                event_type=etype, sub_event_type=name, event_date=None if day is None else f"2031-03-0{1 + day}",
                actor1=a1, actor2=a2, iso="XA", admin1="Valley" if prec == 3 or j % 2 else None,
                location=f"Spot {j}", latitude=40.0 + dlat, longitude=30.0, geo_precision=prec, article_id=art.id,
            ))
        out.append(Result(article=art, events=events))
    return out


def _groups(results: list[Result]) -> set[frozenset[str]]:
    with Store.open(":memory:") as store:
        for r in results:
            store.add(r)
        reports = {e.event_id for e in store.reports()}
        groups = {frozenset(r["event_id"] for r in e.reports) for e in store.events()}  # type: ignore[attr-defined]
        assert set().union(*groups) == reports  # every report in exactly one fused event
        assert sum(len(g) for g in groups) == len(reports)
        ids = {e.event_id for e in store.events()}
    return {g for g in groups} if ids else set()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ARTICLES, st.randoms(use_true_random=False))
def test_generated_reports_fuse_the_same_in_any_order(articles: list[list[tuple]], rnd) -> None:
    results = _results(articles)
    shuffled = list(results)
    rnd.shuffle(shuffled)
    assert _groups(results) == _groups(shuffled)
