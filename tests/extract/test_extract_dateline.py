"""``args.is_dateline``: a place opening a paragraph and followed by a date and/or an agency credit
and a dash is where the reporter filed from, not an event place. Own fictional datelines."""
from __future__ import annotations

import pytest

from warmonitor.extract.args import is_dateline
from warmonitor.model import PlaceMention, Span

CASES = [
    ("KORVAN (Reuters) - Gunmen attacked a market.", True),
    ("Korvan, Mar. 3 (Agency) \u2013 Gunmen attacked a market.", True),
    ("Korvan, Mar. 3, (Agency/Wire) \u2013 Gunmen attacked a market.", True),
    ("Korvan, May 2, (Wire) - Police detained six men.", True),
    ("Korvan was shelled on Monday, officials said.", False),
    ("Gunmen attacked a market in Korvan - officials said.", False),
    ("WIRE/ KORVAN HERALD\n\nGunmen attacked a market.", True),
    ("GUNMEN KILL NINE IN KORVAN MARKET\n\nGunmen attacked a market.", False),
]


@pytest.mark.parametrize("body,expected", CASES)
def test_is_dateline(body: str, expected: bool) -> None:
    start = body.index("Korvan") if "Korvan" in body else body.index("KORVAN")
    pm = PlaceMention(span=Span.of(body, start, start + 6), place=None)
    assert is_dateline(body, pm) is expected
