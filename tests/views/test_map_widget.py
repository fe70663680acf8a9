"""The company map: tiles from a tile server (here a local one) cached on disk and reused
offline; with no server, or no coordinates, the address, the French coordinates and a link
to the browser — in bounded time, with no dialog."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QMessageBox

from cpro_desktop.views.activities import map_widget
from cpro_desktop.views.activities.map_widget import (
    OSM_ATTRIBUTION,
    USER_AGENT,
    CompanyMap,
    TileCache,
    TileKey,
    format_coordinates,
    tile_position,
)

NAME = "Électricité Générale Dupont"
ADDRESS = "8 avenue Pasteur, 93100 Montreuil"
LAT, LON = 48.8638, 2.4485
TIMEOUT_MS = 1500


def tile_png() -> bytes:
    """A 256 × 256 PNG tile: a light background with a grid."""
    image = QImage(256, 256, QImage.Format.Format_RGB32)
    image.fill(QColor("#cfe3c8"))
    painter = QPainter(image)
    painter.setPen(QColor("#7a9a70"))
    painter.drawRect(0, 0, 255, 255)
    painter.drawLine(0, 128, 256, 128)
    painter.drawLine(128, 0, 128, 256)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


class TileServer:
    """A tile server on 127.0.0.1 answering any /z/x/y.png with the same PNG."""

    def __init__(self, png: bytes) -> None:
        self.requests: list[tuple[str, str]] = []
        self.cache_headers: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append((self.path, self.headers.get("User-Agent", "")))
                for name in ("Cache-Control", "Pragma"):
                    if name in self.headers:
                        server.cache_headers.append(f"{name}: {self.headers[name]}")
                parts = self.path.strip("/").removesuffix(".png").split("/")
                if len(parts) != 3 or not all(p.isdigit() for p in parts):
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(png)))
                self.end_headers()
                self.wfile.write(png)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def template(self) -> str:
        return f"http://127.0.0.1:{self.port}/{{z}}/{{x}}/{{y}}.png"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


@pytest.fixture
def tile_server() -> Iterator[TileServer]:
    server = TileServer(tile_png())
    yield server
    server.stop()


def closed_port_template() -> str:
    """A tile URL on a local port nobody listens on (connection refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png"


@pytest.fixture(autouse=True)
def no_dialogs_no_browser(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Any message box fails the test; the browser is replaced by a list of URLs."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the map widget must never show a dialog")

    for name in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, refuse)
    opened: list[str] = []
    monkeypatch.setattr(map_widget, "open_in_browser", lambda url: opened.append(url) or True)
    return opened


def make_map(qtbot, template: str, cache: Path) -> CompanyMap:
    widget = CompanyMap(template, cache, timeout_ms=TIMEOUT_MS)
    qtbot.addWidget(widget)
    widget.resize(640, 420)
    widget.show()
    return widget


def cached_tiles(cache: Path) -> list[Path]:
    return sorted(cache.rglob("*.png"))


def test_coordinates_are_written_the_french_way() -> None:
    """Decimal commas, degrees, N/S and E/O."""
    assert format_coordinates(LAT, LON) == "48,8638° N, 2,4485° E"
    assert format_coordinates(-33.86882, -151.20929) == "33,8688° S, 151,2093° O"


def test_web_mercator_tile_of_a_known_place() -> None:
    """London at zoom 10 is OSM's tile 10/511/340; (0°, 0°) is the corner of four tiles."""
    x, y = tile_position(51.5074, -0.1278, 10)
    assert (int(x), int(y)) == (511, 340)
    assert tile_position(0.0, 0.0, 1) == (1.0, 1.0)
    x, y = tile_position(LAT, LON, 16)
    assert (int(x), int(y)) == (33213, 22544)


