"""Actors on events: ``args.actors_for`` (sides from the parse) and ``sides.complete_sides`` (ACLED's
default sides, associated actors). Own sentences; fictional places (Korvan, Pellam...) and actors."""
from __future__ import annotations

import pytest

from warmonitor.extract import extract_events
from warmonitor.extract.sides import complete_sides
from warmonitor.model import Actor, ActorMention, Event, Span

# text -> (actor1, actor2) of the single event extracted
SIDES = [
    # passive voice: the agent acts
    ("Twelve villagers were killed by gunmen in Pellam.", "Unidentified Armed Group", "Civilians"),
    # "from": the side that lost the place
    ("The army seized Korvan from the Northern Front on Monday.", "Military Forces of Syria", "Northern Front"),
    # a subject that gives ground is the acted-upon side
    ("The army withdrew from Korvan on Monday.", None, "Military Forces of Syria"),
]


@pytest.mark.parametrize("text,a1,a2", SIDES)
def test_sides_from_parse(make_ctx, text: str, a1: str | None, a2: str) -> None:
    events = extract_events(make_ctx(text))
    assert len(events) == 1
    assert (events[0].actor1, events[0].actor2) == (a1, a2)


def test_state_speaker_acts_in_strike(make_ctx) -> None:
    text = "The air force said a commander of the Northern Front was killed in an air strike in Korvan."
    (ev,) = extract_events(make_ctx(text))
    assert ev.actor1 == "Military Forces of Syria"


def test_victim_not_actor_through_fallback(make_ctx) -> None:
    text = "At least nine people, including soldiers, died after a bomb exploded in Korvan."
    events = extract_events(make_ctx(text))
    assert events and all(e.actor1 != "Military Forces of Syria" for e in events)


def _event(**kw) -> Event:
    base = dict(event_type="Protests", sub_event_type="Peaceful protest", iso="SY", event_date="2024-03-05")
    base.update(kw)
    return Event(**base)


