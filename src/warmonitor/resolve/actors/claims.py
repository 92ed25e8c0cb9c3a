"""Claims: who says what, and how sure anyone is.

Reads the spaCy dependency parse of ``article.body``: a speech verb (``say``, ``report``, ``deny``,
``vow``... from ``data/sources/claims.json``) with a subject and a complement clause is a claim; so is
a clause with "according to X"; "X quoted Y as saying that ..." gives a claim by X and a nested claim
by Y; verification language ("could not verify") gives a ``verification`` claim by the outlet and
marks the claims it refers to ``unverified``. Spans are offsets into ``article.body``.
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from warmonitor.model import Actor, Article, Claim, Span
from warmonitor.resolve.actors.registry import SourceRegistry
from warmonitor.resolve.actors.sources import SourceFinder, SourceInfo
from warmonitor.resolve.actors.spans import claim_words, day, subtree_span, time_tokens, trim
from warmonitor.resolve.actors.text import norm, word_pattern


@dataclass
class _Draft:
    start: int
    end: int
    info: SourceInfo
    modality: str
    kind: str
    date: str | None
    parent_key: int | None = None  # index of the parent draft


def _verbal_tokens(doc: Any) -> list[int] | None:
    """Indices, in order, of the tokens of ``doc`` tagged VERB or AUX (the only ones ``speech`` reads);
    None for a doc that cannot say (no ``to_array``)."""
    try:
        from spacy.attrs import POS
        from spacy.symbols import AUX, VERB

        return [i for i, pos in enumerate(doc.to_array([POS]).tolist()) if pos in (VERB, AUX)] if len(doc) else []
    except (AttributeError, TypeError):
        return None


class _Extractor:
    def __init__(self, doc: Any, article: Article, finder: SourceFinder) -> None:
        self.doc, self.article, self.finder = doc, article, finder
        self.text: str = doc.text
        finder.person_spans = [(e.start_char, e.end_char) for e in getattr(doc, "ents", ()) if e.label_ == "PERSON"]
        self.words = claim_words()
        self.verbs: dict[str, list[str]] = self.words["verbs"]
        self.drafts: list[_Draft] = []
        self.last: SourceInfo | None = None
        self.verbal = _verbal_tokens(doc)

    # -- helpers ---------------------------------------------------------------------------------
    def _subject(self, verb: Any) -> list[Any]:
        """The subject of a speech verb: the nearest nsubj; else inherited through conj/xcomp/advcl,
        or, inside a clause reported by another speech verb, that verb's subject."""
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            before = [c for c in subj if c.i < verb.i]
            return [max(before, key=lambda c: c.i)] if before else subj[:1]
        tok = verb
        while tok.dep_ in ("conj", "xcomp", "advcl", "ccomp") and tok.head is not tok:
            if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in self.verbs:
                return self._subject(tok.head)
            tok = tok.head
            if tok.dep_ != "ccomp" and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
                return self._subject(tok)
        return []

    def _source(self, subj: list[Any]) -> SourceInfo | None:
        if not subj:
            return None
        start = min(subtree_span(s)[0] for s in subj)
        end = max(subtree_span(s)[1] for s in subj)
        if len(subj) == 1 and subj[0].pos_ == "PRON":
            low = subj[0].text.lower()
            pronouns = self.words.get("pronouns", {})
            if low in pronouns.get("person", []) and self.last and (self.last.speaker or self.last.kind in (
                    "unnamed official", "party to the conflict", "individual", "government")):
                return self.last
            if low in pronouns.get("group", []):
                return self._antecedent(subj[0])
            return None
        info = self.finder.find(self.text, start, end, previous=self.last)
        return info

    @staticmethod
    def _leads(pron: Any) -> bool:
        """The pronoun opens its sentence, after at most adverbs or phrases of its own verb ("However,
        it added", "In their statement, they called"); "..., it said" after a clause does not point back."""
        allowed = {pron.i}
        for child in pron.head.children:
            if child.dep_ in ("advmod", "prep", "npadvmod", "cc", "punct") and child.i < pron.i:
                allowed.update(t.i for t in child.subtree)
        return all(t.i in allowed or t.is_space or t.is_punct for t in pron.sent if t.i <= pron.i)

    def _antecedent(self, pron: Any) -> SourceInfo | None:
        """``It said ...``: the subject of the previous sentence, when that names a source or a party."""
        sent = pron.sent
        if sent.start == 0 or not self._leads(pron):
            return None
        prev = self.doc[sent.start - 1].sent
        earlier = [d for d in self.drafts if prev.start_char <= d.start < prev.end_char and d.kind != "verification"]
        if earlier and earlier[-1].info.name:
            return earlier[-1].info
        subj = [t for t in prev if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT" and t.pos_ != "PRON"]
        if not subj:
            return None
        info = self.finder.find(self.text, *subtree_span(subj[0]), previous=None)
        return info if (info.source is not None or info.party) else None

    def _modality(self, lemma: str, info: SourceInfo, start: int, end: int) -> tuple[str, str]:
        modality, kind = self.verbs.get(lemma, ["reported", "report"])
        if lemma in self.words.get("party_threat_verbs", []) and (info.party or info.kind == "party to the conflict"):
            modality, kind = "threatened", "threat"
        if kind != "threat":
            content = self.text[start:end]
            if any(re.search(p, content, re.I) for p in self.words.get("position_patterns", [])):
                kind = "position"
            elif info.kind in self.words.get("media_kinds", []):
                kind = "report"
            elif info.kind is not None:
                kind = "statement"
        if modality == "reported" and (info.party or info.kind == "party to the conflict"):
            modality = "claimed"
        low = norm(self.text[start:end])
        if any(word_pattern(w).search(low) for w in self.words.get("unverified_words", [])):
            modality = "unverified"
        return modality, kind

    def _add(self, start: int, end: int, info: SourceInfo, lemma: str, verb: Any, parent: int | None = None) -> int:
        start, end = trim(self.text, start, end)
        if end <= start:
            return -1
        modality, kind = self._modality(lemma, info, start, end)
        date = day(self.article.published, time_tokens(verb)) if verb is not None else None
        if date is None and re.search(r"\bnow\b", self.text[start:end]):
            date = self.article.published
        self.drafts.append(_Draft(start, end, info, modality, kind, date, parent))
        if info.name:
            self.last = info
        return len(self.drafts) - 1

    # -- patterns --------------------------------------------------------------------------------
    def speech(self, sent: Any) -> None:
        nouns = self.words.get("speech_nouns", {})
        verbs: Any = sent
        if self.verbal is not None:  # only a VERB or AUX can be read below: skip the other tokens
            lo, hi = bisect_left(self.verbal, sent.start), bisect_left(self.verbal, sent.end)
            verbs = [self.doc[i] for i in self.verbal[lo:hi]]
        for verb in verbs:
            lemma = verb.lemma_.lower()
            if verb.pos_ == "VERB" and lemma not in self.verbs and any(
                    c.dep_ == "dobj" and c.lemma_.lower() in nouns for c in verb.children):
                self._speech_act(verb, nouns)
                continue
            if lemma not in self.verbs or verb.pos_ not in ("VERB", "AUX"):
                continue
            if any(c.dep_ == "neg" for c in verb.children) or verb.dep_ == "amod":
                continue
            if verb.lower_ in self.words.get("citing_words", []) and verb.dep_ in ("advcl", "xcomp", "conj"):
                continue  # handled by ``citing``
            subj = self._subject(verb)
            info = self._source(subj)
            if info is None:
                continue
            if lemma in self.words.get("quote_verbs", []) and self._quoted(verb, info):
                continue
            if lemma == "call" and not any(c.lower_ in self.words.get("call_particles", []) for c in verb.children):
                continue
            comp = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
            if not comp and self._quote_after(verb, info, lemma):
                continue
            if not comp and self._object_claim(verb, info, lemma):
                continue
            if not comp:  # "said in a statement that ...", parsed as a clause on "statement"
                comp = [t for t in verb.subtree if t.i > verb.i and t.pos_ in ("VERB", "AUX")
                        and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children)][:1]
            if not comp and lemma in self.words.get("plain_speech_verbs", []) and verb.dep_ == "ROOT" and subj \
                    and subj[0].i < verb.i and verb.i + 2 < sent.end:
                rest = [t for t in sent if t.i > verb.i and not t.is_space]
                if rest and rest[0].dep_ not in ("prep", "punct", "dobj") or (rest and rest[0].dep_ == "dobj"
                                                                             and rest[0].lemma_ not in ("that", "this", "it")):
                    self._add(rest[0].idx, sent.end_char, info, lemma, verb)
                    continue
            if not comp:
                if verb.dep_ in ("ccomp", "parataxis") and verb.head.i < verb.i:
                    start = sent.start_char
                    end = min(subtree_span(s)[0] for s in subj) if subj else verb.idx
                    self._add(start, end, info, lemma, verb)
                continue
            c = comp[0]
            cstart, cend = subtree_span(c)
            if c.i < verb.i and subj:
                end = min([subtree_span(s)[0] for s in subj] + [verb.idx])
                self._add(self._quote_start(sent.start_char, end), end, info, lemma, verb)
            elif self.verbs[lemma][1] == "threat" or c.dep_ == "xcomp":
                right = [x for x in verb.children if x.i > verb.i and x.dep_ in ("xcomp", "advcl", "prep", "dobj", "ccomp")]
                self._add(verb.idx, max([cend] + [subtree_span(x)[1] for x in right]), info, lemma, verb)
            else:
                self._add(cstart, cend, info, lemma, verb)

    def _quote_after(self, verb: Any, info: SourceInfo, lemma: str) -> bool:
        """``X said, "..."``: the quotation right after the verb is the claim."""
        m = re.match(r"\s*[,:]?\s*([\u201c\u2018\"])", self.text[verb.idx + len(verb.text):verb.idx + len(verb.text) + 6])
        if not m:
            return False
        start = verb.idx + len(verb.text) + m.end()
        closing = {"\u201c": "\u201d", "\u2018": "\u2019", '"': '"'}[m.group(1)]
        end = self.text.find(closing, start)
        if end < 0 or end - start > 1500:
            return False
        self._add(start, end, info, lemma, verb)
        return True

    def _speech_act(self, verb: Any, nouns: dict[str, list[str]]) -> None:
        """``issued a warning to ...``, ``sent his condolences``: the verb phrase is the claim."""
        if any(c.dep_ == "neg" for c in verb.children):
            return
        info = self._source(self._subject(verb))
        if info is None:
            return
        obj = next(c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in nouns)
        modality, kind = nouns[obj.lemma_.lower()]
        right = [c for c in verb.children if c.i > verb.i and c.dep_ not in ("punct", "cc", "conj")]
        end = max(subtree_span(c)[1] for c in right)
        index = self._add(self._left_edge(verb), end, info, "say", verb)
        if index >= 0:
            self.drafts[index].kind = kind
            if modality != "reported":
                self.drafts[index].modality = modality

    @staticmethod
    def _left_edge(verb: Any) -> int:
        """The verb with its auxiliaries and adverbs just before it (``have already condemned``)."""
        start = verb.idx
        for c in sorted((c for c in verb.children if c.i < verb.i and c.dep_ in ("aux", "auxpass", "advmod", "neg")),
                        key=lambda c: -c.i):
            if c.i >= verb.i - 3:
                start = min(start, c.idx)
        return start

    def _object_claim(self, verb: Any, info: SourceInfo, lemma: str) -> bool:
        """``X claimed responsibility for the attack``: the verb and its object are the claim."""
        if lemma not in self.words.get("object_verbs", []) and lemma != "call":
            return False
        objs = [c for c in verb.children if c.dep_ in ("dobj", "prep", "advcl")] if lemma == "call" else \
            [c for c in verb.children if c.dep_ == "dobj"]
        if not objs:
            return False
        right = [c for c in verb.children if c.i > verb.i and c.dep_ not in ("punct", "cc", "conj")]
        # the object may come first ("the attack, which the group denied"): the claim spans it too
        start = min([self._left_edge(verb)] + [subtree_span(c)[0] for c in objs if c.i < verb.i])
        end = max([verb.idx + len(verb.text)] + [subtree_span(c)[1] for c in right or objs])
        self._add(start, end, info, lemma, verb)
        return True

    def _quote_start(self, start: int, end: int) -> int:
        """A quotation closed before ``end`` but opened before ``start`` (a quote of several sentences):
        the claim starts at the opening mark."""
        piece = self.text[start:end]
        closes = [i for i, ch in enumerate(piece) if ch in "\u2019\u201d\"" and i > 0 and piece[i - 1] in ".,!?"]
        if not closes or any(ch in "\u2018\u201c" for ch in piece[: closes[-1]]) or piece.count('"') >= 2:
            return start
        back = self.text[max(0, start - 800):start]
        for mark in ("\u2018", "\u201c", '"'):
            pos = back.rfind(mark)
            if pos >= 0 and (mark != "\u2018" or pos == 0 or not back[pos - 1].isalnum()):
                return max(0, start - 800) + pos
        return start

    def _quoted(self, verb: Any, info: SourceInfo) -> bool:
        """``X quoted Y as saying that ...``: a claim by X (from Y to the end) and a nested one by Y."""
        obj = [c for c in verb.children if c.dep_ == "dobj"]
        saying = [t for t in verb.subtree if t.lemma_ == "say" and t.i > verb.i]
        if not obj or not saying:
            return False
        comp = [c for c in saying[0].children if c.dep_ in ("ccomp", "xcomp")]
        if not comp:
            return False
        ostart, oend = subtree_span(obj[0])
        cstart, cend = subtree_span(comp[0])
        outer = self._add(ostart, cend, info, "quote", saying[0])
        inner_info = self.finder.find(self.text, ostart, oend, previous=None)
        self._add(cstart, cend, inner_info, "say", saying[0], parent=outer)
        self.last = info
        return True

    def according(self, sent: Any) -> None:
        low = norm(self.text[sent.start_char:sent.end_char])
        for phrase in self.words.get("according_to", []):
            if phrase not in low:
                continue
            for m in word_pattern(phrase).finditer(low):
                start = sent.start_char + m.start()
                tok = self.doc.char_span(start, start + len(m.group()), alignment_mode="expand")
                if tok is None:
                    continue
                prep = tok[-1]
                objs = [t for t in prep.subtree if t.dep_ == "pobj"]
                if not objs:
                    continue
                sstart, send = subtree_span(prep)
                info = self.finder.find(self.text, start + len(m.group()), send, previous=self.last)
                if start - sent.start_char < 3:
                    self._add(send, sent.end_char, info, "report", tok[0])
                else:
                    self._add(sent.start_char, start, info, "report", tok[0])

    def citing(self, sent: Any) -> None:
        """``X reported, citing Y, that ...``: Y's claim nested in X's (same content); alone, like
        "according to"."""
        words = self.words.get("citing_words", [])
        low = self.text[sent.start_char:sent.end_char].lower()
        if not any(w in low for w in words):
            return  # no citing word in the sentence: no token to read
        for tok in sent:
            if tok.lower_ not in words or tok.i + 1 >= sent.end:
                continue
            objs = [c for c in tok.children if c.dep_ in ("dobj", "pobj")]
            if not objs:
                continue
            ostart, oend = subtree_span(objs[0])
            info = self.finder.find(self.text, ostart, oend, previous=None)
            own = [i for i, d in enumerate(self.drafts)
                   if sent.start_char <= d.start < sent.end_char and d.kind != "verification"]
            if own:
                outer = self.drafts[own[-1]]
                self.drafts.append(_Draft(outer.start, outer.end, info, *self._modality("say", info, outer.start, outer.end),
                                          outer.date, own[-1]))
            elif tok.i - sent.start > 2:
                self._add(sent.start_char, tok.idx, info, "report", tok)

    def verification(self, sent: Any, prev: Any | None) -> None:
        low = norm(self.text[sent.start_char:sent.end_char])
        if not any(p in low for p in self.words.get("verification", [])):
            return
        subj = [t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
        info = None
        if subj and subj[0].pos_ == "PROPN":
            info = self.finder.find(self.text, *subtree_span(subj[0]), previous=None)
            info.kind = info.kind if info.source else "outlet"
        outlet = self.article.outlet
        if info is None or not info.name or (outlet and norm(outlet).removeprefix("the ") == norm(info.name).removeprefix("the ")):
            info = SourceInfo(name=outlet or (info.name if info else None), kind="outlet", span=info.span if info else None)
        start, end = trim(self.text, sent.start_char, sent.end_char)
        self.drafts.append(_Draft(start, end, info, "unverified", "verification", self.article.published))
        targets = [d for d in self.drafts[:-1] if d.start >= sent.start_char and d.end <= sent.end_char]
        refs = self.words.get("referents", {})

        def says(key: str) -> bool:
            return any(word_pattern(r).search(low) for r in refs.get(key, []))

        if says("earlier_claims"):
            window = self.doc[max(0, sent.start - 1)].sent.start_char if sent.start else sent.start_char
            for _ in range(2):
                first = self.doc.char_span(window, window + 1, alignment_mode="expand")
                if first is None or first.start == 0:
                    break
                window = self.doc[first.start - 1].sent.start_char
            targets += [d for d in self.drafts[:-1] if window <= d.start < sent.start_char and d.kind != "verification"]
        elif prev is not None and says("previous_sentence"):
            before = [d for d in self.drafts[:-1] if d.start >= prev.start_char and d.end <= prev.end_char]
            if not before:
                pstart, pend = trim(self.text, prev.start_char, prev.end_char)
                psubj = [t for t in prev if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
                pinfo = (self.finder.find(self.text, *subtree_span(psubj[0]), previous=None)
                         if psubj else SourceInfo(name=None))
                if pinfo.source is None:
                    pinfo.kind = pinfo.kind or "unattributed"
                self.drafts.insert(len(self.drafts) - 1,
                                   _Draft(pstart, pend, pinfo, "unverified", "report", None))
            targets += before
        for d in targets:
            d.modality = "unverified"

    # -- output ----------------------------------------------------------------------------------
    def claims(self) -> list[Claim]:
        sents = [s for s in self.doc.sents if self.text[s.start_char:s.end_char].strip()]
        prev = None
        for sent in sents:
            self.according(sent)
            self.speech(sent)
            self.citing(sent)
            self.verification(sent, prev)
            prev = sent
        winner: dict[int, int] = {}
        for i, d in enumerate(self.drafts):
            for j, o in enumerate(self.drafts):
                if (j != i and o.info.name == d.info.name and o.kind == d.kind and o.start <= d.start
                        and d.end <= o.end and (o.end - o.start, -j) > (d.end - d.start, -i)):
                    winner[i] = j
                    break
        remap: dict[int, int] = {}
        kept: list[_Draft] = []
        for i, d in enumerate(self.drafts):
            if i not in winner:
                remap[i] = len(kept)
                kept.append(d)
        for d in kept:
            p = d.parent_key
            while p is not None and p in winner:
                p = winner[p]
            d.parent_key = remap.get(p) if p is not None else None
        self.drafts = kept
        ids: list[str] = []
        for d in self.drafts:
            key = f"{self.article.id}|{d.start}|{d.end}|{d.info.name}|{d.kind}"
            ids.append("cl_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12])
        out: list[Claim] = []
        for i, d in enumerate(self.drafts):
            parent = ids[d.parent_key] if d.parent_key is not None and d.parent_key >= 0 else None
            if parent is None:
                holders = [j for j, o in enumerate(self.drafts) if j != i and o.start <= d.start and d.end <= o.end
                           and (o.end - o.start) > (d.end - d.start) and o.kind != "verification"]
                if holders:
                    parent = ids[min(holders, key=lambda j: self.drafts[j].end - self.drafts[j].start)]
            info = d.info
            out.append(Claim(
                id=ids[i], span=Span.of(self.text, d.start, d.end), modality=d.modality, kind=d.kind,
                source=info.name, source_kind=info.kind, source_stance=info.stance,
                source_span=Span.of(self.text, *info.span) if info.span else None, speaker=info.speaker,
                outlet=self.article.outlet, parent=parent, date=d.date,
            ))
        seen: set[str] = set()
        unique = [c for c in out if not (c.id in seen or seen.add(c.id))]  # type: ignore[func-returns-value]
        return sorted(unique, key=lambda c: (c.span.start, -c.span.end))


def extract_claims(doc: Any, article: Article, sources: SourceRegistry, *, actors: Any = None) -> list[Claim]:
    """Attributed statements of ``article`` (whose body ``doc`` parses), with their sources.

    ``actors`` is an optional ``ActorResolver``; with it, claims by armed groups ("the insurgents, led
    by HTS, vowed ...") name the group's registry actor.
    """
    return _Extractor(doc, article, SourceFinder(sources, actors)).claims()


def claim_for(claims: list[Claim], start: int, end: int) -> Claim | None:
    """The innermost claim whose span covers ``[start, end)``, or None."""
    covering = [c for c in claims if c.span.start <= start and end <= c.span.end]
    if not covering:
        return None
    return min(covering, key=lambda c: (c.span.end - c.span.start, 0 if c.parent else 1))


__all__ = ["extract_claims", "claim_for", "claim_words", "Actor"]
