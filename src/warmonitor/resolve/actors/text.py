"""Text normalisation shared by the actor matcher and the claim extractor.

``norm`` keeps the length of the text (one character in, one out), so offsets found in the normalised
text are offsets into the original; ``norm_key`` also collapses spaces, for dictionary keys.
"""
from __future__ import annotations

import re
from functools import lru_cache

_MAP = {
    "\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'", "\u00b4": "'",
    "-": " ", "\u2010": " ", "\u2011": " ", "\u2012": " ", "\u2013": " ", "\u2014": " ",
    "\n": " ", "\t": " ", "\r": " ", "\u00a0": " ",
    "\u201c": '"', "\u201d": '"',
}


_TABLE = str.maketrans(_MAP)


@lru_cache(maxsize=16384)
def norm(text: str) -> str:
    """Lower-case, straight apostrophes, hyphens and line breaks as spaces; same length as ``text``."""
    mapped = text.translate(_TABLE)
    if mapped.isascii():  # ASCII lower-casing is one character in, one out: the loop below gives the same
        return mapped.lower()
    low = mapped.lower()
    if len(low) == len(mapped) and "\u03a3" not in mapped:
        # no character grew (only U+0130 does) and no capital sigma (whose lower case depends on its
        # neighbours): the whole-string lower case is the character-by-character one below
        return low
    out = []
    for ch in mapped:
        low = ch.lower()
        out.append(low if len(low) == 1 else ch)
    return "".join(out)


def norm_key(text: str) -> str:
    """``norm`` with runs of spaces collapsed and the ends stripped: a lookup key."""
    return " ".join(norm(text).split())


def is_acronym(alias: str) -> bool:
    """All-capital short aliases (``HTS``, ``IS``, ``M23``) are matched case-sensitively."""
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(alias) <= 8


def bounded(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` starts and ends on word boundaries."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


@lru_cache(maxsize=2048)
def word_pattern(word: str, whole: bool = False) -> re.Pattern[str]:
    """``word`` (escaped) between word boundaries, compiled once; with ``whole``, not next to a word
    character on either side (also right for words that begin or end with punctuation)."""
    if whole:
        return re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)")
    return re.compile(r"\b" + re.escape(word) + r"\b")
