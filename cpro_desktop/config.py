"""Where files live (platformdirs) and which store to open.

The store is chosen, first match wins, by `--db URL`, the `CPRO_DATABASE_URL` environment
variable, the user's saved settings, and finally the embedded SQLite file in the user data
directory.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

from cpro_desktop import APP_AUTHOR, APP_NAME
from cpro_desktop.files import atomic_write, private_dir, restrict

ENV_DATABASE_URL = "CPRO_DATABASE_URL"


def data_dir() -> Path:
    """The user data directory (the embedded store lives here)."""
    return Path(user_data_dir(APP_NAME, APP_AUTHOR))


def config_dir() -> Path:
    """The user configuration directory (settings.json)."""
    return Path(user_config_dir(APP_NAME, APP_AUTHOR))


def embedded_store_path() -> Path:
    """The embedded SQLite store's file."""
    return data_dir() / "cpro.sqlite3"


def embedded_store_url() -> str:
    """The embedded store's URL; creates its folder (private, 0700) so that the first start
    works, and makes an existing one private."""
    path = embedded_store_path()
    private_dir(path.parent)
    return f"sqlite:///{path}"


def url_without_password(url: str) -> str:
    """`url` without the password it may hold (the settings keep no secret)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url.strip())
    except (ArgumentError, ValueError):
        return url
    if parsed.password is None:
        return url
    # `set(password=None)` keeps the password: replace the field of the named tuple.
    return parsed._replace(password=None).render_as_string(hide_password=False)


@dataclass
class Settings:
    """Per-user settings, saved as JSON in the config directory: private (0600 in a 0700
    folder) and with no secret (a database URL is saved without its password)."""

    database_url: str = ""
    language: str = "fr"
    tile_server_url: str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    #: The main window's geometry (Qt's saveGeometry(), base64).
    window_geometry: str = ""
    #: The last apprentice chosen, per store and login ("location|login" → apprentice id).
    last_selection: dict[str, int] = field(default_factory=dict)
    #: The last module opened, per login.
    last_module: dict[str, str] = field(default_factory=dict)

    @classmethod
    def path(cls) -> Path:
        return config_dir() / "settings.json"

    @classmethod
    def load(cls) -> Settings:
        """The saved settings, or the defaults if none (or unreadable) are saved."""
        restrict(cls.path().parent)
        restrict(cls.path())
        try:
            raw = json.loads(cls.path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {k: v for k, v in raw.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def save(self) -> None:
        path = self.path()
        private_dir(path.parent)
        values = asdict(self)
        values["database_url"] = url_without_password(self.database_url)
        with atomic_write(path) as partial:
            partial.write_text(json.dumps(values, indent=2, ensure_ascii=False), encoding="utf-8")


class DeviceKeys:
    """The keys this computer received at successful sign-ins, per store and login (see
    `services.auth.sign_in`): with its key, a person is never locked out of this computer
    by someone guessing his password elsewhere. Kept in a private file (0600); a missing
    or unreadable file only means new keys."""

    @staticmethod
    def path() -> Path:
        return data_dir() / "device-keys.json"

    @staticmethod
    def _entry(location: str, login: str) -> str:
        return f"{location}|{login.strip().lower()}"

    @classmethod
    def _load(cls) -> dict[str, str]:
        restrict(cls.path())
        try:
            raw = json.loads(cls.path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {k: v for k, v in raw.items() if isinstance(v, str)} if isinstance(raw, dict) else {}

    @classmethod
    def get(cls, location: str, login: str) -> str | None:
        return cls._load().get(cls._entry(location, login))

    @classmethod
    def put(cls, location: str, login: str, key: str) -> None:
        """Remember `key`; a file that cannot be written costs only the key (no error)."""
        keys = cls._load()
        entry = cls._entry(location, login)
        if keys.get(entry) == key:
            return
        keys[entry] = key
        try:
            private_dir(cls.path().parent)
            with atomic_write(cls.path()) as partial:
                partial.write_text(json.dumps(keys, indent=1), encoding="utf-8")
        except OSError:
            pass


def resolve_database_url(explicit: str | None = None) -> str:
    """The store to open: `--db`, then the environment, then settings, then embedded."""
    if explicit:
        return explicit
    from_env = os.environ.get(ENV_DATABASE_URL, "").strip()
    if from_env:
        return from_env
    saved = Settings.load().database_url.strip()
    if saved:
        return saved
    return embedded_store_url()
