"""``run_batch``: process archives in parallel, store the results from the driver, article by article.

Workers (processes or Dask workers) each hold one pipeline and turn chunks of articles into results;
only the driver writes the SQLite store, one transaction per article, in input order, so the store is
always consistent and a run that is stopped can simply be started again (articles already stored are
skipped before they are sent to a worker).
"""
from __future__ import annotations

import collections
import dataclasses
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warmonitor.batch.backends import make_backend, worker_pipeline
from warmonitor.batch.inputs import iter_batch_inputs
from warmonitor.errors import UsageError
from warmonitor.model import Article, Rejection

log = logging.getLogger("warmonitor.batch")


def default_factory() -> Any:
    """A full ``warmonitor.pipeline.Pipeline`` with its models loaded now (spaCy, gazetteer, registries)."""
    from warmonitor.pipeline import Pipeline

    pipe = Pipeline()
    for service in ("nlp", "geoparser", "actor_resolver", "source_registry"):
        getattr(pipe, service)
    return pipe


@dataclass
class BatchSummary:
    """What a batch run did. ``articles`` counts articles processed by workers in this run."""

    articles: int = 0
    stored: int = 0
    duplicates: int = 0  # already in the store (or twice in the inputs): not processed again
    rejected: int = 0
    events: int = 0
    flagged: int = 0  # processed but not coded (e.g. an unsupported language)
    seconds: float = 0.0  # processing time (after the warm-up when ``warm=True``)
    startup_seconds: float = 0.0  # starting the workers and, with ``warm=True``, loading their models
    workers: int = 1
    scheduler: str = "serial"
    chunks: int = 0
    rejections: list[dict[str, str]] = field(default_factory=list)  # the first few, for the report

    @property
    def articles_per_second(self) -> float:
        return round(self.articles / self.seconds, 3) if self.seconds > 0 else 0.0

    def line(self) -> str:
        """One line for a terminal (the CLI prints it as progress and at the end)."""
        return (
            f"{self.articles} articles ({self.stored} stored, {self.duplicates} already stored, {self.rejected} rejected, "
            f"{self.flagged} not coded), {self.events} events in {self.seconds:.1f} s = {self.articles_per_second:.2f} "
            f"articles/s on {self.workers} worker(s) ({self.scheduler})"
        )

    def to_dict(self) -> dict[str, Any]:
        out = dataclasses.asdict(self)
        out["articles_per_second"] = self.articles_per_second
        return out


def process_chunk(factory: Callable[[], Any], articles: list[Article]) -> list[Any]:
    """Run on a worker: each article through the worker's pipeline -> ``Result`` or ``Rejection``.

    An error in one article (bad input or a fault in a stage) becomes its ``Rejection``; the chunk goes
    on. Results are trimmed to what the store keeps (no place mentions or timexes) to travel light.
    """
    pipe = worker_pipeline(factory)
    out: list[Any] = []
    for article in articles:
        name = article.path or article.case or article.id
        try:
            result = pipe.process(article)
        except Exception as err:  # noqa: BLE001 - one bad article never stops the batch
            code = getattr(err, "code", "WM000")
            reason = getattr(err, "reason", None) or f"{type(err).__name__}: {err}"
            out.append(Rejection(input=name, code=code, reason=" ".join(str(reason).split())))
            continue
        out.append(dataclasses.replace(result, places=[], timexes=[]))
    return out


MAX_LISTED_REJECTIONS = 20


