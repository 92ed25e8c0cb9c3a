"""Who a claim's subject phrase is: a registry source, a named person, an armed actor, or an unnamed
source ("activists", "an unnamed military official"), with its kind and stance."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

import ahocorasick

from warmonitor.model import Source
from warmonitor.resolve.actors.registry import SourceRegistry
from warmonitor.resolve.actors.spans import claim_words
from warmonitor.resolve.actors.text import bounded, is_acronym, norm, norm_key, word_pattern


@dataclass
class SourceInfo:
    """A resolved source: ``name`` (registry name, person, actor or the phrase), ``kind``, ``stance``,
    ``speaker`` (a named person), ``span`` (of the name in the text), ``party`` (a party to the conflict)."""

    name: str | None
    kind: str | None = None
    stance: str | None = None
    speaker: str | None = None
    span: tuple[int, int] | None = None
    source: Source | None = None
    party: bool = False


@functools.lru_cache(maxsize=1)
def _default_resolver() -> Any:
    from warmonitor.resolve.actors.registry import ActorRegistry
    from warmonitor.resolve.actors.resolver import ActorResolver

    return ActorResolver(ActorRegistry.load())


def _alias_automaton(sources: Any) -> Any:
    """The registry's alias automaton (built once per registry when it can keep one)."""
    if hasattr(sources, "alias_automaton"):
        return sources.alias_automaton()
    auto = ahocorasick.Automaton()
    for key, src in sources.aliases().items():
        auto.add_word(key, (key, src))
    if len(auto):
        auto.make_automaton()
    return auto


@functools.lru_cache(maxsize=8)
def _titles_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """Leading ranks and offices ("Defence Minister ...") as one pattern, longest first."""
    titles = sorted(words, key=len, reverse=True)
    return re.compile(r"^(?:(?:" + "|".join(re.escape(t) for t in titles) + r")\s+)+") if titles else None


