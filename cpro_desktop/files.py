"""Private, safely written local files.

On a shared school computer the store, the settings and the printed PDFs hold minors'
records: folders the application creates are 0700 and files 0600 (owner only). A file is
written through a temporary file created exclusively beside it (never a planted file or
symbolic link), moved onto the target when complete and removed otherwise.

On Windows the modes mean little (the profile folders are private already): every mode
change is POSIX only and never raises.
"""

from __future__ import annotations

import contextlib
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
#: A batch temporary folder older than this (seconds) was left by a killed run.
STALE_AFTER = 24 * 3600
_SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


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
def atomic_write(path: Path) -> Iterator[Path]:
    """A new private temporary file beside `path`, created exclusively (O_EXCL|O_NOFOLLOW:
    a planted file or symbolic link is never followed), moved onto `path` when the block
    succeeds and removed when it fails or is interrupted. OSError as raised."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    os.close(handle)
    partial = Path(name)
    try:
        yield partial
        os.replace(partial, path)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()


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
