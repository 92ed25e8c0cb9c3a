"""The map page embeds data safely: article text can never close the script element."""
import json

import pytest

from warmonitor.web.page import embed_json, render_map

HOSTILE = ['</script><script>alert(1)</script>', "<!-- x", "a\u2028b", "&amp; <b>bold</b>"]


@pytest.mark.parametrize("text", HOSTILE)
def test_embedded_json_cannot_break_out(text):
    out = embed_json({"notes": text})
    assert "<" not in out and ">" not in out
    assert json.loads(out) == {"notes": text}


def test_render_map_embeds_payload():
    page = render_map({"type": "FeatureCollection", "features": []})
    assert "/*WM_DATA*/" not in page and '"FeatureCollection"' in page
