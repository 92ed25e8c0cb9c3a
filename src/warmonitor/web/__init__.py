"""The offline web map: one HTML page (``map.html``) plus Leaflet, topojson-client and world-atlas,
installed from npm at setup time and copied beside the page (never committed; no tile server)."""
from warmonitor.web.page import copy_vendor, render_map

__all__ = ["copy_vendor", "render_map"]
