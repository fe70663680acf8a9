"""The "Centre" tab: the centre's identity printed on every document (name, UAI code,
address, phone, email), edited in place."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cpro_desktop.services import admin as service
from cpro_desktop.services.admin import CentreInfo, CentreInput, CproError, ValidationError
from cpro_desktop.views.admin.common import ERROR_STYLE, OK_STYLE
from cpro_desktop.views.context import AppContext


class CentreTab(QWidget):
    """The centre's identity as a form with a Save button."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.info = CentreInfo("", "", "", "", "", "", "", 0)
        self.name_edit = QLineEdit(self)
        self.uai_edit = QLineEdit(self)
        self.uai_edit.setPlaceholderText("0930000X")
        self.uai_edit.setMaximumWidth(140)
        self.address_edit = QLineEdit(self)
        self.postcode_edit = QLineEdit(self)
        self.postcode_edit.setMaximumWidth(90)
        self.city_edit = QLineEdit(self)
        self.phone_edit = QLineEdit(self)
        self.email_edit = QLineEdit(self)
        self.fields = {
            "name": self.name_edit,
            "uai_code": self.uai_edit,
            "address": self.address_edit,
            "postcode": self.postcode_edit,
            "city": self.city_edit,
            "phone": self.phone_edit,
            "email": self.email_edit,
        }
        town = QHBoxLayout()
        town.addWidget(self.postcode_edit)
        town.addWidget(self.city_edit, 1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Centre name:"), self.name_edit)
        form.addRow(self.tr("UAI code:"), self.uai_edit)
        form.addRow(self.tr("Address:"), self.address_edit)
        form.addRow(self.tr("Postcode and town:"), town)
        form.addRow(self.tr("Phone:"), self.phone_edit)
        form.addRow(self.tr("Email:"), self.email_edit)
        hint = QLabel(
            self.tr("The centre's identity is printed on every booklet, sheet and review."), self
        )
        hint.setWordWrap(True)
        self.message = QLabel("", self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.clicked.connect(lambda _checked=False: self.save())
        self.revert_button = QPushButton(self.tr("Revert"), self)
        self.revert_button.clicked.connect(lambda _checked=False: self.refresh())
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        box = QWidget(self)
        box.setMaximumWidth(720)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(hint)
        inner.addLayout(form)
        inner.addWidget(self.message)
        inner.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addStretch(1)

    def refresh(self) -> bool:
        """Show the stored identity (what was typed and not saved is dropped)."""
        try:
            self.info = service.get_centre(self.context.store, self.context.actor)
        except CproError as exc:
            self._say(str(exc), ok=False)
            return False
        self.message.clear()
        self.name_edit.setText(self.info.name)
        self.uai_edit.setText(self.info.uai_code)
        self.address_edit.setText(self.info.address)
        self.postcode_edit.setText(self.info.postcode)
        self.city_edit.setText(self.info.city)
        self.phone_edit.setText(self.info.phone)
        self.email_edit.setText(self.info.email)
        return True

    def values(self) -> CentreInput:
        return CentreInput(
            name=self.name_edit.text(),
            uai_code=self.uai_edit.text(),
            address=self.address_edit.text(),
            postcode=self.postcode_edit.text(),
            city=self.city_edit.text(),
            phone=self.phone_edit.text(),
            email=self.email_edit.text(),
        )

    def save(self) -> bool:
        try:
            self.info = service.update_centre(
                self.context.store, self.context.actor, self.info.version, self.values()
            )
        except ValidationError as exc:
            self._say(str(exc), ok=False)
            widget = self.fields.get(exc.field)
            if widget is not None:
                widget.setFocus()
            return False
        except CproError as exc:
            self._say(str(exc), ok=False)
            return False
        self.uai_edit.setText(self.info.uai_code)
        self._say(self.tr("Saved."), ok=True)
        return True

    def _say(self, text: str, ok: bool) -> None:
        self.message.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.message.setText(text)
