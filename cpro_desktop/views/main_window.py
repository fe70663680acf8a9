"""The main window: the five modules of the seed (placeholders until each is built)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cpro_desktop.services.overview import StoreOverview

MODULES = [
    "Suivi des activités en entreprise",
    "Tableaux de bord de l'apprenti",
    "Bilans des activités en entreprise",
    "Bilans de compétences",
    "Livret d'apprentissage",
]


class MainWindow(QMainWindow):
    """A module list on the left, the selected module on the right."""

    def __init__(self, overview: StoreOverview) -> None:
        super().__init__()
        self.setWindowTitle(f"CPRO Desktop — {overview.centre_name}")
        self.resize(1100, 700)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        self.module_list = QListWidget(central)
        self.module_list.addItems(["Accueil", *MODULES])
        self.module_list.setFixedWidth(280)
        self.pages = QStackedWidget(central)
        self.pages.addWidget(self._home(overview))
        for name in MODULES:
            self.pages.addWidget(
                self._placeholder(
                    name, "Ce module n'est pas encore construit : il arrive dans une prochaine "
                    "version de CPRO Desktop."
                )
            )  # fmt: skip
        self.module_list.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.module_list.setCurrentRow(0)
        layout.addWidget(self.module_list)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        backend = "SQLite" if overview.backend == "sqlite" else "PostgreSQL"
        self.statusBar().showMessage(f"Base {backend} : {overview.location}")

    def _placeholder(self, title: str, text: str) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        heading = QLabel(f"<h2>{title}</h2>", page)
        body = QLabel(text, page)
        body.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addStretch(1)
        return page

    def _home(self, overview: StoreOverview) -> QWidget:
        lines = "".join(
            f"<tr><td>{label}</td><td align='right'>{count}</td></tr>"
            for label, count in overview.counts.items()
        )
        page = self._placeholder(overview.centre_name, "Contenu de la base :")
        table = QLabel(f"<table cellspacing='6'>{lines}</table>", page)
        table.setTextFormat(Qt.TextFormat.RichText)
        page.layout().insertWidget(2, table)
        return page
