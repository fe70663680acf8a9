"""Safe file writes (issue 13): the temporary file beside a PDF is created exclusively (a
planted `.part` symbolic link is never followed), private (0600), and gone after a failure
or an interruption; stale batch folders of the system temporary directory are cleaned."""

from __future__ import annotations

import os
import stat
import tempfile
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from cpro_desktop import models as m
from cpro_desktop.files import atomic_write, remove_stale_temp_dirs
from cpro_desktop.services import printing
from cpro_desktop.services.auth import authenticate
from cpro_desktop.store import CproError, Store

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX modes and symbolic links")


@pytest.fixture
def backend() -> str:
    return "sqlite"


@pytest.fixture
def private_tmp(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A system temporary directory of the test's own."""
    folder = tmp_path / "systmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def mina(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(m.Apprentice.id).where(m.Apprentice.last_name == "AZZOUG"))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@posix_only
def test_a_planted_part_link_is_not_followed(demo_store: Store, tmp_path: Path) -> None:
    """Someone plants `.livret.pdf.part` → a file of the victim's: the victim's file is
    untouched, the booklet is written all the same, private."""
    out = tmp_path / "sortie"
    out.mkdir()
    victim = tmp_path / "important.txt"
    victim.write_text("ne pas écraser", encoding="utf-8")
    (out / ".livret.pdf.part").symlink_to(victim)
    target = out / "livret.pdf"
    pages = printing.print_booklet(
        demo_store, authenticate(demo_store, "formateur", "cpro-demo"), mina(demo_store), target
    )
    assert pages > 1 and target.read_bytes().startswith(b"%PDF")
    assert victim.read_text(encoding="utf-8") == "ne pas écraser"
    assert (out / ".livret.pdf.part").is_symlink()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize("fault", [RuntimeError("rendu impossible"), KeyboardInterrupt()])
def test_a_failing_render_leaves_no_part_file(tmp_path: Path, fault: BaseException) -> None:
    """A render that fails (or is interrupted) leaves the old PDF as it was and no `.part`."""
    target = tmp_path / "livret.pdf"
    target.write_bytes(b"%PDF-ancien")

    def render(partial: Path) -> int:
        partial.write_bytes(b"%PDF-moiti")
        raise fault

    with pytest.raises(type(fault)):
        printing._write_atomically(target, render)
    assert target.read_bytes() == b"%PDF-ancien"
    assert leftovers(tmp_path) == []


@posix_only
def test_atomic_write_is_exclusive_and_private(tmp_path: Path) -> None:
    """The temporary file is new (not an existing file), 0600 whatever the umask."""
    previous = os.umask(0o022)
    try:
        with atomic_write(tmp_path / "a.zip") as partial:
            assert partial.parent == tmp_path and partial.name.endswith(".part")
            assert stat.S_IMODE(partial.stat().st_mode) == 0o600 and partial.stat().st_size == 0
            partial.write_bytes(b"PK")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "a.zip").stat().st_mode) == 0o600
    assert leftovers(tmp_path) == []


def test_stale_batch_folders_are_cleaned(private_tmp: Path) -> None:
    """A `cpro-livrets-*` folder older than a day (a killed batch) is removed; a recent one
    (a batch running now) and other folders are kept."""
    stale = private_tmp / "cpro-livrets-old"
    (stale / "sub").mkdir(parents=True)
    (stale / "sub" / "AZZOUG Mina.pdf").write_bytes(b"%PDF")
    recent = private_tmp / "cpro-livrets-now"
    recent.mkdir()
    other = private_tmp / "autre-dossier"
    other.mkdir()
    two_days_ago = time.time() - 2 * 86400
    for folder in (stale, other):
        os.utime(folder, (two_days_ago, two_days_ago))
    assert remove_stale_temp_dirs(printing.BATCH_TEMP_PREFIX) == 1
    assert not stale.exists() and recent.exists() and other.exists()


def test_a_merged_batch_cleans_stale_folders_and_its_own(
    demo_store: Store, tmp_path: Path, private_tmp: Path
) -> None:
    """A merged class print removes a stale folder of a killed batch, and its own folder at
    the end, also when it fails."""
    stale = private_tmp / "cpro-livrets-killed"
    stale.mkdir()
    (stale / "BERNARD Lucas.pdf").write_bytes(b"%PDF")
    os.utime(stale, (time.time() - 3 * 86400,) * 2)
    formateur = authenticate(demo_store, "formateur", "cpro-demo")
    summary = printing.print_booklets(
        demo_store, formateur, apprentice_ids=[mina(demo_store)], merged_file=tmp_path / "c.pdf"
    )
    assert summary.ok and (tmp_path / "c.pdf").exists()
    assert list(private_tmp.iterdir()) == []
    with pytest.raises(CproError, match=r"Impossible d'écrire .* Rien n'a été écrit"):
        printing.print_booklets(
            demo_store,
            formateur,
            apprentice_ids=[mina(demo_store)],
            merged_file=tmp_path / "absent" / "c.pdf",
        )
    assert list(private_tmp.iterdir()) == []
