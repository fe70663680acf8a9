"""Files from and for the systems a centre already uses: Moodle competency frameworks,
the national student database (SIECLE) and spreadsheets, and an apprentice's own record.

Every import runs in two steps that share one parse: `preview` reads the file and the
store and says what would be created, updated or left alone, with every problem found
(line or element, and the reason, in French); `apply` writes that preview in one
transaction, or nothing at all. A file with problems is refused unless the user chooses to
import its valid part (`accept_partial`).

This module holds what the formats share: the preview and problem types, and reading a
file with its size bounded (a 50 MB "class list" is a mistake, not a class list).
"""

from __future__ import annotations

import contextlib
import enum
import io
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, update
from sqlalchemy.orm import Session

from cpro_desktop.files import atomic_write, write_failure
from cpro_desktop.services.activities.labels import size_label
from cpro_desktop.store.errors import ConflictError, CproError, ValidationError

#: The largest file an import reads: a SIECLE export of a big lycée with addresses is a few
#: MB, a Moodle framework a few hundred KB.
MAX_IMPORT_BYTES = 20 * 1024 * 1024


class Action(enum.StrEnum):
    """What an import does to one row."""

    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"


ACTION_LABELS = {
    Action.CREATE: "création",
    Action.UPDATE: "mise à jour",
    Action.UNCHANGED: "inchangé",
}


@dataclass(frozen=True)
class Problem:
    """Something wrong in the file: where (a line, an element) and why, in French."""

    where: str
    reason: str
    #: The 1-based line in the file, when known (the GUI sorts and jumps on it).
    line: int | None = None
    #: A warning does not block the import (a pupil without a class is imported unplaced).
    warning: bool = False

    def __str__(self) -> str:
        kind = "attention" if self.warning else "erreur"
        return f"{self.where} : {kind} — {self.reason}"


@dataclass(frozen=True)
class Change:
    """One row the import creates or updates (or finds already up to date)."""

    action: Action
    #: What the row is, in French: "Apprenti", "Classe", "Unité", "Compétence", "Critère".
    kind: str
    #: Its identifier in the file (INE, ID number) or, failing that, its name.
    key: str
    label: str
    #: For an update: what changes, in French ("nom : DUPONT → DUPOND").
    details: str = ""


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do; `changes` in file order, `problems` in file order."""

    source: str
    changes: tuple[Change, ...]
    problems: tuple[Problem, ...] = ()
    #: Rows of the file an import of its valid part leaves out (those with errors, and
    #: what depends on them).
    left_out: int = 0
    #: Format-specific data the apply step needs (the parsed rows); opaque to the GUI.
    payload: object = field(default=None, repr=False, compare=False)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.warning)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.warning)

    def counts(self) -> Counter[Action]:
        return Counter(change.action for change in self.changes)

    def summary(self) -> str:
        """One French line: "12 créations, 3 mises à jour, 40 inchangés, 2 erreurs"."""
        counts = self.counts()
        parts = [
            _plural(counts[Action.CREATE], "création", "créations"),
            _plural(counts[Action.UPDATE], "mise à jour", "mises à jour"),
            _plural(counts[Action.UNCHANGED], "inchangé", "inchangés"),
        ]
        if self.errors:
            parts.append(_plural(len(self.errors), "erreur", "erreurs"))
        if self.warnings:
            parts.append(_plural(len(self.warnings), "avertissement", "avertissements"))
        return ", ".join(parts)


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote."""

    created: int
    updated: int
    unchanged: int
    #: Rows of the file left out because they had errors (partial import).
    skipped: int = 0

    def summary(self) -> str:
        text = (
            f"{_plural(self.created, 'création', 'créations')}, "
            f"{_plural(self.updated, 'mise à jour', 'mises à jour')}, "
            f"{_plural(self.unchanged, 'inchangé', 'inchangés')}"
        )
        if self.skipped:
            text += f", {_plural(self.skipped, 'ligne écartée', 'lignes écartées')}"
        return text


