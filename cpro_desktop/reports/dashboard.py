"""Exports of the apprentice's dashboard, exactly as filtered on screen.

PDF (landscape A4, with its legend): the competence view draws each rating as on screen (a
rectangle for the centre, a pill for the company, the result's colour and mark), the
reviews' levels, and the thick black line after the grids taken into account; columns that
do not fit the page width continue in a next table, the labels repeated. The activities
view prints its X per week under the training year. CSV (";" separator, UTF-8 with a BOM so
that French spreadsheets open it right): a few header lines, then one line per row.

The documents are built from the services' layouts, never from Qt.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from cpro_desktop.files import atomic_write
from cpro_desktop.models.enums import (
    COMPETENCE_LEVEL_LABELS,
    RATING_RESULT_LABELS,
    CompetenceLevel,
    Origin,
    RatingResult,
)
from cpro_desktop.reports.base import (
    BRAND,
    FONT,
    LIGHT,
    PageDecor,
    build_pdf,
    frame_width,
    markup,
    para,
    register_fonts,
    styles,
    table,
    text,
)
from cpro_desktop.services.dashboard import (
    ACTIVITIES_TITLE,
    MARK_COLOURS,
    ORIGIN_LABELS,
    RATING_KIND_LABELS,
    RESULT_COLOURS,
    ActivitiesLayout,
    CompetenceColumn,
    CompetenceLayout,
    DashboardFilters,
    RatingKind,
    RowKind,
    column_groups,
    format_date,
)

__all__ = [
    "activities_csv",
    "activities_pdf",
    "competence_csv",
    "competence_pdf",
    "filters_description",
]

LABEL_WIDTH = 78 * mm
CELL_WIDTH = 7.2 * mm
REVIEW_WIDTH = 9 * mm
WEEK_WIDTH = 9 * mm
COMPETENCE_FILL = colors.HexColor("#dce6f2")
REVIEWS_FILL = colors.HexColor("#f1f4f8")
COMPANY_FILL = colors.HexColor("#fff3e0")
CENTRE_FILL = colors.HexColor("#e8f1fc")
LEVEL_FILL = colors.HexColor("#eef3fa")
LEVEL_BORDER = colors.HexColor("#5b6b7f")
RESULT_KEYS = {
    RatingResult.SUCCESS_AUTONOMOUS: "1 / A",
    RatingResult.SUCCESS_ASSISTED: "2 / I",
    RatingResult.PARTIAL: "3 / P",
    RatingResult.NOT_ASSESSABLE: "4 / N",
    RatingResult.ABSENT: "5 / X",
}


# --- Cells drawn like the screen -------------------------------------------------------------


class ResultCell(Flowable):
    """A rating: a coloured rectangle (centre) or pill (company) with the result's mark."""

    def __init__(self, result: RatingResult, pill: bool, width: float = 5.6 * mm) -> None:
        super().__init__()
        self.result, self.pill = result, pill
        self.box_width, self.box_height = width, 3.6 * mm

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.box_width, self.box_height

    def draw(self) -> None:
        c = self.canv
        w, h = self.box_width, self.box_height
        c.saveState()
        c.setFillColor(colors.HexColor(RESULT_COLOURS[self.result]))
        if self.pill:
            c.roundRect(0, 0, w, h, h / 2, stroke=0, fill=1)
        else:
            c.rect(0, 0, w, h, stroke=0, fill=1)
        mark = colors.HexColor(MARK_COLOURS[self.result])
        c.setStrokeColor(mark)
        c.setFillColor(mark)
        c.setLineWidth(0.9)
        c.setLineCap(1)
        cx, cy, s = w / 2, h / 2, h * 0.32
        result = self.result
        if result in (RatingResult.SUCCESS_AUTONOMOUS, RatingResult.SUCCESS_ASSISTED):
            dx = -0.8 if result == RatingResult.SUCCESS_ASSISTED else 0
            path = c.beginPath()
            path.moveTo(cx - s + dx, cy)
            path.lineTo(cx - s * 0.25 + dx, cy - s * 0.75)
            path.lineTo(cx + s + dx, cy + s * 0.75)
            c.drawPath(path, stroke=1, fill=0)
            if result == RatingResult.SUCCESS_ASSISTED:
                c.circle(cx + s + 1.6, cy - s * 0.7, 0.55, stroke=0, fill=1)
        elif result == RatingResult.PARTIAL:
            path = c.beginPath()
            path.rect(0.6, 0.6, w - 1.2, h - 1.2)
            c.clipPath(path, stroke=0, fill=0)
            c.setLineWidth(0.6)
            x = -h
            while x < w:
                c.line(x, 0, x + h, h)
                x += 1.4 * mm
        elif result == RatingResult.NOT_ASSESSABLE:
            c.circle(cx, cy, s * 0.7, stroke=1, fill=0)
        else:
            c.line(cx - s * 0.6, cy - s * 0.6, cx + s * 0.6, cy + s * 0.6)
            c.line(cx - s * 0.6, cy + s * 0.6, cx + s * 0.6, cy - s * 0.6)
        c.restoreState()


