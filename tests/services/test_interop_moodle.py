"""Moodle competency frameworks: the CSV files Moodle's "lpimportcsv" tool writes (and what
they look like once a spreadsheet has saved them) import with a preview, map their levels
onto units / competences / criteria, refuse broken files whole, and export back to a file
that imports to the same framework."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cpro_desktop import models as m
from cpro_desktop.services.auth import authenticate, create_first_admin
from cpro_desktop.services.interop import Action, ImportRefused, UnreadableFile, moodle
from cpro_desktop.services.interop.moodle import LevelKind
from cpro_desktop.services.permissions import Actor
from cpro_desktop.store import NotFound, PermissionDenied, Store, ValidationError

FIXTURES = Path(__file__).parent.parent / "fixtures" / "interop" / "moodle"
U, C, K = LevelKind.UNIT, LevelKind.COMPETENCE, LevelKind.CRITERION


@pytest.fixture
def admin(store: Store) -> Actor:
    return create_first_admin(store, "admin", "un mot de passe long", "MOREAU", "Catherine")


def import_file(store: Store, actor: Actor, path: Path, **kwargs) -> moodle.ImportPreview:
    preview = moodle.preview_framework_import(store, actor, path, **kwargs)
    assert not preview.errors, preview.problems
    moodle.apply_framework_import(store, actor, preview)
    return preview


def framework_items(store: Store, id_number: str) -> dict[str, tuple]:
    """Every item of a framework: code → (kind, label, parent code, description, moodle),
    the parent being the unit of a competence and the competence of a criterion."""
    with store.read() as session:
        framework = session.scalars(
            select(m.Framework).where(m.Framework.id_number == id_number)
        ).one()
        units = session.scalars(select(m.Unit).where(m.Unit.framework_id == framework.id))
        competences = list(
            session.scalars(select(m.Competence).where(m.Competence.framework_id == framework.id))
        )
        codes = {c.id: c.code for c in competences}
        unit_codes: dict[int, list[str]] = {}
        for unit_code, competence_id in session.execute(
            select(m.Unit.code, m.unit_competences.c.competence_id)
            .join(m.unit_competences, m.unit_competences.c.unit_id == m.Unit.id)
            .where(m.Unit.framework_id == framework.id)
        ):
            unit_codes.setdefault(competence_id, []).append(unit_code)
        criteria = session.scalars(
            select(m.Criterion).where(m.Criterion.competence_id.in_(list(codes)))
        )
        items = {u.code: ("unit", u.label, "", u.description, u.moodle) for u in units}
        for c in competences:
            parents = ",".join(sorted(unit_codes.get(c.id, [])))
            items[c.code] = ("competence", c.label, parents, c.description, c.moodle)
        for c in criteria:
            items[c.code] = ("criterion", c.label, codes[c.competence_id], c.description, c.moodle)
        return items


def count_rows(store: Store) -> dict[str, int]:
    with store.read() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model))
            for model in (m.Diploma, m.Framework, m.Unit, m.Competence, m.Criterion)
        } | {
            "unit_competences": session.scalar(select(func.count()).select_from(m.unit_competences))
        }


def file_rows(preview: moodle.ImportPreview) -> dict[str, tuple]:
    """The rows the parser read: ID number → (parent, name, description, extras)."""
    payload = preview.payload
    rows = {
        r.id_number: (r.parent, r.short_name, r.description, dict(r.extras))
        for r in payload.file.rows
    }
    fw = payload.file.framework
    rows["<framework>"] = (fw.id_number, fw.short_name, fw.description, dict(fw.extras))
    return rows


# -- the formats found in the wild ---------------------------------------------------------


def test_english_headers_and_commas(store: Store, admin: Actor) -> None:
    """A Moodle export with English headers: three levels mapped by the taxonomy
    domain/competency/skill onto units, competences and criteria."""
    preview = import_file(store, admin, FIXTURES / "english_commas.csv")
    levels = moodle.framework_levels(preview)
    assert [(lv.depth, lv.taxonomy, lv.count, lv.kind) for lv in levels] == [
        (1, "domain", 2, U),
        (2, "competency", 4, C),
        (3, "skill", 7, K),
    ]
    assert levels[0].sample == "U2 - Analyse et préparation d'une opération"
    assert [c.kind for c in preview.changes[:2]] == ["Diplôme", "Référentiel"]
    assert preview.counts()[Action.CREATE] == 2 + 2 + 4 + 7
    items = framework_items(store, "MELEC-2020")
    assert items["U2"][:3] == ("unit", "Analyse et préparation d'une opération", "")
    assert items["C1"][:3] == (
        "competence",
        "Analyser les conditions de l'opération et son contexte",
        "U2",
    )
    assert items["C4"][2] == "U31"
    assert items["C4.2"][:3] == ("criterion", "Les déchets sont triés, évacués", "C4")
    assert items["C4"][4]["relatedidnumbers"] == "C5"
    assert items["C4"][4]["exportid"] == "48"
    with store.read() as session:
        diploma = session.scalars(select(m.Diploma).where(m.Diploma.code == "MELEC-2020")).one()
        assert diploma.name == "Bac Pro MELEC - Métiers de l'électricité"
        framework = session.scalars(select(m.Framework)).one()
        assert framework.moodle["scalevalues"] == "Non acquis,En cours d'acquisition,Acquis"
        assert framework.moodle["taxonomy"] == "domain,competency,skill"


def test_french_headers_semicolons_and_bom(store: Store, admin: Actor) -> None:
    """A file saved by a French spreadsheet: French headers, semicolons, a BOM and CRLF."""
    preview = import_file(store, admin, FIXTURES / "french_semicolons_bom.csv")
    assert not preview.warnings
    assert [lv.kind for lv in moodle.framework_levels(preview)] == [C, K]
    items = framework_items(store, "CAP-ELEC")
    assert items["C1"][:3] == ("competence", "S'informer, préparer son intervention", "")
    assert items["C1"][3] == "<p>Compétence C1 — ≥ 2 séances</p>"
    assert items["C3.1"][1] == "Réaliser les mesures : isolement; continuité"
    assert items["C2.2"][1] == "Poser les conduits « en apparent »"
    with store.read() as session:
        framework = session.scalars(select(m.Framework)).one()
        assert framework.name == "CAP Électricien"
        assert framework.description == "Référentiel du CAP électricien; session 2025"


def test_unknown_header_names_keep_moodle_s_positions(
    store: Store, admin: Actor, tmp_path: Path
) -> None:
    """Another translation of a header name ("Numéro ID du parent") does not lose the
    column: like Moodle, the column is then read at its position."""
    text = (FIXTURES / "french_semicolons_bom.csv").read_text(encoding="utf-8-sig")
    header, rest = text.split("\n", 1)
    renamed = header.replace('"Numéro d\'identification du parent"', '"Numéro ID du parent"')
    assert renamed != header
    source = tmp_path / "autre_traduction.csv"
    source.write_text(renamed + "\n" + rest, encoding="utf-8-sig")
    import_file(store, admin, source)
    assert framework_items(store, "CAP-ELEC")["C1.1"][2] == "C1"


def test_no_header_is_read_by_position(store: Store, admin: Actor) -> None:
    """Without a header row the columns are taken in Moodle's order, first row included."""
    preview = import_file(store, admin, FIXTURES / "no_header.csv")
    assert preview.payload.file.framework.line == 1
    items = framework_items(store, "TP-MSEC")
    assert set(items) == {"CP1", "CP1-1", "CP1-2", "CP2", "CP2-1"}
    assert items["CP2-1"][:3] == ("criterion", "Vérifier l'installation", "CP2")


