"""Moodle competency frameworks: import the CSV that Moodle's "lpimportcsv" admin tool
exports, and export a framework back in that format so that Moodle can import it.

The file has one row per item. Its first data row is the framework itself ("Is framework"
set), carrying the scale and the comma-separated taxonomy term of each level; then come the
competencies, each naming its parent by ID number (empty at the top). Moodle reads the
columns by position and skips the header row; files from the wild may have English or
French headers (or none), commas or semicolons, UTF-8 with or without a BOM, and HTML
descriptions with line breaks inside quoted fields.

Each depth of the Moodle tree maps onto one `LevelKind`: a unit, a competence or a
criterion. The default comes from the number of levels and the taxonomy; the administrator
may adjust it in the preview. Levels below the criteria are merged into the criteria of
the nearest competence, their Moodle parent kept in the `moodle` JSON column so that the
export rebuilds the same tree. Items are matched on their ID number (our `code`) within the
diploma's framework: a re-import updates in place and never deletes.
"""

from __future__ import annotations

import csv
import enum
import html
import io
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from cpro_desktop import models as m
from cpro_desktop.services.activities.printing import normalise_name
from cpro_desktop.services.admin import DiplomaRow
from cpro_desktop.services.admin.base import admin_read, admin_write
from cpro_desktop.services.admin.frameworks import diploma_rows
from cpro_desktop.services.interop import (
    Action,
    Change,
    ImportPreview,
    ImportRefused,
    ImportResult,
    Problem,
    UnreadableFile,
    atomic_target,
    read_bytes,
    update_versioned,
)
from cpro_desktop.services.names import close_names
from cpro_desktop.services.permissions import Actor
from cpro_desktop.services.texts import text_problem
from cpro_desktop.store import NotFound, Store, ValidationError

_CONFLICT = (
    "Le référentiel a été modifié par quelqu'un d'autre pendant l'importation : rien n'a été "
    "enregistré. Recommencez l'aperçu."
)

# -- the format ---------------------------------------------------------------------------


class Column(enum.StrEnum):
    """The columns of Moodle's framework CSV, in Moodle's order (it reads by position)."""

    PARENT = "parentidnumber"
    ID_NUMBER = "idnumber"
    SHORT_NAME = "shortname"
    DESCRIPTION = "description"
    DESCRIPTION_FORMAT = "descriptionformat"
    SCALE_VALUES = "scalevalues"
    SCALE_CONFIGURATION = "scaleconfiguration"
    RULE_TYPE = "ruletype"
    RULE_OUTCOME = "ruleoutcome"
    RULE_CONFIG = "ruleconfig"
    RELATED = "relatedidnumbers"
    EXPORT_ID = "exportid"
    IS_FRAMEWORK = "isframework"
    TAXONOMY = "taxonomy"


COLUMNS = tuple(Column)

#: The header row as Moodle writes it (its English lang strings).
ENGLISH_HEADERS = (
    "Parent ID number",
    "ID number",
    "Short name",
    "Description",
    "Description format",
    "Scale values",
    "Scale configuration",
    "Rule type (optional)",
    "Rule outcome (optional)",
    "Rule config (optional)",
    "Cross-referenced competency ID numbers",
    "Exported ID (optional)",
    "Is framework",
    "Taxonomy",
)

#: Header names recognised, normalised by `_header_key` (lower case, no accents, no
#: "(optional)", punctuation as spaces): Moodle's current and older English strings, and
#: the French language pack's (and the usual variants a spreadsheet user types).
_HEADER_ALIASES: dict[Column, tuple[str, ...]] = {
    Column.PARENT: (
        "parent id number",
        "parent idnumber",
        "numero d identification du parent",
        "numero d identification parent",
        "identifiant du parent",
        "id parent",
        "parent",
    ),
    Column.ID_NUMBER: (
        "id number",
        "idnumber",
        "numero d identification",
        "identifiant",
    ),
    Column.SHORT_NAME: ("short name", "shortname", "nom abrege", "nom court"),
    Column.DESCRIPTION: ("description",),
    Column.DESCRIPTION_FORMAT: (
        "description format",
        "format de description",
        "format de la description",
    ),
    Column.SCALE_VALUES: (
        "scale values",
        "valeurs du bareme",
        "valeurs de bareme",
        "valeurs de l echelle",
    ),
    Column.SCALE_CONFIGURATION: (
        "scale configuration",
        "configuration du bareme",
        "configuration de bareme",
        "configuration de l echelle",
    ),
    Column.RULE_TYPE: ("rule type", "type de regle", "type de la regle"),
    Column.RULE_OUTCOME: ("rule outcome", "resultat de la regle", "resultat de regle"),
    Column.RULE_CONFIG: (
        "rule config",
        "rule configuration",
        "configuration de la regle",
        "configuration de regle",
    ),
    Column.RELATED: (
        "cross referenced competency id numbers",
        "numeros d identification des competences liees",
        "numeros d identification des competences associees",
        "numeros d identification des competences en reference croisee",
        "competences liees",
    ),
    Column.EXPORT_ID: ("exported id", "export id", "id exporte", "identifiant exporte"),
    Column.IS_FRAMEWORK: ("is framework", "est un referentiel", "referentiel"),
    Column.TAXONOMY: ("taxonomy", "taxonomie", "taxonomies"),
}
_HEADER_INDEX = {alias: column for column, aliases in _HEADER_ALIASES.items() for alias in aliases}

#: Columns a competency row keeps in `moodle` (the app does not use them).
ITEM_EXTRAS = (
    Column.DESCRIPTION_FORMAT,
    Column.SCALE_VALUES,
    Column.SCALE_CONFIGURATION,
    Column.RULE_TYPE,
    Column.RULE_OUTCOME,
    Column.RULE_CONFIG,
    Column.RELATED,
    Column.EXPORT_ID,
)
#: Columns the framework row keeps in `moodle`.
FRAMEWORK_EXTRAS = (
    Column.DESCRIPTION_FORMAT,
    Column.SCALE_VALUES,
    Column.SCALE_CONFIGURATION,
    Column.TAXONOMY,
)
#: The `moodle` key of a merged-level criterion's Moodle parent (another criterion).
PARENT_KEY = "parent"

#: What Moodle writes for a competency with no rule, scale of its own or cross-reference.
_ITEM_DEFAULTS = {
    Column.DESCRIPTION_FORMAT: "1",
    Column.SCALE_VALUES: "",
    Column.SCALE_CONFIGURATION: "",
    Column.RULE_TYPE: "",
    Column.RULE_OUTCOME: "0",
    Column.RULE_CONFIG: "null",
    Column.RELATED: "",
    Column.EXPORT_ID: "",
}
#: A framework made in the app has no Moodle scale: Moodle requires one, so the export
#: offers the review levels (the last two proficient, "Acquis" by default).
DEFAULT_SCALE_VALUES = "Non acquis,En cours d'acquisition,Partiellement acquis,Acquis"
DEFAULT_SCALE_CONFIGURATION = (
    '[{"scaleid":"0"},{"id":3,"scaledefault":0,"proficient":1},'
    '{"id":4,"scaledefault":1,"proficient":1}]'
)

