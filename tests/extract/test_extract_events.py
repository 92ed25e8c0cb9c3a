"""extract_events on hand-made contexts: own sentences, fictional places (Korvan, Meldra, Tessel...)."""
from __future__ import annotations

import pytest

from warmonitor.extract import extract_events
from warmonitor.model import Claim, Event, Span

# text, [(sub_event_type, location, fatalities, actor1, actor2)]
GOLDEN = [
    ("Rebels of the Northern Front captured Korvan and Meldra on Tuesday, killing five soldiers.",
     [("Non-state actor overtakes territory", "Korvan", 5, "Northern Front", "Military Forces of Syria (2000-2024)"),
      ("Non-state actor overtakes territory", "Meldra", 0, "Northern Front", "Military Forces of Syria (2000-2024)")]),
    ("Government forces recaptured the town of Tessel from the Northern Front.",
     [("Government regains territory", "Tessel", 0, "Military Forces of Syria", "Northern Front")]),
    ("The air force carried out air strikes on rebels in Ostrava Province, killing dozens of fighters.",
     [("Air/drone strike", "Ostrava Province", 12, "Military Forces of Syria", "Northern Front")]),
    ("Thousands of Tessel residents fled toward Varno.",
     [("Civilians flee", "Tessel", 0, "Civilians", None)]),
    ("Police fired tear gas at protesters in Pellam.",
     [("Protest with intervention", "Pellam", 0, "Protesters (Nigeria)", "Police Forces of Syria")]),
    ("Gunmen stormed a church in Pellam, killing 12 worshippers and wounding 30.",
     [("Attack", "Pellam", 12, "Unidentified Armed Group", "Civilians (Nigeria)")]),
    ("Clashes between the army and rebels in Korvan killed between 10 and 15 fighters.",
     [("Armed clash", "Korvan", 10, "Military Forces of Syria", "Northern Front")]),
    ("A roadside bomb exploded in Meldra, wounding three villagers.",
     [("Remote explosive/landmine/IED", "Meldra", 0, None, "Civilians (Syria)")]),
    # "accidentally" tells a mistaken strike, not a man-made disaster
    ("The air force accidentally bombed rebels in Korvan, killing four fighters.",
     [("Air/drone strike", "Korvan", 4, "Military Forces of Syria", "Northern Front")]),
]


def _key(ev: Event) -> tuple:
    return (ev.sub_event_type, ev.location, ev.fatalities, ev.actor1, ev.actor2)


@pytest.mark.parametrize("text,expected", GOLDEN)
def test_golden(make_ctx, text: str, expected: list[tuple]) -> None:
    events = extract_events(make_ctx(text))
    assert sorted(_key(e) for e in events) == sorted(expected)


@pytest.mark.parametrize(
    "text",
    [
        "The Northern Front vowed to attack Tessel.",
        "The Northern Front has threatened to shell Tessel.",
        "The army plans to retake Korvan.",
        "Rebels would shell Korvan.",
        "If the rebels attack Korvan, the army will respond.",
        "The army denied that rebels had entered Korvan.",
        "There were no clashes in Korvan.",
        "Since the offensive began, 300 people have been killed in Korvan.",
        "The battle of Korvan is the mother of all battles.",
        "An earthquake struck Korvan, killing ten people.",
        "Two lorries collided in a road accident near Korvan, killing six people.",
        "The Northern Front claimed responsibility for the bombing in Korvan.",  # attribution only
        "Police made a drug bust in Korvan.",
    ],
)
def test_no_event(make_ctx, text: str) -> None:
    assert extract_events(make_ctx(text)) == []


def test_claim_modality_blocks(make_ctx) -> None:
    text = "Rebels shelled Korvan on Monday."
    claim = Claim(id="c1", span=Span.of(text, 0, len(text)), modality="threatened", kind="threat")
    assert extract_events(make_ctx(text, claims=[claim])) == []


def test_one_event_per_place_day_and_type(make_ctx) -> None:
    text = ("Rebels of the Northern Front entered Korvan on Tuesday. "
            "Residents said the rebels took control of Korvan without resistance.")
    events = extract_events(make_ctx(text))
    assert len(events) == 1
    ev = events[0]
    assert ev.location == "Korvan"
    assert len(ev.evidence["event_type"]) == 2  # both trigger spans kept as evidence


def test_fields_and_evidence(make_ctx) -> None:
    text = "Warplanes bombed Korvan on Monday, killing seven civilians."
    ctx = make_ctx(text, timexes=[("Monday", "2024-03-04")])
    (ev,) = extract_events(ctx)
    assert ev.event_type == "Explosions/Remote violence"
    assert ev.event_date == "2024-03-04"
    assert ev.iso == "SY" and ev.country == "Syria"
    assert ev.fatalities == 7 and ev.fatality_figures[0].kind == "killed"
    assert ev.cameo == "195" and ev.plover == "ASSAULT"
    assert ev.source == "Test Wire"
    assert ev.notes == text
    assert ev.geo_precision == 1 and ev.latitude is not None
    for spans in ev.evidence.values():
        for span in spans:
            assert text[span.start : span.end] == span.text
    assert ev.event_id == extract_events(make_ctx(text, timexes=[("Monday", "2024-03-04")]))[0].event_id