def test_tiles_from_a_server_that_answers_are_shown_and_cached(
    qtbot, tile_server: TileServer, tmp_path: Path
) -> None:
    """With a local tile server, the widget shows the map (at least the 3 × 3 tiles around
    the company), asks with CPRO's User-Agent and no "no-cache" header (OSM's tile policy),
    and keeps every tile on disk as z/x/y.png."""
    cache = tmp_path / "tiles"
    widget = make_map(qtbot, tile_server.template, cache)
    widget.set_location(NAME, ADDRESS, LAT, LON)
    qtbot.waitUntil(lambda: widget.loaded_count >= 9 and widget.pending_count == 0, timeout=5000)
    assert widget.showing_map
    assert widget.zoom == 16
    assert {agent for _, agent in tile_server.requests} == {USER_AGENT}
    assert tile_server.cache_headers == []
    assert "/16/33213/22544.png" in {path for path, _ in tile_server.requests}
    files = cached_tiles(cache)
    assert len(files) == widget.loaded_count
    centre = [f for f in files if f.parts[-3:] == ("16", "33213", "22544.png")]
    assert centre and centre[0].read_bytes() == tile_png()
    assert "48,8638° N, 2,4485° E" in widget.caption.text()
    # Not OpenStreetMap's server: no OSM attribution is claimed.
    assert widget.view.attribution == ""


def test_zoom_buttons_load_the_next_zoom(qtbot, tile_server: TileServer, tmp_path) -> None:
    """Zooming in asks for zoom 17 tiles; zooming back out shows zoom 16 from the cache."""
    widget = make_map(qtbot, tile_server.template, tmp_path / "tiles")
    widget.set_location(NAME, ADDRESS, LAT, LON)
    qtbot.waitUntil(lambda: widget.loaded_count >= 9 and widget.pending_count == 0, timeout=5000)
    qtbot.mouseClick(widget.view.zoom_in, Qt.MouseButton.LeftButton)
    assert widget.zoom == 17
    qtbot.waitUntil(lambda: widget.loaded_count >= 9 and widget.pending_count == 0, timeout=5000)
    assert any(path.startswith("/17/") for path, _ in tile_server.requests)
    asked = len(tile_server.requests)
    qtbot.mouseClick(widget.view.zoom_out, Qt.MouseButton.LeftButton)
    assert widget.zoom == 16 and widget.loaded_count >= 9  # at once, from the disk
    assert len(tile_server.requests) == asked


def test_no_server_shows_the_address_coordinates_and_a_link(
    qtbot, tmp_path: Path, no_dialogs_no_browser: list[str]
) -> None:
    """With no server answering, the widget soon shows the name, address, coordinates and
    a link that opens OpenStreetMap in the browser; no dialog, no tile, nothing cached."""
    cache = tmp_path / "tiles"
    widget = make_map(qtbot, closed_port_template(), cache)
    with qtbot.waitSignal(widget.map_unavailable, timeout=TIMEOUT_MS + 2000):
        widget.set_location(NAME, ADDRESS, LAT, LON)
    assert not widget.showing_map and widget.loaded_count == 0
    shown = widget.fallback_text()
    for expected in (NAME, ADDRESS, "48,8638° N, 2,4485° E", "aucun serveur de cartes"):
        assert expected in shown, expected
    assert widget.fallback_link.isVisible()
    assert widget.fallback_link.text() == "Ouvrir la carte dans le navigateur"
    qtbot.mouseClick(widget.fallback_link, Qt.MouseButton.LeftButton)
    assert no_dialogs_no_browser == [
        "https://www.openstreetmap.org/?mlat=48.86380&mlon=2.44850#map=16/48.86380/2.44850"
    ]
    assert cached_tiles(cache) == []