# Moodle's ID numbers and short names go into our codes and labels (models/limits.py).
_CODE_MAX = m.text_limit(m.Competence.code)
_LABEL_MAX = m.text_limit(m.Competence.label)
_FRAMEWORK_NAME_MAX = m.text_limit(m.Framework.name)
_FRAMEWORK_ID_MAX = m.text_limit(m.Framework.id_number)
#: Where each kind of item goes.
_MODEL_OF: dict[str, Any] = {"unit": m.Unit, "competence": m.Competence, "criterion": m.Criterion}


class LevelKind(enum.StrEnum):
    """What one depth of the Moodle tree becomes in the app."""

    UNIT = "unit"
    COMPETENCE = "competence"
    CRITERION = "criterion"


LEVEL_LABELS: dict[LevelKind, str] = {
    LevelKind.UNIT: "Unité",
    LevelKind.COMPETENCE: "Compétence",
    LevelKind.CRITERION: "Critère",
}

#: Moodle's taxonomy terms (and their French names) that say what a level is.
TAXONOMY_KINDS: dict[str, LevelKind] = {
    "domain": LevelKind.UNIT,
    "domaine": LevelKind.UNIT,
    "competency": LevelKind.COMPETENCE,
    "competence": LevelKind.COMPETENCE,
    "skill": LevelKind.CRITERION,
    "indicator": LevelKind.CRITERION,
    "behaviour": LevelKind.CRITERION,
    "behavior": LevelKind.CRITERION,
    "outcome": LevelKind.CRITERION,
    "proficiency": LevelKind.CRITERION,
    "habilete": LevelKind.CRITERION,
    "indicateur": LevelKind.CRITERION,
    "comportement": LevelKind.CRITERION,
    "resultat": LevelKind.CRITERION,
    "critere": LevelKind.CRITERION,
}


@dataclass(frozen=True)
class Level:
    """One depth of the file's tree, as the preview shows it with its combo."""

    #: 1 for the top competencies.
    depth: int
    #: The framework's taxonomy term for this depth ("domain", "skill" …), may be "".
    taxonomy: str
    count: int
    #: The first item of the level, "ID - name".
    sample: str
    kind: LevelKind


@dataclass(frozen=True)
class MoodleRow:
    """One row of the file (the framework or a competency), as read."""

    line: int
    id_number: str
    short_name: str
    description: str
    parent: str
    #: The Moodle columns the app does not use, by `Column` value.
    extras: Mapping[str, str]
    #: Depth in the tree (1 = top); 0 for the framework.
    depth: int = 0
    #: False when the row or one of its ancestors has an error: a partial import skips it.
    ok: bool = True


@dataclass(frozen=True)
class FrameworkFile:
    """What the parser made of a file, before the store is consulted."""

    source: str
    framework: MoodleRow
    #: The competencies reachable from the framework, parents first (depth-first, in file
    #: order among siblings).
    rows: tuple[MoodleRow, ...]
    taxonomy: tuple[str, ...]
    problems: tuple[Problem, ...]
    #: Rows left out of the tree (unknown parent, duplicate ID number …).
    dropped: int


@dataclass(frozen=True)
class FrameworkPayload:
    """The `ImportPreview.payload` of a framework import."""

    file: FrameworkFile
    levels: tuple[Level, ...]
    mapping: tuple[LevelKind, ...]
    diploma: str | None = None
    #: Problems found against the store (a diploma code taken …): no partial import.
    fatal: tuple[Problem, ...] = field(default=())


# -- small helpers ------------------------------------------------------------------------


def _header_key(text: str) -> str:
    text = text.replace("\ufeff", "").casefold().replace("n°", "numero ")
    text = re.sub(r"\((optional|optionnel|facultatif|optionnelle)\)", " ", text)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", stripped).split())


def _is_true(value: str) -> bool:
    """PHP's truth of a CSV cell, as Moodle tests "Is framework"."""
    return value.strip() not in ("", "0")


def _line_problem(line: int, reason: str, warning: bool = False) -> Problem:
    return Problem(f"Ligne {line}", reason, line=line, warning=warning)


class _TextExtractor(HTMLParser):
    _BREAKS = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in self._BREAKS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("• ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(text: str) -> str:
    """A Moodle HTML description as plain text for display: tags dropped, paragraphs and
    `<br>` as line breaks, entities decoded, blank runs collapsed."""
    if "<" not in text and "&" not in text:
        return "\n".join(" ".join(line.split()) for line in text.strip().splitlines())
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    lines = [" ".join(line.split()) for line in html.unescape("".join(parser.parts)).split("\n")]
    return "\n".join(line for line in lines if line)


# -- reading the file ---------------------------------------------------------------------


def _decode(data: bytes, name: str) -> tuple[str, list[Problem]]:
    """The file's text: UTF-8 (BOM or not), else Windows-1252 with a warning."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile(
            f"« {name} » est enregistré en UTF-16 : enregistrez-le au format « CSV UTF-8 » "
            "(ou exportez-le de nouveau depuis Moodle) puis recommencez."
        )
    if data.startswith(b"PK\x03\x04"):
        raise UnreadableFile(
            f"« {name} » est un classeur (xlsx, ods) ou une archive ZIP, pas un fichier CSV : "
            "enregistrez la feuille au format « CSV UTF-8 » puis recommencez."
        )
    if b"\x00" in data:
        raise UnreadableFile(
            f"« {name} » n'est pas un fichier texte CSV (il contient des données binaires) : "
            "choisissez le fichier CSV exporté par Moodle."
        )
    problems: list[Problem] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise UnreadableFile(
                f"« {name} » n'est ni en UTF-8 ni en Windows-1252 : enregistrez-le au format "
                "« CSV UTF-8 » puis recommencez."
            ) from None
        problems.append(
            Problem(
                "Fichier",
                "le fichier n'est pas en UTF-8 : il a été lu en Windows-1252 (l'encodage "
                "d'Excel). Vérifiez les accents dans l'aperçu ; Moodle, lui, exporte en UTF-8.",
                warning=True,
            )
        )
    if any(ch < " " and ch not in "\t\r\n" for ch in text):
        raise UnreadableFile(
            f"« {name} » contient des caractères de contrôle : ce n'est pas un fichier CSV "
            "lisible. Choisissez le fichier exporté par Moodle."
        )
    if not text.strip():
        raise UnreadableFile(f"Le fichier « {name} » ne contient aucune ligne.")
    return text, problems


class _BadCsv(Exception):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line


def _records(text: str, delimiter: str, strict: bool = True) -> Iterator[tuple[int, list[str]]]:
    """(first physical line, fields) of each record; embedded newlines count as lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=strict)
    previous = 0
    try:
        for record in reader:
            start = previous + 1
            previous = reader.line_num
            yield start, record
    except csv.Error as exc:
        raise _BadCsv(previous + 1, str(exc)) from None


