"""Actor mentions and generic-word resolution, on sentences written for these tests."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warmonitor.resolve.actors import ActorRegistry, ActorResolver, inter_for, interaction

RESOLVER = ActorResolver(ActorRegistry.load())


def names(text, countries, date):
    return [(m.span.text, m.actor.name if m.actor else None) for m in RESOLVER.mentions(text, countries, date)]


@pytest.mark.parametrize(
    ("word", "countries", "date", "expected"),
    [
        # the same generic words in two different wars
        ("rebels", ["SY"], "2024-12-06", "Hayat Tahrir al-Sham"),
        ("rebels", ["CD"], "2025-01-27", "M23: March 23 Movement"),
        ("insurgents", ["SY"], "2024-12-01", "Hayat Tahrir al-Sham"),
        ("government troops", ["SY"], "2024-12-06", "Military Forces of Syria (2000-2024)"),
        ("government troops", ["CD"], "2025-01-27", "Military Forces of the Democratic Republic of Congo (2019-)"),
        ("government troops", ["SY"], "2025-02-10", "Military Forces of Syria (2024-)"),
        ("regime forces", ["SY"], "2024-12-06", "Military Forces of Syria (2000-2024)"),
        ("anti-Assad forces", ["SY"], "2024-12-05", "Hayat Tahrir al-Sham"),
        ("militants", ["SO"], "2024-08-03", "Al Shabaab"),
        ("paramilitaries", ["SD"], "2024-11-23", "Rapid Support Forces"),
        ("police", ["KE"], "2020-07-07", "Police Forces of Kenya (2013-2022)"),
        ("protesters", ["KE"], "2024-06-25", "Protesters (Kenya)"),
        ("civilians", ["SY"], "2024-12-06", "Civilians (Syria)"),
        ("gunmen", ["NG"], "2024-03-08", "Unidentified Armed Group (Nigeria)"),
        ("gangs", ["HT"], "2023-04-24", "Unidentified Gang (Haiti)"),
        ("rioters", ["PK"], "2023-05-09", "Rioters (Pakistan)"),
        ("security forces", ["CM"], "2023-11-21", "Military Forces of Cameroon (1982-)"),
        ("the junta", ["MM"], "2023-06-28", "Military Forces of Myanmar (2021-)"),
        ("separatists", ["CM"], "2023-11-21", "Ambazonian Separatists"),
        ("Syria's military", [], "2024-12-06", "Military Forces of Syria (2000-2024)"),
        ("Russian warplanes", ["SY"], "2024-12-06", "Military Forces of Russia (2000-)"),
        ("Kremlin's forces", ["UA"], "2024-10-08", "Military Forces of Russia (2000-)"),
    ],
)
def test_resolve_generic_words_from_country_and_date(word, countries, date, expected):
    actor = RESOLVER.resolve(word, countries, date)
    assert actor is not None and actor.name == expected


def test_generic_word_without_country_focus_is_unresolved():
    assert RESOLVER.resolve("rebels", [], "2024-12-06") is None


def test_country_named_after_the_word_wins_over_focus():
    assert RESOLVER.resolve("rebels in Syria", ["CD"], "2024-12-06").name == "Hayat Tahrir al-Sham"


def test_resolve_phrase_splits_coordinated_demonyms():
    actors = RESOLVER.resolve_phrase("the Syrian and Russian air forces", ["SY"], "2024-12-06")
    assert [a.name for a in actors] == ["Military Forces of Syria (2000-2024)", "Military Forces of Russia (2000-)"]


def test_resolve_phrase_three_demonyms():
    actors = RESOLVER.resolve_phrase("Turkish, Syrian and Russian troops", ["SY"], "2024-12-06")
    assert [a.country for a in actors] == ["TR", "SY", "RU"]


def test_mentions_names_acronyms_and_descriptions():
    text = ("Fighters of the jihadist group HTS entered the town while Turkish-backed militias "
            "moved east; the Syrian Arab Army withdrew.")
    found = dict(names(text, ["SY"], "2024-12-03"))
    assert found["HTS"] == "Hayat Tahrir al-Sham"
    assert found["Turkish-backed militias"] == "Syrian National Army"
    assert found["Syrian Arab Army"] == "Military Forces of Syria (2000-2024)"


def test_mention_spans_point_into_the_text():
    text = "In the morning Houthi rebels fired a drone at a ship, the Houthis said."
    for m in RESOLVER.mentions(text, ["YE"], "2024-01-10"):
        assert text[m.span.start:m.span.end] == m.span.text
    assert ("Houthi rebels", "Ansar Allah") in names(text, ["YE"], "2024-01-10")


def test_acronyms_match_case_sensitively():
    text = "It is what it is, said a resident of the town."
    assert all(m.actor is None or "Islamic State" not in m.actor.name for m in RESOLVER.mentions(text, ["IQ"], "2016-03-08"))


def test_backed_description_uses_registry_backers():
    actor = RESOLVER.resolve("Rwandan-backed rebels", ["CD"], "2025-01-27")
    assert actor is not None and actor.name == "M23: March 23 Movement"


def test_unknown_named_armed_group_becomes_new_actor():
    text = "Gunmen of the Crimson Valley Brigade attacked an army post near the river, killing two soldiers."
    new = [m for m in RESOLVER.mentions(text, ["ML"], "2025-03-01") if m.actor and m.actor.new]
    assert [m.span.text for m in new] == ["Crimson Valley Brigade"]
    assert new[0].actor.country == "ML"


def test_unknown_group_acronym_is_linked_to_it():
    text = ("Fighters of the Northern Hills Liberation Front (NHLF) seized a bridge on Monday. "
            "The NHLF later withdrew after clashes.")
    hits = [m for m in RESOLVER.mentions(text, ["CD"], "2025-03-01") if m.actor and m.actor.new]
    assert {m.span.text for m in hits} == {"Northern Hills Liberation Front", "NHLF"}


def test_capitalised_group_name_without_armed_context_is_not_an_actor():
    text = "The Riverside Garden Movement held a flower show on Sunday."
    assert not [m for m in RESOLVER.mentions(text, ["KE"], "2024-05-01") if m.actor and m.actor.new]


def test_generic_word_resolves_to_actor_named_in_article_when_no_table_row():
    text = "FDLR fighters raided the village. The rebels then looted shops."
    found = dict(names(text, ["CD"], "2010-07-30"))
    assert found["rebels"] == "FDLR: Democratic Forces for the Liberation of Rwanda"


@pytest.mark.parametrize(
    ("actor_name", "country", "expected"),
    [("Military Forces of Russia (2000-)", "SY", 8), ("Military Forces of Russia (2000-)", "RU", 1),
     ("Hayat Tahrir al-Sham", "SY", 2), ("Civilians (Syria)", "SY", 7)],
)
def test_inter_for_foreign_state_forces(actor_name, country, expected):
    assert inter_for(RESOLVER.registry.get(actor_name), country) == expected


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_mentions_never_fail_and_spans_are_exact(text):
    for m in RESOLVER.mentions(text, ["SY"], "2024-12-06"):
        assert 0 <= m.span.start < m.span.end <= len(text)
        assert text[m.span.start:m.span.end] == m.span.text


def test_state_noun_goes_to_the_state_whose_forces_the_text_names():
    text = "The Israeli military said the air force struck a school compound. Hamas denied it."
    found = dict(names(text, ["PS", "IL"], "2025-01-12"))
    assert found["air force"] == "Military Forces of Israel (2022-)"


def test_generic_words_follow_the_named_actors_country_when_focus_is_uncertain():
    text = "Anglophone separatists attacked the village and the separatists burned two shops; civilians fled."
    found = dict(names(text, ["AE", "CM"], "2023-11-21"))
    assert found["separatists"] == "Ambazonian Separatists"
    assert found["civilians"] == "Civilians (Cameroon)"


def test_the_demonym_plural_is_that_states_forces():
    found = dict(names("By noon the Ruritanians had not moved, but the Russians hit a depot.", ["UA"], "2024-10-08"))
    assert found["the Russians"] == "Military Forces of Russia (2000-)"


@pytest.fixture(scope="module")
def nlp():
    from warmonitor.nlp import load_nlp

    return load_nlp()


def test_country_acting_as_subject_is_its_military(nlp):
    text = "Israel struck two villages overnight. Israel is a small country."
    found = [(m.span.start, m.actor.name) for m in RESOLVER.mentions(nlp(text), ["LB"], "2024-10-13")]
    assert found == [(0, "Military Forces of Israel (2022-)")]


def test_known_group_with_a_prefix_is_not_new():
    text = "The Russia-backed Wagner Group fighters attacked a convoy near the border."
    found = [(m.span.text, m.actor.name, m.actor.new) for m in RESOLVER.mentions(text, ["ML"], "2023-05-01") if m.actor]
    assert ("Wagner Group", "Wagner Group", False) in found
    assert not [f for f in found if f[2]]


@pytest.mark.parametrize(("a", "b", "expected"), [(2, 1, 12), (1, 7, 17), (6, None, 60), (None, 1, None), (3, 3, 33)])
def test_interaction_codes(a, b, expected):
    assert interaction(a, b) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Syrian and Russian air forces", "Military Forces of Syria (2000-2024)"),
        ("fighters of the Crimson Valley Brigade", "Crimson Valley Brigade"),
        ("the jihadist group HTS", "Hayat Tahrir al-Sham"),
    ],
)
def test_resolve_prefers_named_then_first(phrase, expected):
    assert RESOLVER.resolve(phrase, ["SY"], "2024-12-06").name == expected


def test_leader_names_stand_for_their_group_while_in_office():
    found = dict(names("An Israeli strike killed Hassan Nasrallah in Beirut.", ["LB"], "2024-09-27"))
    assert found["Hassan Nasrallah"] == "Hezbollah"
    later = [m for m in RESOLVER.mentions("Hassan Nasrallah's speeches were replayed.", ["LB"], "2025-03-01")
             if m.actor is not None]
    assert later == []
