"""The founding article (from ../shared, skipped when absent) through the default gazetteer and spaCy."""
from __future__ import annotations

from pathlib import Path

import pytest

from warmonitor.model import PlaceMention
from warmonitor.resolve.places import Geoparser, country_focus

pytestmark = pytest.mark.slow

SEED = Path(__file__).resolve().parents[3] / ".." / "shared" / "eval" / "dev" / "seed-homs-2024-12-06" / "article.txt"


@pytest.fixture(scope="module")
def seed_mentions(parser: Geoparser, nlp) -> list[PlaceMention]:
    if not SEED.exists():
        pytest.skip("../shared is absent")
    from warmonitor.ingest import from_text

    article = from_text(SEED.read_text(encoding="utf-8"))
    return parser.parse(nlp(article.body), article)


@pytest.mark.parametrize(
    ("surface", "geonameid", "feature"),
    [
        ("Rastan", 172946, "city"),
        ("Talbiseh", 163779, "city"),
        ("Homs", 169577, "city"),
        ("Homs city", 169577, "city"),
        ("Hama", 170017, "city"),
        ("Hama province", None, "admin1"),
        ("Aleppo", 170063, "city"),
        ("Damascus", 170654, "city"),
        ("Latakia", None, "admin1"),
        ("Tartus", None, "admin1"),
    ],
)
def test_seed_places(seed_mentions: list[PlaceMention], surface: str, geonameid, feature: str) -> None:
    found = [pm for pm in seed_mentions if pm.span.text == surface and pm.role == "place"]
    assert found, surface
    for pm in found:
        assert pm.place is not None and pm.place.feature == feature and pm.place.country == "SY"
        if geonameid:
            assert pm.place.geonameid == geonameid
    if feature == "admin1":
        assert found[0].precision == 3 and found[0].place.admin1 == surface.split()[0]


def test_seed_three_miles_from_homs(seed_mentions: list[PlaceMention]) -> None:
    pm = [pm for pm in seed_mentions if pm.relation == "3 miles from"][0]
    assert pm.place.geonameid == 169577
    assert 4.0 <= pm.radius_km <= 6.0 and pm.distance_km == pytest.approx(4.83, abs=0.01)
    assert pm.precision == 2


def test_seed_roles_and_focus(seed_mentions: list[PlaceMention]) -> None:
    assert country_focus(seed_mentions)[0] == "SY"
    roles = {pm.span.text: pm.role for pm in seed_mentions}
    assert roles.get("Syrian") == "demonym"
    assert any(pm.role == "actor" and pm.span.text.startswith("Damascus") for pm in seed_mentions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Drones struck al-Bab and Manbij, while other units held Deir ez-Zor and Raqqa province.",
         {"al-Bab": ("city", "SY"), "Manbij": ("city", "SY"), "Deir ez-Zor": ("city", "SY"),
          "Raqqa province": ("admin1", "SY")}),
        ("Troops advanced near Avdiivka and Bakhmut in the Donetsk region.",
         {"Avdiivka": ("city", "UA"), "Bakhmut": ("city", "UA"), "Donetsk region": ("admin1", "UA")}),
        ("Strikes hit Khan Younis, Rafah and the Jabalia camp in the Gaza Strip.",
         {"Khan Younis": ("city", "PS"), "Rafah": ("city", "PS"), "Jabalia camp": ("site", "PS")}),
        ("Fighters besieged El Fasher in North Darfur and shelled Omdurman.",
         {"El Fasher": ("city", "SD"), "North Darfur": ("admin1", "SD"), "Omdurman": ("city", "SD")}),
    ],
)
def test_war_place_names(parser: Geoparser, nlp, text: str, expected: dict[str, tuple[str, str]]) -> None:
    got = {pm.span.text: (pm.place.feature, pm.place.country) for pm in parser.parse(nlp(text)) if pm.place}
    for surface, want in expected.items():
        assert got.get(surface) == want, (surface, got)
