"""The printed booklet and reviews: every PDF passes `qpdf --check`, and its text, extracted
back, holds the names, dates, levels and sections; the comparison table reads as the seed's;
Unicode and markup print exactly as typed; a class batch goes on past a broken apprentice."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select, update

from cpro_desktop import models as m
from cpro_desktop.models.enums import BookletSectionKind
from cpro_desktop.services import booklet, printing
from cpro_desktop.services.auth import authenticate
from cpro_desktop.store import PermissionDenied, Store, ValidationError
from tests.demo.test_world import SEED_TABLE


@pytest.fixture
def backend() -> str:
    """PDF tests run on SQLite; the services under them are tested on both backends."""
    return "sqlite"


def actor(store: Store, login: str):
    return authenticate(store, login, "cpro-demo")


def apprentice_id(store: Store, last_name: str) -> int:
    with store.read() as session:
        return session.scalar(select(m.Apprentice.id).where(m.Apprentice.last_name == last_name))


def qpdf_check(path: Path) -> None:
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def normalised(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value).split())


MINA_DECOR = (
    "CFA CPRO Démo — Lycée professionnel Jean Jaurès",
    "Livret d'apprentissage — 1MELEC",
    "AZZOUG Mina",
)


def pdf_text(path: Path, decor: tuple[str, str, str] | None = None) -> str:
    """Every page's text, whitespace collapsed; without each page's header and footer when
    `decor` (header left, header right, footer name) is given, so that text running over
    pages reads on."""
    pages = []
    for page in PdfReader(path).pages:
        text = normalised(page.extract_text())
        if decor is not None:
            pattern = r"\s*".join(re.escape(part) for part in decor)
            text = re.sub(rf"\s*{pattern}\s*page \d+ / \d+$", "", text)
        pages.append(text)
    return " ".join(pages)


def test_mina_booklet_holds_both_parts_and_passes_qpdf(demo_store: Store, tmp_path) -> None:
    """The booklet of AZZOUG Mina: cover, contents, both parts, record, reviews, period
    reviews, visits, interviews and signatures, with the names, dates and levels."""
    path = tmp_path / "mina.pdf"
    pages = printing.print_booklet(
        demo_store, actor(demo_store, "formateur"), apprentice_id(demo_store, "AZZOUG"), path
    )
    qpdf_check(path)
    reader = PdfReader(path)
    assert len(reader.pages) == pages >= 8
    text = pdf_text(path)
    for expected in [
        "Livret d'apprentissage",
        "AZZOUG Mina",
        "Sommaire",
        "1. Livret d'accueil",
        "1.3 Les interlocuteurs de l'apprenti",
        "LEFEBVRE Thomas",
        "DURAND Sophie",
        "Électricité Générale Dupont",
        "UAI 0930000X",
        "PFMP1 - 1er BCP 05/09/2022 18/09/2022",
        "Calendrier d'alternance 2022-2023.pdf",
        "2. Livret de suivi",
        "Positionnement à l'entrée en formation",
        "Modifié par DURAND Sophie le 20/09/2021",
        "Modifié par LEFEBVRE Thomas le 15/10/2021",
        "Projet d'orientation de l'apprenti",
        "Poursuivre en BTS Électrotechnique en apprentissage.",
        "Entretien du 29/11/2022",
        "Visite réalisée le 12/10/2022 (prévue le 11/10/2022)",
        "Visite prévue le 18/07/2023",
        "Compte rendu à venir.",
        "3. Livret de compétences",
        "C4.1 L'installation est conforme au dossier",
        "Réussite totale en autonomie",
        "Bilans intermédiaires de la compétence",
        "4. Bilans",
        "Bilan intermédiaire de compétences du 25/01/2023",
        "Tableau comparatif des bilans",
        "Mina s'est bien intégrée à l'équipe.",
        "Bilan du 16/09/2022 par LEFEBVRE Thomas",
        "5. Signatures",
        "Le maître d'apprentissage",
        f"page 2 / {pages}",
    ]:
        assert expected in text, expected
    # The contents page lists the parts with the page where each starts.
    contents = normalised(reader.pages[1].extract_text())
    assert re.search(r"1\. Livret d'accueil \.+ 3", contents), contents
    assert [o.title for o in reader.outline if not isinstance(o, list)][:3] == [
        "Sommaire",
        "1. Livret d'accueil",
        "2. Livret de suivi",
    ]
    # The company's draft review is not printed: only validated reviews are.
    assert "Mina est à l'aise en dépannage simple." not in text


def test_comparison_table_reads_as_the_seed(demo_store: Store, tmp_path) -> None:
    """In the booklet and in the reviews PDF, the comparison table is the seed's table: one
    line per competence with its three levels, and the proposed marks."""
    mina = apprentice_id(demo_store, "AZZOUG")
    trainer = actor(demo_store, "formateur")
    printing.print_booklet(demo_store, trainer, mina, tmp_path / "b.pdf")
    printing.print_reviews(demo_store, trainer, mina, tmp_path / "r.pdf")
    for name in ("b.pdf", "r.pdf"):
        qpdf_check(tmp_path / name)
        text = pdf_text(tmp_path / name)
        assert "Compétences 01/02/2022 04/07/2022 25/01/2023" in text
        for line in SEED_TABLE.splitlines():
            assert normalised(line.replace("\t", " ")) in text, line
        assert "Note proposée 13.5/20 12/20" in text
        assert "Bilan intermédiaire de compétences du 04/07/2022" in text


def test_unicode_and_markup_print_exactly_as_typed(demo_store: Store, tmp_path) -> None:
    """Names and texts with accents of every script, quotes, "<", "&", markup-like text, a
    300-character word and 5,000 characters print exactly (decomposed input comes out NFC)."""
    trainer = actor(demo_store, "formateur")
    mina = apprentice_id(demo_store, "AZZOUG")
    company = "Zoë <b>&amp; Cie</b>"
    with demo_store.write() as session:
        session.execute(
            update(m.Company)
            .where(m.Company.name == "Électricité Générale Dupont")
            .values(name=unicodedata.normalize("NFD", company))
        )
    word = "".join("abcdefghij"[i % 10] for i in range(300))
    long_text = " ".join(f"mot{i}" for i in range(1100))[:5000]
    cases = {
        BookletSectionKind.ENTRY_POSITIONING: "Nguyễn Thị Ánh et Łukasz Wróbel chez Ørsted",
        BookletSectionKind.TEAM_OPINION: "O'Connor : 0.1 < a & b > c, S&P, J&C Cuisine",
        BookletSectionKind.PROGRESSION_CENTRE: word,
    }
    for kind, body in cases.items():
        booklet.save_section(demo_store, trainer, mina, kind, unicodedata.normalize("NFD", body), 1)
    booklet.add_interview(
        demo_store,
        trainer,
        mina,
        held_on=date(2024, 1, 9),
        participants="Łukasz Wróbel, O'Connor",
        summary=long_text,
    )
    path = tmp_path / "unicode.pdf"
    printing.print_booklet(demo_store, trainer, mina, path)
    qpdf_check(path)
    text = pdf_text(path, MINA_DECOR)
    squeezed = re.sub(r"\s+", "", text)
    for expected in [company, *list(cases.values())[:2], "Łukasz Wróbel, O'Connor"]:
        assert expected in text, expected
    # Very long words and texts wrap anywhere: compare them without the line breaks.
    assert word in squeezed
    assert re.sub(r"\s+", "", long_text) in squeezed


def test_a_20000_character_section_splits_over_pages(demo_store: Store, tmp_path) -> None:
    """The longest text a section accepts flows over several pages; a longer one is
    refused by the service."""
    trainer = actor(demo_store, "formateur")
    mina = apprentice_id(demo_store, "AZZOUG")
    short = printing.print_booklet(demo_store, trainer, mina, tmp_path / "short.pdf")
    body = ("Une phrase ordinaire du livret, répétée.\n" * 600)[: booklet.MAX_TEXT]
    kind = BookletSectionKind.TEAM_OPINION
    with pytest.raises(ValidationError):
        booklet.save_section(demo_store, trainer, mina, kind, body + "x", 1)
    booklet.save_section(demo_store, trainer, mina, kind, body, 1)
    path = tmp_path / "long.pdf"
    assert printing.print_booklet(demo_store, trainer, mina, path) >= short + 3
    qpdf_check(path)


def test_apprentice_with_little_data_prints(demo_store: Store, tmp_path) -> None:
    """A BTS apprentice with no review, no visit and an empty booklet still prints."""
    path = tmp_path / "chloe.pdf"
    printing.print_booklet(
        demo_store, actor(demo_store, "formateur2"), apprentice_id(demo_store, "FONTAINE"), path
    )
    qpdf_check(path)
    text = pdf_text(path)
    assert "FONTAINE Chloé" in text and "Aucun bilan validé pour le moment." in text
    assert "Non renseigné." in text


def test_booklet_document_is_read_in_bounded_statements(demo_store, count_statements) -> None:
    """What the PDF needs is read in a fixed number of statements."""
    with count_statements(demo_store) as counter:
        document = printing.booklet_document(
            demo_store, actor(demo_store, "formateur"), apprentice_id(demo_store, "AZZOUG")
        )
    assert counter.count <= 45
    assert len(document.record.competences) == 13 and len(document.comparison.reviews) == 3
    assert [r.period_name for r in document.period_reviews] == ["PFMP1 - 1er BCP", "Test VP 22/09"]


def test_class_batch_goes_on_past_a_broken_apprentice(demo_store, tmp_path, monkeypatch):
    """One apprentice whose booklet cannot be rendered: the others are printed and pass qpdf,
    the failure is reported with the apprentice's name."""
    real = printing.render_booklet_file
    broken = apprentice_id(demo_store, "BERNARD")

    def render(store, actor_, apprentice, path):
        if apprentice == broken:
            raise RuntimeError("données illisibles")
        return real(store, actor_, apprentice, path)

    monkeypatch.setattr(printing, "render_booklet_file", render)
    steps: list[printing.BatchProgress] = []
    summary = printing.print_booklets(
        demo_store,
        actor(demo_store, "formateur"),
        class_name="1melec",
        out_dir=tmp_path,
        progress=steps.append,
        workers=1,
    )
    assert not summary.ok and not summary.cancelled
    assert [f.apprentice.name for f in summary.failed] == ["BERNARD Lucas"]
    assert "données illisibles" in summary.failed[0].message
    assert len(summary.written) == 4 and [s.done for s in steps] == [1, 2, 3, 4, 5]
    for written in summary.written:
        assert written.path is not None and written.path.exists()
        qpdf_check(written.path)
    assert not any("BERNARD" in p.name for p in tmp_path.iterdir())
    assert any("Échec pour 1 apprenti" in line for line in summary.lines())