def test_background_date_kept(make_ctx) -> None:
    text = "In 2014 rebels captured Korvan."
    ctx = make_ctx(text, timexes=[("2014", "2014")])
    ctx.timexes[0].background = True
    events = extract_events(ctx)
    assert events and all(e.event_date != "2024-03-05" for e in events)


def test_region_precision(make_ctx) -> None:
    (ev,) = extract_events(make_ctx("Shelling hit villages in Ostrava Province on Monday."))
    assert ev.geo_precision == 3


def test_cited_source(make_ctx) -> None:
    text = "The monitor said warplanes bombed Korvan."
    claim = Claim(id="c1", span=Span.of(text, 0, len(text)), source="The Monitor")
    (ev,) = extract_events(make_ctx(text, claims=[claim]))
    assert ev.source == "The Monitor"
    assert ev.claims and ev.claims[0].id == "c1"


def test_lede_toll_takes_the_place_told_next(make_ctx) -> None:
    """A lede with a toll and no place of its own is placed where the article goes on to say."""
    text = ("At least 24 people were killed on Monday in a bomb attack near a camp for the displaced. "
            "The bomb went off at a checkpoint outside Korvan, residents said.")
    events = extract_events(make_ctx(text))
    assert any(e.location == "Korvan" and e.fatalities == 24 for e in events)


def test_later_sentence_without_a_place_borrows_none_from_after(make_ctx) -> None:
    """Only a lede looks ahead for its place: a toll deep in the article does not."""
    filler = "Officials met to discuss the harvest and the price of bread in the markets of the region. " * 6
    text = filler + "Five people were killed on Monday in a bomb attack. Later, a school opened in Korvan."
    events = extract_events(make_ctx(text))
    assert not any(e.fatalities == 5 for e in events)


@pytest.mark.parametrize(
    ("text", "timexes", "expected"),
    [
        # an undated lede and the same place's event recalled from weeks before are two events
        ("Warplanes bombed Korvan, killing seven civilians. On February 14 warplanes bombed Korvan, "
         "killing two farmers.", [("February 14", "2024-02-14")], [("2024-02-14", 2), ("2024-03-05", 7)]),
        # a sentence without a place that tells another day's event does not re-date the lede's event
        ("Warplanes bombed Korvan, killing seven civilians. On February 14 warplanes bombed a school, "
         "killing two pupils.", [("February 14", "2024-02-14")], [("2024-03-05", 7)]),
        # one told within days is still the same event
        ("Warplanes bombed Korvan, killing seven civilians. On Sunday warplanes bombed Korvan, "
         "killing seven civilians.", [("Sunday", "2024-03-03")], [("2024-03-03", 7)]),
    ],
)
def test_undated_event_joins_only_a_recent_one(make_ctx, text: str, timexes: list, expected: list) -> None:
    events = extract_events(make_ctx(text, timexes=timexes))
    assert sorted((e.event_date, e.fatalities) for e in events) == expected


@pytest.mark.parametrize(
    ("text", "timexes", "expected"),
    [
        # a region's event merges into a town's told a day apart: the day the toll's own clause
        # governs ("killed ... on Saturday"), not a day merely near the town's trigger
        ("An air strike killed 18 civilians in Ostrava Province on Saturday. The Dorran strike prompted the "
         "air force to fire missiles at a base on Friday morning.",
         [("Saturday", "2024-03-02"), ("Friday morning", "2024-03-01")], [("2024-03-02", 18)]),
        # a day that only dates a statement ("the army said on Saturday") yields to the event's own day
        ("Ten civilians were killed in Ostrava Province, the army said on Saturday. Warplanes bombed "
         "Dorran late on Friday.", [("Saturday", "2024-03-02"), ("late on Friday", "2024-03-01")],
         [("2024-03-01", 10)]),
    ],
)
def test_merged_event_takes_the_firmest_date(make_ctx, text: str, timexes: list, expected: list) -> None:
    events = extract_events(make_ctx(text, timexes=timexes))
    assert sorted((e.event_date, e.fatalities) for e in events) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the agent of the act named in the same sentence is no attribution statement: the act is coded
        ("Air strikes carried out by the air force killed nine villagers in Korvan.", ("Air/drone strike", "Korvan", 9)),
        ("The massacre in Korvan was perpetrated by gunmen who killed six villagers.", ("Attack", "Korvan", 6)),
        # a place name that begins like a crime word ("Bustan", not a drug "bust") declines nothing
        ("Gunmen positioned in the Bustan quarter shelled Korvan, killing three villagers.",
         ("Shelling/artillery/missile attack", "Korvan", 3)),
    ],
)
def test_no_false_decline(make_ctx, text: str, expected: tuple) -> None:
    events = extract_events(make_ctx(text))
    assert [(e.sub_event_type, e.location, e.fatalities) for e in events] == [expected]
