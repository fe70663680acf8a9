"""The competence review PDFs: a review and the comparison table are valid PDFs (qpdf) whose
extracted text holds the names, dates, levels and marks; the demo apprentice's comparison
reads as the seed's table; hostile and very long user text prints exactly as typed."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import select

from cpro_desktop import models as m
from cpro_desktop.models.enums import COMPETENCE_LEVEL_LABELS, CompetenceLevel, Origin
from cpro_desktop.reports.reviews import comparison_pdf, competence_review_pdf
from cpro_desktop.services import review_context, reviews
from cpro_desktop.services.auth import authenticate
from cpro_desktop.store import Store
from tests.demo.test_world import SEED_TABLE

CENTRE = "CFA CPRO Démo — Lycée professionnel Jean Jaurès"


def mina_id(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(m.Apprentice.id).where(m.Apprentice.last_name == "AZZOUG"))


def qpdf_ok(path: Path) -> None:
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def flat(text: str) -> str:
    """The text with every run of whitespace made one space (line wraps vary)."""
    return re.sub(r"\s+", " ", text).strip()


def test_review_pdf_holds_its_facts(demo_store: Store, tmp_path: Path) -> None:
    """The 04/07/2022 review prints the apprentice, dates, author, validation, mark, Constats
    and Conseils before the competence table, and every level with its meaning."""
    reader = authenticate(demo_store, "apprenti", "cpro-demo")
    header = review_context.review_header(demo_store, reader, mina_id(demo_store))
    listed = reviews.list_reviews(demo_store, reader, header.apprentice_id)
    snapshot = next(r for r in listed if r.reviewed_on == date(2022, 7, 4))
    target = tmp_path / "bilan.pdf"
    pages = competence_review_pdf(snapshot, header.apprentice_name, header.centre_name, target)
    qpdf_ok(target)
    text = flat(" ".join(page_texts(target)))
    assert pages == 1 and header.centre_name == CENTRE
    for expected in (
        "Bilan intermédiaire de compétences",
        "AZZOUG Mina",
        CENTRE,
        "Date du bilan 04/07/2022",
        "Auteur DURAND Sophie",
        "Validé définitivement le 04/07/2022 à",
        "par DURAND Sophie",
        "Note proposée 13.5/20",
        "page 1 / 1",
    ):
        assert expected in text
    assert text.index("Constats") < text.index("Conseils") < text.index("Compétence Niveau")
    assert "Nette progression en réalisation et en mesures" in text
    for line in snapshot.lines:
        row = f"{line.title} {line.level.value} {COMPETENCE_LEVEL_LABELS[line.level]}"
        assert row in text


def test_comparison_pdf_reads_as_the_seed_table(demo_store: Store, tmp_path: Path) -> None:
    """The demo apprentice's comparison: the seed's dates, 13 competences with their levels in
    order, and the Note proposée row (13.5/20, 12/20), on a portrait page."""
    tutor = authenticate(demo_store, "tuteur", "cpro-demo")
    mina = mina_id(demo_store)
    header = review_context.review_header(demo_store, tutor, mina)
    table = reviews.comparison_table(demo_store, tutor, mina)
    target = tmp_path / "comparaison.pdf"
    comparison_pdf(table, header.apprentice_name, header.centre_name, target)
    qpdf_ok(target)
    text = flat(" ".join(page_texts(target)))
    assert "Compétences 01/02/2022 04/07/2022 25/01/2023" in text
    position = 0
    for line in SEED_TABLE.splitlines():
        row = " ".join(line.split("\t"))
        found = text.find(row, position)
        assert found > position, row
        position = found
    assert text.find("Note proposée 13.5/20 12/20", position) > position
    page = PdfReader(target).pages[0]
    assert page.mediabox.width < page.mediabox.height


def test_many_reviews_print_on_landscape_pages(demo_store: Store, tmp_path: Path) -> None:
    """Beyond five reviews the comparison turns landscape and keeps every column."""
    trainer = authenticate(demo_store, "formateur", "cpro-demo")
    mina = mina_id(demo_store)
    for day in (date(2023, 3, 1), date(2023, 5, 2), date(2023, 6, 20)):
        draft = reviews.start_review(demo_store, trainer, mina, Origin.CENTRE, day)
        draft = reviews.save_draft(demo_store, trainer, draft.id, draft.version,
                                   findings="Constats.", advice="Conseils.", levels={},
                                   proposed_mark="14")  # fmt: skip
        reviews.validate_review(demo_store, trainer, draft.id, draft.version, "CONFIRMATION")
    table = reviews.comparison_table(demo_store, trainer, mina)
    target = tmp_path / "large.pdf"
    comparison_pdf(table, "AZZOUG Mina", CENTRE, target)
    qpdf_ok(target)
    page = PdfReader(target).pages[0]
    assert page.mediabox.width > page.mediabox.height
    text = flat(" ".join(page_texts(target)))
    assert "01/03/2023 02/05/2023 20/06/2023" in text
    assert "Note proposée 13.5/20 12/20 14/20 14/20 14/20" in text


def test_hostile_and_long_text_prints_exactly(demo_store: Store, tmp_path: Path) -> None:
    """Markup-like text, a Vietnamese name, 5,000 characters and a 300-character word print
    without error and come back exactly (line wraps and page furniture aside)."""
    trainer = authenticate(demo_store, "formateur", "cpro-demo")
    mina = mina_id(demo_store)
    long_text = " ".join(f"phrase{i:04d} du constat très détaillé." for i in range(150))[:5000]
    long_word = "Anticonstitutionnellement" * 12
    findings = f"Zoé <b>&amp; Cie</b> & Nguyễn Thị Ánh.\n{long_text}"
    advice = f"Mot : {long_word} fin."
    draft = reviews.start_review(demo_store, trainer, mina, Origin.CENTRE)
    snapshot = reviews.save_draft(
        demo_store, trainer, draft.id, draft.version, findings=findings, advice=advice,
        levels={draft.lines[0].competence_id: CompetenceLevel.ACQUIRED}, proposed_mark="9,5",
    )  # fmt: skip
    assert len(long_text) == 5000 and len(long_word) == 300
    target = tmp_path / "hostile.pdf"
    pages = competence_review_pdf(snapshot, "Nguyễn Thị Ánh", CENTRE, target)
    qpdf_ok(target)
    furniture = {CENTRE, "Nguyễn Thị Ánh", "Bilan intermédiaire de compétences du " +
                 snapshot.reviewed_on.strftime("%d/%m/%Y")}  # fmt: skip
    body = []
    for number, text in enumerate(page_texts(target), start=1):
        lines = text.splitlines()
        assert lines[-1] == f"page {number} / {pages}"
        assert set(lines[-4:-1]) == furniture  # header and footer, drawn last on each page
        body.extend(lines[:-4])
    joined = "".join("".join(body).split())
    for expected in (findings, advice, "9.5/20", "Brouillon (non validé)"):
        assert "".join(expected.split()) in joined
    assert "Zoé <b>&amp; Cie</b> & Nguyễn Thị Ánh." in "\n".join(body)