def test_batch_in_two_processes_checks_each_apprentice(demo_store: Store, tmp_path) -> None:
    """Two processes print; the tutor's own apprentice is printed, another tutor's is
    refused by the policy inside the batch process, and reported."""
    tutor = actor(demo_store, "tuteur")
    mina, ines = apprentice_id(demo_store, "AZZOUG"), apprentice_id(demo_store, "CHEVALIER")
    summary = printing.print_booklets(
        demo_store, tutor, apprentice_ids=[mina, ines], out_dir=tmp_path, workers=2
    )
    assert [w.apprentice.name for w in summary.written] == ["AZZOUG Mina"]
    qpdf_check(summary.written[0].path)
    assert [f.apprentice.id for f in summary.failed] == [ines]
    assert "accès" in summary.failed[0].message
    with pytest.raises(PermissionDenied):
        printing.print_booklet(demo_store, tutor, ines, tmp_path / "ines.pdf")
    assert not (tmp_path / "ines.pdf").exists()


def test_merged_class_file_has_one_bookmark_per_apprentice(demo_store, tmp_path) -> None:
    """A class into one PDF: every booklet in class order, one bookmark each."""
    target = tmp_path / "classe.pdf"
    summary = printing.print_booklets(
        demo_store,
        actor(demo_store, "formateur"),
        class_name="1MELEC",
        merged_file=target,
        workers=1,
    )
    assert summary.ok and summary.merged_file == target
    qpdf_check(target)
    reader = PdfReader(target)
    assert len(reader.pages) == summary.pages
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles == [w.apprentice.label for w in summary.written]
    assert titles[0] == "AZZOUG Mina (1MELEC)" and len(titles) == 5
