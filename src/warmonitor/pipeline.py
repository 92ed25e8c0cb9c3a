"""The pipeline: ingest -> annotate -> resolve (time, places, actors, claims) -> extract -> control.

``Pipeline`` loads spaCy, the gazetteer and the registries once, on first use; every service can be
injected (tests pass small fakes). ``extract(path)`` is the one-call convenience.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from warmonitor.context import Context, Result
from warmonitor.errors import InputError
from warmonitor.model import Article, Event, Rejection
from warmonitor.model.records import event_id

#: the parse mode of a ``Pipeline`` given none (and no ``WARMONITOR_PARSE``)
DEFAULT_PARSE = "candidates"
#: articles parsed together by ``process_paths`` (the models run once per component per batch)
BATCH = 16


class Pipeline:
    def __init__(
        self,
        nlp: Any = None,
        gazetteer: Any = None,
        geoparser: Any = None,
        actors: Any = None,
        sources: Any = None,
        parse: str | None = None,
    ) -> None:
        """``parse`` is how the body is parsed (``warmonitor.nlp.doc.PARSE_MODES``): ``"full"`` runs the
        whole spaCy pipeline over it; ``"candidates"`` runs it only over the sentences
        ``warmonitor.extract.candidate_sentences`` lets through and the sentences that carry a claim
        with a stance of its own (the rest is tokenized and split into sentences only). Left out, it is the
        environment's ``WARMONITOR_PARSE``, else ``"candidates"`` (on the gold cases it finds every
        event the full parse finds: ``benchmarks/bench_pipeline.py --check``)."""
        import os

        from warmonitor.nlp.doc import PARSE_MODES

        parse = parse or os.environ.get("WARMONITOR_PARSE") or DEFAULT_PARSE

        if parse not in PARSE_MODES:
            from warmonitor.errors import UsageError

            raise UsageError(f"parse mode {parse!r}: not one of {', '.join(PARSE_MODES)}")
        self.parse = parse
        self._nlp = nlp
        self._gazetteer = gazetteer
        self._geoparser = geoparser
        self._actors = actors
        self._sources = sources
        self._actor_resolver: Any = None

    # -- services, loaded on first use ------------------------------------------------------------
    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            from warmonitor.nlp import load_nlp

            self._nlp = load_nlp()
        return self._nlp

    @property
    def geoparser(self) -> Any:
        if self._geoparser is None:
            from warmonitor.resolve.places import Gazetteer, Geoparser

            if self._gazetteer is None:
                self._gazetteer = Gazetteer.open()
            self._geoparser = Geoparser(self._gazetteer)
        return self._geoparser

    @property
    def actor_registry(self) -> Any:
        if self._actors is None:
            from warmonitor.resolve.actors import ActorRegistry

            self._actors = ActorRegistry.load()
        return self._actors

    @property
    def source_registry(self) -> Any:
        if self._sources is None:
            from warmonitor.resolve.actors import SourceRegistry

            self._sources = SourceRegistry.load()
        return self._sources

    @property
    def actor_resolver(self) -> Any:
        if self._actor_resolver is None:
            from warmonitor.resolve.actors import ActorResolver

            self._actor_resolver = ActorResolver(self.actor_registry)
        return self._actor_resolver

    # -- processing -------------------------------------------------------------------------------
    def annotate(self, article: Article) -> Context:
        """Run NLP and every resolver over one article."""
        return self.annotate_many([article])[0]

    def annotate_many(self, articles: Sequence[Article]) -> list[Context]:
        """``annotate`` for each of ``articles``, their bodies parsed together (``parse_bodies``)."""
        from warmonitor.resolve import time as rtime
        from warmonitor.resolve.actors import extract_claims
        from warmonitor.resolve.places import country_focus

        for article in articles:
            if not article.published:
                date, how, confidence = rtime.infer_published(article)
                if date:
                    article.published, article.published_how, article.published_confidence = date, how, confidence
        out = []
        for article, doc in zip(articles, self.parse_bodies([a.body for a in articles]), strict=True):
            ctx = Context(article=article, doc=doc)
            ctx.timexes = rtime.tag(article.body, article.published, doc=doc)
            ctx.places = self.geoparser.parse(doc, article)
            ctx.countries = country_focus(ctx.places)
            ctx.actors = self.actor_resolver.mentions(doc, ctx.countries, article.published)
            ctx.claims = extract_claims(doc, article, self.source_registry, actors=self.actor_resolver)
            out.append(ctx)
        return out

    def parse_body(self, body: str) -> Any:
        """The spaCy ``Doc`` of ``body`` in this pipeline's parse mode; its text is ``body`` exactly."""
        return self.parse_bodies([body])[0]

    def parse_bodies(self, bodies: Sequence[str]) -> list[Any]:
        """``parse_body`` of each of ``bodies``, the model components run over all of them together."""
        from warmonitor.nlp.doc import parse_many

        if self.parse == "candidates":
            from warmonitor.extract import candidate_sentences
            from warmonitor.resolve.actors.claim_filter import claim_sentences

            # sentences that may hold an event, and those that carry a claim with a stance of its own
            return parse_many(self.nlp, bodies, "candidates", [candidate_sentences(b) for b in bodies],
                              alone=[claim_sentences(b) for b in bodies])
        return parse_many(self.nlp, bodies, "full")

    def process(self, article: Article) -> Result:
        return self.process_many([article])[0]

    def process_many(self, articles: Sequence[Article]) -> list[Result]:
        """``process`` for each of ``articles`` (in order), their bodies parsed together."""
        from warmonitor.control import control_changes
        from warmonitor.extract import extract_events

        readable = [a for a in articles if not a.language or a.language.lower().startswith("en")]
        contexts = {id(ctx.article): ctx for ctx in self.annotate_many(readable)} if readable else {}
        out = []
        for article in articles:
            ctx = contexts.get(id(article))
            if ctx is None:  # flag what we cannot read rather than mis-code it
                out.append(Result(article=article, flags=[f"language {article.language!r} not supported: not coded"]))
                continue
            events = extract_events(ctx)
            for ev in events:
                ev.case = ev.case or article.case
                if ev.article_id != article.id:
                    ev.article_id = article.id
                    ev.event_id = event_id(ev)
            out.append(Result(
                article=article,
                events=events,
                claims=ctx.claims,
                control=control_changes(events, ctx),
                places=ctx.places,
                timexes=ctx.timexes,
            ))
        return out

    def process_text(self, text: str, meta: dict[str, Any] | None = None) -> Result:
        from warmonitor.ingest import from_text

        return self.process(from_text(text, meta or {}))

    def process_paths(self, paths: Iterable[str | Path], batch: int = BATCH) -> Iterator[Result | Rejection]:
        """Every article of every path, in order; a bad input yields a ``Rejection``, never stops the run.
        Articles are parsed ``batch`` at a time (``process_many``); a batch that fails on one bad article
        is done again one article at a time, so only that one is rejected."""
        from warmonitor.ingest import iter_inputs

        pending: list[Article] = []
        for item in iter_inputs(paths):
            if isinstance(item, Rejection):
                yield from self._process_batch(pending)
                pending = []
                yield item
                continue
            pending.append(item)
            if len(pending) >= max(1, batch):
                yield from self._process_batch(pending)
                pending = []
        yield from self._process_batch(pending)

    def _process_batch(self, articles: list[Article]) -> Iterator[Result | Rejection]:
        if not articles:
            return
        try:
            results = self.process_many(articles)
        except InputError as exc:
            if len(articles) == 1:
                yield Rejection(input=articles[0].path or articles[0].id, code=exc.code, reason=exc.reason)
                return
            for article in articles:  # one at a time: only the bad one is rejected
                yield from self._process_batch([article])
            return
        yield from results


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT


def extract(source: str | Path, meta: dict[str, Any] | None = None) -> list[Event]:
    """Events of one file, case folder, or (when ``meta`` is given or it is not a path) raw text."""
    pipe = default_pipeline()
    if meta is None and isinstance(source, (str, Path)) and Path(source).exists():
        events: list[Event] = []
        for item in pipe.process_paths([source]):
            if isinstance(item, Rejection):
                from warmonitor.errors import InputError as _IE

                raise _IE(item.reason, input=item.input)
            events.extend(item.events)
        return events
    return pipe.process_text(str(source), meta).events