def test_a_server_that_never_answers_times_out_to_the_fallback(qtbot, tmp_path: Path) -> None:
    """A server that accepts connections but never answers: after the request timeout the
    fallback says so; the window stayed responsive meanwhile (the event loop ran)."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(64)
        port = silent.getsockname()[1]
        widget = make_map(qtbot, f"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png", tmp_path)
        ticks: list[int] = []
        timer = QTimer(widget)
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start(50)
        started = time.monotonic()
        with qtbot.waitSignal(widget.map_unavailable, timeout=TIMEOUT_MS * 3):
            widget.set_location(NAME, ADDRESS, LAT, LON)
            assert "Chargement de la carte" in widget.fallback_text()
        elapsed = time.monotonic() - started
    assert TIMEOUT_MS / 1000 * 0.8 <= elapsed < TIMEOUT_MS / 1000 * 2.5
    assert len(ticks) >= 10  # the GUI thread kept running its timers while waiting
    assert "aucun serveur de cartes" in widget.fallback_text()
    assert widget.retry_button.isVisible()


def test_cached_tiles_are_shown_offline(qtbot, tile_server: TileServer, tmp_path) -> None:
    """Once the server is gone, a new widget on the same cache shows the tiles it has."""
    cache = tmp_path / "tiles"
    first = make_map(qtbot, tile_server.template, cache)
    first.set_location(NAME, ADDRESS, LAT, LON)
    qtbot.waitUntil(lambda: first.loaded_count >= 9 and first.pending_count == 0, timeout=5000)
    shown = first.loaded_count
    template = tile_server.template
    tile_server.stop()
    second = make_map(qtbot, template, cache)
    second.set_location(NAME, ADDRESS, LAT, LON)
    assert second.showing_map and second.loaded_count == shown
    qtbot.waitUntil(lambda: second.pending_count == 0, timeout=TIMEOUT_MS + 2000)
    assert second.showing_map


def test_no_coordinates_shows_the_address_and_a_search_link(
    qtbot, tile_server: TileServer, tmp_path: Path, no_dialogs_no_browser: list[str]
) -> None:
    """Without coordinates nothing is asked of the server: the name and address, and a
    link that searches the address in the browser."""
    widget = make_map(qtbot, tile_server.template, tmp_path / "tiles")
    widget.set_location(NAME, ADDRESS, None, None)
    assert not widget.showing_map and widget.pending_count == 0
    shown = widget.fallback_text()
    assert NAME in shown and ADDRESS in shown and "°" not in shown
    assert "coordonnées de l'entreprise sont inconnues" in shown
    assert widget.fallback_link.text() == "Rechercher l'adresse dans le navigateur"
    qtbot.mouseClick(widget.fallback_link, Qt.MouseButton.LeftButton)
    assert no_dialogs_no_browser == [
        "https://www.openstreetmap.org/search?query=8%20avenue%20Pasteur%2C%2093100%20Montreuil"
    ]
    assert tile_server.requests == []


def test_user_text_is_shown_as_text_not_markup(qtbot, tmp_path: Path) -> None:
    """A company named with HTML prints literally in the fallback."""
    widget = make_map(qtbot, "", tmp_path / "tiles")
    widget.set_location("Zoë <b>&amp; Cie</b>", "1 rue <i>x</i>", 48.0, 2.0)
    shown = widget.fallback_text()
    assert "Zoë <b>&amp; Cie</b>" in shown and "1 rue <i>x</i>" in shown
    assert "Aucun serveur de cartes n'est configuré" in shown


def test_osm_server_gets_its_attribution(qtbot, tmp_path: Path) -> None:
    """The default OpenStreetMap server's tiles carry "© OpenStreetMap contributors"."""
    widget = CompanyMap("https://tile.openstreetmap.org/{z}/{x}/{y}.png", tmp_path)
    qtbot.addWidget(widget)
    assert widget.view.attribution == OSM_ATTRIBUTION


def test_cache_evicts_least_recently_used_tiles_past_its_budget(tmp_path: Path) -> None:
    """Past its byte budget the cache deletes the tiles read least recently first."""
    cache = TileCache(tmp_path, "http://127.0.0.1:1/{z}/{x}/{y}.png", max_bytes=10_000)
    blob = b"x" * 3_000
    keys = [TileKey(16, x, 1) for x in range(3)]
    for key in keys:
        cache.write(key, blob)
    assert cache.size() == 9_000
    old = 1_000_000_000
    for n, key in enumerate(keys):
        os.utime(cache.path(key), (old + n, old + n))
    assert cache.read(keys[0]) == blob  # read: now the most recent
    cache.write(TileKey(16, 9, 1), blob)  # 12,000 bytes > 10,000: down to 8,000
    assert cache.size() <= 8_000
    assert cache.read(keys[0]) == blob
    assert not cache.path(keys[1]).exists()
    assert cache.path(TileKey(16, 9, 1)).exists()
