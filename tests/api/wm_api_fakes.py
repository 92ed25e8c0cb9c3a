"""A light fake pipeline for the API tests: finds '<Group> attacked <Town>' and '<Group> took <Town>' in
invented text (the groups and towns are fictional), with evidence spans into the article body."""
from __future__ import annotations

import re

from warmonitor.context import Result
from warmonitor.model import Article, ControlChange, Event, Span

TOWNS = {"Ardel": (40.0, 30.0), "Mirow": (40.3, 30.2), "Tessa": (12.5, -3.1)}
PATTERN = re.compile(r"(?P<actor>(?:the )?[A-Z]\w+ (?:Brigade|Front|Army)) (?P<verb>attacked|took) (?P<town>[A-Z]\w+)")


class FakePipeline:
    def __init__(self) -> None:
        self.calls = 0

    def process(self, article: Article) -> Result:
        self.calls += 1
        events, control = [], []
        for m in PATTERN.finditer(article.body):
            town = m.group("town")
            if town not in TOWNS:
                continue
            lat, lon = TOWNS[town]
            took = m.group("verb") == "took"
            actor = m.group("actor").removeprefix("the ")
            events.append(
                Event(
                    event_type="Strategic developments" if took else "Battles",
                    sub_event_type="Non-state actor overtakes territory" if took else "Armed clash",
                    event_date=article.published, actor1=actor, country="Arcadia", iso="XA", location=town,
                    latitude=lat, longitude=lon, fatalities=0 if took else 2, confidence=0.8, article_id=article.id,
                    source=article.outlet,
                    evidence={
                        "actor1": [Span.of(article.body, m.start("actor"), m.end("actor"))],
                        "event_type": [Span.of(article.body, m.start("verb"), m.end("verb"))],
                        "location": [Span.of(article.body, m.start("town"), m.end("town"))],
                    },
                )
            )
            if took:
                control.append(ControlChange(place=town, controller=actor, date=article.published, lat=lat, lon=lon,
                                             country="XA", article_id=article.id, geonameid=900 + len(control)))
        return Result(article=article, events=events, control=control)
