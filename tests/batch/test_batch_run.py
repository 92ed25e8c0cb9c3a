"""run_batch with a fake pipeline: serial, process pool and Dask give the same store; resumable; bad input."""
from __future__ import annotations

import csv
import gzip
import io
import json
import sys
import zipfile
from pathlib import Path

import pytest

from warmonitor.batch import DaskMissing, iter_batch_inputs, run_batch
from warmonitor.batch import backends as backends_mod
from warmonitor.errors import ResourceError, UsageError
from warmonitor.store import Store

sys.path.insert(0, str(Path(__file__).parent))
import wm_batch_fakes  # noqa: E402
from wm_batch_fakes import fake_factory  # noqa: E402

TOWNS = ["Ardel", "Mirow", "Tessa", "Valo", "Kern", "Ostra", "Bellin", "Corva", "Dunmore", "Eskar"]


def rows(n: int, start: int = 0) -> list[dict[str, str]]:
    out = []
    for i in range(start, start + n):
        town = TOWNS[i % len(TOWNS)]
        verb = "a clash" if i % 2 == 0 else "a quiet market day"
        out.append({"date": f"2031-04-{1 + i % 28:02d}", "text": f"Report {i}: residents described {verb} in {town} on Monday.", "source": "Courier"})
    return out


def write_csv(path: Path, data: list[dict[str, str]]) -> Path:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=["", "date", "text", "source"])
    writer.writeheader()
    for i, row in enumerate(data):
        writer.writerow({"": str(i), **row})
    if path.name.endswith(".zip"):
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr(path.name[: -len(".zip")], buf.getvalue())
    elif path.name.endswith(".gz"):
        path.write_bytes(gzip.compress(buf.getvalue().encode()))
    else:
        path.write_text(buf.getvalue(), encoding="utf-8")
    return path


@pytest.fixture
def archive(tmp_path):
    a = write_csv(tmp_path / "part1.csv.zip", rows(12))
    b = write_csv(tmp_path / "part2.csv", rows(6, start=12))
    c = tmp_path / "part3.jsonl"
    c.write_text("\n".join(json.dumps(r) for r in rows(4, start=18)) + "\n", encoding="utf-8")
    return [a, b, c]


def store_state(db: Path) -> tuple[dict[str, int], list[tuple[str | None, str | None]]]:
    with Store.open(db) as s:
        return s.counts(), sorted((e.location, e.event_date) for e in s.events())


@pytest.mark.parametrize("suffix", [".csv", ".csv.gz", ".csv.zip"])
def test_csv_archives_read(tmp_path, suffix):
    path = write_csv(tmp_path / f"a{suffix}", rows(3))
    items = list(iter_batch_inputs(path))
    assert [type(i).__name__ for i in items] == ["Article"] * 3
    assert items[0].published == "2031-04-01" and items[0].outlet == "Courier"
    assert items[2].case.endswith("#3") and "Report 2" in items[2].body


def test_bad_rows_and_files_are_rejections(tmp_path):
    good = write_csv(tmp_path / "a.csv", [rows(1)[0], {"date": "2031-01-01", "text": "   ", "source": "X"}])
    notext = tmp_path / "b.csv"
    notext.write_text("date,source\n2031-01-01,X\n")
    badzip = tmp_path / "c.csv.zip"
    badzip.write_bytes(b"PK\x03\x04 not really a zip")
    binary = tmp_path / "d.csv"
    binary.write_bytes(b"text\n\xff\xfe\x00\x01")
    items = list(iter_batch_inputs([good, notext, badzip, binary, tmp_path / "missing.txt"]))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Article", "Rejection", "Rejection", "Rejection", "Rejection", "Rejection"]
    rej = items[1:]
    assert rej[0].input.endswith("a.csv#2") and rej[0].code.startswith("WM1")
    assert "no text column" in rej[1].reason
    assert all("\n" not in r.reason for r in rej)


