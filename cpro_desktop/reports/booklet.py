"""The apprenticeship booklet as PDF (A4): a cover page, a table of contents, the livret
d'accueil and the livret de suivi, the competence record from the dashboard, the validated
reviews with their comparison table, the period reviews, and the signatures of the
apprentice, the tutor and the trainer. Also the reviews alone (`render_reviews`).

The table of contents is computed in the same single pass as the rest (no `multiBuild`):
headings record their page as they are laid out, and the canvas, which already holds every
page until the end for the "page X / Y" footer, writes the contents onto page 2 when it
saves. The contents page lists the parts and their sections, a fixed set that fits one page;
every heading is also a PDF bookmark.

Every user string goes through `base.text()` / `base.para()`; free texts (syntheses,
interviews, visits, appreciations, findings) flow as paragraphs outside tables so that any
length splits over pages; table cells are Paragraphs, so long words wrap.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from cpro_desktop.models.enums import (
    COMPETENCE_LEVEL_LABELS,
    RATING_RESULT_LABELS,
    CompetenceLevel,
    Origin,
    RatingResult,
)
from cpro_desktop.reports.base import (
    BRAND,
    LIGHT,
    MARGIN,
    NumberedCanvas,
    PageDecor,
    clean,
    frame_width,
    markup,
    para,
    register_fonts,
    styles,
    table,
    text,
)
from cpro_desktop.reports.dashboard import LevelCell, LineSample, ResultCell
from cpro_desktop.reports.reviews import LEVEL_HEX, REVIEW_TITLES, status_line
from cpro_desktop.services.activities.labels import size_label
from cpro_desktop.services.booklet import (
    SECTION_ORDER,
    BookletSnapshot,
    CentreInfo,
    SectionSnapshot,
    format_date,
)
from cpro_desktop.services.printing import (
    BookletDocument,
    CompetenceRecord,
    PeriodReviewLine,
    RecordCompetence,
    RecordMark,
    ReviewsDocument,
)
from cpro_desktop.services.reviews import ComparisonTable, ReviewSnapshot, format_mark

__all__ = ["render_booklet", "render_reviews"]

TITLE = "Livret d'apprentissage"
#: Review columns per comparison table; more continue in a next table (labels repeated).
COMPARISON_COLUMNS = 5
GREY = colors.HexColor("#555555")
LINE = colors.HexColor("#9aa7b4")
#: The sections of the livret de suivi, in the seed's order, with the dated items between.
BEFORE_ITEMS = SECTION_ORDER[:4]
AFTER_ITEMS = SECTION_ORDER[4:]


# --- Styles and headings ---------------------------------------------------------------------


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    base = styles()
    font = register_fonts()
    return {
        "part": ParagraphStyle(
            "part",
            parent=base["title"],
            fontSize=17,
            leading=22,
            spaceBefore=14,
            spaceAfter=10,
            keepWithNext=1,
        ),
        "h1": ParagraphStyle("bh1", parent=base["h1"], keepWithNext=1),
        "h2": ParagraphStyle("bh2", parent=base["h2"], keepWithNext=1, textColor=BRAND),
        "item": ParagraphStyle(
            "item", parent=base["body"], fontName=f"{font}-Bold", spaceBefore=6, keepWithNext=1
        ),
        "changed": ParagraphStyle(
            "changed", parent=base["small"], textColor=GREY, spaceBefore=2, spaceAfter=6
        ),
        "cover_title": ParagraphStyle(
            "cover_title",
            parent=base["title"],
            fontSize=30,
            leading=36,
            alignment=TA_CENTER,
            spaceAfter=4,
        ),
        "cover_sub": ParagraphStyle(
            "cover_sub",
            parent=base["body"],
            fontSize=12,
            leading=16,
            alignment=TA_CENTER,
            textColor=GREY,
        ),
        "cover_name": ParagraphStyle(
            "cover_name",
            parent=base["title"],
            fontSize=22,
            leading=28,
            alignment=TA_CENTER,
            textColor=colors.black,
            spaceBefore=18,
            spaceAfter=4,
        ),
        "cover_line": ParagraphStyle(
            "cover_line", parent=base["body"], fontSize=11.5, leading=15, alignment=TA_CENTER
        ),
    }


def _p(value: object, style: str) -> Paragraph:
    """A Paragraph of user text (escaped) in one of the booklet's own styles."""
    return Paragraph(text(value), _styles()[style])


