"""`cpro-desktop print …`: one booklet, a class batch (two processes), the reviews, close
matches for unknown names (exit 2), who prints (a tutor cannot print another tutor's
apprentice), and a batch that goes on past a failing apprentice (exit 1)."""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from cpro_desktop import models as m
from cpro_desktop.cli_print import add_print_parser, run_print
from cpro_desktop.services import printing
from cpro_desktop.store import Store


@pytest.fixture
def backend() -> str:
    """The command line is exercised on SQLite; its services run on both backends."""
    return "sqlite"


@pytest.fixture(autouse=True)
def password(monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo accounts' password, as a script would pass it."""
    monkeypatch.setenv("CPRO_PASSWORD", "cpro-demo")


def run(capsys, url: str, *args: str) -> tuple[int, str, str]:
    """Parse and run `print …` as `cpro-desktop --db URL print …` does."""
    parser = argparse.ArgumentParser(prog="cpro-desktop")
    parser.add_argument("--db")
    add_print_parser(parser.add_subparsers(dest="command"))
    parsed = parser.parse_args(["--db", url, "print", *args])
    code = run_print(parsed, parsed.db)
    out, err = capsys.readouterr()
    return code, out, err


def qpdf_ok(path: Path) -> bool:
    return subprocess.run(["qpdf", "--check", str(path)], capture_output=True).returncode == 0


def test_one_booklet(capsys, demo_url: str, tmp_path: Path) -> None:
    """`print booklet --apprentice "AZZOUG Mina" --out FILE.pdf` writes a checked PDF."""
    target = tmp_path / "mina.pdf"
    code, out, err = run(
        capsys,
        demo_url,
        "booklet",
        "--apprentice",
        "AZZOUG Mina",
        "--out",
        str(target),
        "--as",
        "formateur",
    )
    assert code == 0, err
    assert "Livret de AZZOUG Mina (1MELEC)" in out and qpdf_ok(target)
    assert "AZZOUG Mina" in PdfReader(target).pages[0].extract_text()


def test_class_batch_in_two_processes(capsys, demo_url: str, tmp_path: Path) -> None:
    """`print booklet --class 1MELEC --out-dir DIR`: one checked PDF per apprentice."""
    code, out, err = run(
        capsys,
        demo_url,
        "booklet",
        "--class",
        "1MELEC",
        "--out-dir",
        str(tmp_path),
        "--as",
        "formateur",
    )
    assert code == 0, err
    written = sorted(tmp_path.glob("*.pdf"))
    assert len(written) == 5 and all(qpdf_ok(p) for p in written)
    assert "5 livrets imprimés" in out and "[5/5]" in err


def test_reviews(capsys, demo_url: str, tmp_path: Path) -> None:
    """`print reviews --apprentice … --out FILE.pdf` prints the validated reviews."""
    target = tmp_path / "bilans.pdf"
    code, _, err = run(
        capsys,
        demo_url,
        "reviews",
        "--apprentice",
        "mina azzoug",
        "--out",
        str(target),
        "--as",
        "parent",
    )
    assert code == 0, err
    text = " ".join(p.extract_text() for p in PdfReader(target).pages)
    assert qpdf_ok(target) and "Note proposée" in text


@pytest.mark.parametrize(
    ("args", "close"),
    [
        (("--apprentice", "azoug mina"), "AZZOUG Mina (1MELEC)"),
        (("--apprentice", "Nguyen Thi Anh"), None),  # accents ignored: found
        (("--class", "1MELC"), "1MELEC"),
    ],
)
def test_unknown_names_list_close_matches(capsys, demo_url, tmp_path, args, close) -> None:
    """An unknown apprentice or class exits 2 with a French message naming close matches;
    case and accents never matter."""
    option = "--out-dir" if args[0] == "--class" else "--out"
    where = str(tmp_path) if option == "--out-dir" else str(tmp_path / "x.pdf")
    code, _, err = run(capsys, demo_url, "booklet", *args, option, where, "--as", "formateur")
    if close is None:
        assert code == 0, err
        return
    assert code == 2
    assert "introuvable" in err and close in err
    assert not list(tmp_path.glob("*.pdf"))


def test_tutor_cannot_print_another_tutors_apprentice(capsys, demo_url, tmp_path) -> None:
    """LEFEBVRE Thomas tutors Mina, not Inès: her booklet is refused (exit 2, no file), and
    his class batch prints his own apprentices only."""
    target = tmp_path / "ines.pdf"
    code, _, err = run(
        capsys,
        demo_url,
        "booklet",
        "--apprentice",
        "CHEVALIER Inès",
        "--out",
        str(target),
        "--as",
        "tuteur",
    )
    assert code == 2 and "introuvable" in err and not target.exists()
    code, out, _ = run(
        capsys,
        demo_url,
        "booklet",
        "--class",
        "1MELEC",
        "--out-dir",
        str(tmp_path),
        "--as",
        "tuteur",
        "--jobs",
        "1",
    )
    assert code == 0 and "3 livrets imprimés" in out
    assert not any("CHEVALIER" in p.name for p in tmp_path.iterdir())


def test_batch_reports_a_failing_apprentice(capsys, demo_url, tmp_path, monkeypatch) -> None:
    """One booklet that cannot be rendered: the others are written, the failure is named at
    the end, the exit code is 1."""
    with Store.open(demo_url) as store, store.read() as session:
        broken = session.scalar(select(m.Apprentice.id).where(m.Apprentice.last_name == "DIALLO"))
    real = printing.render_booklet_file

    def render(store, actor, apprentice, path):
        if apprentice == broken:
            raise RuntimeError("données endommagées")
        return real(store, actor, apprentice, path)

    monkeypatch.setattr(printing, "render_booklet_file", render)
    code, out, err = run(
        capsys,
        demo_url,
        "booklet",
        "--class",
        "1MELEC",
        "--out-dir",
        str(tmp_path),
        "--as",
        "formateur",
        "--jobs",
        "1",
    )
    assert code == 1
    assert "DIALLO Moussa (1MELEC) : erreur inattendue" in out and "données endommagées" in out
    assert "1 livret(s) non imprimé(s)" in err
    assert len(list(tmp_path.glob("*.pdf"))) == 4


def test_who_prints_must_sign_in(capsys, demo_url, tmp_path, monkeypatch) -> None:
    """Without --as, without a password (no terminal) or with a wrong one: exit 2."""
    target = str(tmp_path / "x.pdf")
    base = ("booklet", "--apprentice", "AZZOUG Mina", "--out", target)
    code, _, err = run(capsys, demo_url, *base)
    assert code == 2 and "--as" in err
    code, _, err = run(capsys, demo_url, *base, "--as", "formateur", "--jobs", "0")
    assert code == 2 and "--jobs" in err
    monkeypatch.setenv("CPRO_PASSWORD", "mauvais")
    code, _, err = run(capsys, demo_url, *base, "--as", "formateur")
    assert code == 2 and "incorrect" in err
    monkeypatch.delenv("CPRO_PASSWORD")
    monkeypatch.setattr("sys.stdin", None)
    code, _, err = run(capsys, demo_url, *base, "--as", "formateur")
    assert code == 2 and "CPRO_PASSWORD" in err
    assert not Path(target).exists()
