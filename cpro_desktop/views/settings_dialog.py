"""The settings: which database (embedded file or PostgreSQL with TLS), the language, the
map tile server. Saved per user; a change of database re-opens the sign-in."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cpro_desktop.config import Settings, embedded_store_path, embedded_store_url
from cpro_desktop.services.store_settings import (
    SSL_MODES,
    compose_postgresql_url,
    split_postgresql_url,
    test_connection,
    url_to_save,
)
from cpro_desktop.store import CproError
from cpro_desktop.views import ask
from cpro_desktop.views.i18n import LANGUAGES

OK_STYLE = "color: #1b5e20;"
ERROR_STYLE = "color: #b00020;"


class SettingsDialog(QDialog):
    """Edits a copy of the settings; `accept()` saves them."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.store_changed = False
        self.language_changed = False
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)

        database = QGroupBox(self.tr("Database"), self)
        db_layout = QVBoxLayout(database)
        self.embedded_radio = QRadioButton(self.tr("Embedded database on this computer"), self)
        embedded_path = QLabel(str(embedded_store_path()), self)
        embedded_path.setIndent(24)
        embedded_path.setWordWrap(True)
        self.server_radio = QRadioButton(self.tr("Shared PostgreSQL server"), self)
        group = QButtonGroup(self)
        group.addButton(self.embedded_radio)
        group.addButton(self.server_radio)
        server_form = QFormLayout()
        self.url_edit = QLineEdit(self)
        self.url_edit.setObjectName("url")
        self.url_edit.setPlaceholderText("postgresql://serveur/cpro")
        self.sslmode_combo = QComboBox(self)
        self.sslmode_combo.addItem(self.tr("(default)"), "")
        for mode in SSL_MODES:
            self.sslmode_combo.addItem(mode, mode)
        ca_row = QHBoxLayout()
        self.ca_edit = QLineEdit(self)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._choose_ca)
        ca_row.addWidget(self.ca_edit, 1)
        ca_row.addWidget(browse)
        server_form.addRow(self.tr("Server address (URL):"), self.url_edit)
        server_form.addRow(self.tr("TLS mode (sslmode):"), self.sslmode_combo)
        server_form.addRow(self.tr("Centre's CA certificate:"), ca_row)
        tls_hint = QLabel(
            self.tr(
                "Across a network, choose verify-full with the centre's CA certificate: "
                "require encrypts but does not check the server."
            ),
            self,
        )
        tls_hint.setWordWrap(True)
        test_row = QHBoxLayout()
        self.test_button = QPushButton(self.tr("Test the connection"), self)
        self.test_button.clicked.connect(self.run_test)
        self.test_result = QLabel("", self)
        self.test_result.setObjectName("test_result")
        self.test_result.setWordWrap(True)
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        db_layout.addWidget(self.embedded_radio)
        db_layout.addWidget(embedded_path)
        db_layout.addWidget(self.server_radio)
        db_layout.addLayout(server_form)
        db_layout.addWidget(tls_hint)
        db_layout.addLayout(test_row)

        other = QGroupBox(self.tr("Display and map"), self)
        other_form = QFormLayout(other)
        self.language_combo = QComboBox(self)
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.tile_edit = QLineEdit(self)
        self.tile_edit.setObjectName("tile_server")
        other_form.addRow(self.tr("Language:"), self.language_combo)
        other_form.addRow(self.tr("Map tile server (XYZ):"), self.tile_edit)

        self.message = QLabel("", self)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(database)
        layout.addWidget(other)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

        self.embedded_radio.toggled.connect(self._update_enabled)
        self._load()

    def _load(self) -> None:
        url = self.settings.database_url.strip()
        if url.startswith("postgres"):
            base, sslmode, ca_file = split_postgresql_url(url)
            self.server_radio.setChecked(True)
            self.url_edit.setText(base)
            self.sslmode_combo.setCurrentIndex(max(0, self.sslmode_combo.findData(sslmode)))
            self.ca_edit.setText(ca_file)
        else:
            self.embedded_radio.setChecked(True)
        self.language_combo.setCurrentIndex(
            max(0, self.language_combo.findData(self.settings.language))
        )
        self.tile_edit.setText(self.settings.tile_server_url)
        self._update_enabled()

    def _update_enabled(self) -> None:
        server = self.server_radio.isChecked()
        for widget in (self.url_edit, self.sslmode_combo, self.ca_edit):
            widget.setEnabled(server)

    def _choose_ca(self) -> None:
        path = ask.open_file(self, self.tr("Centre's CA certificate"), "*.pem *.crt *.cer")
        if path:
            self.ca_edit.setText(path)

    def chosen_url(self) -> str:
        """The database URL the form describes ("" = the embedded store)."""
        if self.embedded_radio.isChecked():
            return ""
        return compose_postgresql_url(
            self.url_edit.text(), self.sslmode_combo.currentData(), self.ca_edit.text()
        )

    def run_test(self) -> None:
        """Try the chosen database and say what happened, without saving anything."""
        try:
            url = self.chosen_url() or embedded_store_url()
        except CproError as exc:
            self._show_test(False, str(exc))
            return
        result = test_connection(url)
        self._show_test(result.ok, result.message)

    def _show_test(self, ok: bool, message: str) -> None:
        self.test_result.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.test_result.setText(message)

    def accept(self) -> None:
        try:
            url = self.chosen_url()
        except CproError as exc:
            self.message.setText(str(exc))
            return
        tile = self.tile_edit.text().strip()
        if tile and not all(part in tile for part in ("{z}", "{x}", "{y}")):
            self.message.setText(self.tr("The tile server URL must contain {z}, {x} and {y}."))
            return
        url, notice = url_to_save(url)
        self.store_changed = url != self.settings.database_url.strip()
        language = self.language_combo.currentData()
        self.language_changed = language != self.settings.language
        self.settings.database_url = url
        self.settings.language = language
        self.settings.tile_server_url = tile or Settings().tile_server_url
        self.settings.save()
        if notice:
            ask.inform(self, self.windowTitle(), notice)
        super().accept()
