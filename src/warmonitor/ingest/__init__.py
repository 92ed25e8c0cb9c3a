"""ingest stage: text, HTML, JSONL, RSS/Atom, WARC and stdin -> Article (or Rejection)."""
from warmonitor.ingest.text import from_text

__all__ = ["from_text"]
