"""Sign-in throttling: a failure counter per login name, and this computer's trusted keys.

A counter is kept for every login name tried, known or not (by a hash: a mistyped password
in the login field is never stored), so the answers never tell which logins exist. A
successful sign-in gives the computer a key (`TrustedDevice`); with it, only the failures
made with that key slow that computer down, so guesses made elsewhere cannot lock the person
out of his usual computer.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, IdMixin


class SignInThrottle(Base):
    """Consecutive failed sign-ins for one login name, from computers without its key."""

    __tablename__ = "sign_in_throttles"

    #: SHA-256 (hex) of the login name as typed, trimmed and lower-cased.
    login_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_failure_at: Mapped[datetime | None] = mapped_column(index=True)


class TrustedDevice(IdMixin, Base):
    """A computer where the account signed in: its key's hash and its own failure count."""

    __tablename__ = "trusted_devices"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    #: SHA-256 (hex) of the key the computer keeps; never the key itself.
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_failure_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    last_used_at: Mapped[datetime]
