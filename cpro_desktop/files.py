"""Private, safely written local files.

On a shared school computer the store, the settings and the printed PDFs hold minors'
records: folders the application creates are 0700 and files 0600 (owner only). A file is
written through a temporary file created exclusively beside it (never a planted file or
symbolic link), moved onto the target when complete and removed otherwise.

On Windows the modes mean little (the profile folders are private already): every mode
change is POSIX only and never raises.

A process killed while writing (a class print stopped from the task manager, a power cut)
leaves its temporary files behind: the batch folders in the system temporary directory, and
the `.part` files beside the documents it was writing, which `atomic_write(track=True)` notes
in the user's data folder while they exist. `clean_leftovers()`, run when the application
and its print commands start, removes those older than an hour.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
POSIX = os.name == "posix"
#: A batch temporary folder or a tracked `.part` file older than this (seconds) was left
#: by a killed run (a running batch touches its folder with every booklet it writes).
STALE_AFTER = 3600
#: The system temporary folders of batch prints and of the booklet page's print previews.
TEMP_PREFIXES = ("cpro-livrets-", "cpro-impression-")
#: Beside the store, one marker per `.part` file being written (its path inside).
_PENDING = "pending-writes"
_SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


#: Why a file could not be written or read, in French (the system's words may be English).
_OS_ERRORS = {
    errno.ENOSPC: "le disque est plein",
    getattr(errno, "EDQUOT", -1): "le quota de l'utilisateur sur ce disque est atteint",
    errno.EROFS: "le support est en lecture seule",
    errno.EACCES: "accès refusé (droits du dossier ou du fichier)",
    errno.EPERM: "accès refusé (droits du dossier ou du fichier)",
    errno.ENOENT: "le dossier ou le fichier n'existe pas (ou plus)",
    errno.EIO: "erreur du support (disque retiré, partage réseau coupé ?)",
    errno.ENAMETOOLONG: "le nom du fichier est trop long",
    errno.EISDIR: "c'est un dossier",
    errno.EEXIST: "le fichier existe déjà",
}


def describe_os_error(exc: OSError) -> str:
    """Why a file operation failed, in French (for a message that goes on after it)."""
    said = _OS_ERRORS.get(exc.errno or 0)
    if said is not None:
        return said
    return f"erreur du système ({exc.strerror or exc})"


def write_failure(path: Path | str | None, exc: OSError) -> str:
    """The French message of a file that could not be written (nothing was)."""
    where = f"d'écrire « {path} »" if path else "d'écrire le fichier"
    return f"Impossible {where} : {describe_os_error(exc)}. Rien n'a été écrit."


def write_bytes(path: Path | str, data: bytes) -> None:
    """Write `data` to `path` safely (`atomic_write`): all of it, or nothing and the previous
    file as it was. OSError as raised."""
    with atomic_write(Path(path), track=True) as partial:
        partial.write_bytes(data)


def _owned(info: os.stat_result) -> bool:
    return not POSIX or info.st_uid == os.getuid()


def restrict(path: Path) -> None:
    """Remove the group's and others' permissions from a file or folder the user owns; no
    symbolic link followed, nothing done on Windows or for someone else's file, no error."""
    if not POSIX:
        return
    try:
        info = os.lstat(path)
    except OSError:
        return
    if stat.S_ISLNK(info.st_mode) or not _owned(info) or not info.st_mode & 0o077:
        return
    with contextlib.suppress(OSError):
        os.chmod(path, stat.S_IMODE(info.st_mode) & 0o700)


def private_dir(path: Path) -> Path:
    """`path` created if needed (parents too) and made private (0700); returns it."""
    path = Path(path)
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    restrict(path)
    return path


def secure_sqlite_file(path: Path) -> None:
    """A SQLite store file private before SQLite opens it: created empty 0600 if missing
    (SQLite gives its WAL and SHM files the main file's mode), and an existing file and its
    companions (-wal, -shm, -journal) owned by the user made 0600."""
    path = Path(path)
    if POSIX and not os.path.lexists(path):
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        with contextlib.suppress(OSError):  # read-only folder…: SQLite says it in French
            os.close(os.open(path, flags, PRIVATE_FILE))
    restrict(path)
    for suffix in _SQLITE_COMPANIONS:
        restrict(path.with_name(path.name + suffix))


@contextlib.contextmanager
def atomic_write(path: Path, *, track: bool = False) -> Iterator[Path]:
    """A new private temporary file beside `path`, created exclusively (O_EXCL|O_NOFOLLOW:
    a planted file or symbolic link is never followed), moved onto `path` when the block
    succeeds and removed when it fails or is interrupted. OSError as raised.

    `track` (documents written where the user chose): the temporary file is noted while it
    exists, so that one a killed process left is removed at the next start."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    os.close(handle)
    partial = Path(name)
    marker = _note_pending(partial) if track else None
    try:
        yield partial
        os.replace(partial, path)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()
        if marker is not None:
            with contextlib.suppress(OSError):
                marker.unlink()


def _pending_dir() -> Path:
    from cpro_desktop.config import data_dir  # config imports this module

    return data_dir() / _PENDING


def _note_pending(partial: Path) -> Path | None:
    """A marker naming `partial` (absolute), or None if it cannot be written (then the file
    is only not cleaned after a kill: never a reason to refuse the document)."""
    try:
        folder = private_dir(_pending_dir())
        handle, name = tempfile.mkstemp(suffix=".pending", dir=folder)
        with os.fdopen(handle, "wb") as stream:
            stream.write(os.fsencode(partial.resolve()))
    except OSError:
        return None
    return Path(name)


def _remove_stale_parts(max_age: float) -> int:
    """Remove the `.part` files noted by killed writers (markers older than `max_age`)."""
    removed = 0
    now = time.time()
    try:
        markers = [e for e in os.scandir(_pending_dir()) if e.name.endswith(".pending")]
    except OSError:
        return 0
    for marker in markers:
        try:
            if now - marker.stat(follow_symlinks=False).st_mtime < max_age:
                continue
            with open(marker.path, "rb") as stream:
                partial = Path(os.fsdecode(stream.read()))
        except OSError:
            continue
        try:
            info = os.lstat(partial)
        except OSError:
            info = None
        # Only what we wrote: a regular file of ours, named as `atomic_write` names them.
        if (
            info is not None
            and stat.S_ISREG(info.st_mode)
            and _owned(info)
            and partial.name.startswith(".")
            and partial.name.endswith(".part")
        ):
            with contextlib.suppress(OSError):
                partial.unlink()
                removed += 1
        with contextlib.suppress(OSError):
            os.unlink(marker.path)
    return removed


def clean_leftovers(max_age: float = STALE_AFTER) -> int:
    """What killed runs of the application left (batch folders in the system temporary
    directory, tracked `.part` files), older than `max_age` seconds and the user's own:
    removed. Returns how many; never raises."""
    removed = sum(remove_stale_temp_dirs(prefix, max_age) for prefix in TEMP_PREFIXES)
    return removed + _remove_stale_parts(max_age)


def remove_stale_temp_dirs(prefix: str, max_age: float = STALE_AFTER) -> int:
    """Remove the user's folders `prefix*` of the system temporary directory older than
    `max_age` seconds (left by a killed run); returns how many. Never raises."""
    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(tempfile.gettempdir()))
    except OSError:
        return 0
    for entry in entries:
        if not entry.name.startswith(prefix):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode) or not _owned(info) or now - info.st_mtime < max_age:
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed += not os.path.lexists(entry.path)
    return removed
