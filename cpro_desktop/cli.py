"""The command line: `cpro-desktop` opens the GUI; sub-commands work on the store.

    cpro-desktop [--db URL]              the application (the embedded store by default)
    cpro-desktop --demo                  the application on the embedded demo store
    cpro-desktop demo [--scale N]        fill a store with the demo world (and N apprentices)
    cpro-desktop db upgrade | db info    migrate / describe the store
    cpro-desktop print …                 booklets, reviews, logbooks as PDFs (cli_print)
    cpro-desktop import | export | erase frameworks, students, records (cli_interop)
    cpro-desktop server init | account …  the shared server and its accounts (cli_server)

Errors the user can act on (bad URL, server down, not a database, newer schema, refused
demo) print a French message on stderr and exit with code 2, having written nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cpro_desktop import __version__
from cpro_desktop.config import ENV_DATABASE_URL, data_dir, resolve_database_url
from cpro_desktop.files import private_dir

if TYPE_CHECKING:
    from cpro_desktop.store import Store

EXIT_USER_ERROR = 2


def demo_store_url() -> str:
    """The embedded demo store, beside (never inside) the user's own store."""
    folder = private_dir(data_dir())
    return f"sqlite:///{folder / 'demo.sqlite3'}"


def opens_the_application(argv: Sequence[str]) -> bool:
    """Whether `argv` holds only the application's own options (`--db URL`, `--demo`): then
    no sub-command can be asked for, and the parser is built without them (their modules
    are not even imported: the sign-in window shows sooner)."""
    tokens = iter(argv)
    for token in tokens:
        if token == "--db":
            if next(tokens, None) is None:
                return False
        elif not (token == "--demo" or token.startswith("--db=")):
            return False
    return True


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The command line's parser; `commands=False` leaves the sub-commands out."""
    parser = argparse.ArgumentParser(
        prog="cpro-desktop",
        description="CPRO Desktop — suivi pédagogique des apprentis en alternance.",
    )
    parser.add_argument("--version", action="version", version=f"cpro-desktop {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help=f"base de données (sqlite:///fichier ou postgresql://…) ; sinon ${ENV_DATABASE_URL}, "
        "les réglages, puis la base intégrée",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="ouvrir l'application sur la base de démonstration intégrée (créée au besoin)",
    )
    if commands:
        _add_commands(parser)
    return parser


def _add_commands(parser: argparse.ArgumentParser) -> None:
    """The sub-commands; their own modules add their options, importing no more than that
    needs (the code each one runs is imported when it runs)."""
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE")

    demo = commands.add_parser("demo", help="remplir une base avec le monde de démonstration")
    demo.add_argument(
        "--scale",
        type=int,
        metavar="N",
        help="ajouter un centre généré d'environ N apprentis (mesures de performance)",
    )
    demo.add_argument("--seed", type=int, default=1500, help=argparse.SUPPRESS)

    db = commands.add_parser("db", help="gérer la base de données")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_commands.add_parser("upgrade", help="migrer la base vers le dernier schéma")
    info = db_commands.add_parser("info", help="décrire la base (type, emplacement, révision…)")
    info.add_argument("--json", action="store_true", help="sortie JSON")
    backup = db_commands.add_parser(
        "backup",
        help="sauvegarder la base dans un fichier (SQLite : copie cohérente ; PostgreSQL : "
        "pg_dump)",
    )
    backup.add_argument("--out", required=True, type=Path, metavar="FICHIER")
    restore = db_commands.add_parser(
        "restore", help="restaurer une sauvegarde dans une base vide (--db), puis la vérifier"
    )
    restore.add_argument("file", type=Path, metavar="FICHIER")

    from cpro_desktop import bench
    from cpro_desktop.cli_interop import add_interop_parsers
    from cpro_desktop.cli_print import add_print_parser
    from cpro_desktop.cli_server import add_server_parsers

    add_print_parser(commands)
    add_interop_parsers(commands)
    add_server_parsers(commands)
    bench.add_arguments(
        commands.add_parser(
            "bench", help="mesurer l'ouverture du tableau de bord de l'apprenti (performance)"
        )
    )


def _err(message: str) -> None:
    print(f"cpro-desktop : {message}", file=sys.stderr)


def cmd_demo(args: argparse.Namespace, url: str) -> int:
    from cpro_desktop.demo.world import DEMO_ACCOUNTS, DEMO_PASSWORD, build_demo_world
    from cpro_desktop.models.enums import ROLE_LABELS
    from cpro_desktop.store import Store

    if args.scale is not None and args.scale < 1:
        _err("--scale attend un nombre d'apprentis supérieur ou égal à 1.")
        return EXIT_USER_ERROR
    started = time.perf_counter()
    with Store.open(url) as store:
        report = build_demo_world(store)
        if report.created:
            print(f"Monde de démonstration créé dans {store.location}.")
        else:
            print(
                f"Le monde de démonstration est déjà présent dans {store.location} : rien à faire."
            )
        if args.scale:
            from cpro_desktop.demo.scale import generate_scale

            if not report.created and report.apprentices > 10:
                _err(
                    "Cette base contient déjà un centre généré : recommencez sur une base vide "
                    "pour ne pas le doubler."
                )
                return EXIT_USER_ERROR
            scale = generate_scale(
                store,
                args.scale,
                seed=args.seed,
                progress=lambda msg: print(f"  … {msg}", file=sys.stderr),
            )
            print(f"Centre généré : {scale}")
        print(f"Durée : {time.perf_counter() - started:.1f} s")
        if report.created:
            print(f"Comptes de démonstration (mot de passe « {DEMO_PASSWORD} ») :")
            for login, role in DEMO_ACCOUNTS.items():
                print(f"  {login:<15} {ROLE_LABELS[role]}")
            if store.per_user:
                print(
                    "Sur ce serveur, chacun se connecte avec son propre identifiant ; un "
                    "administrateur créé par « server init » garde son mot de passe."
                )
    return 0


def cmd_db(args: argparse.Namespace, url: str) -> int:
    from cpro_desktop.store import Store

    if args.db_command == "upgrade":
        from cpro_desktop.store import migrate

        with Store.open(url, upgrade=False) as store:
            location = store.location
            if not store.per_user:
                migrate.upgrade(store.engine)
                print(f"Base {location} à jour (révision {store.info().revision}).")
                return 0
        # A shared server's schema belongs to its owner role: migrate as it, then bring
        # the grants and row-level policies up to date (needs a superuser's URL).
        from cpro_desktop.services.server import upgrade_server

        revision = upgrade_server(url)
        print(f"Base {location} à jour (révision {revision}).")
        return 0
    if args.db_command in ("backup", "restore"):
        from cpro_desktop.store import backup

        if args.db_command == "backup":
            size = backup.backup(url, args.out)
            print(f"Sauvegarde écrite : {args.out} ({size / 1_048_576:.1f} Mio).")
        else:
            backup.restore(args.file, url)
            print(f"Sauvegarde « {args.file} » restaurée et vérifiée.")
        return 0
    with Store.open(url) as store:
        info = store.info()
        size = _store_size(store)
    if args.json:
        payload = {
            "backend": info.backend,
            "location": info.location,
            "revision": info.revision,
            "head": info.head,
            "size_bytes": size,
            "counts": info.counts,
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    print(f"Type        : {'SQLite' if info.backend == 'sqlite' else 'PostgreSQL'}")
    print(f"Emplacement : {info.location}")
    print(f"Révision    : {info.revision} (dernière connue : {info.head})")
    if size is not None:
        print(f"Taille      : {size / 1_048_576:.1f} Mio")
    for label, count in info.counts.items():
        print(f"  {label:<26} {count:>9}")
    return 0


def _store_size(store: Store) -> int | None:
    """The store's size on disk in bytes (database file + WAL, or the PG database)."""
    from sqlalchemy import text

    if store.backend == "sqlite":
        path = Path(store.location)
        files = [path, path.with_name(path.name + "-wal")]
        return sum(p.stat().st_size for p in files if p.exists())
    with store.connect() as connection:
        return int(connection.scalar(text("SELECT pg_database_size(current_database())")) or 0)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `cpro-desktop` console script."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(commands=not opens_the_application(argv))
    args = parser.parse_args(argv)
    try:
        if getattr(args, "command", None) is None:
            from cpro_desktop.views.app import run_gui

            return run_gui(demo_store_url() if args.demo else args.db, demo=args.demo)
        if args.command == "bench":
            from cpro_desktop import bench

            return bench.run(args)
        url = resolve_database_url(args.db)
        if args.command == "print":
            from cpro_desktop.cli_print import run_print

            return run_print(args, url)
        if args.command in ("import", "export", "erase"):
            from cpro_desktop.cli_interop import run_interop

            return run_interop(args, url)
        if args.command == "server":
            from cpro_desktop.cli_server import run_server

            return run_server(args, url)
        if args.command == "account":
            from cpro_desktop.cli_server import run_account

            return run_account(args, url)
        if args.command == "demo":
            return cmd_demo(args, url)
        if args.command == "db":
            return cmd_db(args, url)
    except KeyboardInterrupt:
        _err("interrompu.")
        return 130
    except BrokenPipeError:
        # The output went to a pipe closed early (`| head`): stop quietly, as `cat` does.
        # Any other broken pipe is a real error.
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 141
        raise
    except Exception as exc:
        # An error the user can act on (bad URL, server down…): said in French, exit 2.
        # The store's errors are imported only now: raising one has loaded them already.
        from cpro_desktop.store.errors import CproError

        if not isinstance(exc, CproError):
            raise
        _err(str(exc))
        return EXIT_USER_ERROR
    parser.error(f"commande inconnue : {args.command}")
    return EXIT_USER_ERROR


if __name__ == "__main__":
    sys.exit(main())