def _detect_delimiter(text: str) -> str:
    """Comma or semicolon: the one that splits the first records into Moodle's 14-odd
    columns (a description full of commas does not fool it, a header-less file neither)."""
    best = (-1, -1, ",")
    for delimiter in (",", ";"):
        widths: list[int] = []
        try:
            for _, record in _records(text, delimiter, strict=False):
                if record:
                    widths.append(len(record))
                if len(widths) == 5:
                    break
        except _BadCsv:
            continue
        score = (sum(1 for w in widths if 12 <= w <= 20), widths[0] if widths else 0)
        if score > best[:2]:
            best = (*score, delimiter)
    if best[1] < 3:
        raise UnreadableFile(
            "Ce fichier n'a pas les colonnes d'un export de référentiel de compétences Moodle "
            "(« Parent ID number », « ID number », « Short name » … séparées par des virgules "
            "ou des points-virgules)."
        )
    return best[2]


def _header_columns(record: Sequence[str]) -> dict[Column, int] | None:
    """The columns named by a header row, or None when the row is data."""
    found: dict[Column, int] = {}
    for index, cell in enumerate(record):
        column = _HEADER_INDEX.get(_header_key(cell))
        if column is not None and column not in found:
            found[column] = index
    if len(found) >= 3 and Column.ID_NUMBER in found:
        return found
    return None


def _parse_rows(
    text: str, name: str
) -> tuple[list[tuple[int, dict[Column, str]]], list[Problem], dict[Column, int] | None]:
    delimiter = _detect_delimiter(text)
    positions: dict[Column, int] = {column: i for i, column in enumerate(COLUMNS)}
    header: dict[Column, int] | None = None
    rows: list[tuple[int, dict[Column, str]]] = []
    problems: list[Problem] = []
    records = _records(text, delimiter)
    first = True
    try:
        for line, record in records:
            if not any(cell.strip() for cell in record):
                continue
            if first:
                first = False
                header = _header_columns(record)
                if header is not None:
                    # A name we do not know (another translation of Moodle's strings) keeps
                    # Moodle's own reading: by position.
                    taken = set(header.values())
                    for index, column in enumerate(COLUMNS[: len(record)]):
                        if column not in header and index not in taken:
                            header[column] = index
                    missing = [
                        ENGLISH_HEADERS[COLUMNS.index(c)]
                        for c in (Column.ID_NUMBER, Column.SHORT_NAME, Column.IS_FRAMEWORK)
                        if c not in header
                    ]
                    if missing:
                        raise UnreadableFile(
                            f"L'en-tête de « {name} » (ligne {line}) n'a pas de colonne "
                            f"{', '.join(f'« {h} »' for h in missing)} : exportez de nouveau "
                            "le référentiel depuis Moodle, ou supprimez la ligne d'en-tête si "
                            "les colonnes sont dans l'ordre de Moodle."
                        )
                    positions = header
                    continue
            values = {
                column: record[index] if index < len(record) else ""
                for column, index in positions.items()
            }
            rows.append((line, values))
    except _BadCsv as exc:
        raise UnreadableFile(
            f"« {name} », ligne {exc.line} : le fichier CSV est mal formé ({exc}). Un "
            "guillemet est sans doute mal fermé dans une description : corrigez le fichier ou "
            "exportez-le de nouveau depuis Moodle."
        ) from None
    return rows, problems, header


def _row(line: int, values: Mapping[Column, str], columns: Sequence[Column]) -> MoodleRow:
    return MoodleRow(
        line=line,
        id_number=values.get(Column.ID_NUMBER, "").strip(),
        short_name=values.get(Column.SHORT_NAME, "").strip(),
        description=values.get(Column.DESCRIPTION, ""),
        parent=values.get(Column.PARENT, "").strip(),
        extras={str(c): values.get(c, "") for c in columns},
    )


def parse_framework_file(data: bytes, name: str) -> FrameworkFile:
    """Parse the bytes of a Moodle framework CSV; `UnreadableFile` when it cannot be one."""
    text, problems = _decode(data, name)
    raw, more, _ = _parse_rows(text, name)
    problems += more
    framework: MoodleRow | None = None
    items: list[MoodleRow] = []
    for line, values in raw:
        if _is_true(values.get(Column.IS_FRAMEWORK, "")):
            if framework is not None:
                problems.append(
                    _line_problem(
                        line,
                        f"une deuxième ligne de référentiel (« Is framework » à 1) ; celle de la "
                        f"ligne {framework.line} est gardée. Un fichier ne contient qu'un "
                        "référentiel.",
                    )
                )
                continue
            framework = _row(line, values, FRAMEWORK_EXTRAS)
        else:
            items.append(_row(line, values, ITEM_EXTRAS))
    if framework is None:
        raise UnreadableFile(
            f"« {name} » ne contient pas de ligne de référentiel (la ligne dont la colonne "
            "« Is framework » vaut 1) : ce n'est pas un export de référentiel Moodle."
        )
    if not framework.id_number:
        problems.append(
            _line_problem(
                framework.line,
                "le référentiel n'a pas de numéro d'identification (« ID number ») : "
                "complétez-le dans Moodle ou dans le fichier.",
            )
        )
    elif len(framework.id_number) > _FRAMEWORK_ID_MAX:
        problems.append(
            _line_problem(
                framework.line,
                f"le numéro d'identification du référentiel dépasse {_FRAMEWORK_ID_MAX} "
                "caractères.",
            )
        )
    if not framework.short_name:
        problems.append(
            _line_problem(framework.line, "le référentiel n'a pas de nom (« Short name »).")
        )
    elif len(framework.short_name) > _FRAMEWORK_NAME_MAX:
        problems.append(
            _line_problem(
                framework.line,
                f"le nom du référentiel dépasse {_FRAMEWORK_NAME_MAX} caractères.",
            )
        )
    rows, tree_problems, dropped = _build_tree(items)
    problems += tree_problems
    taxonomy = tuple(
        t.strip() for t in framework.extras.get(Column.TAXONOMY, "").split(",") if t.strip()
    )
    problems.sort(key=lambda p: p.line or 0)
    return FrameworkFile(name, framework, tuple(rows), taxonomy, tuple(problems), dropped)


