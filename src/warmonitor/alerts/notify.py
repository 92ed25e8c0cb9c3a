"""Alerts and where they go: ``Alert``, the ``Notifier`` protocol, console and webhook notifiers, ``check``.

A notifier never raises into the pipeline: a failed delivery is logged and reported as ``False``.
"""
from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol, TextIO

from warmonitor.alerts.rules import WatchRule, match
from warmonitor.errors import ResourceError, UsageError

log = logging.getLogger("warmonitor.alerts")
HTTPX_INSTALL = 'pip install "httpx>=0.27"'

# What an alert carries of its event (plain JSON types).
EVENT_FIELDS = (
    "event_id", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "iso", "admin1",
    "location", "latitude", "longitude", "geo_precision", "fatalities", "confidence", "source", "article_id",
)


@dataclass
class Alert:
    """One rule matched by one event. ``delivered`` maps each notifier's name to whether it got it."""

    rule: str
    event_id: str
    event: dict[str, Any]
    delivered: dict[str, bool] = field(default_factory=dict)

    @classmethod
    def of(cls, rule: WatchRule, event: Any) -> Alert:
        data = {k: getattr(event, k, None) for k in EVENT_FIELDS}
        corroboration = getattr(event, "corroboration", None)
        if corroboration is not None:
            data["corroboration"] = corroboration
        return cls(rule=rule.name, event_id=event.event_id, event=data)

    def line(self) -> str:
        """One human-readable line (no newlines, whatever the event text holds)."""
        e = self.event
        where = e.get("location") or "?"
        if e.get("country"):
            where += f", {e['country']}"
        parts = [
            f"[{self.rule}]", e.get("event_date") or "????-??-??", f"{e.get('sub_event_type') or e.get('event_type')}",
            f"at {where}",
        ]
        if e.get("actor1"):
            parts.append(f"by {e['actor1']}" + (f" vs {e['actor2']}" if e.get("actor2") else ""))
        if e.get("fatalities"):
            parts.append(f"fatalities={e['fatalities']}")
        parts.append(f"confidence={float(e.get('confidence') or 0):.2f}")
        parts.append(self.event_id)
        return " ".join(" ".join(str(p).split()) for p in parts)

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "event_id": self.event_id, "event": dict(self.event), "message": self.line()}


class Notifier(Protocol):
    """Something that delivers alerts. ``send`` returns whether it succeeded and never raises."""

    name: str

    def send(self, alert: Alert) -> bool: ...


class ConsoleNotifier:
    """One line per alert to a text stream (standard output by default)."""

    name = "console"

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream

    def send(self, alert: Alert) -> bool:
        try:
            out = self.stream or sys.stdout
            out.write(alert.line() + "\n")
            out.flush()
            return True
        except Exception as err:  # noqa: BLE001 - a notifier never raises into the pipeline
            log.warning("console alert %s/%s not written: %s", alert.rule, alert.event_id, err)
            return False


PostFn = Callable[[str, bytes, dict[str, str], float], int]


def httpx_post(url: str, body: bytes, headers: dict[str, str], timeout: float) -> int:
    """POST ``body`` with httpx; returns the status code (raises on transport errors)."""
    import httpx

    return httpx.post(url, content=body, headers=headers, timeout=timeout).status_code


class WebhookNotifier:
    """POST each alert as JSON to ``url``.

    ``post(url, body, headers, timeout) -> status`` is injectable (default: httpx). A 5xx answer or a
    transport error is retried up to ``retries`` more times with exponential backoff (``sleep`` is
    injectable too); a 4xx is not retried. Failures are logged, never raised.
    """

    name = "webhook"

    def __init__(
        self,
        url: str,
        post: PostFn | None = None,
        retries: int = 3,
        backoff_s: float = 0.5,
        timeout_s: float = 10.0,
        headers: dict[str, str] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise UsageError("webhook url must start with http:// or https://", input=str(url))
        if retries < 0 or retries > 10:
            raise UsageError(f"webhook retries must be in [0, 10], got {retries}", input=url)
        if post is None:
            try:
                import httpx  # noqa: F401
            except ImportError as err:
                raise ResourceError(f"webhooks need httpx; install it with: {HTTPX_INSTALL}", input=url) from err
        self.url = url
        self.name = f"webhook:{url}"
        self.post = post or httpx_post
        self.retries = retries
        self.backoff_s = backoff_s
        self.timeout_s = timeout_s
        self.headers = {"Content-Type": "application/json", **(headers or {})}
        self.sleep = sleep

    def send(self, alert: Alert) -> bool:
        body = json.dumps(alert.to_dict(), ensure_ascii=False).encode("utf-8")
        for attempt in range(self.retries + 1):
            try:
                status = int(self.post(self.url, body, dict(self.headers), self.timeout_s))
            except Exception as err:  # noqa: BLE001 - network errors are retried, then logged
                reason = f"{type(err).__name__}: {err}"
            else:
                if 200 <= status < 300:
                    return True
                reason = f"HTTP {status}"
                if status < 500:
                    break  # the receiver refuses this alert: retrying will not help
            if attempt < self.retries:
                self.sleep(self.backoff_s * (2**attempt))
        log.warning("webhook %s: alert %s/%s not delivered: %s", self.url, alert.rule, alert.event_id, reason)
        return False


def notifiers_from(console: bool = True, webhooks: Iterable[str] = (), stream: TextIO | None = None,
                   retries: int = 3) -> list[Any]:
    """The notifiers a command line asks for: the console (to ``stream``) and one per webhook URL."""
    out: list[Any] = [ConsoleNotifier(stream)] if console else []
    out += [WebhookNotifier(url, retries=retries) for url in webhooks]
    return out


def ids_of(event: Any) -> set[str]:
    """The event's id and, for a fused event, the ids of the reports behind it."""
    ids = {event.event_id}
    for report in getattr(event, "reports", None) or []:
        if isinstance(report, dict) and report.get("event_id"):
            ids.add(str(report["event_id"]))
    return ids


def check(
    events: Iterable[Any],
    rules: Iterable[WatchRule],
    notifiers: Iterable[Notifier],
    seen: set[tuple[str, str]] | None = None,
) -> list[Alert]:
    """Send an alert for every (rule, event) that matches, to every notifier; return the alerts sent.

    ``seen`` holds (rule name, id) pairs already alerted: an event is skipped when its id or the id of
    any of its reports is there, and its ids are added once sent, so a watcher that checks the store
    again and again alerts once per event and rule, even after fusion re-numbers the event.
    """
    rules = list(rules)
    notifiers = list(notifiers)
    sent: list[Alert] = []
    for event in events:
        for rule in rules:
            keys = {(rule.name, i) for i in ids_of(event)}
            if (seen is not None and keys & seen) or not match(rule, event):
                continue
            alert = Alert.of(rule, event)
            for notifier in notifiers:
                ok = False
                try:
                    ok = bool(notifier.send(alert))
                except Exception as err:  # noqa: BLE001 - a custom notifier that raises is contained here
                    log.warning("notifier %s failed on %s/%s: %s", getattr(notifier, "name", notifier), rule.name, event.event_id, err)
                alert.delivered[getattr(notifier, "name", type(notifier).__name__)] = ok
            if seen is not None:
                seen |= keys
            sent.append(alert)
    return sent
