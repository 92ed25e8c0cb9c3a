"""Hand-made contexts for the extract tests: own sentences, fictional places and actors."""
from __future__ import annotations

import re
from typing import Any

import pytest

from warmonitor.context import Context
from warmonitor.model import Actor, ActorMention, Article, Claim, Place, PlaceMention, Span, Timex

# fictional places: name -> (lat, lon, ISO2, admin1, feature)
PLACES: dict[str, tuple[float, float, str, str, str]] = {
    "Korvan": (35.10, 36.70, "SY", "Hama", "city"),
    "Meldra": (35.20, 36.80, "SY", "Hama", "city"),
    "Tessel": (34.70, 36.70, "SY", "Homs", "city"),
    "Ostrava Province": (35.00, 37.00, "SY", "Idlib", "admin1"),
    "Varno": (34.00, 36.00, "SY", "Homs", "city"),
    "Pellam": (9.00, 7.50, "NG", "Kaduna", "city"),
    "Dorran": (35.90, 36.60, "SY", "Idlib", "city"),  # a town inside Ostrava Province
}
# fictional actors: surface text -> (registry name, inter)
ACTORS: dict[str, tuple[str, int]] = {
    "Northern Front": ("Northern Front", 2),
    "rebels": ("Northern Front", 2),
    "the army": ("Military Forces of Syria", 1),
    "government forces": ("Military Forces of Syria", 1),
    "government troops": ("Military Forces of Syria", 1),
    "the air force": ("Military Forces of Syria", 1),
    "police": ("Police Forces of Syria", 1),
    "protesters": ("Protesters", 6),
    "gunmen": ("Unidentified Armed Group", 3),
    "villagers": ("Civilians", 7),
}


def _all(text: str, needle: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\b" + re.escape(needle) + r"\b", text, re.IGNORECASE)]


def build_context(text: str, published: str = "2024-03-05", claims: list[Claim] | None = None,
                  timexes: list[tuple[str, str]] | None = None, nlp: Any = None) -> Context:
    """A Context over ``text`` with every known place and actor name found by string search."""
    from warmonitor.nlp import load_nlp

    nlp = nlp or load_nlp()
    art = Article(body=text, published=published, outlet="Test Wire", case="test-case")
    doc = nlp(text)
    places = []
    for name, (lat, lon, iso, admin1, feature) in PLACES.items():
        for s, e in _all(text, name):
            place = Place(name=name, lat=lat, lon=lon, country=iso, admin1=admin1, feature=feature,
                          geonameid=abs(hash(name)) % 10**6)
            places.append(PlaceMention(span=Span.of(text, s, e), place=place, confidence=0.9,
                                       precision=3 if feature == "admin1" else 1, lat=lat, lon=lon))
    actors = []
    taken: list[tuple[int, int]] = []
    for surface in sorted(ACTORS, key=len, reverse=True):
        name, inter = ACTORS[surface]
        for s, e in _all(text, surface):
            if any(a < e and s < b for a, b in taken):
                continue
            taken.append((s, e))
            actors.append(ActorMention(span=Span.of(text, s, e), actor=Actor(name=name, inter=inter), confidence=0.9))
    tx = []
    for surface, value in timexes or []:
        for s, e in _all(text, surface):
            tx.append(Timex(span=Span.of(text, s, e), type="DATE", value=value,
                            background=value[:4] < published[:4]))
    return Context(article=art, doc=doc, places=sorted(places, key=lambda p: p.span.start),
                   actors=sorted(actors, key=lambda a: a.span.start), claims=claims or [], timexes=tx,
                   countries=["SY"])


@pytest.fixture(scope="session")
def make_ctx():
    return build_context
