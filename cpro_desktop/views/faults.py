"""How a failed action reaches the user: one helper for every view's error path.

A fault of the store (server unreachable, store busy, read-only or full) is not the user's
doing and usually passes: the user is offered *Réessayer* and *Annuler*
(`ask.store_unavailable`), and the view runs the same action again on *Réessayer*. The
action is a whole service call, one transaction that the failure rolled back, so running it
again never half-applies it. Nothing is cleared either way: editors keep what was typed.

When the store says the call failed on a connection left over from before a server restart,
nothing committed (`StoreUnavailable.retry_safe`), the action runs again at once without
asking: it then gets a fresh connection, and a second failure is told. A connection lost
while committing (`outcome_unknown`: the save may have been made) is only told: the user
reloads before doing it again, never a comment saved twice.

Any other error is shown as it is (its French message; a file error in French too). The
views use it as:

    except CproError as exc:
        if faults.retry_wanted(self, title, exc, ask.show_error):
            return self.save()
        return False
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from cpro_desktop.files import write_failure
from cpro_desktop.store.errors import StoreUnavailable
from cpro_desktop.views import ask

Show = Callable[[QWidget | None, str, str], None]


def describe(exc: BaseException) -> str:
    """The French message of an error shown to the user."""
    if isinstance(exc, OSError):
        # The views write files (PDFs, saved attachments); the name may be a temporary one.
        return write_failure(None, exc)
    return str(exc)


def retry_wanted(
    parent: QWidget | None, title: str, exc: BaseException, show: Show | None = None
) -> bool:
    """Tell `exc` to the user; True when the action is to run again (*Réessayer*, or a
    call that failed on a connection from before a restart). `show` tells other errors
    (the module's own `ask.show_error`; the shell's by default)."""
    if isinstance(exc, StoreUnavailable) and not exc.outcome_unknown:
        if exc.retry_safe:
            return True
        return ask.store_unavailable(parent, title, str(exc))
    (show or ask.show_error)(parent, title, describe(exc))
    return False
