"""The printed logbook and the period review form (blank and filled): valid PDFs (qpdf),
whose extracted text holds what the user wrote, whatever the text (markup characters,
Unicode names, very long words and texts)."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4

from cpro_desktop.models.enums import RatingResult
from cpro_desktop.reports.base import MARGIN
from cpro_desktop.reports.logbook import logbook_pdf
from cpro_desktop.reports.period_review import BOX_EMPTY, BOX_TICKED, period_review_pdf
from cpro_desktop.services import activities as act
from cpro_desktop.services.auth import authenticate
from cpro_desktop.services.permissions import Actor
from cpro_desktop.store import Store

APPRENTICE = "AZZOUG Mina"
PERIOD = "Test annexe 1MELEC"


@pytest.fixture
def backend() -> str:
    """The PDFs are built from snapshots: one backend is enough."""
    return "sqlite"


def actor(store: Store, login: str) -> Actor:
    return authenticate(store, login, "cpro-demo")


def portfolio_id(store: Store) -> int:
    return act.find_portfolio(store, actor(store, "formateur"), APPRENTICE, PERIOD).id


def qpdf_check(path: Path) -> None:
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def page_texts(path: Path) -> list[str]:
    """Each page's extracted text (pypdf)."""
    return [page.extract_text() for page in PdfReader(path).pages]


WORD_BOX = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def words_outside_frame(path: Path) -> list[tuple[int, str]]:
    """(page, word) of every word that pdftotext finds outside the left and right margins
    or off the page: what overflowed its frame or its cell's table."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    width, height = A4
    outside = []
    for number, page in enumerate(html.split("<page ")[1:], start=1):
        for x_min, y_min, x_max, y_max, word in WORD_BOX.findall(page):
            inside = (
                MARGIN - 1 <= float(x_min) <= float(x_max) <= width - MARGIN + 1
                and 0 <= float(y_min) <= float(y_max) <= height
            )
            if not inside:
                outside.append((number, word))
    return outside


def squash(value: str) -> str:
    """Whitespace normalised to single spaces, NFC."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def story_text(path: Path, decor: tuple[str, ...]) -> str:
    """The whole document's text, whitespace-normalised, the page decor removed so that a
    paragraph split over two pages reads continuously."""
    kept = []
    for text in page_texts(path):
        for line in text.splitlines():
            stripped = line.strip()
            if stripped in decor or re.fullmatch(r"page \d+ / \d+", stripped):
                continue
            kept.append(stripped)
    return squash(" ".join(kept))


def print_logbook(store: Store, tmp_path: Path, name: str = "logbook.pdf") -> tuple[Path, int]:
    trainer = actor(store, "formateur")
    snapshot = act.logbook_print_snapshot(store, trainer, portfolio_id(store))
    target = tmp_path / name
    pages = logbook_pdf(snapshot, target)
    return target, pages


def logbook_decor(store: Store) -> tuple[str, ...]:
    snapshot = act.logbook_print_snapshot(store, actor(store, "formateur"), portfolio_id(store))
    return (snapshot.centre_name, f"Journal de bord — {PERIOD}", APPRENTICE)


