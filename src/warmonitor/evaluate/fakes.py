"""``warmonitor eval fakes DIR``: events of FA-KES case folders, scored by score_fakes.py.

Each case folder holds ``article.txt``, ``meta.json`` and the crowd-sourced ``fakes.json`` (never read
here). Predictions are the same JSONL as for score.py (ACLED fields plus ``case``). score_fakes.py
takes, per article, the event with the most fatalities as the main one and compares the summed
fatalities with the article's death toll; its figures are printed and returned.

An FA-KES article is labelled with one incident; with ``main_only`` (the default) the runner writes,
per article, the events of its main incident only: the first event the article tells with a death toll
that is dated to a day and is not background (a news article leads with its incident; rows come in the
order the article tells them; a toll dated only to a week or a month is a running total), else the first
with a toll, else its first event, and the events on the same day at the same location (other incidents
an article recalls, and other places struck that day, are left out). With ``incident_totals`` (the default) the runner writes
one row per article, the incident's event with the most fatalities (the one score_fakes.py compares),
its ``fatalities`` replaced by the toll the article leads with (``extract.figures.incident_total``
over the figures of headline and body): FA-KES labels one toll per article, where ACLED's
``fatalities`` keeps the lowest figure across sources and leaves tolls over several days out. With ``published_dates`` (off by default,
so that the figure measures event dating) that row's ``event_date`` is the article's publication day
where one is known: FA-KES often dates the article rather than the incident (on the dev half the
publication day is within a day of the label for 215 of 299 articles, the incident day read from the
text for 190).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from warmonitor.evaluate.classify import scorer_figures
from warmonitor.evaluate.common import find_shared
from warmonitor.evaluate.events import case_folders, predict_cases, write_jsonl
from warmonitor.extract.figures import fatality_figures, incident_total
from warmonitor.model import Rejection


def main_incident(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per case: the first event told with a toll (else the first event) and the same-day events at
    the same location. ``rows`` come in the order each article tells its events."""
    by_case: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_case.setdefault(row["case"], []).append(row)
    out: list[dict[str, Any]] = []
    for events in by_case.values():
        tolled = [r for r in events if int(r.get("fatalities") or 0) > 0]
        # a toll dated only to a week or month ("killed in August shelling") is a running total, not
        # the incident of one day the article reports; a day-dated toll told later is that incident
        main = next((r for r in tolled if _day_precise(r)), tolled[0] if tolled else events[0])
        out.extend(r for r in events if r is main or (
            r.get("event_date") == main.get("event_date") and r.get("location") == main.get("location")
            and r.get("admin1") == main.get("admin1") and r.get("iso") == main.get("iso")))
    return out


def _day_precise(row: dict[str, Any]) -> bool:
    """The row's event is dated to a day (ACLED ``time_precision`` 1), not to a week or a month, and
    is not background history."""
    return bool(row.get("event_date")) and int(row.get("time_precision") or 1) == 1 and not row.get("background")


class _KeepArticles:
    """A pipeline that keeps, per case, what the rows do not carry: the article's publication day,
    headline and body."""

    def __init__(self, pipeline: Any = None) -> None:
        from warmonitor.pipeline import Pipeline

        self.pipeline = pipeline or Pipeline()
        self.published: dict[str, str | None] = {}
        self.texts: dict[str, str] = {}

    def process_paths(self, paths: Any) -> list[Any]:
        paths = list(paths)
        results = list(self.pipeline.process_paths(paths))
        articles = [item.article for item in results if not isinstance(item, Rejection)]
        for path in paths:
            self.published[Path(path).name] = articles[0].published if articles else None
            self.texts[Path(path).name] = ". ".join(x for x in (articles[0].headline, articles[0].body) if x) if articles else ""
        return results


def incident_rows(rows: list[dict[str, Any]], texts: dict[str, str] | None = None,
                  published: dict[str, str | None] | None = None) -> list[dict[str, Any]]:
    """Per case, the row with the most fatalities (the first on a tie). Where ``texts`` (case -> the
    article's headline and body) knows the case, its ``fatalities`` become the toll the article
    gives (``incident_total`` over the figures of the whole text: FA-KES labels one toll per article,
    the one it leads with); where ``published`` (case -> publication day) knows it, its
    ``event_date`` becomes that day. ``rows`` are one incident's per case; they are not changed."""
    by_case: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_case.setdefault(row["case"], []).append(row)
    out: list[dict[str, Any]] = []
    for case, case_rows in by_case.items():
        best: dict[str, Any] = max(case_rows, key=lambda r: int(r.get("fatalities") or 0))
        main = dict(best)
        text = (texts or {}).get(str(case))
        if text:
            main["fatalities"] = incident_total(fatality_figures(text), int(main.get("fatalities") or 0))
        day = (published or {}).get(str(case))
        if day:
            main["event_date"] = day[:10]
        out.append(main)
    return out


def run(path: str, out: str, shared: Path | None = None, limit: int | None = None, main_only: bool = True,
        incident_totals: bool = True, published_dates: bool = False, **options: Any) -> dict[str, Any]:
    """Predict every FA-KES case under ``path`` (the first ``limit`` when given) into ``out``; score."""
    cases = case_folders(path)
    if limit:
        cases = cases[:limit]
    keeper = _KeepArticles()
    rows = predict_cases(cases, pipeline=keeper)
    if main_only:
        rows = main_incident(rows)
        if incident_totals or published_dates:
            rows = incident_rows(rows, keeper.texts if incident_totals else None,
                                 keeper.published if published_dates else None)
    write_jsonl(rows, out)
    shared = find_shared(shared)
    if shared is None or not (shared / "eval" / "score_fakes.py").is_file():
        print(f"wrote {len(rows)} events to {out} (score_fakes.py not found)", file=sys.stderr)
        return {"events": len(rows)}
    proc = subprocess.run(
        [sys.executable, str(shared / "eval" / "score_fakes.py"), "--gold", str(path), "--pred", str(out)],
        capture_output=True, text=True, check=False,
    )
    sys.stdout.write(proc.stdout)
    if proc.returncode:
        sys.stderr.write(proc.stderr)
    return scorer_figures(proc.stdout)
