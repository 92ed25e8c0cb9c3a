"""Geoparser: resolution in context (small hand-written gazetteer), roles, qualifiers, spatial phrases."""
from __future__ import annotations

import pytest

from warmonitor.errors import UsageError
from warmonitor.model import PlaceMention, Span
from warmonitor.resolve.places import Geoparser, country_focus


def _spans(text: str, *names: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for name in names:
        start = text.index(name, pos)
        out.append((start, start + len(name)))
        pos = start + len(name)
    return out


def _resolve(parser: Geoparser, text: str, *names: str) -> list[PlaceMention]:
    return parser.resolve_spans(text, _spans(text, *names))


@pytest.mark.parametrize(
    ("text", "names", "country"),
    [
        ("Militias fought in Tripoli overnight, and convoys left Misrata for Benghazi.",
         ("Tripoli", "Misrata", "Benghazi"), "LY"),
        ("Gunmen clashed in Tripoli, the second city of Lebanon, an hour north of Beirut and Byblos.",
         ("Tripoli", "Lebanon", "Beirut", "Byblos"), "LB"),
        ("Protesters in طرابلس marched as they had in Beirut.", ("طرابلس", "Beirut"), "LB"),
        ("Army units entered Tripoli after a week.", ("Tripoli",), "LY"),
    ],
)
def test_tripoli_by_context(small_parser: Geoparser, text, names, country) -> None:
    first = _resolve(small_parser, text, *names)[0]
    assert first.place is not None and first.place.country == country


def test_resolution_keeps_confidence_and_runner_up(small_parser: Geoparser) -> None:
    text = "Gunmen clashed in Tripoli, north of Beirut."
    pm = _resolve(small_parser, text, "Tripoli", "Beirut")[0]
    assert pm.place.country == "LB"
    assert pm.runner_up is not None and pm.runner_up.country == "LY"
    assert 0.5 < pm.confidence <= 1.0


@pytest.mark.parametrize(
    ("text", "name", "feature", "precision"),
    [
        ("Air strikes hit Homs province on Tuesday.", "Homs province", "admin1", 3),
        ("Air strikes hit Homs province on Tuesday.", "Homs", "admin1", 3),
        ("Air strikes hit the province of Homs on Tuesday.", "Homs", "admin1", 3),
        ("Families fled Homs city on Tuesday.", "Homs", "city", 1),
        ("Families fled Homs on Tuesday.", "Homs", "city", 1),
        ("Families fled the city of Homs on Tuesday.", "Homs", "city", 1),
    ],
)
def test_homs_city_or_governorate(small_parser: Geoparser, text, name, feature, precision) -> None:
    pm = _resolve(small_parser, text, name)[0]
    assert (pm.place.feature, pm.precision) == (feature, precision)
    if feature == "admin1":
        assert pm.place.admin1 == "Homs" and pm.radius_km >= 100


@pytest.mark.parametrize(
    ("text", "names", "admin1"),
    [
        ("Shelling continued around Avdiivka, north of Donetsk, and in Pokrovsk.", ("Avdiivka", "Donetsk", "Pokrovsk"),
         "Donetsk"),
        ("A drone fell on Avdiivka, a village between Nizhyn and Chernihiv.", ("Avdiivka", "Nizhyn", "Chernihiv"),
         "Chernihiv"),
        ("The mayor of Авдіївка spoke from Donetsk.", ("Авдіївка", "Donetsk"), "Donetsk"),
        ("Fighting near Avdiivka went on.", ("Avdiivka",), "Donetsk"),
    ],
)
def test_avdiivka_donetsk_or_chernihiv(small_parser: Geoparser, text, names, admin1) -> None:
    assert _resolve(small_parser, text, *names)[0].place.admin1 == admin1


def test_country_name_never_a_building(small_parser: Geoparser) -> None:
    text = "Guests at a hotel heard that Lebanon had closed its border."
    pm = _resolve(small_parser, text, "Lebanon")[0]
    assert pm.place.feature == "country" and pm.precision == 3


def test_demonym_is_resolved_to_its_country_with_its_role(small_parser: Geoparser) -> None:
    text = "Syrian troops shelled Homs."
    pms = _resolve(small_parser, text, "Syrian", "Homs")
    assert (pms[0].role, pms[0].place.country) == ("demonym", "SY")
    assert pms[1].role == "place"


@pytest.mark.parametrize(
    ("text", "name", "relation", "distance", "radius_range", "precision"),
    [
        ("Insurgents were 3 miles from Homs by noon.", "Homs", "3 miles from", 4.83, (4.5, 5.5), 2),
        ("Two villages just north of Homs fell.", "Homs", "just north of", None, (2.0, 10.0), 2),
        ("Shells landed 20 km south-east of Homs.", "Homs", "20 km south-east of", 20.0, (2.0, 10.0), 2),
        ("Fighters gathered on the outskirts of Homs.", "Homs", "on the outskirts of", None, (4.0, 10.0), 2),
        ("Fighters gathered near Homs.", "Homs", "near", None, (8.0, 12.0), 2),
        ("Fighters gathered in Homs.", "Homs", None, None, (1.0, 15.0), 1),
    ],
)
def test_spatial_phrases_give_point_radius_precision(small_parser: Geoparser, text, name, relation, distance,
                                                     radius_range, precision) -> None:
    pm = _resolve(small_parser, text, name)[0]
    assert pm.relation == relation
    assert pm.distance_km == distance
    assert radius_range[0] <= pm.radius_km <= radius_range[1]
    assert pm.precision == precision
    if relation:
        assert pm.relation_span is not None and text[pm.relation_span.start:pm.relation_span.end] == relation


def test_bearing_moves_the_point(small_parser: Geoparser) -> None:
    text = "Shells landed 20 km south-east of Homs."
    pm = _resolve(small_parser, text, "Homs")[0]
    assert pm.lat < pm.place.lat and pm.lon > pm.place.lon


def test_between_two_places_gives_the_midpoint(small_parser: Geoparser) -> None:
    text = "The road between Nizhyn and Chernihiv was cut."
    a, b = _resolve(small_parser, text, "Nizhyn", "Chernihiv")
    assert a.relation == b.relation == "between"
    assert (a.lat, a.lon) == (b.lat, b.lon)
    assert min(a.place.lat, b.place.lat) < a.lat < max(a.place.lat, b.place.lat)
    assert a.radius_km > 10 and a.precision == 2


def test_unknown_name_backs_off_to_the_article_place(small_parser: Geoparser) -> None:
    text = "A shell hit Martyrs Square in Byblos, near Beirut."
    square, byblos, _ = _resolve(small_parser, text, "Martyrs Square", "Byblos", "Beirut")
    assert square.place is not None and square.place.name in ("Byblos", "Beirut")
    assert square.confidence <= 0.1 and square.precision == 2


def test_resolve_spans_accepts_span_records_and_rejects_bad_offsets(small_parser: Geoparser) -> None:
    text = "Militias fought in Tripoli."
    pm = small_parser.resolve_spans(text, [Span.of(text, 19, 26)])[0]
    assert pm.span.text == "Tripoli"
    with pytest.raises(UsageError, match="outside the text"):
        small_parser.resolve_spans(text, [(20, 200)])


def test_country_focus_ranks_countries(small_parser: Geoparser) -> None:
    text = "Militias fought in Tripoli and Misrata; Lebanon watched."
    pms = _resolve(small_parser, text, "Tripoli", "Misrata", "Lebanon")
    assert country_focus(pms)[:2] == ["LY", "LB"]
    assert country_focus([]) == []


# -- with spaCy: finding toponyms and metonymy ----------------------------------------------------------
def test_parse_finds_names_ner_misses_and_reads_metonymy(small_parser: Geoparser, nlp) -> None:
    doc = nlp("Beirut said on Monday that gunmen had attacked Byblos. Beirut's foreign minister condemned it.")
    pms = small_parser.parse(doc)
    by_text = [(pm.span.text, pm.role) for pm in pms]
    assert ("Byblos", "place") in by_text
    assert by_text[0] == ("Beirut", "actor")
    assert [r for t, r in by_text if t.startswith("Beirut")][-1] == "actor"


def test_parse_extends_a_name_with_its_qualifier(small_parser: Geoparser, nlp) -> None:
    pms = small_parser.parse(nlp("Jets bombed villages in Homs province and the town of Avdiivka."))
    homs = [pm for pm in pms if pm.span.text.startswith("Homs")][0]
    assert homs.span.text == "Homs province" and homs.place.feature == "admin1"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Reporters from the Beirut Daily Star said the road to Byblos was shut.",
         [("Beirut", "name", "LB"), ("Byblos", "place", "LB")]),
        ("AP reported that MP Kelly visited Tripoli, Libya.", [("Tripoli", "place", "LY"), ("Libya", "place", "LY")]),
        ("Dr Jones flew from Beirut to Tripoli.", [("Beirut", "place", "LB"), ("Tripoli", "place", "LB")]),
    ],
)
def test_parse_roles_and_what_is_not_a_place(small_parser: Geoparser, nlp, text, expected) -> None:
    found = [(pm.span.text, pm.role, pm.place.country if pm.place else None) for pm in small_parser.parse(nlp(text))]
    assert found == expected


def test_far_namesake_inside_an_unknown_name_falls_back(small_parser: Geoparser) -> None:
    text = "Diners at the Misrata Grill Cafe in Beirut heard the blast; Byblos was quiet."
    cafe = _resolve(small_parser, text, "Misrata Grill Cafe", "Beirut", "Byblos")[0]
    assert cafe.place is not None and cafe.place.country == "LB"
    assert cafe.confidence <= 0.1 and cafe.precision == 2