def test_logbook_of_mina_is_valid_and_holds_the_portfolio(demo_store: Store, tmp_path) -> None:
    """Mina's logbook passes qpdf and shows the people, the plan, the week labels, the
    task grid, the comments and the attachment list, with "page X / Y" footers."""
    path, pages = print_logbook(demo_store, tmp_path)
    qpdf_check(path)
    assert pages == len(PdfReader(path).pages) >= 4
    texts = page_texts(path)
    assert all(f"page {n} / {pages}" in t for n, t in enumerate(texts, start=1))
    assert words_outside_frame(path) == []
    # The centre's name: in every page header, and once more in the title block.
    assert squash(texts[0]).count("CFA CPRO Démo — Lycée professionnel Jean Jaurès") == 2
    whole = story_text(path, logbook_decor(demo_store))
    for expected in (
        "Journal de bord",
        "Test annexe 1MELEC [du 03/07/2023 au 23/07/2023]",
        "AZZOUG Mina — 1MELEC — Bac Pro MELEC",
        "Électricité Générale Dupont",
        "8 avenue Pasteur, 93100 Montreuil",
        "LEFEBVRE Thomas",
        "DURAND Sophie",
        "Participer au dépannage d'installations chez les clients",
        "T3.2 Remplacer un équipement défectueux",
        "Chantiers de l'entreprise en Seine-Saint-Denis et à Paris",
        "Entreprise de 14 salariés",
        "https://www.example.fr/eg-dupont",
        "Tâches hebdomadaires",
        "S27 S28 S29",
        "Fiche activité : semaine 27 [2023] [dernière modification le : 04/07/2023]",
        "Fiche activité : semaine 28 [2023] [dernière modification le : 04/07/2023]",
        "Fiche activité : semaine 29 [2023] [dernière modification le : 04/07/2023]",
        "Remplacement d'un interrupteur différentiel",
        "En autonomie",
        "La consignation doit être faite avant tout",
        "C9 - Remplacer un matériel électrique",
        "C9.1 Le matériel est consigné avant intervention",
        "Consignation parfaite, bravo Mina.",
        "schéma_tableau.pdf",
        "621 o",
        "Fiche technique de l'interrupteur différentiel",
    ):
        assert expected in whole, expected
    # The URL wraps inside its cell: it is all there once the spaces are removed.
    assert "https://www.example.fr/fiches/interrupteur-differentiel-40A-30mA.pdf" in (
        whole.replace(" ", "")
    )
    # Each sheet starts a page, in week order.
    starts = [n for n, t in enumerate(texts) if squash(t).find("Fiche activité : semaine") >= 0]
    assert len(starts) == 3 and starts == sorted(starts)
    # No review was saved for this period: the logbook does not print one.
    assert "Appréciation du maître d'apprentissage" not in whole


def test_logbook_never_embeds_attachment_bytes(demo_store: Store, tmp_path) -> None:
    """The attachment list names the files; their bytes are not in the PDF."""
    trainer = actor(demo_store, "formateur")
    snapshot = act.logbook_print_snapshot(demo_store, trainer, portfolio_id(demo_store))
    (attachment,) = [a for s in snapshot.sheets for a in s.attachments if a.is_file]
    data = act.fetch_attachment(demo_store, trainer, attachment.id).data
    path, _ = print_logbook(demo_store, tmp_path)
    raw = path.read_bytes()
    assert data[:200] not in raw and b"/EmbeddedFile" not in raw


def review_boxes(path: Path) -> list[str]:
    """The boxes of the rating table, five per criterion, in reading order."""
    marks = [ch for t in page_texts(path) for ch in t if ch in (BOX_EMPTY, BOX_TICKED)]
    assert len(marks) % 5 == 0
    return ["".join(marks[i : i + 5]) for i in range(0, len(marks), 5)]


def test_blank_review_form_lists_the_gathered_criteria_with_empty_boxes(
    demo_store: Store, tmp_path
) -> None:
    """The blank form has the people, the five results as columns, every gathered criterion
    grouped by competence with five empty boxes, ruled lines and signature boxes."""
    form = act.period_review_form(demo_store, actor(demo_store, "tuteur"), portfolio_id(demo_store))
    path = tmp_path / "blank.pdf"
    pages = period_review_pdf(form, path, blank=True)
    qpdf_check(path)
    assert pages == len(PdfReader(path).pages)
    whole = squash(" ".join(page_texts(path)))
    for expected in (
        "Bilan de la période",
        "formulaire à compléter lors de la visite",
        "AZZOUG Mina",
        "Test annexe 1MELEC [du 03/07/2023 au 23/07/2023]",
        "Électricité Générale Dupont",
        "LEFEBVRE Thomas",
        "DURAND Sophie",
        "Réussite totale en autonomie",
        "Apprenti absent",
        "C8 - Diagnostiquer un dysfonctionnement",
        "C8.2 Les hypothèses de panne sont formulées et vérifiées",
        "C13 - Communiquer avec le client/usager sur l'opération",
        "C13.2 Les explications données au client sont adaptées",
        "Appréciation du maître d'apprentissage",
        "Date du bilan",
        "Signature",
    ):
        assert expected in whole, expected
    codes = [c.code for comp in form.competences for c in comp.criteria]
    assert codes == ["C8.1", "C8.2", "C8.3", "C9.1", "C9.2", "C11.1", "C11.2", "C13.1", "C13.2"]
    assert [m.start() for m in re.finditer(r"C\d+\.\d ", whole)] == sorted(
        whole.index(f"{code} ") for code in codes
    )
    assert review_boxes(path) == [BOX_EMPTY * 5] * len(codes)


