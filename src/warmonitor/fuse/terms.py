"""Content words of an article, and how alike two articles' words are.

Reports of one real event by different outlets share much of their vocabulary (the beach, the hotel, the
vest, the ambulance service); reports of other events at the same place share less. Fusion uses this only
to choose between fused events a report is already compatible with (type family, place, date window,
actors), never to join reports the rules keep apart: it matters most for a report with no date and no
publication date, which is compatible with every same-place event of its family.

The words are the lower-cased alphabetic words of at least ``term_min_length`` letters that are not in
``term_stopwords`` (``data/fuse/fusion.json``).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from warmonitor.fuse.rules import rules

_WORD = re.compile(r"[^\W\d_]+")


def article_terms(*texts: str | None) -> frozenset[str]:
    """The content words of the texts (headline, body), accent-folded."""
    cfg = rules()
    least = int(cfg.get("term_min_length", 4))
    stop = _stopwords(tuple(cfg.get("term_stopwords", ())))
    out: set[str] = set()
    for text in texts:
        if not text:
            continue
        folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
        out.update(w for w in _WORD.findall(folded) if len(w) >= least and w not in stop)
    return frozenset(out)


def similarity(a: Iterable[str], b: Iterable[str]) -> float:
    """Jaccard similarity of two word sets (0.0 when either is empty)."""
    sa, sb = a if isinstance(a, frozenset) else frozenset(a), b if isinstance(b, frozenset) else frozenset(b)
    if not sa or not sb:
        return 0.0
    shared = len(sa & sb)
    return shared / (len(sa) + len(sb) - shared)


def to_text(terms: Iterable[str]) -> str:
    """Terms as stored (space-separated, sorted)."""
    return " ".join(sorted(terms))


def from_text(text: str | None) -> frozenset[str]:
    """Terms from their stored text."""
    return frozenset((text or "").split())


_STOP_CACHE: dict[tuple[str, ...], frozenset[str]] = {}


def _stopwords(words: tuple[str, ...]) -> frozenset[str]:
    if words not in _STOP_CACHE:
        _STOP_CACHE[words] = frozenset(w.casefold() for w in words)
    return _STOP_CACHE[words]


__all__ = ["article_terms", "from_text", "similarity", "to_text"]
