"""The Administration module: one tab per thing the administrator sets up."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from cpro_desktop.services.permissions import Module
from cpro_desktop.views.admin.accounts import AccountsTab
from cpro_desktop.views.admin.apprentices import ApprenticesTab
from cpro_desktop.views.admin.audit import AuditTab
from cpro_desktop.views.admin.centre import CentreTab
from cpro_desktop.views.admin.classes import ClassesTab
from cpro_desktop.views.admin.companies import CompaniesTab
from cpro_desktop.views.admin.frameworks import FrameworksTab
from cpro_desktop.views.admin.imports import ImportsTab
from cpro_desktop.views.admin.school_years import SchoolYearsTab
from cpro_desktop.views.context import AppContext
from cpro_desktop.views.modules import module_title


class AdministrationPage(QWidget):
    """Accounts, school years, classes, companies, apprentices, diplomas and frameworks,
    the centre, imports and the audit trail; a tab reloads whenever it is shown, so it reflects
    the other tabs."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.heading = QLabel(f"<h2>{module_title(Module.ADMINISTRATION)}</h2>", self)
        self.tab_widget = QTabWidget(self)
        self.tab_widget.setObjectName("admin_tabs")
        self.accounts = AccountsTab(context, self.tab_widget)
        self.school_years = SchoolYearsTab(context, self.tab_widget)
        self.classes = ClassesTab(context, self.tab_widget)
        self.companies = CompaniesTab(context, self.tab_widget)
        self.apprentices = ApprenticesTab(context, self.tab_widget)
        self.frameworks = FrameworksTab(context, self.tab_widget)
        self.centre = CentreTab(context, self.tab_widget)
        self.imports = ImportsTab(context, self.tab_widget)
        self.audit = AuditTab(context, self.tab_widget)
        self.tab_widget.addTab(self.accounts, self.tr("Accounts"))
        self.tab_widget.addTab(self.school_years, self.tr("School years"))
        self.tab_widget.addTab(self.classes, self.tr("Classes"))
        self.tab_widget.addTab(self.companies, self.tr("Companies"))
        self.tab_widget.addTab(self.apprentices, self.tr("Apprentices"))
        self.tab_widget.addTab(self.frameworks, self.tr("Diplomas and frameworks"))
        self.tab_widget.addTab(self.centre, self.tr("Centre"))
        self.tab_widget.addTab(self.imports, self.tr("Imports"))
        self.tab_widget.addTab(self.audit, self.tr("Audit trail"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tab_widget, 1)
        #: The tab shown reads when the page first shows (a hidden page reads nothing).
        self._shown_once = False
        self.tab_widget.currentChanged.connect(self._tab_shown)
        # An import changes diplomas, classes and apprentices: every list reloads.
        self.imports.imported.connect(lambda _result: self.refresh_all())

    def showEvent(self, event: QShowEvent) -> None:
        if not self._shown_once:
            self._shown_once = True
            self._tab_shown(self.tab_widget.currentIndex())
        super().showEvent(event)

    def tabs(self) -> list[QWidget]:
        return [self.tab_widget.widget(i) for i in range(self.tab_widget.count())]

    def _tab_shown(self, index: int) -> None:
        tab = self.tab_widget.widget(index)
        refresh = getattr(tab, "refresh", None)
        if refresh is not None:
            refresh()

    def refresh_all(self) -> None:
        for tab in self.tabs():
            tab.refresh()  # type: ignore[attr-defined]
