"""Typed errors of the store and the services, each with a French message for the user.

Errors of the environment (server down, not a database, newer schema) are `StoreError`s;
a stale save is a `ConflictError`; the services add `PermissionDenied` and `ValidationError`.
"""

from __future__ import annotations

#: A failed sign-in, whatever failed: it never tells whether the login exists.
WRONG_CREDENTIALS = "Identifiant ou mot de passe incorrect."


class CproError(Exception):
    """Base of every error the application shows to a user; `str()` is the French message."""


class StoreError(CproError):
    """The store cannot be used as asked (environment, not a bug)."""


class StoreUnavailable(StoreError):
    """The server does not answer, the URL is wrong, or the file cannot be opened.

    `connection_lost`: the server is out of reach (not a local file's fault).
    `retry_safe`: the unit failed on a connection from before the break, nothing committed:
    running it again at once uses a fresh connection (see `store.engine`).
    `outcome_unknown`: the connection broke while committing; the save may have been made,
    so it is not to be run again before reloading.
    """

    def __init__(
        self,
        message: str,
        *,
        connection_lost: bool = False,
        retry_safe: bool = False,
        outcome_unknown: bool = False,
    ) -> None:
        super().__init__(message)
        self.connection_lost = connection_lost
        self.retry_safe = retry_safe
        self.outcome_unknown = outcome_unknown


class NotADatabase(StoreError):
    """The file exists but is not a CPRO store (nor a SQLite database at all)."""


class SchemaTooNew(StoreError):
    """The store was migrated by a newer version of the application."""


class SchemaTooOld(StoreError):
    """The shared store's schema is older than the application, and only its administrator
    may migrate it."""


class SignInRefused(StoreError):
    """The server refused a person's credentials (wrong, disabled, locked)."""


class ConflictError(CproError):
    """Someone else saved the same row since it was read: nothing was overwritten."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or "Quelqu'un d'autre a enregistré cette fiche entre-temps : vos modifications "
            "n'ont pas été enregistrées. Rechargez pour voir sa version."
        )


class PermissionDenied(CproError):
    """The permission policy forbids this action to this account."""


class ValidationError(CproError):
    """Input rejected by a rule; `field` names the offending field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class NotFound(CproError):
    """The asked-for row does not exist (or no longer)."""
