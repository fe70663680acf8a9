"""Module 3, "Bilans des activités en entreprise": the tutor's review form on the apprentice
chosen in the shared selector; and the trainer's interim review in the centre, the same form in
a dialog that the dashboard opens."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from cpro_desktop.models.enums import Origin
from cpro_desktop.views.context import AppContext
from cpro_desktop.views.reviews.form import ReviewForm


class CompanyReviewPage(QWidget):
    """The tutor's company review of the selected apprentice: draft, resume, validate."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        self.form = ReviewForm(context, Origin.COMPANY, self)
        layout.addWidget(self.form)
        context.selection.changed.connect(self.form.set_apprentice)
        if context.selection.apprentice_id is not None:
            self.form.set_apprentice(context.selection.apprentice_id)

    def mark_stale(self) -> None:
        """The data changed elsewhere: the form reads again now if shown, else when shown."""
        self.form.mark_stale()


class CentreReviewDialog(QDialog):
    """The trainer's interim review in the centre, with the optional proposed mark out of 20;
    `review_validated` tells the dashboard to refresh (its black line moves)."""

    review_validated = Signal(object)  # ReviewSnapshot

    def __init__(
        self, context: AppContext, apprentice_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Interim competence review"))
        self.resize(1100, 760)
        layout = QVBoxLayout(self)
        self.form = ReviewForm(context, Origin.CENTRE, self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.form, 1)
        layout.addWidget(self.buttons)
        self.form.validated.connect(self.review_validated)
        self.form.set_apprentice(apprentice_id)

    def done(self, result: int) -> None:
        # Closing keeps what was typed; a refused save (a conflict) keeps the dialog open.
        if not self.form.save_if_dirty():
            return
        super().done(result)