APPRECIATION = "Très bonne période : Mina est autonome & rigoureuse <b>sur les chantiers</b>."


def save_review(store: Store) -> act.PeriodReviewForm:
    tutor = actor(store, "tuteur")
    pid = portfolio_id(store)
    form = act.period_review_form(store, tutor, pid)
    ids = {c.code: c.id for comp in form.competences for c in comp.criteria}
    return act.save_period_review(
        store,
        tutor,
        pid,
        appreciation=APPRECIATION,
        reviewed_on=date(2023, 7, 21),
        ratings={
            ids["C8.1"]: RatingResult.SUCCESS_AUTONOMOUS,
            ids["C9.1"]: RatingResult.PARTIAL,
            ids["C13.2"]: RatingResult.ABSENT,
        },
        version=form.version,
    )


def test_filled_review_form_ticks_the_results_given(demo_store: Store, tmp_path) -> None:
    """The filled form crosses each rated criterion's result column, keeps the others empty,
    and prints the appreciation exactly as typed and the review date."""
    form = save_review(demo_store)
    path = tmp_path / "filled.pdf"
    period_review_pdf(form, path, blank=False)
    qpdf_check(path)
    whole = squash(" ".join(page_texts(path)))
    assert APPRECIATION in whole
    assert "21/07/2023" in whole and "formulaire à compléter" not in whole
    e, x = BOX_EMPTY, BOX_TICKED
    assert review_boxes(path) == [
        x + e * 4,  # C8.1 réussite totale en autonomie
        e * 5,
        e * 5,
        e * 2 + x + e * 2,  # C9.1 réussite partielle
        e * 5,
        e * 5,
        e * 5,
        e * 5,
        e * 4 + x,  # C13.2 apprenti absent
    ]
    # The same form printed blank ignores the results and the appreciation.
    blank = tmp_path / "blank.pdf"
    period_review_pdf(form, blank, blank=True)
    assert set(review_boxes(blank)) == {e * 5}
    assert "Très bonne période" not in " ".join(page_texts(blank))


def test_logbook_prints_the_saved_period_review(demo_store: Store, tmp_path) -> None:
    """Once the review is saved, the logbook ends with it (results and appreciation)."""
    save_review(demo_store)
    path, _ = print_logbook(demo_store, tmp_path)
    qpdf_check(path)
    texts = page_texts(path)
    last = squash(texts[-1])
    assert "Bilan de la période" in last and "Mina est autonome & rigoureuse" in last
    assert BOX_TICKED in last


HOSTILE_TITLE = "Zoë <b>&amp; Cie</b>"
UNICODE_NAME = "Nguyễn Thị Ánh"
MARKUP_CHARS = "S&P 0.1 < a"
LONG_WORD = "Électro" + "x" * 288 + "-fin€"


def long_text() -> str:
    """About 5,000 characters of ordinary French words and punctuation."""
    words = []
    n = 0
    while len(" ".join(words)) < 5000:
        n += 1
        words.append(f"mesure{n} l'œuvre « câblage » ; tension {n % 7},{n % 10} V —")
    return " ".join(words)[:5000].rstrip()


