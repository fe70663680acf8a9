"""Class lists from SIECLE (BEE_ELEVES XML, zipped or not) and from French spreadsheets:
preview, apply, matching on re-import, bad files, permission and bounded queries."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cpro_desktop import models as m
from cpro_desktop.services import admin, interop
from cpro_desktop.services.admin import DiplomaInput, SchoolYearInput
from cpro_desktop.services.auth import authenticate, create_first_admin
from cpro_desktop.services.interop import Action, ImportRefused, UnreadableFile
from cpro_desktop.services.interop.students import (
    apply_students_import,
    file_classes,
    preview_students_import,
)
from cpro_desktop.services.permissions import Actor
from cpro_desktop.store import PermissionDenied, Store, ValidationError

SIECLE = Path(__file__).parent.parent / "fixtures" / "interop" / "siecle"
PASSWORD = "cpro-demo"


def centre(store: Store, year: str = "2022-2023") -> tuple[Actor, int]:
    """An empty store with its administrator, one school year and one diploma."""
    boss = create_first_admin(store, "admin", "secret-du-centre", "MOREAU", "Catherine")
    start = int(year[:4])
    admin.create_school_year(
        store, boss, SchoolYearInput(year, date(start, 9, 1), date(start + 1, 8, 31))
    )
    diploma = admin.create_diploma(store, boss, DiplomaInput("BACPRO-MELEC", "Bac Pro MELEC"))
    return boss, diploma.id


def counts(store: Store) -> tuple[int, int, int]:
    with store.read() as session:
        return (
            session.scalar(select(func.count(m.Apprentice.id))),
            session.scalar(select(func.count(m.SchoolClass.id))),
            session.scalar(select(func.count(m.Booklet.id))),
        )


def apprentices(store: Store) -> dict[str, m.Apprentice]:
    """Apprentices by INE (or by last name when they have none)."""
    with store.read() as session:
        rows = session.scalars(select(m.Apprentice)).all()
        return {a.national_id or a.last_name: a for a in rows}


def class_names(store: Store) -> dict[int, str]:
    with store.read() as session:
        return {r.id: r.name for r in session.execute(select(m.SchoolClass.id, m.SchoolClass.name))}


def year_id(store: Store, label: str) -> int:
    with store.read() as session:
        return session.scalar(select(m.SchoolYear.id).where(m.SchoolYear.label == label))


def siecle_xml(pupils: int, tag: str, first_name: str = "Prénom") -> bytes:
    """A SIECLE export of `pupils` pupils in two new divisions, INE and classes marked by
    `tag` (two letters)."""
    eleves = "".join(
        f'<ELEVE ELEVE_ID="{9000 + i}"><ID_NATIONAL>{i:09d}{tag}</ID_NATIONAL>'
        f"<NOM_DE_FAMILLE>ÉLÈVE{i}</NOM_DE_FAMILLE><PRENOM>{first_name}</PRENOM>"
        "<DATE_NAISS>01/02/2006</DATE_NAISS></ELEVE>\n"
        for i in range(pupils)
    )
    structures = "".join(
        f'<STRUCTURES_ELEVE ELEVE_ID="{9000 + i}"><STRUCTURE><CODE_STRUCTURE>'
        f"{'1' if i % 2 else '2'}{tag}</CODE_STRUCTURE><TYPE_STRUCTURE>D</TYPE_STRUCTURE>"
        "</STRUCTURE></STRUCTURES_ELEVE>\n"
        for i in range(pupils)
    )
    text = (
        '<?xml version="1.0" encoding="ISO-8859-15"?>\n<BEE_ELEVES VERSION="3.1"><PARAMETRES>'
        "<UAJ>0930000X</UAJ><ANNEE_SCOLAIRE>2022</ANNEE_SCOLAIRE></PARAMETRES><DONNEES>"
        f"<ELEVES>\n{eleves}</ELEVES><STRUCTURES>\n{structures}</STRUCTURES></DONNEES>"
        "</BEE_ELEVES>\n"
    )
    return text.encode("iso-8859-15")


# -- SIECLE XML -----------------------------------------------------------------------------


def test_siecle_export_creates_classes_and_apprentices(store: Store) -> None:
    """NOM_DE_FAMILLE file: the D structure is the class (G groups ignored), new classes
    are created with the only diploma, a pupil who left is skipped with a warning, one
    without a division is imported unplaced with a warning; ISO-8859-15 accents survive."""
    boss, diploma_id = centre(store)
    preview = preview_students_import(store, boss, SIECLE / "ElevesSansAdresses.xml")

    assert preview.source == "ElevesSansAdresses.xml"
    assert not preview.errors
    created = {(c.kind, c.key) for c in preview.changes if c.action == Action.CREATE}
    assert created == {
        ("Classe", "1MELEC"),
        ("Classe", "TMELEC"),
        *(("Apprenti", ine) for ine in ("070123456AB", "070223456AC", "070323456AD")),
        ("Apprenti", "070423456AE"),
    }
    unplaced, left = preview.warnings
    assert 'ELEVE_ID="1004"' in unplaced.where and "sans classe" in unplaced.reason
    assert 'ELEVE_ID="1005"' in left.where and "30/09/2022" in left.reason
    assert (unplaced.line, left.line) == (65, 83)

    result = apply_students_import(store, boss, preview)
    assert (result.created, result.updated, result.skipped) == (6, 0, 0)
    rows = apprentices(store)
    names = class_names(store)
    assert "070523456AF" not in rows  # ROUX Théo left the school
    assert sorted(names.values()) == ["1MELEC", "TMELEC"]  # no group MELEC-G1
    eloise = rows["070223456AC"]
    assert (eloise.last_name, eloise.first_name) == ("ŒUVRARD", "Éloïse")
    assert eloise.birth_date == date(2006, 5, 2)
    assert names[eloise.school_class_id] == "1MELEC"
    assert rows["070323456AD"].first_name == "Lucas-Émile"
    assert names[rows["070323456AD"].school_class_id] == "TMELEC"
    assert rows["070423456AE"].school_class_id is None
    with store.read() as session:
        diploma_ids = set(session.scalars(select(m.SchoolClass.diploma_id)))
    assert diploma_ids == {diploma_id}
    assert counts(store) == (4, 2, 4)  # each apprentice has his booklet


def test_older_export_with_nom_tag(store: Store) -> None:
    """Older SIECLE files name the family name <NOM>: read the same way."""
    boss, _ = centre(store)
    preview = preview_students_import(store, boss, SIECLE / "ElevesSansAdresses_ancien_NOM.xml")
    apply_students_import(store, boss, preview)
    rows = apprentices(store)
    assert (rows["070623456AG"].last_name, rows["070623456AG"].first_name) == ("GIRAUD", "Anaïs")
    assert rows["070723456AH"].birth_date == date(2008, 2, 29)


def test_zipped_export_reads_the_xml_inside(store: Store) -> None:
    """ExportXML_ElevesSansAdresses.zip gives the same preview as the XML it holds."""
    boss, _ = centre(store)
    zipped = preview_students_import(store, boss, SIECLE / "ExportXML_ElevesSansAdresses.zip")
    plain = preview_students_import(store, boss, SIECLE / "ElevesSansAdresses.xml")
    assert zipped.changes == plain.changes
    assert [p.reason for p in zipped.problems] == [p.reason for p in plain.problems]
    apply_students_import(store, boss, zipped)
    assert apprentices(store)["070223456AC"].first_name == "Éloïse"


def test_zip_with_both_exports_prefers_the_one_without_addresses(
    store: Store, tmp_path: Path
) -> None:
    """A ZIP holding both exports is read from ElevesSansAdresses.xml; a ZIP without any
    XML or CSV is refused with a French message."""
    boss, _ = centre(store)
    both = tmp_path / "export.zip"
    with zipfile.ZipFile(both, "w") as archive:
        archive.write(SIECLE / "ElevesAvecAdresses.xml", "ElevesAvecAdresses.xml")
        archive.write(SIECLE / "ElevesSansAdresses.xml", "ElevesSansAdresses.xml")
    preview = preview_students_import(store, boss, both)
    keys = {c.key for c in preview.changes}
    assert "070223456AC" in keys and "071423456AQ" not in keys

    empty = tmp_path / "vide.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("lisezmoi.txt", "rien")
    with pytest.raises(UnreadableFile, match="ne contient aucun fichier XML"):
        preview_students_import(store, boss, empty)


def test_zip_bomb_is_refused_without_inflating_it(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A member that inflates beyond the size bound is refused on its header, before anything
    is inflated (the decoy beside it is not read either)."""
    boss, _ = centre(store)
    monkeypatch.setattr(interop, "MAX_IMPORT_BYTES", 4096)
    bomb = tmp_path / "bombe.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ElevesSansAdresses.xml", b"<" + b" " * 200_000)
        archive.writestr("decoy.xml", b"0" * 200_000)
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy_open(archive, member, *args, **kwargs):
        opened.append(str(member))
        return real_open(archive, member, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy_open)
    with pytest.raises(UnreadableFile, match="dépasse"):
        preview_students_import(store, boss, bomb)
    assert opened == []  # refused on its header, nothing inflated


