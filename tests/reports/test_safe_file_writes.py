"""Safe file writes (issue 13): the temporary file beside a PDF is created exclusively (a
planted `.part` symbolic link is never followed), private (0600), and gone after a failure
or an interruption; stale batch folders of the system temporary directory are cleaned."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from cpro_desktop import models as m
from cpro_desktop.files import (
    atomic_write,
    clean_leftovers,
    describe_os_error,
    remove_stale_temp_dirs,
    write_failure,
)
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


def disk_full() -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_during_a_print_leaves_nothing_and_says_so_in_french(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills up half-way through a booklet: a French message, no PDF, no `.part`
    file beside it, no note of it left behind."""
    from cpro_desktop.reports import booklet as report

    def render(document: object, target: Path) -> int:
        Path(target).write_bytes(b"%PDF-1.4 moitie d'un livret")
        raise disk_full()

    monkeypatch.setattr(report, "render_booklet", render)
    out = tmp_path / "sortie"
    out.mkdir()
    target = out / "livret.pdf"
    formateur = authenticate(demo_store, "formateur", "cpro-demo")
    with pytest.raises(CproError) as caught:
        printing.print_booklet(demo_store, formateur, mina(demo_store), target)
    assert str(caught.value) == (
        f"Impossible d'écrire « {target} » : le disque est plein. Rien n'a été écrit."
    )
    assert list(out.iterdir()) == []
    assert clean_leftovers(max_age=0) == 0


def test_a_full_disk_while_building_a_pdf_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every simple document (period review, logbook, dashboard, reviews) goes through
    `build_pdf`: a full disk leaves the previous PDF as it was and no `.part` file."""
    from reportlab.platypus import SimpleDocTemplate

    from cpro_desktop.reports.base import PageDecor, build_pdf, para

    def build(self: SimpleDocTemplate, *args: object, **kwargs: object) -> None:
        self.filename.write(b"%PDF-1.4 moitie")
        raise disk_full()

    monkeypatch.setattr(SimpleDocTemplate, "build", build)
    target = tmp_path / "bilan.pdf"
    target.write_bytes(b"%PDF-ancien")
    with pytest.raises(OSError) as caught:
        build_pdf(target, [para("Bilan")], PageDecor("", "", ""), title="Bilan")
    assert caught.value.errno == errno.ENOSPC
    assert target.read_bytes() == b"%PDF-ancien"
    assert leftovers(tmp_path) == []


def test_french_words_for_file_errors() -> None:
    """What the system says (often in English) is told in French."""
    assert describe_os_error(disk_full()) == "le disque est plein"
    assert describe_os_error(OSError(errno.EROFS, "Read-only file system")) == (
        "le support est en lecture seule"
    )
    assert describe_os_error(PermissionError(errno.EACCES, "Permission denied")).startswith(
        "accès refusé"
    )
    assert write_failure(Path("/x/livret.pdf"), disk_full()) == (
        "Impossible d'écrire « /x/livret.pdf » : le disque est plein. Rien n'a été écrit."
    )


KILLED_WRITER = """
import os, sys
from pathlib import Path
from cpro_desktop.files import atomic_write
with atomic_write(Path(sys.argv[1]), track=True) as partial:
    partial.write_bytes(b"%PDF-1.4 moitie")
    print(partial, flush=True)
    os._exit(9)  # killed: no cleanup runs
"""


def killed_write(target: Path) -> Path:
    """A process killed while writing `target` (through `atomic_write(track=True)`): the
    path of the `.part` file it left."""
    done = subprocess.run(
        [sys.executable, "-c", KILLED_WRITER, str(target)],
        capture_output=True,
        text=True,
        env=os.environ | {"PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert done.returncode == 9, done.stderr
    return Path(done.stdout.strip())


def age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def pending_markers() -> list[Path]:
    from cpro_desktop.config import data_dir

    folder = data_dir() / "pending-writes"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_leftovers_of_killed_runs_are_removed_at_the_next_start(
    tmp_path: Path, private_tmp: Path
) -> None:
    """A class print and an export killed an hour ago left a batch folder, a print
    preview folder and `.part` files beside their outputs: all removed, and only those
    (a batch running now, a write running now, someone's `.part` we did not note, another
    folder all stay)."""
    out = tmp_path / "sortie"
    out.mkdir()
    killed = killed_write(out / "livret.pdf")
    assert killed.exists() and killed.name.startswith(".livret.pdf.")
    (marker,) = pending_markers()
    age(marker, 2 * 3600)
    running = killed_write(out / "en-cours.pdf")  # noted a moment ago: a write running now
    foreign = out / ".autre.pdf.abc.part"
    foreign.write_bytes(b"pas a nous")
    age(foreign, 2 * 3600)
    for name in ("cpro-livrets-tue", "cpro-impression-tue", "cpro-livrets-en-cours", "autre"):
        (private_tmp / name).mkdir()
    for name in ("cpro-livrets-tue", "cpro-impression-tue", "autre"):
        age(private_tmp / name, 2 * 3600)

    assert clean_leftovers() == 3
    assert not killed.exists() and running.exists() and foreign.exists()
    assert sorted(p.name for p in private_tmp.iterdir()) == ["autre", "cpro-livrets-en-cours"]
    assert len(pending_markers()) == 1
    assert clean_leftovers() == 0


def test_a_forged_note_never_removes_a_file_that_is_not_a_part_file(tmp_path: Path) -> None:
    """A note naming a document (not one of our `.part` files) removes nothing."""
    from cpro_desktop.files import _note_pending

    document = tmp_path / "important.pdf"
    document.write_bytes(b"%PDF")
    marker = _note_pending(document)
    assert marker is not None
    age(marker, 2 * 3600)
    assert clean_leftovers() == 0
    assert document.exists() and pending_markers() == []


def test_the_print_command_and_the_application_clean_leftovers_when_they_start(
    qapp, monkeypatch: pytest.MonkeyPatch, demo_url: str, tmp_path: Path
) -> None:
    """`print …` and the GUI both clean what killed runs left, before anything else."""
    import argparse

    from cpro_desktop import cli_print
    from cpro_desktop.views import app as app_module

    calls: list[str] = []
    monkeypatch.setattr(cli_print, "clean_leftovers", lambda: calls.append("print"))
    monkeypatch.setattr(app_module, "clean_leftovers", lambda: calls.append("gui"))
    monkeypatch.setattr(app_module, "install_translators", lambda *a: True)
    monkeypatch.setattr(app_module.AppController, "start", lambda self: False)
    monkeypatch.setenv("CPRO_PASSWORD", "cpro-demo")
    parser = argparse.ArgumentParser()
    cli_print.add_print_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["print", "booklet", "--apprentice", "AZZOUG Mina", "--out",
                              str(tmp_path / "m.pdf"), "--as", "formateur"])  # fmt: skip
    assert cli_print.run_print(args, demo_url) == 0
    assert app_module.run_gui(demo_url) == 0
    assert calls == ["print", "gui"]
