"""Fatality figures: numbers in words and digits, vague counts, ranges, injuries, cumulative tolls."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warmonitor.errors import UsageError
from warmonitor.extract import acled_fatalities, fatality_figures
from warmonitor.extract.figures import mentions_deaths, no_number_default
from warmonitor.model import FatalityFigure, Span

# text, ACLED fatalities
TOLLS = [
    ("Five soldiers were killed in the ambush.", 5),
    ("At least 112 people died in the blast.", 112),
    ("The raid left twenty-three villagers dead.", 23),
    ("Shelling killed dozens of fighters near the dam.", 12),
    ("Tens of people were killed when the convoy was hit.", 10),
    ("Hundreds of civilians were killed in the siege of the city.", 100),
    ("Between 10 and 15 people died in the attack.", 10),
    ("Officials said 7 to 9 people were killed.", 7),
    ("Two policemen and three civilians were killed on Monday.", 5),
    ("The strike killed eight people, including two children.", 8),
    ("Eight people, including two children and two women, were killed.", 8),
    ("A policeman was killed and four others were wounded.", 1),
    ("The bombing killed 1,200 people, the ministry said.", 1200),
    ("Two hundred and fifty people died.", 250),
    ("The death toll from the bombing rose to 31.", 31),
    ("Thirty people were wounded in the explosion.", 0),
    ("Insurgents are now just 3 miles from the city.", 0),
    ("Since the offensive began, 300 people have been killed.", 0),
    ("The war has killed more than 500,000 people since 2011.", 0),
    ("Nobody was hurt.", 0),
    ("Forty fighters have been killed in the valley since the clashes erupted last month.", 0),
    ("A mob beat and burned 13 suspected looters to death.", 13),
    ("The monitor has documented the killing of 900 civilians.", 0),
    ("Two nurses were among at least 31 people killed in the shelling of the market.", 31),
    ("Six farmers including a boy were among 22 people killed when the bridge was bombed.", 22),
    ("Five guards were among the dead.", 5),
    ("At least 45 people have been killed in the valley in the last 24 hours, medics said.", 45),
    ("At least 45 people have been killed in the valley in the last three weeks.", 0),
    ("Three citizens were martyred in the bombing.", 3),
    ("At least 45 Red Hand militants and 20 Valley Guard fighters had been killed.", 65),
    ("In 2014 Red Hand fighters killed 30 people.", 30),
    ("On May 5 Red Hand fighters killed 4 herders.", 4),
    ("17-08-2016 Martyrs of the Valley. Seven farmers were killed on Wednesday.", 7),
    ("Shares 0 612 A farmer was killed when a shell hit his field.", 1),
    ("Shares 0 1449 The death toll from the raid on the market rose to 31.", 31),  # a page counter before "The"
    ("Nine herders were killed in air strikes early on Tuesday near the well.", 9),  # closed to one day
    ("Nine herders have been killed in air strikes since Tuesday.", 0),  # a period
    ("The death toll of a rebel attack on the quay surpassed 40 people.", 0),  # not "a rebel" = 1
    ("A double bombing in the market town has claimed the lives of 18 people.", 18),  # one attack's toll
    ("The war has claimed more than 300,000 lives.", 0),
    ("The rebels shot a herder.", 0),
    ("Gunmen killed a farmer near the well.", 1),
    ("Since then thousands are believed to have been killed.", 0),
    ("Critics say the raids have killed hundreds of villagers.", 0),
    ("Dozens of villagers have been killed in the raid.", 12),
]


@pytest.mark.parametrize("text,expected", TOLLS)
def test_acled_toll(text: str, expected: int) -> None:
    assert acled_fatalities(fatality_figures(text)) == expected


@pytest.mark.parametrize(
    "text,kind,value",
    [
        ("Thirty people were wounded in the explosion.", "injured", 30),
        ("The clashes displaced 4,000 residents.", None, None),
        ("About 2,000 people fled the town.", "displaced", 2000),
        ("killing one person and wounding 4", "injured", 4),
    ],
)
def test_kinds(text: str, kind: str | None, value: int | None) -> None:
    figs = fatality_figures(text)
    if kind is None:
        assert all(f.kind != "killed" for f in figs)
        return
    assert any(f.kind == kind and f.value == value for f in figs)


def test_cumulative_flag_and_offsets() -> None:
    text = "So far this year, 40 people have been killed in the province."
    figs = fatality_figures(text, offset=100)
    assert figs and figs[0].cumulative
    assert figs[0].span is not None and figs[0].span.start >= 100
    assert text[figs[0].span.start - 100 : figs[0].span.end - 100] == figs[0].span.text


def test_vague_flag() -> None:
    figs = fatality_figures("Dozens of fighters were killed.")
    assert figs[0].vague and figs[0].value == 12


@pytest.mark.parametrize(
    "figures,expected",
    [
        ([FatalityFigure(10, "10", source="A"), FatalityFigure(12, "12", source="A")], 12),
        ([FatalityFigure(10, "10", source="A"), FatalityFigure(30, "30", source="B")], 10),
        ([FatalityFigure(10, "10", kind="injured")], 0),
        ([FatalityFigure(50, "50", cumulative=True)], 0),
        ([FatalityFigure(70, "70", source="A"), FatalityFigure(12, "dozens", source="B", vague=True)], 70),
        ([FatalityFigure(12, "dozens", source="A", vague=True), FatalityFigure(100, "hundreds", source="B", vague=True)], 12),
        ([], 0),
    ],
)
def test_conservative_across_sources(figures: list[FatalityFigure], expected: int) -> None:
    assert acled_fatalities(figures) == expected


@pytest.mark.parametrize(
    "text,expected", [("Several people were killed.", True), ("No one was killed.", False), ("Troops entered the town.", False)]
)
def test_mentions_deaths(text: str, expected: bool) -> None:
    assert mentions_deaths(text) is expected


def test_no_number_table() -> None:
    assert no_number_default("Air/drone strike") == 10
    assert no_number_default("Attack") == 3


def test_non_string_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        fatality_figures(None)  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_never_crashes_and_spans_point_into_text(text: str) -> None:
    for fig in fatality_figures(text):
        assert fig.value >= 0
        assert fig.span is not None and text[fig.span.start : fig.span.end] == fig.span.text


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=2, max_value=99_999), st.sampled_from(["people", "soldiers", "civilians"]))
def test_digits_round_trip(n: int, noun: str) -> None:
    assert acled_fatalities(fatality_figures(f"At least {n:,} {noun} were killed on Monday.")) == n


def _fig(value: int, kind: str = "killed", vague: bool = False, cumulative: bool = False,
         at: int = 0) -> FatalityFigure:
    return FatalityFigure(value=value, text=str(value), kind=kind, vague=vague, cumulative=cumulative,
                          span=Span(at, at + 2, str(value)))


@pytest.mark.parametrize(
    ("figures", "fatalities", "expected"),
    [
        ([_fig(14, at=5), _fig(9, at=80), _fig(30, "injured", at=0)], 9, 14),  # the lede's toll, not the lowest
        ([_fig(3, at=5), _fig(16, at=90)], 3, 3),  # a larger figure told later is another count
        ([_fig(12, vague=True), _fig(40, cumulative=True)], 12, 40),  # "dozens", then "40 in three days"
        ([_fig(7), _fig(60, cumulative=True)], 7, 7),  # the incident's own toll beats a running total
        ([_fig(12, vague=True)], 12, 12),
        ([], 10, 10),  # deaths with no number: the default stands
        ([_fig(3, "injured")], 0, 0),
    ],
)
def test_incident_total(figures: list[FatalityFigure], fatalities: int, expected: int) -> None:
    from warmonitor.extract.figures import incident_total

    assert incident_total(figures, fatalities) == expected


@pytest.mark.parametrize(
    "text",
    ["At least 12 people were killed and 30 wounded.", "Dozens of families fled the shelling.", ""],
)
def test_kept_words_give_the_same_figures(text: str) -> None:
    from warmonitor.extract.figures import _words

    assert _words(text) == _words.__wrapped__(text)
    first, again = fatality_figures(text, 7), fatality_figures(text, 7)
    assert first == again and all(a is not b for a, b in zip(first, again, strict=True))  # fresh figures every time
