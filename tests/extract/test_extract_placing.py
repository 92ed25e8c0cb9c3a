"""``placing.namesake_region`` and ``placing.named_by``: a small place read outside the only region the article names in its
country is a namesake; the event goes to the named region. Fictional places (see conftest)."""
from __future__ import annotations

from typing import Any

import pytest

from warmonitor.context import Context
from warmonitor.extract import extract_events
from warmonitor.extract.placing import named_by, namesake_region
from warmonitor.model import Article, Place, PlaceMention, Span

CFG = {"namesake_max_population": 50000, "namesake_near_km": 60, "min_place_confidence": 0.3}


def _pm(text: str, name: str, admin1: str, feature: str = "city", population: int = 0,
        lat: float | None = None) -> PlaceMention:
    start = text.index(name)
    lat = lat if lat is not None else 30.0 + len(name) % 7  # distinct points, hundreds of km apart
    place = Place(name=name, lat=lat, lon=36.0, country="SY", admin1=admin1, feature=feature,
                  geonameid=abs(hash(name)) % 10**6, population=population)
    return PlaceMention(span=Span.of(text, start, start + len(name)), place=place, confidence=0.9)


# (text, [(name, admin1, feature, population, lat)], expected place name for the first mention)
CASES = [
    ("Jets hit Tessel in Ostrava Province.", [("Tessel", "Homs", "city", 0), ("Ostrava Province", "Idlib", "admin1", 0)],
     "Ostrava Province"),
    # the article also names a place in the village's own region: the reading stands
    ("Jets hit Tessel in Ostrava Province; Varno was calm.",
     [("Tessel", "Homs", "city", 0), ("Ostrava Province", "Idlib", "admin1", 0), ("Varno", "Homs", "city", 0)], "Tessel"),
    # a place named near the village (another region) confirms the reading
    ("Jets hit Tessel near Varno in Ostrava Province.",
     [("Tessel", "Homs", "city", 0, 34.0), ("Ostrava Province", "Idlib", "admin1", 0, 36.0), ("Varno", "Dimashq", "city", 0, 34.2)],
     "Tessel"),
    # two regions named: no single region to fall back on
    ("Jets hit Tessel; Ostrava Province and Dorn Province were calm.",
     [("Tessel", "Homs", "city", 0), ("Ostrava Province", "Idlib", "admin1", 0), ("Dorn Province", "Hama", "admin1", 0)],
     "Tessel"),
    # a large city is not a namesake
    ("Jets hit Tessel in Ostrava Province.", [("Tessel", "Homs", "city", 900000), ("Ostrava Province", "Idlib", "admin1", 0)],
     "Tessel"),
    # the village lies in the named region
    ("Jets hit Tessel in Ostrava Province.", [("Tessel", "Idlib", "city", 0), ("Ostrava Province", "Idlib", "admin1", 0)],
     "Tessel"),
]


@pytest.mark.parametrize("text,mentions,expected", CASES)
def test_namesake_region(text: str, mentions: list[tuple[Any, ...]], expected: str) -> None:
    pms = [_pm(text, *m) for m in mentions]
    ctx = Context(article=Article(body=text, published="2024-03-05"), places=pms, countries=["SY"])
    got = namesake_region(ctx, pms[0], CFG)
    assert got.place is not None and got.place.name == expected


def test_namesake_off_when_limit_zero() -> None:
    text = "Jets hit Tessel in Ostrava Province."
    pms = [_pm(text, "Tessel", "Homs"), _pm(text, "Ostrava Province", "Idlib", "admin1")]
    ctx = Context(article=Article(body=text, published="2024-03-05"), places=pms, countries=["SY"])
    assert namesake_region(ctx, pms[0], {"namesake_max_population": 0}) is pms[0]


def test_event_moves_to_named_region(make_ctx) -> None:
    (ev,) = extract_events(make_ctx("Gunmen killed five villagers in Tessel in Ostrava Province on Monday."))
    assert ev.admin1 == "Idlib"


# (text, [(name, feature)], expected name given by the first mention)
NAMED = [
    ("Shells fell on the northern Tessel city of Varno.", [("Tessel", "admin1"), ("Varno", "city")], "Varno"),
    ("Shells fell on the Tessel district of the Varno quarter.", [("Tessel", "admin1"), ("Varno", "city")], "Varno"),
    # a country after "of" does not replace the region
    ("Shells fell on the Tessel region of Dornland.", [("Tessel", "admin1"), ("Dornland", "country")], "Tessel"),
    ("Shells fell on Tessel; two of Varno's men died.", [("Tessel", "city"), ("Varno", "city")], "Tessel"),
]


@pytest.mark.parametrize("text,mentions,expected", NAMED)
def test_named_by(text: str, mentions: list[tuple[str, str]], expected: str) -> None:
    pms = [_pm(text, name, "Homs", feature) for name, feature in mentions]
    ctx = Context(article=Article(body=text, published="2024-03-05"), places=pms, countries=["SY"])
    got = named_by(ctx, pms[0])
    assert got.place is not None and got.place.name == expected