def _build_tree(items: list[MoodleRow]) -> tuple[list[MoodleRow], list[Problem], int]:
    """The rows in tree order with their depth; errors for the rows that cannot be placed."""
    problems: list[Problem] = []
    by_id: dict[str, MoodleRow] = {}
    bad: set[int] = set()  # lines of rows with errors of their own
    kept: list[MoodleRow] = []
    dropped = 0
    for row in items:
        reasons = []
        if not row.id_number:
            reasons.append(
                "numéro d'identification (« ID number ») manquant : Moodle et l'application "
                "repèrent chaque élément par lui. Complétez-le."
            )
        elif len(row.id_number) > _CODE_MAX:
            reasons.append(
                f"le numéro d'identification « {row.id_number[:20]}… » fait "
                f"{len(row.id_number)} caractères : l'application en accepte {_CODE_MAX} au "
                "plus. Raccourcissez-le."
            )
        if not row.short_name:
            reasons.append("le nom (« Short name ») est vide : complétez-le.")
        if row.id_number and row.id_number in by_id:
            first = by_id[row.id_number]
            problems.append(
                _line_problem(
                    row.line,
                    f"le numéro d'identification « {row.id_number} » est déjà celui de la "
                    f"ligne {first.line} (« {first.short_name} ») : chaque élément doit avoir "
                    "le sien. Cette ligne est écartée.",
                )
            )
            dropped += 1
            continue
        for reason in reasons:
            problems.append(_line_problem(row.line, reason))
        if reasons:
            bad.add(row.line)
        if row.id_number:
            by_id[row.id_number] = row
        kept.append(row)
    children: dict[str, list[MoodleRow]] = defaultdict(list)
    for row in kept:
        if row.parent and row.parent not in by_id:
            problems.append(
                _line_problem(
                    row.line,
                    f"le parent « {row.parent} » (« Parent ID number ») n'existe pas dans le "
                    "fichier : corrigez-le ou laissez-le vide pour un élément de premier niveau. "
                    "Cette ligne et ses sous-éléments sont écartés.",
                )
            )
            continue
        children[row.parent].append(row)
    ordered: list[MoodleRow] = []

    def walk(parent: str, depth: int, ok: bool) -> None:
        for row in children.get(parent, ()):
            row_ok = ok and row.line not in bad
            if not ok:
                problems.append(
                    _line_problem(
                        row.line,
                        "écartée avec son parent, qui a une erreur.",
                        warning=True,
                    )
                )
            ordered.append(replace(row, depth=depth, ok=row_ok))
            if row.id_number:
                walk(row.id_number, depth + 1, row_ok)

    walk("", 1, True)
    placed = {row.line for row in ordered}
    for row in kept:
        if row.line not in placed and (not row.parent or row.parent in by_id):
            problems.append(
                _line_problem(
                    row.line,
                    f"« {row.id_number} » est son propre ancêtre (les « Parent ID number » "
                    "forment une boucle) : corrigez les parents.",
                )
            )
    dropped += len(kept) - len(ordered)
    return ordered, problems, dropped


# -- levels and their mapping -------------------------------------------------------------


def _levels(file: FrameworkFile) -> list[tuple[int, str, int, str]]:
    depth_count = max((row.depth for row in file.rows), default=0)
    result = []
    for depth in range(1, depth_count + 1):
        at_depth = [row for row in file.rows if row.depth == depth]
        first = at_depth[0]
        taxonomy = file.taxonomy[depth - 1] if depth <= len(file.taxonomy) else ""
        result.append((depth, taxonomy, len(at_depth), f"{first.id_number} - {first.short_name}"))
    return result


def _valid_mappings(count: int) -> list[tuple[LevelKind, ...]]:
    if count == 0:
        return [()]
    result = [(LevelKind.COMPETENCE,) + (LevelKind.CRITERION,) * (count - 1)]
    if count >= 2:
        result.append((LevelKind.UNIT, LevelKind.COMPETENCE) + (LevelKind.CRITERION,) * (count - 2))
    return result


def default_mapping(count: int, taxonomy: Sequence[str] = ()) -> tuple[LevelKind, ...]:
    """The kinds of `count` levels: by depth (1: competence; 2: competence, criterion; 3 and
    more: unit, competence, criteria), refined by the taxonomy terms when they agree with a
    valid mapping."""
    candidates = _valid_mappings(count)
    default = candidates[-1] if count >= 3 else candidates[0]
    hints = [TAXONOMY_KINDS.get(normalise_name(t)) for t in taxonomy[:count]]

    def score(mapping: tuple[LevelKind, ...]) -> tuple[int, int]:
        agreement = sum(
            (1 if hint == kind else -1) for hint, kind in zip(hints, mapping, strict=False) if hint
        )
        return agreement, mapping == default

    return max(candidates, key=score)


def _check_mapping(levels: Sequence[tuple[int, str, int, str]], mapping: Sequence[Any]):
    if len(mapping) != len(levels):
        raise ValidationError(
            "mapping",
            f"Le fichier a {len(levels)} niveaux : choisissez un type pour chacun "
            f"({len(mapping)} reçus).",
        )
    kinds: list[LevelKind] = []
    for (depth, _, _, _), value in zip(levels, mapping, strict=True):
        try:
            kinds.append(LevelKind(value))
        except ValueError:
            raise ValidationError(
                "mapping", f"Niveau {depth} : type « {value} » inconnu."
            ) from None
    seen_unit = seen_competence = False
    for (depth, taxonomy, _, _), kind in zip(levels, kinds, strict=True):
        this = f"Niveau {depth}" + (f" (« {taxonomy} »)" if taxonomy else "")
        if kind is LevelKind.UNIT:
            if seen_competence:
                raise ValidationError(
                    "mapping",
                    f"{this} : une unité ne peut pas se trouver sous une compétence. "
                    "Choisissez « Compétence » ou « Critère » pour ce niveau.",
                )
            if seen_unit:
                raise ValidationError(
                    "mapping",
                    f"{this} : une unité ne peut pas contenir d'autres unités. Choisissez "
                    "« Compétence » pour ce niveau.",
                )
            seen_unit = True
        elif kind is LevelKind.COMPETENCE:
            if seen_competence:
                raise ValidationError(
                    "mapping",
                    f"{this} : une compétence ne peut pas contenir d'autres compétences. "
                    "Choisissez « Critère » pour ce niveau.",
                )
            seen_competence = True
        elif not seen_competence:
            raise ValidationError(
                "mapping",
                f"{this} : un critère doit se trouver sous une compétence. Choisissez "
                "« Compétence » pour ce niveau ou un niveau au-dessus.",
            )
    if levels and not seen_competence:
        raise ValidationError(
            "mapping", "Aucun niveau n'est de type « Compétence » : choisissez-en un."
        )
    return tuple(kinds)


