"""The competence reviews as PDF: one review ("Bilan des activités en entreprise" or "Bilan
intermédiaire de compétences": Constats, Conseils, then the competence table with each level's
meaning, its author, dates and validation) and the archive's comparison table (competences ×
review dates, the levels, the "Note proposée" row), as module 4 shows them.

Data comes from `services.reviews` snapshots; every user string goes through `base.text()`.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from cpro_desktop.models.enums import COMPETENCE_LEVEL_LABELS, CompetenceLevel, Origin
from cpro_desktop.reports.base import (
    LIGHT,
    PageDecor,
    build_pdf,
    frame_width,
    markup,
    para,
    table,
    text,
)
from cpro_desktop.reports.colours import LEVEL_HEX
from cpro_desktop.services.reviews import ComparisonTable, ReviewSnapshot, format_mark

ORIGIN_LABELS = {Origin.CENTRE: "Centre de formation", Origin.COMPANY: "Entreprise"}
REVIEW_TITLES = {
    Origin.CENTRE: "Bilan intermédiaire de compétences",
    Origin.COMPANY: "Bilan des activités en entreprise",
}
COMPARISON_TITLE = "Bilans de compétences — comparaison"
#: Beyond this many review columns the comparison prints on landscape pages.
PORTRAIT_MAX_COLUMNS = 5


def _target(target: Any) -> Any:
    """ReportLab takes a str path or a binary file; a `Path` becomes its str."""
    return os.fspath(target) if isinstance(target, os.PathLike) else target


def _date(day: Any) -> str:
    if day is None:
        return ""
    if isinstance(day, datetime):
        return day.astimezone().strftime("%d/%m/%Y à %H:%M")
    return day.strftime("%d/%m/%Y")


def _level_cell(level: CompetenceLevel | str) -> Flowable:
    """A level symbol, bold and coloured, centred in its cell."""
    value = CompetenceLevel(level) if level else None
    if value is None:
        return para("", "cell_center")
    symbol = f"<b>{text(value.value)}</b>"
    return markup(f'<font color="{LEVEL_HEX[value]}" size="10">{symbol}</font>', "cell_center")


def status_line(snapshot: ReviewSnapshot) -> str:
    """ "Validé définitivement le 25/01/2023 à 17:00 par DURAND Sophie" or "Brouillon"."""
    if snapshot.is_draft:
        return "Brouillon (non validé)"
    line = f"Validé définitivement le {_date(snapshot.validated_at)}"
    if snapshot.validated_by_name:
        line += f" par {snapshot.validated_by_name}"
    return line


def competence_review_pdf(
    snapshot: ReviewSnapshot, apprentice_name: str, centre_name: str, target: Any
) -> int:
    """Print one review to `target` (a path or a binary file); returns the page count."""
    width = frame_width()
    title = REVIEW_TITLES[snapshot.origin]
    facts = [
        ("Apprenti", apprentice_name),
        ("Date du bilan", _date(snapshot.reviewed_on)),
        ("Réalisé", "en entreprise" if snapshot.origin == Origin.COMPANY else "en centre de "
         "formation"),
        ("Auteur", snapshot.author_name),
        ("État", status_line(snapshot)),
    ]  # fmt: skip
    if snapshot.origin == Origin.CENTRE:
        facts.append(("Note proposée", format_mark(snapshot.proposed_mark) or "—"))
    story: list[Flowable] = [
        para(title, "title"),
        _facts(facts, width),
        _heading("Constats"),
        para(snapshot.findings or "—"),
        _heading("Conseils"),
        para(snapshot.advice or "—"),
        _heading("Compétences"),
        table(
            ["Compétence", "Niveau", "Signification"],
            [
                [line.title, _level_cell(line.level), COMPETENCE_LEVEL_LABELS[line.level]]
                for line in snapshot.lines
            ],
            [0.55, 0.1, 0.35],
            frame_width=width,
        ),
        Spacer(1, 8),
        _legend(width),
    ]
    decor = PageDecor(centre_name, f"{title} du {_date(snapshot.reviewed_on)}", apprentice_name)
    return build_pdf(_target(target), story, decor, title=f"{title} — {apprentice_name}",
                     author=snapshot.author_name or "CPRO Desktop")  # fmt: skip


def comparison_pdf(
    comparison: ComparisonTable, apprentice_name: str, centre_name: str, target: Any
) -> int:
    """Print the comparison table (the seed's last table) to `target`; landscape when there
    are many reviews. Returns the page count."""
    count = len(comparison.reviews)
    wide = count > PORTRAIT_MAX_COLUMNS
    width = frame_width(wide)
    story: list[Flowable] = [
        para(COMPARISON_TITLE, "title"),
        para(f"Apprenti : {apprentice_name}", "h2"),
    ]
    if not count:
        story.append(para("Aucun bilan validé pour le moment.", "muted"))
    else:
        level_share = min(0.14, 0.6 / count)
        widths = [1 - level_share * count] + [level_share] * count
        header = ["Compétences", *comparison.dates]
        rows: list[list[object]] = [
            [title, *(_level_cell(level) for level in levels)] for title, levels in comparison.rows
        ]
        rows.append(
            [markup("<b>Note proposée</b>", "cell"),
             *(markup(f"<b>{text(mark)}</b>", "cell_center") for mark in comparison.marks)]
        )  # fmt: skip
        origins = [
            markup("<i>Origine</i>", "cell"),
            *(para(ORIGIN_LABELS[r.origin], "cell_center") for r in comparison.reviews),
        ]
        story.append(
            table(header, [origins, *rows], widths, frame_width=width,
                  extra_style=[("ALIGN", (1, 0), (-1, -1), "CENTER")])
        )  # fmt: skip
    story += [Spacer(1, 8), _legend(width)]
    decor = PageDecor(centre_name, COMPARISON_TITLE, apprentice_name)
    return build_pdf(
        _target(target),
        story,
        decor,
        title=f"{COMPARISON_TITLE} — {apprentice_name}",
        landscape_pages=wide,
    )


def _heading(title: str) -> Flowable:
    """A section title that never stays alone at the foot of a page."""
    heading = para(title, "h1")
    heading.keepWithNext = True
    return heading


def _facts(rows: list[tuple[str, str]], width: float) -> Table:
    """A two-column block of labelled facts (no header row)."""
    result = Table(
        [[para(label, "cell"), para(value, "cell")] for label, value in rows],
        colWidths=[0.22 * width, 0.78 * width],
    )
    result.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (0, -1), LIGHT),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa7b4")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return result


def _legend(width: float) -> Flowable:
    """The five levels and their meanings, as the seed lists them."""
    rows = [[COMPETENCE_LEVEL_LABELS[level], _level_cell(level)] for level in CompetenceLevel]
    levels = table(["Signification", "Niveau"], rows, [0.5, 0.1], frame_width=width)
    levels.hAlign = "LEFT"
    return KeepTogether([para("Niveaux d'acquisition de la compétence", "h2"), levels])