def test_zip_compressed_in_a_way_python_cannot_read_is_reported(
    store: Store, tmp_path: Path
) -> None:
    """A member compressed with Deflate64 (Windows' explorer does it for big files) gets
    its own message, not "protected by a password"."""
    boss, _ = centre(store)
    archive_path = tmp_path / "deflate64.zip"
    with zipfile.ZipFile(archive_path, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.write(SIECLE / "ElevesSansAdresses.xml", "ElevesSansAdresses.xml")
    data = bytearray(archive_path.read_bytes())
    central = data.index(b"PK\x01\x02")
    data[8:10] = data[central + 10 : central + 12] = (9).to_bytes(2, "little")  # Deflate64
    archive_path.write_bytes(bytes(data))
    with pytest.raises(UnreadableFile, match="compressé d'une façon"):
        preview_students_import(store, boss, archive_path)


def test_a_50_mb_file_is_refused_with_its_size(store: Store, tmp_path: Path) -> None:
    """A 50 MB "class list" is a mistake: refused before reading, saying its size and the
    limit; nothing is written."""
    boss, _ = centre(store)
    huge = tmp_path / "ElevesSansAdresses.xml"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    before = counts(store)
    with pytest.raises(UnreadableFile) as refused:
        preview_students_import(store, boss, huge)
    assert "50,0 Mo" in str(refused.value) and "limite de 20,0 Mo" in str(refused.value)
    assert counts(store) == before


def test_address_of_the_pupil_from_eleves_avec_adresses(store: Store) -> None:
    """ElevesAvecAdresses: the address the pupil's ADRESSE_ID points at is stored."""
    boss, _ = centre(store)
    apply_students_import(
        store, boss, preview_students_import(store, boss, SIECLE / "ElevesAvecAdresses.xml")
    )
    assert apprentices(store)["071423456AQ"].address == "12 RUE DES ŒILLETS\n93100 MONTREUIL"


def test_duplicate_ine_names_both_pupils_and_imports_neither(store: Store) -> None:
    """Two ELEVE with one INE: an error on each naming the other; neither is imported."""
    boss, _ = centre(store)
    preview = preview_students_import(store, boss, SIECLE / "ElevesSansAdresses_doublon_INE.xml")
    assert len(preview.errors) == 2
    first, second = preview.errors
    assert 'ELEVE_ID="3001"' in first.where and 'ELEVE_ID="3003"' in first.reason
    assert 'ELEVE_ID="3003"' in second.where and 'ELEVE_ID="3001"' in second.reason
    assert "070823456AJ" in first.reason and first.line == 11 and second.line == 47
    with pytest.raises(ImportRefused):
        apply_students_import(store, boss, preview)
    result = apply_students_import(store, boss, preview, accept_partial=True)
    assert (result.created, result.skipped) == (2, 2)  # the class 1MELEC and MOREL Hugo
    assert set(apprentices(store)) == {"070923456AK"}


def test_broken_xml_is_refused_with_its_line_and_nothing_written(demo_store: Store) -> None:
    """A malformed XML: `UnreadableFile` with the parser's line and column in French; the
    store is unchanged."""
    boss = authenticate(demo_store, "admin", PASSWORD)
    before = counts(demo_store)
    with pytest.raises(UnreadableFile) as caught:
        preview_students_import(demo_store, boss, SIECLE / "ElevesSansAdresses_casse.xml")
    message = str(caught.value)
    assert "ligne 34" in message and "colonne" in message
    assert "balise fermante" in message
    assert counts(demo_store) == before


def test_errors_refuse_the_import_unless_partial(store: Store) -> None:
    """Bad INE, impossible date and missing first name: each is an error on its ELEVE;
    the import is refused (nothing written) unless the valid part is accepted."""
    boss, _ = centre(store)
    preview = preview_students_import(store, boss, SIECLE / "ElevesSansAdresses_erreurs.xml")
    reasons = {p.where.split(",")[1].split("(")[0].strip(): p.reason for p in preview.errors}
    assert set(reasons) == {
        '<ELEVE ELEVE_ID="4002">',
        '<ELEVE ELEVE_ID="4003">',
        '<ELEVE ELEVE_ID="4004">',
    }
    assert "INE" in reasons['<ELEVE ELEVE_ID="4002">']
    assert "31/02/2006" in reasons['<ELEVE ELEVE_ID="4003">']
    assert "Prénom" in reasons['<ELEVE ELEVE_ID="4004">']
    before = counts(store)
    with pytest.raises(ImportRefused) as refused:
        apply_students_import(store, boss, preview)
    assert "3 erreurs" in str(refused.value)
    assert counts(store) == before

    assert preview.left_out == 3
    result = apply_students_import(store, boss, preview, accept_partial=True)
    assert (result.created, result.skipped) == (2, 3)  # 1MELEC and LEFEVRE Manon
    assert set(apprentices(store)) == {"071023456AL"}


def test_wrong_encoding_is_reported_and_names_read_right(store: Store) -> None:
    """An export re-saved in UTF-8 that still declares ISO-8859-15: a clear error, and the
    names are read as UTF-8 (no "Ã©") if the user imports anyway."""
    boss, _ = centre(store)
    preview = preview_students_import(
        store, boss, SIECLE / "ElevesSansAdresses_utf8_declare_iso.xml"
    )
    (error,) = preview.errors
    assert "UTF-8" in error.reason and "ISO-8859-15" in error.reason
    assert any(c.label.startswith("ŒUVRARD Éloïse") for c in preview.changes)
    with pytest.raises(ImportRefused):
        apply_students_import(store, boss, preview)
    apply_students_import(store, boss, preview, accept_partial=True)
    assert apprentices(store)["070223456AC"].first_name == "Éloïse"


def test_missing_school_year_is_created_by_the_import(store: Store) -> None:
    """A new centre stands up from its SIECLE file: the file's school year (2022 →
    2022-2023), unknown to the store, is created first, 1 September to 31 August, and
    the classes are created in it; nothing is written by the preview."""
    boss, _ = centre(store, year="2024-2025")
    preview = preview_students_import(store, boss, SIECLE / "ElevesSansAdresses.xml")
    first = preview.changes[0]
    assert (first.action, first.kind, first.key) == (Action.CREATE, "Année scolaire", "2022-2023")
    assert "01/09/2022" in first.label and "31/08/2023" in first.label
    with store.read() as session:
        assert session.scalars(select(m.SchoolYear.label)).all() == ["2024-2025"]

    result = apply_students_import(store, boss, preview, accept_partial=True)
    assert result.created == preview.counts()[Action.CREATE]
    with store.read() as session:
        year = session.scalars(select(m.SchoolYear).where(m.SchoolYear.label == "2022-2023")).one()
        assert (year.start_date, year.end_date) == (date(2022, 9, 1), date(2023, 8, 31))
        years_of_classes = set(session.scalars(select(m.SchoolClass.school_year_id)))
    assert years_of_classes == {year.id}


def test_an_older_export_than_the_store_s_years_is_flagged(store: Store) -> None:
    """Last year's SIECLE file imported by mistake: a warning says the store already has a
    later school year (the import stays possible, e.g. to catch up on history)."""
    boss, _ = centre(store, year="2023-2024")
    preview = preview_students_import(store, boss, SIECLE / "ElevesSansAdresses.xml")
    flagged = [p for p in preview.warnings if p.where == "le fichier"]
    assert len(flagged) == 1
    assert "2022-2023" in flagged[0].reason and "2023-2024" in flagged[0].reason
    assert not preview.errors


def test_a_csv_whose_bom_lies_is_refused_with_its_line(store: Store, tmp_path: Path) -> None:
    """A UTF-8 BOM on a file with Windows-1252 accents further down: refused, naming the
    line, instead of names full of "�"."""
    boss, _ = centre(store)
    source = tmp_path / "liste.csv"
    source.write_bytes(
        b"\xef\xbb\xbfNom;Pr\xc3\xa9nom;Classe\r\nMARTIN;L\xc3\xa9a;1MELEC\r\n"
        + "DUPONT;Gaëlle;1MELEC\r\n".encode("cp1252")
    )
    with pytest.raises(UnreadableFile, match="ligne 3 : le fichier se dit en UTF-8"):
        preview_students_import(store, boss, source)


def test_only_the_chosen_classes_are_imported(store: Store) -> None:
    """A SIECLE export holds the whole establishment: the file's classes are listed with
    their pupils, and choosing some leaves the others (and pupils without a class) out,
    said in a warning; an unknown class is refused, naming the file's classes."""
    boss, _ = centre(store)
    source = SIECLE / "ElevesSansAdresses.xml"
    everything = preview_students_import(store, boss, source)
    assert file_classes(everything) == (("1MELEC", 2), ("TMELEC", 2))

    preview = preview_students_import(store, boss, source, classes=["1melec"])
    created = {c.key for c in preview.changes if c.kind == "Apprenti"}
    assert created == {"070123456AB", "070223456AC"}
    (note,) = [p for p in preview.warnings if p.where == "le fichier"]
    assert "3 élève(s) d'autres classes ou sans classe" in note.reason
    assert file_classes(preview) == file_classes(everything)
    apply_students_import(store, boss, preview)
    assert set(apprentices(store)) == {"070123456AB", "070223456AC"}
    assert set(class_names(store).values()) == {"1MELEC"}

    with pytest.raises(ValidationError, match="au moins une classe"):
        preview_students_import(store, boss, source, classes=[])
    with pytest.raises(
        ValidationError, match=r"pas de classe 2NDE1 \(classes du fichier : 1MELEC, TMELEC\)"
    ):
        preview_students_import(store, boss, source, classes=["2NDE1"])


# -- re-import ------------------------------------------------------------------------------


def test_reimport_updates_a_changed_name_and_keeps_the_rest(demo_store: Store) -> None:
    """Mina's family name changed in SIECLE: her row is updated (no duplicate) and what the
    file does not carry — company, tutor, email, account, guardians — stays."""
    boss = authenticate(demo_store, "admin", PASSWORD)
    before = apprentices(demo_store)["070123456AB"]
    count = counts(demo_store)[0]
    preview = preview_students_import(
        demo_store, boss, SIECLE / "ElevesSansAdresses_nom_change.xml"
    )
    (change,) = preview.changes
    assert change.action == Action.UPDATE and change.key == "070123456AB"
    assert change.details == "nom : AZZOUG → AZZOUG-MERAH"

    result = apply_students_import(demo_store, boss, preview)
    assert (result.created, result.updated) == (0, 1)
    after = apprentices(demo_store)["070123456AB"]
    assert after.id == before.id and after.last_name == "AZZOUG-MERAH"
    for kept in ("company_id", "tutor_id", "referent_trainer_id", "email", "account_id"):
        assert getattr(after, kept) == getattr(before, kept)
    assert after.school_class_id == before.school_class_id
    assert after.version == before.version + 1
    assert counts(demo_store)[0] == count
    with demo_store.read() as session:
        guardians = session.scalar(
            select(func.count()).where(m.apprentice_guardians.c.apprentice_id == after.id)
        )
    assert guardians == 1

    again = preview_students_import(demo_store, boss, SIECLE / "ElevesSansAdresses_nom_change.xml")
    assert [c.action for c in again.changes] == [Action.UNCHANGED]


def test_reimport_after_the_store_changed_matches_again(store: Store) -> None:
    """Matching is redone at apply time: a pupil created by hand since the preview is
    updated, not duplicated."""
    boss, _ = centre(store)
    preview = preview_students_import(store, boss, SIECLE / "ElevesSansAdresses_ancien_NOM.xml")
    admin.create_apprentice(
        store, boss, admin.ApprenticeInput("Giraud", "Anais", national_id="070623456AG")
    )
    result = apply_students_import(store, boss, preview)
    assert (result.created, result.updated) == (2, 1)  # 1MELEC and BLANC; GIRAUD updated
    rows = apprentices(store)
    assert len(rows) == 2 and rows["070623456AG"].first_name == "Anaïs"


# -- CSV ------------------------------------------------------------------------------------


def test_csv_windows_1252_with_french_header_variants(demo_store: Store) -> None:
    """ "NOM;Prénom 1;Né(e) le;N° INE;Division" in Windows-1252: accents read right, a pupil
    without INE matched on name + birth date; a new class needs the diploma when the store
    has several, and the problem says so on that pupil."""
    boss = authenticate(demo_store, "admin", PASSWORD)
    y22 = year_id(demo_store, "2022-2023")
    path = SIECLE / "liste_classe_cp1252.csv"
    preview = preview_students_import(demo_store, boss, path, school_year_id=y22)
    (error,) = preview.errors
    assert error.where.startswith("ligne 3") and "TMELEC" in error.reason
    assert "diplôme" in error.reason

    with demo_store.read() as session:
        melec = session.scalar(select(m.Diploma.id).where(m.Diploma.code == "BACPRO-MELEC"))
    preview = preview_students_import(demo_store, boss, path, school_year_id=y22, diploma_id=melec)
    assert not preview.problems
    by_key = {c.key: c for c in preview.changes}
    assert by_key["LEROY Emma (05/07/2005)"].action == Action.UNCHANGED
    assert by_key["TMELEC"].kind == "Classe"
    apply_students_import(demo_store, boss, preview)
    eloise = apprentices(demo_store)["070223456AC"]
    assert (eloise.last_name, eloise.first_name) == ("ŒUVRARD", "Éloïse")
    assert class_names(demo_store)[eloise.school_class_id] == "1MELEC"


def test_csv_utf8_with_bom(demo_store: Store) -> None:
    """UTF-8 with BOM, "Nom;Prénom;Date de naissance;INE;Classe": existing pupils are
    unchanged (one matched on name + birth date with Vietnamese accents), a new one without
    class is created unplaced with a warning."""
    boss = authenticate(demo_store, "admin", PASSWORD)
    y22 = year_id(demo_store, "2022-2023")
    preview = preview_students_import(
        demo_store, boss, SIECLE / "liste_classe_utf8_bom.csv", school_year_id=y22
    )
    assert not preview.errors
    actions = {c.key: c.action for c in preview.changes}
    assert actions == {
        "070123456AB": Action.UNCHANGED,
        "NGUYỄN Thị Ánh (30/09/2006)": Action.UNCHANGED,
        "DUBOIS Chloé (18/04/2006)": Action.CREATE,
    }
    (warning,) = preview.warnings
    assert warning.where.startswith("ligne 4") and "sans classe" in warning.reason
    apply_students_import(demo_store, boss, preview)
    chloe = apprentices(demo_store)["DUBOIS"]
    assert chloe.first_name == "Chloé" and chloe.school_class_id is None


def test_empty_and_header_only_files_are_refused(store: Store, tmp_path: Path) -> None:
    """An empty file, or a CSV with only its header, says so in French."""
    boss, _ = centre(store)
    empty = tmp_path / "eleves.csv"
    empty.write_bytes(b"")
    with pytest.raises(UnreadableFile, match="vide"):
        preview_students_import(store, boss, empty)
    header = tmp_path / "entete.csv"
    header.write_bytes("Nom;Prénom;Classe\r\n".encode("cp1252"))
    with pytest.raises(UnreadableFile, match="aucun élève"):
        preview_students_import(store, boss, header)
    unknown = tmp_path / "autre.csv"
    unknown.write_bytes(b"Code;Libelle\r\nA;B\r\n")
    with pytest.raises(UnreadableFile, match="Nom et Prénom introuvable"):
        preview_students_import(store, boss, unknown)


# -- permission and queries -----------------------------------------------------------------


def test_only_an_administrator_may_import(demo_store: Store) -> None:
    """A trainer can neither preview nor apply an import."""
    trainer = authenticate(demo_store, "formateur", PASSWORD)
    boss = authenticate(demo_store, "admin", PASSWORD)
    with pytest.raises(PermissionDenied):
        preview_students_import(demo_store, trainer, SIECLE / "ElevesSansAdresses_nom_change.xml")
    preview = preview_students_import(
        demo_store, boss, SIECLE / "ElevesSansAdresses_nom_change.xml"
    )
    with pytest.raises(PermissionDenied):
        apply_students_import(demo_store, trainer, preview)
    assert apprentices(demo_store)["070123456AB"].last_name == "AZZOUG"


def test_statements_do_not_grow_with_the_number_of_pupils(
    store: Store, tmp_path: Path, count_statements
) -> None:
    """Preview + apply of 5 or 50 pupils (creation, then update) run as many statements."""
    boss, _ = centre(store)

    def run(pupils: int, tag: str) -> tuple[int, int]:
        path = tmp_path / f"{tag}{pupils}.xml"
        path.write_bytes(siecle_xml(pupils, tag))
        with count_statements(store) as created:
            result = apply_students_import(store, boss, preview_students_import(store, boss, path))
        assert result.created == pupils + 2
        path.write_bytes(siecle_xml(pupils, tag, first_name="Prénom-Bis"))
        with count_statements(store) as updated:
            result = apply_students_import(store, boss, preview_students_import(store, boss, path))
        assert result.updated == pupils
        return created.count, updated.count

    assert run(5, "AA") == run(50, "BB")
    assert counts(store)[0] == 55
