"""The company's location on a map ("Géolocalisation de l'entreprise", logbook page 3).

`CompanyMap` draws the tiles of a configurable XYZ tile server (an URL template such as
"https://tile.openstreetmap.org/{z}/{x}/{y}.png", Web Mercator, 256-pixel tiles) around the
company's coordinates, with a marker, zoom buttons and the attribution the server asks for.
Tiles are fetched asynchronously with `QNetworkAccessManager` (a transfer timeout per
request, the User-Agent OpenStreetMap's tile usage policy asks for) and kept on disk under
`cache_dir/<server>/z/x/y.png`, reused offline; the cache is bounded (least recently used
tiles go first).

Until a tile is shown, and whenever none can be (no server answers, no coordinates, an
empty server URL), the widget shows the company's name, address and coordinates written
the French way ("48,8638° N, 2,4485° E") with a link that opens the map in the browser
(`open_in_browser()`, which tests replace) — never an error dialog, never a frozen window:
the network never runs on the GUI thread, and the first connection failure gives up the
other pending tiles of the view.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import quote, urlsplit

from PySide6.QtCore import QByteArray, QPointF, QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFont,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cpro_desktop.files import atomic_write, private_dir

__all__ = [
    "DEFAULT_TIMEOUT_MS",
    "MAX_CACHE_BYTES",
    "OSM_ATTRIBUTION",
    "USER_AGENT",
    "CompanyMap",
    "TileCache",
    "TileKey",
    "browser_url",
    "format_coordinates",
    "open_in_browser",
    "tile_position",
]

TILE_SIZE = 256
DEFAULT_ZOOM = 16
MIN_ZOOM, MAX_ZOOM = 3, 19
DEFAULT_TIMEOUT_MS = 5_000
MAX_CACHE_BYTES = 50 * 1024 * 1024
#: Once over budget, evict down to this share of it (so that eviction is not per tile).
CACHE_LOW_WATER = 0.8
#: A tile bigger than this is not a tile: the download is abandoned.
MAX_TILE_BYTES = 2 * 1024 * 1024
#: Tiles fetched beyond the visible ones, and an upper bound on a view's tiles.
MAX_TILES_PER_VIEW = 36
USER_AGENT = "CPRO-Desktop/0.1"
#: Printed on the map when tiles come from OpenStreetMap's servers (their licence requires
#: it; the notice is kept in its original wording on purpose).
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
MAX_LATITUDE = 85.05112878  # Web Mercator's limit

#: Network errors that mean "no server answers": the other tiles need not be tried.
UNREACHABLE = {
    QNetworkReply.NetworkError.ConnectionRefusedError,
    QNetworkReply.NetworkError.HostNotFoundError,
    QNetworkReply.NetworkError.TimeoutError,
    QNetworkReply.NetworkError.OperationCanceledError,
    QNetworkReply.NetworkError.RemoteHostClosedError,
    QNetworkReply.NetworkError.NetworkSessionFailedError,
    QNetworkReply.NetworkError.TemporaryNetworkFailureError,
    QNetworkReply.NetworkError.ProxyConnectionRefusedError,
    QNetworkReply.NetworkError.ProxyNotFoundError,
    QNetworkReply.NetworkError.ProxyTimeoutError,
    QNetworkReply.NetworkError.SslHandshakeFailedError,
    QNetworkReply.NetworkError.UnknownNetworkError,
}


def open_in_browser(url: str) -> bool:
    """Hand `url` to the user's browser; False if nothing took it. Tests replace this."""
    return QDesktopServices.openUrl(QUrl(url))


# -- geography -------------------------------------------------------------------------------


def _french_number(value: float) -> str:
    return f"{value:.4f}".replace(".", ",")


def format_coordinates(latitude: float, longitude: float) -> str:
    """ "48,8638° N, 2,4485° E" (south and west for negative values)."""
    north = "N" if latitude >= 0 else "S"
    east = "E" if longitude >= 0 else "O"  # Ouest
    return f"{_french_number(abs(latitude))}° {north}, {_french_number(abs(longitude))}° {east}"


def browser_url(address: str, latitude: float | None, longitude: float | None, zoom: int) -> str:
    """The OpenStreetMap page of the point (with a marker), or a search for the address."""
    if latitude is not None and longitude is not None:
        lat, lon = f"{latitude:.5f}", f"{longitude:.5f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map={zoom}/{lat}/{lon}"
    return "https://www.openstreetmap.org/search?query=" + quote(address.strip(), safe="")


