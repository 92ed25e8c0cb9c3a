"""The command line: bad inputs give one line on stderr naming the file, and exit status 2."""
import pytest

from warmonitor.cli import build_parser, main


@pytest.mark.parametrize(
    "name,content,reason_word",
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", b"\x00\x01\x02\x03" * 50, "binary"),
    ],
)
def test_bad_input_is_reported_and_exit_2(tmp_path, capsys, name, content, reason_word):
    bad = tmp_path / name
    bad.write_bytes(content)
    status = main(["extract", str(bad)])
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 2
    assert len(err) == 1 and str(bad) in err[0] and reason_word in err[0].lower()


def test_missing_file_is_reported(tmp_path, capsys):
    status = main(["extract", str(tmp_path / "nope.txt")])
    assert status == 2 and "nope.txt" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["extract", "a", "--format", "table"],
        ["ingest", "a", "b", "--db", "x.db"],
        ["events", "--since", "2024-01-01", "--country", "SY", "--type", "Battles", "--actor", "HTS"],
        ["export", "--format", "geojson"],
        ["eval", "events", "dir", "--out", "p.jsonl"],
        ["eval", "geo", "f.xml", "--mode", "e2e", "--out", "p.jsonl"],
        ["gazetteer", "lookup", "Homs", "--country", "SY"],
        ["control", "changes", "--since", "2024-12-01"],
        ["actors", "lookup", "HTS"],
    ],
)
def test_parser_accepts_documented_commands(argv):
    assert build_parser().parse_args(argv).func is not None


def test_unknown_command_exits_2():
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2


def test_extract_has_background_switch():
    args = build_parser().parse_args(["extract", "a", "--background"])
    assert args.background is True
    assert build_parser().parse_args(["extract", "a"]).background is False


def test_export_per_report(tmp_path, capsys):
    """``export --per-report``: one JSONL row per stored report, event_id = its fused event."""
    import json
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent / "store"))
    from wm_store_factories import story_set

    from warmonitor.store import Store

    db = tmp_path / "wm.db"
    with Store.open(db) as store:
        for r in story_set():
            store.add(r)
    assert main(["export", "--db", str(db), "--format", "jsonl", "--per-report"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(rows) == 5 and len({r["event_id"] for r in rows}) == 3
    assert main(["export", "--db", str(db), "--format", "jsonl"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3