def test_serial_batch_stores_everything_and_resumes(tmp_path, archive):
    db = tmp_path / "s.db"
    seen = []
    summary = run_batch(archive, db, scheduler="serial", chunk=5, pipeline_factory=fake_factory, progress=seen.append)
    assert (summary.articles, summary.stored, summary.events, summary.rejected) == (22, 22, 11, 0)
    assert summary.scheduler == "serial" and summary.chunks == 5 and len(seen) == 5
    assert summary.articles_per_second > 0
    assert summary.line().startswith("22 articles (22 stored, 0 already stored, 0 rejected, 0 not coded), 11 events in ")
    counts, events = store_state(db)
    assert counts["articles"] == 22 and counts["reports"] == 11 and events  # fusion may merge look-alike reports
    again = run_batch(archive, db, scheduler="serial", pipeline_factory=fake_factory)
    assert (again.articles, again.stored, again.duplicates) == (0, 0, 22)
    assert store_state(db) == (counts, events)


def test_limit_then_resume(tmp_path, archive):
    db = tmp_path / "l.db"
    first = run_batch(archive, db, scheduler="serial", chunk=4, limit=7, pipeline_factory=fake_factory)
    assert first.stored == 7
    rest = run_batch(archive, db, scheduler="serial", chunk=4, pipeline_factory=fake_factory)
    assert rest.stored == 15 and rest.duplicates == 7
    assert store_state(db)[0]["articles"] == 22


def test_one_failing_article_is_rejected_and_the_run_goes_on(tmp_path):
    data = rows(3)
    data[1]["text"] = "The depot explodes in a stage fault test."
    db = tmp_path / "f.db"
    summary = run_batch([write_csv(tmp_path / "x.csv", data)], db, scheduler="serial", pipeline_factory=fake_factory)
    assert (summary.stored, summary.rejected) == (2, 1)
    assert summary.rejections[0]["code"] == "WM000" and "ValueError" in summary.rejections[0]["reason"]
    with Store.open(db) as s:
        assert [r.input for r in s.rejections()] == [summary.rejections[0]["input"]]


def test_pipeline_built_once_per_worker(tmp_path, archive):
    backends_mod._PIPELINES.clear()
    before = len(wm_batch_fakes.BUILT)
    run_batch(archive, tmp_path / "o.db", scheduler="serial", chunk=2, pipeline_factory=fake_factory)
    assert len(wm_batch_fakes.BUILT) - before == 1


def test_process_pool_matches_serial(tmp_path, archive):
    serial = run_batch(archive, tmp_path / "a.db", scheduler="serial", chunk=3, pipeline_factory=fake_factory)
    pooled = run_batch(archive, tmp_path / "b.db", scheduler="processes", workers=2, chunk=3, pipeline_factory=fake_factory)
    assert pooled.scheduler == "processes" and pooled.workers == 2
    assert (pooled.stored, pooled.events) == (serial.stored, serial.events)
    assert store_state(tmp_path / "a.db") == store_state(tmp_path / "b.db")


def test_without_dask_clear_error_and_fallback(tmp_path, archive, monkeypatch):
    monkeypatch.setattr(backends_mod, "dask_available", lambda: False)
    with pytest.raises(DaskMissing) as info:
        run_batch(archive, tmp_path / "d.db", scheduler="local", workers=2, pipeline_factory=fake_factory)
    assert isinstance(info.value, ResourceError) and 'pip install "dask[distributed]"' in str(info.value)
    summary = run_batch(archive, tmp_path / "d.db", scheduler=None, workers=2, chunk=6, pipeline_factory=fake_factory)
    assert summary.scheduler == "processes" and summary.stored == 22


@pytest.mark.parametrize(
    "kwargs",
    [{"workers": 0}, {"workers": "2"}, {"chunk": 0}, {"limit": -1}, {"scheduler": "threads-please"}],
)
def test_bad_arguments(tmp_path, archive, kwargs):
    with pytest.raises(UsageError):
        run_batch(archive, tmp_path / "u.db", pipeline_factory=fake_factory, **kwargs)


def test_dask_client_matches_serial(tmp_path, archive):
    distributed = pytest.importorskip("dask.distributed")
    serial = run_batch(archive, tmp_path / "a.db", scheduler="serial", chunk=4, pipeline_factory=fake_factory)
    with distributed.Client(processes=False, n_workers=2, threads_per_worker=1, dashboard_address=None) as client:
        on_dask = run_batch(archive, tmp_path / "c.db", scheduler=client, chunk=4, pipeline_factory=fake_factory)
        assert client.status == "running"  # a client passed in is left open for its owner
    assert on_dask.scheduler == "dask" and on_dask.workers == 2 and on_dask.stored == serial.stored
    assert store_state(tmp_path / "a.db") == store_state(tmp_path / "c.db")


