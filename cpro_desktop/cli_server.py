"""`cpro-desktop server init` and `cpro-desktop account …`: the shared server and its accounts.

    cpro-desktop server init --db ADMIN_URL [--admin LOGIN] [--last-name NOM] [--first-name P]
    cpro-desktop account create LOGIN --role ROLE --last-name NOM [--first-name P] [--company E]
    cpro-desktop account disable|enable|reset-password LOGIN

`server init` is run once by the centre's IT person, as a superuser of the PostgreSQL server
(e.g. ``sudo -u postgres cpro-desktop server init --db postgresql:///cpro``); run again after
an upgrade, it brings grants and policies up to date and changes nothing else. The first
administrator's password comes from CPRO_PASSWORD, else from a prompt.

`account …` acts as an administrator (`--as`, see `cli_identity`) through the same services
as Administration → Comptes: on a per-user server they create or alter the account's own
database login. The new password comes from CPRO_NEW_PASSWORD, else from a prompt. The same
commands work on SQLite.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from cpro_desktop.cli_identity import UsageError, add_identity_argument, require_login, signed_in
from cpro_desktop.models.enums import ROLE_LABELS, Role

ENV_NEW_PASSWORD = "CPRO_NEW_PASSWORD"
EXIT_OK = 0

#: Role names accepted on the command line (code names and French).
ROLE_NAMES = {
    "apprentice": Role.APPRENTICE,
    "apprenti": Role.APPRENTICE,
    "tutor": Role.TUTOR,
    "tuteur": Role.TUTOR,
    "trainer": Role.TRAINER,
    "formateur": Role.TRAINER,
    "admin": Role.ADMIN,
    "administrateur": Role.ADMIN,
    "guardian": Role.GUARDIAN,
    "parent": Role.GUARDIAN,
}


def add_server_parsers(commands: Any) -> None:
    """Add `server` and `account` to the top-level sub-commands."""
    server = commands.add_parser("server", help="préparer le serveur PostgreSQL partagé")
    actions = server.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    init = actions.add_parser(
        "init",
        help="créer les rôles, le schéma, les règles d'accès et le premier administrateur",
        description="Prépare une base PostgreSQL vide (ou la met à jour) : un rôle de "
        "connexion par compte, un groupe par rôle, la sécurité par ligne sur chaque table "
        "qui concerne une personne. À lancer avec un superutilisateur du serveur (--db).",
    )
    init.add_argument(
        "--admin", default="admin", metavar="IDENTIFIANT", help="premier administrateur"
    )
    init.add_argument("--last-name", default="Administrateur", metavar="NOM")
    init.add_argument("--first-name", default="", metavar="PRÉNOM")

    account = commands.add_parser("account", help="gérer les comptes (administrateur)")
    verbs = account.add_subparsers(dest="account_command", metavar="ACTION", required=True)
    create = verbs.add_parser("create", help="créer un compte (et sa connexion au serveur)")
    create.add_argument("account_login", metavar="IDENTIFIANT")
    create.add_argument("--role", required=True, choices=sorted(ROLE_NAMES), metavar="RÔLE",
                        help="apprenti, tuteur, formateur, administrateur ou parent")  # fmt: skip
    create.add_argument("--last-name", required=True, metavar="NOM")
    create.add_argument("--first-name", default="", metavar="PRÉNOM")
    create.add_argument("--email", default="", metavar="COURRIEL")
    create.add_argument("--company", metavar="ENTREPRISE", help="l'entreprise d'un tuteur")
    add_identity_argument(create, "l'administrateur qui agit")
    for verb, text in (
        ("disable", "désactiver un compte (sa connexion au serveur est refusée)"),
        ("enable", "réactiver un compte"),
        ("reset-password", "donner un nouveau mot de passe à un compte"),
    ):
        parser = verbs.add_parser(verb, help=text)
        parser.add_argument("account_login", metavar="IDENTIFIANT")
        add_identity_argument(parser, "l'administrateur qui agit")


def _new_password(what: str) -> str:
    password = os.environ.get(ENV_NEW_PASSWORD)
    if password:
        return password
    if sys.stdin is None or not sys.stdin.isatty():
        raise UsageError(
            f"Mot de passe absent : définissez {ENV_NEW_PASSWORD} ou lancez la commande dans "
            "un terminal pour le saisir."
        )
    first = getpass.getpass(f"Nouveau mot de passe de {what} : ")
    if getpass.getpass("Le même, encore : ") != first:
        raise UsageError("Les deux mots de passe diffèrent.")
    return first


def run_server(args: argparse.Namespace, url: str) -> int:
    """`server init`: prepare the database at `url` (a superuser's URL)."""
    from cpro_desktop.services.auth import needs_first_run
    from cpro_desktop.services.server import NOT_ON_SQLITE, ServerSetupError, init_server
    from cpro_desktop.store import Store, migrate

    with Store.open(url, upgrade=False) as store:
        if store.backend != "postgresql":
            raise ServerSetupError(NOT_ON_SQLITE)
        with store.engine.connect() as connection:
            revision = migrate.current_revision(connection)
        first_run = revision is None or needs_first_run(store)
    password = None
    if first_run:
        password = os.environ.get("CPRO_PASSWORD") or _new_password(args.admin)
    report = init_server(
        url,
        admin_login=args.admin,
        admin_password=password,
        admin_last_name=args.last_name,
        admin_first_name=args.first_name,
    )
    print(f"Base « {report.database} » prête (révision {report.revision}).")
    if report.created_roles:
        print(f"Rôles créés : {', '.join(report.created_roles)}.")
    else:
        print("Rôles, droits et règles d'accès mis à jour.")
    if report.admin_created:
        print(
            f"Premier administrateur : « {report.admin_created} » (connexion au serveur : "
            f"« {report.database}.{report.admin_created.lower()} »)."
        )
    if report.accounts_without_password:
        print(
            f"{report.accounts_without_password} compte(s) sans mot de passe sur le serveur : "
            "donnez-leur-en un (Administration → Comptes, ou cpro-desktop account "
            "reset-password IDENTIFIANT).",
            file=sys.stderr,
        )
    return EXIT_OK


def run_account(args: argparse.Namespace, url: str) -> int:
    """`account create|disable|enable|reset-password`, as an administrator."""
    from cpro_desktop.services.admin import accounts as service

    login = require_login(args.login, "agit")
    with signed_in(url, login) as (store, actor):
        if args.account_command == "create":
            company_id = _company_id(store, actor, args.company) if args.company else None
            data = service.AccountInput(
                login=args.account_login,
                last_name=args.last_name,
                first_name=args.first_name,
                role=ROLE_NAMES[args.role],
                email=args.email,
                company_id=company_id,
            )
            row = service.create_account(store, actor, data, _new_password(args.account_login))
            print(f"Compte « {row.login} » créé ({ROLE_LABELS[row.role]}, {row.display_name}).")
            return EXIT_OK
        row = _find_account(store, actor, args.account_login)
        if args.account_command == "disable":
            service.deactivate_account(store, actor, row.id, row.version)
            print(f"Compte « {row.login} » désactivé.")
        elif args.account_command == "enable":
            service.reactivate_account(store, actor, row.id, row.version)
            print(f"Compte « {row.login} » réactivé.")
        else:
            service.reset_account_password(store, actor, row.id, _new_password(args.account_login))
            print(f"Nouveau mot de passe enregistré pour « {row.login} ».")
    return EXIT_OK


def _find_account(store: Any, actor: Any, login: str) -> Any:
    from cpro_desktop.services.admin import accounts as service

    wanted = login.strip().lower()
    for row in service.list_accounts(store, actor):
        if row.login.lower() == wanted:
            return row
    raise UsageError(f"Aucun compte « {login} ».")


def _company_id(store: Any, actor: Any, name: str) -> int:
    from cpro_desktop.services.admin.companies import list_companies

    wanted = name.strip().lower()
    rows = list_companies(store, actor)
    for row in rows:
        if row.name.lower() == wanted:
            return row.id
    known = ", ".join(sorted(r.name for r in rows)[:10])
    raise UsageError(f"Aucune entreprise « {name} ». Entreprises connues : {known}.")