def test_hostile_texts_print_exactly_and_nothing_overflows(demo_store: Store, tmp_path) -> None:
    """A sheet written with markup characters, Unicode names (typed decomposed), a
    300-character word and 5,000 characters renders and extracts back as typed."""
    assert len(LONG_WORD) == 300
    apprentice = actor(demo_store, "apprenti")
    trainer = actor(demo_store, "formateur")
    pid = portfolio_id(demo_store)
    sheets = act.portfolio_sheets(demo_store, apprentice, pid).sheets
    week28 = next(s for s in sheets if s.iso_week == 28)
    sheet = act.open_sheet(demo_store, apprentice, week28.id)
    body = long_text()
    act.save_sheet(
        demo_store,
        apprentice,
        sheet.id,
        act.SheetTexts(
            title=HOSTILE_TITLE,
            autonomy=sheet.texts.autonomy,
            activity_area_id=sheet.texts.activity_area_id,
            context=unicodedata.normalize("NFD", f"Chez {UNICODE_NAME}, {MARKUP_CHARS}"),
            description=f"{LONG_WORD} {body}",
            reflective_analysis=f"{MARKUP_CHARS} </para> <font size=40>&lt;",
        ),
        version=sheet.version,
    )
    act.add_comment(demo_store, trainer, sheet.id, f"{HOSTILE_TITLE} {LONG_WORD} {body}")
    act.add_url(
        demo_store, apprentice, "https://example.fr/" + "a" * 900, name=LONG_WORD, sheet_id=sheet.id
    )
    path, _ = print_logbook(demo_store, tmp_path)
    qpdf_check(path)
    whole = story_text(path, logbook_decor(demo_store))
    assert "Fiche activité : semaine 28 [2023]" in whole
    assert HOSTILE_TITLE in whole
    assert f"Chez {UNICODE_NAME}, {MARKUP_CHARS}" in whole  # printed NFC
    assert f"{MARKUP_CHARS} </para> <font size=40>&lt;" in whole
    assert whole.count(squash(body)) == 2  # description and comment, split over pages
    compact = whole.replace(" ", "")
    assert compact.count(LONG_WORD) == 2  # description and comment (wrapped)
    assert LONG_WORD[:255] in compact.replace(LONG_WORD, "")  # the link's name (255 max)
    assert "https://example.fr/" + "a" * 900 in compact
    assert words_outside_frame(path) == []


def test_long_appreciation_splits_over_pages_intact(demo_store: Store, tmp_path) -> None:
    """A 5,000-character appreciation with markup characters prints whole on the filled
    form, over several pages, inside the margins."""
    tutor = actor(demo_store, "tuteur")
    pid = portfolio_id(demo_store)
    appreciation = f"{HOSTILE_TITLE} {UNICODE_NAME} {MARKUP_CHARS} {LONG_WORD} {long_text()}"
    form = act.save_period_review(
        demo_store,
        tutor,
        pid,
        appreciation=appreciation,
        reviewed_on=date(2023, 7, 21),
        ratings={},
        version=None,
    )
    path = tmp_path / "long.pdf"
    pages = period_review_pdf(form, path, blank=False)
    qpdf_check(path)
    assert pages >= 3
    decor = (form.period_label, "Bilan de la période (bilan entreprise)", APPRENTICE)
    whole = story_text(path, decor)
    assert squash(f"{HOSTILE_TITLE} {UNICODE_NAME} {MARKUP_CHARS}") in whole
    assert squash(long_text()) in whole
    assert LONG_WORD in whole.replace(" ", "")
    assert words_outside_frame(path) == []


def test_long_period_grid_continues_in_further_tables(demo_store: Store, tmp_path) -> None:
    """A 31-week period across a year end prints its task grid in tables of at most
    WEEKS_PER_GRID weeks, years shown under the week numbers, inside the margins; a retired
    sheet is flagged."""
    snapshot = act.logbook_print_snapshot(
        demo_store, actor(demo_store, "formateur"), portfolio_id(demo_store)
    )
    weeks = act.iso_weeks(date(2022, 11, 1), date(2023, 5, 31))
    assert len(weeks) == 31
    ticked = act.TaskCell(snapshot.task_grid.areas[0].tasks[0].id, weeks[-1], None, "", True)
    grid = replace(snapshot.task_grid, weeks=weeks, entries=(ticked,))
    path = tmp_path / "long-grid.pdf"
    retired = replace(snapshot.sheets[0], retired=True)
    logbook_pdf(replace(snapshot, task_grid=grid, sheets=(retired,)), path)
    qpdf_check(path)
    assert words_outside_frame(path) == []
    whole = squash(" ".join(page_texts(path)))
    # Three tables of 12, 12 and 7 weeks (a header row ends at S03, S15, S22).
    for first, last in (("S44 2022", "S03 2023"), ("S04 2023", "S15 2023"), ("S16", "S22 2023")):
        assert f"Activités et tâches professionnelles {first}" in whole
        assert f"{last} PRÉPARATION DES OPÉRATIONS" in whole
    assert "S52 2022 S01 2023" in whole
    assert "Semaine retirée de la période : la fiche est conservée" in whole
