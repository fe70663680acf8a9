"""The "Apprentis" tab: apprentices with their class, company, tutor, referent trainer,
own account and legal guardians. Moving one to another class keeps all his history.

The tab also serves the apprentice's GDPR rights: his record leaves as a ZIP (portability),
and an administrator can erase him after seeing what goes and typing his name."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListWidget, QVBoxLayout, QWidget

from cpro_desktop.services import admin as service
from cpro_desktop.services.activities.labels import size_label
from cpro_desktop.services.admin import ApprenticeInput, ApprenticeRow, CproError, FormChoices
from cpro_desktop.services.interop import record
from cpro_desktop.services.interop.record import ErasurePreview
from cpro_desktop.views import ask
from cpro_desktop.views.admin.common import (
    AdminTab,
    CheckList,
    FormDialog,
    combo_id,
    date_edit,
    date_value,
    fill_combo,
    set_date,
)
from cpro_desktop.views.admin.models import ApprenticeTableModel
from cpro_desktop.views.busy import busy
from cpro_desktop.views.context import AppContext


class ApprenticeDialog(FormDialog):
    """Create or edit an apprentice; the tutor list follows the chosen company."""

    def __init__(
        self,
        context: AppContext,
        choices: FormChoices,
        row: ApprenticeRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.choices = choices
        self.row = row
        self.setWindowTitle(
            self.tr("New apprentice") if row is None else self.tr("Edit apprentice")
        )
        self.setMinimumWidth(540)
        self.last_name_edit = QLineEdit(self)
        self.first_name_edit = QLineEdit(self)
        self.birth_date_edit = date_edit(self, optional=True)
        self.national_id_edit = QLineEdit(self)
        self.national_id_edit.setPlaceholderText(self.tr("11 characters, e.g. 070123456AB"))
        self.email_edit = QLineEdit(self)
        self.phone_edit = QLineEdit(self)
        self.address_edit = QLineEdit(self)
        self.class_combo = QComboBox(self)
        fill_combo(
            self.class_combo,
            choices.classes,
            row.school_class_id if row else None,
            self.tr("(no class)"),
        )
        self.company_combo = QComboBox(self)
        fill_combo(
            self.company_combo,
            choices.companies,
            row.company_id if row else None,
            self.tr("(no company)"),
        )
        self.tutor_combo = QComboBox(self)
        self.referent_combo = QComboBox(self)
        fill_combo(
            self.referent_combo,
            choices.teachers,
            row.referent_trainer_id if row else None,
            self.tr("(no referent)"),
        )
        self.account_combo = QComboBox(self)
        own_id = row.id if row else None
        fill_combo(
            self.account_combo,
            choices.apprentice_accounts,
            row.account_id if row else None,
            self.tr("(no account)"),
            keep=lambda choice: choice.parent_id in (None, own_id),
        )
        self.guardians_list = CheckList(self)
        self.guardians_list.setMaximumHeight(80)
        self.guardians_list.set_choices(choices.guardians, row.guardian_ids if row else ())
        self.add_row(self.tr("Last name:"), self.last_name_edit, "last_name")
        self.add_row(self.tr("First name:"), self.first_name_edit, "first_name")
        self.add_row(self.tr("Birth date:"), self.birth_date_edit, "birth_date")
        self.add_row(self.tr("INE (national id):"), self.national_id_edit, "national_id")
        self.add_row(self.tr("Email:"), self.email_edit, "email")
        self.add_row(self.tr("Phone:"), self.phone_edit, "phone")
        self.add_row(self.tr("Address:"), self.address_edit, "address")
        self.add_row(self.tr("Class:"), self.class_combo, "school_class_id")
        self.add_row(self.tr("Company:"), self.company_combo, "company_id")
        self.add_row(self.tr("Company tutor:"), self.tutor_combo, "tutor_id")
        self.add_row(self.tr("Referent trainer:"), self.referent_combo, "referent_trainer_id")
        self.add_row(self.tr("Own account:"), self.account_combo, "account_id")
        self.add_row(self.tr("Legal guardians:"), self.guardians_list, "guardian_ids")
        if row is not None:
            self.last_name_edit.setText(row.last_name)
            self.first_name_edit.setText(row.first_name)
            set_date(self.birth_date_edit, row.birth_date)
            self.national_id_edit.setText(row.national_id)
            self.email_edit.setText(row.email)
            self.phone_edit.setText(row.phone)
            self.address_edit.setText(row.address)
        self._fill_tutors(row.tutor_id if row else None)
        self.company_combo.currentIndexChanged.connect(lambda _i: self._company_changed())
        self.tutor_combo.currentIndexChanged.connect(lambda _i: self._tutor_changed())

    def _fill_tutors(self, current: int | None) -> None:
        """The tutors of the chosen company (every tutor while no company is chosen)."""
        company = combo_id(self.company_combo)
        fill_combo(
            self.tutor_combo,
            self.choices.tutors,
            current,
            self.tr("(no tutor)"),
            keep=lambda choice: company is None or choice.parent_id == company,
        )

    def _company_changed(self) -> None:
        company = combo_id(self.company_combo)
        current = combo_id(self.tutor_combo)
        tutor = next((t for t in self.choices.tutors if t.id == current), None)
        keep = tutor is not None and (company is None or tutor.parent_id == company)
        self._fill_tutors(current if keep else None)

    def _tutor_changed(self) -> None:
        """Choosing a tutor with no company chosen picks his company."""
        current = combo_id(self.tutor_combo)
        tutor = next((t for t in self.choices.tutors if t.id == current), None)
        if tutor is None or tutor.parent_id is None or combo_id(self.company_combo) is not None:
            return
        index = self.company_combo.findData(tutor.parent_id)
        if index >= 0:
            self.company_combo.blockSignals(True)
            self.company_combo.setCurrentIndex(index)
            self.company_combo.blockSignals(False)
            self._fill_tutors(current)

    def values(self) -> ApprenticeInput:
        return ApprenticeInput(
            last_name=self.last_name_edit.text(),
            first_name=self.first_name_edit.text(),
            birth_date=date_value(self.birth_date_edit),
            national_id=self.national_id_edit.text(),
            email=self.email_edit.text(),
            phone=self.phone_edit.text(),
            address=self.address_edit.text(),
            school_class_id=combo_id(self.class_combo),
            company_id=combo_id(self.company_combo),
            tutor_id=combo_id(self.tutor_combo),
            referent_trainer_id=combo_id(self.referent_combo),
            account_id=combo_id(self.account_combo),
            guardian_ids=self.guardians_list.checked_ids(),
        )

    def submit(self) -> ApprenticeRow:
        store, actor = self.context.store, self.context.actor
        if self.row is None:
            return service.create_apprentice(store, actor, self.values())
        return service.update_apprentice(store, actor, self.row.id, self.row.version, self.values())


def _same_name(typed: str, name: str) -> bool:
    """The typed confirmation names the apprentice (case and spacing aside)."""
    return " ".join(typed.split()).casefold() == " ".join(name.split()).casefold() != ""


class ErasureDialog(FormDialog):
    """What erasing an apprentice removes and what it keeps; the red button only works once
    the administrator has typed the apprentice's name."""

    def __init__(
        self, context: AppContext, preview: ErasurePreview, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.preview = preview
        self.setWindowTitle(self.tr("Erase an apprentice"))
        self.setMinimumWidth(680)
        warning = QLabel(self)
        warning.setWordWrap(True)
        warning.setText(
            "<b>"
            + html.escape(
                self.tr(
                    "Everything the store holds about %1 will be erased. This cannot be undone: "
                    "export his record first if it must be kept."
                ).replace("%1", preview.name)
            )
            + "</b>"
        )
        self.items_list = QListWidget(self)
        self.items_list.setObjectName("items")
        for item in preview.items:
            self.items_list.addItem(str(item))
        # Tall enough for a dozen groups; the rest scrolls (the dialog must fit a laptop).
        rows = min(12, max(1, len(preview.items)))
        self.items_list.setFixedHeight(8 + rows * self.items_list.fontMetrics().lineSpacing() + 4)
        kept = QLabel(self)
        kept.setWordWrap(True)
        kept.setTextFormat(Qt.TextFormat.RichText)
        kept.setText(
            "<ul style='margin-left: 0px; -qt-list-indent: 1;'>"
            + "".join(f"<li>{html.escape(sentence)}</li>" for sentence in preview.kept)
            + "</ul>"
        )
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("reason")
        self.reason_edit.textChanged.connect(lambda _text: self.update_button())
        self.reason_edit.setMinimumWidth(340)
        if preview.needs_reason:
            self.reason_edit.setToolTip(
                self.tr(
                    "Validated reviews are documents: the reason is kept in the audit trail. "
                    "Export the record first if they must be kept."
                )
            )
            self.reason_edit.setPlaceholderText(
                self.tr("e.g. request of the apprentice (GDPR), record exported on …")
            )
            self.add_row(
                self.tr("Why erase %1 validated review(s)?").replace(
                    "%1", str(preview.validated_reviews)
                ),
                self.reason_edit,
            )
        else:
            self.reason_edit.hide()
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("confirmation")
        self.name_edit.textChanged.connect(lambda _text: self.update_button())
        self.add_row(
            self.tr("Type his name (%1) to confirm:").replace("%1", preview.name), self.name_edit
        )
        self.ok_button.setText(self.tr("Erase permanently"))
        self.ok_button.setStyleSheet(
            "QPushButton:enabled { background: #b00020; color: white; font-weight: bold; }"
        )
        bold = self.ok_button.font()
        bold.setBold(True)
        self.ok_button.setMinimumWidth(
            QFontMetrics(bold).horizontalAdvance(self.ok_button.text()) + 32
        )
        self.ok_button.setDefault(False)
        self.ok_button.setAutoDefault(False)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        above = [warning, QLabel(self.tr("Will be erased:"), self), self.items_list]
        if preview.kept:
            above += [QLabel(self.tr("What stays:"), self), kept]
        else:
            kept.hide()
        for position, widget in enumerate(above):
            layout.insertWidget(position, widget)
        self.update_button()

    def update_button(self) -> None:
        reason_given = bool(self.reason_edit.text().strip()) or not self.preview.needs_reason
        self.ok_button.setEnabled(
            reason_given and _same_name(self.name_edit.text(), self.preview.name)
        )

    def accept(self) -> None:
        if self.ok_button.isEnabled():
            super().accept()

    def submit(self) -> ErasurePreview:
        return record.erase_apprentice(
            self.context.store,
            self.context.actor,
            self.preview.apprentice_id,
            self.preview.version,
            self.reason_edit.text(),
        )


class ApprenticesTab(AdminTab):
    """Every apprentice, by name."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, ApprenticeTableModel(), parent)
        self.new_button = self.add_button(self.tr("New…"), self.create, False, "new")
        self.edit_button = self.add_button(self.tr("Edit…"), self.edit_selected, True, "edit")
        self.export_button = self.add_button(
            self.tr("Export the record (GDPR)…"), self.export_selected, True, "export"
        )
        self.erase_button = self.add_button(
            self.tr("Erase the apprentice…"), self.erase_selected, True, "erase"
        )
        self.finish_buttons()
        self.set_column_widths([140, 120, 160, 145, 115, 80, None])

    def load(self) -> tuple[ApprenticeRow, ...]:
        return service.list_apprentices(self.context.store, self.context.actor)

    def create(self) -> None:
        choices = self.form_choices()
        if choices is not None:
            self.open_dialog(ApprenticeDialog(self.context, choices, None, self))

    def edit_selected(self) -> None:
        row = self.selected()
        choices = self.form_choices() if row is not None else None
        if row is not None and choices is not None:
            self.open_dialog(ApprenticeDialog(self.context, choices, row, self))

    def export_selected(self) -> None:
        """The apprentice's record as a ZIP: JSON of everything about him, attachments and
        PDFs (right to portability)."""
        row = self.selected()
        if row is None:
            return
        title = self.tr("Export the apprentice's record")
        stem = "-".join(f"{row.last_name} {row.first_name}".split()) or "apprenti"
        path = ask.save_file(
            self, title, f"dossier-{stem}.zip", self.tr("ZIP archive (*.zip)"), "zip"
        )
        if not path:
            return
        self.message.clear()
        try:
            with busy():
                report = record.export_apprentice_record(
                    self.context.store, self.context.actor, row.id, Path(path)
                )
        except CproError as exc:
            self.show_error(exc)
            return
        ask.inform(
            self,
            title,
            self.tr("The record of %1 was written to %2 (%3: %4 attachment(s), %5 PDF(s)).")
            .replace("%1", row.display_name)
            .replace("%2", str(report.path))
            .replace("%3", size_label(report.size_bytes))
            .replace("%4", str(report.attachments))
            .replace("%5", str(report.pdfs)),
        )

    def erase_selected(self) -> None:
        """Show what erasing the selected apprentice removes; erase once confirmed."""
        row = self.selected()
        if row is None:
            return
        try:
            preview = record.erasure_preview(self.context.store, self.context.actor, row.id)
        except CproError as exc:
            self.show_error(exc)
            return
        dialog = ErasureDialog(self.context, preview, self)
        dialog.saved.connect(self._erased)
        self.open_dialog(dialog)

    def _erased(self, erased: ErasurePreview) -> None:
        """The other modules must not keep showing an apprentice who no longer exists."""
        if self.context.selection.apprentice_id == erased.apprentice_id:
            self.context.selection.set(None)