class Heading(Paragraph):
    """A heading: a PDF bookmark and, for levels 0 and 1, a line of the contents."""

    def __init__(self, title: str, level: int, key: str, *, contents: bool = True) -> None:
        style = {0: "part", 1: "h1"}.get(level, "h2")
        super().__init__(text(title), _styles()[style])
        self.title, self.level, self.key = clean(title), level, key
        self.in_contents = contents and level <= 1


class _Numbering:
    """Hands out heading keys and the "1.2" numbers of the sections."""

    def __init__(self, numbered: bool = True) -> None:
        self.numbered = numbered
        self.part = 0
        self.section = 0
        self.keys = 0

    def key(self) -> str:
        self.keys += 1
        return f"h{self.keys}"

    def part_heading(self, title: str) -> Heading:
        self.part += 1
        self.section = 0
        return Heading(f"{self.part}. {title}" if self.numbered else title, 0, self.key())

    def section_heading(self, title: str) -> Heading:
        self.section += 1
        shown = f"{self.part}.{self.section} {title}" if self.numbered else title
        return Heading(shown, 1, self.key())

    def item_heading(self, title: str) -> Heading:
        return Heading(title, 2, self.key(), contents=False)


# --- The document template and its canvas ----------------------------------------------------


class _BookletCanvas(NumberedCanvas):
    """Skips the decor on the cover; writes the contents on their page when saving."""

    contents: list[tuple[int, str, int, str]] = []
    cover = False
    contents_page = 0

    def _draw_decor(self, total: int) -> None:
        page = self._pageNumber
        if self.cover and page == 1:
            return
        if page == self.contents_page:
            self._draw_contents()
        super()._draw_decor(total)

    def _draw_contents(self) -> None:
        width, height = self._pagesize
        font = register_fonts()
        y = height - MARGIN - 2 * mm - 46
        left, right = MARGIN, width - MARGIN
        self.saveState()
        for level, title, page, key in self.contents:
            size = 11 if level == 0 else 9.5
            face = f"{font}-Bold" if level == 0 else font
            if level == 0:
                y -= 6
            if y < MARGIN + 14:
                break
            indent = left + (0 if level == 0 else 16)
            number = str(page)
            room = right - indent - stringWidth(number, font, size) - 24
            shown = _fit(title, face, size, room)
            self.setFont(face, size)
            self.setFillColor(BRAND if level == 0 else colors.black)
            self.drawString(indent, y, shown)
            start = indent + stringWidth(shown, face, size) + 6
            end = right - stringWidth(number, font, size) - 6
            self.setFont(font, size)
            self.setFillColor(colors.HexColor("#8a96a6"))
            dots = "." * max(0, int((end - start) / stringWidth(".", font, size)))
            self.drawRightString(end, y, dots)
            self.setFillColor(BRAND if level == 0 else colors.black)
            self.drawRightString(right, y, number)
            self.linkRect("", key, (indent, y - 3, right, y + size), relative=0, thickness=0)
            y -= size + 6
        self.restoreState()


def _fit(value: str, font: str, size: float, room: float) -> str:
    """`value` cut with "…" to fit `room` points."""
    if stringWidth(value, font, size) <= room:
        return value
    while value and stringWidth(value + "…", font, size) > room:
        value = value[:-1]
    return value + "…"


class _Template(BaseDocTemplate):
    """A4 pages with one frame; headings become bookmarks and contents lines."""

    def __init__(self, target: Any, *, cover: bool, title: str, author: str) -> None:
        super().__init__(
            target,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + 2 * mm,
            bottomMargin=MARGIN,
            title=clean(title),
            author=clean(author),
            creator="CPRO Desktop",
        )
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        pages = [PageTemplate("page", [frame])]
        if cover:
            pages.insert(0, PageTemplate("cover", [frame], onPage=_cover_band))
        self.addPageTemplates(pages)
        self.contents: list[tuple[int, str, int, str]] = []

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading):
            self.canv.bookmarkPage(flowable.key)
            self.canv.addOutlineEntry(
                flowable.title, flowable.key, level=flowable.level, closed=flowable.level > 0
            )
            if flowable.in_contents:
                self.contents.append((flowable.level, flowable.title, self.page, flowable.key))


