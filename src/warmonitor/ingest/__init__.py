"""ingest stage: text, HTML, JSONL, RSS/Atom, WARC and stdin -> Article (or Rejection).

Contract (docs/ARCHITECTURE.md): ``from_text``, ``from_html``, ``load_path``, ``iter_inputs``;
also ``poll_feed`` (conditional polling of a feed), ``detect_language`` and the size limit.
Knowledge (furniture patterns, agencies, stopwords) lives in ``warmonitor/data/ingest/``.
"""
from warmonitor.ingest.decode import DEFAULT_MAX_BYTES
from warmonitor.ingest.feeds import poll_feed
from warmonitor.ingest.html import from_html
from warmonitor.ingest.language import detect_language
from warmonitor.ingest.paths import iter_inputs, load_path
from warmonitor.ingest.text import from_text, split_page

__all__ = [
    "DEFAULT_MAX_BYTES",
    "detect_language",
    "from_html",
    "from_text",
    "iter_inputs",
    "load_path",
    "poll_feed",
    "split_page",
]
