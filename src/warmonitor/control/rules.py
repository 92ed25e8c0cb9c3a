"""The control rules (``data/control/control.json``)."""
from __future__ import annotations

import functools
from typing import Any

from warmonitor.fuse.rules import load_json

_REQUIRED = (
    "gain_sub_types",
    "proximity_relations",
    "armed_inter",
    "modality_confidence",
    "default_confidence",
    "same_day_rank",
    "unknown_controller",
)


@functools.lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    return load_json("control", "control.json", _REQUIRED)