def tile_position(latitude: float, longitude: float, zoom: int) -> tuple[float, float]:
    """The point in tile units at `zoom` (Web Mercator): (x, y), fractional."""
    n = 2**zoom
    lat = math.radians(max(-MAX_LATITUDE, min(MAX_LATITUDE, latitude)))
    x = (longitude + 180.0) / 360.0 * n
    y = (1.0 - math.asinh(math.tan(lat)) / math.pi) / 2.0 * n
    return x, y


@dataclass(frozen=True, order=True)
class TileKey:
    """One tile of the server: zoom, column (wrapped around the world), row."""

    z: int
    x: int
    y: int


def valid_template(template: str) -> bool:
    """An http(s) URL template with {z}, {x} and {y}."""
    parts = urlsplit(template.strip())
    return (
        parts.scheme in ("http", "https")
        and bool(parts.netloc)
        and all(f"{{{p}}}" in template for p in "zxy")
    )


# -- the disk cache ---------------------------------------------------------------------------


class TileCache:
    """Tiles as files `root/<server>/z/x/y.png`; bounded, least recently used evicted first.

    `<server>` keeps the tiles of different servers apart (host + a short hash of the
    template). Reading a tile touches its time, so "oldest" means least recently used.
    """

    def __init__(self, cache_dir: Path, template: str, max_bytes: int = MAX_CACHE_BYTES):
        self.root = Path(cache_dir)
        host = re.sub(r"[^A-Za-z0-9.-]+", "_", urlsplit(template).hostname or "local")
        digest = hashlib.sha1(template.encode("utf-8")).hexdigest()[:8]
        self.folder = self.root / f"{host}-{digest}"
        self.max_bytes = max_bytes
        self._size: int | None = None  # measured lazily, on the first write

    def path(self, key: TileKey) -> Path:
        return self.folder / str(key.z) / str(key.x) / f"{key.y}.png"

    def read(self, key: TileKey) -> bytes | None:
        path = self.path(key)
        try:
            data = path.read_bytes()
            os.utime(path)
        except OSError:
            return None
        return data

    def forget(self, key: TileKey) -> None:
        self.path(key).unlink(missing_ok=True)

    def write(self, key: TileKey, data: bytes) -> None:
        """Save a tile (atomically: a reader never sees half a file), then keep the budget.
        A cache that cannot be written (read-only, full disk) is simply not used."""
        path = self.path(key)
        try:
            private_dir(path.parent)
            with atomic_write(path) as partial:
                partial.write_bytes(data)
        except OSError:
            return
        if self._size is None:
            self._size = self._measure()
        else:
            self._size += len(data)
        if self._size > self.max_bytes:
            self.evict()

    def _files(self) -> list[tuple[float, int, Path]]:
        found = []
        for directory, _, names in os.walk(self.root):
            for name in names:
                if name.endswith(".png"):
                    path = Path(directory) / name
                    try:
                        stat = path.stat()
                    except OSError:
                        continue
                    found.append((stat.st_mtime, stat.st_size, path))
        return found

    def _measure(self) -> int:
        return sum(size for _, size, _ in self._files())

    def size(self) -> int:
        """Bytes of tiles under the cache directory (every server)."""
        return self._measure()

    def evict(self) -> None:
        """Delete the least recently used tiles (of every server) until under the low
        water mark."""
        files = sorted(self._files())
        total = sum(size for _, size, _ in files)
        target = self.max_bytes * CACHE_LOW_WATER
        for _, size, path in files:
            if total <= target:
                break
            try:
                path.unlink()
            except OSError:
                continue
            total -= size
        self._size = total


# -- the tiles' canvas ------------------------------------------------------------------------


