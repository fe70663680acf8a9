"""TLS for the shared PostgreSQL store: verified by default, weaker modes shown, failures explained.

A PostgreSQL server that is not on this machine is reached with `sslmode=verify-full` unless
the URL (or the `PGSSLMODE` variable, as libpq itself reads it) names another mode: the
connection is then encrypted and the server proves, with a certificate signed by the centre's
authority (`sslrootcert=…`, or libpq's default `~/.postgresql/root.crt`), that it is the
server named in the URL. `require` and weaker modes stay possible when chosen explicitly, and
`tls_status` gives the warning the main window keeps in its status bar.
"""

from __future__ import annotations

import ipaddress
import os

from sqlalchemy.engine import URL

DEFAULT_SSLMODE = "verify-full"
VERIFIED_SSLMODES = frozenset({"verify-ca", "verify-full"})


def _url_hosts(url: URL) -> list[str]:
    """The hosts a PostgreSQL URL names: its host part and any `host=` query parameters."""
    hosts: list[str] = [url.host] if url.host else []
    extra = url.query.get("host")
    for value in (extra,) if isinstance(extra, str) else (extra or ()):
        hosts.extend(part.strip() for part in value.split(",") if part.strip())
    return hosts


def is_local_host(host: str | None) -> bool:
    """Whether `host` is this machine: none, localhost, a loopback address or a socket folder."""
    if not host or host.startswith("/"):
        return True
    name = host.strip("[]").rstrip(".").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def is_remote(url: URL) -> bool:
    """Whether `url` is a PostgreSQL server reached over the network (one host at least)."""
    if url.get_backend_name() != "postgresql":
        return False
    return any(not is_local_host(host) for host in _url_hosts(url))


def sslmode_of(url: URL) -> str | None:
    """The URL's `sslmode` query parameter (the last one if repeated), or None."""
    value = url.query.get("sslmode")
    if isinstance(value, tuple):
        value = value[-1] if value else None
    return value.strip().lower() if value and value.strip() else None


def with_default_sslmode(url: URL) -> URL:
    """`url` with `sslmode` set when it reaches a remote server without naming one.

    `PGSSLMODE` counts as an explicit choice (libpq would use it); otherwise `verify-full`.
    Local servers (this machine, Unix sockets) keep libpq's own default.
    """
    if not is_remote(url) or sslmode_of(url) is not None:
        return url
    mode = os.environ.get("PGSSLMODE", "").strip() or DEFAULT_SSLMODE
    return url.update_query_dict({"sslmode": mode})


def tls_status(url: URL) -> str | None:
    """A French warning when a remote PostgreSQL server is not authenticated; None otherwise.

    `verify-ca` and `verify-full` authenticate the server; a local server needs no warning.
    """
    if not is_remote(url):
        return None
    mode = sslmode_of(url)
    if mode is None or mode in VERIFIED_SSLMODES:
        return None
    if mode == "disable":
        return (
            f"Connexion au serveur non chiffrée (sslmode={mode}) : les données circulent en "
            "clair sur le réseau et le serveur n'est pas authentifié."
        )
    if mode in ("allow", "prefer"):
        return (
            f"Connexion au serveur peut-être non chiffrée et non vérifiée (sslmode={mode}) : "
            "le serveur n'est pas authentifié."
        )
    return f"Connexion au serveur non vérifiée (sslmode={mode}) : le serveur n'est pas authentifié."


# libpq's messages (English, and French when the system's libpq speaks the user's language).
_NO_TLS = ("server does not support ssl", "ne supporte pas ssl")
_NO_ROOT_CERT = ("root certificate file", "certificat racine")
_BAD_CERT = ("certificate verify failed",)
_WRONG_NAME = ("does not match host name", "ne correspond pas au nom d'hôte")


def explain_tls_failure(detail: str, where: str) -> str | None:
    """A French explanation of a TLS failure in libpq's message `detail`, or None if not one."""
    # "connection failed: connection to server at "h", port 5432 failed: <the reason>"
    detail = detail.strip().splitlines()[0].rsplit(" failed: ", 1)[-1] if detail.strip() else ""
    text = detail.lower()
    if any(marker in text for marker in _NO_TLS):
        return (
            f"Le serveur PostgreSQL « {where} » n'accepte pas les connexions chiffrées (TLS) "
            "que demande l'adresse (sslmode=verify-full par défaut pour un serveur distant). "
            "Demandez au responsable informatique d'activer TLS sur le serveur (ssl = on) ; "
            "avec sslmode=disable, les données circuleraient en clair sur le réseau."
        )
    if any(marker in text for marker in _WRONG_NAME):
        return (
            f"Le certificat du serveur « {where} » n'a pas pu être vérifié : il a été établi "
            "pour un autre nom que celui de l'adresse. Utilisez dans l'adresse le nom du "
            f"serveur inscrit dans son certificat ({detail})."
        )
    if any(marker in text for marker in _NO_ROOT_CERT + _BAD_CERT):
        return (
            f"Le certificat du serveur « {where} » n'a pas pu être vérifié : indiquez le "
            "certificat de l'autorité du centre (sslrootcert=chemin/du/fichier.crt dans "
            "l'adresse, ou dans les réglages) que vous a remis le responsable informatique "
            f"({detail})."
        )
    return None
