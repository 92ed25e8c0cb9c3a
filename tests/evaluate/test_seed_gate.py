"""Accuracy gate on the founding article (read from ../shared; skipped when it is absent).

The seed is a page about Syria on Friday 6 December 2024; its gold is in ../shared/eval/dev. These
floors pin what issue 2 requires; a change that drops below them fails CI.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEED = SHARED / "eval" / "dev" / "seed-homs-2024-12-06"

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not SEED.is_dir(), reason="../shared absent")]


@pytest.fixture(scope="module")
def seed_result():
    from warmonitor.pipeline import Pipeline

    results = list(Pipeline().process_paths([SEED]))
    assert len(results) == 1
    return results[0]


def test_seed_article_fields(seed_result):
    gold = json.loads((SEED / "gold.json").read_text(encoding="utf-8"))["article"]
    art = seed_result.article
    assert art.headline == gold["headline"]
    assert art.standfirst == gold["standfirst"]
    assert art.byline == gold["byline"]
    assert art.outlet == gold["outlet"]
    assert art.contributors == gold["contributors"]
    assert art.published == gold["published"] and art.published_is_inferred
    assert art.body.startswith(gold["body_starts"]) and art.body.rstrip().endswith(gold["body_ends"])
    for furniture in gold["must_not_be_in_body"]:
        assert furniture not in art.body
    caption = gold["captions"][0]
    assert any(c.text.startswith(caption["text_starts"]) and c.credit == caption["credit"] for c in art.captions)


def test_seed_scores(seed_result, tmp_path):
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as fh:
        for ev in seed_result.events:
            row = ev.to_dict()
            row["case"] = SEED.name
            fh.write(json.dumps(row) + "\n")
    out = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(SEED), "--pred", str(pred), "--json"],
        capture_output=True, text=True, check=True,
    ).stdout
    figures = json.loads(out[: out.rindex("}") + 1])  # the JSON object, then the closing "F1 x" line
    assert figures["precision"] >= 0.8
    assert figures["recall"] >= 0.8
