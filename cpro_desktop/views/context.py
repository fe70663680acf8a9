"""What every screen receives: the store, the signed-in actor, settings, the selection."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from cpro_desktop.config import Settings
from cpro_desktop.services.permissions import Actor
from cpro_desktop.store import Store


class ApprenticeSelection(QObject):
    """The apprentice chosen in the shared selector; modules follow `changed`."""

    changed = Signal(object)  # int | None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._apprentice_id: int | None = None

    @property
    def apprentice_id(self) -> int | None:
        return self._apprentice_id

    def set(self, apprentice_id: int | None) -> None:
        if apprentice_id != self._apprentice_id:
            self._apprentice_id = apprentice_id
            self.changed.emit(apprentice_id)


class PageSelection(ApprenticeSelection):
    """A module page's view of the shared selection (`shared`).

    It starts on nobody; the main window hands it the shared selection's apprentice when the
    page shows and while it is shown (`catch_up()`): a hidden page reads nothing when the
    apprentice changes, only once it shows. What the page sets goes to the shared selection.
    """

    def __init__(self, shared: ApprenticeSelection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shared = shared

    def set(self, apprentice_id: int | None) -> None:
        self.shared.set(apprentice_id)
        self.catch_up()

    def catch_up(self) -> bool:
        """Take the shared selection's apprentice (`changed` if he is another); True if so."""
        if self.shared.apprentice_id == self._apprentice_id:
            return False
        super().set(self.shared.apprentice_id)
        return True


@dataclass
class AppContext:
    """Shared by the main window and every module page."""

    store: Store
    actor: Actor
    settings: Settings
    selection: ApprenticeSelection