class ImportRefused(CproError):
    """The file has errors and the user did not choose to import its valid part; nothing
    was written. `problems` lists them all."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        errors = [p for p in problems if not p.warning]
        first = "\n".join(f"  {p}" for p in errors[:20])
        more = f"\n  … et {len(errors) - 20} autres." if len(errors) > 20 else ""
        super().__init__(
            f"Le fichier contient {_plural(len(errors), 'erreur', 'erreurs')} : rien n'a été "
            f"importé.\n{first}{more}"
        )
        self.problems = problems


class UnreadableFile(CproError):
    """The file cannot be read at all (missing, empty, too big, not the expected format)."""


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count < 2 else many}"


@contextlib.contextmanager
def atomic_target(path: Path) -> Iterator[Path]:
    """A temporary file beside `path` (`files.atomic_write`, tracked: one a killed export
    left is removed at the next start), renamed onto it when the block succeeds, removed
    otherwise; a file error is told in French, nothing written."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ValidationError("path", f"Le dossier « {folder} » n'existe pas : rien n'a été écrit.")
    try:
        with atomic_write(path, track=True) as partial:
            yield partial
    except OSError as exc:
        raise CproError(write_failure(path, exc)) from exc


def read_bytes(path: Path, max_bytes: int = MAX_IMPORT_BYTES) -> bytes:
    """The file's bytes; `UnreadableFile` (French) if missing, empty or larger than
    `max_bytes`. A ZIP archive is not opened here (see `zip_member`)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UnreadableFile(f"Le fichier « {path} » n'existe pas.") from None
    except OSError as exc:
        raise UnreadableFile(f"Le fichier « {path} » ne peut pas être lu : {exc}.") from exc
    if path.is_dir():
        raise UnreadableFile(f"« {path} » est un dossier, pas un fichier.")
    if size == 0:
        raise UnreadableFile(f"Le fichier « {path.name} » est vide.")
    if size > max_bytes:
        raise UnreadableFile(
            f"Le fichier « {path.name} » fait {size_label(size)} : c'est plus que la limite "
            f"de {size_label(max_bytes)} pour une importation. Vérifiez qu'il s'agit du bon "
            "fichier (un export complet peut être découpé par classe)."
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"Le fichier « {path} » ne peut pas être lu : {exc}.") from exc


def zip_member(data: bytes, name: str, pick: Callable[[list[str]], str]) -> tuple[str, bytes]:
    """One member of the ZIP archive `data`: `pick` chooses it among the names of the
    archive's files (or raises `UnreadableFile`), and only that member is inflated, with the
    same size bound as a plain file whatever its header claims (a ZIP bomb is refused, not
    inflated)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise UnreadableFile(f"« {name} » n'est pas une archive ZIP lisible.") from None
    with archive:
        chosen = pick([info.filename for info in archive.infolist() if not info.is_dir()])
        too_big = UnreadableFile(
            f"« {chosen} » dans « {name} » dépasse {size_label(MAX_IMPORT_BYTES)} une fois "
            "décompressé : c'est plus que la limite pour une importation."
        )
        if archive.getinfo(chosen).file_size > MAX_IMPORT_BYTES:
            raise too_big
        try:
            with archive.open(chosen) as member:
                content = member.read(MAX_IMPORT_BYTES + 1)
        except NotImplementedError:  # Deflate64, LZMA… that Python cannot inflate
            raise UnreadableFile(
                f"« {chosen} » est compressé d'une façon que l'application ne sait pas lire "
                f"dans « {name} » : extrayez-le puis importez le fichier lui-même."
            ) from None
        except RuntimeError:  # encrypted
            raise UnreadableFile(
                f"« {chosen} » est protégé par un mot de passe dans « {name} » : extrayez-le "
                "puis importez le fichier lui-même."
            ) from None
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
            raise UnreadableFile(
                f"« {chosen} » ne peut pas être extrait de « {name} » : l'archive est "
                f"abîmée ({exc})."
            ) from exc
    if len(content) > MAX_IMPORT_BYTES:
        raise too_big
    return chosen, content


def update_versioned(
    session: Session, model: Any, rows: list[dict[str, Any]], conflict_message: str
) -> None:
    """Update many versioned rows with one executemany (an import may change hundreds;
    the ORM would run one UPDATE per row to check each version). The check is kept: each
    row's WHERE carries the `version` read (the rows are locked since), the version moves
    on, and a row changed meanwhile is a `ConflictError`, never a silent overwrite. Every
    row gives the same keys: `id`, `version` and the columns to set."""
    if not rows:
        return
    table = model.__table__
    columns = [key for key in rows[0] if key not in ("id", "version")]
    stmt = (
        update(table)
        .where(table.c.id == bindparam("b_id"), table.c.version == bindparam("b_version"))
        .values(
            {name: bindparam(f"b_{name}") for name in columns} | {"version": table.c.version + 1}
        )
    )
    params = [{f"b_{key}": value for key, value in row.items()} for row in rows]
    result = session.connection().execute(stmt, params)
    if session.get_bind().dialect.supports_sane_multi_rowcount and result.rowcount != len(rows):
        raise ConflictError(conflict_message)