# (event fields, expected actor1, expected actor2): ACLED conventions from actor_defaults.json
RULES = [
    (dict(), "Protesters (Syria)", None),
    (dict(actor1="Police Forces of Syria", inter1=1, sub_event_type="Protest with intervention"),
     "Protesters (Syria)", "Police Forces of Syria"),
    (dict(sub_event_type="Excessive force against protesters"), "Protesters (Syria)", "Police Forces of Syria (2000-2024)"),
    (dict(event_type="Riots", sub_event_type="Mob violence"), "Rioters (Syria)", None),
    (dict(event_type="Violence against civilians", sub_event_type="Attack", actor1="Gunmen", inter1=3),
     "Gunmen", "Civilians (Syria)"),
    (dict(event_type="Violence against civilians", sub_event_type="Attack", actor1="Civilians (Syria)", inter1=7),
     None, "Civilians (Syria)"),
    (dict(event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED", fatalities=2),
     None, "Civilians (Syria)"),
    (dict(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike"), None, None),
    (dict(event_type="Strategic developments", sub_event_type="Non-state actor overtakes territory",
          actor1="Northern Front", inter1=2), "Northern Front", "Military Forces of Syria (2000-2024)"),
    (dict(event_type="Strategic developments", sub_event_type="Government regains territory",
          actor1="Military Forces of Syria (2000-2024)", inter1=1), "Military Forces of Syria (2000-2024)", None),
]


@pytest.mark.parametrize("fields,a1,a2", RULES)
def test_default_sides(make_ctx, fields: dict, a1: str | None, a2: str | None) -> None:
    ctx = make_ctx("Nothing happened.")
    (ev,) = complete_sides(ctx, [_event(**fields)])
    assert (ev.actor1, ev.actor2) == (a1, a2)
    if ev.actor1 and ev.actor2:
        assert ev.interaction == min(ev.inter1, ev.inter2) * 10 + max(ev.inter1, ev.inter2)


def test_coordinated_subject_gives_assoc(make_ctx) -> None:
    text = "Syrian and Russian warplanes bombed Korvan on Monday."
    ctx = make_ctx(text)
    syr = ActorMention(span=Span.of(text, 0, 6), actor=Actor(name="Military Forces of Syria", inter=1, country="SY"))
    rus = ActorMention(span=Span.of(text, 11, 28), actor=Actor(name="Military Forces of Russia", inter=1, country="RU"))
    ctx.actors = [syr, rus]
    (ev,) = extract_events(ctx)
    assert ev.actor1 == "Military Forces of Syria"
    assert ev.assoc_actor_1 == "Military Forces of Russia"


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("The Northern Front claimed responsibility for the attack.", "Northern Front"),
        ("The Northern Front did not claim responsibility for the attack.", "Unidentified Armed Group"),
        ("No group has claimed responsibility.", "Unidentified Armed Group"),
    ],
)
def test_responsibility_claim_names_actor1(make_ctx, claim: str, expected: str) -> None:
    text = "Gunmen killed six villagers in Pellam on Monday. " + claim
    events = [e for e in extract_events(make_ctx(text)) if e.location == "Pellam"]
    assert events and events[0].actor1 == expected


def test_sole_striker_propagates(make_ctx) -> None:
    ctx = make_ctx("Nothing happened.")
    evs = [_event(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                  actor1="Military Forces of Syria", inter1=1),
           _event(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike")]
    complete_sides(ctx, evs)
    assert evs[1].actor1 == "Military Forces of Syria"


@pytest.mark.parametrize(
    "text",
    [
        "Police said a bomb exploded in Pellam on Monday, killing two villagers.",
        "Police said a bomb went off in Pellam, killing two villagers.",
    ],
)
def test_police_reporting_a_bombing_is_not_its_actor(make_ctx, text: str) -> None:
    events = extract_events(make_ctx(text))
    assert events and all(e.actor1 != "Police Forces of Syria" for e in events)


# a state force named only as the speaker or as the one looking into a blast is not the blast's actor
NOT_THE_ACTOR = [
    "Eleven people were killed in an explosion at the bus station of Korvan on Monday. "
    "Police were looking into the cause of the explosion.",
    "Eleven people were killed in an explosion at the bus station of Korvan on Monday. "
    "A police spokesman said a guard was killed in the explosion.",
]


@pytest.mark.parametrize("text", NOT_THE_ACTOR)
def test_police_not_actor_of_the_blast(make_ctx, text: str) -> None:
    events = extract_events(make_ctx(text))
    assert events
    assert all(e.actor1 != "Police Forces of Syria" for e in events)


def test_specific_type_names_the_merged_event(make_ctx) -> None:
    """"killed ... in an explosion": the generic killing merges into the explosion, which names it."""
    text = "Eleven people were killed and twenty wounded in an explosion at the bus station of Korvan on Monday."
    events = extract_events(make_ctx(text))
    assert [(e.event_type, e.sub_event_type) for e in events] == [
        ("Explosions/Remote violence", "Remote explosive/landmine/IED")]


def test_compound_trigger_keeps_its_verb(make_ctx) -> None:
    """"signed a ceasefire deal": the trigger noun sits inside the object phrase, the signers are its sides."""
    text = "The Northern Front signed a ceasefire agreement with the army in Korvan on Monday."
    events = extract_events(make_ctx(text))
    assert events and events[0].actor1 == "Northern Front"


def test_a_place_that_is_a_subject_does_not_place_a_loose_event(make_ctx) -> None:
    """"Meldra has turned its attention elsewhere": a town standing for its rulers, not where clashes were."""
    text = ("Meldra has turned its attention elsewhere, and its allies have been busy with clashes "
            "against the Northern Front since Monday.")
    events = extract_events(make_ctx(text))
    assert all(e.location != "Meldra" for e in events)


def test_back_reference_placed_only_in_another_clause_is_no_event_of_its_own(make_ctx) -> None:
    text = ("The Northern Front captured Korvan on Monday. After Monday's capture of the hill town, the "
            "Northern Front said it was now aiming for Meldra.")
    events = extract_events(make_ctx(text))
    assert [e.location for e in events] == ["Korvan"]


def test_the_agent_of_the_triggers_passive_acts(make_ctx) -> None:
    text = "At least nine villagers were killed by Northern Front shelling in Korvan on Monday."
    events = extract_events(make_ctx(text))
    assert events and events[0].actor1 == "Northern Front"


def test_the_agent_of_another_clause_does_not(make_ctx) -> None:
    text = "Five gunmen were killed by the army in Korvan on Monday while a sixth blew himself up."
    events = [e for e in extract_events(make_ctx(text)) if e.sub_event_type == "Suicide bomb"]
    assert all(e.actor1 != "Military Forces of Syria" for e in events)