def _build(
    target: Any,
    story: list[Flowable],
    decor: PageDecor,
    *,
    title: str,
    author: str,
    cover: CentreInfo | None = None,
) -> int:
    """Lay the story out once; with a `cover`, page 1 is the cover and page 2 the contents."""
    register_fonts()
    if isinstance(target, os.PathLike):
        target = os.fspath(target)
    doc = _Template(target, cover=cover is not None, title=title, author=author)
    if cover is not None:
        doc.centre_name = cover.name  # type: ignore[attr-defined]
        doc.centre_line = " — ".join(  # type: ignore[attr-defined]
            p for p in (f"UAI {cover.uai_code}" if cover.uai_code else "", cover.full_address) if p
        )
    canvas_class = type(
        "BookletCanvas",
        (_BookletCanvas,),
        {
            "decor": decor,
            "contents": doc.contents,
            "cover": cover is not None,
            "contents_page": 2 if cover is not None else 0,
        },
    )
    doc.build(story, canvasmaker=canvas_class)
    return doc.page


# --- Small builders --------------------------------------------------------------------------


def _facts(rows: Sequence[tuple[str, str]], width: float, label_share: float = 0.28) -> Table:
    """A two-column block of labelled facts (no header row)."""
    result = Table(
        [[para(label, "cell"), para(value or "—", "cell")] for label, value in rows],
        colWidths=[label_share * width, (1 - label_share) * width],
    )
    result.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (0, -1), LIGHT),
                ("GRID", (0, 0), (-1, -1), 0.4, LINE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return result


def _body(value: str, empty: str = "Non renseigné.") -> list[Flowable]:
    """User text as paragraphs (one per block of lines), each free to split over pages."""
    blocks = [b for b in clean(value).replace("\r\n", "\n").split("\n\n") if b.strip()]
    if not blocks:
        return [para(empty, "muted")]
    return [para(block.strip("\n")) for block in blocks]


def _item(
    title: str, facts: Sequence[str], body: str, changed: str, empty: str = "Non renseigné."
) -> list[Flowable]:
    """A dated item: its title line, facts line, text and "modifié par" line."""
    out: list[Flowable] = [_p(title, "item") if title else Spacer(1, 2)]
    shown = [f for f in facts if f]
    if shown:
        line = para(" · ".join(shown), "muted")
        line.keepWithNext = True
        out.append(line)
    paragraphs = _body(body, empty)
    if changed:
        paragraphs[-1].keepWithNext = True
    out += paragraphs
    if changed:
        out.append(_p(changed[0].upper() + changed[1:], "changed"))
    return out


def _section(number: _Numbering, section: SectionSnapshot) -> list[Flowable]:
    body = _body(section.body)
    body[-1].keepWithNext = True  # the "modifié par" line never starts a page alone
    out: list[Flowable] = [number.section_heading(section.label), *body]
    changed = section.changed
    out.append(_p(changed[0].upper() + changed[1:] if changed else "", "changed"))
    return out


# --- The cover -------------------------------------------------------------------------------


def _cover_band(canvas: Any, doc: Any) -> None:
    """The cover's coloured band with the centre's name."""
    width, height = A4
    band = 42 * mm
    canvas.saveState()
    canvas.setFillColor(BRAND)
    canvas.rect(0, height - band, width, band, stroke=0, fill=1)
    font = register_fonts()
    canvas.setFillColor(colors.white)
    name = _fit(clean(getattr(doc, "centre_name", "")), f"{font}-Bold", 15, width - 2 * MARGIN)
    canvas.setFont(f"{font}-Bold", 15)
    canvas.drawString(MARGIN, height - 18 * mm, name)
    canvas.setFont(font, 10)
    canvas.drawString(
        MARGIN,
        height - 26 * mm,
        _fit(clean(getattr(doc, "centre_line", "")), font, 10, width - 2 * MARGIN),
    )
    canvas.restoreState()


def _cover(document: BookletDocument, width: float) -> list[Flowable]:
    booklet = document.booklet
    diploma = booklet.welcome.diploma
    contacts = {c.role: c for c in booklet.welcome.contacts}
    s = _styles()

    def person(role: str) -> str:
        contact = contacts.get(role)
        if contact is None:
            return "—"
        return f"{contact.name} — {contact.detail}" if contact.detail else contact.name

    company = contacts.get("Entreprise d'accueil")
    class_line = " — ".join(
        p for p in (diploma.class_name, diploma.level_label, diploma.school_year) if p
    )
    return [
        NextPageTemplate("page"),
        Spacer(1, 38 * mm),
        Paragraph(text(TITLE), s["cover_title"]),
        Paragraph("Livret d'accueil et livret de suivi", s["cover_sub"]),
        Paragraph(text(booklet.apprentice_name), s["cover_name"]),
        Paragraph(text(diploma.diploma_name), s["cover_line"]),
        Paragraph(text(class_line), s["cover_line"]),
        Spacer(1, 16 * mm),
        _facts(
            [
                ("Entreprise d'accueil", company.name if company else "—"),
                ("Maître d'apprentissage", person("Maître d'apprentissage")),
                ("Formateur référent", person("Formateur référent")),
                ("Centre de formation", booklet.welcome.centre.name),
            ],
            width,
        ),
        Spacer(1, 20 * mm),
        para(
            f"Imprimé le {format_date(document.printed_on)}"
            + (f" par {document.printed_by}" if document.printed_by else ""),
            "muted",
        ),
        PageBreak(),
    ]


# --- Part 1: livret d'accueil ----------------------------------------------------------------


def _welcome(number: _Numbering, booklet: BookletSnapshot, width: float) -> list[Flowable]:
    welcome = booklet.welcome
    centre, diploma = welcome.centre, welcome.diploma
    out: list[Flowable] = [number.part_heading("Livret d'accueil")]
    out += [
        number.section_heading("Le centre de formation"),
        _facts(
            [
                ("Nom", centre.name),
                ("Code UAI", centre.uai_code),
                ("Adresse", centre.full_address),
                ("Téléphone", centre.phone),
                ("Courriel", centre.email),
            ],
            width,
        ),
        number.section_heading("La formation"),
        _facts(
            [
                ("Diplôme préparé", diploma.diploma_name),
                ("Niveau", diploma.diploma_level),
                ("Classe", diploma.class_name),
                ("Année de formation", diploma.level_label),
                ("Année scolaire", diploma.school_year),
            ],
            width,
        ),
        number.section_heading("Les interlocuteurs de l'apprenti"),
        table(
            ["Interlocuteur", "Nom", "Fonction, structure", "Coordonnées"],
            [
                [c.role, c.name, c.detail, "\n".join(p for p in (c.address, c.phone, c.email) if p)]
                for c in welcome.contacts
            ],
            [0.22, 0.2, 0.24, 0.34],
            frame_width=width,
        ),
        number.section_heading("Calendrier de l'alternance"),
    ]
    if welcome.calendar:
        out.append(
            table(
                ["Classe", "Période en entreprise", "Du", "Au", "Semaines"],
                [
                    [
                        f"{e.class_name} ({e.school_year})",
                        e.name,
                        format_date(e.start),
                        format_date(e.end),
                        str(e.weeks),
                    ]
                    for e in welcome.calendar
                ],
                [0.22, 0.38, 0.14, 0.14, 0.12],
                frame_width=width,
            )
        )
    else:
        out.append(para("Aucune période en entreprise n'est encore définie.", "muted"))
    out.append(number.section_heading("Documents de référence"))
    if welcome.documents:
        out.append(
            table(
                ["Document", "Type", "Taille", "Ajouté par", "Le"],
                [
                    [
                        d.name + (f"\n{d.url}" if d.url else ""),
                        _kind_label(d.media_type, d.url),
                        size_label(d.size_bytes) if not d.url else "",
                        d.added_by,
                        format_date(d.added_at),
                    ]
                    for d in welcome.documents
                ],
                [0.4, 0.14, 0.12, 0.2, 0.14],
                frame_width=width,
            )
        )
        out.append(
            para(
                "Les fichiers sont conservés dans CPRO Desktop (module « Livret "
                "d'apprentissage »), d'où ils s'ouvrent et s'enregistrent.",
                "small",
            )
        )
    else:
        out.append(para("Aucun document de référence.", "muted"))
    return out


def _kind_label(media_type: str, url: str) -> str:
    if url:
        return "Lien"
    known = {"application/pdf": "PDF", "text/plain": "Texte"}
    if media_type in known:
        return known[media_type]
    if media_type.startswith("image/"):
        return "Image"
    return "Fichier"


# --- Part 2: livret de suivi -----------------------------------------------------------------


def _follow_up(number: _Numbering, booklet: BookletSnapshot) -> list[Flowable]:
    out: list[Flowable] = [PageBreak(), number.part_heading("Livret de suivi")]
    for kind in BEFORE_ITEMS:
        out += _section(number, booklet.section(kind))
    out.append(number.section_heading("Synthèse des phases de la formation"))
    if not booklet.syntheses:
        out.append(para("Aucune synthèse pour le moment.", "muted"))
    for s in booklet.syntheses:
        title = " — ".join(p for p in (format_date(s.written_on), s.origin_label, s.title) if p)
        period = f"Période : {s.period_name}" if s.period_name else ""
        out += _item(title, [period], s.body, s.changed)
    out.append(number.section_heading("Entretiens individuels"))
    if not booklet.interviews:
        out.append(para("Aucun entretien pour le moment.", "muted"))
    for i in booklet.interviews:
        participants = f"Participants : {i.participants}" if i.participants else ""
        out += _item(f"Entretien du {format_date(i.held_on)}", [participants], i.summary, i.changed)
    out.append(number.section_heading("Visites en entreprise"))
    if not booklet.visits:
        out.append(para("Aucune visite pour le moment.", "muted"))
    for v in booklet.visits:
        planned = f"prévue le {format_date(v.planned_on)}" if v.planned_on else ""
        title = f"Visite {v.status_label[0].lower()}{v.status_label[1:]}"
        if v.reported and planned:
            title += f" ({planned})"
        participants = f"Participants : {v.participants}" if v.participants else ""
        out += _item(title, [participants], v.report, v.changed, "Compte rendu à venir.")
    for kind in AFTER_ITEMS:
        out += _section(number, booklet.section(kind))
    return out


# --- Part 3: the competence record -----------------------------------------------------------


class RatingStrip(Flowable):
    """A criterion's ratings, oldest first, drawn as on the dashboard (rectangle: centre,
    pill: company), wrapping over lines; a black bar after those already taken into account
    by an interim review."""

    GAP = 1.1 * mm
    BAR = 2.2 * mm

    def __init__(self, marks: Sequence[RecordMark]) -> None:
        super().__init__()
        self.cells = [ResultCell(mark.result, mark.origin == Origin.COMPANY) for mark in marks]
        self.taken = [mark.taken_into_account for mark in marks]
        self.cell_width, self.cell_height = 5.6 * mm, 3.6 * mm
        self._lines: list[list[tuple[float, int | None]]] = []

    def _layout(self, width: float) -> list[list[tuple[float, int | None]]]:
        """Per line, (x, cell index or None for the black bar)."""
        lines: list[list[tuple[float, int | None]]] = [[]]
        x = 0.0
        boundary = max((i for i, t in enumerate(self.taken) if t), default=None)
        for index in range(len(self.cells)):
            if x + self.cell_width > width and lines[-1]:
                lines.append([])
                x = 0.0
            lines[-1].append((x, index))
            x += self.cell_width + self.GAP
            if index == boundary and index < len(self.cells) - 1:
                if x + self.BAR > width:
                    lines.append([])
                    x = 0.0
                lines[-1].append((x, None))
                x += self.BAR
        return lines

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._lines = self._layout(max(available_width, self.cell_width))
        if not self.cells:
            return available_width, 0
        return available_width, len(self._lines) * (self.cell_height + 1.2 * mm)

    def draw(self) -> None:
        step = self.cell_height + 1.2 * mm
        top = len(self._lines) * step
        for row, line in enumerate(self._lines):
            y = top - (row + 1) * step + 0.6 * mm
            for x, index in line:
                if index is None:
                    self.canv.setLineWidth(1.6)
                    self.canv.line(
                        x + 0.3 * mm, y - 0.4 * mm, x + 0.3 * mm, y + self.cell_height + 0.4 * mm
                    )
                else:
                    self.cells[index].drawOn(self.canv, x, y)


def _levels_cell(levels: Sequence[Any]) -> Flowable:
    if not levels:
        return para("—", "cell")
    parts = []
    for level in levels:
        shown = text(level.level.value)
        shown = f"({shown})" if level.origin == Origin.COMPANY else shown
        parts.append(f'<font color="{LEVEL_HEX[level.level]}"><b>{shown}</b></font>')
    return markup("  ".join(parts), "cell")


def _last(mark: RecordMark | None) -> str:
    if mark is None:
        return "Pas encore positionné"
    where = "entreprise" if mark.origin == Origin.COMPANY else "centre"
    return f"{RATING_RESULT_LABELS[mark.result]} ({where}, {format_date(mark.day)})"


def _competence_table(competence: RecordCompetence, width: float) -> Table:
    rows: list[list[object]] = []
    for criterion in competence.criteria:
        rows.append(
            [
                f"{criterion.code} {criterion.label}",
                RatingStrip(criterion.marks),
                _last(criterion.last),
            ]
        )
    last_level = competence.levels[-1] if competence.levels else None
    rows.append(
        [
            markup("<i>Bilans intermédiaires de la compétence</i>", "cell"),
            _levels_cell(competence.levels),
            para(
                f"{last_level.level.value} : {COMPETENCE_LEVEL_LABELS[last_level.level]} "
                f"({format_date(last_level.day)})"
                if last_level
                else "Aucun bilan validé",
                "cell",
            ),
        ]
    )
    return table(
        [competence.title, "Positionnements, du plus ancien au plus récent", "Dernier résultat"],
        rows,
        [0.42, 0.3, 0.28],
        frame_width=width,
        extra_style=[("BACKGROUND", (0, len(rows)), (-1, len(rows)), colors.HexColor("#f1f4f8"))],
    )


def _record_legend(width: float) -> Table:
    st = styles()
    rows: list[list[object]] = []
    for result in RatingResult:
        rows.append(
            [
                ResultCell(result, pill=False),
                ResultCell(result, pill=True),
                Paragraph(text(RATING_RESULT_LABELS[result]), st["small"]),
            ]
        )
    rows.append(
        ["", "", para("Rectangle : positionnement en centre ; gélule : en entreprise.", "small")]
    )
    rows.append(
        [
            LineSample(),
            "",
            para(
                "Trait noir : les positionnements à sa gauche ont été "
                "pris en compte par un bilan intermédiaire.",
                "small",
            ),
        ]
    )
    rows.append(
        [
            LevelCell(CompetenceLevel.ACQUIRED, pill=False),
            "",
            para(
                "Niveaux des bilans : ++ + - --- NE ; entre parenthèses, un bilan fait en "
                "entreprise.",
                "small",
            ),
        ]
    )
    legend = Table(rows, colWidths=[10 * mm, 10 * mm, width - 20 * mm], hAlign="LEFT")
    legend.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return legend


def _record(number: _Numbering, record: CompetenceRecord, width: float) -> list[Flowable]:
    out: list[Flowable] = [PageBreak(), number.part_heading("Livret de compétences")]
    out.append(
        para(
            "Les positionnements de l'apprenti sur les critères de chaque compétence, en centre "
            "de formation et en entreprise, tels que les montre son tableau de bord (« Vue par "
            "compétences »), et les niveaux de ses bilans intermédiaires."
        )
    )
    out.append(number.section_heading("Grilles de positionnement"))
    if record.grids:
        out.append(
            table(
                ["Date", "Type", "Intitulé", "Auteur"],
                [[format_date(g.day), g.kind_label, g.title, g.author] for g in record.grids],
                [0.14, 0.22, 0.4, 0.24],
                frame_width=width,
            )
        )
    else:
        out.append(para("Aucun positionnement pour le moment.", "muted"))
    out.append(number.section_heading("Positionnements par compétence"))
    out.append(_record_legend(width))
    out.append(Spacer(1, 3 * mm))
    for competence in record.competences:
        out += [_competence_table(competence, width), Spacer(1, 3 * mm)]
    if not record.competences:
        out.append(para("Le diplôme de l'apprenti n'a pas encore de référentiel.", "muted"))
    return out


# --- Part 4: the competence reviews ----------------------------------------------------------


def _level_cell(level: str) -> Flowable:
    if not level:
        return para("", "cell_center")
    value = CompetenceLevel(level)
    return markup(
        f'<font color="{LEVEL_HEX[value]}"><b>{text(value.value)}</b></font>', "cell_center"
    )


def _comparison(comparison: ComparisonTable, width: float) -> list[Flowable]:
    reviews = comparison.reviews
    out: list[Flowable] = []
    for start in range(0, len(reviews), COMPARISON_COLUMNS):
        chunk = range(start, min(start + COMPARISON_COLUMNS, len(reviews)))
        if start:
            out.append(para("Suite du tableau comparatif", "h2"))
        share = 0.125
        widths = [1 - share * len(chunk)] + [share] * len(chunk)
        rows: list[list[object]] = [
            [
                markup("<i>Origine</i>", "cell"),
                *(
                    para(
                        "Entreprise" if reviews[i].origin == Origin.COMPANY else "Centre",
                        "cell_center",
                    )
                    for i in chunk
                ),
            ]
        ]
        rows += [
            [title, *(_level_cell(levels[i]) for i in chunk)] for title, levels in comparison.rows
        ]
        rows.append(
            [
                markup("<b>Note proposée</b>", "cell"),
                *(markup(f"<b>{text(comparison.marks[i])}</b>", "cell_center") for i in chunk),
            ]
        )
        out.append(
            table(
                ["Compétences", *(comparison.dates[i] for i in chunk)],
                rows,
                widths,
                frame_width=width,
                extra_style=[("ALIGN", (1, 0), (-1, -1), "CENTER")],
            )
        )
        out.append(Spacer(1, 3 * mm))
    return out


def _review(number: _Numbering, review: ReviewSnapshot, width: float) -> list[Flowable]:
    title = f"{REVIEW_TITLES[review.origin]} du {format_date(review.reviewed_on)}"
    facts = [
        ("Réalisé", "en entreprise" if review.origin == Origin.COMPANY else "en centre"),
        ("Auteur", review.author_name),
        ("État", status_line(review)),
    ]
    if review.origin == Origin.CENTRE:
        facts.append(("Note proposée", format_mark(review.proposed_mark) or "—"))
    return [
        CondPageBreak(60 * mm),
        number.item_heading(title),
        _facts(facts, width, 0.22),
        _p("Constats", "item"),
        *_body(review.findings),
        _p("Conseils", "item"),
        *_body(review.advice),
        Spacer(1, 2 * mm),
    ]


def _reviews(number: _Numbering, comparison: ComparisonTable, width: float) -> list[Flowable]:
    out: list[Flowable] = [number.section_heading("Bilans intermédiaires validés")]
    if not comparison.reviews:
        out.append(para("Aucun bilan validé pour le moment.", "muted"))
    else:
        out.append(
            para(
                "Les bilans validés définitivement, du plus ancien au plus récent : les constats "
                "et les conseils de chacun, puis le niveau atteint dans chaque compétence "
                "(tableau comparatif)."
            )
        )
    for review in comparison.reviews:
        out += _review(number, review, width)
    out.append(number.section_heading("Tableau comparatif des bilans"))
    if comparison.reviews:
        out += _comparison(comparison, width)
    else:
        out.append(para("Aucun bilan validé pour le moment.", "muted"))
    rows = [[COMPETENCE_LEVEL_LABELS[level], _level_cell(level.value)] for level in CompetenceLevel]
    out.append(
        KeepTogether(
            [
                para("Niveaux d'acquisition de la compétence", "h2"),
                table(["Signification", "Niveau"], rows, [0.5, 0.1], frame_width=width),
            ]
        )
    )
    return out


# --- Part 5: period reviews; signatures ------------------------------------------------------


def _period_reviews(lines: Sequence[PeriodReviewLine]) -> list[Flowable]:
    if not lines:
        return [para("Aucun bilan de période pour le moment.", "muted")]
    out: list[Flowable] = []
    for line in lines:
        facts = [
            f"Bilan du {format_date(line.reviewed_on)}" if line.reviewed_on else "Bilan non daté",
            f"par {line.author}" if line.author else "",
        ]
        out += _item(line.period_label, [" ".join(f for f in facts if f)], line.appreciation, "")
    return out


def _signatures(booklet: BookletSnapshot, width: float) -> Flowable:
    contacts = {c.role: c.name for c in booklet.welcome.contacts}
    names = [
        booklet.apprentice_name,
        contacts.get("Maître d'apprentissage", ""),
        contacts.get("Formateur référent", ""),
    ]
    grid = Table(
        [
            [
                para(h, "cell_head")
                for h in ("L'apprenti(e)", "Le maître d'apprentissage", "Le formateur référent")
            ],
            [para(n or " ", "cell") for n in names],
            [para("Date :", "cell")] * 3,
            [para("Signature :", "cell")] * 3,
        ],
        colWidths=[width / 3] * 3,
        rowHeights=[None, None, 9 * mm, 30 * mm],
    )
    grid.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), BRAND),
                ("GRID", (0, 0), (-1, -1), 0.5, LINE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return grid


# --- Documents -------------------------------------------------------------------------------


def render_booklet(document: BookletDocument, target: Any) -> int:
    """Print the booklet to `target` (a path or a binary file); returns the page count."""
    width = frame_width()
    booklet = document.booklet
    number = _Numbering()
    story: list[Flowable] = _cover(document, width)
    story += [Heading("Sommaire", 0, number.key(), contents=False), PageBreak()]
    story += _welcome(number, booklet, width)
    story += _follow_up(number, booklet)
    story += _record(number, document.record, width)
    story += [PageBreak(), number.part_heading("Bilans")]
    story += _reviews(number, document.comparison, width)
    story.append(number.section_heading("Bilans de période en entreprise"))
    story += _period_reviews(document.period_reviews)
    story += [
        CondPageBreak(75 * mm),
        number.part_heading("Signatures"),
        para(
            "Le présent livret a été porté à la connaissance de l'apprenti(e), de son maître "
            "d'apprentissage et de son formateur référent.",
        ),
        Spacer(1, 4 * mm),
        _signatures(booklet, width),
    ]
    decor = PageDecor(
        booklet.welcome.centre.name,
        f"{TITLE} — {booklet.class_name}" if booklet.class_name else TITLE,
        booklet.apprentice_name,
    )
    return _build(
        target,
        story,
        decor,
        title=f"{TITLE} — {document.apprentice_name}",
        author=document.printed_by or "CPRO Desktop",
        cover=booklet.welcome.centre,
    )


def render_reviews(document: ReviewsDocument, target: Any) -> int:
    """Print the validated reviews and their comparison table; returns the page count."""
    width = frame_width()
    number = _Numbering(numbered=False)
    subtitle = " — ".join(p for p in (document.apprentice_name, document.class_name) if p)
    story: list[Flowable] = [
        Heading("Bilans de compétences", 0, number.key(), contents=False),
        para(subtitle, "h2"),
        para(f"Imprimé le {format_date(document.printed_on)}", "muted"),
        *_reviews(number, document.comparison, width),
    ]
    decor = PageDecor(document.centre_name, "Bilans de compétences", document.apprentice_name)
    return _build(
        target,
        story,
        decor,
        title=f"Bilans de compétences — {document.apprentice_name}",
        author="CPRO Desktop",
    )
