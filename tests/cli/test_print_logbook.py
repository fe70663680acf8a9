"""`cpro-desktop print logbook`: the PDF of a portfolio found by names; an unknown name, a
portfolio the user may not read or a missing folder exit with code 2, a French message and
no file."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from pypdf import PdfReader

from cpro_desktop.cli_logbook import EXIT_USER_ERROR, add_logbook_parser, run_print_logbook
from cpro_desktop.services.auth import authenticate
from cpro_desktop.store import Store


def parse(*argv: str) -> argparse.Namespace:
    """The arguments as `cpro-desktop print …` parses them."""
    parser = argparse.ArgumentParser(prog="cpro-desktop")
    commands = parser.add_subparsers(dest="command", required=True)
    printing = commands.add_parser("print")
    documents = printing.add_subparsers(dest="document", required=True)
    add_logbook_parser(documents)
    return parser.parse_args(["print", *argv])


def run(
    store: Store, capsys: pytest.CaptureFixture[str], *argv: str, login: str = "formateur"
) -> tuple[int, str, str]:
    actor = authenticate(store, login, "cpro-demo")
    code = run_print_logbook(parse(*argv), store, actor)
    out, err = capsys.readouterr()
    return code, out, err


def test_print_logbook_writes_the_pdf(demo_store: Store, capsys, tmp_path: Path) -> None:
    """The trainer prints Mina's logbook: exit 0, a readable PDF, its page count said."""
    target = tmp_path / "out" / "journal.pdf"
    target.parent.mkdir()
    code, out, err = run(
        demo_store, capsys, "logbook", "--apprentice", "AZZOUG Mina",
        "--period", "Test annexe 1MELEC", "--out", str(target),
    )  # fmt: skip
    assert (code, err) == (0, "")
    pages = len(PdfReader(target).pages)
    assert pages >= 4
    assert f"{pages} pages écrites dans {target}" in out
    assert "AZZOUG Mina (Test annexe 1MELEC [du 03/07/2023 au 23/07/2023])" in out
    text = " ".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Fiche activité : semaine 28 [2023]" in text
    assert [p.name for p in target.parent.iterdir()] == ["journal.pdf"]  # no partial file


def test_names_are_matched_without_case_or_accents(demo_store: Store, capsys, tmp_path) -> None:
    """ "mina azzoug" and "test ANNEXE 1melec" find the same portfolio."""
    target = tmp_path / "journal.pdf"
    code, _, _ = run(
        demo_store, capsys, "logbook", "--apprentice", "mina azzoug",
        "--period", "test ANNEXE 1melec", "--out", str(target),
    )  # fmt: skip
    assert code == 0 and target.stat().st_size > 0


def test_unknown_apprentice_exits_2_with_close_matches(demo_store: Store, capsys, tmp_path) -> None:
    """A misspelt apprentice: exit 2, the French message naming AZZOUG Mina, no file."""
    target = tmp_path / "journal.pdf"
    code, out, err = run(
        demo_store, capsys, "logbook", "--apprentice", "AZOUG Mina",
        "--period", "Test annexe 1MELEC", "--out", str(target),
    )  # fmt: skip
    assert code == EXIT_USER_ERROR == 2
    assert out == ""
    assert "Apprenti introuvable : « AZOUG Mina »" in err and "AZZOUG Mina" in err
    assert not target.exists()


def test_unknown_period_exits_2_with_her_periods(demo_store: Store, capsys, tmp_path) -> None:
    """A misspelt period: exit 2 and the apprentice's close periods."""
    target = tmp_path / "journal.pdf"
    code, _, err = run(
        demo_store, capsys, "logbook", "--apprentice", "AZZOUG Mina",
        "--period", "Test anexe", "--out", str(target),
    )  # fmt: skip
    assert code == 2
    assert "Période introuvable pour AZZOUG Mina" in err and "Test annexe 1MELEC" in err
    assert not target.exists()


def test_a_tutor_of_someone_else_cannot_print_her(demo_store: Store, capsys, tmp_path) -> None:
    """Another tutor does not see Mina: the same "not found" exit, nothing written."""
    target = tmp_path / "journal.pdf"
    code, _, err = run(
        demo_store, capsys, "logbook", "--apprentice", "AZZOUG Mina",
        "--period", "Test annexe 1MELEC", "--out", str(target), login="tuteur2",
    )  # fmt: skip
    assert code == 2 and "Apprenti introuvable" in err
    assert not target.exists()


def test_missing_folder_exits_2(demo_store: Store, capsys, tmp_path: Path) -> None:
    """An output folder that does not exist: exit 2 and a French message."""
    target = tmp_path / "nowhere" / "journal.pdf"
    code, _, err = run(
        demo_store, capsys, "logbook", "--apprentice", "AZZOUG Mina",
        "--period", "Test annexe 1MELEC", "--out", str(target),
    )  # fmt: skip
    assert code == 2 and "n'existe pas" in err
    assert not target.parent.exists()


def test_arguments_are_required() -> None:
    """--apprentice, --period and --out are all required."""
    with pytest.raises(SystemExit):
        parse("logbook", "--apprentice", "AZZOUG Mina", "--out", "x.pdf")
