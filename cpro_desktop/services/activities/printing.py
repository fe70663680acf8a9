"""What the printed logbook needs, and finding a portfolio by names for the command line.

`logbook_print_snapshot()` gathers the whole portfolio in a fixed number of statements
(every sheet's texts, tasks, competences, criteria, comments and attachment list at once);
the PDF code only lays it out. `find_portfolio()` resolves "AZZOUG Mina" + "Test annexe
1MELEC" among the portfolios the user may read, ignoring case and accents, and otherwise
says which names are close.
"""

from __future__ import annotations

import difflib
import unicodedata

from sqlalchemy import select

from cpro_desktop import models as m
from cpro_desktop.models.audit import AuditAction
from cpro_desktop.services import audit
from cpro_desktop.services.access import authorize_portfolio, fresh_actor
from cpro_desktop.services.permissions import Action, Actor, visible_portfolios_clause
from cpro_desktop.store import Store
from cpro_desktop.store.errors import NotFound

from .labels import sheet_label
from .logbook import task_grid
from .queries import (
    attachments_where,
    comments_of,
    company_info,
    display_name,
    last_change,
    links_of,
    load_areas,
    load_competences,
    load_plan,
    person_info,
    portfolio_context,
    portfolio_entries,
    store_now,
)
from .review import review_form
from .snapshots import (
    LogbookPrint,
    LogbookTexts,
    PortfolioEntry,
    PrintedSheet,
    SheetTexts,
)


def logbook_print_snapshot(store: Store, actor: Actor, portfolio_id: int) -> LogbookPrint:
    """The logbook of one portfolio for printing: apprentice, class, period, company, tutor,
    referent, plan, logbook page 1 and its attachments, every sheet in week order (retired
    ones flagged) with texts, tasks, competences, criteria, comments (author, date) and
    attachment list (name, size, URL), the weekly task grid and the period review.

    The same transaction writes the print into the audit trail (nothing if refused)."""
    with store.write() as session:
        scope = authorize_portfolio(session, actor, Action.READ_WORK, portfolio_id)
        ctx = portfolio_context(session, portfolio_id)
        centre = session.scalar(select(m.Centre.name).order_by(m.Centre.id).limit(1)) or ""
        sheets = session.scalars(
            select(m.ActivitySheet)
            .where(m.ActivitySheet.portfolio_id == portfolio_id)
            .order_by(m.ActivitySheet.iso_year, m.ActivitySheet.iso_week)
        ).all()
        ids = [s.id for s in sheets]
        links = links_of(session, ids)
        comments = comments_of(session, ids, actor.account_id)
        attachments: dict[int | None, list] = {}
        logbook_id = ctx.logbook.id if ctx.logbook else -1
        for sheet_id, _, entry in attachments_where(
            session,
            m.Attachment.activity_sheet_id.in_(ids) | (m.Attachment.logbook_id == logbook_id),
        ):
            attachments.setdefault(sheet_id, []).append(entry)
        areas = load_areas(session, ctx.framework_id)
        competences = load_competences(session, ctx.framework_id)
        plan, _ = load_plan(session, ctx.period_id)
        grid = task_grid(session, ctx)
        review = review_form(session, actor, scope, ctx)
        printed_at = store_now(session)
        audit.record_print(
            session,
            actor,
            AuditAction.PRINT_LOGBOOK,
            scope.apprentice_id,
            audit.apprentice_label(ctx.apprentice_name, ctx.class_name),
            f"Période « {ctx.period_name} », {len(sheets)} fiche(s)",
        )
    tasks = {t.id: t for area in areas for t in area.tasks}
    area_labels = {a.id: a.label for a in areas}
    criteria = {c.id: c for comp in competences for c in comp.criteria}
    printed = []
    for sheet in sheets:
        link = links[sheet.id]
        printed.append(
            PrintedSheet(
                id=sheet.id,
                iso_year=sheet.iso_year,
                iso_week=sheet.iso_week,
                label=sheet_label(
                    sheet.iso_year,
                    sheet.iso_week,
                    last_change(sheet.created_at, sheet.apprentice_changed_at),
                ),
                retired=sheet.retired,
                texts=SheetTexts(
                    sheet.title,
                    sheet.autonomy,
                    sheet.activity_area_id,
                    sheet.context,
                    sheet.description,
                    sheet.reflective_analysis,
                ),
                activity_area_label=area_labels.get(sheet.activity_area_id or 0, ""),
                tasks=tuple(t for t in tasks.values() if t.id in link.task_ids),
                competences=tuple(c for c in competences if c.id in link.competence_ids),
                criteria=tuple(c for c in criteria.values() if c.id in link.criterion_ids),
                comments=comments[sheet.id],
                attachments=tuple(attachments.get(sheet.id, ())),
            )
        )
    logbook = ctx.logbook
    return LogbookPrint(
        centre_name=centre,
        apprentice_name=ctx.apprentice_name,
        class_name=ctx.class_name,
        diploma_name=ctx.diploma_name,
        period_name=ctx.period_name,
        start_date=ctx.start_date,
        end_date=ctx.end_date,
        company=company_info(ctx.company),
        tutor=person_info(ctx.tutor),
        referent=person_info(ctx.referent),
        plan=plan,
        logbook=LogbookTexts(logbook.place_of_work, logbook.contacts, logbook.presentation)
        if logbook
        else LogbookTexts(),
        logbook_attachments=tuple(attachments.get(None, ())),
        sheets=tuple(printed),
        task_grid=grid,
        review=review,
        printed_at=printed_at,
    )


