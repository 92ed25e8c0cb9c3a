"""Throughput of the whole pipeline beside bare spaCy parsing of every sentence of the same text.

    python benchmarks/bench_pipeline.py [--shared ../shared] [--limit N] [--parse full|candidates] [--check]

Reads ``shared/data/corpus/Guardian_SDF_sample.csv.zip`` (249 long articles; columns date, text) with
the standard library and prints, for the same articles:

* ``pipeline``: articles per second of ``Pipeline(parse=MODE)`` (ingest from text, NLP, time, places,
  actors, claims, events, control), ``BATCH`` articles at a time as every command runs it;
* ``bare parse``: articles per second of ``nlp(sentence)`` over every sentence of every article;
* ``prefilter``: the share of sentences that can hold an event (``warmonitor.extract.candidate_sentences``)
  and the speed of parsing only those, the bound a pipeline that parses only what matters can reach;
* the ratios pipeline / bare parse and prefiltered parse / bare parse (the goal is >= 2x).

``--check`` runs ``extract_events`` on every gold case of ``shared/eval/dev`` twice, with the trigger
pre-filter and with every sentence let through, and reports any event the pre-filter loses; then it runs
the whole pipeline on every case with ``parse="full"`` and ``parse="candidates"`` and reports any event the
full parse finds that the candidates parse loses (and events whose actors, toll or place differ).
Services are loaded (and one article processed) before timing.
"""
from __future__ import annotations

import argparse
import csv
import io
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def load_corpus(shared: Path, limit: int | None = None) -> list[tuple[str, str]]:
    """(date, text) of the corpus articles, in file order."""
    path = shared / "data" / "corpus" / "Guardian_SDF_sample.csv.zip"
    rows: list[tuple[str, str]] = []
    csv.field_size_limit(10**8)
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if not name.endswith(".csv"):
                continue
            with zf.open(name) as fh:
                reader = csv.DictReader(io.TextIOWrapper(fh, encoding="utf-8"))
                for row in reader:
                    text = (row.get("text") or "").strip()
                    if text:
                        rows.append(((row.get("date") or "")[:10], text))
    return rows[:limit] if limit else rows


def bench_bare(nlp: Any, texts: list[str], sentencizer: Any) -> tuple[float, int]:
    """Seconds to parse every sentence of every text with the full spaCy pipeline; sentence count."""
    sents = [s.text for t in texts for s in sentencizer(t).sents if s.text.strip()]
    start = time.perf_counter()
    for _ in nlp.pipe(sents, batch_size=64):
        pass
    return time.perf_counter() - start, len(sents)


def bench_prefiltered(nlp: Any, texts: list[str]) -> tuple[float, int]:
    """Seconds to find candidate sentences and parse only those; their count."""
    from warmonitor.extract import candidate_sentences

    start = time.perf_counter()
    sents = [t[a:b] for t in texts for a, b in candidate_sentences(t)]
    for _ in nlp.pipe(sents, batch_size=64):
        pass
    return time.perf_counter() - start, len(sents)


def bench_pipeline(rows: list[tuple[str, str]], parse: str | None = None) -> tuple[float, int, str]:
    """Seconds for ``Pipeline(parse=parse)`` over every article, read from text and processed
    ``warmonitor.pipeline.BATCH`` at a time with ``process_many`` (as ``process_paths``, and so every
    command, runs it; services warmed first); events found; the parse mode used."""
    from warmonitor.ingest import from_text
    from warmonitor.pipeline import BATCH, Pipeline

    pipe = Pipeline(parse=parse) if parse else Pipeline()
    pipe.process_text(rows[0][1], {"published": rows[0][0] or None})  # load every service
    events = 0
    start = time.perf_counter()
    for at in range(0, len(rows), BATCH):
        articles = [from_text(text, {"published": date or None}) for date, text in rows[at:at + BATCH]]
        events += sum(len(result.events) for result in pipe.process_many(articles))
    return time.perf_counter() - start, events, pipe.parse


def check_prefilter(shared: Path) -> int:
    """Events lost by the pre-filter on the gold cases (0 is the goal); prints any."""
    import warmonitor.extract.events as ev_mod
    from warmonitor.evaluate.events import case_folders
    from warmonitor.ingest import load_path
    from warmonitor.pipeline import Pipeline

    pipe = Pipeline()
    lost = total = 0
    for case in case_folders(shared / "eval" / "dev"):
        for article in load_path(case):
            ctx = pipe.annotate(article)
            with_filter = {e.event_id for e in ev_mod.extract_events(ctx)}
            original = ev_mod.may_hold_event
            ev_mod.may_hold_event = lambda text: True  # type: ignore[assignment]
            try:
                full = {e.event_id for e in ev_mod.extract_events(ctx)}
            finally:
                ev_mod.may_hold_event = original  # type: ignore[assignment]
            missing = full - with_filter
            total += len(full)
            lost += len(missing)
            if missing:
                print(f"  {case.name}: {len(missing)} event(s) lost by the pre-filter")
    print(f"prefilter check: {total} events with every sentence parsed, {lost} lost by the pre-filter")
    return lost