def framework_levels(preview: ImportPreview) -> tuple[Level, ...]:
    """The levels of the previewed file, with the kind each is mapped to."""
    payload = preview.payload
    if not isinstance(payload, FrameworkPayload):
        raise TypeError("not a Moodle framework preview")
    return payload.levels


# -- the plan: what the file does to the store --------------------------------------------


@dataclass
class _Item:
    """One row of the file as an item of the app."""

    row: MoodleRow
    kind: LevelKind
    label_kind: str
    #: Unit of a competence / competence of a criterion (codes), Moodle parent of a criterion.
    owner: str = ""
    moodle: dict[str, str] = field(default_factory=dict)
    position: int = 0
    existing: Any = None
    action: Action = Action.CREATE
    details: list[str] = field(default_factory=list)


@dataclass
class _Plan:
    changes: list[Change]
    problems: list[Problem]
    fatal: list[Problem]
    diploma: m.Diploma | None
    new_diploma: tuple[str, str] | None
    framework: m.Framework | None
    framework_values: dict[str, Any]
    framework_action: Action
    items: list[_Item]
    #: (unit code, competence code) links to add.
    links: list[tuple[str, str]]
    skipped: int


def _assign(file: FrameworkFile, mapping: tuple[LevelKind, ...]) -> tuple[list[_Item], int]:
    """Kinds, owners and positions of the importable rows; the number of rows left out."""
    by_id = {row.id_number: row for row in file.rows}
    items: list[_Item] = []
    kinds: dict[str, LevelKind] = {}
    unit_position = competence_position = 0
    criterion_positions: dict[str, int] = defaultdict(int)
    skipped = file.dropped
    for row in file.rows:
        if not row.ok:
            skipped += 1
            continue
        kind = mapping[row.depth - 1]
        kinds[row.id_number] = kind
        moodle = dict(row.extras)
        item = _Item(row, kind, LEVEL_LABELS[kind], moodle=moodle)
        if kind is LevelKind.UNIT:
            item.position = unit_position
            unit_position += 1
        elif kind is LevelKind.COMPETENCE:
            item.position = competence_position
            competence_position += 1
            if row.parent and kinds.get(row.parent) is LevelKind.UNIT:
                item.owner = row.parent
        else:
            ancestor = row.parent
            while kinds.get(ancestor) is LevelKind.CRITERION:
                ancestor = by_id[ancestor].parent
            item.owner = ancestor
            if row.parent != ancestor:
                moodle[PARENT_KEY] = row.parent
            criterion_positions[ancestor] += 1
            item.position = criterion_positions[ancestor]
        items.append(item)
    return items, skipped


def _resolve_diploma(
    session: Session, file: FrameworkFile, wanted: str | None, lock: bool
) -> tuple[m.Diploma | None, tuple[str, str] | None, m.Framework | None, list[Problem]]:
    """The diploma the framework goes to (or the code and name of a new one), its current
    framework, and the problems that forbid any import."""
    fw_row = file.framework
    stmt = select(m.Diploma, m.Framework).outerjoin(
        m.Framework, m.Framework.diploma_id == m.Diploma.id
    )
    if lock:
        # The diplomas only: PostgreSQL cannot lock the nullable side of an outer join (the
        # framework row is updated with its version checked anyway).
        stmt = stmt.with_for_update(of=m.Diploma)
    pairs = session.execute(stmt).all()
    where = f"Ligne {fw_row.line}"
    found: tuple[m.Diploma, m.Framework | None] | None = None
    if wanted is not None and wanted.strip():
        key = normalise_name(wanted)
        for diploma, framework in pairs:
            if key in (normalise_name(diploma.code), normalise_name(diploma.name)):
                found = (diploma, framework)
                break
    else:
        for diploma, framework in pairs:
            if (
                framework is not None
                and fw_row.id_number
                and framework.id_number == fw_row.id_number
            ):
                found = (diploma, framework)
                break
        if found is None:
            keys = {normalise_name(fw_row.id_number), normalise_name(fw_row.short_name)} - {""}
            for diploma, framework in pairs:
                if {normalise_name(diploma.code), normalise_name(diploma.name)} & keys:
                    found = (diploma, framework)
                    break
    problems: list[Problem] = []
    owner = next(
        (
            (d, f)
            for d, f in pairs
            if f is not None and fw_row.id_number and f.id_number == fw_row.id_number
        ),
        None,
    )
    if found is not None:
        diploma, framework = found
        if owner is not None and owner[0].id != diploma.id:
            problems.append(
                Problem(
                    where,
                    f"le numéro d'identification « {fw_row.id_number} » est déjà celui du "
                    f"référentiel du diplôme « {owner[0].name} » : importez-le dans ce "
                    "diplôme, ou changez le numéro dans le fichier.",
                    line=fw_row.line,
                )
            )
        return diploma, None, framework, problems
    code = fw_row.id_number
    name = wanted.strip() if wanted and wanted.strip() else fw_row.short_name
    if not code:
        pass  # already an error of the file
    elif len(code) > _CODE_MAX:
        problems.append(
            Problem(
                where,
                f"le numéro d'identification « {code} » est trop long pour devenir le code "
                f"d'un diplôme ({_CODE_MAX} caractères au plus) : créez d'abord le diplôme et "
                "choisissez-le pour l'importation.",
                line=fw_row.line,
            )
        )
    elif any(d.code == code for d, _ in pairs):
        taken = next(d for d, _ in pairs if d.code == code)
        problems.append(
            Problem(
                where,
                f"le diplôme « {name} » serait créé avec le code « {code} », qui est déjà celui "
                f"du diplôme « {taken.name} » : choisissez ce diplôme pour l'importation.",
                line=fw_row.line,
            )
        )
    if owner is not None:
        problems.append(
            Problem(
                where,
                f"le numéro d'identification « {fw_row.id_number} » est déjà celui du "
                f"référentiel du diplôme « {owner[0].name} » : importez-le dans ce diplôme.",
                line=fw_row.line,
            )
        )
    return None, (code, name[:200]), None, problems


def _load_framework(session: Session, framework_id: int, lock: bool) -> dict[str, Any]:
    """Units, competences (with their unit codes) and criteria of a framework: four
    queries whatever its size."""

    def locked(stmt: Any) -> Any:
        return stmt.with_for_update() if lock else stmt

    units = list(session.scalars(locked(select(m.Unit).where(m.Unit.framework_id == framework_id))))
    competences = list(
        session.scalars(
            locked(select(m.Competence).where(m.Competence.framework_id == framework_id))
        )
    )
    criteria = list(
        session.scalars(
            locked(
                select(m.Criterion)
                .join(m.Competence, m.Competence.id == m.Criterion.competence_id)
                .where(m.Competence.framework_id == framework_id)
            )
        )
    )
    links = session.execute(
        select(m.unit_competences.c.unit_id, m.unit_competences.c.competence_id)
        .join(m.Unit, m.Unit.id == m.unit_competences.c.unit_id)
        .where(m.Unit.framework_id == framework_id)
    ).all()
    return {"units": units, "competences": competences, "criteria": criteria, "links": links}


