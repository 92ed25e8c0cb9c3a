"""Gazetteer: lookups, names in several scripts, the index build from GeoNames dump files."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warmonitor.errors import ResourceError, UnreadableInput, UsageError
from warmonitor.resolve.places import Gazetteer, build_gazetteer
from warmonitor.resolve.places.lexicon import norm


@pytest.mark.parametrize(
    ("name", "country", "expected_countries"),
    [
        ("Tripoli", None, ["LY", "LB"]),
        ("Tripoli", "LB", ["LB"]),
        ("tripoli", "lb", ["LB"]),
        ("طرابلس", None, ["LY", "LB"]),
        ("Авдіївка", "UA", ["UA", "UA"]),
        ("Jbeil", None, ["LB"]),
        ("Atlantis", None, []),
    ],
)
def test_lookup_by_name_and_country(small_gazetteer: Gazetteer, name, country, expected_countries) -> None:
    assert [p.country for p in small_gazetteer.lookup(name, country=country)] == expected_countries


def test_lookup_orders_by_prior_and_get_roundtrips(small_gazetteer: Gazetteer) -> None:
    first = small_gazetteer.lookup("Tripoli")[0]
    assert first.country == "LY"  # the larger town first when nothing else is known
    assert small_gazetteer.get(first.geonameid) == first
    assert small_gazetteer.get(123456789) is None


def test_country_beats_a_building_of_the_same_name(small_gazetteer: Gazetteer) -> None:
    assert small_gazetteer.lookup("Lebanon")[0].feature == "country"


def test_town_before_the_area_named_like_it(small_gazetteer: Gazetteer) -> None:
    features = [p.feature for p in small_gazetteer.lookup("Homs")]
    assert features[:2] == ["city", "admin1"]


def test_lookup_rejects_a_non_string(small_gazetteer: Gazetteer) -> None:
    with pytest.raises(UsageError):
        small_gazetteer.lookup(42)  # type: ignore[arg-type]


def test_from_records_needs_names() -> None:
    with pytest.raises(UsageError, match="no name"):
        Gazetteer.from_records([{"lat": 1.0, "lon": 2.0}])


def test_open_refuses_a_file_that_is_not_a_gazetteer(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(ResourceError, match="not a warmonitor gazetteer"):
        Gazetteer.open(other)


@pytest.mark.parametrize(
    ("a", "b"),
    [("U.S.", "US"), ("U. S.", "us"), ("Ḩamāh", "Hamah"), ("Dar'a", "Dara"), ("Deir ez-Zor", "Deir ez Zor"),
     ("AL-BAB", "al bab")],
)
def test_norm_equates_spellings(a: str, b: str) -> None:
    assert norm(a) == norm(b)


@given(st.text(max_size=40))
def test_norm_is_idempotent(text: str) -> None:
    assert norm(norm(text)) == norm(text)


@given(st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll")), min_size=1, max_size=20))
def test_norm_ignores_case(text: str) -> None:
    assert norm(text) == norm(text.casefold())


# -- building from GeoNames dump files (my own fictional lines in the GeoNames layout) ---------------------
def _dump_line(gid: int, name: str, alts: str, lat: float, lon: float, fclass: str, fcode: str, cc: str,
               a1: str, a2: str = "", pop: int = 0) -> str:
    fields = [str(gid), name, name, alts, str(lat), str(lon), fclass, fcode, cc, "", a1, a2, "", "", str(pop),
              "", "100", "Asia/Damascus", "2024-01-01"]
    return "\t".join(fields)


def test_build_from_dump_files(tmp_path: Path) -> None:
    dump = tmp_path / "XX.txt"
    dump.write_text("\n".join([
        _dump_line(900001, "Testville", "Tstvl,Тествиль", 35.1, 36.2, "P", "PPL", "SY", "77", pop=1200),
        _dump_line(900002, "Upper Test Governorate", "Upper Test", 35.0, 36.0, "A", "ADM1", "SY", "77"),
        _dump_line(900003, "Test Airbase", "", 35.2, 36.3, "S", "AIRB", "SY", "77"),
        _dump_line(900004, "Test Stream", "", 35.3, 36.4, "H", "STM", "SY", "77"),
    ]) + "\n", encoding="utf-8")
    alt = tmp_path / "alternateNames.txt"
    alt.write_text("1\t900001\tar\tتستفيل\t\t\t\t\t\t\n2\t900001\tlink\thttps://example.org\t\t\t\t\t\t\n",
                   encoding="utf-8")
    out = build_gazetteer(tmp_path / "g.sqlite", geonames_files=[dump], alternate_names=alt, progress=False,
                          package_data=False)
    gaz = Gazetteer.open(out)
    town = gaz.lookup("Testville")[0]
    assert (town.feature, town.country, town.admin1, town.population) == ("city", "SY", "Upper Test Governorate", 1200)
    assert gaz.lookup("Тествиль")[0].geonameid == 900001
    assert gaz.lookup("تستفيل")[0].geonameid == 900001
    assert gaz.lookup("https://example.org") == []
    assert gaz.lookup("Test Airbase")[0].feature == "site"
    assert gaz.lookup("Test Stream") == []  # streams are not kept
    assert gaz.lookup("Syria")[0].feature == "country"  # countries always come with the package
    assert gaz.lookup("Hmeimim")[0].feature == "site"  # so does the curated supplement


def test_build_names_a_missing_dump(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match="nowhere.zip"):
        build_gazetteer(tmp_path / "g.sqlite", geonames_files=[tmp_path / "nowhere.zip"], progress=False)


# -- the default gazetteer (package data) --------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("name", ["Syria", "Lebanon", "Jordan", "Ukraine", "Sudan", "Israel", "Yemen", "Libya", "Mali"])
def test_country_names_resolve_to_countries(gazetteer: Gazetteer, name: str) -> None:
    assert gazetteer.lookup(name)[0].feature == "country"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "country", "admin1"),
    [("حمص", "SY", "Homs"), ("Харків", "UA", "Kharkiv"), ("Авдіївка", "UA", "Donetsk"), ("حلب", "SY", "Aleppo"),
     ("Rastan", "SY", "Homs"), ("Talbiseh", "SY", "Homs")],
)
def test_scripts_and_spellings_of_the_default_gazetteer(gazetteer: Gazetteer, name, country, admin1) -> None:
    top = gazetteer.lookup(name)[0]
    assert (top.feature, top.country, top.admin1) == ("city", country, admin1)


@pytest.mark.slow
def test_admin_areas_carry_their_names_codes_and_points(gazetteer: Gazetteer) -> None:
    hama = [p for p in gazetteer.lookup("Hama", country="SY") if p.feature == "admin1"][0]
    assert (hama.admin1, hama.country, hama.iso3166_2) == ("Hama", "SY", "SY-HM")
    assert hama.lat is not None and 34 < hama.lat < 36
    assert gazetteer.radius_km(hama) > 20


def test_open_names_an_unwritable_place(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ResourceError, match="cannot build the gazetteer"):
        Gazetteer.open(blocker / "sub" / "gazetteer.sqlite", progress=False)


@pytest.mark.parametrize("rounds", [
    [["tripoli", "atlantis"], ["tripoli", "homs", "atlantis", "homs"]],
    [["atlantis"], ["atlantis"], []],
    [["beirut", "beirut"], ["misrata", "beirut", "akkar"]],
])
def test_populations_asked_again_answer_as_a_fresh_index(small_gazetteer: Gazetteer, rounds: list[list[str]]) -> None:
    """``max_populations`` remembers its answers: a key asked again (or never found) reads the same."""
    for keys in rounds:
        fresh = small_gazetteer._max_populations(list(dict.fromkeys(keys)))
        assert small_gazetteer.max_populations(keys) == fresh
        assert "atlantis" not in small_gazetteer.max_populations(keys)
