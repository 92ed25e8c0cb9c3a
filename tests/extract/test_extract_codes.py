"""CAMEO and PLOVER codes for every sub-type."""
from __future__ import annotations

import pytest

from warmonitor.errors import UsageError
from warmonitor.extract import codes_for
from warmonitor.extract.codes import event_types

PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


@pytest.mark.parametrize("sub_type", sorted(event_types()))
def test_codes_shape(sub_type: str) -> None:
    cameo, plover = codes_for(sub_type)
    assert cameo is None or (cameo.isdigit() and 2 <= len(cameo) <= 4)
    assert plover is None or plover in PLOVER


@pytest.mark.parametrize("sub_type,cameo,plover", [("Air/drone strike", "195", "ASSAULT"), ("peaceful protest", "141", "PROTEST"),
                                                  ("Arrests", "173", "COERCE")])
def test_known_codes(sub_type: str, cameo: str, plover: str) -> None:
    assert codes_for(sub_type) == (cameo, plover)


def test_twenty_five_acled_sub_types_plus_flee() -> None:
    types = event_types()
    assert len([s for s, t in types.items() if t != "Displacement"]) == 25
    assert types["Civilians flee"] == "Displacement"


def test_unknown_sub_type() -> None:
    with pytest.raises(UsageError):
        codes_for("Picnic")
