"""Hand-made, fictional articles and events for the store tests (no real news text)."""
from __future__ import annotations

from typing import Any

from warmonitor.context import Result
from warmonitor.model import Article, Claim, ControlChange, Event, Span


def article(text: str, outlet: str, case: str, published: str | None = "2031-05-02") -> Article:
    return Article(body=text, headline=f"{outlet} report", outlet=outlet, published=published, case=case)


def event(art: Article, sub: str, place: str, lat: float, lon: float, date: str | None, actor1: str,
          actor2: str | None = None, etype: str = "Battles", gid: int | None = None, fatalities: int = 0,
          admin1: str = "Vale", precision: int = 1) -> Event:
    return Event(
        event_type=etype, sub_event_type=sub, event_date=date, actor1=actor1, actor2=actor2, iso="XA",
        country="Arcadia", admin1=admin1, location=place, latitude=lat, longitude=lon, geonameid=gid,
        article_id=art.id, fatalities=fatalities, geo_precision=precision, case=art.case, source=art.outlet,
        evidence={"location": [Span(0, 5, art.body[:5])]},
    )


def result(art: Article, events: list[Event], control: list[ControlChange] | None = None) -> Result:
    claims = [Claim(id="c1", span=Span(0, len(art.body), art.body), source=f"{art.outlet} correspondent")]
    return Result(article=art, events=events, claims=claims, control=control or [])


def story_set() -> list[Result]:
    """Five articles: three outlets on one clash in Ardel, one on a bombing there, one on a takeover."""
    a = article("Fighters of the Red Brigade clashed with the army in Ardel on Monday; four died.", "Courier", "case-a")
    b = article("The army said it repelled a Red Brigade assault on Ardel early Monday, killing six.", "Herald", "case-b")
    c = article("Residents of Ardel described gunfire through the night as the Red Brigade attacked.", "Gazette", "case-c")
    d = article("A car bomb went off at the market of Ardel on Monday, a medic said.", "Herald", "case-d")
    e = article("The Red Brigade took the hill town of Mirow without a fight on Tuesday, locals said.", "Courier", "case-e")
    return [
        result(a, [event(a, "Armed clash", "Ardel", 40.0, 30.0, "2031-05-01", "Red Brigade", "Army of Arcadia", fatalities=4, gid=11)]),
        result(b, [event(b, "Armed clash", "Ardel", 40.01, 30.01, "2031-05-01", "Army of Arcadia", "Red Brigade", fatalities=6, gid=11)]),
        result(c, [event(c, "Armed clash", "Ardel", 40.0, 30.0, None, "Red Brigade", gid=11)]),
        result(d, [event(d, "Remote explosive/landmine/IED", "Ardel", 40.0, 30.0, "2031-05-01", "Unidentified Armed Group", etype="Explosions/Remote violence", gid=11)]),
        result(
            e,
            [event(e, "Non-violent transfer of territory", "Mirow", 40.3, 30.2, "2031-05-02", "Red Brigade", "Army of Arcadia", etype="Strategic developments", gid=12)],
            [ControlChange(place="Mirow", controller="Red Brigade", date="2031-05-02", geonameid=12, lat=40.3, lon=30.2, country="XA", previous="Army of Arcadia")],
        ),
    ]


def check_half_written_article_rolls_back(store: Any, monkeypatch: Any) -> None:
    """A failure after an article's rows are written (here: in fusion) leaves nothing of it, and the
    same article can be stored afterwards (one check for every store backend)."""
    import pytest

    import warmonitor.store.store as store_module

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("fusion failed")

    monkeypatch.setattr(store_module, "refuse", broken)
    with pytest.raises(RuntimeError, match="fusion failed"):
        store.add(story_set()[0])
    assert store.counts()["articles"] == 0 and store.counts()["reports"] == 0
    monkeypatch.undo()
    assert store.add(story_set()[0])
    assert store.counts()["articles"] == 1
