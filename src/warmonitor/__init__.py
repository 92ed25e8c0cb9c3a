"""warmonitor: an offline war monitor. Sourced, mapped conflict events from news reporting.

Library first::

    import warmonitor
    events = warmonitor.extract("path/to/case-folder")          # list[Event]
    pipe = warmonitor.Pipeline()                                # loads models once, on first use
    result = pipe.process_text("...", meta={"published": "2024-12-06"})

``import warmonitor`` stays fast: spaCy, the gazetteer and the registries load on first use.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Pipeline", "Result", "extract", "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from warmonitor.pipeline import Pipeline, Result, extract


def __getattr__(name: str) -> Any:
    if name in {"Pipeline", "Result", "extract"}:
        from warmonitor import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'warmonitor' has no attribute {name!r}")