class SourceFinder:
    """Resolves subject phrases of claims against the source registry, people and actors."""

    def __init__(self, sources: SourceRegistry, actors: Any = None) -> None:
        self.sources = sources
        self.actors = actors
        self.words = claim_words()
        self.people: list[SourceInfo] = []
        self.person_spans: list[tuple[int, int]] = []  # PERSON entities of the parse, set by the caller
        self._auto = _alias_automaton(sources)
        self._titles = _titles_pattern(tuple(self.words.get("titles", [])))
        self._generic = sorted(self.words.get("generic_sources", {}).items(), key=lambda kv: -len(kv[0]))

    def _registry(self, text: str, start: int, end: int) -> tuple[Source, int, int] | None:
        if not len(self._auto):
            return None
        low = norm(text[start:end])
        best = None
        for idx, (key, src) in self._auto.iter(low):
            s, e = idx - len(key) + 1, idx + 1
            if not bounded(low, s, e):
                continue
            alias = next((a for a in (src.name, *src.aliases) if norm_key(a) == key), key)
            if is_acronym(alias) and text[start + s:start + e] != alias:
                continue
            if " " not in alias and not text[start + s].isupper():
                continue  # one-word names ("Dawn", "Punch") only when capitalised
            if best is None or e - s > best[2] - best[1]:
                best = (src, s, e)
        return (best[0], start + best[1], start + best[2]) if best else None

    def _person(self, text: str, start: int, end: int) -> tuple[str, int, int] | None:
        """A person named in ``text[start:end]``: a PERSON entity of the parse, or a surname already seen."""
        for ps, pe in self.person_spans:
            if start <= ps and pe <= end:
                name = text[ps:pe].strip()
                name = self._titles.sub("", name) if self._titles else name
                words = name.split()
                if len(words) == 1:
                    for p in reversed(self.people):
                        if p.speaker and p.speaker.split()[-1] == words[0]:
                            return p.speaker, pe - len(name), pe
                if words and not self.sources.lookup(name):
                    return name, pe - len(name), pe
        for m in re.finditer(r"\b[A-Z][\w'\u2019-]+\b", text[start:end]):
            for p in reversed(self.people):
                if p.speaker and p.speaker.split()[-1] == m.group():
                    return p.speaker, start + m.start(), start + m.end()
        return None

    def _actor(self, phrase: str) -> Any:
        resolver = self.actors or _default_resolver()
        people = {norm_key(p[0]) for p in resolver.registry.people}
        named = [m for m in resolver.mentions(phrase, [], None)
                 if m.actor is not None and not m.generic and norm_key(m.span.text) not in people]
        return max(named, key=lambda m: m.span.end - m.span.start) if named else None

    def _document(self, low: str) -> bool:
        """``the statement``, ``its report``: a document standing for the last source."""
        words = low.strip(" ,.").split()
        return len(words) == 2 and words[0] in ("the", "its", "their", "his", "her") and \
            words[1] in self.words.get("document_nouns", [])

    def _country(self, phrase: str) -> str | None:
        """A phrase that is only a country name or metonym (``Moscow``, ``Kyiv``): its country's name."""
        resolver = self.actors or _default_resolver()
        iso = resolver.registry.country_of_name(phrase.strip(" ,."))
        return resolver.registry.countries[iso].name if iso else None

    def _has(self, phrase: str, words: str) -> bool:
        low = norm(phrase)
        return any(word_pattern(w, whole=True).search(low) for w in self.words.get(words, []))

    def _party(self, phrase: str) -> bool:
        return self._has(phrase, "party_words")

    def _state_of(self, phrase: str) -> str | None:
        """``Damascus's defense minister``: the government a country word in the phrase stands for."""
        resolver = self.actors or _default_resolver()
        for word in re.findall(r"[A-Z][\w.-]+(?:\s+[A-Z][\w.-]+)?", phrase):
            iso = resolver.registry.country_of_name(re.sub(r"['\u2019]s$", "", word))
            if iso:
                return f"government of {resolver.registry.countries[iso].name}"
        return None

    def _stance(self, phrase: str) -> str | None:
        """The stance an unknown source's own description gives (``pro-Assad radio``)."""
        hits = [m for p in self.words.get("stance_patterns", []) if (m := re.search(p, phrase))]
        return min(hits, key=lambda m: m.start()).group() if hits else None

    def find(self, text: str, start: int, end: int, previous: SourceInfo | None = None) -> SourceInfo:
        """The source named by ``text[start:end]`` (a claim's subject or "according to" object)."""
        phrase = text[start:end]
        reg = self._registry(text, start, end)
        person = self._person(text, start, end)
        low = norm(phrase)
        if reg:
            src, s, e = reg
            info = SourceInfo(src.name, src.kind, src.stance, person[0] if person else None, (s, e), src,
                              src.kind == "party to the conflict")
        elif person and (actor := self._actor(phrase)) is not None and \
                start + actor.span.start <= person[1] and person[2] <= start + actor.span.end:
            a = actor.actor
            info = SourceInfo(a.name, "party to the conflict", a.side, None,
                              (start + actor.span.start, start + actor.span.end), None, True)
        elif person:
            known = next((p for p in reversed(self.people) if p.speaker == person[0]), None)
            coref = any(re.search(r"\b" + n + r"'s\b", low) for n in self.words.get("coref_nouns", []))
            if known is not None:
                info = known
            elif coref and previous is not None and previous.source is not None:
                info = SourceInfo(previous.name, previous.kind, previous.stance, person[0],
                                  (person[1], person[2]), previous.source, previous.party)
            else:
                party = self._party(phrase)
                party = party or actor is not None
                stance = actor.actor.side if actor is not None else self._stance(phrase)
                if party and stance is None:
                    stance = self._state_of(phrase)
                role = "party to the conflict" if party else ("government" if self._has(phrase, "government_words") else "individual")
                info = SourceInfo(person[0], role, stance, person[0], (person[1], person[2]), None, party)
            self.people.append(info)
        else:
            actor = self._actor(phrase)
            if actor is not None:
                a = actor.actor
                info = SourceInfo(a.name, "party to the conflict", a.side, None,
                                  (start + actor.span.start, start + actor.span.end), None, True)
            elif self._document(low) and previous is not None:
                info = previous
            elif (iso := self._country(phrase)) is not None:
                name = phrase.strip(" ,")
                info = SourceInfo(name, "government", f"government of {iso}", None, (start, end), None, False)
            else:
                stripped = low.strip(" ,.")
                kind = next((k for key, k in self._generic if stripped.endswith(key)), None) or next(
                    (k for key, k in self._generic if word_pattern(key).search(low)), None)
                name = re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(" ,"), flags=re.I)
                party = self._party(phrase) and kind in ("unnamed official", "party to the conflict", "government")
                info = SourceInfo(name or None, kind, self._stance(phrase), None, (start, end), None, party)
        return info


__all__ = ["SourceFinder", "SourceInfo"]
