"""Event dating by syntax, chains, sentence and publication date, on sentences written for these tests."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warmonitor.errors import UsageError
from warmonitor.nlp import load_nlp
from warmonitor.resolve.time import EventDate, date_event, tag

PUB = "2024-12-06"  # a Friday

STORY = (
    "Herders seized the villages of Lowmoor and Eastfold early on Friday, two radio stations reported. "
    "The advance came one day after the herders captured the market town of Brackwell. "
    "The governor said in a statement late on Thursday that the withdrawal was temporary. "
    "Brackwell was held by the guild until 2014. "
    "The old prince died in 2000. "
    "Relations soured after the raid on the harbour on Oct. 7, 2023. "
    "The herders are now 5 km from the capital. "
    "The council will meet on Monday to discuss the crisis."
)


@pytest.fixture(scope="module")
def story() -> tuple[object, list]:
    doc = load_nlp()(STORY)
    return doc, tag(STORY, PUB, doc=doc)


def _date(story: tuple[object, list], trigger: str, nth: int = 0) -> EventDate:
    doc, timexes = story
    start = -1
    for _ in range(nth + 1):
        start = STORY.index(trigger, start + 1)
    return date_event(doc, start, start + len(trigger), timexes, PUB)


@pytest.mark.parametrize(
    ("trigger", "date", "precision", "background"),
    [
        ("seized", "2024-12-06", 1, False),  # "early on Friday", attached to the verb
        ("captured", "2024-12-05", 1, False),  # one day after the Friday advance
        ("statement", "2024-12-05", 1, False),  # "a statement late on Thursday"
        ("held", "2014-01-01", 3, True),  # background, keeps its own year
        ("died", "2000-01-01", 3, True),
        ("raid", "2023-10-07", 1, True),
        ("are", "2024-12-06", 1, False),  # present tense: the publication date
        ("meet", "2024-12-09", 1, False),  # future tense: the coming Monday
    ],
)
def test_event_dates(story: tuple[object, list], trigger: str, date: str, precision: int, background: bool) -> None:
    got = _date(story, trigger)
    assert (got.date, got.precision, got.background) == (date, precision, background)


def test_chain_is_marked(story: tuple[object, list]) -> None:
    assert _date(story, "captured").how == "chain"


def test_week_and_month_precision() -> None:
    text = "Floods destroyed the bridge last week. Prices rose in November."
    doc = load_nlp()(text)
    timexes = tag(text, PUB, doc=doc)
    week = date_event(doc, text.index("destroyed"), text.index("destroyed") + 9, timexes, PUB)
    month = date_event(doc, text.index("rose"), text.index("rose") + 4, timexes, PUB)
    assert (week.date, week.precision) == ("2024-11-25", 2)
    assert (month.date, month.precision) == ("2024-11-01", 3)


def test_no_date_and_no_publication_date() -> None:
    text = "Herders seized the village."
    doc = load_nlp()(text)
    got = date_event(doc, 8, 14, tag(text, None, doc=doc), None)
    assert got == EventDate(None, 3, False, None, "none")


def test_bad_offsets() -> None:
    doc = load_nlp()("Herders seized the village.")
    with pytest.raises(UsageError, match="outside"):
        date_event(doc, 5, 500, [], PUB)
    with pytest.raises(UsageError, match="doc"):
        date_event(None, 0, 1, [], PUB)


@settings(max_examples=80, deadline=None)
@given(st.integers(min_value=0, max_value=len(STORY) - 1), st.integers(min_value=1, max_value=30))
def test_date_event_never_raises_inside_the_text(story: tuple[object, list], start: int, length: int) -> None:
    doc, timexes = story
    end = min(len(STORY), start + length)
    got = date_event(doc, start, end, timexes, PUB)
    assert got.precision in (1, 2, 3)
    assert got.date is None or len(got.date) == 10


NEWS = (
    "Police said on Saturday that the blast at the fish market happened late on Friday. "
    "Rescuers worked through the night. "
    "Traders said the hall had been crowded. "
    "A second bomb was found near the quay, officials said. "
    "The council has approved new checks ahead of a vote scheduled for Dec. 20."
)


@pytest.fixture(scope="module")
def news() -> tuple[object, list]:
    doc = load_nlp()(NEWS)
    return doc, tag(NEWS, "2024-12-07", doc=doc)


@pytest.mark.parametrize(
    ("trigger", "date", "how"),
    [
        ("blast", "2024-12-06", "syntax"),  # the event's Friday, not the statement's Saturday
        ("found", "2024-12-06", "story"),  # an undated past event later on shares the story's day
        ("approved", "2024-12-06", "story"),  # present perfect: recent past, not the scheduled vote
    ],
)
def test_story_date_and_statement_dates(news: tuple[object, list], trigger: str, date: str, how: str) -> None:
    doc, timexes = news
    at = NEWS.index(trigger)
    got = date_event(doc, at, at + len(trigger), timexes, "2024-12-07")
    assert (got.date, got.how) == (date, how)


@pytest.mark.parametrize(
    ("text", "trigger", "date"),
    [
        ("The march on Friday came a day after police arrested the organisers.", "arrested", "2024-12-05"),
        ("The strike on Friday came two days after rebels shelled the depot.", "shelled", "2024-12-04"),
        ("The talks on Monday opened a week after the army stormed the hills.", "stormed", "2024-11-25"),
        ("Monday's vote came the day after gunmen attacked a polling station.", "attacked", "2024-12-01"),
    ],
)
def test_relation_chains(text: str, trigger: str, date: str) -> None:
    doc = load_nlp()(text)
    at = text.index(trigger)
    got = date_event(doc, at, at + len(trigger), tag(text, "2024-12-06", doc=doc), "2024-12-06")
    assert got.date == date


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("Officials said the council would meet on Monday.", "Monday", "2024-12-09"),
        ("The council plans to meet on Monday.", "Monday", "2024-12-09"),
        ("The council met on Monday.", "Monday", "2024-12-02"),
        ("The council has met on Monday.", "Monday", "2024-12-02"),
        ("The ministry has scheduled a hearing for Wednesday.", "Wednesday", "2024-12-11"),
        ("Elections are due in March.", "March", "2025-03"),
        ("Elections were held in March.", "March", "2024-03"),
    ],
)
def test_tense_from_the_parse(text: str, expr: str, value: str) -> None:
    found = {t.span.text: t.value for t in tag(text, PUB, doc=load_nlp()(text))}
    assert found[expr] == value


@pytest.mark.parametrize(
    ("text", "trigger", "date"),
    [
        # "since" opens a period running up to the statement: the statement's day, not Wednesday
        ("Medics said on Thursday. Forty guards have been killed in raids near the dam since Wednesday "
         "afternoon.", "killed", "2024-12-05"),
        # the event told in a clause that hangs on the day: that day dates it
        ("Radio contact with the convoy was lost since Wednesday night, when the ambush took place.",
         "ambush", "2024-12-04"),
        # a day long past after "since" still makes the event background history
        ("Hundreds of farmers have been killed in the valley since 2011.", "killed", "2011-01-01"),
    ],
)
def test_since_opens_a_period(text: str, trigger: str, date: str) -> None:
    doc = load_nlp()(text)
    at = text.index(trigger)
    got = date_event(doc, at, at + len(trigger), tag(text, PUB, doc=doc), PUB)
    assert got.date == date


LONG_AGO = (
    "Gunmen killed nine drivers at a fuel depot outside the river port, a relief group reported. "
    "The depot had been hit before. "
    "On November 20 the same gang raided a grain store in the hills."
)


@pytest.mark.parametrize(
    ("text", "date", "how"),
    [
        # the lede's undated event does not take a date recalled from weeks before: the publication day
        (LONG_AGO, PUB, "published"),
        # a recent day in the lede is the story's day
        (LONG_AGO.replace("On November 20", "On Wednesday"), "2024-12-04", "story"),
        # a recent day told only past the lede is not the story's day
        (LONG_AGO.replace("The depot had been hit before. ", "The depot had been hit before. " * 30)
         .replace("On November 20", "On Wednesday"), PUB, "published"),
    ],
)
def test_story_date_is_recent_and_in_the_lede(text: str, date: str, how: str) -> None:
    doc = load_nlp()(text)
    at = text.index("killed")
    got = date_event(doc, at, at + len("killed"), tag(text, PUB, doc=doc), PUB)
    assert (got.date, got.how) == (date, how)


def test_public_names() -> None:
    import warmonitor.resolve.time as rtime

    assert sorted(rtime.__all__) == ["EventDate", "date_event", "infer_published", "tag"]


@pytest.mark.parametrize(
    ("text", "trigger", "date", "how"),
    [
        # the sentence's only day hangs on a verb of saying: the day of the statement, marked so
        ("Seven farmers were killed near the mill, the council said on Thursday.", "killed", "2024-12-05",
         "statement"),
        # a day the event's own clause names is the event's
        ("Seven farmers were killed near the mill on Wednesday, the council said.", "killed", "2024-12-04",
         "syntax"),
    ],
)
def test_a_statement_day_is_marked(text: str, trigger: str, date: str, how: str) -> None:
    doc = load_nlp()(text)
    at = text.index(trigger)
    got = date_event(doc, at, at + len(trigger), tag(text, PUB, doc=doc), PUB)
    assert (got.date, got.how) == (date, how)
