"""Registry integrity and lookups: the data files under warmonitor/data/actors and data/sources."""
from __future__ import annotations

import itertools
import json
import re

import pytest

from warmonitor.errors import DataFileError
from warmonitor.resolve.actors import ActorRegistry, SourceRegistry
from warmonitor.resolve.actors.registry import ACTORS_DIR, active
from warmonitor.resolve.actors.text import norm_key

REG = ActorRegistry.load()
SOURCES = SourceRegistry.load()
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _overlap(a, b) -> bool:
    a0, a1 = a.active_from or "0000", a.active_to or "9999"
    b0, b1 = b.active_from or "0000", b.active_to or "9999"
    return a0 < b1 and b0 < a1


def test_every_region_file_has_a_doc_and_actors():
    files = [f for f in ACTORS_DIR.glob("*.json") if f.name != "generic.json"]
    assert len(files) >= 8
    for f in files:
        data = json.loads(f.read_text(encoding="utf-8"))
        assert data.get("_doc") and data["actors"], f.name


def test_names_unique_and_fields_valid():
    names = [a.name for a in REG.actors]
    assert len(names) == len(set(names))
    for a in REG.actors:
        assert a.inter in range(1, 9), a.name
        assert a.country is None or a.country in REG.countries, a.name
        for d in (a.active_from, a.active_to):
            assert d is None or DATE.match(d), a.name
        if a.active_from and a.active_to:
            assert a.active_from < a.active_to, a.name


def test_alias_shared_only_when_country_or_dates_differ():
    owners: dict[str, list] = {}
    for a in REG.actors:
        for key in {norm_key(alias) for alias in (a.name, *a.aliases)}:
            owners.setdefault(key, []).append(a)
    clashes = []
    for alias, actors in owners.items():
        for x, y in itertools.combinations(actors, 2):
            if x.country == y.country and _overlap(x, y):
                clashes.append((alias, x.name, y.name))
    assert clashes == []


def test_parents_backers_and_role_rows_exist():
    for a in REG.actors:
        assert a.parent is None or REG.get(a.parent) is not None, (a.name, a.parent)
        for b in a.backers:
            assert REG.get(b) is not None, (a.name, b)
    for row in REG.roles:
        assert REG.get(row.actor) is not None, row
        assert row.iso2 in REG.countries and row.role in REG.generic["roles"], row


def test_sources_have_kind_stance_basis_and_unique_aliases():
    kinds = {"news agency", "state media", "broadcaster", "newspaper", "monitor", "party to the conflict", "NGO",
             "UN agency", "government", "research institute", "local media", "activists", "unnamed official"}
    for s in SOURCES.sources:
        assert s.kind in kinds and s.stance and s.basis, s.name
    # SourceRegistry raises at load time when one alias names two sources; loading succeeded above.
    assert len(SOURCES.aliases()) > len(SOURCES.sources)


@pytest.mark.parametrize(
    ("name", "country", "date", "expected"),
    [
        ("HTS", None, None, "Hayat Tahrir al-Sham"),
        ("hayat tahrir al sham", None, None, "Hayat Tahrir al-Sham"),
        ("هيئة تحرير الشام", None, None, "Hayat Tahrir al-Sham"),
        ("Syrian Arab Army", "SY", "2024-12-06", "Military Forces of Syria (2000-2024)"),
        ("Syrian army", "SY", "2025-03-01", "Military Forces of Syria (2024-)"),
        ("ЗСУ", None, "2024-10-08", "Military Forces of Ukraine (2019-)"),
        ("Houthis", None, None, "Ansar Allah"),
        ("တပ်မတော်", "MM", "2023-06-28", "Military Forces of Myanmar (2021-)"),
        ("ISIS", "IQ", "2016-03-08", "Islamic State (Iraq)"),
        ("al-Shabab", None, None, "Al Shabaab"),
        ("SNA", "SO", "2024-08-03", "Military Forces of Somalia (2022-)"),
        ("SNA", "SY", "2024-12-06", "Syrian National Army"),
    ],
)
def test_lookup(name, country, date, expected):
    found = REG.lookup(name, country=country, date=date)
    assert found and found[0].name == expected