def _describe(old: str, new: str, what: str) -> str:
    def short(text: str) -> str:
        text = " ".join(plain_text(text).split())
        return text if len(text) <= 40 else text[:39] + "…"

    return f"{what} : {short(old) or '(vide)'} → {short(new) or '(vide)'}"


def _plan(session: Session, payload: FrameworkPayload, lock: bool = False) -> _Plan:
    file = payload.file
    fw_row = file.framework
    diploma, new_diploma, framework, fatal = _resolve_diploma(session, file, payload.diploma, lock)
    # The framework's row is written even by a partial import: a text it cannot hold stops
    # the import (its name and ID number are checked with the file, its description here).
    reason = text_problem(
        fw_row.description, m.text_limit(m.Framework.description), "Description du référentiel"
    )
    if reason:
        fatal.append(_line_problem(fw_row.line, reason))
    if len(fw_row.short_name) > _FRAMEWORK_NAME_MAX or len(fw_row.id_number) > _FRAMEWORK_ID_MAX:
        fatal.append(
            _line_problem(
                fw_row.line,
                "le référentiel ne peut pas être importé, même en partie, tant que son nom ou "
                "son numéro d'identification est trop long.",
            )
        )
    changes: list[Change] = []
    problems: list[Problem] = []
    if new_diploma is not None:
        changes.append(Change(Action.CREATE, "Diplôme", new_diploma[0], new_diploma[1]))
    framework_values = {
        "name": fw_row.short_name,
        "id_number": fw_row.id_number or None,
        "description": fw_row.description,
        "moodle": {str(k): v for k, v in fw_row.extras.items()},
    }
    if framework is None:
        framework_action = Action.CREATE
        changes.append(Change(Action.CREATE, "Référentiel", fw_row.id_number, fw_row.short_name))
    else:
        details = []
        if framework.name != fw_row.short_name:
            details.append(_describe(framework.name, fw_row.short_name, "nom"))
        if (framework.id_number or None) != framework_values["id_number"]:
            details.append(
                f"numéro d'identification : {framework.id_number or '(vide)'} → {fw_row.id_number}"
            )
        if framework.description != fw_row.description:
            details.append("description modifiée")
        if (framework.moodle or None) != framework_values["moodle"]:
            details.append("données Moodle (barème, taxonomie) modifiées")
        framework_action = Action.UPDATE if details else Action.UNCHANGED
        changes.append(
            Change(
                framework_action,
                "Référentiel",
                fw_row.id_number,
                fw_row.short_name,
                "; ".join(details),
            )
        )

    items, skipped = _assign(file, payload.mapping)
    stored = (
        _load_framework(session, framework.id, lock)
        if framework is not None
        else {"units": [], "competences": [], "criteria": [], "links": []}
    )
    units = {u.code: u for u in stored["units"]}
    competences = {c.code: c for c in stored["competences"]}
    competence_codes = {c.id: c.code for c in stored["competences"]}
    unit_codes = {u.id: u.code for u in stored["units"]}
    criteria_by_code: dict[str, list[m.Criterion]] = defaultdict(list)
    for c in stored["criteria"]:
        criteria_by_code[c.code].append(c)
    linked: dict[str, set[str]] = defaultdict(set)
    for unit_id, competence_id in stored["links"]:
        linked[competence_codes.get(competence_id, "")].add(unit_codes.get(unit_id, ""))

    links: list[tuple[str, str]] = []
    seen: dict[LevelKind, set[str]] = defaultdict(set)
    for item in items:
        row = item.row
        seen[item.kind].add(row.id_number)
        model = _MODEL_OF[item.kind.value]
        label_max = m.text_limit(model.label)
        if len(row.short_name) > label_max:
            problems.append(
                _line_problem(
                    row.line,
                    f"le nom de « {row.id_number} » fait {len(row.short_name)} caractères : "
                    f"{label_max} au plus pour "
                    f"{'un' if item.kind is LevelKind.CRITERION else 'une'} "
                    f"{item.label_kind.lower()}.",
                )
            )
        else:
            problems.extend(
                _line_problem(row.line, f"« {row.id_number} » : {reason}")
                for reason in (
                    text_problem(row.short_name, label_max, "Nom"),
                    text_problem(row.description, m.text_limit(model.description), "Description"),
                )
                if reason
            )
        if item.kind is LevelKind.UNIT:
            item.existing = units.get(row.id_number)
        elif item.kind is LevelKind.COMPETENCE:
            item.existing = competences.get(row.id_number)
            if item.owner and item.owner not in linked.get(row.id_number, set()):
                links.append((item.owner, row.id_number))
                if item.existing is not None:
                    item.details.append(f"unité : + {item.owner}")
        else:
            candidates = criteria_by_code.get(row.id_number, [])
            target = competences.get(item.owner)
            same = [c for c in candidates if target is not None and c.competence_id == target.id]
            item.existing = (same or candidates or [None])[0]
            if item.existing is not None and (
                target is None or item.existing.competence_id != target.id
            ):
                item.details.append(
                    f"compétence : {competence_codes.get(item.existing.competence_id, '?')} → "
                    f"{item.owner}"
                )
        existing = item.existing
        if existing is None:
            item.action = Action.CREATE
        else:
            if existing.label != row.short_name:
                item.details.append(_describe(existing.label, row.short_name, "nom"))
            if existing.description != row.description:
                item.details.append("description modifiée")
            if existing.position != item.position:
                item.details.append(f"ordre : {existing.position} → {item.position}")
            if (existing.moodle or None) != item.moodle:
                item.details.append("données Moodle modifiées")
            item.action = Action.UPDATE if item.details else Action.UNCHANGED
        changes.append(
            Change(
                item.action, item.label_kind, row.id_number, row.short_name, "; ".join(item.details)
            )
        )
    for kind, rows in (
        (LevelKind.UNIT, stored["units"]),
        (LevelKind.COMPETENCE, stored["competences"]),
        (LevelKind.CRITERION, stored["criteria"]),
    ):
        for stored_row in sorted(rows, key=lambda r: (r.position, r.id)):
            if stored_row.code not in seen[kind]:
                problems.append(
                    Problem(
                        f"{LEVEL_LABELS[kind]} {stored_row.code}",
                        f"« {stored_row.code} - {stored_row.label} » n'est pas dans le fichier : "
                        "elle est conservée (une importation ne supprime rien).",
                        warning=True,
                    )
                )
    return _Plan(
        changes=changes,
        problems=problems,
        fatal=fatal,
        diploma=diploma,
        new_diploma=new_diploma,
        framework=framework,
        framework_values=framework_values,
        framework_action=framework_action,
        items=items,
        links=links,
        skipped=skipped,
    )


