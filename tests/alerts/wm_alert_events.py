"""Fictional events for the alert tests (the places and groups are invented)."""
from __future__ import annotations

from warmonitor.model import Event


def ev(**kw) -> Event:
    base = dict(
        event_type="Battles", sub_event_type="Armed clash", event_date="2031-03-04", actor1="Army of Arcadia",
        actor2="Red Brigade", country="Arcadia", iso="XA", location="Ardel", latitude=40.0, longitude=30.0,
        fatalities=3, confidence=0.7, article_id="a1",
    )
    base.update(kw)
    return Event(**base)
