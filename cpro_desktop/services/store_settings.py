"""Choosing the store in the settings: composing a PostgreSQL URL with its TLS options, and
testing a connection before saving it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import make_url

from cpro_desktop.config import url_without_password
from cpro_desktop.store import CproError, SignInRefused, Store
from cpro_desktop.store.engine import normalise_url
from cpro_desktop.store.errors import ValidationError

SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")


def compose_postgresql_url(base_url: str, sslmode: str = "", ca_file: str = "") -> str:
    """`base_url` with `sslmode` and `sslrootcert` set (or removed when empty)."""
    base_url = base_url.strip()
    if not base_url:
        raise ValidationError("url", "Indiquez l'adresse du serveur PostgreSQL.")
    url = normalise_url(base_url)
    if url.get_backend_name() != "postgresql":
        raise ValidationError(
            "url", "L'adresse doit être celle d'un serveur PostgreSQL (postgresql://…)."
        )
    if sslmode and sslmode not in SSL_MODES:
        raise ValidationError("sslmode", f"Mode TLS inconnu : « {sslmode} ».")
    if sslmode in ("verify-ca", "verify-full") and not ca_file.strip():
        raise ValidationError(
            "ca_file",
            "Ce mode TLS vérifie le serveur : indiquez le certificat de l'autorité (CA) du centre.",
        )
    query = {k: v for k, v in url.query.items() if k not in ("sslmode", "sslrootcert")}
    if sslmode:
        query["sslmode"] = sslmode
    if ca_file.strip():
        query["sslrootcert"] = ca_file.strip()
    url = make_url(base_url).set(query=query)
    return url.render_as_string(hide_password=False)


def split_postgresql_url(url: str) -> tuple[str, str, str]:
    """(URL without TLS options, sslmode, CA file) — the reverse of the composition."""
    parsed = make_url(url)
    sslmode = str(parsed.query.get("sslmode", ""))
    ca_file = str(parsed.query.get("sslrootcert", ""))
    rest = {k: v for k, v in parsed.query.items() if k not in ("sslmode", "sslrootcert")}
    return parsed.set(query=rest).render_as_string(hide_password=False), sslmode, ca_file


PASSWORD_NOT_SAVED = (
    "Le mot de passe n'est pas enregistré dans les réglages (ils seraient lisibles sur ce "
    "poste) : l'adresse du serveur est enregistrée sans lui. Sur le serveur partagé du centre, "
    "chaque personne se connecte avec son propre identifiant et son mot de passe, demandés à "
    "l'ouverture ; pour un autre serveur, mettez le mot de passe dans le fichier ~/.pgpass "
    "(voir le README)."
)


def url_to_save(url: str) -> tuple[str, str | None]:
    """(the URL as the settings keep it, without a password; the French notice to show
    when a password was removed, else None)."""
    kept = url_without_password(url)
    return kept, (PASSWORD_NOT_SAVED if kept != url else None)


@dataclass(frozen=True)
class ConnectionTest:
    """The outcome of "Tester la connexion", in French."""

    ok: bool
    message: str


def test_connection(url: str) -> ConnectionTest:
    """Try the store without changing it (no migration): reachable, and at which schema.

    A shared server whose address names no user is reached at sign-in, with each person's
    own login: here it is only knocked at (an unknown login refused by password means the
    server answered, over TLS when asked).
    """
    from cpro_desktop.services.auth import server_location

    if server_location(url) is not None:
        try:
            Store.open_as(url, "cpro-connection-test", "").close()
        except SignInRefused:
            return ConnectionTest(
                True,
                "Serveur joignable : chaque personne s'y connectera avec son propre "
                "identifiant et son mot de passe.",
            )
        except CproError as exc:
            return ConnectionTest(False, str(exc))
    try:
        store = Store.open(url, upgrade=False)
    except CproError as exc:
        return ConnectionTest(False, str(exc))
    try:
        info = store.info() if _has_schema(store) else None
    except CproError as exc:
        return ConnectionTest(False, str(exc))
    finally:
        store.close()
    if info is None or info.revision is None:
        return ConnectionTest(
            True, "Connexion réussie : base vide, elle sera préparée à la première ouverture."
        )
    if info.revision != info.head:
        return ConnectionTest(
            True, "Connexion réussie : la base sera mise à jour à la prochaine ouverture."
        )
    apprentices = info.counts.get("apprentis", 0)
    return ConnectionTest(True, f"Connexion réussie : base à jour ({apprentices} apprentis).")


test_connection.__test__ = False  # type: ignore[attr-defined]  # not a pytest test


def _has_schema(store: Store) -> bool:
    from sqlalchemy import inspect

    with store.engine.connect() as connection:
        return "accounts" in inspect(connection).get_table_names()


def daily_backup(url: str) -> str | None:
    """At start, today's copy of the embedded store (the last 7 days kept, in the data
    folder's "sauvegardes"); a French warning if it could not be made, never an error:
    the application opens all the same."""
    from cpro_desktop.config import data_dir, embedded_store_path
    from cpro_desktop.store import backup

    path = embedded_store_path()
    if normalise_url(url) != normalise_url(f"sqlite:///{path}"):
        return None
    try:
        backup.rotate(path, data_dir() / "sauvegardes")
    except (CproError, OSError) as exc:
        return f"Sauvegarde quotidienne de la base impossible : {exc}"
    return None
