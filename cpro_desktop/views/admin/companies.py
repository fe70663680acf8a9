"""The "Entreprises" tab: host companies, their address and location for the map."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from cpro_desktop.services import admin as service
from cpro_desktop.services.admin import CompanyInput, CompanyRow
from cpro_desktop.views.admin.common import AdminTab, FormDialog
from cpro_desktop.views.admin.models import CompanyTableModel
from cpro_desktop.views.context import AppContext


class CompanyDialog(FormDialog):
    """Create or edit a host company; the coordinates are optional."""

    def __init__(
        self, context: AppContext, row: CompanyRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.row = row
        self.setWindowTitle(self.tr("New company") if row is None else self.tr("Edit company"))
        self.name_edit = QLineEdit(self)
        self.siret_edit = QLineEdit(self)
        self.siret_edit.setPlaceholderText(self.tr("14 digits (optional)"))
        self.address_edit = QLineEdit(self)
        self.postcode_edit = QLineEdit(self)
        self.postcode_edit.setMaximumWidth(90)
        self.city_edit = QLineEdit(self)
        town = QHBoxLayout()
        town.addWidget(self.postcode_edit)
        town.addWidget(self.city_edit, 1)
        self.phone_edit = QLineEdit(self)
        self.email_edit = QLineEdit(self)
        self.located_check = QCheckBox(self.tr("Known location (for the map)"), self)
        self.latitude_spin = QDoubleSpinBox(self)
        self.latitude_spin.setRange(-90.0, 90.0)
        self.longitude_spin = QDoubleSpinBox(self)
        self.longitude_spin.setRange(-180.0, 180.0)
        coordinates = QHBoxLayout()
        for label, spin in (
            (self.tr("Latitude:"), self.latitude_spin),
            (self.tr("Longitude:"), self.longitude_spin),
        ):
            spin.setDecimals(6)
            spin.setSingleStep(0.001)
            coordinates.addWidget(QLabel(label, self))
            coordinates.addWidget(spin, 1)
        self.add_row(self.tr("Company name:"), self.name_edit, "name")
        self.add_row(self.tr("SIRET:"), self.siret_edit, "siret")
        self.add_row(self.tr("Address:"), self.address_edit, "address")
        self.add_row(self.tr("Postcode and town:"), town)
        self.fields["postcode"] = self.postcode_edit
        self.fields["city"] = self.city_edit
        self.add_row(self.tr("Phone:"), self.phone_edit, "phone")
        self.add_row(self.tr("Email:"), self.email_edit, "email")
        self.add_row("", self.located_check)
        self.add_row(self.tr("Coordinates:"), coordinates)
        self.fields["latitude"] = self.latitude_spin
        self.fields["longitude"] = self.longitude_spin
        if row is not None:
            self.name_edit.setText(row.name)
            self.siret_edit.setText(row.siret)
            self.address_edit.setText(row.address)
            self.postcode_edit.setText(row.postcode)
            self.city_edit.setText(row.city)
            self.phone_edit.setText(row.phone)
            self.email_edit.setText(row.email)
            if row.latitude is not None and row.longitude is not None:
                self.located_check.setChecked(True)
                self.latitude_spin.setValue(row.latitude)
                self.longitude_spin.setValue(row.longitude)
        self.located_check.toggled.connect(self._located_changed)
        self._located_changed()

    def _located_changed(self) -> None:
        located = self.located_check.isChecked()
        self.latitude_spin.setEnabled(located)
        self.longitude_spin.setEnabled(located)

    def values(self) -> CompanyInput:
        located = self.located_check.isChecked()
        return CompanyInput(
            name=self.name_edit.text(),
            siret=self.siret_edit.text(),
            address=self.address_edit.text(),
            postcode=self.postcode_edit.text(),
            city=self.city_edit.text(),
            phone=self.phone_edit.text(),
            email=self.email_edit.text(),
            latitude=self.latitude_spin.value() if located else None,
            longitude=self.longitude_spin.value() if located else None,
        )

    def submit(self) -> CompanyRow:
        store, actor = self.context.store, self.context.actor
        if self.row is None:
            return service.create_company(store, actor, self.values())
        return service.update_company(store, actor, self.row.id, self.row.version, self.values())


class CompaniesTab(AdminTab):
    """Host companies by name; their tutors are accounts with the tutor role."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, CompanyTableModel(), parent)
        self.new_button = self.add_button(self.tr("New…"), self.create, False, "new")
        self.edit_button = self.add_button(self.tr("Edit…"), self.edit_selected, True, "edit")
        self.finish_buttons()
        self.set_column_widths([225, 115, 130, 100, None, 60, 85])

    def load(self) -> tuple[CompanyRow, ...]:
        return service.list_companies(self.context.store, self.context.actor)

    def create(self) -> None:
        self.open_dialog(CompanyDialog(self.context, None, self))

    def edit_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_dialog(CompanyDialog(self.context, row, self))
