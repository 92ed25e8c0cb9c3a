"""The TIMEX3 tagger on sentences written for these tests (no real news text)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warmonitor.errors import DataFileError, UsageError
from warmonitor.resolve.time import tag
from warmonitor.resolve.time.lexicon import compile_pattern, lexicon, rules

REF = "2024-12-06"  # a Friday

# (sentence, reference date, the expression, type, value)
CASES = [
    ("The river flooded on Oct. 7, 2023, near the old mill.", REF, "Oct. 7, 2023", "DATE", "2023-10-07"),
    ("Wed 05 Apr 2017 10.00 BST", None, "Wed 05 Apr 2017", "DATE", "2017-04-05"),
    ("The festival opened on 6 December 2024 in the square.", REF, "6 December 2024", "DATE", "2024-12-06"),
    ("The file was stamped 2024-12-03.", REF, "2024-12-03", "DATE", "2024-12-03"),
    ("Ferries stopped running on Dec. 3.", REF, "Dec. 3", "DATE", "2024-12-03"),
    ("The bridge reopened in late November.", REF, "late November", "DATE", "2024-11"),
    ("The bridge reopened in May.", REF, "May", "DATE", "2024-05"),
    ("The bridge stays shut until March.", REF, "March", "DATE", "2025-03"),
    ("The harvest was poor in March 2021.", REF, "March 2021", "DATE", "2021-03"),
    ("The mill was partly held by the guild until 2014.", REF, "2014", "DATE", "2014"),
    ("The town grew quickly in the 1990s.", REF, "the 1990s", "DATE", "199X"),
    ("Settlers arrived in the '80s.", REF, "the '80s", "DATE", "198X"),
    ("Farmers gathered early on Friday.", REF, "Friday", "DATE", "2024-12-06"),
    ("The mayor spoke late on Thursday.", REF, "Thursday", "DATE", "2024-12-05"),
    ("The ferry sank on Monday.", REF, "Monday", "DATE", "2024-12-02"),
    ("The council will vote on Monday.", REF, "Monday", "DATE", "2024-12-09"),
    ("The council meets next Tuesday.", REF, "next Tuesday", "DATE", "2024-12-10"),
    ("The storm hit last Saturday.", REF, "last Saturday", "DATE", "2024-11-30"),
    ("Prices rose last week.", REF, "last week", "DATE", "2024-W48"),
    ("Prices rose this week.", REF, "this week", "DATE", "2024-W49"),
    ("Exports fell last month.", REF, "last month", "DATE", "2024-11"),
    ("Exports fell earlier this month.", REF, "earlier this month", "DATE", "2024-12"),
    ("Exports will recover next year.", REF, "next year", "DATE", "2025"),
    ("The dam burst two months ago.", REF, "two months ago", "DATE", "2024-10"),
    ("The dam burst three days ago.", REF, "three days ago", "DATE", "2024-12-03"),
    ("The ship docked yesterday.", REF, "yesterday", "DATE", "2024-12-05"),
    ("The ship docks today.", REF, "today", "DATE", "2024-12-06"),
    ("The ship docks tomorrow.", REF, "tomorrow", "DATE", "2024-12-07"),
    ("Rain fell on Dec. 3. The day before, the wind had turned.", REF, "The day before", "DATE", "2024-12-02"),
    ("Rain fell on Dec. 3. Three days later, the river rose.", REF, "Three days later", "DATE", "2024-12-06"),
    ("The talks lasted three days.", REF, "three days", "DURATION", "P3D"),
    ("The flight took 5 1/2 hours.", REF, "5 1/2 hours", "DURATION", "PT5H30M"),
    ("The strike went on for at least 72 hours.", REF, "at least 72 hours", "DURATION", "PT72H"),
    ("The drought of the past decade ended.", REF, "the past decade", "DURATION", "P10Y"),
    ("The orchard has produced for several years.", REF, "several years", "DURATION", "PXY"),
    ("A decades-long quarrel ended.", REF, "decades-long", "DURATION", "PXY"),
    ("The market opens every week.", REF, "every week", "SET", "P1W"),
    ("The bulletin appears daily.", REF, "daily", "SET", "P1D"),
    ("The patrol passes twice a week.", REF, "twice a week", "SET", "P1W"),
    ("The guards stayed for a day.", REF, "a day", "DURATION", "P1D"),
    ("The port earns $2 million a year.", REF, "a year", "DURATION", "P1Y"),
    ("Shelling went on for the past two nights.", REF, "the past two nights", "DURATION", "P2D"),
    ("The choir sings every Friday.", REF, "every Friday", "SET", "XXXX-WXX-5"),
    ("The town is now quiet.", REF, "now", "DATE", "PRESENT_REF"),
    ("The ferry left at 10:35 a.m.", REF, "10:35 a.m.", "TIME", "2024-12-06T10:35"),
    ("The ferry left around 1130 am from the quay.", REF, "1130 am", "TIME", "2024-12-06T11:30"),  # not the year 1130
    ("The ferry left at 130 pm.", REF, "130 pm", "TIME", "2024-12-06T13:30"),
    ("Shelling was heard overnight.", REF, "overnight", "TIME", "2024-12-05TNI"),
    ("The bells rang at midday.", REF, "midday", "TIME", "2024-12-06T12:00"),
    ("The harvest festival falls in the summer of 1998.", REF, "the summer of 1998", "DATE", "1998-SU"),
    ("The roads flooded last fall.", REF, "last fall", "DATE", "2024-FA"),
    ("The shops closed on Christmas Day.", "2025-01-10", "Christmas Day", "DATE", "2024-12-25"),
    ("The shops will close on Christmas Day.", REF, "Christmas Day", "DATE", "2024-12-25"),
    ("The figures for the first quarter of 2024 are out.", REF, "the first quarter of 2024", "DATE", "2024-Q1"),
    ("The hearing is set for the week of March 6.", "2000-02-24", "the week of March 6", "DATE", "2000-W10"),
    ("The form was signed 12/06/2024.", REF, "12/06/2024", "DATE", "2024-12-06"),
]


@pytest.mark.parametrize(("text", "ref", "expr", "type_", "value"), CASES)
def test_each_rule(text: str, ref: str | None, expr: str, type_: str, value: str) -> None:
    found = {t.span.text: t for t in tag(text, ref)}
    assert expr in found, f"{expr!r} not tagged in {text!r}: {sorted(found)}"
    assert (found[expr].type, found[expr].value) == (type_, value)


@pytest.mark.parametrize(
    "text",
    [
        "She may visit the farm.",  # "may" the verb
        "They march to the square.",  # "march" the verb
        "Some 2000 people signed the letter.",  # a count, not a year
        "A 6-year-old boy found the dog.",  # an age
        "Jan Novak wrote the letter.",  # a first name
        "The film High Noon played again.",
        "The minister Petra May spoke to the press.",  # a name
        "Talks with May ended early.",
        "May the best team win.",
        "Not a day goes by without rain.",
        "She hopes to return one day.",
        "The country's future is uncertain.",
    ],
)
def test_words_that_are_not_times(text: str) -> None:
    assert tag(text, REF) == []


@pytest.mark.parametrize(
    ("text", "expr", "background"),
    [
        ("The mill was held by the guild until 2014.", "2014", True),
        ("The bridge fell on Oct. 7, 2023.", "Oct. 7, 2023", True),
        ("The bridge fell on Dec. 3, 2024.", "Dec. 3, 2024", False),
        ("The bridge fell last month.", "last month", False),
        ("The bridge fell last year.", "last year", True),
        ("The bridge has stood for three days.", "three days", False),
    ],
)
def test_background(text: str, expr: str, background: bool) -> None:
    found = {t.span.text: t for t in tag(text, REF)}
    assert found[expr].background is background


def test_offsets_and_precision() -> None:
    text = "Boats left on Friday. Trains stopped in March 2021. Talks ran for two weeks."
    got = tag(text, REF)
    assert [text[t.span.start:t.span.end] for t in got] == [t.span.text for t in got]
    assert [t.precision for t in got] == ["day", "month", "none"]


def test_weekday_resolution_without_reference() -> None:
    (t,) = tag("The ferry sank on Monday.", None)
    assert t.value == "XXXX-WXX-1"


def test_bad_input_raises_usage_error() -> None:
    with pytest.raises(UsageError, match="str"):
        tag(b"bytes", REF)  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="not YYYY-MM-DD"):
        tag("on Friday", "the sixth")
    with pytest.raises(UsageError, match="not a calendar date"):
        tag("on Friday", "2024-02-30")


def test_written_reference_date_is_read() -> None:
    (t,) = tag("The ferry sank on Monday.", "Friday, Dec. 6, 2024")
    assert t.value == "2024-12-02"


def test_every_rule_matches_its_example() -> None:
    for rule in rules():
        assert rule.example, f"rule {rule.name} has no example"
        assert rule.regex.search(rule.example), f"rule {rule.name} misses its example {rule.example!r}"


def test_lexicon_is_documented() -> None:
    lx = lexicon()
    assert lx["_doc"]
    assert set(lx["months"].values()) == set(range(1, 13))
    assert set(lx["weekdays"].values()) == set(range(7))


def test_unknown_placeholder_is_a_data_error() -> None:
    with pytest.raises(DataFileError, match="NOPE"):
        compile_pattern("{NOPE} days")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200), st.sampled_from([None, REF, "1999-02-28", "2000-01-01T10:00"]))
def test_tag_never_raises_and_spans_are_in_range(text: str, ref: str | None) -> None:
    for t in tag(text, ref):
        assert 0 <= t.span.start < t.span.end <= len(text)
        assert text[t.span.start:t.span.end] == t.span.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")


WORDS = ["on", "Friday", "Oct.", "7,", "2023", "last", "week", "three", "days", "ago", "May", "the", "1990s",
         "early", "late", "at", "10:35", "a.m.", "every", "year", "since", "March", "12", "overnight", "now"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=14))
def test_tag_on_time_words_never_raises(words: list[str]) -> None:
    text = " ".join(words)
    for t in tag(text, REF):
        assert text[t.span.start:t.span.end] == t.span.text
        assert t.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The truce began at 7pm (1600 GMT) in the old town.", ["7pm"]),  # a clock time, not the year 1600
        ("Between 500 and 1300 people fled the valley.", []),  # a count joined to another count
        ("The dam was built in 1300 and 1450 was a flood year.", ["1300", "1450"]),
    ],
)
def test_four_digit_numbers_that_are_not_years(text: str, expected: list[str]) -> None:
    from warmonitor.nlp import load_nlp

    assert [t.span.text for t in tag(text, REF, doc=load_nlp()(text))] == expected
