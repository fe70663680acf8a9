"""Database logins of a shared PostgreSQL store: one per account, named after the store.

On a store prepared by `cpro-desktop server init` (a *per-user* store), every account is a
PostgreSQL login role and a person signs in by connecting with his own credentials. Roles
are cluster-wide, so their names carry the database's name (two stores, or two parallel
test databases, on one server never share a role):

    "<database>.<login>"      a person's login (lower case), SCRAM-SHA-256 password
    "<database>$<name>"       the roles nobody signs in with: the schema's owner, one group
                              per application role, and the group of all this store's logins

The password itself never reaches the `accounts` table: the application hands the server a
SCRAM verifier (computed by libpq), which a trigger moves onto the login role at once.
On SQLite and on a PostgreSQL store reached with one shared URL, passwords stay argon2
hashes checked by the application.
"""

from __future__ import annotations

from sqlalchemy import Connection, text
from sqlalchemy.engine import URL

from cpro_desktop.security import hash_password

from .errors import ValidationError

#: Where the server-side policy lives (functions, triggers): its presence marks a store
#: prepared by `server init`.
POLICY_SCHEMA = "cpro_policy"
#: PostgreSQL's limit on a role name (NAMEDATALEN - 1).
MAX_ROLE_BYTES = 63
SCRAM_PREFIX = "SCRAM-SHA-256$"


def login_role(database: str, login: str) -> str:
    """The PostgreSQL role a person signs in with."""
    return f"{database}.{login.strip().lower()}"


def system_role(database: str, name: str) -> str:
    """One of the store's roles nobody signs in with (owner, groups)."""
    return f"{database}${name}"


def check_login_fits(database: str, login: str) -> None:
    """Refuse a login whose role name would exceed PostgreSQL's limit."""
    role = login_role(database, login)
    if len(role.encode()) > MAX_ROLE_BYTES:
        room = MAX_ROLE_BYTES - len(f"{database}.".encode())
        raise ValidationError(
            "login",
            f"Identifiant trop long pour le serveur : {room} caractères au plus "
            f"(la connexion au serveur s'appelle « {database}.identifiant »).",
        )


def is_per_user(connection: Connection) -> bool:
    """Whether the store on this connection was prepared by `server init` (asked once per
    database connection)."""
    if connection.dialect.name != "postgresql":
        return False
    known = connection.info.get("cpro_per_user")
    if known is None:
        known = bool(
            connection.scalar(
                text("SELECT to_regnamespace(:schema) IS NOT NULL"), {"schema": POLICY_SCHEMA}
            )
        )
        connection.info["cpro_per_user"] = known
    return known


def is_per_user_url(url: URL) -> bool:
    """A PostgreSQL URL without a user name: each person connects with his own login."""
    return url.get_backend_name() == "postgresql" and not url.username


def password_record(connection: Connection, login: str, password: str) -> str:
    """What to store in `accounts.password_hash` for a new password.

    On a per-user store, a SCRAM-SHA-256 verifier computed by libpq (the server's trigger
    moves it onto the login role and clears the column); elsewhere an argon2 hash.
    """
    if not is_per_user(connection):
        return hash_password(password)
    database = connection.engine.url.database or ""
    check_login_fits(database, login)
    raw = connection.connection.driver_connection
    verifier = raw.pgconn.encrypt_password(
        password.encode(), login_role(database, login).encode(), b"scram-sha-256"
    )
    return verifier.decode()
