"""The administration's imports, exports and erasure through the widgets: a Moodle framework
previewed, remapped and imported; a broken file held back until its valid part is chosen; a
class list imported; an apprentice's record exported; an apprentice erased after typing his
name. File choosers and message boxes are replaced (see `views/ask.py`)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from cpro_desktop.config import Settings
from cpro_desktop.services import admin
from cpro_desktop.services.auth import authenticate
from cpro_desktop.services.interop import Action, Change, Problem
from cpro_desktop.services.interop.moodle import LevelKind
from cpro_desktop.services.permissions import Actor
from cpro_desktop.store import Store
from cpro_desktop.views import ask as admin_ask
from cpro_desktop.views.admin import AdministrationPage
from cpro_desktop.views.admin.import_preview import (
    ACTION_COLOURS,
    ChangeTableModel,
    FrameworkImportDialog,
    ProblemTableModel,
    StudentsImportDialog,
)
from cpro_desktop.views.context import AppContext, ApprenticeSelection

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "interop"


@pytest.fixture
def backend() -> str:
    """Widget tests run on SQLite; the services under them are tested on both backends."""
    return "sqlite"


@pytest.fixture
def messages(monkeypatch) -> list[tuple[str, str, str]]:
    """Information and error boxes, recorded instead of shown: (kind, title, text)."""
    shown: list[tuple[str, str, str]] = []
    monkeypatch.setattr(admin_ask, "inform", lambda _p, t, m: shown.append(("info", t, m)))
    monkeypatch.setattr(admin_ask, "show_error", lambda _p, t, m: shown.append(("error", t, m)))
    return shown


def open_page(qtbot, store: Store, actor: Actor) -> AdministrationPage:
    page = AdministrationPage(AppContext(store, actor, Settings(), ApprenticeSelection()))
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


def choose_file(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(admin_ask, "open_file", lambda *_args: str(path))


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def kinds_shown(dialog) -> set[str]:
    model = dialog.changes_model
    return {model.change_at(row).kind for row in range(model.rowCount())}


# -- models -------------------------------------------------------------------------------

CHANGES = (
    Change(Action.CREATE, "Compétence", "C1", "Réaliser"),
    Change(Action.UNCHANGED, "Critère", "C1.1", "Conforme"),
    Change(Action.UPDATE, "Critère", "C1.2", "Propre", "nom : Sale → Propre"),
)
PROBLEMS = (
    Problem("ligne 3", "rien à signaler", 3, warning=True),
    Problem("ligne 7", "l'ID number « C1 » est en double", 7),
    Problem("ligne 9", "parent inconnu", 9),
)


def test_change_model_hides_unchanged_rows_unless_asked(qtmodeltester) -> None:
    """The changes table shows creations and updates, the unchanged rows on demand, each
    row coloured by its action; it passes qtmodeltester empty, filtered and full."""
    model = ChangeTableModel()
    qtmodeltester.check(model)
    model.set_changes(CHANGES)
    qtmodeltester.check(model)
    assert [model.change_at(r).key for r in range(model.rowCount())] == ["C1", "C1.2"]
    assert model.index(1, model.DETAILS).data() == "nom : Sale → Propre"
    assert model.index(1, model.ACTION).data() == "Mise à jour"
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) == ACTION_COLOURS[Action.CREATE]
    model.set_show_unchanged(True)
    qtmodeltester.check(model)
    assert [model.change_at(r).key for r in range(model.rowCount())] == ["C1", "C1.1", "C1.2"]
    assert model.index(1, model.ACTION).data() == "Inchangé"


def test_problem_model_lists_errors_before_warnings(qtmodeltester) -> None:
    """Errors come first in file order, then warnings, marked as such."""
    model = ProblemTableModel()
    qtmodeltester.check(model)
    model.set_problems(PROBLEMS)
    qtmodeltester.check(model)
    assert [model.index(r, model.WHERE).data() for r in range(3)] == [
        "ligne 7",
        "ligne 9",
        "ligne 3",
    ]
    assert model.index(0, model.SEVERITY).data() == model.tr("Error")
    assert model.index(2, model.SEVERITY).data() == model.tr("Warning")


# -- the Imports tab ----------------------------------------------------------------------


def test_a_moodle_framework_is_previewed_remapped_and_imported(
    qtbot, demo_store: Store, monkeypatch, messages
) -> None:
    """The admin picks a Moodle export: the preview counts what it creates, a level
    remapped changes what the rows become, and Import creates the diploma with its
    framework, which the frameworks tab then shows."""
    boss = authenticate(demo_store, "admin", "cpro-demo")
    page = open_page(qtbot, demo_store, boss)
    page.tab_widget.setCurrentWidget(page.imports)
    assert page.imports.export_combo.count() == len(admin.list_diplomas(demo_store, boss))
    choose_file(monkeypatch, FIXTURES / "gui" / "cap_proelec.csv")
    click(qtbot, page.imports.framework_button)
    dialog = page.imports.dialog
    assert isinstance(dialog, FrameworkImportDialog) and dialog.isVisible()

    # 1 diploma, 1 framework, 2 units, 4 competences, 8 criteria: all created.
    assert dialog.preview.counts()[Action.CREATE] == 16
    assert dialog.summary_label.text() == dialog.preview.summary()
    assert dialog.changes_model.rowCount() == 16
    assert not dialog.problems_box.isVisibleTo(dialog)
    assert not dialog.partial_check.isEnabled()
    assert dialog.import_button.isEnabled()
    assert [c.currentData() for c in dialog.level_combos] == [
        LevelKind.UNIT,
        LevelKind.COMPETENCE,
        LevelKind.CRITERION,
    ]
    assert {"Unité", "Compétence", "Critère"} <= kinds_shown(dialog)

    # Domains as competences, the rest as criteria: no unit any more.
    dialog.level_combos[0].setCurrentIndex(dialog.level_combos[0].findData(LevelKind.COMPETENCE))
    assert not dialog.import_button.isEnabled()  # two competence levels: refused
    assert dialog.changes_model.rowCount() == 0
    assert "compétence" in dialog.options_error.text()
    dialog.level_combos[1].setCurrentIndex(dialog.level_combos[1].findData(LevelKind.CRITERION))
    assert not dialog.options_error.isVisibleTo(dialog)
    assert dialog.import_button.isEnabled()
    assert "Unité" not in kinds_shown(dialog)
    kinds = [dialog.changes_model.change_at(r) for r in range(dialog.changes_model.rowCount())]
    assert [(c.key, c.kind) for c in kinds if c.key in ("UP1", "CP1")] == [
        ("UP1", "Compétence"),
        ("CP1", "Critère"),
    ]
    # Back to the file's own levels, and import.
    dialog.level_combos[0].setCurrentIndex(dialog.level_combos[0].findData(LevelKind.UNIT))
    dialog.level_combos[1].setCurrentIndex(dialog.level_combos[1].findData(LevelKind.COMPETENCE))
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(page.imports.imported) as signal:
        click(qtbot, dialog.import_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert messages == [("info", messages[0][1], signal.args[0].summary())]
    assert signal.args[0].created == 16

    page.tab_widget.setCurrentWidget(page.frameworks)
    trees = {t.diploma.code: t for t in page.frameworks.model.trees()}
    cap = trees["CAP-PROELEC"]
    assert [u.code for u in cap.units] == ["UP1", "UP2"]
    assert [(c.code, [k.code for k in c.children]) for c in cap.competences][:2] == [
        ("CP1", ["CP1.1", "CP1.2"]),
        ("CP2", ["CP2.1", "CP2.2"]),
    ]
    # The export combo offers the new diploma at once.
    assert page.imports.export_combo.findData(cap.diploma.id) >= 0


def test_a_broken_file_holds_import_back_until_the_valid_part_is_chosen(
    qtbot, demo_store: Store, monkeypatch, messages
) -> None:
    """Errors are listed first with where and why; Import stays disabled until "import
    only the valid part" is ticked, and then only the valid rows are written."""
    boss = authenticate(demo_store, "admin", "cpro-demo")
    page = open_page(qtbot, demo_store, boss)
    page.tab_widget.setCurrentWidget(page.imports)
    choose_file(monkeypatch, FIXTURES / "gui" / "cap_proelec_casse.csv")
    click(qtbot, page.imports.framework_button)
    dialog = page.imports.dialog
    errors = dialog.preview.errors
    assert len(errors) == 2
    assert dialog.problems_box.isVisibleTo(dialog)
    problems = dialog.problems_model
    assert problems.rowCount() == len(dialog.preview.problems)
    assert problems.index(0, problems.WHERE).data() == "Ligne 9"
    assert "CP1.1" in problems.index(0, problems.REASON).data()
    assert "CP9" in problems.index(1, problems.REASON).data()
    assert not dialog.import_button.isEnabled()
    assert dialog.partial_check.isEnabled()
    assert "(2 " in dialog.partial_check.text()
    dialog.accept()  # Enter on a disabled Import does nothing
    assert dialog.isVisible() and messages == []

    dialog.partial_check.setChecked(True)
    assert dialog.import_button.isEnabled()
    click(qtbot, dialog.import_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [(kind, _title, text)] = messages
    assert kind == "info" and "écartée" in text
    tree = next(
        t for t in admin.framework_trees(demo_store, boss) if t.diploma.code == "CAP-PROELEC"
    )
    codes = {k.code for c in tree.competences for k in c.children}
    assert "CP9.1" not in codes and {"CP1.1", "CP4.2"} <= codes


def test_an_unreadable_file_is_reported_and_opens_no_preview(
    qtbot, demo_store: Store, monkeypatch, messages, tmp_path: Path
) -> None:
    """An empty file gives the service's French message in a box, and no dialog."""
    empty = tmp_path / "vide.csv"
    empty.write_bytes(b"")
    page = open_page(qtbot, demo_store, authenticate(demo_store, "admin", "cpro-demo"))
    page.tab_widget.setCurrentWidget(page.imports)
    choose_file(monkeypatch, empty)
    click(qtbot, page.imports.students_button)
    assert page.imports.dialog is None
    [(kind, _title, text)] = messages
    assert kind == "error" and "vide" in text


def test_a_class_list_is_imported_and_shows_in_the_apprentices_tab(
    qtbot, demo_store: Store, monkeypatch, messages
) -> None:
    """A SIECLE file with a new class needs the diploma of new classes (the demo has two):
    errors until it is chosen, then the preview recomputes, and the imported apprentices
    are listed in the apprentices tab."""
    boss = authenticate(demo_store, "admin", "cpro-demo")
    page = open_page(qtbot, demo_store, boss)
    page.tab_widget.setCurrentWidget(page.imports)
    choose_file(monkeypatch, FIXTURES / "gui" / "ElevesSansAdresses.xml")
    click(qtbot, page.imports.students_button)
    dialog = page.imports.dialog
    assert isinstance(dialog, StudentsImportDialog)
    assert dialog.diploma_combo.currentData() is None
    assert len(dialog.preview.errors) == 3 and not dialog.import_button.isEnabled()
    problems = dialog.problems_model
    assert "diplôme" in problems.index(0, problems.REASON).data()
    warning = problems.index(problems.rowCount() - 1, problems.SEVERITY).data()
    assert warning == problems.tr("Warning")

    melec = next(d for d in admin.list_diplomas(demo_store, boss) if d.code == "BACPRO-MELEC")
    dialog.diploma_combo.setCurrentIndex(dialog.diploma_combo.findData(melec.id))
    assert dialog.preview.errors == () and dialog.import_button.isEnabled()
    assert not dialog.partial_check.isEnabled()
    keys = [dialog.changes_model.change_at(r).key for r in range(dialog.changes_model.rowCount())]
    assert keys == ["2MELEC", "090876543AA", "090876544BB", "090876545CC", "090876546DD"]
    click(qtbot, dialog.import_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert messages[0][0] == "info" and messages[0][2].startswith("5 créations")

    page.tab_widget.setCurrentWidget(page.apprentices)
    names = {r.display_name: r for r in page.apprentices.model.rows()}
    assert names["LEFÈVRE Anaïs"].class_name == "2MELEC"
    assert names["ŒUVRARD Chloé"].national_id == "090876545CC"
    assert names["NGUYEN Bao"].class_name == ""


def test_unticking_a_class_leaves_its_pupils_out(
    qtbot, demo_store: Store, monkeypatch, messages
) -> None:
    """The file's classes are listed, ticked; unticking one recomputes the preview without
    its pupils (and says how many are left out), and the import writes only the others."""
    boss = authenticate(demo_store, "admin", "cpro-demo")
    page = open_page(qtbot, demo_store, boss)
    choose_file(monkeypatch, FIXTURES / "siecle" / "ElevesSansAdresses.xml")
    click(qtbot, page.imports.students_button)
    dialog = page.imports.dialog
    melec = next(d for d in admin.list_diplomas(demo_store, boss) if d.code == "BACPRO-MELEC")
    dialog.diploma_combo.setCurrentIndex(dialog.diploma_combo.findData(melec.id))
    items = [dialog.class_list.item(r) for r in range(dialog.class_list.count())]
    assert [i.text() for i in items] == ["1MELEC (2)", "TMELEC (2)"]
    assert all(i.checkState() == Qt.CheckState.Checked for i in items)
    assert "MARTIN Lucas-Émile (TMELEC)" in {c.label for c in dialog.preview.changes}

    items[1].setCheckState(Qt.CheckState.Unchecked)
    labels = {c.label for c in dialog.preview.changes}
    assert not any("TMELEC" in label for label in labels)
    assert any("autres classes" in p.reason for p in dialog.preview.warnings)
    before = {r.national_id for r in admin.list_apprentices(demo_store, boss)}
    click(qtbot, dialog.import_button)
    added = {r.national_id for r in admin.list_apprentices(demo_store, boss)} - before
    assert added == {"070223456AC"}  # ŒUVRARD Éloïse, 1MELEC (Mina was there already)


def test_a_framework_is_exported_for_moodle(
    qtbot, demo_store: Store, monkeypatch, messages, tmp_path: Path
) -> None:
    """The chosen diploma's framework is written where the save dialog says, as a Moodle
    CSV, and the message says where."""
    boss = authenticate(demo_store, "admin", "cpro-demo")
    page = open_page(qtbot, demo_store, boss)
    tab = page.imports
    page.tab_widget.setCurrentWidget(tab)
    melec = next(d for d in admin.list_diplomas(demo_store, boss) if d.code == "BACPRO-MELEC")
    tab.export_combo.setCurrentIndex(tab.export_combo.findData(melec.id))
    suggested: list[str] = []
    target = tmp_path / "melec"

    def save_file(_parent, _title, name, _pattern, suffix):
        """The file dialog: the user types "melec", the dialog adds the default suffix."""
        suggested.append((name, suffix))
        return f"{target}.{suffix}"

    monkeypatch.setattr(admin_ask, "save_file", save_file)
    click(qtbot, tab.export_button)
    assert suggested == [("BACPRO-MELEC.csv", "csv")]
    written = target.with_suffix(".csv")
    text = written.read_text(encoding="utf-8")
    assert text.startswith("Parent ID number,ID number,Short name")
    assert ",C1.1," in text
    [(kind, _title, message)] = messages
    assert kind == "info" and str(written) in message


# -- the apprentices tab: record export and erasure ---------------------------------------


def test_the_record_export_writes_a_zip(
    qtbot, demo_store: Store, monkeypatch, messages, tmp_path: Path
) -> None:
    """Disabled without a selection; with one, the record goes to the chosen ZIP and the
    message gives its path and size."""
    boss = authenticate(demo_store, "admin", "cpro-demo")
    page = open_page(qtbot, demo_store, boss)
    tab = page.apprentices
    page.tab_widget.setCurrentWidget(tab)
    assert not tab.export_button.isEnabled() and not tab.erase_button.isEnabled()
    mina = next(r for r in tab.model.rows() if r.last_name == "AZZOUG")
    tab.select_id(mina.id)
    target = tmp_path / "dossier-mina.zip"
    monkeypatch.setattr(admin_ask, "save_file", lambda *_args: str(target))
    click(qtbot, tab.export_button)
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
        assert "dossier.json" in archive.namelist()
    [(kind, _title, text)] = messages
    assert kind == "info" and str(target) in text and "AZZOUG Mina" in text


def test_erasure_needs_the_name_typed_then_removes_the_apprentice(qtbot, demo_store: Store) -> None:
    """The dialog lists what goes; "Erase permanently" stays disabled until the name is
    typed; then the apprentice is gone from the list, the store and the shared selection."""
    boss = authenticate(demo_store, "admin", "cpro-demo")
    page = open_page(qtbot, demo_store, boss)
    tab = page.apprentices
    page.tab_widget.setCurrentWidget(tab)
    nathan = next(r for r in tab.model.rows() if r.last_name == "PETIT")
    page.context.selection.set(nathan.id)  # the modules were showing him
    tab.select_id(nathan.id)
    click(qtbot, tab.erase_button)
    dialog = tab.dialog
    assert dialog.items_list.count() == len(dialog.preview.items) > 0
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.name_edit, "PETIT")
    assert not dialog.ok_button.isEnabled()
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "  petit   nathan ")
    assert dialog.ok_button.isEnabled()
    click(qtbot, dialog.ok_button)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error_label.text()
    assert all(r.id != nathan.id for r in tab.model.rows())
    assert all(r.id != nathan.id for r in admin.list_apprentices(demo_store, boss))
    assert page.context.selection.apprentice_id is None


def test_a_stale_erasure_is_refused_in_the_dialog(qtbot, demo_store: Store) -> None:
    """If the apprentice changed after the preview, the dialog shows the conflict and
    nothing is erased."""
    boss = authenticate(demo_store, "admin", "cpro-demo")
    page = open_page(qtbot, demo_store, boss)
    tab = page.apprentices
    page.tab_widget.setCurrentWidget(tab)
    mina = next(r for r in tab.model.rows() if r.last_name == "AZZOUG")
    tab.select_id(mina.id)
    click(qtbot, tab.erase_button)
    dialog = tab.dialog
    admin.update_apprentice(
        demo_store,
        boss,
        mina.id,
        mina.version,
        admin.ApprenticeInput(mina.last_name, mina.first_name, mina.birth_date, phone="0600"),
    )
    # Her validated reviews are documents: the reason is asked too.
    dialog.reason_edit.setText("Demande de l'apprentie (RGPD)")
    qtbot.keyClicks(dialog.name_edit, "AZZOUG Mina")
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and "rien n'a été effacé" in dialog.error_label.text()
    assert any(r.id == mina.id for r in admin.list_apprentices(demo_store, boss))