def test_html_descriptions_with_newlines_are_kept(store: Store, admin: Actor) -> None:
    """HTML descriptions spanning lines stay byte for byte; `plain_text` shows them."""
    import_file(store, admin, FIXTURES / "html_multiline.csv")
    items = framework_items(store, "HTML-DEMO")
    assert items["B1V"][3] == (
        "<p>L'exécutant travaille :</p>\n<ul>\n<li>hors tension,</li>\n"
        "<li>en zone de voisinage.</li>\n</ul>"
    )
    assert items["B1V.2"][1] == 'Appliquer les consignes "5 règles d\'or"'
    assert moodle.plain_text(items["B1V.1"][3]) == ("Zones 1 et 4\nselon la norme & ses annexes.")
    assert moodle.plain_text(items["B1V"][3]) == (
        "L'exécutant travaille :\n• hors tension,\n• en zone de voisinage."
    )


def test_line_numbers_count_embedded_newlines(store: Store, admin: Actor, tmp_path: Path) -> None:
    """A problem after multi-line descriptions names the physical line of the file."""
    text = (FIXTURES / "html_multiline.csv").read_text(encoding="utf-8")
    broken = text + 'BR,BR.2,,"<p>sans\nnom</p>",1,,,,0,null,,6,,\n'
    path = tmp_path / "html_broken.csv"
    path.write_text(broken, encoding="utf-8")
    preview = moodle.preview_framework_import(store, admin, path)
    physical = text.count("\n") + 1
    assert [(p.line, p.where) for p in preview.errors] == [(physical, f"Ligne {physical}")]
    lines = {r.id_number: r.line for r in preview.payload.file.rows}
    physical_lines = broken.splitlines()
    for code, line in lines.items():
        assert f",{code}," in physical_lines[line - 1]