class LevelCell(Flowable):
    """A review's level: a neutral badge (pill for a company review) with its symbol."""

    def __init__(self, level: CompetenceLevel, pill: bool) -> None:
        super().__init__()
        self.level, self.pill = level, pill
        self.box_width, self.box_height = 7.2 * mm, 4 * mm

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.box_width, self.box_height

    def draw(self) -> None:
        c = self.canv
        w, h = self.box_width, self.box_height
        c.saveState()
        c.setFillColor(LEVEL_FILL)
        c.setStrokeColor(LEVEL_BORDER)
        c.setLineWidth(0.5)
        if self.pill:
            c.roundRect(0, 0, w, h, h / 2, stroke=1, fill=1)
        else:
            c.rect(0, 0, w, h, stroke=1, fill=1)
        c.setFillColor(colors.black)
        c.setFont(f"{register_fonts()}-Bold", 6.5)
        c.drawCentredString(w / 2, h / 2 - 2.2, self.level.value)
        c.restoreState()


class VerticalText(Flowable):
    """A column title written upwards (a grid's date)."""

    def __init__(self, value: str, size: float = 6.5) -> None:
        super().__init__()
        self.value, self.size = value, size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return self.size + 2, stringWidth(self.value, FONT, self.size) + 2

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setFont(register_fonts(), self.size)
        c.setFillColor(colors.white)
        c.rotate(90)
        c.drawString(1, -self.size - 0.5, self.value)
        c.restoreState()


