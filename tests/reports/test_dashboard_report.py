"""The dashboard's exports (`reports.dashboard`): the filtered view, as printed and as CSV."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from cpro_desktop import models as m
from cpro_desktop.reports.dashboard import (
    activities_csv,
    activities_pdf,
    competence_csv,
    competence_pdf,
)
from cpro_desktop.services.dashboard import (
    DashboardFilters,
    RatingKind,
    activities_layout,
    activities_snapshot,
    competence_layout,
    competence_snapshot,
)
from cpro_desktop.services.permissions import Actor
from cpro_desktop.store import Store


@pytest.fixture
def backend() -> str:
    """The documents depend on the layouts only: one backend is enough."""
    return "sqlite"


def reader_and_apprentice(store: Store, login: str, last_name: str) -> tuple[Actor, int]:
    with store.read() as session:
        account = session.scalars(select(m.Account).where(m.Account.login == login)).one()
        target = session.scalars(
            select(m.Apprentice.id).where(m.Apprentice.last_name == last_name)
        ).one()
    return Actor(account.id, account.role, account.login), target


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_competence_pdf_prints_the_filtered_view_and_its_legend(demo_store: Store) -> None:
    """Landscape pages with the apprentice, the filters in words, the chosen blocks, the
    reviews' levels, the legend; user text prints exactly as typed."""
    with demo_store.write() as session:
        criterion = session.scalars(select(m.Criterion).where(m.Criterion.code == "C8.1")).one()
        criterion.label = "Mesure < 0,5 MΩ & <b>défaut</b> Łukasz"
    actor, mina = reader_and_apprentice(demo_store, "formateur", "AZZOUG")
    snapshot = competence_snapshot(demo_store, actor, mina)
    u33 = next(u.id for u in snapshot.units if u.code == "U33")
    layout = competence_layout(
        snapshot,
        DashboardFilters(unit_ids=frozenset({u33}), kinds=frozenset({RatingKind.CENTRE_FORMATIVE})),
    )
    target = io.BytesIO()
    pages = competence_pdf(layout, target)
    data = target.getvalue()
    assert pages >= 1
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert box.width > box.height
    text = pdf_text(data)
    assert "AZZOUG Mina — 1MELEC — Bac Pro MELEC" in text
    assert "Unités : U33 · Positionnements : Centre — formatif · Période : tout le cycle" in text
    assert "C8 - Diagnostiquer un dysfonctionnement" in text
    assert "C1 - " not in text
    assert "Mesure < 0,5 MΩ & <b>défaut</b> Łukasz" in text
    assert "Bilans intermédiaires de la compétence" in text
    for words in ("Légende", "Réussite totale en autonomie", "Apprenti absent",
                  "Compétence non évaluée", "Trait noir"):  # fmt: skip
        assert words in text


def test_wide_views_continue_on_further_tables(demo_store: Store, tmp_path: Path) -> None:
    """More grids than fit the page width continue in a next table; the file is a valid PDF."""
    actor, mina = reader_and_apprentice(demo_store, "formateur", "AZZOUG")
    with demo_store.write() as session:
        for day in range(1, 29):
            grid = m.RatingGrid(
                apprentice_id=mina, origin="centre", kind="formative",
                rated_on=date(2023, 4, day), author_id=actor.account_id,
            )  # fmt: skip
            grid.ratings = [m.Rating(criterion_id=1, result="partial")]
            session.add(grid)
    layout = competence_layout(competence_snapshot(demo_store, actor, mina))
    assert len(layout.columns) > 40
    path = tmp_path / "large.pdf"
    competence_pdf(layout, path)
    text = pdf_text(path.read_bytes())
    assert "Suite des positionnements" in text and "28/04/2023" in text
    if shutil.which("qpdf"):
        subprocess.run(["qpdf", "--check", str(path)], check=True, capture_output=True)


def test_activities_exports(demo_store: Store, tmp_path: Path) -> None:
    """Nathan's activities: the PDF prints the seed's weeks and tasks; the CSV is the table."""
    actor, nathan = reader_and_apprentice(demo_store, "formateur2", "PETIT")
    layout = activities_layout(activities_snapshot(demo_store, actor, nathan))
    target = io.BytesIO()
    activities_pdf(layout, target)
    text = pdf_text(target.getvalue())
    for words in ("Vue par activités", "Première année de BTS", "S22", "S05",
                  "T1.1 Diagnostiquer les pannes", "Semaine en entreprise"):  # fmt: skip
        assert words in text
    path = tmp_path / "activites.csv"
    activities_csv(layout, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[1] == "Année de formation" + ";Première année de BTS" * 7
    assert lines[2] == "Semaine;S22;S26;S37;S38;S38;S39;S05"
    assert lines[4] == "Lieu" + ";Entreprise" * 4 + ";Centre de formation" + ";Entreprise" * 2
    assert "T1.1 Diagnostiquer les pannes;X;X;;X;;X;X" in lines


def test_competence_csv_lines(demo_store: Store) -> None:
    """The CSV gives each column's date, kind, title, author and review status, then one
    line per row with the result's French label or the review's level."""
    actor, mina = reader_and_apprentice(demo_store, "formateur", "AZZOUG")
    layout = competence_layout(competence_snapshot(demo_store, actor, mina))
    buffer = io.StringIO()
    competence_csv(layout, buffer)
    lines = buffer.getvalue().lstrip("\ufeff").splitlines()
    assert lines[4].split(";")[:4] == ["Type", "Centre — formatif", "Centre — formatif",
                                       "Bilan — centre de formation"]  # fmt: skip
    assert lines[6].split(";")[1] == "DURAND Sophie"
    taken = lines[7].split(";")
    assert taken[1] == "oui" and taken[-1] == "non"
    c11 = next(line for line in lines if line.startswith("C1.1 "))
    assert c11.split(";")[1] == "Réussite partielle"
    reviews = next(line for line in lines if line.startswith("Bilans intermédiaires"))
    assert [v for v in reviews.split(";")[1:] if v] == ["-", "+", "+"]
