"""A light fake pipeline for the batch tests: one event per article that mentions a clash (no models)."""
from __future__ import annotations

import os

from warmonitor.context import Result
from warmonitor.model import Article, Event

BUILT: list[int] = []  # process ids of every pipeline built (within this process)


class FakePipeline:
    def __init__(self) -> None:
        BUILT.append(os.getpid())
        self.pid = os.getpid()

    def process(self, article: Article) -> Result:
        if "explodes" in article.body:
            raise ValueError("a stage failed")
        events = []
        if "clash" in article.body:
            place = article.body.split(" in ", 1)[1].split()[0].strip(".,") if " in " in article.body else None
            events.append(
                Event(event_type="Battles", sub_event_type="Armed clash", event_date=article.published, location=place,
                      latitude=40.0, longitude=30.0, country="Arcadia", iso="XA", article_id=article.id,
                      notes=f"worker {self.pid}")
            )
        return Result(article=article, events=events)


def fake_factory() -> FakePipeline:
    return FakePipeline()