def normalise_name(text: str) -> str:
    """Case-, accent- and spacing-insensitive form of a name ("Nguyễn  thị" → "nguyen thi")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.replace("ł", "l").replace("ø", "o").split())


def _close(wanted: str, candidates: dict[str, str]) -> list[str]:
    """Display forms of the candidates close to `wanted` (normalised form → display)."""
    keys = difflib.get_close_matches(normalise_name(wanted), list(candidates), n=5, cutoff=0.5)
    return [candidates[k] for k in keys]


def find_portfolio(
    store: Store, actor: Actor, apprentice_name: str, period_name: str
) -> PortfolioEntry:
    """The portfolio of the apprentice named "NOM Prénom" (or "Prénom NOM") for the period
    named `period_name`, among those the user may read; case and accents are ignored.

    Raises `NotFound` with a French message listing close matches (apprentice names, or
    that apprentice's periods) when there is no single match.
    """
    with store.read() as session:
        current = fresh_actor(session, actor)
        rows = session.execute(
            select(
                m.Portfolio.id,
                m.Portfolio.apprentice_id,
                m.Apprentice.last_name,
                m.Apprentice.first_name,
                m.Period.name,
            )
            .join(m.Apprentice, m.Apprentice.id == m.Portfolio.apprentice_id)
            .join(m.Period, m.Period.id == m.Portfolio.period_id)
            .where(visible_portfolios_clause(current, Action.READ_WORK))
            .order_by(m.Period.start_date, m.Portfolio.id)
        ).all()
        wanted_name = normalise_name(apprentice_name)
        names: dict[str, str] = {}
        apprentices: set[int] = set()
        for r in rows:
            shown = display_name(r.last_name, r.first_name)
            names[normalise_name(shown)] = shown
            forms = {
                normalise_name(f"{r.last_name} {r.first_name}"),
                normalise_name(f"{r.first_name} {r.last_name}"),
            }
            if wanted_name in forms:
                apprentices.add(r.apprentice_id)
        if not apprentices:
            close = _close(apprentice_name, names)
            hint = f" Noms proches : {', '.join(close)}." if close else ""
            raise NotFound(f"Apprenti introuvable : « {apprentice_name} ».{hint}")
        if len(apprentices) > 1:
            raise NotFound(
                f"Plusieurs apprentis s'appellent « {apprentice_name} » : précisez l'orthographe "
                "exacte ou passez par l'application."
            )
        mine = [r for r in rows if r.apprentice_id in apprentices]
        wanted_period = normalise_name(period_name)
        matches = [r for r in mine if normalise_name(r.name) == wanted_period]
        if len(matches) != 1:
            periods = {normalise_name(r.name): r.name for r in mine}
            close = _close(period_name, periods) or list(periods.values())
            shown = display_name(mine[0].last_name, mine[0].first_name)
            raise NotFound(
                f"Période introuvable pour {shown} : « {period_name} ». "
                f"Périodes proches : {', '.join(close)}."
            )
        (entry,) = portfolio_entries(
            session, current.account_id, m.Portfolio.id == matches[0].id, order_by_period=True
        )
        return entry
