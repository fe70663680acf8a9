"""The printed logbook (journal de bord) of one portfolio: an apprentice × a period.

In order: a title block (centre, apprentice, class, diploma, period and dates, company with
its address, tutor, referent trainer); the period plan (fiche pédagogique); the logbook's
own pages (place of work, contacts, presentation, its attachments); the weekly task grid
(tasks × weeks, an X where a task was done); every weekly sheet on its own page (label as
the seed prints it, context, autonomy, activity type, description, reflective analysis,
tasks, competences and criteria linked, comments with author and date, attachment list
with sizes or URLs — never the files' bytes); the period review when one was saved.

Data comes from `services.activities.logbook_print_snapshot()`; every user string goes
through `base.text()` / `base.para()`, long texts are paragraphs (they split over pages) and
table cells are paragraphs (long words wrap), so nothing overflows whatever the length.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from cpro_desktop.models.enums import AttachmentKind
from cpro_desktop.reports.base import (
    BRAND,
    PageDecor,
    build_pdf,
    frame_width,
    markup,
    para,
    styles,
    table,
    text,
)
from cpro_desktop.reports.period_review import (
    TITLE as REVIEW_TITLE,
)
from cpro_desktop.reports.period_review import (
    facts_table,
    format_instant,
    heading,
    people_facts,
    review_flowables,
)
from cpro_desktop.services.activities import (
    AttachmentEntry,
    CommentEntry,
    IsoWeek,
    LogbookPrint,
    PrintedSheet,
    TaskGrid,
)

__all__ = ["TITLE", "WEEKS_PER_GRID", "logbook_pdf"]

TITLE = "Journal de bord"
#: Weeks per table of the task grid; a longer period continues in a next table.
WEEKS_PER_GRID = 12
GRID_COLOUR = colors.HexColor("#9aa7b4")
AREA_FILL = colors.HexColor("#dce6f2")
EMPTY = "Non renseigné."


@lru_cache(maxsize=1)
def _local_styles() -> dict[str, ParagraphStyle]:
    base = styles()
    return {
        "cover_title": ParagraphStyle(
            "logbook_cover_title", parent=base["title"], fontSize=24, leading=30,
            alignment=TA_CENTER, spaceAfter=4,
        ),
        "cover_line": ParagraphStyle(
            "logbook_cover_line", parent=base["h2"], alignment=TA_CENTER, spaceBefore=2,
            spaceAfter=2,
        ),
        "cover_centre": ParagraphStyle(
            "logbook_cover_centre", parent=base["muted"], alignment=TA_CENTER, fontSize=10.5,
            leading=14, spaceAfter=10,
        ),
        "sheet_title": ParagraphStyle(
            "logbook_sheet_title", parent=base["h1"], spaceBefore=0,
        ),
        "comment_head": ParagraphStyle(
            "logbook_comment_head", parent=base["small"], textColor=colors.HexColor("#555555"),
            spaceBefore=4,
        ),
        "long": ParagraphStyle("logbook_long", parent=base["body"]),
        "comment": ParagraphStyle(
            "logbook_comment", parent=base["body"], leftIndent=8, spaceAfter=2,
        ),
        "x": ParagraphStyle(
            "logbook_x", parent=base["cell_center"], fontName=f"{base['body'].fontName}-Bold",
            leading=10.5,
        ),
        "week_head": ParagraphStyle(
            "logbook_week_head", parent=base["cell_head"], fontSize=7.5, leading=9,
            alignment=TA_CENTER,
        ),
    }  # fmt: skip


def _texts(value: str) -> Flowable:
    """A user text of any length, or a muted "Non renseigné." when empty."""
    if value and value.strip():
        return Paragraph(text(value), _local_styles()["long"])
    return para(EMPTY, "muted")


def _section(title: str, value: str) -> list[Flowable]:
    return [*heading(title, "h2"), _texts(value)]


# -- title block and period plan ------------------------------------------------------------


def _cover(snapshot: LogbookPrint, width: float) -> list[Flowable]:
    local = _local_styles()
    who = (snapshot.apprentice_name, snapshot.class_name, snapshot.diploma_name)
    story: list[Flowable] = []
    if snapshot.centre_name:
        story.append(Paragraph(text(snapshot.centre_name), local["cover_centre"]))
    story += [
        Paragraph(text(TITLE), local["cover_title"]),
        Paragraph(text(snapshot.period_label), local["cover_line"]),
        Paragraph(text(" — ".join(p for p in who if p)), local["cover_line"]),
        Spacer(1, 10),
    ]
    facts = people_facts(
        apprentice_name=snapshot.apprentice_name,
        class_name=snapshot.class_name,
        diploma_name=snapshot.diploma_name,
        period_label=snapshot.period_label,
        company=snapshot.company,
        tutor=snapshot.tutor,
        trainer=snapshot.referent,
    )
    facts.append(("Imprimé le", format_instant(snapshot.printed_at)))
    story.append(facts_table(facts, width))
    return story


def _plan(snapshot: LogbookPrint, width: float) -> list[Flowable]:
    plan = snapshot.plan
    story: list[Flowable] = [
        *heading("Fiche pédagogique de la période", "h1"),
        *_section("Objectifs de formation", plan.objectives),
        *_section("Activités prévisionnelles", plan.planned_activities),
        *heading("Tâches prévues", "h2"),
    ]
    if plan.planned_tasks:
        story.append(
            table(
                ["Code", "Tâche professionnelle"],
                [[t.code, t.label] for t in plan.planned_tasks],
                [0.12, 0.88],
                frame_width=width,
            )
        )
    else:
        story.append(para("Aucune tâche prévue.", "muted"))
    return story


def _attachments(entries: Sequence[AttachmentEntry], width: float) -> Flowable:
    """The attachment list: name, kind, size or URL, who added it — never the bytes."""
    if not entries:
        return para("Aucune annexe.", "muted")
    rows = []
    for entry in entries:
        if entry.kind == AttachmentKind.FILE:
            kind, detail = "Fichier", entry.size_label
        else:
            kind, detail = "Lien", entry.url or ""
        rows.append([entry.name, kind, detail, entry.added_by_name])
    return table(
        ["Nom", "Type", "Taille ou adresse", "Ajoutée par"],
        rows,
        [0.34, 0.09, 0.37, 0.20],
        frame_width=width,
    )


def _logbook_pages(snapshot: LogbookPrint, width: float) -> list[Flowable]:
    texts = snapshot.logbook
    return [
        *heading("Entreprise d'accueil", "h1"),
        *_section("Lieu de réalisation", texts.place_of_work),
        *_section("Contacts dans l'entreprise", texts.contacts),
        *_section("Présentation de l'entreprise et des activités", texts.presentation),
        *heading(f"Annexes du journal de bord ({len(snapshot.logbook_attachments)})", "h2"),
        _attachments(snapshot.logbook_attachments, width),
    ]


# -- the weekly task grid ---------------------------------------------------------------------


def _week_header(week: IsoWeek, several_years: bool) -> Paragraph:
    label = week.short_label + (f"<br/>{week.year}" if several_years else "")
    return Paragraph(label, _local_styles()["week_head"])


def _grid_table(grid: TaskGrid, weeks: Sequence[IsoWeek], width: float) -> Table:
    """Areas and their tasks × `weeks`, an X in each ticked cell."""
    local = _local_styles()
    several_years = len({w.year for w in grid.weeks}) > 1
    week_share = min(0.065, 0.6 / max(len(weeks), 1))
    task_share = 1 - week_share * len(weeks)
    ticked = grid.cells
    data: list[list[object]] = [
        [Paragraph("Activités et tâches professionnelles", styles()["cell_head"])]
        + [_week_header(w, several_years) for w in weeks]
    ]
    style: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), BRAND),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID_COLOUR),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]
    for area in grid.areas:
        row = len(data)
        data.append([markup(f"<b>{text(area.label)}</b>", "cell")] + [""] * len(weeks))
        style += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), AREA_FILL)]
        for task in area.tasks:
            data.append(
                [para(task.title, "cell")]
                + [Paragraph("X", local["x"]) if (task.id, w) in ticked else "" for w in weeks]
            )
    result = Table(
        data, colWidths=[task_share * width] + [week_share * width] * len(weeks), repeatRows=1
    )
    result.setStyle(TableStyle(style))
    return result


def _task_grid(grid: TaskGrid, width: float) -> list[Flowable]:
    story: list[Flowable] = heading("Tâches hebdomadaires", "h1")
    if not grid.weeks or not any(area.tasks for area in grid.areas):
        story.append(para("Aucune tâche à présenter pour cette période.", "muted"))
        return story
    story.append(
        para(
            "Une croix indique une tâche professionnelle réalisée en entreprise la semaine "
            "indiquée (cochée par l'apprenti ou confiée par le maître d'apprentissage).",
            "muted",
        )
    )
    weeks = list(grid.weeks)
    for start in range(0, len(weeks), WEEKS_PER_GRID):
        story += [Spacer(1, 4), _grid_table(grid, weeks[start : start + WEEKS_PER_GRID], width)]
    return story


# -- one weekly sheet ---------------------------------------------------------------------


def _comments(comments: Sequence[CommentEntry]) -> list[Flowable]:
    local = _local_styles()
    if not comments:
        return [para("Aucun commentaire.", "muted")]
    story: list[Flowable] = []
    for comment in comments:
        head = f"<b>{text(comment.author_name or 'Auteur inconnu')}</b>, le " + text(
            format_instant(comment.created_at)
        )
        if comment.updated_at and comment.updated_at != comment.created_at:
            head += text(f" (modifié le {format_instant(comment.updated_at)})")
        story += [Paragraph(head, local["comment_head"]),
                  Paragraph(text(comment.body), local["comment"])]  # fmt: skip
    return story


def _links(sheet: PrintedSheet, width: float) -> list[Flowable]:
    story: list[Flowable] = heading("Liaison avec le référentiel", "h2")
    rows: list[list[object]] = []
    if sheet.tasks:
        rows.append(["Tâches réalisées", "<br/>".join(text(t.title) for t in sheet.tasks)])
    if sheet.competences:
        rows.append(
            ["Compétences à évaluer", "<br/>".join(text(c.title) for c in sheet.competences)]
        )
    if sheet.criteria:
        rows.append(
            [
                "Critères à évaluer",
                "<br/>".join(f"{text(c.code)}&nbsp; {text(c.label)}" for c in sheet.criteria),
            ]
        )
    if not rows:
        story.append(para("Aucune tâche ni compétence liée à cette fiche.", "muted"))
        return story
    story.append(facts_table([(label, markup(value, "cell")) for label, value in rows], width))
    return story


def _sheet(sheet: PrintedSheet, width: float) -> list[Flowable]:
    local = _local_styles()
    texts = sheet.texts
    top: list[Flowable] = [Paragraph(text(sheet.label), local["sheet_title"])]
    if sheet.retired:
        top.append(
            markup(
                '<font color="#b3261e"><b>Semaine retirée de la période</b></font> : la fiche '
                "est conservée parce qu'elle contient du texte.",
                "body",
            )
        )
    top.append(
        para(texts.title, "h2") if texts.title.strip() else para("Fiche sans titre.", "muted")
    )
    context_facts: list[tuple[str, object]] = [
        ("Conditions de réalisation", texts.autonomy_label or "—"),
        ("Type d'activité", sheet.activity_area_label or "—"),
    ]
    story: list[Flowable] = [
        KeepTogether([*top, facts_table(context_facts, width)]),
        *_section("Contexte", texts.context),
        *_section("Description de l'activité", texts.description),
        *_section("Analyse réflexive", texts.reflective_analysis),
        *_links(sheet, width),
        *heading(f"Commentaires ({len(sheet.comments)})", "h2"),
        *_comments(sheet.comments),
        *heading(f"Annexes associées ({len(sheet.attachments)})", "h2"),
        _attachments(sheet.attachments, width),
    ]
    return story


def _sheets(snapshot: LogbookPrint, width: float) -> list[Flowable]:
    if not snapshot.sheets:
        return [*heading("Fiches activités", "h1"), para("Aucune fiche activité.", "muted")]
    story: list[Flowable] = []
    for sheet in snapshot.sheets:
        story += [PageBreak(), *_sheet(sheet, width)]
    return story


# -- the document -----------------------------------------------------------------------------


def logbook_pdf(snapshot: LogbookPrint, target: Any) -> int:
    """Print the logbook of one portfolio to `target` (a path or a binary file); returns the
    number of pages."""
    width = frame_width()
    story: list[Flowable] = [
        *_cover(snapshot, width),
        *_plan(snapshot, width),
        *_logbook_pages(snapshot, width),
        *_task_grid(snapshot.task_grid, width),
        *_sheets(snapshot, width),
    ]
    review = snapshot.review
    if review.review_id is not None:
        story += [
            PageBreak(),
            para(REVIEW_TITLE, "title"),
            *review_flowables(review, blank=False, width=width),
        ]
    decor = PageDecor(
        snapshot.centre_name, f"{TITLE} — {snapshot.period_name}", snapshot.apprentice_name
    )
    return build_pdf(
        str(target) if isinstance(target, Path) else target,
        story,
        decor,
        title=f"{TITLE} — {snapshot.apprentice_name} — {snapshot.period_name}",
    )
