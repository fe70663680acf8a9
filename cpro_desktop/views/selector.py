"""The class + apprentice selector with previous / next arrows, shared by the modules."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolButton, QWidget

from cpro_desktop.services.directory import Directory


class ApprenticeSelector(QWidget):
    """Pick a class, then one of its apprentices; the arrows walk the whole list."""

    apprentice_chosen = Signal(object)  # int | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.directory = Directory((), False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        self.class_combo = QComboBox(self)
        self.class_combo.setObjectName("class_combo")
        self.class_combo.setMinimumContentsLength(14)
        self.apprentice_combo = QComboBox(self)
        self.apprentice_combo.setObjectName("apprentice_combo")
        self.apprentice_combo.setMinimumContentsLength(18)
        self.previous_button = QToolButton(self)
        self.previous_button.setText("◀")
        self.previous_button.setToolTip(self.tr("Previous apprentice (Ctrl+PgUp)"))
        self.next_button = QToolButton(self)
        self.next_button.setText("▶")
        self.next_button.setToolTip(self.tr("Next apprentice (Ctrl+PgDown)"))
        class_label = QLabel(self.tr("&Class:"), self)
        class_label.setBuddy(self.class_combo)
        apprentice_label = QLabel(self.tr("&Apprentice:"), self)
        apprentice_label.setBuddy(self.apprentice_combo)
        layout.addWidget(class_label)
        layout.addWidget(self.class_combo)
        layout.addSpacing(12)
        layout.addWidget(apprentice_label)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.apprentice_combo)
        layout.addWidget(self.next_button)
        layout.addStretch(1)
        self.class_combo.currentIndexChanged.connect(self._class_changed)
        self.apprentice_combo.currentIndexChanged.connect(self._apprentice_changed)
        self.previous_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)

    def set_directory(self, directory: Directory, select: int | None = None) -> None:
        """Show what the user may pick; re-select `select` if it is still visible."""
        self.directory = directory
        self.class_combo.blockSignals(True)
        self.class_combo.clear()
        for entry in directory.classes:
            self.class_combo.addItem(entry.label, entry.id)
        self.class_combo.blockSignals(False)
        position = directory.find(select) if select is not None else None
        if position is None and directory.classes:
            position = (0, 0)
        if position is None:
            self.apprentice_combo.clear()
            self._update_arrows()
            self.apprentice_chosen.emit(None)
            return
        self._select(*position)

    def current_apprentice_id(self) -> int | None:
        value = self.apprentice_combo.currentData()
        return int(value) if value is not None else None

    def select_apprentice(self, apprentice_id: int) -> bool:
        position = self.directory.find(apprentice_id)
        if position is None:
            return False
        self._select(*position)
        return True

    def previous(self) -> None:
        self._step(-1)

    def next(self) -> None:
        self._step(1)

    def _step(self, delta: int) -> None:
        ids = self.directory.apprentice_ids()
        current = self.current_apprentice_id()
        if current is None or not ids:
            return
        index = ids.index(current) + delta
        if 0 <= index < len(ids):
            self.select_apprentice(ids[index])

    def _select(self, class_index: int, apprentice_index: int) -> None:
        if self.class_combo.currentIndex() != class_index:
            self.class_combo.blockSignals(True)
            self.class_combo.setCurrentIndex(class_index)
            self.class_combo.blockSignals(False)
        self._fill_apprentices(class_index, apprentice_index)

    def _fill_apprentices(self, class_index: int, apprentice_index: int) -> None:
        self.apprentice_combo.blockSignals(True)
        self.apprentice_combo.clear()
        if 0 <= class_index < len(self.directory.classes):
            for apprentice in self.directory.classes[class_index].apprentices:
                self.apprentice_combo.addItem(apprentice.display_name, apprentice.id)
        self.apprentice_combo.setCurrentIndex(apprentice_index)
        self.apprentice_combo.blockSignals(False)
        self._update_arrows()
        self.apprentice_chosen.emit(self.current_apprentice_id())

    def _class_changed(self, index: int) -> None:
        self._fill_apprentices(index, 0)

    def _apprentice_changed(self, _index: int) -> None:
        self._update_arrows()
        self.apprentice_chosen.emit(self.current_apprentice_id())

    def _update_arrows(self) -> None:
        ids = self.directory.apprentice_ids()
        current = self.current_apprentice_id()
        position = ids.index(current) if current in ids else -1
        self.previous_button.setEnabled(position > 0)
        self.next_button.setEnabled(0 <= position < len(ids) - 1)
