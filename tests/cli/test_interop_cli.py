"""`cpro-desktop import|export|erase …` through `cli.main`, as a script runs them: a Moodle
framework previewed (`--dry-run` writes nothing), imported, exported and re-imported
unchanged; a SIECLE file with errors refused (exit 2, every problem on stderr, store
unchanged) then imported in part with `--partial`; an apprentice's record exported; an
erasure that only previews without `--yes`; who acts (`--as`, administrators only)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cpro_desktop import models as m
from cpro_desktop.cli import main
from cpro_desktop.store import Store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "interop"


@pytest.fixture
def backend() -> str:
    """The command line is exercised on SQLite; its services run on both backends."""
    return "sqlite"


@pytest.fixture(autouse=True)
def identity(monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo administrator's password, as a script would pass it; no default login."""
    monkeypatch.setenv("CPRO_PASSWORD", "cpro-demo")
    monkeypatch.delenv("CPRO_LOGIN", raising=False)


def run(capsys, url: str, *args: str) -> tuple[int, str, str]:
    code = main(["--db", url, *args])
    out, err = capsys.readouterr()
    return code, out, err


def count(url: str, model) -> int:
    with Store.open(url) as store, store.read() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_framework_dry_run_import_export_round_trip(capsys, demo_url: str, tmp_path: Path):
    source = FIXTURES / "moodle" / "deep_taxonomy.csv"
    before = count(demo_url, m.Criterion)
    code, out, err = run(
        capsys, demo_url, "import", "framework", str(source), "--dry-run", "--as", "admin"
    )
    assert code == 0, err
    assert "Niveaux de l'arbre" in out and "→ Unité" in out and "→ Critère" in out
    assert "création" in out and "Simulation (--dry-run)" in out
    assert count(demo_url, m.Criterion) == before

    code, out, err = run(capsys, demo_url, "import", "framework", str(source), "--as", "admin")
    assert code == 0, err
    assert "Importé :" in out
    created = count(demo_url, m.Criterion) - before
    assert created > 0

    exported = tmp_path / "referentiel.csv"
    code, out, err = run(
        capsys, demo_url, "export", "framework", "--diploma", "BTS-CIEL-2023",
        "--out", str(exported), "--as", "admin",
    )  # fmt: skip
    assert code == 0, err
    assert exported.read_text(encoding="utf-8").startswith("Parent ID number,ID number,")

    code, out, err = run(
        capsys, demo_url, "import", "framework", str(exported), "--dry-run", "--as", "admin"
    )
    assert code == 0, err
    assert "0 création, 0 mise à jour" in out


def test_students_with_errors_are_refused_then_imported_in_part(capsys, demo_url: str):
    source = FIXTURES / "siecle" / "ElevesSansAdresses_erreurs.xml"
    before = count(demo_url, m.Apprentice)
    code, out, err = run(
        capsys, demo_url, "import", "students", str(source),
        "--diploma", "Bac Pro MELEC", "--as", "admin",
    )  # fmt: skip
    assert code == 2
    assert 'ligne 29, <ELEVE ELEVE_ID="4002">' in err and "INE" in err
    assert "rien n'a été importé" in err and "--partial" in err
    assert count(demo_url, m.Apprentice) == before

    code, out, err = run(
        capsys, demo_url, "import", "students", str(source),
        "--diploma", "Bac Pro MELEC", "--partial", "--as", "admin",
    )  # fmt: skip
    assert code == 0, err
    assert "Importé :" in out and "écartée" in out
    assert count(demo_url, m.Apprentice) > before


def test_students_of_chosen_classes(capsys, demo_url: str):
    """`--class` keeps the pupils of that class; the preview lists the file's classes."""
    source = FIXTURES / "siecle" / "ElevesSansAdresses.xml"
    code, out, err = run(
        capsys, demo_url, "import", "students", str(source), "--class", "TMELEC",
        "--diploma", "melec", "--dry-run", "--as", "admin",
    )  # fmt: skip
    assert code == 0, err
    assert "Classes du fichier (élèves) : 1MELEC (2), TMELEC (2)" in out
    assert "MARTIN Lucas-Émile (TMELEC)" in out and "ŒUVRARD" not in out


def test_dry_run_of_a_file_with_errors_exits_2(capsys, demo_url: str):
    source = FIXTURES / "moodle" / "broken.csv"
    code, out, err = run(
        capsys, demo_url, "import", "framework", str(source), "--dry-run", "--as", "admin"
    )
    assert code == 2
    assert "erreur" in err and "ligne" in err
    assert "Simulation (--dry-run)" in out


def test_export_apprentice_record(capsys, demo_url: str, tmp_path: Path):
    target = tmp_path / "dossier.zip"
    code, out, err = run(
        capsys, demo_url, "export", "apprentice", "--apprentice", "azzoug mina",
        "--out", str(target), "--as", "admin",
    )  # fmt: skip
    assert code == 0, err
    assert "Dossier de AZZOUG Mina" in out
    with zipfile.ZipFile(target) as archive:
        record = json.loads(archive.read("dossier.json"))
        assert record["apprentice"]["last_name"] == "AZZOUG"
        assert any(name.startswith("pdf/") for name in archive.namelist())


def test_erase_previews_without_yes_and_erases_with_it(capsys, demo_url: str):
    before = count(demo_url, m.Apprentice)
    code, out, err = run(
        capsys, demo_url, "erase", "apprentice", "--apprentice", "PETIT Nathan", "--as", "admin"
    )
    assert code == 0, err
    assert "Effacement de PETIT Nathan" in out and "Rien n'a été effacé" in out
    assert count(demo_url, m.Apprentice) == before

    code, out, err = run(
        capsys, demo_url, "erase", "apprentice", "--apprentice", "PETIT Nathan",
        "--yes", "--as", "admin",
    )  # fmt: skip
    assert code == 0, err
    assert "effacé(e) définitivement" in out
    assert count(demo_url, m.Apprentice) == before - 1


def test_who_acts(capsys, demo_url: str, tmp_path: Path):
    source = FIXTURES / "moodle" / "english_commas.csv"
    code, _, err = run(capsys, demo_url, "import", "framework", str(source))
    assert code == 2 and "--as IDENTIFIANT" in err and "CPRO_LOGIN" in err

    code, _, err = run(capsys, demo_url, "import", "framework", str(source), "--as", "formateur")
    assert code == 2 and "réservée à l'administrateur" in err

    code, _, err = run(
        capsys, demo_url, "import", "students", str(tmp_path / "absent.xml"), "--as", "admin"
    )
    assert code == 2 and "n'existe pas" in err
