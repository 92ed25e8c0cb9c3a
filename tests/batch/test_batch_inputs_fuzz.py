"""The CSV archive reader never raises, whatever bytes it is given (Hypothesis)."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from warmonitor.batch import iter_csv
from warmonitor.model import Article, Rejection

CELLS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.csv"
        path.write_bytes(data)
        items = list(iter_csv(path))
    assert all(isinstance(i, (Article, Rejection)) for i in items)
    assert all("\n" not in i.reason for i in items if isinstance(i, Rejection))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(CELLS, CELLS), max_size=5))
def test_random_rows_with_a_text_column(rows):
    import csv

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "y.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["date", "text"])
            writer.writerows(rows)
        items = list(iter_csv(path))
    assert len(items) == len(rows)
    for (_, text), item in zip(rows, items, strict=True):
        if isinstance(item, Article):
            assert item.body.strip() and text.strip()  # ingest may normalise characters (soft hyphens...)
        else:
            assert item.input.endswith(f"#{items.index(item) + 1}")
