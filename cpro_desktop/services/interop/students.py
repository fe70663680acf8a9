"""Class lists from the national student database (SIECLE) and from spreadsheets.

Two sources give the same thing, a list of pupils with their national identifier (INE),
names, birth date and class:

- the SIECLE export "BEE_ELEVES" (`ElevesSansAdresses.xml` / `ElevesAvecAdresses.xml`,
  ISO-8859-15, often zipped as `ExportXML_ElevesSansAdresses.zip`): each
  `<ELEVE ELEVE_ID="…">` carries `ID_NATIONAL`, `NOM_DE_FAMILLE` (`NOM` in older files),
  `PRENOM`, `DATE_NAISS` (dd/mm/yyyy) and `DATE_SORTIE`; its class is the `STRUCTURE` of
  `TYPE_STRUCTURE` "D" (division) under `STRUCTURES_ELEVE ELEVE_ID="…"` (type "G" groups
  are ignored); `PARAMETRES/ANNEE_SCOLAIRE` "2022" means the school year 2022-2023;
- a CSV as a French spreadsheet saves it: semicolons, Windows-1252 or UTF-8 (with or
  without BOM), headers such as "Nom;Prénom;Date de naissance;INE;Classe".

Re-importing updates instead of duplicating: a pupil is matched on his INE, else on last
name + first name + birth date (case and accents ignored). Nothing is ever deleted, and the
fields a file does not carry (email, phone, company, tutor…) are left as they are. The
format is detected from the content (ZIP, XML or text), not from the file's extension.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import xml.sax
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml import sax as defused_sax
from sqlalchemy import exists, func, insert, select
from sqlalchemy.orm import Session

from cpro_desktop import models as m
from cpro_desktop.models.base import utcnow
from cpro_desktop.services.admin.base import (
    admin_read,
    admin_write,
    check_birth_date,
    clean_national_id,
    clean_text,
    display_name,
)
from cpro_desktop.services.interop import (
    Action,
    Change,
    ImportPreview,
    ImportRefused,
    ImportResult,
    Problem,
    UnreadableFile,
    read_bytes,
    update_versioned,
    zip_member,
)
from cpro_desktop.services.permissions import Actor
from cpro_desktop.services.texts import text_problem
from cpro_desktop.store import Store
from cpro_desktop.store.errors import ValidationError

KIND_APPRENTICE = "Apprenti"
KIND_CLASS = "Classe"
KIND_SCHOOL_YEAR = "Année scolaire"

#: The longest class name, name and address the store takes (models/limits.py).
_CLASS_NAME_MAX = m.text_limit(m.SchoolClass.name)
_NAME_MAX = m.text_limit(m.Apprentice.last_name)
_ADDRESS_MAX = m.text_limit(m.Apprentice.address)


# -- the parsed file (the preview's payload) ------------------------------------------------


@dataclass(frozen=True)
class Pupil:
    """One pupil of the file, checked: what the import writes for him."""

    #: Where he is in the file, in French: 'ligne 12, <ELEVE ELEVE_ID="123"> (DUPONT Jean)'.
    where: str
    line: int | None
    #: The INE, upper-cased without spaces; "" when the file has none.
    national_id: str
    last_name: str
    first_name: str
    birth_date: date | None
    #: His division (class) name; "" when the file gives none.
    class_name: str
    #: His postal address when the file carries it (None: left as it is in the store).
    address: str | None = None

    @property
    def key(self) -> str:
        """How the preview names him: his INE, else "NOM Prénom (date)"."""
        if self.national_id:
            return self.national_id
        born = self.birth_date.strftime("%d/%m/%Y") if self.birth_date else "date inconnue"
        return f"{display_name(self.last_name, self.first_name)} ({born})"


@dataclass(frozen=True)
class StudentsPayload:
    """What `preview_students_import` read, for `apply_students_import` to write."""

    pupils: tuple[Pupil, ...]
    #: Rows of the file left out because of their own errors (bad INE, duplicate…).
    rejected: int
    #: The school year the file names ("2022" for 2022-2023), if it names one.
    file_year: int | None
    school_year_id: int | None
    diploma_id: int | None
    #: Problems found in the file itself (the store-dependent ones are recomputed).
    file_problems: tuple[Problem, ...] = ()
    #: Every class the file names, with its number of pupils, in file order.
    file_classes: tuple[tuple[str, int], ...] = ()


@dataclass
class _Raw:
    """A pupil as read, before any check."""

    where: str
    line: int | None
    values: dict[str, str] = field(default_factory=dict)
    class_name: str = ""
    classes: list[str] = field(default_factory=list)
    address: str | None = None


# -- public API -----------------------------------------------------------------------------


def preview_students_import(
    store: Store,
    actor: Actor,
    path: Path,
    *,
    diploma_id: int | None = None,
    school_year_id: int | None = None,
    classes: Collection[str] | None = None,
) -> ImportPreview:
    """Read a SIECLE export (XML or ZIP) or a CSV class list and say what importing it
    would create and update, with every problem found. Nothing is written.

    `diploma_id` is the diploma of the classes the file names and the store lacks (needed
    when the store has several diplomas); `school_year_id` forces the school year (by
    default the one the SIECLE file names, or for a CSV the current one). `classes` keeps
    only the pupils of those classes (a SIECLE export holds the whole establishment, the
    apprentices' classes among the others); `file_classes()` lists the file's classes.
    """
    path = Path(path)
    with admin_read(store, actor) as session:
        data = read_bytes(path)
        problems: list[Problem] = []
        raws, file_year = _read_any(data, path.name, problems)
        found = Counter(raw.classes[0] for raw in raws if raw.classes)
        if classes is not None:
            raws = _of_classes(raws, classes, found, problems)
        pupils, rejected = _check_pupils(raws, problems)
        payload = StudentsPayload(
            pupils=tuple(pupils),
            rejected=rejected,
            file_year=file_year,
            school_year_id=school_year_id,
            diploma_id=diploma_id,
            file_problems=tuple(problems),
            file_classes=tuple(found.items()),
        )
        plan = _plan(session, payload)
    return ImportPreview(
        source=path.name,
        changes=tuple(plan.changes),
        problems=_sorted(payload.file_problems + tuple(plan.problems)),
        left_out=payload.rejected + plan.skipped,
        payload=payload,
    )


def file_classes(preview: ImportPreview) -> tuple[tuple[str, int], ...]:
    """The classes the previewed file names, with their number of pupils, in file order
    (whatever the `classes` chosen)."""
    payload = preview.payload
    if not isinstance(payload, StudentsPayload):
        raise TypeError("file_classes needs a preview from preview_students_import")
    return payload.file_classes


def _of_classes(
    raws: list[_Raw], classes: Collection[str], found: Counter[str], problems: list[Problem]
) -> list[_Raw]:
    """The pupils of the chosen classes; the others are left out, and counted."""
    if not classes:
        raise ValidationError("classes", "Cochez au moins une classe à importer.")
    known = {_fold(name) for name in found}
    unknown = [name for name in classes if _fold(name) not in known]
    if unknown:
        listed = ", ".join(found) or "aucune"
        raise ValidationError(
            "classes",
            f"Le fichier n'a pas de classe {', '.join(unknown)} (classes du fichier : {listed}).",
        )
    wanted = {_fold(name) for name in classes}
    kept = [raw for raw in raws if raw.classes and _fold(raw.classes[0]) in wanted]
    if len(kept) < len(raws):
        problems.append(
            Problem(
                "le fichier",
                f"{len(raws) - len(kept)} élève(s) d'autres classes ou sans classe ne sont pas "
                f"importés : seules les classes choisies le sont ({', '.join(classes)}).",
                warning=True,
            )
        )
    return kept


def apply_students_import(
    store: Store, actor: Actor, preview: ImportPreview, *, accept_partial: bool = False
) -> ImportResult:
    """Write a preview in one transaction: new classes, new apprentices (with their
    booklet), updated names, birth dates, INE and classes. The matching is done again
    against the store as it is now. A preview with errors is refused (`ImportRefused`)
    unless `accept_partial`, which leaves the rows with errors out; on any failure
    nothing is written."""
    payload = preview.payload
    if not isinstance(payload, StudentsPayload):
        raise TypeError("apply_students_import needs a preview from preview_students_import")
    with admin_write(store, actor) as session:
        if preview.errors and not accept_partial:
            raise ImportRefused(preview.problems)
        plan = _plan(session, payload, lock=True)
        if plan.errors and not accept_partial:
            raise ImportRefused(_sorted(payload.file_problems + tuple(plan.problems)))
        _insert_school_year(session, plan)
        class_ids = _insert_classes(session, plan)
        created = _insert_apprentices(session, plan, class_ids)
        updated = _update_apprentices(session, plan, class_ids)
    return ImportResult(
        created=(plan.new_year is not None) + len(plan.new_classes) + created,
        updated=updated,
        unchanged=plan.unchanged,
        skipped=payload.rejected + plan.skipped,
    )


# -- reading the file -----------------------------------------------------------------------


def _read_any(data: bytes, name: str, problems: list[Problem]) -> tuple[list[_Raw], int | None]:
    """The pupils of a ZIP, XML or CSV file (format told by the content)."""
    if data[:4] == b"PK\x03\x04":
        member, content = _pick_member(data, name)
        return _read_any_plain(content, f"{member} (dans {name})", problems)
    return _read_any_plain(data, name, problems)


def _read_any_plain(
    data: bytes, name: str, problems: list[Problem]
) -> tuple[list[_Raw], int | None]:
    if not data.strip():
        raise UnreadableFile(f"Le fichier « {name} » est vide.")
    head = data[:1024]
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        head = head.removeprefix(bom)
    if head.lstrip().startswith(b"<") or head.lstrip().startswith(b"<\x00"):
        return _read_xml(data, name, problems)
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UnreadableFile(
            f"« {name} » n'est ni un export SIECLE (XML ou ZIP) ni un fichier CSV : "
            "choisissez ElevesSansAdresses.xml, son archive ZIP, ou une liste enregistrée au "
            "format CSV."
        )
    return _read_csv(data, name, problems), None


def _pick_member(data: bytes, name: str) -> tuple[str, bytes]:
    """The class list inside a ZIP: ElevesSansAdresses.xml first, then
    ElevesAvecAdresses.xml, then the only XML (or CSV) the archive holds."""

    def pick(names: list[str]) -> str:
        lists = [n for n in names if n.lower().endswith((".xml", ".csv"))]
        xml_names = [n for n in lists if n.lower().endswith(".xml")]
        for wanted in ("elevessansadresses", "elevesavecadresses"):
            for member in xml_names:
                if wanted in Path(member).name.lower():
                    return member
        candidates = xml_names or lists
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            raise UnreadableFile(
                f"L'archive « {name} » ne contient aucun fichier XML ni CSV : elle devrait "
                "contenir ElevesSansAdresses.xml (export SIECLE « Exports XML génériques › "
                "Élèves sans adresses »)."
            )
        listed = ", ".join(f"« {member} »" for member in candidates[:5])
        raise UnreadableFile(
            f"L'archive « {name} » contient plusieurs fichiers ({listed}) et aucun ne "
            "s'appelle ElevesSansAdresses.xml : extrayez celui des élèves et importez-le seul."
        )

    return zip_member(data, name, pick)


# -- SIECLE XML -----------------------------------------------------------------------------

_DECLARED_ENCODING = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")

#: Expat's messages (English) → French, by their beginning.
_EXPAT_MESSAGES = [
    ("mismatched tag", "balise fermante qui ne correspond pas à la balise ouverte"),
    ("not well-formed", "caractère ou balise invalide à cet endroit"),
    ("unclosed token", "balise non refermée"),
    ("no element found", "fin de fichier inattendue (le fichier est-il tronqué ?)"),
    ("junk after document element", "du contenu suit la fin du document"),
    ("undefined entity", "entité inconnue (un « & » seul doit s'écrire « &amp; »)"),
    ("unknown encoding", "encodage déclaré inconnu"),
    ("syntax error", "erreur de syntaxe"),
    ("duplicate attribute", "attribut en double"),
    ("unclosed CDATA section", "section CDATA non refermée"),
    ("XML or text declaration not at start of entity", "la déclaration XML n'est pas au début"),
]


def _read_xml(data: bytes, name: str, problems: list[Problem]) -> tuple[list[_Raw], int | None]:
    declared = _DECLARED_ENCODING.match(data)
    encoding = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    is_utf8 = encoding.replace("_", "-") in ("utf-8", "utf8")
    if declared and not is_utf8 and not data.isascii() and _is_utf8(data):
        # Re-saved by an editor in UTF-8 while still declaring ISO-8859-15: read as declared,
        # every accent would come out as "Ã©". Read it as what it is, and say so.
        problems.append(
            Problem(
                name,
                f"le fichier déclare l'encodage {declared.group(1).decode('ascii')} mais il est "
                "en réalité en UTF-8 (il a sans doute été réenregistré par un éditeur de texte) : "
                "lu tel quel, « é » deviendrait « Ã© ». Les noms ont été lus en UTF-8 : "
                "vérifiez-les dans l'aperçu, ou exportez à nouveau le fichier depuis SIECLE.",
                line=1,
            )
        )
        data = data[: declared.start(1)] + b"UTF-8" + data[declared.end(1) :]
    elif not declared and not data.isascii() and not _is_utf8(data):
        raise UnreadableFile(
            f"« {name} » ne déclare pas son encodage et n'est pas en UTF-8 : un export SIECLE "
            'commence par <?xml version="1.0" encoding="ISO-8859-15"?>. Exportez à nouveau '
            "le fichier depuis SIECLE."
        )
    handler = _BeeHandler()
    try:
        defused_sax.parseString(data, handler)
    except xml.sax.SAXParseException as exc:
        message = exc.getMessage()
        french = next(
            (fr for en, fr in _EXPAT_MESSAGES if message.startswith(en)),
            f"erreur signalée par l'analyseur XML : « {message} »",
        )
        raise UnreadableFile(
            f"« {name} » n'est pas un fichier XML valide : ligne {exc.getLineNumber()}, "
            f"colonne {exc.getColumnNumber() + 1} — {french}. Le fichier a sans doute été "
            "modifié ou tronqué : exportez-le à nouveau depuis SIECLE. Rien n'a été importé."
        ) from None
    except DefusedXmlException as exc:
        raise UnreadableFile(
            f"« {name} » contient des déclarations XML refusées pour des raisons de sécurité "
            f"({type(exc).__name__}) : ce n'est pas un export SIECLE. Rien n'a été importé."
        ) from None
    except xml.sax.SAXException as exc:
        raise UnreadableFile(f"« {name} » n'est pas un fichier XML lisible : {exc}.") from None
    if handler.root != "BEE_ELEVES":
        raise UnreadableFile(
            f"« {name} » n'est pas un export SIECLE des élèves : son élément racine est "
            f"<{handler.root}> au lieu de <BEE_ELEVES>. Choisissez ElevesSansAdresses.xml."
        )
    if handler.seen_eleves == 0:
        raise UnreadableFile(f"« {name} » ne contient aucun élève (<ELEVE>).")

    file_year: int | None = None
    year_text = handler.params.get("ANNEE_SCOLAIRE", "")
    if re.fullmatch(r"\d{4}", year_text):
        file_year = int(year_text)
    elif year_text:
        problems.append(
            Problem(
                "<PARAMETRES>",
                f"l'année scolaire « {year_text} » est illisible (attendu : 4 chiffres, "
                "comme 2022 pour 2022-2023) : l'année scolaire en cours est utilisée.",
                warning=True,
            )
        )
    for raw in handler.pupils:
        divisions = handler.divisions.get(raw.values.get("ELEVE_ID", ""), [])
        raw.classes = list(dict.fromkeys(divisions))
        address_id = raw.values.get("ADRESSE_ID", "")
        if address_id and address_id in handler.addresses:
            raw.address = _format_address(handler.addresses[address_id])
    return handler.pupils, file_year


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _format_address(parts: dict[str, str]) -> str:
    lines = [parts.get(f"LIGNE{i}_ADRESSE", "") for i in range(1, 5)]
    town = " ".join(p for p in (parts.get("CODE_POSTAL", ""), parts.get("LIBELLE_POSTAL", "")) if p)
    if not town:
        town = parts.get("COMMUNE_ETRANGERE", "")
    country = parts.get("LL_PAYS", "")
    if country.upper() == "FRANCE":
        country = ""
    return "\n".join(p for p in (*lines, town, country) if p.strip())


class _BeeHandler(xml.sax.handler.ContentHandler):
    """Collects PARAMETRES, the ELEVE elements, their divisions and (for
    ElevesAvecAdresses) the ADRESSE elements, with the line of each ELEVE."""

    def __init__(self) -> None:
        super().__init__()
        self.root = ""
        self.path: list[str] = []
        self.text: list[str] = []
        self.params: dict[str, str] = {}
        self.pupils: list[_Raw] = []
        self.seen_eleves = 0
        self.divisions: dict[str, list[str]] = defaultdict(list)
        self.addresses: dict[str, dict[str, str]] = {}
        self._locator: Any = None
        self._pupil: _Raw | None = None
        self._structures_of = ""
        self._structure: dict[str, str] | None = None
        self._address: dict[str, str] | None = None

    def setDocumentLocator(self, locator: Any) -> None:
        self._locator = locator

    def startElement(self, name: str, attrs: Any) -> None:
        parent = self.path[-1] if self.path else ""
        self.path.append(name)
        self.text = []
        if not parent:
            self.root = name
        elif name == "ELEVE" and parent == "ELEVES":
            self.seen_eleves += 1
            line = self._locator.getLineNumber() if self._locator is not None else None
            eleve_id = (attrs.get("ELEVE_ID") or "").strip()
            element = f'<ELEVE ELEVE_ID="{eleve_id}">' if eleve_id else "<ELEVE>"
            self._pupil = _Raw(element, line, {"ELEVE_ID": eleve_id})
        elif name == "STRUCTURES_ELEVE":
            self._structures_of = (attrs.get("ELEVE_ID") or "").strip()
        elif name == "STRUCTURE" and parent == "STRUCTURES_ELEVE":
            self._structure = {}
        elif name == "ADRESSE" and parent == "ADRESSES":
            self._address = {"ADRESSE_ID": (attrs.get("ADRESSE_ID") or "").strip()}

    def characters(self, content: str) -> None:
        self.text.append(content)

    def endElement(self, name: str) -> None:
        text = " ".join("".join(self.text).split())
        self.text = []
        self.path.pop()
        parent = self.path[-1] if self.path else ""
        if name == "ELEVE" and parent == "ELEVES" and self._pupil is not None:
            self.pupils.append(self._pupil)
            self._pupil = None
        elif parent == "ELEVE" and self._pupil is not None:
            self._pupil.values[name] = text
        elif name == "STRUCTURE" and parent == "STRUCTURES_ELEVE" and self._structure is not None:
            if self._structure.get("TYPE_STRUCTURE", "").upper() == "D":
                code = self._structure.get("CODE_STRUCTURE", "")
                if code:
                    self.divisions[self._structures_of].append(code)
            self._structure = None
        elif parent == "STRUCTURE" and self._structure is not None:
            self._structure[name] = text
        elif parent == "PARAMETRES":
            self.params[name] = text
        elif name == "ADRESSE" and parent == "ADRESSES" and self._address is not None:
            self.addresses[self._address["ADRESSE_ID"]] = self._address
            self._address = None
        elif parent == "ADRESSE" and self._address is not None:
            self._address[name] = text


# -- CSV ------------------------------------------------------------------------------------

#: Accepted headers (folded: lower case, no accents, punctuation as spaces) per field.
_CSV_HEADERS: dict[str, frozenset[str]] = {
    "NOM": frozenset(
        {"nom", "nom de famille", "nom famille", "nom eleve", "nom de l eleve", "nom patronymique"}
    ),
    "PRENOM": frozenset(
        {"prenom", "prenom 1", "prenom1", "premier prenom", "prenom eleve", "prenom de l eleve"}
    ),
    "DATE_NAISS": frozenset(
        {
            *("date de naissance", "date naissance", "date naiss", "naissance", "ne e le"),
            *("ne le", "nee le", "ne e", "date de naiss", "ddn"),
        }
    ),
    "ID_NATIONAL": frozenset(
        {
            *("ine", "n ine", "no ine", "num ine", "numero ine", "identifiant national"),
            *("id national", "identifiant national eleve", "ine eleve", "n national"),
        }
    ),
    "CLASSE": frozenset({"classe", "division", "div", "classe division", "code structure"}),
    "DATE_SORTIE": frozenset({"date de sortie", "date sortie", "sortie le", "sorti e le"}),
}


class _Semicolon(csv.excel):
    """What a French spreadsheet writes when the sniffer cannot tell."""

    delimiter = ";"


def _decode_text(data: bytes, name: str) -> str:
    """A spreadsheet's text: UTF-8 (with or without BOM), UTF-16 with BOM, else the
    Windows code page French spreadsheets save in. A file whose BOM says UTF-8 or UTF-16
    but whose bytes are not is refused with the line, rather than read with "�" in names."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                line = data[: exc.start].decode(codec, "replace").count("\n") + 1
                label = "UTF-8" if codec == "utf-8-sig" else "UTF-16"
                raise UnreadableFile(
                    f"« {name} », ligne {line} : le fichier se dit en {label} mais contient "
                    "des caractères qui ne le sont pas. Enregistrez-le de nouveau depuis le "
                    "tableur (« CSV UTF-8 » ou « CSV (séparateur : point-virgule) »)."
                ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("iso-8859-15")


def _read_csv(data: bytes, name: str, problems: list[Problem]) -> list[_Raw]:
    text = _decode_text(data, name)
    sample = "\n".join(text.splitlines()[:20])
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        dialect = _Semicolon if ";" in sample else csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    header: list[str] | None = None
    columns: dict[str, int] = {}
    raws: list[_Raw] = []
    last_line = 0
    try:
        for row in reader:
            line = last_line + 1
            last_line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = row
                columns = _csv_columns(row)
                missing = [label for key, label in (("NOM", "Nom"), ("PRENOM", "Prénom"))
                           if key not in columns]  # fmt: skip
                if missing:
                    found = ", ".join(f"« {cell.strip()} »" for cell in row if cell.strip())
                    absent = (
                        f"colonnes {' et '.join(missing)} introuvables"
                        if len(missing) > 1
                        else f"colonne {missing[0]} introuvable"
                    )
                    raise UnreadableFile(
                        f"« {name} », ligne {line} : {absent}. "
                        "La première ligne doit nommer les colonnes, par exemple "
                        "« Nom;Prénom;Date de naissance;INE;Classe » ; elle contient : "
                        f"{found}."
                    )
                continue
            values = {
                key: " ".join(row[index].split()) if index < len(row) else ""
                for key, index in columns.items()
            }
            raw = _Raw(f"ligne {line}", line, values)
            raw.class_name = values.get("CLASSE", "")
            raw.classes = [raw.class_name] if raw.class_name else []
            raws.append(raw)
    except csv.Error as exc:
        raise UnreadableFile(
            f"« {name} », ligne {reader.line_num} : le fichier CSV est mal formé ({exc})."
        ) from None
    if header is None or not raws:
        raise UnreadableFile(f"« {name} » ne contient aucun élève (seulement un en-tête ?).")
    return raws


def _csv_columns(header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        folded = _fold(cell)
        for key, names in _CSV_HEADERS.items():
            if folded in names and key not in columns:
                columns[key] = index
    return columns


# -- checking the pupils --------------------------------------------------------------------

_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")


def _parse_date(text: str) -> date | None:
    """A date as SIECLE (dd/mm/yyyy) or a spreadsheet writes it; ValueError if unreadable."""
    text = text.strip()
    if not text:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    # A spreadsheet may add a time ("14/03/2006 00:00").
    head = text.split(" ")[0]
    if head != text:
        return _parse_date(head)
    raise ValueError(text)


def _double_encoded(text: str) -> str | None:
    """What `text` would read if it is UTF-8 decoded as a one-byte code page ("Ã©loÃ¯se"
    → "Éloïse"), else None."""
    if text.isascii():
        return None
    for codec in ("cp1252", "iso-8859-15", "latin-1"):
        try:
            fixed = text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if fixed != text:
            return fixed
    return None


def _read_date(values: dict[str, str], key: str, label: str, errors: list[str]) -> date | None:
    """The date of `values[key]` (None when empty); an unreadable one is an error."""
    try:
        return _parse_date(values.get(key, ""))
    except ValueError:
        errors.append(
            f"{label} « {values.get(key, '')} » illisible (attendu jj/mm/aaaa, par exemple "
            "14/03/2006)."
        )
        return None


def _check_pupils(raws: list[_Raw], problems: list[Problem]) -> tuple[list[Pupil], int]:
    """The pupils without errors, and how many rows have errors (reported in `problems`)."""
    checked: list[tuple[_Raw, Pupil]] = []
    rejected = 0
    today = date.today()
    for raw in raws:
        values = raw.values
        last = values.get("NOM_DE_FAMILLE") or values.get("NOM", "")
        first = values.get("PRENOM", "")
        if last or first:
            raw.where = f"{raw.where} ({display_name(last, first)})"
        where = f"ligne {raw.line}, {raw.where}" if raw.where.startswith("<") else raw.where
        raw.where = where
        errors: list[str] = []
        last = _checked(errors, clean_text, last, "last_name", "Nom", _NAME_MAX, True) or ""
        first = _checked(errors, clean_text, first, "first_name", "Prénom", _NAME_MAX, True) or ""
        for label, value in (("nom", last), ("prénom", first), ("classe", raw.class_name)):
            fixed = _double_encoded(value)
            if fixed is not None:
                errors.append(
                    f"le {label} « {value} » semble mal encodé (« {fixed} ») : le fichier a été "
                    "enregistré en UTF-8 puis relu dans un autre encodage. Enregistrez-le de "
                    "nouveau (CSV UTF-8 ou Windows-1252)."
                )
        national_id = _checked(errors, clean_national_id, values.get("ID_NATIONAL", "")) or ""
        born = _read_date(values, "DATE_NAISS", "date de naissance", errors)
        if born is not None:
            born = _checked(errors, check_birth_date, born)
        left = _read_date(values, "DATE_SORTIE", "date de sortie", errors)
        class_name = raw.classes[0] if raw.classes else ""
        if len(raw.classes) > 1:
            errors.append(
                f"plusieurs divisions ({', '.join(raw.classes)}) : une seule est attendue."
            )
        elif len(class_name) > _CLASS_NAME_MAX:
            errors.append(
                f"le nom de classe « {class_name} » dépasse {_CLASS_NAME_MAX} caractères."
            )
        else:
            errors.extend(filter(None, [text_problem(class_name, _CLASS_NAME_MAX, "Classe")]))
        if raw.address is not None:
            errors.extend(filter(None, [text_problem(raw.address, _ADDRESS_MAX, "Adresse")]))
        if errors:
            rejected += 1
            problems.extend(Problem(where, reason, raw.line) for reason in errors)
            continue
        if left is not None and left < today:
            problems.append(
                Problem(
                    where,
                    f"a quitté l'établissement le {left:%d/%m/%Y} (DATE_SORTIE) : il n'est pas "
                    "importé.",
                    raw.line,
                    warning=True,
                )
            )
            continue
        pupil = Pupil(where, raw.line, national_id, last, first, born, class_name, raw.address)
        checked.append((raw, pupil))

    # Duplicates in the file: on the INE, else on name + birth date. Both rows are named and
    # both are left out (which one is right is for the user to say).
    by_key: dict[tuple[Any, ...], list[Pupil]] = defaultdict(list)
    for _, pupil in checked:
        by_key[_file_key(pupil)].append(pupil)
    duplicated: set[int] = set()
    for key, group in by_key.items():
        if len(group) < 2:
            continue
        what = f"l'INE {key[1]}" if key[0] == "ine" else "le même nom et la même date de naissance"
        for pupil in group:
            others = " ; ".join(o.where for o in group if o is not pupil)
            problems.append(Problem(pupil.where, f"{what} figure aussi : {others}.", pupil.line))
            duplicated.add(id(pupil))
    pupils = [pupil for _, pupil in checked if id(pupil) not in duplicated]
    return pupils, rejected + len(duplicated)


def _checked(errors: list[str], rule: Any, *args: Any) -> Any:
    """`rule(*args)` (a validation rule of the administration forms); its French message
    goes to `errors` instead of being raised."""
    try:
        return rule(*args)
    except ValidationError as exc:
        errors.append(str(exc))
        return None


def _file_key(pupil: Pupil) -> tuple[Any, ...]:
    if pupil.national_id:
        return ("ine", pupil.national_id)
    return ("name", *_person_key(pupil.last_name, pupil.first_name, pupil.birth_date))


def _fold(text: str) -> str:
    """Text compared without case, accents or punctuation: "Né(e) le" → "ne e le"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.casefold().replace("œ", "oe").replace("æ", "ae")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


def _person_key(last: str, first: str, born: date | None) -> tuple[str, str, date | None]:
    return (_fold(last), _fold(first), born)


def _sorted(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=lambda p: p.line or 0))


# -- matching against the store -------------------------------------------------------------


@dataclass
class _Plan:
    """What the import does to the store, computed in one go (bounded queries)."""

    year_label: str = ""
    #: None when the import creates the school year (`new_year`).
    year_id: int | None = None
    new_year: tuple[str, date, date] | None = None
    diploma_id: int | None = None
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: Class names to create (in first-appearance order).
    new_classes: list[str] = field(default_factory=list)
    #: Folded class name → existing class id of the school year.
    class_ids: dict[str, int] = field(default_factory=dict)
    creates: list[Pupil] = field(default_factory=list)
    #: (apprentice id, version, new values) for the apprentices whose fields change.
    updates: list[tuple[int, int, dict[str, Any]]] = field(default_factory=list)
    unchanged: int = 0
    skipped: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]


def school_year_of(start_year: int) -> tuple[str, date, date]:
    """The school year that starts in September of `start_year`: label and dates (the
    dates an administrator adjusts afterwards if the centre's differ)."""
    return f"{start_year}-{start_year + 1}", date(start_year, 9, 1), date(start_year + 1, 8, 31)


def _school_year(session: Session, payload: StudentsPayload, plan: _Plan) -> None:
    """The import's school year: the one asked for, else the file's (SIECLE's
    ANNEE_SCOLAIRE), else the current one. A year the store does not have yet is created
    by the import (shown in the preview), so that a new centre stands up from its files."""
    years = session.execute(
        select(m.SchoolYear.id, m.SchoolYear.label, m.SchoolYear.start_date, m.SchoolYear.end_date)
    ).all()
    if payload.school_year_id is not None:
        for year in years:
            if year.id == payload.school_year_id:
                plan.year_id, plan.year_label = year.id, year.label
                return
        raise ValidationError("school_year_id", "Cette année scolaire n'existe pas (ou plus).")
    if payload.file_year is not None:
        start_year = payload.file_year
        later = sorted(y.label for y in years if y.start_date.year > start_year)
        if later:
            plan.problems.append(
                Problem(
                    "le fichier",
                    f"c'est l'export de l'année scolaire {start_year}-{start_year + 1}, alors "
                    f"que la base a déjà l'année {later[-1]} : les apprentis importés iraient "
                    f"dans les classes de {start_year}-{start_year + 1}. Vérifiez qu'il s'agit "
                    "du bon export SIECLE.",
                    warning=True,
                )
            )
    else:
        today = date.today()
        current = [y for y in years if y.start_date <= today <= y.end_date]
        if current:
            plan.year_id, plan.year_label = current[0].id, current[0].label
            return
        start_year = today.year if today.month >= 9 else today.year - 1
    label, start, end = school_year_of(start_year)
    for year in years:
        if year.label == label or (
            year.start_date.year == start_year and year.end_date.year == start_year + 1
        ):
            plan.year_id, plan.year_label = year.id, year.label
            return
    plan.year_id, plan.year_label = None, label
    plan.new_year = (label, start, end)
    plan.changes.append(
        Change(
            Action.CREATE,
            KIND_SCHOOL_YEAR,
            label,
            f"{label} (du {start:%d/%m/%Y} au {end:%d/%m/%Y})",
        )
    )


def _plan(session: Session, payload: StudentsPayload, lock: bool = False) -> _Plan:
    plan = _Plan()
    _school_year(session, payload, plan)

    diplomas = {row.id: row.name for row in session.execute(select(m.Diploma.id, m.Diploma.name))}
    if payload.diploma_id is not None:
        if payload.diploma_id not in diplomas:
            raise ValidationError("diploma_id", "Ce diplôme n'existe pas (ou plus).")
        plan.diploma_id = payload.diploma_id
    elif len(diplomas) == 1:
        plan.diploma_id = next(iter(diplomas))

    class_names: dict[int, str] = {}
    for row in session.execute(
        select(
            m.SchoolClass.id, m.SchoolClass.name, m.SchoolClass.school_year_id, m.SchoolYear.label
        ).join(m.SchoolYear, m.SchoolYear.id == m.SchoolClass.school_year_id)
    ):
        # Another year's class is shown with its year: "1MELEC (2021-2022) → 1MELEC".
        class_names[row.id] = (
            row.name if row.school_year_id == plan.year_id else f"{row.name} ({row.label})"
        )
        if row.school_year_id == plan.year_id:
            plan.class_ids.setdefault(_fold(row.name), row.id)

    stmt = select(
        m.Apprentice.id,
        m.Apprentice.version,
        m.Apprentice.national_id,
        m.Apprentice.last_name,
        m.Apprentice.first_name,
        m.Apprentice.birth_date,
        m.Apprentice.school_class_id,
        m.Apprentice.address,
    ).order_by(m.Apprentice.id)
    if lock:
        stmt = stmt.with_for_update()
    apprentices = session.execute(stmt).all()
    by_ine = {a.national_id: a for a in apprentices if a.national_id}
    by_person: dict[tuple[str, str, date | None], list[Any]] = defaultdict(list)
    for a in apprentices:
        by_person[_person_key(a.last_name, a.first_name, a.birth_date)].append(a)

    claimed: dict[int, Pupil] = {}
    new_class_keys: dict[str, str] = {}
    for pupil in payload.pupils:
        person = _person_key(pupil.last_name, pupil.first_name, pupil.birth_date)
        match = by_ine.get(pupil.national_id) if pupil.national_id else None
        if match is None:
            candidates = by_person.get(person, [])
            if pupil.national_id:
                # An apprentice already holding another INE is someone else.
                candidates = [a for a in candidates if not a.national_id]
            if len(candidates) > 1:
                plan.problems.append(
                    Problem(
                        pupil.where,
                        f"{len(candidates)} apprentis de la base portent ce nom et cette date de "
                        "naissance : impossible de savoir lequel mettre à jour. Renseignez leur "
                        "INE (dans la base ou dans le fichier).",
                        pupil.line,
                    )
                )
                plan.skipped += 1
                continue
            match = candidates[0] if candidates else None
        if match is not None and match.id in claimed:
            plan.problems.append(
                Problem(
                    pupil.where,
                    f"désigne le même apprenti que {claimed[match.id].where} "
                    f"({display_name(match.last_name, match.first_name)}).",
                    pupil.line,
                )
            )
            plan.skipped += 1
            continue

        class_key = _fold(pupil.class_name) if pupil.class_name else ""
        if class_key and class_key not in plan.class_ids and class_key not in new_class_keys:
            if plan.diploma_id is None:
                plan.problems.append(
                    Problem(
                        pupil.where,
                        f"la classe « {pupil.class_name} » n'existe pas pour {plan.year_label} et "
                        "sera créée : choisissez le diplôme des nouvelles classes (la base en "
                        f"compte {len(diplomas)}).",
                        pupil.line,
                    )
                )
                plan.skipped += 1
                continue
            new_class_keys[class_key] = pupil.class_name
            plan.new_classes.append(pupil.class_name)
            plan.changes.append(
                Change(
                    Action.CREATE,
                    KIND_CLASS,
                    pupil.class_name,
                    f"{pupil.class_name} ({plan.year_label}, {diplomas[plan.diploma_id]})",
                )
            )
        class_label = new_class_keys.get(class_key) or (
            class_names[plan.class_ids[class_key]] if class_key else ""
        )
        label = display_name(pupil.last_name, pupil.first_name)
        if class_label:
            label = f"{label} ({class_label})"

        if match is None:
            if not class_key:
                plan.problems.append(
                    Problem(
                        pupil.where,
                        "aucune classe (division) dans le fichier : importé sans classe.",
                        pupil.line,
                        warning=True,
                    )
                )
            plan.creates.append(pupil)
            plan.changes.append(Change(Action.CREATE, KIND_APPRENTICE, pupil.key, label))
            continue

        claimed[match.id] = pupil
        if not class_key:
            plan.problems.append(
                Problem(
                    pupil.where,
                    "aucune classe (division) dans le fichier : sa classe actuelle est conservée.",
                    pupil.line,
                    warning=True,
                )
            )
        target = plan.class_ids.get(class_key) if class_key else None
        values, details = _differences(match, pupil, class_key, target, class_label, class_names)
        if details:
            plan.updates.append((match.id, match.version, values))
            plan.changes.append(
                Change(Action.UPDATE, KIND_APPRENTICE, pupil.key, label, " ; ".join(details))
            )
        else:
            plan.unchanged += 1
            plan.changes.append(Change(Action.UNCHANGED, KIND_APPRENTICE, pupil.key, label))
    # Matching with the store happens after the file's own classes are listed: creations
    # of the school year and classes come first in the preview, as they are written first.
    plan.changes.sort(key=lambda c: (c.kind != KIND_SCHOOL_YEAR, c.kind != KIND_CLASS))
    return plan


def _differences(
    current: Any,
    pupil: Pupil,
    class_key: str,
    target_class_id: int | None,
    class_label: str,
    class_names: dict[int, str],
) -> tuple[dict[str, Any], list[str]]:
    """The new values of a matched apprentice (the fields the file carries) and the French
    details of what changes."""
    values: dict[str, Any] = {
        "last_name": pupil.last_name,
        "first_name": pupil.first_name,
        "birth_date": pupil.birth_date if pupil.birth_date else current.birth_date,
        "national_id": pupil.national_id or current.national_id,
        "address": pupil.address if pupil.address is not None else current.address,
        # The class by name: the id of a class created by this import is known at write time.
        "class_key": class_key,
        "school_class_id": current.school_class_id,
    }
    details: list[str] = []

    def note(label: str, old: Any, new: Any) -> None:
        if old != new:
            details.append(f"{label} : {old or '(vide)'} → {new or '(vide)'}")

    note("nom", current.last_name, values["last_name"])
    note("prénom", current.first_name, values["first_name"])
    note(
        "date de naissance",
        current.birth_date.strftime("%d/%m/%Y") if current.birth_date else "",
        values["birth_date"].strftime("%d/%m/%Y") if values["birth_date"] else "",
    )
    note("INE", current.national_id or "", values["national_id"] or "")
    # A class of another school year with the same name is another class: he moves.
    if class_key and (target_class_id is None or current.school_class_id != target_class_id):
        old_class = class_names.get(current.school_class_id, "") if current.school_class_id else ""
        details.append(f"classe : {old_class or '(aucune)'} → {class_label}")
    if values["address"] != current.address:
        details.append("adresse : modifiée")
    return values, details


# -- writing --------------------------------------------------------------------------------


def _insert_school_year(session: Session, plan: _Plan) -> None:
    """Create the import's school year if the store has not got it (one statement)."""
    if plan.new_year is None:
        return
    label, start, end = plan.new_year
    plan.year_id = session.scalar(
        insert(m.SchoolYear)
        .values(label=label, start_date=start, end_date=end)
        .returning(m.SchoolYear.id)
    )


def _insert_classes(session: Session, plan: _Plan) -> dict[str, int]:
    """Create the new classes (one statement); folded name → id of every class of the year."""
    class_ids = dict(plan.class_ids)
    if not plan.new_classes:
        return class_ids
    rows = [
        {
            "name": name,
            "level_label": "",
            "training_year": 1,
            "diploma_id": plan.diploma_id,
            "school_year_id": plan.year_id,
        }
        for name in plan.new_classes
    ]
    # No RETURNING: SQLite would then insert row by row to keep the order.
    session.execute(insert(m.SchoolClass), rows)
    created = session.execute(
        select(m.SchoolClass.id, m.SchoolClass.name).where(
            m.SchoolClass.school_year_id == plan.year_id,
            m.SchoolClass.name.in_(plan.new_classes),
        )
    )
    for row in created:
        class_ids[_fold(row.name)] = row.id
    return class_ids


def _insert_apprentices(session: Session, plan: _Plan, class_ids: dict[str, int]) -> int:
    """Create the new apprentices and their booklets (three statements)."""
    if not plan.creates:
        return 0
    rows = [
        {
            "national_id": pupil.national_id or None,
            "last_name": pupil.last_name,
            "first_name": pupil.first_name,
            "birth_date": pupil.birth_date,
            "address": pupil.address or "",
            "school_class_id": class_ids.get(_fold(pupil.class_name)) if pupil.class_name else None,
        }
        for pupil in plan.creates
    ]
    last_id = session.scalar(select(func.max(m.Apprentice.id))) or 0
    session.execute(insert(m.Apprentice), rows)
    # Every apprentice has his booklet (as `admin.create_apprentice` does): one for each new
    # row. Another transaction's apprentices are not visible here, nor booklet-less.
    session.execute(
        insert(m.Booklet).from_select(
            ["apprentice_id"],
            select(m.Apprentice.id).where(
                m.Apprentice.id > last_id,
                ~exists().where(m.Booklet.apprentice_id == m.Apprentice.id),
            ),
        )
    )
    return len(rows)


def _update_apprentices(session: Session, plan: _Plan, class_ids: dict[str, int]) -> int:
    """Update the matched apprentices whose fields change (one executemany), checking and
    bumping their version as the ORM would."""
    now = utcnow()
    rows = [
        {
            "id": apprentice_id,
            "version": version,
            "last_name": values["last_name"],
            "first_name": values["first_name"],
            "birth_date": values["birth_date"],
            "national_id": values["national_id"],
            "address": values["address"],
            "school_class_id": (
                class_ids[values["class_key"]] if values["class_key"] else values["school_class_id"]
            ),
            "updated_at": now,
        }
        for apprentice_id, version, values in plan.updates
    ]
    update_versioned(
        session,
        m.Apprentice,
        rows,
        "Des apprentis ont été modifiés par quelqu'un d'autre pendant l'import : rien n'a été "
        "importé. Recommencez l'aperçu.",
    )
    return len(rows)