# -- preview and apply --------------------------------------------------------------------


def preview_framework_import(
    store: Store,
    actor: Actor,
    path: Path,
    *,
    diploma: str | None = None,
    mapping: Sequence[LevelKind] | None = None,
) -> ImportPreview:
    """What importing the Moodle framework CSV at `path` would do, into the diploma named
    `diploma` (code or name; by default the one matching the framework's ID number or
    name, else a new one), with the levels mapped as `mapping` says (by default from the
    depth and the taxonomy). Nothing is written."""
    path = Path(path)
    with admin_read(store, actor) as session:
        file = parse_framework_file(read_bytes(path), path.name)
        raw_levels = _levels(file)
        kinds = (
            _check_mapping(raw_levels, list(mapping))
            if mapping is not None
            else default_mapping(len(raw_levels), file.taxonomy)
        )
        levels = tuple(
            Level(depth, taxonomy, count, sample, kind)
            for (depth, taxonomy, count, sample), kind in zip(raw_levels, kinds, strict=True)
        )
        payload = FrameworkPayload(file, levels, kinds, diploma)
        plan = _plan(session, payload)
    payload = replace(payload, fatal=tuple(plan.fatal))
    return ImportPreview(
        source=file.source,
        changes=tuple(plan.changes),
        problems=tuple(plan.fatal) + file.problems + tuple(plan.problems),
        left_out=plan.skipped + len(plan.items) - len(_without_rejected(plan)),
        payload=payload,
    )


def _item_values(item: _Item) -> dict[str, Any]:
    return {
        "code": item.row.id_number,
        "label": item.row.short_name,
        "description": item.row.description,
        "position": item.position,
        "moodle": item.moodle,
    }


def apply_framework_import(
    store: Store, actor: Actor, preview: ImportPreview, *, accept_partial: bool = False
) -> ImportResult:
    """Write a previewed import in one transaction. The differences are computed again
    against the store as it is now. A file with errors is refused (`ImportRefused`) unless
    `accept_partial`, which imports the rows without errors (and not their descendants).
    Items missing from the file stay as they are."""
    payload = preview.payload
    if not isinstance(payload, FrameworkPayload):
        raise TypeError("not a Moodle framework preview")
    with admin_write(store, actor) as session:
        plan = _plan(session, payload, lock=True)
        errors = [p for p in (*payload.file.problems, *plan.problems) if not p.warning]
        if plan.fatal or (errors and not accept_partial):
            raise ImportRefused(tuple(plan.fatal) + payload.file.problems + tuple(plan.problems))
        items = _without_rejected(plan)
        skipped = plan.skipped + len(plan.items) - len(items)

        diploma = plan.diploma
        if diploma is None:
            assert plan.new_diploma is not None
            diploma = m.Diploma(code=plan.new_diploma[0], name=plan.new_diploma[1], level="")
            session.add(diploma)
            session.flush()
        framework = plan.framework
        if framework is None:
            framework = m.Framework(diploma_id=diploma.id, **plan.framework_values)
            session.add(framework)
        else:
            for key, value in plan.framework_values.items():
                if getattr(framework, key) != value:
                    setattr(framework, key, value)
        session.flush()

        def write(kind: LevelKind, model: Any, extra: dict[str, Any]) -> dict[str, int]:
            chosen = [i for i in items if i.kind is kind]
            result = {i.row.id_number: i.existing.id for i in chosen if i.existing is not None}
            new = [
                {**_item_values(i), **extra, **_owner_column(kind, i, ids)}
                for i in chosen
                if i.existing is None
            ]
            if new:
                # One INSERT … RETURNING for all the rows (insertmanyvalues), not one each; the
                # codes returned say which id is whose, so the order does not matter.
                stmt = insert(model).returning(model.id, model.code)
                result.update({code: row_id for row_id, code in session.execute(stmt, new)})
            update_versioned(
                session,
                model,
                [
                    {
                        "id": i.existing.id,
                        "version": i.existing.version,
                        **_item_values(i),
                        **_owner_column(kind, i, ids),
                    }
                    for i in chosen
                    if i.existing is not None and i.action is Action.UPDATE
                ],
                _CONFLICT,
            )
            return result

        ids: dict[str, dict[str, int]] = {}
        ids["units"] = write(LevelKind.UNIT, m.Unit, {"framework_id": framework.id})
        ids["competences"] = write(
            LevelKind.COMPETENCE, m.Competence, {"framework_id": framework.id}
        )
        written = {i.row.id_number for i in items}
        link_rows = [
            {"unit_id": ids["units"][unit], "competence_id": ids["competences"][code]}
            for unit, code in plan.links
            if unit in written and code in written
        ]
        if link_rows:
            session.execute(insert(m.unit_competences), link_rows)
        write(LevelKind.CRITERION, m.Criterion, {})
        session.flush()
        counts = {action: 0 for action in Action}
        for change in plan.changes:
            if change.kind in LEVEL_LABELS.values() and change.key not in written:
                continue
            counts[change.action] += 1
        return ImportResult(
            created=counts[Action.CREATE],
            updated=counts[Action.UPDATE],
            unchanged=counts[Action.UNCHANGED],
            skipped=skipped,
        )


def _without_rejected(plan: _Plan) -> list[_Item]:
    """The items a partial import writes: not those with an error found against the store
    (a name too long, an ID number taken…), nor their descendants."""
    bad_lines = {p.line for p in plan.problems if not p.warning and p.line is not None}
    rejected = {i.row.id_number for i in plan.items if i.row.line in bad_lines}
    kept = [i for i in plan.items if i.row.line not in bad_lines]
    while True:
        orphans = {i.row.id_number for i in kept if i.row.parent in rejected}
        if not orphans:
            return kept
        rejected |= orphans
        kept = [i for i in kept if i.row.id_number not in orphans]


def _owner_column(kind: LevelKind, item: _Item, ids: dict[str, dict[str, int]]) -> dict:
    if kind is LevelKind.CRITERION:
        return {"competence_id": ids["competences"][item.owner]}
    return {}


# -- export -------------------------------------------------------------------------------


