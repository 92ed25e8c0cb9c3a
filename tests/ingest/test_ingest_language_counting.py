"""``detect_language`` counts distinct letters and tokens once; the answers equal a per-letter count."""
from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warmonitor.ingest import language
from warmonitor.ingest.language import _WORD_RE, _in, _profiles, detect_language, language_scores


def _reference(text: str) -> str | None:
    """The plain per-letter, per-token definition of detect_language."""
    prof = _profiles()
    sample = text[:20000]
    letters = [ord(ch) for ch in sample if ch.isalpha()]
    if not letters:
        return None
    for lang, ranges, share in prof.scripts:
        if sum(1 for cp in letters if _in(cp, ranges)) >= share * len(letters):
            return lang
    candidates = tuple(prof.stopwords)
    counts: Counter[int] = Counter()
    for i, (rng, _langs) in enumerate(prof.script_languages):
        counts[i] = sum(1 for cp in letters if rng[0] <= cp <= rng[1])
    if counts:
        best_i, best_n = counts.most_common(1)[0]
        if best_n >= 0.5 * len(letters):
            candidates = prof.script_languages[best_i][1]
    tokens = [t.casefold() for t in _WORD_RE.findall(sample)]
    if len(tokens) < prof.min_tokens:
        return None
    scores = {lang: sum(1 for t in tokens if t in words) / len(tokens) for lang, words in prof.stopwords.items()}
    ranked = sorted(((scores.get(lang, 0.0), lang) for lang in candidates), reverse=True)
    top_score, top = ranked[0]
    runner = ranked[1][0] if len(ranked) > 1 else 0.0
    return top if top_score >= prof.min_score and top_score - runner >= prof.min_margin else None


_CASES = [
    "The soldiers said that the town was shelled on Monday and that the road to the north was closed.",
    "Les soldats ont dit que la ville a été bombardée lundi et que la route du nord était fermée.",
    "Die Soldaten sagten, dass die Stadt am Montag beschossen wurde und die Straße gesperrt war.",
    "\u0642\u0627\u0644 \u0627\u0644\u062c\u0646\u0648\u062f \u0625\u0646 \u0627\u0644\u0645\u062f\u064a\u0646\u0629 \u0642\u0635\u0641\u062a",
    "\u0421\u043e\u043b\u0434\u0430\u0442\u044b \u0441\u043a\u0430\u0437\u0430\u043b\u0438, \u0447\u0442\u043e \u0433\u043e\u0440\u043e\u0434 \u0431\u044b\u043b \u043e\u0431\u0441\u0442\u0440\u0435\u043b\u044f\u043d",
    "12 34 56",
    "",
]


@pytest.mark.parametrize("text", _CASES)
def test_detect_language_matches_reference(text: str) -> None:
    assert detect_language(text) == _reference(text)


@settings(max_examples=60)
@given(st.lists(st.sampled_from(["the", "and", "la", "der", "und", "que", "town", "Stadt", "\u0627\u0644", "\u0438", "42", "é"]),
                max_size=40).map(" ".join))
def test_detect_language_matches_reference_on_word_mixes(text: str) -> None:
    assert detect_language(text) == _reference(text)
    assert set(language_scores(text)) <= set(language._profiles().stopwords)
