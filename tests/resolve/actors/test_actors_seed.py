"""Acceptance on the founding article (read from ../shared; skipped when it is absent)."""
from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"
SEED = SHARED / "eval" / "dev" / "seed-homs-2024-12-06"
pytestmark = pytest.mark.skipif(not SEED.is_dir(), reason="../shared absent")


@pytest.fixture(scope="module")
def seed():
    from warmonitor.ingest import load_path
    from warmonitor.nlp import load_nlp
    from warmonitor.resolve.actors import ActorRegistry, ActorResolver, SourceRegistry, extract_claims

    article = load_path(SEED)[0]
    article.published = article.published or "2024-12-06"
    doc = load_nlp()(article.body)
    resolver = ActorResolver(ActorRegistry.load())
    mentions = resolver.mentions(doc, ["SY"], article.published)
    claims = extract_claims(doc, article, SourceRegistry.load(), actors=resolver)
    return article, resolver, mentions, claims


def _claim(claims, text):
    hits = [c for c in claims if text in c.span.text]
    assert hits, [c.span.text for c in claims]
    return min(hits, key=lambda c: c.span.end - c.span.start)


def test_takeover_actors_resolve_to_hts(seed):
    _, _, mentions, _ = seed
    by_text = {m.span.text: m.actor.name for m in mentions if m.actor}
    for word in ("Rebel groups", "anti-Assad forces", "HTS", "insurgents"):
        assert by_text[word] == "Hayat Tahrir al-Sham"


def test_air_forces_split_into_syria_and_russia(seed):
    article, resolver, _, _ = seed
    actors = resolver.resolve_phrase("the Syrian and Russian air forces", ["SY"], article.published)
    assert [a.name for a in actors] == ["Military Forces of Syria (2000-2024)", "Military Forces of Russia (2000-)"]


@pytest.mark.parametrize(
    ("text", "source", "source_kind", "modality", "kind"),
    [
        ("without resistance", "Sham FM", "broadcaster", "reported", "report"),
        ("3 miles from Homs", "Syrian Observatory for Human Rights", "monitor", "reported", "position"),
        ("tactical one", "Ali Mahmoud Abbas", "party to the conflict", "claimed", "statement"),
        ("vowed to march on Homs", "Hayat Tahrir al-Sham", "party to the conflict", "threatened", "threat"),
        ("not able to verify", "The Epoch Times", "outlet", "unverified", "verification"),
    ],
)
def test_gold_claims(seed, text, source, source_kind, modality, kind):
    claim = _claim(seed[3], text)
    assert (claim.source, claim.source_kind, claim.modality, claim.kind) == (source, source_kind, modality, kind)


def test_sana_quotes_an_unnamed_official(seed):
    claims = seed[3]
    inner = _claim(claims, "killing dozens of fighters")
    outer = next(c for c in claims if c.id == inner.parent)
    assert outer.source == "SANA" and outer.source_kind == "state media"
    assert inner.source_kind == "unnamed official" and inner.modality == "claimed"


def test_sham_fm_stance_is_pro_government(seed):
    assert "pro-government" in _claim(seed[3], "without resistance").source_stance


def test_videos_are_unverified(seed):
    assert _claim(seed[3], "highway jammed").modality == "unverified"
