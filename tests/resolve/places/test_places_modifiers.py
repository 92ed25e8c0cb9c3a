"""Second-pass resolution rules: a country or state name before a qualifier word that describes the
next words ("a Valoria city"), and state abbreviations of the default gazetteer."""
from __future__ import annotations

import pytest

from warmonitor.resolve.places import Gazetteer, Geoparser

# Fictional places, written for these tests.
RECORDS = [
    {"name": "Valoria", "lat": 10.0, "lon": 20.0, "country": "VL", "feature": "country", "population": 5_000_000},
    {"name": "Valoria", "lat": -30.0, "lon": -60.0, "country": "QQ", "admin1": "Far", "population": 800},
    {"name": "Port Ansel", "lat": 10.5, "lon": 20.5, "country": "VL", "admin1": "Ansel", "population": 90_000},
    {"name": "Ansel", "lat": 10.4, "lon": 20.6, "country": "VL", "admin1": "Ansel", "feature": "admin1",
     "population": 400_000},
    {"name": "Ansel City", "lat": 10.45, "lon": 20.55, "country": "VL", "admin1": "Ansel", "population": 60_000},
    {"name": "Mirel", "lat": 11.0, "lon": 21.0, "country": "VL", "admin1": "Ansel", "population": 30_000},
    {"name": "Mirel", "lat": 11.2, "lon": 21.1, "country": "VL", "admin1": "Ansel", "feature": "admin1",
     "population": 200_000},
]


@pytest.fixture(scope="module")
def parser() -> Geoparser:
    return Geoparser(Gazetteer.from_records(RECORDS))


def _one(parser: Geoparser, text: str, name: str, nth: int = 0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return parser.resolve_spans(text, [(start, start + len(name))])[0]


@pytest.mark.parametrize(
    ("text", "name", "feature", "country"),
    [
        # the qualifier describes the next words: the name keeps its usual sense
        ("Shells fell on the Valoria city of Port Ansel.", "Valoria", "country", "VL"),
        ("A Valoria town was cut off by the flood.", "Valoria", "country", "VL"),
        ("Riots spread to an Ansel town on the coast.", "Ansel", "admin1", "VL"),
        # the name with the qualifier is a place of its own: the qualifier selects it
        ("Talks were held in Ansel City on Monday.", "Ansel", "city", "VL"),
        # a town named like its area: the qualifier still chooses between them
        ("Crowds gathered in Mirel city.", "Mirel", "city", "VL"),
        ("Floods hit Mirel province.", "Mirel", "admin1", "VL"),
    ],
)
def test_qualifier_after_a_country_or_state_name(parser: Geoparser, text, name, feature, country) -> None:
    pm = _one(parser, text, name)
    assert pm.place is not None
    assert (pm.place.feature, pm.place.country) == (feature, country)


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        ("Bushfires forced evacuations across NSW and Victoria this week.", "NSW", "New South Wales"),
        ("Flooding closed roads near Brisbane, QLD, and in northern NSW.", "QLD", "Queensland"),
    ],
)
def test_australian_state_abbreviations(gazetteer: Gazetteer, text, name, admin1) -> None:
    parser = Geoparser(gazetteer)
    start = text.index(name)
    pm = parser.resolve_spans(text, [(start, start + len(name))])[0]
    assert pm.place is not None and pm.place.country == "AU" and pm.place.admin1 == admin1


# Two counties of one name in fictional country ZZ; the article names the nearer one twice, in two forms.
TWIN_RECORDS = [
    {"name": "Harlow County", "aliases": ["Harlow"], "lat": 42.3, "lon": -71.1, "country": "ZZ", "admin1": "East",
     "feature": "admin2", "population": 2_000_000},
    {"name": "Harlow County", "aliases": ["Harlow"], "lat": 40.9, "lon": -72.7, "country": "ZZ", "admin1": "West",
     "feature": "admin2", "population": 1_500_000},
    {"name": "Dunmore", "lat": 41.06, "lon": -72.43, "country": "ZZ", "admin1": "West", "population": 20_000},
]


def test_a_place_does_not_support_itself_under_another_name() -> None:
    """"Harlow County" and "Harlow" are one place: the support for either comes from the other places of
    the article (Dunmore), not from each other."""
    parser = Geoparser(Gazetteer.from_records(TWIN_RECORDS))
    text = "Police in Harlow County said the Dunmore family had lived in Harlow for years."
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Harlow County", "Dunmore")]
    spans.append((text.rindex("Harlow"), text.rindex("Harlow") + len("Harlow")))
    county, _, short = parser.resolve_spans(text, spans)
    assert county.place is not None and county.place.admin1 == "West"
    assert short.place is not None and short.place.admin1 == "West"


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Valorian troops crossed the river.", "Valorian", ("Valoria", "country")),
        ("The Anselese coast was shelled.", "Anselese", ("Ansel", "admin1")),
    ],
)
def test_unknown_adjective_of_a_large_place_is_a_demonym(parser: Geoparser, text, name, expected) -> None:
    pm = _one(parser, text, name)
    assert pm.place is not None and (pm.place.name, pm.place.feature) == expected
    assert pm.role == "demonym"


def test_adjective_of_a_small_town_is_not_read_as_a_demonym() -> None:
    records = RECORDS + [{"name": "Kessa", "lat": 10.2, "lon": 20.1, "country": "VL", "population": 5_000}]
    text = "Kessan farmers met in Port Ansel."
    start = text.index("Kessan")
    pm = Geoparser(Gazetteer.from_records(records)).resolve_spans(text, [(start, start + 6)])[0]
    assert pm.role != "demonym"
    assert pm.place is None or pm.place.name != "Kessa"


def test_unknown_name_in_an_article_naming_only_a_country_backs_off_to_the_country(parser: Geoparser) -> None:
    text = "Valoria opened the Grand Meridian Hall to visitors, officials in Valoria said."
    names = ("Valoria", "Grand Meridian Hall")
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    country, hall = parser.resolve_spans(text, spans)
    assert country.place is not None and country.place.feature == "country"
    assert hall.place is not None and hall.place.name == "Valoria"
    assert hall.confidence <= 0.1 and hall.precision == 3


def test_parse_keeps_a_modifying_country_name_without_the_qualifier(parser: Geoparser, nlp) -> None:
    text = "Shells fell on the Valoria city of Port Ansel on Monday."
    found = {pm.span.text: pm for pm in parser.parse(nlp(text))}
    assert "Valoria" in found and "Valoria city" not in found
    assert found["Valoria"].place is not None and found["Valoria"].place.feature == "country"
