"""Accuracy gate: the gold claims of ../shared/eval/dev (skipped when absent).

A gold claim is found when a predicted claim's span contains its ``text_contains``. Prints the figures
(``pytest -s``); fails when the share found drops below the pinned floor.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"
DEV = SHARED / "eval" / "dev"
FLOOR_FOUND = 0.8

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not DEV.is_dir(), reason="../shared absent")]


def test_dev_gold_claims_are_found():
    from warmonitor.ingest import load_path
    from warmonitor.nlp import load_nlp
    from warmonitor.resolve.actors import SourceRegistry, extract_claims

    nlp, sources = load_nlp(), SourceRegistry.load()
    total = found = 0
    for gold_file in sorted(DEV.glob("*/gold.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        if not gold.get("claims"):
            continue
        article = load_path(gold_file.parent)[0]
        article.published = article.published or gold.get("published")
        claims = extract_claims(nlp(article.body), article, sources)
        for gc in gold["claims"]:
            total += 1
            found += any(gc.get("text_contains", "\0") in c.span.text for c in claims)
    share = found / total if total else 1.0
    print(f"\ngold_claims {total} found {found} share {share:.3f}")
    assert share >= FLOOR_FOUND
