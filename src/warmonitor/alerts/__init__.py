"""Alerts: watch rules as data (area, country, actor, event type, confidence, fatalities) checked against
events and delivered to the console or a webhook.

``load_rules(path)``, ``match(rule, event)``, ``check(events, rules, notifiers)``, ``watch(db, rules, ...)``.
"""
from warmonitor.alerts.notify import (
    Alert,
    ConsoleNotifier,
    Notifier,
    WebhookNotifier,
    check,
    httpx_post,
    ids_of,
    notifiers_from,
)
from warmonitor.alerts.rules import Area, WatchRule, haversine_km, load_rules, match, parse_rule, parse_rules
from warmonitor.alerts.watch import load_seen, save_seen, watch

__all__ = [
    "Alert",
    "Area",
    "ConsoleNotifier",
    "Notifier",
    "WatchRule",
    "WebhookNotifier",
    "check",
    "haversine_km",
    "httpx_post",
    "ids_of",
    "load_rules",
    "load_seen",
    "match",
    "notifiers_from",
    "parse_rule",
    "parse_rules",
    "save_seen",
    "watch",
]
