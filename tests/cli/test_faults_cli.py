"""The command line facing a faulty environment (issue 13): a damaged store, a full disk.
Each exits 2 with a French line on stderr, having written nothing. (A server stopped under
a running session: tests/store/test_server_restart.py.)"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from cpro_desktop.cli import main
from tests.store.test_faults import damage, store_file


@pytest.fixture
def backend() -> str:
    """Local files' faults: SQLite."""
    return "sqlite"


def test_a_damaged_store_exits_2_in_french(capsys, demo_url: str) -> None:
    """`db info` on a store damaged in the middle: exit 2, « est endommagé » on stderr."""
    path = store_file(demo_url)
    damage(path)
    content = path.read_bytes()
    assert main(["--db", demo_url, "db", "info"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"cpro-desktop : Le fichier de la base « {path} » est endommagé")
    assert path.read_bytes() == content


def test_a_full_disk_during_print_exits_2_in_french(
    capsys, demo_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`print booklet` on a full disk: exit 2, the French reason, no PDF, no `.part`."""
    from cpro_desktop.reports import booklet as report

    def render(document: object, target: Path) -> int:
        Path(target).write_bytes(b"%PDF-1.4 moitie")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(report, "render_booklet", render)
    monkeypatch.setenv("CPRO_PASSWORD", "cpro-demo")
    out_dir = tmp_path / "sortie"
    out_dir.mkdir()
    target = out_dir / "mina.pdf"
    args = ["--db", demo_url, "print", "booklet", "--apprentice", "AZZOUG Mina",
            "--out", str(target), "--as", "formateur"]  # fmt: skip
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"Impossible d'écrire « {target} » : le disque est plein. Rien n'a été écrit." in err
    assert list(out_dir.iterdir()) == []
