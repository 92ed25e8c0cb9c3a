"""Watch a store: check new events against the rules every ``interval_s`` seconds (``warmonitor watch``).

The set of alerted (rule, event id) pairs can be kept in a JSON state file so that a restarted watcher
does not alert again.
"""
from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from warmonitor.alerts.notify import Alert, Notifier, check
from warmonitor.alerts.rules import WatchRule
from warmonitor.errors import DataFileError, UsageError

log = logging.getLogger("warmonitor.alerts")


def load_seen(path: str | Path | None) -> set[tuple[str, str]]:
    """The alerted pairs saved by ``save_seen`` (empty when the file does not exist yet)."""
    if path is None or not Path(path).exists():
        return set()
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return {(str(r), str(e)) for r, e in data["seen"]}
    except (ValueError, KeyError, TypeError) as err:
        raise DataFileError(f"not a watch state file: {err}", input=str(path)) from err


def save_seen(path: str | Path, seen: set[tuple[str, str]]) -> None:
    """Write the alerted pairs atomically (a temporary file renamed over the old one)."""
    p = Path(path)
    tmp = p.with_name(p.name + ".tmp")
    tmp.write_text(json.dumps({"seen": sorted(seen)}), encoding="utf-8")
    os.replace(tmp, p)


def watch(
    db: str | Path,
    rules: Iterable[WatchRule],
    notifiers: Iterable[Notifier],
    *,
    since: str | None = None,
    interval_s: float = 60.0,
    rounds: int | None = None,
    state: str | Path | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Alert]:
    """Check the store's events (dated on or after ``since``) every ``interval_s`` seconds.

    ``rounds=None`` runs until interrupted; ``rounds=1`` checks once (a cron job). Returns every alert sent.
    """
    from warmonitor.store import Store

    rules, notifiers = list(rules), list(notifiers)
    if not rules:
        raise UsageError("no watch rules given")
    if interval_s <= 0:
        raise UsageError(f"interval must be positive, got {interval_s}")
    from warmonitor.store.dialect import is_postgres_url

    if str(db) != ":memory:" and not is_postgres_url(str(db)) and not Path(db).is_file():
        raise UsageError("no store at this path (run ingest or batch first)", input=str(db))
    seen = load_seen(state)
    sent: list[Alert] = []
    done = 0
    try:
        while rounds is None or done < rounds:
            with Store.open(db) as store:
                events = store.events(since=since)
            new = check(events, rules, notifiers, seen)
            sent += new
            if state is not None and new:
                save_seen(state, seen)
            done += 1
            if rounds is None or done < rounds:
                sleep(interval_s)
    except KeyboardInterrupt:
        log.info("watch stopped after %d round(s), %d alert(s)", done, len(sent))
    return sent
