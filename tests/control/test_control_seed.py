"""Founding article acceptance: control after ingesting ../shared/eval/dev/seed-homs-2024-12-06 alone."""
from __future__ import annotations

from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "dev" / "seed-homs-2024-12-06"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not SEED.is_dir(), reason="../shared is absent"),
]


@pytest.fixture(scope="module")
def store():
    from warmonitor.pipeline import default_pipeline
    from warmonitor.store import Store

    st = Store.open(":memory:")
    for item in default_pipeline().process_paths([SEED]):
        st.add(item)
    yield st
    st.close()


TAKEN = [("Hama", "2024-12-05"), ("Rastan", "2024-12-06"), ("Talbiseh", "2024-12-06")]


@pytest.mark.parametrize("place,since", TAKEN)
def test_held_by_the_opposition_since(store, place: str, since: str) -> None:
    [status] = [s for s in store.control_at(place, "2024-12-06") if s["since"]]
    assert "tahrir" in status["controller"].lower() and status["since"] == since
    [before] = store.control_at(place, "2024-12-04")
    assert "syria" in before["controller"].lower() and before["controller"] != status["controller"]


def test_homs_held_by_the_government_with_insurgents_near(store) -> None:
    [homs] = store.control_at("Homs", "2024-12-06")
    assert "syria" in homs["controller"].lower() and "tahrir" not in homs["controller"].lower()
    assert homs["kind"] == "contested"
    assert homs["hostile_distance_km"] == pytest.approx(4.8, abs=0.3)
