"""Who runs a command-line action that needs an account (printing, imports, exports).

`--as LOGIN` names the account (or the environment variable CPRO_LOGIN); its password comes
from CPRO_PASSWORD, else from a prompt when a terminal is attached — never from the command
line, where other users of the machine could read it. The permission policy then decides,
as in the application.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import sys
from collections.abc import Iterator

from cpro_desktop.services.permissions import Actor
from cpro_desktop.store import CproError, Store

ENV_LOGIN = "CPRO_LOGIN"
ENV_PASSWORD = "CPRO_PASSWORD"


class UsageError(CproError):
    """A command line that cannot be run as written."""


def add_identity_argument(parser: argparse.ArgumentParser, who: str = "le compte qui agit") -> None:
    parser.add_argument(
        "--as",
        dest="login",
        metavar="IDENTIFIANT",
        default=os.environ.get(ENV_LOGIN) or None,
        help=f"{who} (sinon ${ENV_LOGIN} ; mot de passe : ${ENV_PASSWORD}, sinon demandé)",
    )


def require_login(login: str | None, verb: str = "agit") -> str:
    if not login:
        raise UsageError(
            f"Indiquez qui {verb} avec --as IDENTIFIANT (ou la variable {ENV_LOGIN}) ; son mot "
            f"de passe est lu dans {ENV_PASSWORD} ou demandé."
        )
    return login


def password_for(login: str) -> str:
    password = os.environ.get(ENV_PASSWORD)
    if password:
        return password
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(f"Mot de passe de {login} : ")
    raise UsageError(
        f"Mot de passe absent : définissez la variable d'environnement {ENV_PASSWORD} "
        "ou lancez la commande dans un terminal pour le saisir."
    )


def sign_in(store: Store, login: str) -> Actor:
    """The actor for `login`, authenticated with its password (throttled as in the GUI)."""
    from cpro_desktop.services.auth import sign_in_here

    return sign_in_here(store, login, password_for(login))


@contextlib.contextmanager
def signed_in(url: str, login: str) -> Iterator[tuple[Store, Actor]]:
    """The store at `url` opened for `login`: with his own database login on a per-user
    server, else checked by the application. Closed at the end."""
    from cpro_desktop.services.auth import open_and_sign_in

    store, actor = open_and_sign_in(url, login, password_for(login))
    try:
        yield store, actor
    finally:
        store.close()
