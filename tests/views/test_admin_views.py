"""The Administration screens: a new school year set up through the widgets from an empty
store, form errors shown in the dialog, deactivation, refused deletions, conflicts, and
every item model checked by qtmodeltester."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from cpro_desktop.config import Settings
from cpro_desktop.models.enums import Role
from cpro_desktop.services import admin
from cpro_desktop.services.auth import authenticate, create_first_admin
from cpro_desktop.services.directory import visible_directory
from cpro_desktop.services.permissions import Actor
from cpro_desktop.store import Store
from cpro_desktop.views import ask as admin_ask
from cpro_desktop.views.admin import AdministrationPage
from cpro_desktop.views.admin.common import FormDialog
from cpro_desktop.views.admin.models import (
    DIPLOMA,
    AccountTableModel,
    ApprenticeTableModel,
    ClassTableModel,
    CompanyTableModel,
    FrameworkTreeModel,
    SchoolYearTableModel,
    node_key,
)
from cpro_desktop.views.context import AppContext, ApprenticeSelection


@pytest.fixture
def backend() -> str:
    """Widget tests run on SQLite; the services under them are tested on both backends."""
    return "sqlite"


def open_page(qtbot, store: Store, actor: Actor) -> AdministrationPage:
    page = AdministrationPage(AppContext(store, actor, Settings(), ApprenticeSelection()))
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


def show_tab(page: AdministrationPage, tab) -> None:
    page.tab_widget.setCurrentWidget(tab)


def click_ok(qtbot, dialog: FormDialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def type_into(qtbot, edit, text: str) -> None:
    """Type like a user; QTest only types ASCII, so accented text is inserted as a paste."""
    edit.clear()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.insert(text)


def choose(combo, data) -> None:
    index = combo.findData(data)
    assert index >= 0, f"{data!r} is not offered"
    combo.setCurrentIndex(index)


def new_account(
    qtbot,
    page: AdministrationPage,
    login: str,
    last: str,
    first: str,
    role: Role,
    company_id: int | None = None,
) -> admin.AccountRow:
    show_tab(page, page.accounts)
    qtbot.mouseClick(page.accounts.new_button, Qt.MouseButton.LeftButton)
    dialog = page.accounts.dialog
    type_into(qtbot, dialog.login_edit, login)
    type_into(qtbot, dialog.last_name_edit, last)
    type_into(qtbot, dialog.first_name_edit, first)
    choose(dialog.role_combo, role.value)
    if company_id is not None:
        assert dialog.company_combo.isEnabled()
        choose(dialog.company_combo, company_id)
    type_into(qtbot, dialog.password_edit, "secret-" + login)
    type_into(qtbot, dialog.confirm_edit, "secret-" + login)
    click_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error_label.text()
    return dialog.saved_row


def test_a_school_year_is_set_up_through_the_screens(qtbot, store: Store) -> None:
    """From the first admin alone, the widgets create a school year, a diploma with its
    framework, a class, a company, a tutor, a trainer and an apprentice; the tutor then
    sees exactly that apprentice and another tutor sees nobody."""
    boss = create_first_admin(store, "admin", "secret-du-centre", "MOREAU", "Catherine")
    page = open_page(qtbot, store, boss)

    # School year.
    show_tab(page, page.school_years)
    assert page.school_years.model.rowCount() == 0
    qtbot.mouseClick(page.school_years.new_button, Qt.MouseButton.LeftButton)
    dialog = page.school_years.dialog
    assert dialog.start_edit.displayFormat() == "dd/MM/yyyy"
    type_into(qtbot, dialog.label_edit, "2024-2025")
    dialog.start_edit.setDate(QDate(2024, 9, 2))
    dialog.end_edit.setDate(QDate(2025, 7, 4))
    click_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error_label.text()
    assert page.school_years.model.rowCount() == 1
    year = page.school_years.model.row_at(0)
    assert year.label == "2024-2025"

    # Diploma, and a competence with a criterion in its framework.
    tab = page.frameworks
    show_tab(page, tab)
    qtbot.mouseClick(tab.new_diploma_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    type_into(qtbot, dialog.code_edit, "CAP-ELEC")
    type_into(qtbot, dialog.name_edit, "CAP Électricien")
    click_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error_label.text()
    diploma = dialog.saved_row
    assert tab.current_key() == node_key(DIPLOMA, diploma.id)
    assert tab.add_competence_button.isEnabled() and not tab.add_criterion_button.isEnabled()
    qtbot.mouseClick(tab.add_competence_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    type_into(qtbot, dialog.code_edit, "C1")
    type_into(qtbot, dialog.label_edit, "Réaliser une installation")
    click_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error_label.text()
    competence = dialog.saved_row
    assert tab.current_key() == node_key("competence", competence.id)
    qtbot.mouseClick(tab.add_criterion_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    type_into(qtbot, dialog.code_edit, "C1.1")
    type_into(qtbot, dialog.label_edit, "L'installation est conforme")
    click_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error_label.text()
    tree = admin.framework_tree(store, boss, diploma.id)
    assert [(c.code, [k.code for k in c.children]) for c in tree.competences] == [("C1", ["C1.1"])]

    # Trainer.
    trainer = new_account(qtbot, page, "s.durand", "DURAND", "Sophie", Role.TRAINER)

    # Class, taught by the trainer.
    show_tab(page, page.classes)
    qtbot.mouseClick(page.classes.new_button, Qt.MouseButton.LeftButton)
    dialog = page.classes.dialog
    type_into(qtbot, dialog.name_edit, "1CAP")
    type_into(qtbot, dialog.level_edit, "Première année de CAP")
    dialog.training_year_spin.setValue(1)
    choose(dialog.diploma_combo, diploma.id)
    assert dialog.school_year_combo.currentData() == year.id
    dialog.trainers_list.set_checked(trainer.id)
    click_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error_label.text()
    school_class = dialog.saved_row
    assert school_class.trainer_names == ("DURAND Sophie",)

    # Company.
    show_tab(page, page.companies)
    qtbot.mouseClick(page.companies.new_button, Qt.MouseButton.LeftButton)
    dialog = page.companies.dialog
    type_into(qtbot, dialog.name_edit, "Élec Services")
    type_into(qtbot, dialog.siret_edit, "123 456 789 00011")
    type_into(qtbot, dialog.postcode_edit, "69003")
    type_into(qtbot, dialog.city_edit, "Lyon")
    assert not dialog.latitude_spin.isEnabled()
    dialog.located_check.setChecked(True)
    dialog.latitude_spin.setValue(45.76)
    dialog.longitude_spin.setValue(4.85)
    click_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error_label.text()
    company = dialog.saved_row
    assert company.siret == "12345678900011" and company.latitude == pytest.approx(45.76)

    # Two tutors of that company.
    tutor = new_account(qtbot, page, "m.lambert", "LAMBERT", "Marc", Role.TUTOR, company.id)
    new_account(qtbot, page, "l.faure", "FAURE", "Lise", Role.TUTOR, company.id)
    assert page.accounts.model.rowCount() == 4

    # Apprentice with his tutor and referent.
    show_tab(page, page.apprentices)
    qtbot.mouseClick(page.apprentices.new_button, Qt.MouseButton.LeftButton)
    dialog = page.apprentices.dialog
    type_into(qtbot, dialog.last_name_edit, "Nouveau")
    type_into(qtbot, dialog.first_name_edit, "Léa")
    assert dialog.birth_date_edit.displayFormat() == "dd/MM/yyyy"
    dialog.birth_date_edit.setDate(QDate(2008, 5, 1))
    type_into(qtbot, dialog.national_id_edit, "123456789ab")
    choose(dialog.class_combo, school_class.id)
    choose(dialog.tutor_combo, tutor.id)
    assert dialog.company_combo.currentData() == company.id  # the tutor's company
    choose(dialog.referent_combo, trainer.id)
    click_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error_label.text()
    apprentice = dialog.saved_row
    assert apprentice.tutor_name == "LAMBERT Marc" and apprentice.referent_name == "DURAND Sophie"
    assert page.apprentices.model.rowCount() == 1
    assert page.apprentices.selected().id == apprentice.id

    seen = visible_directory(store, authenticate(store, "m.lambert", "secret-m.lambert"))
    assert [(c.name, [a.display_name for a in c.apprentices]) for c in seen.classes] == [
        ("1CAP", ["NOUVEAU Léa"])
    ]
    other = visible_directory(store, authenticate(store, "l.faure", "secret-l.faure"))
    assert other.classes == ()


def test_a_form_error_shows_in_the_dialog_and_keeps_it_open(qtbot, store: Store) -> None:
    """An empty class name shows the service's French message in the dialog, which stays
    open with what was typed; fixing it saves."""
    boss = create_first_admin(store, "admin", "secret-du-centre", "MOREAU", "Catherine")
    year = admin.create_school_year(
        store, boss, admin.SchoolYearInput("2024-2025", QDate(2024, 9, 2).toPython(),
                                           QDate(2025, 7, 4).toPython())
    )  # fmt: skip
    admin.create_diploma(store, boss, admin.DiplomaInput("CAP-ELEC", "CAP Électricien"))
    page = open_page(qtbot, store, boss)
    show_tab(page, page.classes)
    qtbot.mouseClick(page.classes.new_button, Qt.MouseButton.LeftButton)
    dialog = page.classes.dialog
    type_into(qtbot, dialog.level_edit, "Première année")
    dialog.diploma_combo.setCurrentIndex(1)
    click_ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_label.text() == "Le champ « Nom de la classe » est obligatoire."
    assert dialog.level_edit.text() == "Première année"
    assert dialog.name_edit.hasFocus() or not page.isActiveWindow()
    type_into(qtbot, dialog.name_edit, "1CAP")
    click_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [c.name for c in admin.list_classes(store, boss)] == ["1CAP"]
    assert page.classes.model.row_at(0).school_year_id == year.id


def test_mismatched_passwords_keep_the_account_dialog_open(qtbot, store: Store) -> None:
    """Two different passwords are refused in the dialog and no account is created."""
    boss = create_first_admin(store, "admin", "secret-du-centre", "MOREAU", "Catherine")
    page = open_page(qtbot, store, boss)
    qtbot.mouseClick(page.accounts.new_button, Qt.MouseButton.LeftButton)
    dialog = page.accounts.dialog
    type_into(qtbot, dialog.login_edit, "x")
    type_into(qtbot, dialog.last_name_edit, "X")
    type_into(qtbot, dialog.password_edit, "secret-un")
    type_into(qtbot, dialog.confirm_edit, "secret-deux")
    click_ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.error_label.text()
    assert len(admin.list_accounts(store, boss)) == 1


def test_a_stale_edit_shows_the_conflict_in_the_dialog(qtbot, demo_store: Store) -> None:
    """Saving a company someone else changed meanwhile shows the conflict, keeps the form."""
    boss = authenticate(demo_store, "admin", "cpro-demo")
    page = open_page(qtbot, demo_store, boss)
    show_tab(page, page.companies)
    company = page.companies.model.row_at(0)
    page.companies.select_id(company.id)
    qtbot.mouseClick(page.companies.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.companies.dialog
    admin.update_company(
        demo_store,
        boss,
        company.id,
        company.version,
        admin.CompanyInput(company.name, company.siret, city="Ailleurs"),
    )
    type_into(qtbot, dialog.city_edit, "Roubaix")
    click_ok(qtbot, dialog)
    assert dialog.isVisible() and "entre-temps" in dialog.error_label.text()
    assert dialog.city_edit.text() == "Roubaix"


def test_deactivating_from_the_accounts_tab(qtbot, demo_store: Store, monkeypatch) -> None:
    """After confirmation the tutor's account is deactivated and the button offers to
    reactivate it; a refusal (one's own account) shows in the tab."""
    monkeypatch.setattr(admin_ask, "confirm", lambda *args: True)
    boss = authenticate(demo_store, "admin", "cpro-demo")
    page = open_page(qtbot, demo_store, boss)
    tab = page.accounts
    tutor = next(r for r in tab.model.rows() if r.login == "tuteur")
    tab.select_id(tutor.id)
    assert tab.active_button.isEnabled()
    qtbot.mouseClick(tab.active_button, Qt.MouseButton.LeftButton)
    assert not tab.selected().is_active
    assert tab.active_button.text() == tab.tr("Reactivate")
    me = next(r for r in tab.model.rows() if r.login == "admin")
    tab.select_id(me.id)
    qtbot.mouseClick(tab.active_button, Qt.MouseButton.LeftButton)
    assert tab.message.text() == "Vous ne pouvez pas désactiver votre propre compte."


def test_deleting_a_used_competence_is_refused_in_the_tab(
    qtbot, demo_store: Store, monkeypatch
) -> None:
    """Deleting C1 of MELEC shows the French refusal; an unused new one is deleted."""
    monkeypatch.setattr(admin_ask, "confirm", lambda *args: True)
    boss = authenticate(demo_store, "admin", "cpro-demo")
    page = open_page(qtbot, demo_store, boss)
    tab = page.frameworks
    show_tab(page, tab)
    melec = next(t for t in tab.model.trees() if t.diploma.code == "BACPRO-MELEC")
    c1 = melec.competences[0]
    assert tab.select_key(node_key("competence", c1.id))
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert "déjà utilisée" in tab.message.text()
    added = admin.add_framework_item(
        demo_store,
        boss,
        admin.ItemKind.COMPETENCE,
        melec.diploma.framework_id,
        admin.ItemInput("C99", "Inutilisée"),
    )
    tab.refresh()
    assert tab.select_key(node_key("competence", added.id))
    qtbot.mouseClick(tab.up_button, Qt.MouseButton.LeftButton)
    moved = next(t for t in tab.model.trees() if t.diploma.code == "BACPRO-MELEC")
    assert [c.code for c in moved.competences][-2:] == ["C99", "C13"]
    assert tab.current_key() == node_key("competence", added.id)
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    after = next(t for t in tab.model.trees() if t.diploma.code == "BACPRO-MELEC")
    assert "C99" not in [c.code for c in after.competences]


def test_centre_identity_is_saved_from_its_tab(qtbot, store: Store) -> None:
    """The centre tab saves the identity; a bad UAI code shows the French message."""
    boss = create_first_admin(store, "admin", "secret-du-centre", "MOREAU", "Catherine")
    page = open_page(qtbot, store, boss)
    tab = page.centre
    show_tab(page, tab)
    type_into(qtbot, tab.name_edit, "CFA du Val")
    type_into(qtbot, tab.uai_edit, "12")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.message.text().startswith("Le code UAI compte 7 chiffres")
    type_into(qtbot, tab.uai_edit, "0930000x")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert admin.get_centre(store, boss).uai_code == "0930000X"
    assert tab.uai_edit.text() == "0930000X"


def test_table_models_pass_the_model_tester(qtmodeltester, demo_store: Store) -> None:
    """Each table model, empty and filled from the demo, passes qtmodeltester."""
    boss = authenticate(demo_store, "admin", "cpro-demo")
    filled = [
        (AccountTableModel(), admin.list_accounts(demo_store, boss)),
        (SchoolYearTableModel(), admin.list_school_years(demo_store, boss)),
        (ClassTableModel(), admin.list_classes(demo_store, boss)),
        (CompanyTableModel(), admin.list_companies(demo_store, boss)),
        (ApprenticeTableModel(), admin.list_apprentices(demo_store, boss)),
    ]
    for model, rows in filled:
        qtmodeltester.check(model)
        model.set_rows(rows)
        assert model.rowCount() == len(rows) > 0
        qtmodeltester.check(model)


def test_framework_tree_model_passes_the_model_tester(qtmodeltester, demo_store: Store) -> None:
    """The framework tree, filled from the demo, passes qtmodeltester and nests
    diploma → groups → competences → criteria."""
    boss = authenticate(demo_store, "admin", "cpro-demo")
    model = FrameworkTreeModel()
    trees = admin.framework_trees(demo_store, boss)
    model.set_trees(trees)
    qtmodeltester.check(model)
    assert model.rowCount() == len(trees)
    melec = next(i for i in range(model.rowCount()) if model.index(i, 0).data() == "BACPRO-MELEC")
    diploma = model.index(melec, 0)
    competences = model.index(1, 0, diploma)
    assert model.rowCount(competences) == 13
    assert model.index(0, 0, competences).data() == "C1"
    assert model.rowCount(model.index(0, 0, competences)) == 3


def test_dates_are_shown_day_first(qtbot, demo_store: Store) -> None:
    """Birth dates and school year bounds read DD/MM/YYYY."""
    boss = authenticate(demo_store, "admin", "cpro-demo")
    model = ApprenticeTableModel()
    model.set_rows(admin.list_apprentices(demo_store, boss))
    mina = next(r for r in range(model.rowCount()) if model.row_at(r).last_name == "AZZOUG")
    assert model.index(mina, model.BIRTH_DATE).data() == "14/03/2006"
    years = SchoolYearTableModel()
    years.set_rows(admin.list_school_years(demo_store, boss))
    assert years.index(0, years.START).data() == "01/09/2023"


def test_erasing_an_apprentice_with_validated_reviews_asks_why(qtbot, demo_store: Store) -> None:
    """Mina's 3 validated reviews are documents: the erasure dialog asks the reason and
    stays disabled without it, even with her name typed; the reason reaches the trail."""
    from sqlalchemy import select

    from cpro_desktop import models as m
    from cpro_desktop.services import audit
    from cpro_desktop.services.interop.record import erasure_preview
    from cpro_desktop.views.admin.apprentices import ErasureDialog

    admin = authenticate(demo_store, "admin", "cpro-demo")
    context = AppContext(demo_store, admin, Settings(), ApprenticeSelection())
    with demo_store.read() as session:
        mina = session.scalar(select(m.Apprentice.id).where(m.Apprentice.last_name == "AZZOUG"))
    dialog = ErasureDialog(context, erasure_preview(demo_store, admin, mina))
    qtbot.addWidget(dialog)
    assert dialog.reason_edit.isVisibleTo(dialog)
    dialog.name_edit.setText("AZZOUG Mina")
    assert not dialog.ok_button.isEnabled()
    dialog.reason_edit.setText("Demande de l'apprentie (RGPD)")
    assert dialog.ok_button.isEnabled()
    erased = dialog.submit()
    assert erased.validated_reviews == 3
    rows = audit.list_events(demo_store, admin)
    assert (
        rows[0].action == "erasure" and "raison : Demande de l'apprentie (RGPD)" in rows[0].detail
    )