# -- levels and their mapping --------------------------------------------------------------


def test_deep_tree_default_mapping_merges_deeper_levels(store: Store, admin: Actor) -> None:
    """Four levels: unit, competence, then two criterion levels merged under the competence,
    each criterion keeping its Moodle parent."""
    preview = import_file(store, admin, FIXTURES / "deep_taxonomy.csv")
    assert [lv.kind for lv in moodle.framework_levels(preview)] == [U, C, K, K]
    items = framework_items(store, "BTS-CIEL-2023")
    assert items["C01"][2] == "BC1"
    assert items["C01.1"][2] == "C01"
    assert "parent" not in items["C01.1"][4]
    assert items["C01.1.a"][2] == "C01"
    assert items["C01.1.a"][4]["parent"] == "C01.1"
    with store.read() as session:
        c01 = session.scalars(select(m.Competence).where(m.Competence.code == "C01")).one()
        order = session.scalars(
            select(m.Criterion.code)
            .where(m.Criterion.competence_id == c01.id)
            .order_by(m.Criterion.position)
        ).all()
    assert order == ["C01.1", "C01.1.a", "C01.1.b", "C01.2", "C01.2.a"]


def test_deep_tree_adjusted_mapping(store: Store, admin: Actor) -> None:
    """The admin maps the blocks as competences: no unit, the rest become criteria."""
    path = FIXTURES / "deep_taxonomy.csv"
    preview = moodle.preview_framework_import(store, admin, path, mapping=[C, K, K, K])
    assert [lv.kind for lv in moodle.framework_levels(preview)] == [C, K, K, K]
    assert {c.kind for c in preview.changes[2:]} == {"Compétence", "Critère"}
    moodle.apply_framework_import(store, admin, preview)
    items = framework_items(store, "BTS-CIEL-2023")
    assert {code for code, item in items.items() if item[0] == "competence"} == {"BC1", "BC2"}
    assert items["C03.1.c"][2] == "BC1"
    assert items["C03.1.c"][4]["parent"] == "C03.1"
    assert items["C03"][2] == "BC1" and "parent" not in items["C03"][4]
    assert count_rows(store)["units"] == 0


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ([U, K, K, K], "Niveau 2 (« competency ») : un critère doit se trouver sous une"),
        ([C, U, K, K], "Niveau 2 (« competency ») : une unité ne peut pas se trouver sous"),
        ([U, C, C, K], "Niveau 3 (« skill ») : une compétence ne peut pas contenir"),
        ([U, U, C, K], "Niveau 2 (« competency ») : une unité ne peut pas contenir"),
        ([U, C, K], "Le fichier a 4 niveaux"),
    ],
)
def test_invalid_mapping_names_the_level(
    store: Store, admin: Actor, mapping: list[LevelKind], message: str
) -> None:
    """A mapping that cannot be stored is refused in French, naming the level."""
    with pytest.raises(ValidationError) as caught:
        moodle.preview_framework_import(
            store, admin, FIXTURES / "deep_taxonomy.csv", mapping=mapping
        )
    assert caught.value.field == "mapping"
    assert message in str(caught.value)