def find_diploma(store: Store, actor: Actor, wanted: str) -> DiplomaRow:
    """The diploma whose code or name is `wanted` (case and accents ignored), else the only
    one whose code or name contains it; `NotFound` lists close names."""
    with admin_read(store, actor) as session:
        rows = diploma_rows(session)
    key = normalise_name(wanted)
    for row in rows:
        if key and key in (normalise_name(row.code), normalise_name(row.name)):
            return row
    # "melec" for "Bac Pro MELEC": a part of one code or name only.
    partial = [
        row
        for row in rows
        if key and key in f"{normalise_name(row.code)} {normalise_name(row.name)}"
    ]
    if len(partial) == 1:
        return partial[0]
    shown = {normalise_name(r.name): r.name for r in rows}
    shown.update({normalise_name(r.code): r.name for r in rows})
    close = close_names(wanted, shown)
    hint = f" Diplômes proches : {', '.join(close)}." if close else ""
    known = "" if close else f" Diplômes : {', '.join(r.name for r in rows) or 'aucun'}."
    raise NotFound(f"Diplôme introuvable : « {wanted} ».{hint}{known}")


def _extras(moodle: Mapping[str, Any] | None) -> list[str]:
    if moodle is None:
        return [_ITEM_DEFAULTS[c] for c in ITEM_EXTRAS]
    return [str(moodle.get(str(c), "")) for c in ITEM_EXTRAS]


def _derived_taxonomy(has_units: bool, criterion_depth: int) -> str:
    terms = (["domain"] if has_units else []) + ["competency"]
    terms += ["skill", "indicator", "behaviour"][:criterion_depth]
    terms += ["behaviour"] * max(0, criterion_depth - 3)
    return ",".join(terms)


def export_framework_csv(store: Store, actor: Actor, diploma: str) -> str:
    """The framework of `diploma` as the CSV Moodle's framework import reads: UTF-8 text,
    commas, Moodle's English header row, the framework row, then units, competences (under
    their first unit) and criteria (under their competence, or their Moodle parent)."""
    row = find_diploma(store, actor, diploma)
    if row.framework_id is None:
        raise NotFound(f"Le diplôme « {row.name} » n'a pas de référentiel à exporter.")
    with admin_read(store, actor) as session:
        framework = session.get(m.Framework, row.framework_id)
        if framework is None:
            raise NotFound("Ce référentiel n'existe plus : rechargez la liste.")
        stored = _load_framework(session, framework.id, lock=False)
        lines = _export_rows(row, framework, stored)
    return _csv_text(lines)


def _csv_text(lines: list[list]) -> str:
    # Moodle's csv_export_writer writes "\n" line ends and quotes only where needed.
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(ENGLISH_HEADERS)
    writer.writerows(lines)
    return buffer.getvalue()


def _export_rows(row: DiplomaRow, framework: m.Framework, stored: dict[str, Any]) -> list[list]:
    def order(items: list[Any]) -> list[Any]:
        return sorted(items, key=lambda r: (r.position, r.id))

    units = order(stored["units"])
    competences = order(stored["competences"])
    unit_rank = {u.id: i for i, u in enumerate(units)}
    first_unit: dict[int, m.Unit] = {}
    for unit_id, competence_id in stored["links"]:
        unit = next(u for u in units if u.id == unit_id) if unit_id in unit_rank else None
        current = first_unit.get(competence_id)
        if unit is not None and (current is None or unit_rank[unit.id] < unit_rank[current.id]):
            first_unit[competence_id] = unit
    criteria: dict[int, list[m.Criterion]] = defaultdict(list)
    for criterion in order(stored["criteria"]):
        criteria[criterion.competence_id].append(criterion)

    def item(parent: str, thing: Any) -> list:
        return [parent, thing.code, thing.label, thing.description, *_extras(thing.moodle), "", ""]

    rows: list[list] = []
    max_criterion_depth = 0

    def add_competence(competence: m.Competence, parent: str) -> None:
        nonlocal max_criterion_depth
        rows.append(item(parent, competence))
        own = criteria.get(competence.id, [])
        codes = {c.code for c in own}
        children: dict[str, list[m.Criterion]] = defaultdict(list)
        for criterion in own:
            moodle_parent = str((criterion.moodle or {}).get(PARENT_KEY, ""))
            under = (
                moodle_parent if moodle_parent in codes and moodle_parent != criterion.code else ""
            )
            children[under].append(criterion)
        placed: set[int] = set()

        def walk(parent_code: str, parent_id: str, depth: int) -> None:
            nonlocal max_criterion_depth
            for criterion in children.get(parent_code, ()):
                if criterion.id in placed:
                    continue
                placed.add(criterion.id)
                max_criterion_depth = max(max_criterion_depth, depth)
                rows.append(item(parent_id, criterion))
                walk(criterion.code, criterion.code, depth + 1)

        walk("", competence.code, 1)
        for criterion in own:  # a loop of Moodle parents: put the rest under the competence
            if criterion.id not in placed:
                placed.add(criterion.id)
                rows.append(item(competence.code, criterion))

    for unit in units:
        rows.append(item("", unit))
        for competence in competences:
            if first_unit.get(competence.id) is unit:
                add_competence(competence, unit.code)
    for competence in competences:
        if competence.id not in first_unit:
            add_competence(competence, "")

    seen: dict[str, int] = {}
    duplicates = []
    for r in rows:
        seen[r[1]] = seen.get(r[1], 0) + 1
        if seen[r[1]] == 2:
            duplicates.append(r[1])
    if duplicates:
        raise ValidationError(
            "code",
            "Moodle exige un numéro d'identification différent pour chaque élément, or ces "
            f"codes sont utilisés plusieurs fois dans le référentiel : {', '.join(duplicates)}. "
            "Renommez-les avant d'exporter.",
        )
    moodle = framework.moodle or {}
    taxonomy = moodle.get(Column.TAXONOMY) or _derived_taxonomy(bool(units), max_criterion_depth)
    head = [
        "",
        framework.id_number or row.code,
        framework.name,
        framework.description,
        str(moodle.get(Column.DESCRIPTION_FORMAT, "1")) if moodle else "1",
        str(moodle.get(Column.SCALE_VALUES) or DEFAULT_SCALE_VALUES),
        str(moodle.get(Column.SCALE_CONFIGURATION) or DEFAULT_SCALE_CONFIGURATION),
        "",
        "",
        "",
        "",
        "",
        "1",
        taxonomy,
    ]
    return [head, *rows]


def export_framework(store: Store, actor: Actor, diploma: str, path: Path) -> int:
    """Write the framework of `diploma` to `path` as Moodle's CSV (UTF-8 without BOM, as
    Moodle's own export writes it); the number of competency rows written."""
    text = export_framework_csv(store, actor, diploma)
    # Header and framework rows aside, one record per competency.
    count = sum(1 for _ in _records(text, ",")) - 2
    with atomic_target(Path(path)) as partial:
        partial.write_text(text, encoding="utf-8", newline="")
    return count


__all__ = [
    "LEVEL_LABELS",
    "Level",
    "LevelKind",
    "apply_framework_import",
    "export_framework",
    "export_framework_csv",
    "find_diploma",
    "framework_levels",
    "plain_text",
    "preview_framework_import",
]
