"""The FA-KES runner's choice of an article's main incident, on rows written for these tests."""
from __future__ import annotations

import pytest

from warmonitor.evaluate.fakes import main_incident


def _row(loc: str, date: str | None, toll: int, precision: int = 1, background: bool = False) -> dict:
    return {"case": "a", "location": loc, "admin1": "North", "iso": "SY", "event_date": date,
            "time_precision": precision, "fatalities": toll, "background": background}


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # a toll dated only to a month ("killed in August shelling") is a running total: the
        # day-dated toll told after it is the incident
        ([_row("Korvan", "2016-08-01", 100, precision=3), _row("Meldra", "2016-08-10", 14)], ["Meldra"]),
        # a week-dated toll ("last week") likewise
        ([_row("Korvan", "2016-07-18", 15, precision=2), _row("Tessel", "2016-07-28", 4)], ["Tessel"]),
        # history recalled with a toll is not the incident
        ([_row("Korvan", "2013-08-21", 1300, background=True), _row("Meldra", "2016-08-10", 6)], ["Meldra"]),
        # with no day-dated toll, the first toll told stands
        ([_row("Korvan", "2016-08-01", 100, precision=3), _row("Meldra", "2016-08-10", 0)], ["Korvan"]),
        # with no toll at all, the first event stands
        ([_row("Korvan", "2016-08-09", 0), _row("Meldra", "2016-08-10", 0)], ["Korvan"]),
        # the first day-dated toll wins over a larger one told later
        ([_row("Korvan", "2016-08-10", 5), _row("Meldra", "2016-08-10", 50)], ["Korvan"]),
    ],
)
def test_main_incident_is_a_day_dated_toll(rows: list[dict], expected: list[str]) -> None:
    assert [r["location"] for r in main_incident(rows)] == expected