def test_taxonomy_refines_the_default_mapping() -> None:
    """Depth gives the default, consistent taxonomy terms override it."""
    assert moodle.default_mapping(1) == (C,)
    assert moodle.default_mapping(2) == (C, K)
    assert moodle.default_mapping(3) == (U, C, K)
    assert moodle.default_mapping(5) == (U, C, K, K, K)
    assert moodle.default_mapping(3, ["competency", "skill", "indicator"]) == (C, K, K)
    assert moodle.default_mapping(2, ["domain", "competency"]) == (U, C)
    assert moodle.default_mapping(2, ["value", "concept"]) == (C, K)


# -- round trip, re-import, broken files ----------------------------------------------------


@pytest.mark.parametrize("name", ["english_commas.csv", "deep_taxonomy.csv", "html_multiline.csv"])
def test_import_export_import_round_trip(
    store: Store, admin: Actor, tmp_path: Path, name: str
) -> None:
    """Exporting an imported framework gives a file with every ID number, name, parent,
    description and Moodle column of the original, which re-imports as unchanged."""
    first = import_file(store, admin, FIXTURES / name)
    before = framework_items(store, first.payload.file.framework.id_number)
    out = tmp_path / "export.csv"
    written = moodle.export_framework(store, admin, first.changes[0].label, out)
    assert written == len(first.payload.file.rows)
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf")
    again = moodle.preview_framework_import(store, admin, out)
    assert file_rows(again) == file_rows(first)
    assert again.counts() == {Action.UNCHANGED: len(first.changes) - 1}
    assert not again.problems
    moodle.apply_framework_import(store, admin, again)
    assert framework_items(store, first.payload.file.framework.id_number) == before


def test_reimport_with_changed_name_updates_in_place(
    store: Store, admin: Actor, tmp_path: Path
) -> None:
    """A renamed criterion is an update of the same row, not a duplicate."""
    import_file(store, admin, FIXTURES / "english_commas.csv")
    counts = count_rows(store)
    text = (FIXTURES / "english_commas.csv").read_text(encoding="utf-8")
    path = tmp_path / "renamed.csv"
    path.write_text(
        text.replace("Les risques sont identifiés", "Les risques électriques sont identifiés"),
        encoding="utf-8",
    )
    preview = moodle.preview_framework_import(store, admin, path)
    updates = [c for c in preview.changes if c.action is Action.UPDATE]
    assert [(c.kind, c.key) for c in updates] == [("Critère", "C1.2")]
    assert "nom : Les risques sont identifiés → Les risques électriques" in updates[0].details
    result = moodle.apply_framework_import(store, admin, preview)
    assert (result.created, result.updated) == (0, 1)
    assert count_rows(store) == counts
    assert framework_items(store, "MELEC-2020")["C1.2"][1] == (
        "Les risques électriques sont identifiés"
    )


