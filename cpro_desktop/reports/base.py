"""What every CPRO document shares: the bundled Unicode font family (registered once), the
styles, safe text for `Paragraph` markup, A4 frames, and the "page X / Y" footer.

User text always enters markup through `text()` / `para()`: escaped (so "<", "&" and
"Zoë <b>&amp; Cie</b>" print exactly as typed) and normalised to NFC; long words wrap
because table cells are Paragraphs.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from cpro_desktop.files import atomic_write

FONTS_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
FONT = "CproSans"
MARGIN = 16 * mm
BRAND = colors.HexColor("#1f4e79")
LIGHT = colors.HexColor("#e8eef5")


@lru_cache(maxsize=1)
def register_fonts() -> str:
    """Register the DejaVu Sans family once (so <b> and <i> work); returns its name."""
    faces = {
        FONT: "DejaVuSans.ttf",
        f"{FONT}-Bold": "DejaVuSans-Bold.ttf",
        f"{FONT}-Italic": "DejaVuSans-Oblique.ttf",
        f"{FONT}-BoldItalic": "DejaVuSans-BoldOblique.ttf",
    }
    for name, file in faces.items():
        pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / file)))
    pdfmetrics.registerFontFamily(
        FONT,
        normal=FONT,
        bold=f"{FONT}-Bold",
        italic=f"{FONT}-Italic",
        boldItalic=f"{FONT}-BoldItalic",
    )
    return FONT


def clean(value: object) -> str:
    """User text as it must print: str, NFC-normalised, without control characters."""
    if value is None:
        return ""
    normalised = unicodedata.normalize("NFC", str(value))
    return "".join(c for c in normalised if c in "\n\t" or unicodedata.category(c)[0] != "C")


def text(value: object) -> str:
    """User text made safe for Paragraph markup; line breaks kept."""
    return escape(clean(value)).replace("\n", "<br/>")


@lru_cache(maxsize=1)
def styles() -> StyleSheet1:
    """The documents' paragraph styles, all in the bundled font."""
    font = register_fonts()
    sheet = StyleSheet1()
    # ReportLab's default wrapping: at spaces, over-long words split. ("CJK" wrapping loses
    # the spaces of a paragraph's continued lines when it splits over two pages, RL 5.1.)
    base = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=12.5)
    sheet.add(base)
    sheet.add(ParagraphStyle("small", parent=base, fontSize=8, leading=10))
    sheet.add(ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5))
    sheet.add(
        ParagraphStyle("cell_head", parent=base, fontSize=8.5, leading=10.5, textColor=colors.white,
                       fontName=f"{font}-Bold")
    )  # fmt: skip
    sheet.add(ParagraphStyle("cell_center", parent=base, fontSize=8.5, alignment=TA_CENTER))
    sheet.add(
        ParagraphStyle("title", parent=base, fontName=f"{font}-Bold", fontSize=18, leading=23,
                       textColor=BRAND, spaceAfter=8)
    )  # fmt: skip
    sheet.add(
        ParagraphStyle("h1", parent=base, fontName=f"{font}-Bold", fontSize=14, leading=18,
                       textColor=BRAND, spaceBefore=10, spaceAfter=6)
    )  # fmt: skip
    sheet.add(
        ParagraphStyle("h2", parent=base, fontName=f"{font}-Bold", fontSize=11.5, leading=15,
                       spaceBefore=8, spaceAfter=4)
    )  # fmt: skip
    sheet.add(ParagraphStyle("muted", parent=base, textColor=colors.HexColor("#555555")))
    return sheet


def para(value: object, style: str = "body") -> Paragraph:
    """A Paragraph of user text (escaped)."""
    return Paragraph(text(value), styles()[style])


def markup(trusted: str, style: str = "body") -> Paragraph:
    """A Paragraph of OUR markup; every user value inside must come through `text()`."""
    return Paragraph(trusted, styles()[style])


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    *,
    frame_width: float,
    extra_style: Sequence[tuple[Any, ...]] = (),
) -> Table:
    """A table that splits over pages repeating its header; widths are fractions of the frame;
    str cells become escaped Paragraphs so that long words wrap."""
    cells_style = styles()["cell"]
    data: list[list[object]] = [[Paragraph(text(h), styles()["cell_head"]) for h in header]]
    for row in rows:
        data.append(
            [c if isinstance(c, Flowable) else Paragraph(text(c), cells_style) for c in row]
        )
    result = Table(data, colWidths=[w * frame_width for w in widths], repeatRows=1)
    result.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), BRAND),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa7b4")),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, LIGHT]),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                *extra_style,
            ]
        )
    )
    return result


@dataclass(frozen=True)
class PageDecor:
    """What the page template prints around the story."""

    header_left: str  # e.g. the centre's name
    header_right: str  # e.g. the document's title
    footer_name: str  # e.g. the apprentice's name


class NumberedCanvas(Canvas):
    """A canvas that knows the page count when it saves: "page X / Y" footers."""

    decor: PageDecor = PageDecor("", "", "")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_decor(total)
            super().showPage()
        super().save()

    def _draw_decor(self, total: int) -> None:
        width, height = self._pagesize
        font = register_fonts()
        self.saveState()
        self.setFont(font, 7.5)
        self.setFillColor(colors.HexColor("#555555"))
        self.drawString(MARGIN, height - 10 * mm, clean(self.decor.header_left)[:110])
        self.drawRightString(width - MARGIN, height - 10 * mm, clean(self.decor.header_right)[:90])
        self.drawString(MARGIN, 9 * mm, clean(self.decor.footer_name)[:110])
        self.drawRightString(width - MARGIN, 9 * mm, f"page {self._pageNumber} / {total}")
        self.restoreState()


def build_pdf(
    target: Any,
    story: list[Flowable],
    decor: PageDecor,
    *,
    title: str,
    author: str = "CPRO Desktop",
    landscape_pages: bool = False,
    on_first_page: Callable[[Canvas, Any], None] | None = None,
) -> int:
    """Render `story` to `target` (a path or a binary file); returns the number of pages.

    A path is written safely (`atomic_write`): a full disk or an interruption leaves the
    previous file as it was and no partial PDF; OSError as raised."""
    if isinstance(target, (str, Path)):
        with atomic_write(Path(target), track=True) as partial, partial.open("wb") as stream:
            return build_pdf(
                stream,
                story,
                decor,
                title=title,
                author=author,
                landscape_pages=landscape_pages,
                on_first_page=on_first_page,
            )
    register_fonts()
    pagesize = landscape(A4) if landscape_pages else A4
    doc = SimpleDocTemplate(
        target,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + 2 * mm,
        bottomMargin=MARGIN,
        title=clean(title),
        author=clean(author),
        creator="CPRO Desktop",
    )
    canvas_class = type("DocCanvas", (NumberedCanvas,), {"decor": decor})
    first = on_first_page or (lambda canvas, doc: None)
    doc.build(story, onFirstPage=first, onLaterPages=lambda c, d: None, canvasmaker=canvas_class)
    return doc.page


def frame_width(landscape_pages: bool = False) -> float:
    """Usable width of the page frame, to size tables by fractions."""
    width = landscape(A4)[0] if landscape_pages else A4[0]
    return width - 2 * MARGIN