class LineSample(Flowable):
    """The legend's sample of the thick black line."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 6 * mm, 4 * mm

    def draw(self) -> None:
        self.canv.setLineWidth(2)
        self.canv.line(3 * mm, 0, 3 * mm, 4 * mm)


# --- Texts -----------------------------------------------------------------------------------


def filters_description(filters: DashboardFilters, layout: Any) -> str:
    """The filters in one French line, printed under the title (no units for activities)."""
    snapshot = layout.snapshot
    units = getattr(snapshot, "units", ())
    if filters.unit_ids is None:
        unit_text = "tout afficher"
    else:
        unit_text = ", ".join(u.code for u in units if u.id in filters.unit_ids) or "aucune"
    kinds = ", ".join(RATING_KIND_LABELS[k] for k in RatingKind if k in filters.kinds) or "aucun"
    years = {y.id: y.label for y in snapshot.school_years}
    period = (
        f"année scolaire {years.get(filters.school_year_id, '')}"
        if filters.school_year_id is not None
        else "tout le cycle"
    )
    if filters.date_from or filters.date_to:
        period += (
            f", du {format_date(filters.date_from) or '…'} au {format_date(filters.date_to) or '…'}"
        )
    if isinstance(layout, ActivitiesLayout):
        return f"Positionnements : {kinds} · Période : {period}"
    return f"Unités : {unit_text} · Positionnements : {kinds} · Période : {period}"


def _column_kind(column: CompetenceColumn) -> str:
    if column.grid is not None:
        return RATING_KIND_LABELS[column.grid.rating_kind]
    return f"Bilan — {ORIGIN_LABELS[column.origin].lower()}"


def _author(column: CompetenceColumn) -> str:
    if column.grid is not None:
        return column.grid.author_name
    return column.review.author_name if column.review else ""


def _decor(layout: Any, view: str) -> PageDecor:
    header = layout.snapshot.apprentice
    return PageDecor(
        header.centre_name or "CPRO Desktop",
        f"Tableau de bord de l'apprenti — {view}",
        " — ".join(p for p in (header.display_name, header.class_name) if p),
    )


def _heading(layout: Any, view: str) -> list[Flowable]:
    header = layout.snapshot.apprentice
    who = " — ".join(p for p in (header.display_name, header.class_name, header.diploma_name) if p)
    return [
        para(f"Tableau de bord de l'apprenti — {view}", "title"),
        para(who, "h2"),
        para(filters_description(layout.filters, layout), "muted"),
        Spacer(1, 3 * mm),
    ]


# --- Competence view -------------------------------------------------------------------------


def _chunks(widths: Sequence[float], available: float) -> list[range]:
    """Consecutive column ranges whose widths fit `available`."""
    chunks: list[range] = []
    start, used = 0, 0.0
    for index, width in enumerate(widths):
        if index > start and used + width > available:
            chunks.append(range(start, index))
            start, used = index, 0.0
        used += width
    if start < len(widths):
        chunks.append(range(start, len(widths)))
    return chunks or [range(0)]


def _competence_table(layout: CompetenceLayout, columns: range) -> Table:
    st = styles()
    head_style = st["cell_head"]
    groups = column_groups([layout.columns[c].group_label for c in columns])
    group_row: list[object] = [Paragraph("", head_style)] + [""] * len(columns)
    spans: list[tuple[Any, ...]] = []
    for label, first, last in groups:
        group_row[first + 1] = Paragraph(text(label), st["small"])
        if last > first:
            spans.append(("SPAN", (first + 1, 0), (last + 1, 0)))
    date_row: list[object] = [Paragraph(text("Compétences et critères"), head_style)]
    date_row += [VerticalText(layout.columns[c].label) for c in columns]
    data: list[list[object]] = [group_row, date_row]
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 7),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("BACKGROUND", (0, 1), (-1, 1), BRAND),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#b8c2ce")),
        ("LEFTPADDING", (1, 0), (-1, -1), 0.6),
        ("RIGHTPADDING", (1, 0), (-1, -1), 0.6),
        ("TOPPADDING", (0, 2), (-1, -1), 1.2),
        ("BOTTOMPADDING", (0, 2), (-1, -1), 1.2),
        *spans,
    ]
    for row_index, line in enumerate(layout.rows):
        at = len(data)
        if line.kind == RowKind.COMPETENCE:
            label = markup(f"<b>{text(line.label)}</b>", "cell")
            style.append(("BACKGROUND", (0, at), (-1, at), COMPETENCE_FILL))
        elif line.kind == RowKind.REVIEWS:
            label = markup(f"<i>{text(line.label)}</i>", "cell")
            style.append(("BACKGROUND", (0, at), (-1, at), REVIEWS_FILL))
        else:
            label = para(line.label, "small")
        cells: list[object] = [label]
        for c in columns:
            column = layout.columns[c]
            result = layout.rating(row_index, c)
            level = layout.level(row_index, c)
            if result is not None:
                cells.append(ResultCell(result, column.origin == Origin.COMPANY))
            elif level is not None:
                cells.append(LevelCell(level, column.origin == Origin.COMPANY))
            else:
                cells.append("")
        data.append(cells)
    boundary = layout.boundary
    if boundary is not None and (boundary in columns or (boundary == -1 and columns.start == 0)):
        local = boundary - columns.start + 1  # the table column after which the line runs
        style.append(("LINEAFTER", (local, 1), (local, -1), 2.2, colors.black))
    widths = [LABEL_WIDTH] + [
        REVIEW_WIDTH if layout.columns[c].review else CELL_WIDTH for c in columns
    ]
    result = Table(data, colWidths=widths, repeatRows=2)
    result.setStyle(TableStyle(style))
    return result


def _competence_legend() -> list[Flowable]:
    st = styles()
    rows: list[list[object]] = []
    for result in RatingResult:
        rows.append(
            [
                ResultCell(result, pill=False),
                ResultCell(result, pill=True),
                Paragraph(
                    text(f"{RATING_RESULT_LABELS[result]} (saisie : {RESULT_KEYS[result]})"),
                    st["small"],
                ),
            ]
        )
    shapes = "Rectangle : positionnement en centre de formation ; gélule : en entreprise."
    line = "Trait noir : les positionnements à sa gauche ont été pris en compte par un bilan."
    rows.append(["", "", para(shapes, "small")])
    rows.append([LineSample(), "", para(line, "small")])
    for level in CompetenceLevel:
        label = para(COMPETENCE_LEVEL_LABELS[level], "small")
        rows.append([LevelCell(level, pill=False), "", label])
    legend = Table(rows, colWidths=[10 * mm, 10 * mm, 120 * mm], hAlign="LEFT")
    legend.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return [Spacer(1, 4 * mm), para("Légende", "h2"), legend]


def competence_pdf(layout: CompetenceLayout, target: str | Path | IO[bytes]) -> int:
    """The competence view to a landscape PDF; returns the number of pages."""
    available = frame_width(landscape_pages=True) - LABEL_WIDTH
    widths = [REVIEW_WIDTH if c.review else CELL_WIDTH for c in layout.columns]
    story: list[Flowable] = _heading(layout, "Vue par compétences")
    if not layout.rows:
        story.append(para("Aucune compétence à afficher avec ces filtres."))
    for number, columns in enumerate(_chunks(widths, available)):
        if number:
            story.append(Spacer(1, 5 * mm))
            story.append(para("Suite des positionnements", "h2"))
        story.append(_competence_table(layout, columns))
    story += _competence_legend()
    return build_pdf(
        _target(target),
        story,
        _decor(layout, "Vue par compétences"),
        title=f"Tableau de bord — {layout.snapshot.apprentice.display_name}",
        landscape_pages=True,
    )


# --- Activities view -------------------------------------------------------------------------


def activities_pdf(layout: ActivitiesLayout, target: str | Path | IO[bytes]) -> int:
    """The activities view to a landscape PDF; returns the number of pages."""
    frame = frame_width(landscape_pages=True)
    label_width = 90 * mm
    widths = [WEEK_WIDTH] * len(layout.columns)
    story: list[Flowable] = _heading(layout, "Vue par activités")
    for number, columns in enumerate(_chunks(widths, frame - label_width)):
        if number:
            story.append(Spacer(1, 5 * mm))
        # The training years head the table (spanning their weeks), the weeks come next.
        header = ["Activités et tâches"] + [""] * len(columns)
        extra: list[tuple[Any, ...]] = [
            ("ALIGN", (1, 0), (-1, -1), "CENTER"),
            ("BACKGROUND", (0, 1), (-1, 1), LIGHT),
        ]
        for label, first, last in column_groups([layout.columns[c].group_label for c in columns]):
            header[first + 1] = label
            if last > first:
                extra.append(("SPAN", (first + 1, 0), (last + 1, 0)))
        weeks: list[object] = [""] + [
            markup(f"<b>{text(layout.columns[c].label)}</b>", "cell_center") for c in columns
        ]
        rows: list[list[object]] = [weeks]
        for row_index, line in enumerate(layout.rows):
            at = len(rows) + 1
            if line.kind == RowKind.TITLE:
                label: object = markup(f"<b>{text(ACTIVITIES_TITLE)}</b>", "cell")
                extra.append(("BACKGROUND", (0, at), (-1, at), colors.HexColor("#c8d6e8")))
            elif line.kind == RowKind.AREA:
                label = markup(f"<b>{text(line.label)}</b>", "cell")
                extra.append(("BACKGROUND", (0, at), (-1, at), COMPETENCE_FILL))
            else:
                label = para(line.label, "cell")
            cells: list[object] = [label]
            for c in columns:
                done = layout.done(row_index, c)
                cells.append(markup("<b>X</b>", "cell_center") if done else "")
                if line.kind == RowKind.TASK:
                    company = layout.columns[c].origin == Origin.COMPANY
                    fill = COMPANY_FILL if company else CENTRE_FILL
                    local = c - columns.start + 1
                    extra.append(("BACKGROUND", (local, at), (local, at), fill))
            rows.append(cells)
        grid = table(
            header,
            rows,
            [label_width / frame] + [WEEK_WIDTH / frame] * len(columns),
            frame_width=frame,
            extra_style=extra,
        )
        grid.repeatRows = 2  # the training years and the weeks on every page
        story.append(grid)
    legend = Table(
        [
            ["", para("Semaine en entreprise", "small")],
            ["", para("Semaine en centre de formation", "small")],
            ["X", para("Tâche réalisée cette semaine", "small")],
        ],
        colWidths=[8 * mm, 100 * mm],
        hAlign="LEFT",
    )
    legend.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (0, 0), COMPANY_FILL),
                ("BACKGROUND", (0, 1), (0, 1), CENTRE_FILL),
                ("BOX", (0, 0), (0, 0), 0.3, colors.HexColor("#b8c2ce")),
                ("BOX", (0, 1), (0, 1), 0.3, colors.HexColor("#b8c2ce")),
                ("ALIGN", (0, 0), (0, -1), "CENTER"),
                ("FONT", (0, 0), (-1, -1), FONT, 8),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    story += [Spacer(1, 4 * mm), para("Légende", "h2"), legend]
    return build_pdf(
        _target(target),
        story,
        _decor(layout, "Vue par activités"),
        title=f"Tableau de bord — {layout.snapshot.apprentice.display_name}",
        landscape_pages=True,
    )


# --- CSV -------------------------------------------------------------------------------------


def competence_csv(layout: CompetenceLayout, target: str | Path | IO[str]) -> None:
    """The competence view to CSV: header lines (dates, kinds, titles…), then the rows."""
    columns = layout.columns
    boundary = layout.boundary
    lines: list[list[str]] = [
        ["Apprenti", layout.snapshot.apprentice.display_name],
        ["Filtres", filters_description(layout.filters, layout)],
        ["Année"] + [c.group_label for c in columns],
        ["Date"] + [c.label for c in columns],
        ["Type"] + [_column_kind(c) for c in columns],
        ["Intitulé"] + [c.grid.title if c.grid else "Bilan intermédiaire" for c in columns],
        ["Auteur"]
        + [
            c.grid.author_name if c.grid else c.review.author_name if c.review else ""
            for c in columns
        ],
        ["Pris en compte par un bilan"]
        + [
            ("oui" if boundary is not None and i <= boundary else "non") if c.grid else ""
            for i, c in enumerate(columns)
        ],
    ]
    for row_index, line in enumerate(layout.rows):
        cells = [line.label]
        for c in range(len(columns)):
            result = layout.rating(row_index, c)
            level = layout.level(row_index, c)
            if result is not None:
                cells.append(RATING_RESULT_LABELS[result])
            elif level is not None:
                cells.append(level.value)
            else:
                cells.append("")
        lines.append(cells)
    _write_csv(target, lines)


def activities_csv(layout: ActivitiesLayout, target: str | Path | IO[str]) -> None:
    """The activities view to CSV: training year, week, ISO year and place, then the rows."""
    columns = layout.columns
    lines: list[list[str]] = [
        ["Apprenti", layout.snapshot.apprentice.display_name],
        ["Année de formation"] + [c.group_label for c in columns],
        ["Semaine"] + [c.label for c in columns],
        ["Année"] + [str(c.iso_year) for c in columns],
        ["Lieu"] + [ORIGIN_LABELS[c.origin] for c in columns],
    ]
    for row_index, line in enumerate(layout.rows):
        label = ACTIVITIES_TITLE if line.kind == RowKind.TITLE else line.label
        lines.append(
            [label] + ["X" if layout.done(row_index, c) else "" for c in range(len(columns))]
        )
    _write_csv(target, lines)


def _write_csv(target: str | Path | IO[str], lines: list[list[str]]) -> None:
    if isinstance(target, (str, Path)):
        # Written safely: a full disk leaves no half file (see `files.atomic_write`).
        with (
            atomic_write(Path(target), track=True) as partial,
            partial.open("w", encoding="utf-8-sig", newline="") as handle,
        ):
            csv.writer(handle, delimiter=";").writerows(lines)
        return
    target.write("\ufeff")
    csv.writer(target, delimiter=";").writerows(lines)


def _target(target: str | Path | IO[bytes]) -> str | IO[bytes]:
    return str(target) if isinstance(target, Path) else target
