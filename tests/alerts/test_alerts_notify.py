"""Alerts: console lines, webhook delivery with bounded retries (no network: ``post`` injected), check, watch."""
from __future__ import annotations

import io
import json
import logging
import sys
from pathlib import Path

import pytest

from warmonitor.alerts import (
    Alert,
    ConsoleNotifier,
    WebhookNotifier,
    check,
    load_seen,
    notifiers_from,
    parse_rules,
    save_seen,
    watch,
)
from warmonitor.errors import UsageError

sys.path.insert(0, str(Path(__file__).parent))
from wm_alert_events import ev  # noqa: E402

RULES = parse_rules(
    [
        {"name": "near-ardel", "area": {"center": [40.0, 30.0], "radius_km": 25}},
        {"name": "deadly", "min_fatalities": 10},
        {"name": "protests", "event_types": ["Protests"]},
    ]
)


class FakePost:
    """Answers with the given status codes in turn (an exception instance is raised instead)."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.calls: list[tuple[str, dict, dict, float]] = []

    def __call__(self, url, body, headers, timeout):
        self.calls.append((url, json.loads(body), headers, timeout))
        answer = self.answers.pop(0) if self.answers else 200
        if isinstance(answer, Exception):
            raise answer
        return answer


def webhook(post, retries=3):
    sleeps: list[float] = []
    return WebhookNotifier("https://hooks.example.org/wm", post=post, retries=retries, sleep=sleeps.append), sleeps


def test_console_one_line_per_alert():
    out = io.StringIO()
    events = [ev(), ev(location="Mirow\nInjected line", latitude=10.0, fatalities=12, article_id="a2")]
    alerts = check(events, RULES, [ConsoleNotifier(out)])
    assert [(a.rule, a.event_id) for a in alerts] == [("near-ardel", events[0].event_id), ("deadly", events[1].event_id)]
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("[near-ardel] 2031-03-04 Armed clash at Ardel, Arcadia by Army of Arcadia vs Red Brigade")
    assert "Mirow Injected line" in lines[1] and "fatalities=12" in lines[1]
    assert all(a.delivered == {"console": True} for a in alerts)


@pytest.mark.parametrize(
    "answers,retries,ok,calls",
    [
        ((200,), 3, True, 1),
        ((503, 502, 204), 3, True, 3),
        ((500, 500, 500, 500), 3, False, 4),
        ((500, 500), 1, False, 2),
        ((404,), 3, False, 1),  # a 4xx is not retried
        ((ConnectionError("refused"), 200), 3, True, 2),
        ((TimeoutError("slow"),) * 5, 2, False, 3),
    ],
)
def test_webhook_retries_are_bounded(answers, retries, ok, calls, caplog):
    post = FakePost(*answers)
    hook, sleeps = webhook(post, retries)
    with caplog.at_level(logging.WARNING, logger="warmonitor.alerts"):
        (alert,) = check([ev()], RULES[:1], [hook])
    assert alert.delivered == {"webhook:https://hooks.example.org/wm": ok}
    assert len(post.calls) == calls and len(sleeps) == calls - 1
    assert sleeps == sorted(sleeps)  # backoff grows
    assert ok or "not delivered" in caplog.text


def test_webhook_payload():
    post = FakePost(200)
    hook, _ = webhook(post)
    check([ev()], RULES[:1], [hook])
    url, body, headers, timeout = post.calls[0]
    assert url == "https://hooks.example.org/wm" and headers["Content-Type"] == "application/json"
    assert body["rule"] == "near-ardel" and body["event"]["location"] == "Ardel" and body["message"].startswith("[near-ardel]")
    assert timeout > 0


@pytest.mark.parametrize("url,retries", [("ftp://x", 3), ("hooks.example.org", 3), ("https://x", -1), ("https://x", 99)])
def test_webhook_bad_config(url, retries):
    with pytest.raises(UsageError):
        WebhookNotifier(url, retries=retries)


class Exploding:
    name = "exploding"

    def send(self, alert: Alert) -> bool:
        raise RuntimeError("boom")


def test_failing_notifier_never_raises_and_others_still_get_it():
    out = io.StringIO()
    (alert,) = check([ev()], RULES[:1], [Exploding(), ConsoleNotifier(out)])
    assert alert.delivered == {"exploding": False, "console": True}
    assert out.getvalue().count("\n") == 1


def test_seen_pairs_alert_once_even_after_renumbering():
    seen: set[tuple[str, str]] = set()
    first = ev()
    assert len(check([first], RULES, [], seen)) == 1
    assert check([first], RULES, [], seen) == []
    # the same real event under a new fused id, with the old event as one of its reports
    fused = ev(article_id="a9")
    fused.reports = [{"event_id": first.event_id}]  # type: ignore[attr-defined]
    assert check([fused], RULES, [], seen) == []


def test_no_match_no_alert():
    assert check([ev(latitude=-40.0, fatalities=0)], RULES, [ConsoleNotifier(io.StringIO())]) == []


def test_seen_state_roundtrip(tmp_path):
    path = tmp_path / "state.json"
    assert load_seen(path) == set()
    save_seen(path, {("r", "ev_1"), ("q", "ev_2")})
    assert load_seen(path) == {("r", "ev_1"), ("q", "ev_2")}


def test_watch_store_once_then_resumes_quietly(tmp_path):
    from warmonitor.context import Result
    from warmonitor.model import Article
    from warmonitor.store import Store

    db = tmp_path / "w.db"
    art = Article(body="Fighting was reported in the hill town of Ardel on Tuesday.", outlet="Courier", published="2031-03-05")
    with Store.open(db) as store:
        store.add(Result(article=art, events=[ev(article_id=art.id)]))
    out = io.StringIO()
    state = tmp_path / "seen.json"
    sleeps: list[float] = []
    sent = watch(db, RULES, [ConsoleNotifier(out)], rounds=2, interval_s=5, state=state, sleep=sleeps.append)
    assert [a.rule for a in sent] == ["near-ardel"] and sleeps == [5]
    assert watch(db, RULES, [ConsoleNotifier(out)], rounds=1, state=state) == []
    assert out.getvalue().count("\n") == 1


def test_watch_needs_rules_and_a_store(tmp_path):
    with pytest.raises(UsageError):
        watch(tmp_path / "w.db", [], [], rounds=1)
    with pytest.raises(UsageError, match="no store"):
        watch(tmp_path / "missing.db", RULES, [], rounds=1)
    assert not (tmp_path / "missing.db").exists()


def test_webhook_without_httpx_is_a_clear_error(monkeypatch):
    from warmonitor.errors import ResourceError

    monkeypatch.setitem(sys.modules, "httpx", None)
    with pytest.raises(ResourceError, match="pip install"):
        WebhookNotifier("https://hooks.example.org/wm")
    WebhookNotifier("https://hooks.example.org/wm", post=FakePost())  # an injected post needs no httpx


def test_notifiers_from():
    out = io.StringIO()
    made = notifiers_from(console=True, webhooks=["https://a.example.org/x", "http://b.example.org/y"], stream=out)
    assert [n.name for n in made] == ["console", "webhook:https://a.example.org/x", "webhook:http://b.example.org/y"]
    assert notifiers_from(console=False) == []
    with pytest.raises(UsageError):
        notifiers_from(webhooks=["not-a-url"])
