"""warmonitor.ingest.dates: a date prefix split from the first line of a body, and no more."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warmonitor.ingest.dates import split_date_prefix

# Fictional lines, written for these tests.
CASES = [
    ("Published July 2 2016 At least 16 people died in Dorran", ("Published July 2 2016", "At least 16 people died in Dorran")),
    ("Wed 05 Apr 2017 10.32 BST The militia said it withdrew", ("Wed 05 Apr 2017 10.32 BST", "The militia said it withdrew")),
    ("Published on 3 May 2020 The convoy left", ("Published on 3 May 2020", "The convoy left")),
    ("Published 2 July 2016 Updated 3 July 2016 Rebels left", ("Published 2 July 2016 Updated 3 July 2016", "Rebels left")),
    ("Updated at 10:00 GMT on 3 May 2020 Troops entered Ostvale", ("Updated at 10:00 GMT on 3 May 2020", "Troops entered Ostvale")),
    ("09/28/2024 Sept 28, 2024 Rebels took the town", ("09/28/2024 Sept 28, 2024", "Rebels took the town")),
    ("Rebels took the town on July 2 2016", None),
    ("July 2 2016", None),
]


@pytest.mark.parametrize("line,expected", CASES)
def test_split_date_prefix(line, expected):
    assert split_date_prefix(line) == expected


@given(st.text(alphabet=st.sampled_from(list("abAB 0129:,-July")), max_size=40))
def test_split_keeps_every_word(line):
    got = split_date_prefix(line)
    if got is not None:
        prefix, rest = got
        assert line.startswith(prefix) and rest and line.endswith(rest)
