"""Language detection without a model: writing scripts first, then stopword profiles.

The profiles live in ``data/ingest/languages.json`` (see its ``_doc``). ``detect_language`` returns an
ISO 639-1 code, or ``None`` when the text is too short or no profile is clearly ahead.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from warmonitor.errors import DataFileError
from warmonitor.ingest.rules import load_json

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class _Profiles:
    stopwords: dict[str, frozenset[str]]
    scripts: tuple[tuple[str, tuple[tuple[int, int], ...], float], ...]
    script_languages: tuple[tuple[tuple[int, int], tuple[str, ...]], ...]
    min_tokens: int
    min_score: float
    min_margin: float


@lru_cache(maxsize=1)
def _profiles() -> _Profiles:
    data = load_json("languages.json")
    try:
        stop = {lang: frozenset(w.casefold() for w in words) for lang, words in data["stopwords"].items()}
        scripts = tuple(
            (s["lang"], tuple((int(a), int(b)) for a, b in s["ranges"]), float(s["min_share"])) for s in data["scripts"]
        )
        script_langs = tuple(
            ((int(rng[0]), int(rng[1])), tuple(langs)) for rng, langs in data["script_languages"].values()
        )
        return _Profiles(
            stop, scripts, script_langs, int(data["min_tokens"]), float(data["min_score"]), float(data["min_margin"])
        )
    except (KeyError, TypeError, ValueError) as err:
        raise DataFileError(f"schema error ({err!r})", input="data/ingest/languages.json") from err


def _in(cp: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(a <= cp <= b for a, b in ranges)


def language_scores(text: str) -> dict[str, float]:
    """Share of ``text``'s word tokens that are stopwords of each language."""
    return _scores_of(_WORD_RE.findall(text[:20000]))


def _scores_of(raw_tokens: list[str]) -> dict[str, float]:
    """Stopword shares of already tokenized text (each distinct token looked up once)."""
    prof = _profiles()
    if not raw_tokens:
        return {}
    counts = Counter(t.casefold() for t in raw_tokens)
    n = len(raw_tokens)
    return {
        lang: sum(c for t, c in counts.items() if t in words) / n for lang, words in prof.stopwords.items()
    }


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None when it cannot be told."""
    prof = _profiles()
    sample = text[:20000]
    # Count each distinct letter once (Counter runs in C), then test ranges per distinct code point.
    letters = [(ord(ch), n) for ch, n in Counter(sample).items() if ch.isalpha()]
    n_letters = sum(n for _cp, n in letters)
    if not n_letters:
        return None
    for lang, ranges, share in prof.scripts:
        if sum(n for cp, n in letters if _in(cp, ranges)) >= share * n_letters:
            return lang
    candidates: tuple[str, ...] = tuple(prof.stopwords)
    counts: Counter[int] = Counter()
    for i, (rng, _langs) in enumerate(prof.script_languages):
        counts[i] = sum(n for cp, n in letters if rng[0] <= cp <= rng[1])
    if counts:
        best_i, best_n = counts.most_common(1)[0]
        if best_n >= 0.5 * n_letters:
            candidates = prof.script_languages[best_i][1]
    tokens = _WORD_RE.findall(sample)
    if len(tokens) < prof.min_tokens:
        return None
    scores = _scores_of(tokens)
    ranked = sorted(((scores.get(lang, 0.0), lang) for lang in candidates), reverse=True)
    if not ranked:
        return None
    top_score, top = ranked[0]
    runner = ranked[1][0] if len(ranked) > 1 else 0.0
    if top_score >= prof.min_score and top_score - runner >= prof.min_margin:
        return top
    return None