def run_batch(
    paths: Iterable[str | Path] | str | Path,
    db: str | Path,
    scheduler: Any = None,
    workers: int = 1,
    chunk: int = 8,
    *,
    pipeline_factory: Callable[[], Any] | None = None,
    limit: int | None = None,
    warm: bool = False,
    progress: Callable[[BatchSummary], None] | None = None,
    on_stored: Callable[[Any], None] | None = None,
) -> BatchSummary:
    """Process every article of ``paths`` into the store ``db``; returns a ``BatchSummary``.

    ``scheduler``: ``None`` (a local Dask cluster when Dask is installed and ``workers > 1``, else a
    process pool, else serial), ``"serial"``, ``"processes"``, ``"local"`` (a new local Dask cluster of
    ``workers`` processes), a Dask scheduler address, or a ``dask.distributed.Client``. ``chunk``: articles
    per task. ``pipeline_factory``: a module-level callable building one pipeline per worker (default:
    ``warmonitor.pipeline.Pipeline``). ``limit``: stop after this many new articles. ``on_stored(result)`` runs in the driver after each newly stored article (e.g. alerts:
    ``lambda r: warmonitor.alerts.check(r.events, rules, notifiers, seen)``); its errors are logged, never
    raised. ``warm``: have every worker load its models before the
    clock starts (throughput figures then leave the load time out; it is in ``startup_seconds``). Raises ``DaskMissing``
    (a ``ResourceError``, with the install line) when a Dask scheduler is asked for and Dask is missing.

    Local Dask workers are started with ``spawn``: a script that calls ``run_batch`` with ``"local"``
    (or ``None`` and ``workers > 1``) needs the usual ``if __name__ == "__main__":`` guard.
    """
    from warmonitor.store import Store

    if not isinstance(chunk, int) or isinstance(chunk, bool) or chunk < 1:
        raise UsageError(f"chunk must be a positive integer, got {chunk!r}")
    if limit is not None and (not isinstance(limit, int) or limit < 0):
        raise UsageError(f"limit must be a non-negative integer, got {limit!r}")
    factory = pipeline_factory or default_factory
    summary = BatchSummary()
    store = Store.open(db)
    backend = None
    try:
        t0 = time.perf_counter()
        backend = make_backend(scheduler, workers, factory)
        summary.scheduler, summary.workers = backend.name, backend.workers
        if warm:
            backend.warm(factory)
        summary.startup_seconds = round(time.perf_counter() - t0, 3)
        window: collections.deque[Any] = collections.deque()
        max_in_flight = 2 * backend.workers
        started = time.perf_counter()

        def drain(keep: int) -> None:
            while len(window) > keep:
                for item in window.popleft().result():
                    if _store_one(store, item, summary) and on_stored is not None:
                        try:
                            on_stored(item)
                        except Exception as err:  # noqa: BLE001 - a hook never stops the batch
                            log.warning("on_stored hook failed for %s: %s", item.article.id, err)
                summary.chunks += 1
                summary.seconds = time.perf_counter() - started
                if progress is not None:
                    progress(summary)

        pending: list[Article] = []
        queued: set[str] = set()
        for item in iter_batch_inputs(paths):
            if isinstance(item, Rejection):
                _reject(store, item, summary)
                continue
            if item.id in queued or store.has_article(item.id):
                summary.duplicates += 1
                continue
            if limit is not None and len(queued) >= limit:
                break
            queued.add(item.id)
            pending.append(item)
            if len(pending) >= chunk:
                window.append(backend.submit(process_chunk, factory, pending))
                pending = []
                drain(max_in_flight - 1)
        if pending:
            window.append(backend.submit(process_chunk, factory, pending))
        drain(0)
        summary.seconds = time.perf_counter() - started
    finally:
        if backend is not None:
            backend.close()
        store.close()
    log.info("batch: %s", summary.to_dict())
    return summary


def _reject(store: Any, rej: Rejection, summary: BatchSummary) -> None:
    store.add_rejection(rej)
    summary.rejected += 1
    if len(summary.rejections) < MAX_LISTED_REJECTIONS:
        summary.rejections.append({"input": rej.input, "code": rej.code, "reason": rej.reason})


def _store_one(store: Any, item: Any, summary: BatchSummary) -> bool:
    """Store one worker output; True when it was a new article."""
    if isinstance(item, Rejection):
        _reject(store, item, summary)
        return False
    summary.articles += 1
    if item.flags and not item.events:
        summary.flagged += 1
    if store.add(item):
        summary.stored += 1
        summary.events += len(item.events)
        return True
    summary.duplicates += 1
    return False