def test_items_missing_from_the_file_stay(store: Store, admin: Actor, tmp_path: Path) -> None:
    """A re-import never deletes: a competence left out is kept and reported as a warning."""
    import_file(store, admin, FIXTURES / "english_commas.csv")
    lines = (FIXTURES / "english_commas.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "shorter.csv"
    path.write_text(
        "\n".join(line for line in lines if "C5" not in line.split(",")[:2]),
        encoding="utf-8",
    )
    preview = moodle.preview_framework_import(store, admin, path)
    assert not preview.errors
    assert [p.where for p in preview.warnings] == ["Compétence C5", "Critère C5.1"]
    moodle.apply_framework_import(store, admin, preview)
    assert "C5" in framework_items(store, "MELEC-2020")


def test_broken_file_is_refused_then_partially_imported(store: Store, admin: Actor) -> None:
    """Missing and duplicate ID numbers, an unknown parent, an empty name: nothing is written;
    with `accept_partial` only the valid rows (not the children of bad ones) are."""
    preview = moodle.preview_framework_import(store, admin, FIXTURES / "broken.csv")
    assert [p.line for p in preview.errors] == [5, 8, 10, 11]
    assert "ID number" in preview.errors[0].reason
    assert "« K1.1 » est déjà celui de la ligne 4" in preview.errors[1].reason
    assert "« K9 »" in preview.errors[2].reason
    assert [p.line for p in preview.warnings] == [12]
    before = count_rows(store)
    with pytest.raises(ImportRefused) as refused:
        moodle.apply_framework_import(store, admin, preview)
    assert "4 erreurs" in str(refused.value)
    assert "Ligne 10" in str(refused.value)
    assert count_rows(store) == before
    assert preview.left_out == 5
    result = moodle.apply_framework_import(store, admin, preview, accept_partial=True)
    assert result.skipped == 5
    items = framework_items(store, "BROKEN-1")
    assert set(items) == {"K1", "K1.1", "K2", "K2.1"}
    assert items["K1.1"][1:3] == ("Critère correct", "K1")


def test_partial_import_leaves_out_the_children_of_a_name_too_long(
    store: Store, admin: Actor, tmp_path: Path
) -> None:
    """A competence whose name is too long for the store is an error found against the
    store; importing the valid part leaves it out with its criteria, and the rest goes in."""
    text = (FIXTURES / "english_commas.csv").read_text(encoding="utf-8")
    long_name = "Analyser " + "très " * 80
    source = tmp_path / "nom_trop_long.csv"
    source.write_text(
        text.replace("Analyser les conditions de l'opération et son contexte", long_name),
        encoding="utf-8",
    )
    preview = moodle.preview_framework_import(store, admin, source)
    (error,) = preview.errors
    assert "« C1 »" in error.reason and "300" in error.reason
    result = moodle.apply_framework_import(store, admin, preview, accept_partial=True)
    items = framework_items(store, "MELEC-2020")
    assert not {"C1", "C1.1", "C1.2"} & set(items)
    assert {"U2", "C2", "C2.1"} <= set(items)
    assert result.skipped == preview.left_out >= 3


def test_diploma_given_by_name_or_created(demo_store: Store, tmp_path: Path) -> None:
    """The framework goes to the diploma named (case and accents ignored); a name nobody
    has creates a diploma, shown in the preview."""
    boss = authenticate(demo_store, "admin", "cpro-demo")
    preview = moodle.preview_framework_import(
        demo_store, boss, FIXTURES / "english_commas.csv", diploma="BAC PRO melec"
    )
    assert preview.changes[0].kind == "Référentiel"
    assert preview.changes[0].action is Action.UPDATE
    assert {c.action for c in preview.changes if c.key in ("U2", "C1", "C1.1")} == {Action.UPDATE}
    new = moodle.preview_framework_import(
        demo_store, boss, FIXTURES / "french_semicolons_bom.csv", diploma="CAP Électricien"
    )
    assert new.changes[0] == moodle.Change(Action.CREATE, "Diplôme", "CAP-ELEC", "CAP Électricien")
    moodle.apply_framework_import(demo_store, boss, new)
    assert moodle.find_diploma(demo_store, boss, "cap electricien").code == "CAP-ELEC"


# -- bad files -----------------------------------------------------------------------------


def test_empty_and_too_big_files_are_unreadable(store: Store, admin: Actor, tmp_path: Path) -> None:
    """An empty file and a 21 MB one are refused before any parsing, in French."""
    empty = tmp_path / "vide.csv"
    empty.write_bytes(b"")
    with pytest.raises(UnreadableFile, match="est vide"):
        moodle.preview_framework_import(store, admin, empty)
    blank = tmp_path / "blanc.csv"
    blank.write_text("\n\n  \n", encoding="utf-8")
    with pytest.raises(UnreadableFile, match="aucune ligne"):
        moodle.preview_framework_import(store, admin, blank)
    big = tmp_path / "enorme.csv"
    with big.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    with pytest.raises(UnreadableFile, match="limite"):
        moodle.preview_framework_import(store, admin, big)


def test_wrong_encodings_and_formats(store: Store, admin: Actor, tmp_path: Path) -> None:
    """UTF-16 and spreadsheets are refused with what to do; Windows-1252 is read with a
    warning and its accents right."""
    text = (FIXTURES / "english_commas.csv").read_text(encoding="utf-8")
    utf16 = tmp_path / "utf16.csv"
    utf16.write_bytes(text.encode("utf-16"))
    with pytest.raises(UnreadableFile, match="UTF-16"):
        moodle.preview_framework_import(store, admin, utf16)
    xlsx = tmp_path / "classeur.csv"
    xlsx.write_bytes(b"PK\x03\x04" + b"\x00" * 30)
    with pytest.raises(UnreadableFile, match="classeur"):
        moodle.preview_framework_import(store, admin, xlsx)
    not_moodle = tmp_path / "autre.csv"
    not_moodle.write_text("nom;prénom\nDUPONT;Jean\n", encoding="utf-8")
    with pytest.raises(UnreadableFile, match="Moodle"):
        moodle.preview_framework_import(store, admin, not_moodle)
    ansi = tmp_path / "ansi.csv"
    ansi.write_bytes(text.encode("cp1252"))
    preview = import_file(store, admin, ansi)
    assert [p.where for p in preview.warnings] == ["Fichier"]
    assert "Windows-1252" in preview.warnings[0].reason
    assert framework_items(store, "MELEC-2020")["C2.1"][1] == "Les tâches sont ordonnancées"


def test_unclosed_quote_names_the_line(store: Store, admin: Actor, tmp_path: Path) -> None:
    """A quote closed in the wrong place makes the whole file unreadable, with its line."""
    path = tmp_path / "guillemet.csv"
    lines = (FIXTURES / "no_header.csv").read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace('"Tirer les câbles"', '"Tirer" les câbles"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(UnreadableFile, match="ligne 3"):
        moodle.preview_framework_import(store, admin, path)


# -- permission, export of the demo, bounds -------------------------------------------------


def test_only_an_administrator_imports_or_exports(demo_store: Store, tmp_path: Path) -> None:
    """A trainer can neither preview, apply nor export."""
    trainer = authenticate(demo_store, "formateur", "cpro-demo")
    boss = authenticate(demo_store, "admin", "cpro-demo")
    path = FIXTURES / "english_commas.csv"
    with pytest.raises(PermissionDenied):
        moodle.preview_framework_import(demo_store, trainer, path)
    preview = moodle.preview_framework_import(demo_store, boss, path)
    before = count_rows(demo_store)
    with pytest.raises(PermissionDenied):
        moodle.apply_framework_import(demo_store, trainer, preview)
    assert count_rows(demo_store) == before
    with pytest.raises(PermissionDenied):
        moodle.export_framework_csv(demo_store, trainer, "Bac Pro MELEC")
    with pytest.raises(PermissionDenied):
        moodle.find_diploma(demo_store, trainer, "Bac Pro MELEC")


def test_demo_melec_export_parses_back(demo_store: Store, tmp_path: Path) -> None:
    """The demo's Bac Pro MELEC exports as units, competences under their first unit and
    criteria, with a scale Moodle requires, and reads back with the same items."""
    boss = authenticate(demo_store, "admin", "cpro-demo")
    out = tmp_path / "melec.csv"
    written = moodle.export_framework(demo_store, boss, "bac pro melec", out)
    with demo_store.read() as session:
        competences = session.scalar(
            select(func.count())
            .select_from(m.Competence)
            .join(m.Framework)
            .where(m.Framework.id_number == "MELEC-2020")
        )
        criteria = session.scalar(
            select(func.count())
            .select_from(m.Criterion)
            .join(m.Competence)
            .join(m.Framework)
            .where(m.Framework.id_number == "MELEC-2020")
        )
    assert written == 4 + competences + criteria
    records = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert records[0] == list(moodle.ENGLISH_HEADERS)
    assert records[1][12] == "1" and records[1][5]
    assert all(len(r) == 14 for r in records)
    preview = moodle.preview_framework_import(demo_store, boss, out)
    assert not preview.errors
    assert [lv.kind for lv in moodle.framework_levels(preview)] == [U, C, K]
    parsed = {r.id_number: r.parent for r in preview.payload.file.rows}
    assert parsed["C1"] == "U2" and parsed["C10"] == "U31" and parsed["C8.2"] == "C8"
    assert preview.changes[0].kind == "Référentiel"
    assert not [c for c in preview.changes if c.action is Action.CREATE]


def test_find_diploma_suggests_close_names(demo_store: Store) -> None:
    """An unknown diploma is `NotFound` with the close names."""
    boss = authenticate(demo_store, "admin", "cpro-demo")
    assert moodle.find_diploma(demo_store, boss, "BACPRO-MELEC").name == "Bac Pro MELEC"
    assert moodle.find_diploma(demo_store, boss, "melec").name == "Bac Pro MELEC"
    with pytest.raises(NotFound, match="Bac Pro MELEC"):
        moodle.find_diploma(demo_store, boss, "Bac Pro MELC")
    with pytest.raises(NotFound):  # in both diplomas' names: ambiguous
        moodle.find_diploma(demo_store, boss, "B")


def synthetic_framework(path: Path, id_number: str, competences: int, suffix: str = "") -> None:
    """A Moodle file with two units, `competences` competences and three criteria each."""
    rows = [["", id_number, f"Référentiel {id_number}", "", "1", "A,B", "[]"]]
    rows[0] += ["", "", "", "", "", "1", "domain,competency,skill"]
    rows += [["", f"U{u}", f"Unité {u}", "", "1"] + [""] * 9 for u in (1, 2)]
    for i in range(competences):
        rows.append([f"U{i % 2 + 1}", f"K{i}", f"Compétence {i}{suffix}", "", "1"] + [""] * 9)
        for j in range(3):
            rows.append([f"K{i}", f"K{i}.{j}", f"Critère {i}.{j}{suffix}", "", "1"] + [""] * 9)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def test_preview_and_apply_are_bounded(
    store: Store, admin: Actor, tmp_path: Path, count_statements: Callable
) -> None:
    """Preview + apply run as many statements for 40 competences as for 4, whether they
    create or update."""

    def run(path: Path) -> int:
        with count_statements(store) as counter:
            preview = moodle.preview_framework_import(store, admin, path)
            moodle.apply_framework_import(store, admin, preview)
        return counter.count

    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    synthetic_framework(small, "SMALL", 4)
    synthetic_framework(large, "LARGE", 40)
    assert run(small) == run(large)
    synthetic_framework(small, "SMALL", 4, suffix=" (v2)")
    synthetic_framework(large, "LARGE", 40, suffix=" (v2)")
    assert run(small) == run(large)
    assert framework_items(store, "LARGE")["K39.2"][1] == "Critère 39.2 (v2)"
    assert count_rows(store)["criteria"] == 3 * 44
