"""Content words of articles and their use in choosing between compatible fused events (own sentences)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warmonitor.fuse import Report, cluster, family_of
from warmonitor.fuse.terms import article_terms, from_text, similarity, to_text


@pytest.mark.parametrize(
    "text,present,absent",
    [
        ("Gunmen stormed the Harbour Hotel in Port Vell on Friday.", {"gunmen", "stormed", "harbour", "hotel", "friday"}, {"the", "in", "on"}),
        ("Zoë Café was shelled; 12 died.", {"cafe", "shelled", "died"}, {"12", "was"}),
        ("They said that they would have come.", set(), {"they", "said", "that", "would", "have"}),
    ],
)
def test_article_terms(text: str, present: set[str], absent: set[str]) -> None:
    terms = article_terms(text)
    assert present <= terms
    assert not (absent & terms)


def test_terms_of_nothing() -> None:
    assert article_terms(None, "") == frozenset()
    assert similarity(frozenset(), article_terms("harbour hotel")) == 0.0


@given(st.text(), st.text())
def test_similarity_is_symmetric_and_bounded(a: str, b: str) -> None:
    ta, tb = article_terms(a), article_terms(b)
    s = similarity(ta, tb)
    assert s == similarity(tb, ta)
    assert 0.0 <= s <= 1.0
    if ta:
        assert similarity(ta, ta) == 1.0
    assert from_text(to_text(ta)) == ta


def _rep(eid: str, article: str, day: int | None, text: str, **kw: object) -> Report:
    base: dict[str, object] = dict(
        event_id=eid, article_id=article, family=family_of(None, "Suicide bomb"), sub_event_type="Suicide bomb",
        day=day, lat=5.0, lon=40.0, geonameid=77, country="XA", admin1="Coast", location="Port Vell",
        actor1=None, actor2="Civilians (Arcadia)", terms=article_terms(text),
    )
    base.update(kw)
    return Report(**base)  # type: ignore[arg-type]


def test_an_unanchored_report_joins_the_event_whose_articles_read_alike() -> None:
    """A report with no date and no publication date fits every same-place event of its family; the one
    whose articles share its words wins, whatever the order."""
    old = _rep("e-old", "A", 1000, "A roadside bomb hit a minibus on the northern ring road of Port Vell; one died.")
    new1 = _rep("e-new1", "B", 20000, "A suicide bomber blew himself up at the Harbour Hotel on the seafront promenade of Port Vell.")
    new2 = _rep("e-new2", "C", 20000, "Bathers fled the seafront promenade as a bomber detonated his vest beside the Harbour Hotel.")
    loose = _rep("e-loose", "D", None, "Witnesses on the seafront promenade said the bomber wore a vest near the Harbour Hotel.")
    for order in ([old, new1, new2, loose], [loose, new2, old, new1]):
        groups = {frozenset(m.event_id for m in g) for g in cluster(order)}
        assert frozenset({"e-new1", "e-new2", "e-loose"}) in groups
        assert frozenset({"e-old"}) in groups
