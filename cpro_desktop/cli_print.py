"""`cpro-desktop print …`: the centre's printing from the command line.

    cpro-desktop [--db URL] print booklet --apprentice "AZZOUG Mina" --out FILE.pdf --as LOGIN
    cpro-desktop [--db URL] print booklet --class 1MELEC --out-dir DIR --as LOGIN
    cpro-desktop [--db URL] print booklet --class 1MELEC --out ALL.pdf --as LOGIN  (one file)
    cpro-desktop [--db URL] print reviews --apprentice "AZZOUG Mina" --out FILE.pdf --as LOGIN

Who prints decides what may be printed, as in the application: `--as LOGIN` names the
account (required: the documents hold personal data), its password comes from the
environment variable CPRO_PASSWORD, else from a prompt when a terminal is attached (never
from the command line, where other users of the machine could read it). A tutor prints his
own apprentices only; a trainer those of his classes.

Names are matched ignoring case and accents ("azzoug mina", "Mina AZZOUG", "AZZOUG Mina
(1MELEC)"). An unknown apprentice or class is an error (exit 2) listing close names. A batch
goes on past an apprentice that fails, reports it at the end and exits 1. `--jobs N` sets
the number of processes (2 by default).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cpro_desktop.cli_identity import (
    ENV_PASSWORD,
    UsageError,
    add_identity_argument,
    require_login,
    signed_in,
)
from cpro_desktop.files import clean_leftovers
from cpro_desktop.store import CproError

EXIT_OK = 0
EXIT_BATCH_FAILED = 1
EXIT_USER_ERROR = 2


def add_print_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the `print` command (and its `booklet` and `reviews` documents) to `subparsers`."""
    parser = subparsers.add_parser(
        "print",
        help="imprimer des livrets d'apprentissage ou des bilans (PDF)",
        description="Imprimer en PDF les livrets d'apprentissage (un apprenti ou une classe) "
        "ou les bilans de compétences d'un apprenti. Le mot de passe du compte --as est lu "
        f"dans la variable d'environnement {ENV_PASSWORD}, sinon demandé.",
    )
    documents = parser.add_subparsers(dest="document", metavar="DOCUMENT", required=True)

    booklet = documents.add_parser(
        "booklet", help="livret d'apprentissage d'un apprenti ou d'une classe"
    )
    who = booklet.add_mutually_exclusive_group(required=True)
    who.add_argument("--apprentice", metavar="NOM", help="« NOM Prénom » de l'apprenti")
    who.add_argument("--class", dest="class_name", metavar="CLASSE", help="nom de la classe")
    where = booklet.add_mutually_exclusive_group(required=True)
    where.add_argument(
        "--out", metavar="FICHIER.pdf", help="un fichier PDF (pour une classe : un seul fichier)"
    )
    where.add_argument(
        "--out-dir", metavar="DOSSIER", help="un PDF par apprenti dans ce dossier (classe)"
    )
    _identity(booklet)
    booklet.add_argument(
        "--jobs",
        type=int,
        default=2,
        metavar="N",
        help="processus d'impression d'une classe (2 par défaut)",
    )

    reviews = documents.add_parser("reviews", help="bilans de compétences validés d'un apprenti")
    reviews.add_argument("--apprentice", metavar="NOM", required=True, help="« NOM Prénom »")
    reviews.add_argument("--out", metavar="FICHIER.pdf", required=True, help="le fichier PDF")
    _identity(reviews)

    from cpro_desktop.cli_logbook import add_logbook_parser

    _identity(add_logbook_parser(documents))
    return parser


def _identity(parser: argparse.ArgumentParser) -> None:
    add_identity_argument(parser, "le compte qui imprime")


def _err(message: str) -> None:
    print(f"cpro-desktop : {message}", file=sys.stderr)


def _pdf_path(value: str) -> Path:
    path = Path(value).expanduser()
    if path.suffix.lower() != ".pdf":
        raise UsageError(f"Le fichier de sortie doit finir par .pdf : « {value} ».")
    if not path.parent.is_dir():
        raise UsageError(f"Le dossier « {path.parent} » n'existe pas.")
    return path


def run_print(args: argparse.Namespace, url: str) -> int:
    """Run `print booklet` or `print reviews`; 0 on success, 1 when a batch printed only
    some booklets, 2 on an error the user can act on (French message on stderr)."""
    from cpro_desktop.services.printing import (
        find_apprentice,
        print_booklet,
        print_booklets,
        print_reviews,
    )

    clean_leftovers()  # what a killed print left: batch folders, tracked .part files
    try:
        login = require_login(args.login, "imprime")
        if getattr(args, "jobs", 1) < 1:
            raise UsageError("--jobs attend un nombre de processus supérieur ou égal à 1.")
        class_name = getattr(args, "class_name", None)
        out = _pdf_path(args.out) if args.out else None
        out_dir = Path(args.out_dir).expanduser() if getattr(args, "out_dir", None) else None
        if out_dir is not None and not out_dir.is_dir():
            raise UsageError(f"Le dossier « {out_dir} » n'existe pas.")
        if out_dir is not None and class_name is None:
            raise UsageError("--out-dir sert à imprimer une classe : pour un apprenti, --out.")
        with signed_in(url, login) as (store, actor):
            if args.document == "logbook":
                from cpro_desktop.cli_logbook import run_print_logbook

                return run_print_logbook(args, store, actor)
            if args.document == "reviews":
                target = find_apprentice(store, actor, args.apprentice)
                assert out is not None
                pages = print_reviews(store, actor, target.id, out)
                print(f"Bilans de {target.label} : {out} ({pages} pages).")
                return EXIT_OK
            if class_name is None:
                target = find_apprentice(store, actor, args.apprentice)
                assert out is not None
                pages = print_booklet(store, actor, target.id, out)
                print(f"Livret de {target.label} : {out} ({pages} pages).")
                return EXIT_OK

            def progress(step: Any) -> None:
                state = "ok" if step.ok else "ÉCHEC"
                print(f"  [{step.done}/{step.total}] {step.apprentice.label} : {state}",
                      file=sys.stderr)  # fmt: skip

            summary = print_booklets(
                store,
                actor,
                class_name=class_name,
                out_dir=out_dir,
                merged_file=out,
                progress=progress,
                workers=args.jobs,
            )
        for line in summary.lines():
            print(line)
        if summary.failed:
            _err(f"{len(summary.failed)} livret(s) non imprimé(s) : voir ci-dessus.")
            return EXIT_BATCH_FAILED
        return EXIT_OK
    except CproError as exc:
        _err(str(exc))
        return EXIT_USER_ERROR
