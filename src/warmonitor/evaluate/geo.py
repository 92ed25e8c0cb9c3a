"""``warmonitor eval geo``: toponym resolution on geoparsing gold XML (GeoWebNews, LGL, TR-News).

``run(path, out, shared=None, mode="oracle"|"e2e")`` reads the XML (``<article>`` with ``<text>`` and
``<toponyms>``/``<locations>`` holding ``<toponym>``/``<location>`` with ``<start>``/``<end>``), writes
one prediction a line to ``out`` in the format of ``shared/eval/score_geo.py`` (``doc``, ``start``,
``end``, ``lat``, ``lon``), runs that scorer when ``shared`` is found, prints its figures and returns
them. oracle: the gold spans are resolved; e2e: the toponyms are found and resolved.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from warmonitor.errors import UnreadableInput, UnsupportedFormat, UsageError
from warmonitor.evaluate.common import find_shared

MODES = ("oracle", "e2e")


def read_gold(path: str | Path) -> list[tuple[str, list[tuple[int, int]]]]:
    """(text, gold spans) per article of a geoparsing XML file."""
    try:
        root = ET.parse(str(path)).getroot()
    except FileNotFoundError as err:
        raise UnreadableInput("file not found", input=str(path)) from err
    except ET.ParseError as err:
        raise UnsupportedFormat(f"not geoparsing XML: {err}", input=str(path)) from err
    docs = []
    for article in root.findall("article"):
        text = article.findtext("text") or ""
        holder = article.find("toponyms")
        if holder is None:
            holder = article.find("locations")
        spans = []
        for t in list(holder) if holder is not None else []:
            start, end = (t.findtext("start") or "").strip(), (t.findtext("end") or "").strip()
            if start.isdigit() and end.isdigit() and int(start) < int(end) <= len(text):
                spans.append((int(start), int(end)))
        docs.append((text, spans))
    if not docs:
        raise UnsupportedFormat("no <article> elements", input=str(path))
    return docs


def run(path: str, out: str, shared: Path | None = None, mode: str = "oracle", gazetteer: Any = None,
        quiet: bool = False) -> dict[str, Any]:
    """Write predictions for ``path`` to ``out``, score them with ``score_geo.py`` and return the figures
    (with ``seconds`` and ``toponyms_per_second`` added)."""
    if mode not in MODES:
        raise UsageError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
    from warmonitor.resolve.places import Gazetteer, Geoparser

    docs = read_gold(path)
    parser = Geoparser(gazetteer or Gazetteer.open())
    nlp = None
    if mode == "e2e":
        from warmonitor.nlp import load_nlp

        nlp = load_nlp()
    started = time.monotonic()
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for i, (text, spans) in enumerate(docs):
            if mode == "oracle":
                mentions = parser.resolve_spans(text, spans)
            else:
                mentions = parser.parse(nlp(text))  # type: ignore[misc]
            for pm in mentions:
                n += 1
                place = pm.place
                fh.write(json.dumps({"doc": i, "start": pm.span.start, "end": pm.span.end,
                                     "lat": place.lat if place else None, "lon": place.lon if place else None,
                                     "name": place.name if place else None, "geonameid": place.geonameid if place else None,
                                     "role": pm.role, "confidence": pm.confidence}) + "\n")
    seconds = time.monotonic() - started
    figures: dict[str, Any] = {"mode": mode, "predictions": n, "seconds": round(seconds, 1),
                               "toponyms_per_second": round(n / seconds, 1) if seconds else None}
    root = find_shared(shared)
    scorer = root / "eval" / "score_geo.py" if root else None
    if scorer is not None and scorer.exists():
        proc = subprocess.run([sys.executable, str(scorer), "--gold", str(path), "--pred", out, "--mode", mode],
                              capture_output=True, text=True, check=False)
        body = proc.stdout[: proc.stdout.rfind("\nACC161")] if "ACC161" in proc.stdout else proc.stdout
        try:
            figures.update(json.loads(body))
        except ValueError:
            figures["scorer_output"] = proc.stdout + proc.stderr
    if not quiet:
        print(json.dumps(figures, indent=2))
        if "acc161" in figures:
            print(f"ACC161 {figures['acc161']}")
    return figures


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path")
    ap.add_argument("--out", default="geo-pred.jsonl")
    ap.add_argument("--mode", choices=MODES, default="oracle")
    ap.add_argument("--shared", default=None)
    args = ap.parse_args(argv)
    run(args.path, args.out, Path(args.shared) if args.shared else None, mode=args.mode)
    return 0


if __name__ == "__main__":
    sys.exit(main())
