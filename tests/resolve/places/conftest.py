"""Fixtures for the places tests: a small in-memory gazetteer of hand-written records, the default
gazetteer (built once into $WARMONITOR_HOME or ~/.cache/warmonitor when missing) and spaCy."""
from __future__ import annotations

from pathlib import Path

import pytest

from warmonitor.resolve.places import Gazetteer, Geoparser

# Coordinates rounded from public maps; populations rounded. Written for these tests.
SMALL_RECORDS = [
    {"name": "Libya", "lat": 28.0, "lon": 17.0, "country": "LY", "feature": "country", "population": 6_800_000},
    {"name": "Lebanon", "lat": 33.83, "lon": 35.83, "country": "LB", "feature": "country", "population": 5_500_000},
    {"name": "Lebanon Grand Hotel", "aliases": ["Lebanon"], "lat": 40.0, "lon": -76.0, "country": "US",
     "feature": "site", "population": 0},
    {"name": "Tripoli", "lat": 32.89, "lon": 13.19, "country": "LY", "admin1": "Tripoli", "population": 1_150_000,
     "aliases": ["Tarabulus", "طرابلس"]},
    {"name": "Tripoli", "lat": 34.43, "lon": 35.84, "country": "LB", "admin1": "North", "population": 230_000,
     "aliases": ["Trablous", "طرابلس"]},
    {"name": "Misrata", "lat": 32.38, "lon": 15.09, "country": "LY", "admin1": "Misrata", "population": 390_000},
    {"name": "Benghazi", "lat": 32.12, "lon": 20.07, "country": "LY", "admin1": "Benghazi", "population": 630_000},
    {"name": "Beirut", "lat": 33.89, "lon": 35.5, "country": "LB", "admin1": "Beirut", "population": 1_900_000},
    {"name": "Byblos", "aliases": ["Jbeil"], "lat": 34.12, "lon": 35.65, "country": "LB", "admin1": "Mount Lebanon",
     "population": 40_000},
    {"name": "Akkar", "lat": 34.55, "lon": 36.1, "country": "LB", "admin1": "Akkar", "feature": "admin1",
     "population": 390_000},
    {"name": "Homs", "aliases": ["Hims", "حمص"], "lat": 34.72, "lon": 36.73, "country": "SY", "admin1": "Homs",
     "population": 775_000},
    {"name": "Homs", "aliases": ["Homs Governorate", "Hims"], "lat": 34.6, "lon": 37.9, "country": "SY",
     "admin1": "Homs", "feature": "admin1", "population": 1_800_000, "radius_km": 150},
    {"name": "Syria", "lat": 35.0, "lon": 38.0, "country": "SY", "feature": "country", "population": 22_000_000},
    {"name": "Avdiivka", "aliases": ["Avdiyivka", "Авдіївка", "Авдеевка"], "lat": 48.14, "lon": 37.75,
     "country": "UA", "admin1": "Donetsk", "population": 32_000},
    {"name": "Avdiivka", "aliases": ["Avdiyivka", "Авдіївка"], "lat": 51.78, "lon": 32.8, "country": "UA",
     "admin1": "Chernihiv", "population": 2_000},
    {"name": "Donetsk", "lat": 48.02, "lon": 37.8, "country": "UA", "admin1": "Donetsk", "population": 900_000},
    {"name": "Pokrovsk", "lat": 48.28, "lon": 37.18, "country": "UA", "admin1": "Donetsk", "population": 60_000},
    {"name": "Chernihiv", "lat": 51.5, "lon": 31.3, "country": "UA", "admin1": "Chernihiv", "population": 285_000},
    {"name": "Nizhyn", "lat": 51.05, "lon": 31.89, "country": "UA", "admin1": "Chernihiv", "population": 65_000},
    {"name": "Ukraine", "lat": 49.0, "lon": 32.0, "country": "UA", "feature": "country", "population": 41_000_000},
]


@pytest.fixture(scope="session")
def small_gazetteer() -> Gazetteer:
    return Gazetteer.from_records(SMALL_RECORDS)


@pytest.fixture(scope="session")
def small_parser(small_gazetteer: Gazetteer) -> Geoparser:
    return Geoparser(small_gazetteer)


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The default gazetteer: built on first use (about a minute), reused afterwards."""
    return Gazetteer.open(progress=False)


@pytest.fixture(scope="session")
def parser(gazetteer: Gazetteer) -> Geoparser:
    return Geoparser(gazetteer)


@pytest.fixture(scope="session")
def nlp():
    from warmonitor.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def shared_dir() -> Path | None:
    path = Path(__file__).resolve().parents[3] / ".." / "shared"
    return path.resolve() if path.is_dir() else None
