"""Spatial phrases: parsing (parametrized and property-based) and the geometry they give."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warmonitor.resolve.places import destination, haversine_km
from warmonitor.resolve.places.spatial import apply_relation, relation_before


def _rel(text: str):
    return relation_before(text + "Xtown", len(text))


@pytest.mark.parametrize(
    ("phrase", "kind", "distance", "bearing"),
    [
        ("just 3 miles from ", "from", 4.83, None),
        ("3 miles from ", "from", 4.83, None),
        ("a few miles from ", "from", 4.83, None),
        ("20 km south-east of ", "direction", 20.0, 135.0),
        ("20 km southeast of ", "direction", 20.0, 135.0),
        ("20km south east of ", "direction", 20.0, 135.0),
        ("about 12 kilometres (7 miles) north-west of ", "direction", 12.0, 315.0),
        ("five kilometers west of ", "direction", 5.0, 270.0),
        ("just north of ", "direction", None, 0.0),
        ("north of ", "direction", None, 0.0),
        ("on the outskirts of ", "near", None, None),
        ("the outskirts of ", "near", None, None),
        ("near ", "near", None, None),
        ("close to ", "near", None, None),
        ("in northern ", "part", None, 0.0),
        ("in south-western ", "part", None, 225.0),
    ],
)
def test_phrases(phrase: str, kind: str, distance, bearing) -> None:
    rel = _rel("Fighters were " + phrase)
    assert rel is not None
    assert (rel.kind, rel.distance_km, rel.bearing) == (kind, distance, bearing)


@pytest.mark.parametrize("text", ["Fighters came from ", "the capital of ", "residents of ", "Fighters in ", ""])
def test_no_phrase(text: str) -> None:
    assert _rel(text) is None


@given(st.integers(min_value=1, max_value=500),
       st.sampled_from([("km", 1.0), ("kilometres", 1.0), ("miles", 1.609344)]),
       st.sampled_from([("north", 0.0), ("south-west", 225.0), ("east", 90.0), ("northeast", 45.0)]))
def test_distance_and_bearing_are_read_back(value: int, unit: tuple[str, float], bearing: tuple[str, float]) -> None:
    rel = _rel(f"Shells fell {value} {unit[0]} {bearing[0]} of ")
    assert rel is not None
    assert rel.distance_km == pytest.approx(value * unit[1], abs=0.01)
    assert rel.bearing == bearing[1]


@given(st.floats(min_value=-60, max_value=60), st.floats(min_value=-179, max_value=179),
       st.floats(min_value=0, max_value=359), st.floats(min_value=0.5, max_value=300))
def test_destination_keeps_the_distance(lat: float, lon: float, bearing: float, km: float) -> None:
    lat2, lon2 = destination(lat, lon, bearing, km)
    assert haversine_km(lat, lon, lat2, lon2) == pytest.approx(km, rel=0.01, abs=0.01)


def test_from_keeps_the_point_with_the_distance_as_radius() -> None:
    rel = _rel("Insurgents are now just 3 miles from ")
    lat, lon, radius, precision, distance = apply_relation(rel, 34.72, 36.73, 3.0, 1)
    assert (lat, lon, precision, distance) == (34.72, 36.73, 2, 4.83)
    assert radius == pytest.approx(4.83)


def test_part_of_a_region_moves_towards_the_bearing() -> None:
    rel = _rel("fighting in northern ")
    lat, lon, radius, precision, _ = apply_relation(rel, 35.0, 38.0, 200.0, 3)
    assert lat > 35.0 and radius == pytest.approx(100.0) and precision == 3


_WINDOW_WORDS = ["of", "the", "THE", "near", "nearby", "north", "north-eastern", "Northern", "outskirts", "close",
                 "to", "from", "away", "in", "km", "5", "ſ", "Ǩ", "\u212a", "ıt", "around", "outside", ",", "-"]


@given(st.lists(st.sampled_from(_WINDOW_WORDS), max_size=8), st.sampled_from(["", " ", "  ", "\n", "\u00a0", "-"]))
def test_prefilter_never_hides_a_phrase(words: list[str], tail: str) -> None:
    """``_may_end_with`` is only a shortcut: where it says no, neither pattern matches the window."""
    from warmonitor.resolve.places.spatial import _endings, _may_end_with, _patterns

    window = " ".join(words) + tail
    full, part, _ = _patterns()
    rel_endings, part_endings = _endings()
    if not _may_end_with(window, rel_endings, the=True):
        assert full.search(window) is None
    if not _may_end_with(window, part_endings, the=False):
        assert part.search(window) is None


@pytest.mark.parametrize(("window", "the", "expected"), [
    ("fighters came from ", True, True),
    ("the outskirts of the ", True, True),
    ("shelling in ", True, False),
    ("fighters near", True, False),  # no space before the name: no phrase ends here
    ("in northern ", False, True),
    ("in the north ", False, False),
])
def test_prefilter_cases(window: str, the: bool, expected: bool) -> None:
    from warmonitor.resolve.places.spatial import _endings, _may_end_with

    rel_endings, part_endings = _endings()
    assert _may_end_with(window, rel_endings if the else part_endings, the=the) is expected
