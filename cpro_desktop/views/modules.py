"""The module pages of the main window, built for the signed-in user."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from cpro_desktop.services.permissions import Module
from cpro_desktop.views.context import AppContext


def module_title(module: Module) -> str:
    """The module's name, as the seed names it (translated from the English source)."""
    titles = {
        Module.ACTIVITIES: QCoreApplication.translate("Modules", "Company activity follow-up"),
        Module.DASHBOARD: QCoreApplication.translate("Modules", "Apprentice dashboards"),
        Module.COMPANY_REVIEWS: QCoreApplication.translate("Modules", "Company activity reviews"),
        Module.COMPETENCE_REVIEWS: QCoreApplication.translate("Modules", "Competence reviews"),
        Module.BOOKLET: QCoreApplication.translate("Modules", "Apprenticeship booklet"),
        Module.ADMINISTRATION: QCoreApplication.translate("Modules", "Administration"),
    }
    return titles[module]


def unread_text(module: Module, count: int) -> str:
    """What the module entry's counter counts, in words (its tooltip, read aloud too)."""
    if module == Module.ACTIVITIES:
        if count == 1:
            return QCoreApplication.translate(
                "Modules", "1 activity sheet new or changed since you last read it"
            )
        text = QCoreApplication.translate(
            "Modules", "%1 activity sheets new or changed since you last read them"
        )
    else:
        if count == 1:
            return QCoreApplication.translate("Modules", "1 validated company review not read yet")
        text = QCoreApplication.translate("Modules", "%1 validated company reviews not read yet")
    return text.replace("%1", str(count))


#: Modules that work on the apprentice chosen in the shared selector.
APPRENTICE_MODULES = frozenset(
    {
        Module.ACTIVITIES,
        Module.DASHBOARD,
        Module.COMPANY_REVIEWS,
        Module.COMPETENCE_REVIEWS,
        Module.BOOKLET,
    }
)


class PlaceholderPage(QWidget):
    """A module not built yet: says so plainly, and shows whom it would be about."""

    def __init__(self, module: Module, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        self.heading = QLabel(f"<h2>{module_title(module)}</h2>", self)
        self.body = QLabel(
            self.tr(
                "This module is not built yet: it comes in a next version of CPRO Desktop. "
                "The other modules work."
            ),
            self,
        )
        self.body.setObjectName("placeholder")
        self.body.setWordWrap(True)
        self.subject = QLabel("", self)
        layout.addWidget(self.heading)
        layout.addWidget(self.body)
        layout.addWidget(self.subject)
        layout.addStretch(1)


def build_page(
    module: Module,
    context: AppContext,
    parent: QWidget,
    *,
    prefetched: object | None = None,
    unread: int | None = None,
) -> QWidget:
    """The page of `module` for this user. `prefetched`: what the page opens on, read with
    the main window's start (module 1's `PeriodsOverview`); `unread`: its entry's counter,
    already known (the page does not count it again)."""
    if module == Module.ACTIVITIES:
        from cpro_desktop.services.activities import PeriodsOverview
        from cpro_desktop.views.activities import ActivitiesPage

        periods = prefetched if isinstance(prefetched, PeriodsOverview) else None
        return ActivitiesPage(context, parent, periods=periods, unread=unread)
    if module == Module.DASHBOARD:
        from cpro_desktop.views.dashboard import DashboardPage

        return DashboardPage(context, parent)
    if module == Module.BOOKLET:
        from cpro_desktop.views.booklet import BookletPage

        return BookletPage(context, parent)
    if module == Module.COMPANY_REVIEWS:
        from cpro_desktop.views.reviews import CompanyReviewPage

        return CompanyReviewPage(context, parent)
    if module == Module.COMPETENCE_REVIEWS:
        from cpro_desktop.views.reviews import CompetenceReviewsPage

        page = CompetenceReviewsPage(context, parent)
        if unread is not None:
            page.unread_total = unread  # known: counted again when the page reads
        return page
    if module == Module.ADMINISTRATION:
        try:
            from cpro_desktop.views.admin import AdministrationPage
        except ImportError:  # the administration screens ship in their own step
            return PlaceholderPage(module, context, parent)
        return AdministrationPage(context, parent)
    return PlaceholderPage(module, context, parent)


def refresh_page(page: QWidget, apprentice_changed: bool) -> None:
    """Have a page read its data again: the store changed since it last did (something was
    saved elsewhere in the application).

    A page with `mark_stale()` reads again when it is next shown (at once if it is); one
    with `reload()` reads again at once, unless it has just read everything for a new
    apprentice (`apprentice_changed`). Others keep what they have."""
    mark_stale = getattr(page, "mark_stale", None)
    if callable(mark_stale):
        mark_stale()
        return
    reload = getattr(page, "reload", None)
    if callable(reload) and not apprentice_changed:
        reload()
