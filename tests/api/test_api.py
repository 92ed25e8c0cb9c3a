"""The HTTP API: OpenAPI, one error shape, the write key, filters and formats, article text for evidence."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")
from fastapi.routing import APIRoute  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from warmonitor.api import create_app  # noqa: E402
from warmonitor.api.app import key_matches  # noqa: E402
from warmonitor.store import Store  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from wm_api_fakes import FakePipeline  # noqa: E402

KEY = "test-key-31-abc"
MAP_HTML = Path(__file__).resolve().parents[2] / "src" / "warmonitor" / "web" / "map.html"

STORIES = [
    {"text": "The Red Brigade attacked Ardel before dawn on Monday, residents said.\n\nTwo fighters died.",
     "outlet": "Courier", "published": "2031-05-02", "headline": "Clashes in Ardel"},
    {"text": "Witnesses said the Blue Front took Mirow on Tuesday after a brief exchange of fire.",
     "outlet": "Herald", "published": "2031-05-03", "headline": "Mirow falls"},
    {"text": "The Red Brigade attacked Tessa <script>alert('x')</script> & fled, a local official said.",
     "outlet": "Gazette", "published": "2031-06-10", "headline": "Raid on Tessa"},
]


@pytest.fixture
def app_env(tmp_path):
    pipe = FakePipeline()
    app = create_app(db=tmp_path / "api.db", api_key=KEY, pipeline=pipe)
    return TestClient(app), pipe, tmp_path / "api.db"


@pytest.fixture
def filled(app_env):
    client, pipe, db = app_env
    for story in STORIES:
        r = client.post("/api/articles", json=story, headers={"X-API-Key": KEY})
        assert r.status_code == 201, r.text
    return client, pipe, db


def assert_error(response, status, code=None):
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == (code or f"WM{status}")
    assert body["error"]["message"] and "\n" not in body["error"]["message"]


def test_openapi_lists_every_route(app_env):
    client, _, _ = app_env
    spec = client.get("/openapi.json").json()
    routes = [r for r in client.app.routes if isinstance(r, APIRoute)]
    assert {r.path for r in routes} >= {"/api/events", "/api/events/{event_id}", "/api/articles", "/api/articles/{article_id}",
                                        "/api/control", "/api/control/changes", "/api/control/{place}", "/"}
    for route in routes:
        for method in route.methods:
            assert method.lower() in spec["paths"][route.path], (method, route.path)


@pytest.mark.parametrize("path", ["/api/events/ev_nope", "/api/articles/nope", "/api/nothing", "/api/events/x/y"])
def test_404_shape(app_env, path):
    assert_error(app_env[0].get(path), 404)


def test_405_shape(app_env):
    assert_error(app_env[0].delete("/api/events"), 405)


@pytest.mark.parametrize("headers", [{}, {"X-API-Key": "wrong"}, {"X-API-Key": KEY[:-1]}, {"X-API-Key": ""}])
def test_writes_need_the_key(app_env, headers):
    client, pipe, db = app_env
    assert_error(client.post("/api/articles", json=STORIES[0], headers=headers), 401)
    assert pipe.calls == 0


def test_writes_disabled_without_a_configured_key(tmp_path, monkeypatch):
    monkeypatch.delenv("WARMONITOR_API_KEY", raising=False)
    client = TestClient(create_app(db=tmp_path / "k.db", pipeline=FakePipeline()))
    assert_error(client.post("/api/articles", json=STORIES[0], headers={"X-API-Key": "anything"}), 403)


def test_key_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("WARMONITOR_API_KEY", "env-key")
    client = TestClient(create_app(db=tmp_path / "e.db", pipeline=FakePipeline()))
    assert client.post("/api/articles", json=STORIES[1], headers={"X-API-Key": "env-key"}).status_code == 201


@pytest.mark.parametrize(
    "given,expected,ok",
    [(KEY, KEY, True), (KEY + "x", KEY, False), ("", KEY, False), (None, KEY, False), (KEY.upper(), KEY, False),
     ("cl\u00e9-\u00e9t\u00e9", "cl\u00e9-\u00e9t\u00e9", True), ("cle-ete", "cl\u00e9-\u00e9t\u00e9", False)],
)
def test_key_matches(given, expected, ok):
    assert key_matches(given, expected) is ok


@pytest.mark.parametrize(
    "payload,code",
    [
        ({"text": ""}, "WM101"),
        ({"text": "   \n\t "}, "WM101"),
        ({"text": "nul\x00byte in the middle of an article text"}, "WM102"),
        ({"html": "<html><body><script>x()</script></body></html>"}, "WM107"),
        ({"text": "a", "html": "<p>b</p>"}, "WM400"),
        ({}, "WM400"),
        ({"text": 42}, "WM400"),
        ({"text": "fine text", "published": ["not", "a", "string"]}, "WM400"),
    ],
)
def test_bad_input_is_400_with_its_code(app_env, payload, code):
    client, pipe, _ = app_env
    assert_error(client.post("/api/articles", json=payload, headers={"X-API-Key": KEY}), 400, code)
    assert pipe.calls == 0


def test_not_json_is_400(app_env):
    client, _, _ = app_env
    r = client.post("/api/articles", content=b"{not json", headers={"X-API-Key": KEY, "Content-Type": "application/json"})
    assert_error(r, 400, "WM400")


def test_too_large_is_413(app_env):
    client, _, _ = app_env
    r = client.post("/api/articles", content=b"x", headers={"X-API-Key": KEY, "Content-Length": str(50 * 1024 * 1024)})
    assert_error(r, 413, "WM105")


@pytest.mark.parametrize(
    "query", ["format=xml", "since=yesterday", "until=2031-5-1", "limit=0", "offset=-1", "limit=ten"]
)
def test_bad_query_is_400(app_env, query):
    assert_error(app_env[0].get(f"/api/events?{query}"), 400, "WM400")


def test_post_stores_and_returns_events_and_repost_changes_nothing(app_env):
    client, pipe, db = app_env
    r = client.post("/api/articles", json=STORIES[0], headers={"X-API-Key": KEY})
    assert r.status_code == 201
    body = r.json()
    assert body["added"] is True and len(body["events"]) == 1
    ev = body["events"][0]
    assert ev["location"] == "Ardel" and ev["article_id"] == body["article_id"]
    assert body["fused_ids"][ev["event_id"]]
    with Store.open(db) as s:
        before = s.counts()
    again = client.post("/api/articles", json=STORIES[0], headers={"X-API-Key": KEY})
    assert again.status_code == 200 and again.json()["added"] is False
    assert again.json()["events"] == body["events"] and pipe.calls == 1
    with Store.open(db) as s:
        assert s.counts() == before


def test_post_html(app_env):
    client, _, _ = app_env
    html = "<html><head><title>Ardel</title></head><body><article><p>" + STORIES[0]["text"] + "</p></article></body></html>"
    r = client.post("/api/articles", json={"html": html, "published": "2031-05-02"}, headers={"X-API-Key": KEY})
    assert r.status_code == 201 and r.json()["events"][0]["location"] == "Ardel"


@pytest.mark.parametrize(
    "query,locations",
    [
        ("", ["Ardel", "Mirow", "Tessa"]),
        ("country=XA", ["Ardel", "Mirow", "Tessa"]),
        ("country=xb", []),
        ("type=Battles", ["Ardel", "Tessa"]),
        ("type=non-state actor overtakes territory", ["Mirow"]),
        ("actor=red brig", ["Ardel", "Tessa"]),
        ("since=2031-05-03", ["Mirow", "Tessa"]),
        ("until=2031-05-02", ["Ardel"]),
        ("since=2031-05-01&until=2031-05-31", ["Ardel", "Mirow"]),
        ("limit=1&offset=1", ["Mirow"]),
    ],
)
def test_event_filters(filled, query, locations):
    r = filled[0].get(f"/api/events?{query}")
    assert r.status_code == 200
    assert [e["location"] for e in r.json()] == locations


def test_geojson_format(filled):
    fc = filled[0].get("/api/events?format=geojson&type=Battles").json()
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 2
    f = fc["features"][0]
    assert f["geometry"] == {"type": "Point", "coordinates": [30.0, 40.0]}
    assert f["properties"]["event_id"] and f["properties"]["location"] == "Ardel"


def test_event_by_id_and_by_report_id(filled):
    client = filled[0]
    (listed,) = client.get("/api/events?type=Battles&until=2031-05-02").json()
    one = client.get(f"/api/events/{listed['event_id']}").json()
    assert one["event_id"] == listed["event_id"] and one["reports"]
    report_id = one["reports"][0]["event_id"]
    assert client.get(f"/api/events/{report_id}").json()["event_id"] == listed["event_id"]


def test_article_text_and_evidence_spans_line_up(filled):
    client = filled[0]
    (ev,) = client.get("/api/events?actor=red&since=2031-06-01").json()
    report = ev["reports"][0]
    r = client.get(f"/api/articles/{report['article_id']}")
    assert r.headers["content-type"].startswith("application/json")
    art = r.json()
    assert "<script>alert('x')</script> &" in art["body"]  # stored and served as text, never as markup
    assert art["events"][0]["event_id"] == report["event_id"]
    for spans in report["evidence"].values():
        for span in spans:
            assert art["body"][span["start"]:span["end"]] == span["text"]


def test_control(filled):
    client = filled[0]
    snap = client.get("/api/control").json()
    assert snap["type"] == "FeatureCollection"
    assert any(f["properties"].get("place") == "Mirow" for f in snap["features"])
    rows = client.get("/api/control/Mirow").json()
    assert isinstance(rows, list)
    assert_error(client.get("/api/control?at=soon"), 400, "WM400")


def test_page_served(app_env):
    r = app_env[0].get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "api/events?format=geojson" in r.text and '"api/articles/"' in r.text


# -- the page renders article text safely -------------------------------------------------------------
UNSAFE_SINKS = re.compile(r"\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(")


def test_page_uses_no_html_sinks():
    assert not UNSAFE_SINKS.search(MAP_HTML.read_text(encoding="utf-8"))


def _segments_js() -> str:
    page = MAP_HTML.read_text(encoding="utf-8")
    m = re.search(r"// BEGIN evidenceSegments\n(.*?)// END evidenceSegments", page, re.S)
    assert m, "map.html must define evidenceSegments between its markers"
    return m.group(1)


SEGMENT_CASES = [
    # body, spans, expected [text, field-or-null] segments
    ("abc <b>x</b> def", [{"start": 4, "end": 12, "text": "<b>x</b>", "field": "location"}],
     [["abc ", None], ["<b>x</b>", "location"], [" def", None]]),
    ("one two three", [{"start": 4, "end": 7, "text": "two", "field": "a"}, {"start": 0, "end": 3, "text": "one", "field": "b"}],
     [["one", "b"], [" ", None], ["two", "a"], [" three", None]]),
    ("overlap here", [{"start": 0, "end": 7, "text": "overlap", "field": "a"}, {"start": 4, "end": 12, "text": "lap here", "field": "b"}],
     [["overlap", "a"], [" here", "b"]]),
    ("stale spans are skipped", [{"start": 0, "end": 5, "text": "STALE", "field": "a"}, {"start": 50, "end": 60, "text": "x", "field": "b"}],
     [["stale spans are skipped", None]]),
    ("\U0001F600 in Ardel", [{"start": 5, "end": 10, "text": "Ardel", "field": "location"}],  # code points, as in Python
     [["\U0001F600 in ", None], ["Ardel", "location"]]),
    ("", [{"start": 0, "end": 1, "text": "x", "field": "a"}], []),
]


@pytest.mark.skipif(shutil.which("node") is None, reason="node not installed")
@pytest.mark.parametrize("body,spans,expected", SEGMENT_CASES)
def test_evidence_segments_in_node(body, spans, expected):
    import json

    script = _segments_js() + f"\nprocess.stdout.write(JSON.stringify(evidenceSegments({json.dumps(body)}, {json.dumps(spans)})));"
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=30, check=True).stdout
    assert json.loads(out) == expected


@pytest.mark.skipif(shutil.which("node") is None, reason="node not installed")
def test_page_script_parses(tmp_path):
    scripts = re.findall(r"<script>(.*?)</script>", MAP_HTML.read_text(encoding="utf-8"), re.S)
    path = tmp_path / "page.js"
    path.write_text(scripts[-1], encoding="utf-8")
    subprocess.run(["node", "--check", str(path)], capture_output=True, text=True, timeout=30, check=True)


@pytest.mark.slow
def test_real_pipeline_once(tmp_path):
    """The real pipeline behind the API (spaCy loaded once per session): events whose evidence lines up."""
    from warmonitor.pipeline import Pipeline

    client = TestClient(create_app(db=tmp_path / "real.db", api_key=KEY, pipeline=Pipeline()))
    story = {
        "text": "Government forces shelled the town of Kafr Nabl in Idlib province on Tuesday, killing four "
                "civilians, a local civil defence official said.\n\nResidents said the bombardment lasted hours.",
        "published": "2031-03-04", "outlet": "Courier",
    }
    r = client.post("/api/articles", json=story, headers={"X-API-Key": KEY})
    assert r.status_code == 201 and r.json()["events"]
    body = client.get(f"/api/articles/{r.json()['article_id']}").json()["body"]
    for ev in r.json()["events"]:
        assert ev["event_type"] and ev["evidence"]
        for spans in ev["evidence"].values():
            assert all(body[s["start"]:s["end"]] == s["text"] for s in spans)
    again = client.post("/api/articles", json=story, headers={"X-API-Key": KEY})
    assert again.status_code == 200 and again.json()["added"] is False
    assert len(client.get("/api/events?format=geojson").json()["features"]) >= 1


def test_posted_articles_are_checked_against_watch_rules(tmp_path):
    import io

    from warmonitor.alerts import ConsoleNotifier, parse_rules

    out = io.StringIO()
    rules = parse_rules([{"name": "takeovers", "event_types": ["Strategic developments"]}])
    client = TestClient(create_app(db=tmp_path / "w.db", api_key=KEY, pipeline=FakePipeline(), rules=rules,
                                   notifiers=[ConsoleNotifier(out)]))
    first = client.post("/api/articles", json=STORIES[0], headers={"X-API-Key": KEY}).json()
    assert first["alerts"] == []
    second = client.post("/api/articles", json=STORIES[1], headers={"X-API-Key": KEY}).json()
    assert [a["rule"] for a in second["alerts"]] == ["takeovers"] and second["alerts"][0]["event"]["location"] == "Mirow"
    assert out.getvalue().startswith("[takeovers] 2031-05-03") and out.getvalue().count("\n") == 1
    again = client.post("/api/articles", json=STORIES[1], headers={"X-API-Key": KEY}).json()
    assert "alerts" not in again and out.getvalue().count("\n") == 1


class BrokenPipeline:
    def process(self, article):
        raise RuntimeError("a stage broke with /secret/path in its message")


def test_unexpected_errors_are_500_in_the_same_shape(tmp_path):
    client = TestClient(create_app(db=tmp_path / "b.db", api_key=KEY, pipeline=BrokenPipeline()),
                        raise_server_exceptions=False)
    r = client.post("/api/articles", json=STORIES[0], headers={"X-API-Key": KEY})
    assert_error(r, 500, "WM500")
    assert "/secret/path" not in r.text  # internals are not leaked
    with Store.open(tmp_path / "b.db") as s:
        assert s.counts()["articles"] == 0


def test_search_articles(filled):
    client = filled[0]
    hits = client.get("/api/articles?q=Mirow").json()
    assert [h["headline"] for h in hits] == ["Mirow falls"] and hits[0]["events"] == 1
    assert client.get("/api/articles?q=nowhere").json() == []
    assert_error(client.get("/api/articles"), 400, "WM400")
    assert_error(client.get('/api/articles?q="unbalanced'), 400, "WM400")


def test_control_change_feed(filled):
    client = filled[0]
    feed = client.get("/api/control/changes").json()
    assert [(c["place"], c["controller"], c["date"]) for c in feed] == [("Mirow", "Blue Front", "2031-05-03")]
    assert client.get("/api/control/changes?since=2031-06-01").json() == []
    assert_error(client.get("/api/control/changes?since=later"), 400, "WM400")