class TileView(QWidget):
    """Paints the tiles around the centre, the marker and the attribution; holds the zoom
    buttons. Knows nothing of the network; says when its size changed (more tiles may be
    visible)."""

    resized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(QSize(320, 240))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.zoom = DEFAULT_ZOOM
        self.centre = (0.0, 0.0)  # in tile units at `zoom`
        self.tiles: dict[tuple[int, int], QPixmap] = {}
        self.marker_label = ""
        self.attribution = ""
        self.zoom_in = QToolButton(self)
        self.zoom_in.setObjectName("zoom_in")
        self.zoom_in.setText("+")
        self.zoom_out = QToolButton(self)
        self.zoom_out.setObjectName("zoom_out")
        self.zoom_out.setText("−")
        for button in (self.zoom_in, self.zoom_out):
            button.setFixedSize(QSize(28, 28))
            font = button.font()
            font.setPointSizeF(font.pointSizeF() * 1.3)
            font.setBold(True)
            button.setFont(font)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
        buttons = QVBoxLayout()
        buttons.setSpacing(2)
        buttons.addWidget(self.zoom_in)
        buttons.addWidget(self.zoom_out)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def visible_tiles(self, margin: int = 1) -> list[tuple[int, int]]:
        """Tile columns and rows (unwrapped columns) covering the view plus `margin` tiles,
        at least the 3 × 3 around the centre, nearest first, bounded."""
        n = 2**self.zoom
        cx, cy = self.centre
        half_w = max(self.width(), TILE_SIZE) / 2 / TILE_SIZE
        half_h = max(self.height(), TILE_SIZE) / 2 / TILE_SIZE
        xs = range(math.floor(cx - half_w) - margin + 1, math.floor(cx + half_w) + margin)
        ys = range(
            max(0, math.floor(cy - half_h) - margin + 1),
            min(n - 1, math.floor(cy + half_h) + margin - 1) + 1,
        )
        around = {(math.floor(cx) + dx, math.floor(cy) + dy) for dx in (-1, 0, 1)
                  for dy in (-1, 0, 1) if 0 <= math.floor(cy) + dy < n}  # fmt: skip
        wanted = around | {(x, y) for x in xs for y in ys}
        nearest = sorted(wanted, key=lambda t: (t[0] + 0.5 - cx) ** 2 + (t[1] + 0.5 - cy) ** 2)
        return nearest[:MAX_TILES_PER_VIEW]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.fillRect(self.rect(), QColor("#e8e4dc"))
        cx, cy = self.centre
        origin = QPointF(self.width() / 2 - cx * TILE_SIZE, self.height() / 2 - cy * TILE_SIZE)
        for (tx, ty), pixmap in self.tiles.items():
            target = QRectF(origin.x() + tx * TILE_SIZE, origin.y() + ty * TILE_SIZE,
                            TILE_SIZE, TILE_SIZE)  # fmt: skip
            if target.intersects(QRectF(self.rect())):
                painter.drawPixmap(target, pixmap, QRectF(pixmap.rect()))
        self._paint_marker(painter, QPointF(self.width() / 2, self.height() / 2))
        if self.attribution:
            self._paint_attribution(painter)
        painter.end()

    def _paint_marker(self, painter: QPainter, tip: QPointF) -> None:
        painter.save()
        radius = 9.0
        height = 2.6 * radius  # from the tip to the head's centre
        head = QPointF(tip.x(), tip.y() - height)
        # A teardrop: the two tangents from the tip to the head's circle, and the arc above.
        spread = 90.0 - math.degrees(math.asin(radius / height))
        pin = QPainterPath()
        pin.moveTo(tip)
        pin.arcTo(QRectF(head.x() - radius, head.y() - radius, 2 * radius, 2 * radius),
                  -90.0 + spread, 360.0 - 2 * spread)  # fmt: skip
        pin.closeSubpath()
        painter.setPen(QPen(QColor("#7a1410"), 1.5))
        painter.setBrush(QColor("#d93025"))
        painter.drawPath(pin)
        painter.setBrush(QColor("white"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(head, radius * 0.38, radius * 0.38)
        if self.marker_label:
            font = QFont(self.font())
            font.setBold(True)
            painter.setFont(font)
            metrics = painter.fontMetrics()
            text = metrics.elidedText(self.marker_label, Qt.TextElideMode.ElideRight,
                                      max(80, self.width() - 40))  # fmt: skip
            box = QRectF(metrics.boundingRect(text)).adjusted(-6, -3, 6, 3)
            box.moveCenter(QPointF(head.x(), head.y() - radius - box.height() / 2 - 4))
            painter.setBrush(QColor(255, 255, 255, 230))
            painter.setPen(QPen(QColor("#7a1410"), 1))
            painter.drawRoundedRect(box, 4, 4)
            painter.setPen(QColor("#202020"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def _paint_attribution(self, painter: QPainter) -> None:
        painter.save()
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        painter.setFont(font)
        metrics = painter.fontMetrics()
        box = QRectF(metrics.boundingRect(self.attribution)).adjusted(-5, -2, 5, 2)
        box.moveBottomRight(QPointF(self.width(), self.height()))
        painter.fillRect(box, QColor(255, 255, 255, 200))
        painter.setPen(QColor("#333333"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.attribution)
        painter.restore()


class LinkButton(QPushButton):
    """A flat button that looks like a web link (clickable with the mouse and the keyboard)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        font = self.font()
        font.setUnderline(True)
        self.setFont(font)
        self.setStyleSheet("QPushButton { color: palette(link); border: none; padding: 2px; }")


# -- the widget -------------------------------------------------------------------------------


class CompanyMap(QWidget):
    """The company's location: map tiles when a server (or the cache) has them, otherwise
    its name, address, coordinates and a link to the map in the browser.

    `tiles_loaded(count)` is emitted each time a tile is shown (from the cache or the
    network) with the number of tiles of the current view shown so far; `map_unavailable`
    when the view has no tile at all and no request is left (the fallback stays).
    """

    tiles_loaded = Signal(int)
    map_unavailable = Signal()

    FALLBACK, MAP = 0, 1

    def __init__(
        self,
        tile_server_url: str,
        cache_dir: Path,
        parent: QWidget | None = None,
        *,
        timeout_ms: int = DEFAULT_TIMEOUT_MS,
        max_cache_bytes: int = MAX_CACHE_BYTES,
        zoom: int = DEFAULT_ZOOM,
    ) -> None:
        super().__init__(parent)
        self.template = tile_server_url.strip()
        self.timeout_ms = timeout_ms
        self.cache = TileCache(Path(cache_dir), self.template, max_cache_bytes)
        self.network = QNetworkAccessManager(self)
        self._name = ""
        self._address = ""
        self._latitude: float | None = None
        self._longitude: float | None = None
        self._generation = 0
        self._pending: dict[QNetworkReply, tuple[int, int]] = {}
        self._requested: set[tuple[int, int]] = set()
        self._failed = False  # a server failure in this view: stop asking it
        self._unavailable = False  # map_unavailable was emitted for this view
        self._status = self.tr("No location.")

        self.view = TileView(self)
        self.view.setObjectName("map_tiles")
        self.view.zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        host = (urlsplit(self.template).hostname or "").lower()
        if host == "openstreetmap.org" or host.endswith(".openstreetmap.org"):
            self.view.attribution = OSM_ATTRIBUTION
        self.view.zoom_in.setToolTip(self.tr("Zoom in"))
        self.view.zoom_out.setToolTip(self.tr("Zoom out"))
        self.view.resized.connect(self._view_resized)
        self.view.zoom_in.clicked.connect(lambda: self.set_zoom(self.view.zoom + 1))
        self.view.zoom_out.clicked.connect(lambda: self.set_zoom(self.view.zoom - 1))

        self.caption = QLabel(self)
        self.caption.setObjectName("map_caption")
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        self.map_link = LinkButton(self)
        self.map_link.setObjectName("map_browser_link")
        self.map_link.setText(self.tr("Open the map in the browser"))
        self.map_link.clicked.connect(self._open_browser)
        map_page = QWidget(self)
        caption_row = QHBoxLayout()
        caption_row.setContentsMargins(4, 2, 4, 2)
        caption_row.addWidget(self.caption, 1)
        caption_row.addWidget(self.map_link, 0, Qt.AlignmentFlag.AlignRight)
        map_layout = QVBoxLayout(map_page)
        map_layout.setContentsMargins(0, 0, 0, 0)
        map_layout.addWidget(self.view, 1)
        map_layout.addLayout(caption_row)

        fallback_page = QWidget(self)
        fallback_page.setObjectName("map_fallback_page")
        card = QFrame(fallback_page)
        card.setObjectName("map_card")
        card.setStyleSheet(
            "QFrame#map_card { border: 1px solid palette(mid); border-radius: 6px;"
            " background: palette(base); }"
        )
        card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.fallback = QLabel(card)
        self.fallback.setObjectName("map_fallback")
        self.fallback.setWordWrap(True)
        self.fallback.setTextFormat(Qt.TextFormat.RichText)
        self.fallback.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.fallback.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label = QLabel(card)
        self.status_label.setObjectName("map_status")
        self.status_label.setWordWrap(True)
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        status_font = self.status_label.font()
        status_font.setItalic(True)
        self.status_label.setFont(status_font)
        self.fallback_link = LinkButton(card)
        self.fallback_link.setObjectName("fallback_browser_link")
        self.fallback_link.clicked.connect(self._open_browser)
        self.retry_button = QPushButton(self.tr("Try again"), card)
        self.retry_button.setObjectName("map_retry")
        self.retry_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.retry_button.clicked.connect(self.reload)
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(16, 14, 16, 14)
        card_layout.setSpacing(8)
        card_layout.addWidget(self.fallback)
        card_layout.addWidget(self.status_label)
        card_layout.addWidget(self.fallback_link, 0, Qt.AlignmentFlag.AlignHCenter)
        card_layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignHCenter)
        fallback_layout = QVBoxLayout(fallback_page)
        fallback_layout.setContentsMargins(24, 12, 24, 12)
        fallback_layout.addStretch(1)
        fallback_layout.addWidget(card)
        fallback_layout.addStretch(1)

        self.stack = QStackedWidget(self)
        self.stack.insertWidget(self.FALLBACK, fallback_page)
        self.stack.insertWidget(self.MAP, map_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._show_fallback()

    # -- what the pages call ----------------------------------------------------------------

    def set_location(
        self, name: str, address: str, latitude: float | None, longitude: float | None
    ) -> None:
        """Show this place: tiles around the coordinates, or the fallback without them."""
        self._name, self._address = name.strip(), address.strip()
        has_point = latitude is not None and longitude is not None
        self._latitude = float(latitude) if has_point else None  # type: ignore[arg-type]
        self._longitude = float(longitude) if has_point else None  # type: ignore[arg-type]
        self.view.marker_label = self._name
        self.reload()

    def set_zoom(self, zoom: int) -> None:
        """Zoom in or out around the company (tiles already cached show at once)."""
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        if zoom != self.view.zoom:
            self.view.zoom = zoom
            self.reload()

    def reload(self) -> None:
        """Start the current view again: cached tiles now, the others from the server."""
        self._abort_pending()
        self._generation += 1
        self._requested.clear()
        self._failed = False
        self._unavailable = False
        self.view.tiles = {}
        if self._latitude is None or self._longitude is None:
            self._status = (
                self.tr("The company's coordinates are unknown: the map cannot be shown.")
                if self._name or self._address
                else self.tr("No host company recorded.")
            )
            self._show_fallback()
            return
        self.view.centre = tile_position(self._latitude, self._longitude, self.view.zoom)
        self._status = self.tr("Loading the map…")
        self._fetch_missing()
        if not self.showing_map and self._pending:
            self._show_fallback()  # the address while the tiles come

    # -- state, for the pages and the tests -------------------------------------------------

    @property
    def zoom(self) -> int:
        return self.view.zoom

    @property
    def loaded_count(self) -> int:
        """Tiles of the current view shown so far."""
        return len(self.view.tiles)

    @property
    def showing_map(self) -> bool:
        return self.stack.currentIndex() == self.MAP

    @property
    def pending_count(self) -> int:
        return len(self._pending)

    @property
    def browser_url(self) -> str:
        return browser_url(self._address, self._latitude, self._longitude, self.view.zoom)

    def fallback_text(self) -> str:
        """The fallback's text as shown (name, address, coordinates, status), plain."""
        document = QTextDocument(self)
        document.setHtml(self.fallback.text())
        plain = document.toPlainText().replace("\u2028", "\n")
        document.deleteLater()
        return "\n".join([plain, self.status_label.text()])

    # -- tiles --------------------------------------------------------------------------------

    def _view_resized(self) -> None:
        if self._latitude is not None and self._longitude is not None:
            self._fetch_missing()

    def _key(self, tile: tuple[int, int]) -> TileKey:
        n = 2**self.view.zoom
        return TileKey(self.view.zoom, tile[0] % n, tile[1])

    def _fetch_missing(self) -> None:
        """Show the cached tiles of the view, ask the server for the others."""
        wanted = [t for t in self.view.visible_tiles() if t not in self._requested]
        online = valid_template(self.template) and not self._failed
        for tile in wanted:
            self._requested.add(tile)
            key = self._key(tile)
            data = self.cache.read(key)
            if data is not None and self._show_tile(tile, data):
                continue
            if data is not None:
                self.cache.forget(key)  # unreadable: fetch it again
            if online:
                self._request(tile, key)
        self._check_done()

    def _request(self, tile: tuple[int, int], key: TileKey) -> None:
        url = self.template.replace("{z}", str(key.z)).replace("{x}", str(key.x))
        url = url.replace("{y}", str(key.y))
        request = QNetworkRequest(QUrl(url))
        request.setTransferTimeout(self.timeout_ms)
        request.setHeader(QNetworkRequest.KnownHeaders.UserAgentHeader, USER_AGENT)
        # No "no-cache" header (the default load control sends none): OSM's policy asks so.
        reply = self.network.get(request)
        generation = self._generation
        self._pending[reply] = tile
        reply.downloadProgress.connect(
            lambda received, _total, r=reply: r.abort() if received > MAX_TILE_BYTES else None
        )
        reply.finished.connect(lambda r=reply, g=generation: self._on_finished(r, g))

    def _on_finished(self, reply: QNetworkReply, generation: int) -> None:
        tile = self._pending.pop(reply, None)
        reply.deleteLater()
        if generation != self._generation or tile is None:
            return
        error = reply.error()
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        data = bytes(reply.readAll().data()) if error == QNetworkReply.NetworkError.NoError else b""
        if data and status == 200 and self._show_tile(tile, data):
            self.cache.write(self._key(tile), data)
        elif error in UNREACHABLE:
            # The server does not answer: do not make the user wait for every other tile.
            self._failed = True
            self._abort_pending()
        self._check_done()

    def _show_tile(self, tile: tuple[int, int], data: bytes) -> bool:
        pixmap = QPixmap()
        if not pixmap.loadFromData(QByteArray(data)) or pixmap.isNull():
            return False
        self.view.tiles[tile] = pixmap
        if not self.showing_map:
            self._show_map()
        self.view.update()
        self.tiles_loaded.emit(len(self.view.tiles))
        return True

    def _abort_pending(self) -> None:
        pending, self._pending = self._pending, {}
        for reply in pending:
            reply.abort()  # finished() fires now; the reply is no longer pending: ignored
            reply.deleteLater()

    def _check_done(self) -> None:
        if self._pending or self.view.tiles or self._unavailable:
            return
        if self._latitude is None or self._longitude is None:
            return
        self._unavailable = True
        if valid_template(self.template):
            self._status = self.tr(
                "The map is not available: no map server answers (offline?). The address "
                "and the coordinates are shown instead."
            )
        else:
            self._status = self.tr("No map server is configured (see the settings).")
        self._show_fallback()
        self.map_unavailable.emit()

    # -- the two pages ------------------------------------------------------------------------

    def _show_map(self) -> None:
        parts = [f"<b>{escape(self._name)}</b>" if self._name else "", escape(self._address)]
        if self._latitude is not None and self._longitude is not None:
            parts.append(escape(format_coordinates(self._latitude, self._longitude)))
        self.caption.setText(" — ".join(p for p in parts if p))
        self.stack.setCurrentIndex(self.MAP)

    def _show_fallback(self) -> None:
        lines = []
        if self._name:
            lines.append(f'<b style="font-size: large">{escape(self._name)}</b>')
        if self._address:
            lines.append(escape(self._address))
        has_point = self._latitude is not None and self._longitude is not None
        if has_point:
            lines.append(escape(format_coordinates(self._latitude, self._longitude)))  # type: ignore[arg-type]
        self.fallback.setText("<br>".join(lines))
        self.fallback.setVisible(bool(lines))
        self.status_label.setText(self._status)
        self.fallback_link.setText(
            self.tr("Open the map in the browser")
            if has_point
            else self.tr("Search for the address in the browser")
        )
        self.fallback_link.setVisible(has_point or bool(self._address))
        loading = bool(self._pending)
        self.retry_button.setVisible(has_point and not loading and valid_template(self.template))
        self.stack.setCurrentIndex(self.FALLBACK)

    def _open_browser(self) -> None:
        open_in_browser(self.browser_url)
