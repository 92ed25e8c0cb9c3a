"""The map page in a real headless browser: the event detail shows the article with evidence marked, and
markup inside article text stays text (never parsed as HTML)."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

uvicorn = pytest.importorskip("uvicorn")
pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from warmonitor.api import create_app  # noqa: E402
from warmonitor.web.page import find_node_modules  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from wm_api_fakes import FakePipeline  # noqa: E402

BROWSER = next((shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
HOSTILE = "The Red Brigade attacked Tessa <script>document.title='owned'</script> & <img src=x onerror=alert(1)> fled."


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
@pytest.mark.skipif(BROWSER is None, reason="no headless Chromium")
@pytest.mark.skipif(find_node_modules(Path(__file__).resolve().parents[2]) is None, reason="Leaflet not installed (npm install)")
def test_detail_view_marks_evidence_and_escapes_text(tmp_path):
    app = create_app(db=tmp_path / "page.db", api_key="k", pipeline=FakePipeline())
    posted = TestClient(app).post("/api/articles", json={"text": HOSTILE, "published": "2031-06-10", "outlet": "Gazette",
                                                         "headline": "Raid <b>on</b> Tessa"}, headers={"X-API-Key": "k"})
    (event_id,) = set(posted.json()["fused_ids"].values())
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(100):
            if server.started:
                break
            time.sleep(0.05)
        dom = subprocess.run(
            [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000", "--dump-dom",
             f"http://127.0.0.1:{port}/#event={event_id}"],
            capture_output=True, text=True, timeout=90,
        ).stdout
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert "<title>warmonitor map</title>" in dom  # the script in the article did not run
    assert '<mark class="f-location" title="location">Tessa</mark>' in dom
    assert '<mark class="f-actor1" title="actor1">Red Brigade</mark>' in dom
    assert "&lt;script&gt;document.title='owned'&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;" in dom
    assert "Raid &lt;b&gt;on&lt;/b&gt; Tessa" in dom and 'onerror="alert(1)"' not in dom