def test_lookup_unknown_is_empty_and_get_is_exact():
    assert REG.lookup("Fictional Liberation Front of Nowhere") == []
    assert REG.get("military forces of russia (2000-)").name == "Military Forces of Russia (2000-)"
    assert REG.get("HTS") is None


@pytest.mark.parametrize(
    ("name", "expected", "kind"),
    [
        ("SOHR", "Syrian Observatory for Human Rights", "monitor"),
        ("the syrian observatory for human rights", "Syrian Observatory for Human Rights", "monitor"),
        ("sana", "SANA", "state media"),
        ("Sham FM", "Sham FM", "broadcaster"),
        ("ISW", "Institute for the Study of War", "research institute"),
        ("Hamas-run health ministry", "Gaza Health Ministry", "party to the conflict"),
        ("ТАСС", "TASS", "state media"),
        ("un refugee agency", "UNHCR", "UN agency"),
    ],
)
def test_source_lookup(name, expected, kind):
    src = SOURCES.lookup(name)
    assert src is not None and src.name == expected and src.kind == kind


def test_source_lookup_unknown():
    assert SOURCES.lookup("The Daily Imaginary") is None


@pytest.mark.parametrize(
    ("start", "end", "date", "expected"),
    [(None, None, "2020-01-01", True), ("2021-01-01", None, "2020-12-31", False), (None, "2024-12-08", "2024-12-08", False),
     (None, "2024-12-08", "2024-12-07", True), ("2021-01-01", "2022-01-01", None, True)],
)
def test_active_is_half_open(start, end, date, expected):
    assert active(start, end, date) is expected


def test_bad_files_raise_data_file_error_naming_the_file(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(DataFileError, match="broken.json"):
        ActorRegistry.load([bad])
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"actors": [{"name": "X", "inter": 12}]}), encoding="utf-8")
    with pytest.raises(DataFileError, match="inter must be 1-8"):
        ActorRegistry.load([wrong])
    with pytest.raises(DataFileError, match="no such registry file"):
        ActorRegistry.load([tmp_path / "missing.json"])


def test_user_file_of_extra_actors_loads_with_package_tables(tmp_path):
    extra = tmp_path / "mine.json"
    extra.write_text(json.dumps({"_doc": "test", "actors": [
        {"name": "Blue Lantern Brigade", "inter": 3, "country": "SY", "aliases": ["BLB"]}]}), encoding="utf-8")
    reg = ActorRegistry.load([extra])
    assert [a.name for a in reg.lookup("BLB")] == ["Blue Lantern Brigade"]
    assert reg.countries["SY"].name == "Syria"


def test_state_force_periods_do_not_overlap():
    by_base: dict[tuple, list] = {}
    for a in REG.actors:
        if a.inter == 1 and re.search(r" \(\d{4}-(\d{4})?\)$", a.name):
            by_base.setdefault((a.name.rsplit(" (", 1)[0], a.country), []).append(a)
    for base, actors in by_base.items():
        for x, y in itertools.combinations(actors, 2):
            assert not _overlap(x, y), (base, x.name, y.name)


@pytest.mark.parametrize(
    ("role", "iso2", "date", "expected"),
    [
        ("police", "NG", "2018-06-01", "Police Forces of Nigeria (2015-2023)"),
        ("state_military", "ML", "2019-01-01", "Military Forces of Mali (2013-2020)"),
        ("government", "SY", "2025-02-01", "Government of Syria (2024-)"),
        ("state_military", "US", "2016-03-08", "Military Forces of the United States (2009-2017)"),
    ],
)
def test_periods_table_gives_dated_state_forces(role, iso2, date, expected):
    actor, how = REG.role_actor(role, iso2, date)
    assert actor is not None and actor.name == expected and actor.inter == 1


def test_people_point_at_registry_actors():
    assert REG.people
    for name, actor, start, end in REG.people:
        assert REG.get(actor) is not None, (name, actor)
        assert start is None or DATE.match(start)
        assert end is None or DATE.match(end)