#: the fields that name an event (one per place, day and type) and the fields compared once paired
_KEY_FIELDS = ("event_type", "sub_event_type", "location", "event_date", "background")
_VALUE_FIELDS = ("actor1", "actor2", "fatalities", "geonameid", "time_precision")


def _event_rows(pipe: Any, articles: list[Any], sources: dict[tuple, set[str]] | None = None) -> dict[tuple, tuple]:
    """Key fields -> value fields of every event ``pipe`` finds in ``articles`` (run in order); the
    sources each event cites go into ``sources`` by the same key."""
    from warmonitor.extract import extract_events

    rows: dict[tuple, tuple] = {}
    for article in articles:
        ctx = pipe.annotate(article)
        for ev in extract_events(ctx):
            key = (article.id,) + tuple(getattr(ev, f) for f in _KEY_FIELDS)
            rows[key] = tuple(getattr(ev, f) for f in _VALUE_FIELDS)
            if sources is not None:
                sources[key] = set(filter(None, (ev.source or "").split("; ")))
    return rows


def check_parse_modes(shared: Path) -> int:
    """Events a full parse finds on the gold cases that the candidates parse loses (0 is the goal), and
    events whose actors, toll, place id or date precision differ; prints each."""
    import copy

    from warmonitor.evaluate.events import case_folders
    from warmonitor.ingest import load_path
    from warmonitor.pipeline import Pipeline

    full, cand = Pipeline(parse="full"), Pipeline(parse="candidates")
    lost = changed = added = total = fewer_sources = 0
    for case in case_folders(shared / "eval" / "dev"):
        articles = list(load_path(case))
        src_full: dict[tuple, set[str]] = {}
        src_cand: dict[tuple, set[str]] = {}
        got_full = _event_rows(full, [copy.deepcopy(a) for a in articles], src_full)
        got_cand = _event_rows(cand, [copy.deepcopy(a) for a in articles], src_cand)
        for key, cited in src_full.items():
            missing = cited - src_cand.get(key, cited)
            if missing:
                fewer_sources += 1
                print(f"  {case.name}: {key[2]} at {key[3]}: sources the full parse also cites: {sorted(missing)}")
        total += len(got_full)
        for key, values in got_full.items():
            if key not in got_cand:
                lost += 1
                print(f"  {case.name}: lost {key[1:]} {values}")
            elif got_cand[key] != values:
                changed += 1
                print(f"  {case.name}: changed {key[1:]} {values} -> {got_cand[key]}")
        for key in got_cand.keys() - got_full.keys():
            added += 1
            print(f"  {case.name}: added {key[1:]} {got_cand[key]}")
    print(f"parse check: {total} events with the full parse; the candidates parse loses {lost}, "
          f"changes {changed}, adds {added}; {fewer_sources} event(s) cite fewer sources")
    return lost


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(REPO / ".." / "shared"), help="the shared folder (default ../shared)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--parse", default=None, help="the pipeline's parse mode (full or candidates; default: its own)")
    ap.add_argument("--check", action="store_true",
                    help="also check the pre-filter and the candidates parse against the full parse on the gold cases")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / "data" / "corpus").is_dir():
        print(f"bench_pipeline: {shared}/data/corpus not found; nothing to measure", file=sys.stderr)
        return 0
    from warmonitor.nlp import load_nlp

    rows = load_corpus(shared, args.limit)
    texts = [t for _, t in rows]
    chars = sum(len(t) for t in texts)
    nlp = load_nlp()
    sentencizer = load_nlp(disable=("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"))
    if "senter" not in sentencizer.pipe_names and "sentencizer" not in sentencizer.pipe_names:
        sentencizer.add_pipe("sentencizer")
    list(nlp.pipe(texts[:2]))  # warm the model
    print(f"articles {len(rows)}  characters {chars}")
    pipe_s, events, mode = bench_pipeline(rows, args.parse)
    bare_s, n_sents = bench_bare(nlp, texts, sentencizer)
    pre_s, n_cand = bench_prefiltered(nlp, texts)
    n = len(rows)
    print(f"pipeline          {n / pipe_s:8.2f} articles/s  ({pipe_s:.1f} s, {events} events, "
          f"parse={mode}{'' if args.parse else ' (the default)'})")
    print(f"bare parse        {n / bare_s:8.2f} articles/s  ({bare_s:.1f} s, {n_sents} sentences)")
    print(f"prefiltered parse {n / pre_s:8.2f} articles/s  ({pre_s:.1f} s, {n_cand} candidate sentences, "
          f"{n_cand / max(1, n_sents):.0%} of all)")
    print(f"RATIO pipeline / bare parse          {bare_s / pipe_s:.2f}x  (goal >= 2x; parse={mode})")
    print(f"ratio prefiltered parse / bare parse {bare_s / pre_s:.2f}x  (parsing the candidate sentences alone)")
    if args.check:
        check_prefilter(shared)
        check_parse_modes(shared)
    return 0


if __name__ == "__main__":
    sys.exit(main())