@pytest.mark.slow
def test_dask_local_cluster_processes(tmp_path, archive):
    pytest.importorskip("dask.distributed")
    summary = run_batch(archive, tmp_path / "p.db", scheduler="local", workers=2, chunk=4, pipeline_factory=fake_factory)
    assert summary.scheduler == "dask-local" and summary.stored == 22
    with Store.open(tmp_path / "p.db") as s:
        pids = {e.notes for e in s.events()}
    assert 1 <= len(pids) <= 2  # events come from the cluster's worker processes


@pytest.mark.parametrize("scheduler,workers", [("serial", 1), ("processes", 2)])
def test_warm_start_builds_pipelines_first(tmp_path, archive, scheduler, workers):
    summary = run_batch(archive, tmp_path / "w.db", scheduler=scheduler, workers=workers, warm=True, pipeline_factory=fake_factory)
    assert summary.stored == 22 and summary.startup_seconds >= 0 and summary.to_dict()["articles_per_second"] > 0


def test_archive_folder_is_walked(tmp_path):
    root = tmp_path / "archive"
    (root / "2031" / "05").mkdir(parents=True)
    (root / ".hidden").mkdir()
    write_csv(root / "2031" / "a.csv.gz", rows(2))
    (root / "2031" / "05" / "b.txt").write_text("The Red Brigade and the army fought a clash in Valo on Monday.\n", encoding="utf-8")
    (root / "2031" / "05" / "notes.bin").write_bytes(b"\x00\x01")
    (root / ".hidden" / "c.txt").write_text("ignored", encoding="utf-8")
    case = tmp_path / "cases" / "case-1"
    case.mkdir(parents=True)
    (case / "article.txt").write_text("Residents said a clash broke out in Kern overnight.\n", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    items = list(iter_batch_inputs([root, tmp_path / "cases", empty]))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Article", "Article", "Article", "Article", "Rejection"]
    assert items[0].body.startswith("The Red Brigade") and items[1].case.endswith("a.csv.gz#1") and items[3].case == "case-1"


def test_alerts_hook_on_newly_stored_articles(tmp_path, archive):
    import io as _io

    from warmonitor.alerts import check, notifiers_from, parse_rules

    rules = parse_rules([{"name": "clashes", "sub_event_types": ["Armed clash"], "area": {"center": [40, 30], "radius_km": 5}}])
    out = _io.StringIO()
    seen: set[tuple[str, str]] = set()
    notifiers = notifiers_from(console=True, stream=out)
    sent = []

    def hook(result):
        sent.extend(check(result.events, rules, notifiers, seen))
        if "Report 0:" in result.article.body:
            raise RuntimeError("a broken hook is logged, not raised")

    summary = run_batch(archive, tmp_path / "h.db", scheduler="serial", pipeline_factory=fake_factory, on_stored=hook)
    assert summary.stored == 22 and len(sent) == 11 and out.getvalue().count("\n") == 11
    run_batch(archive, tmp_path / "h.db", scheduler="serial", pipeline_factory=fake_factory, on_stored=hook)
    assert len(sent) == 11  # nothing new stored, nothing alerted


def test_dask_scheduler_address(tmp_path, archive):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(processes=False, n_workers=1, threads_per_worker=1, dashboard_address=None) as cluster:
        summary = run_batch(archive, tmp_path / "addr.db", scheduler=cluster.scheduler_address, chunk=8,
                            pipeline_factory=fake_factory)
    assert summary.scheduler == "dask" and summary.stored == 22


def test_unreachable_scheduler_is_a_usage_error(tmp_path, archive, monkeypatch):
    pytest.importorskip("dask.distributed")
    monkeypatch.setattr(backends_mod, "CONNECT_TIMEOUT_S", 1)
    with pytest.raises(UsageError, match="cannot reach the Dask scheduler"):
        run_batch(archive, tmp_path / "x.db", scheduler="tcp://127.0.0.1:9", pipeline_factory=fake_factory)
