"""extract stage: Context -> Event (classification, arguments, fatalities, codes).

Public names (docs/ARCHITECTURE.md): ``classify``, ``Classification``, ``fatality_figures``,
``acled_fatalities``, ``extract_events``, ``codes_for``; helpers ``may_hold_event`` and
``candidate_sentences`` (the cheap pre-filter a pipeline can use to parse only what matters).
"""
from warmonitor.extract.classify import Classification, classify
from warmonitor.extract.codes import codes_for
from warmonitor.extract.events import extract_events
from warmonitor.extract.figures import acled_fatalities, fatality_figures
from warmonitor.extract.prefilter import candidate_sentences, may_hold_event

__all__ = [
    "Classification",
    "classify",
    "codes_for",
    "extract_events",
    "fatality_figures",
    "acled_fatalities",
    "may_hold_event",
    "candidate_sentences",
]
