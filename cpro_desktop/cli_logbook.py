"""`cpro-desktop print logbook`: the logbook of one portfolio as a PDF, from the command line.

    cpro-desktop print logbook --apprentice "AZZOUG Mina" --period "Test annexe 1MELEC" \
        --out journal.pdf

The apprentice ("NOM Prénom" or "Prénom NOM") and the period are found by name among the
portfolios the actor may read, ignoring case and accents; an unknown name prints the
service's French message with the close names on stderr and exits with code 2, writing
nothing. Who prints (the `Actor`) is decided by the caller.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cpro_desktop.files import atomic_write, write_failure

if TYPE_CHECKING:
    from cpro_desktop.services.permissions import Actor
    from cpro_desktop.store import Store

__all__ = ["EXIT_USER_ERROR", "add_logbook_parser", "run_print_logbook"]

#: Same meaning as in `cli.py`: an error the user can act on.
EXIT_USER_ERROR = 2


def add_logbook_parser(print_subparsers: Any) -> argparse.ArgumentParser:
    """Add `logbook` to the sub-commands of `print` (the object `add_subparsers()` returned)."""
    parser = print_subparsers.add_parser(
        "logbook",
        help="imprimer le journal de bord d'un apprenti pour une période (PDF)",
        description="Imprime le journal de bord d'un portfolio (apprenti × période) : page de "
        "titre, fiche pédagogique, journal, tâches hebdomadaires, fiches activités avec "
        "commentaires et liste des annexes, bilan de la période.",
    )
    parser.add_argument(
        "--apprentice",
        required=True,
        metavar="NOM",
        help='l\'apprenti, « NOM Prénom » (ex. "AZZOUG Mina") ; casse et accents ignorés',
    )
    parser.add_argument(
        "--period",
        required=True,
        metavar="PÉRIODE",
        help='le nom de la période (ex. "Test annexe 1MELEC")',
    )
    parser.add_argument(
        "--out", required=True, type=Path, metavar="FICHIER.pdf", help="le PDF à écrire"
    )
    return parser


def _pages(count: int) -> str:
    return f"{count} page" if count < 2 else f"{count} pages"


def _err(message: str) -> None:
    print(f"cpro-desktop : {message}", file=sys.stderr)


def run_print_logbook(args: argparse.Namespace, store: Store, actor: Actor) -> int:
    """Write the logbook PDF named by `args` (apprentice, period, out) as `actor` reads it.

    Returns 0, or `EXIT_USER_ERROR` with a French message on stderr when the apprentice or
    the period is unknown (close matches listed), the actor may not read it, or the file
    cannot be written. The PDF is written beside the target and then renamed, so that a
    failure never leaves half a file.
    """
    # The services and ReportLab are imported when a logbook is printed, not to build the
    # command line's parser.
    from cpro_desktop.reports.logbook import logbook_pdf
    from cpro_desktop.services.activities import find_portfolio, logbook_print_snapshot
    from cpro_desktop.store import CproError

    out = Path(args.out)
    try:
        entry = find_portfolio(store, actor, args.apprentice, args.period)
        snapshot = logbook_print_snapshot(store, actor, entry.id)
    except CproError as exc:
        _err(str(exc))
        return EXIT_USER_ERROR
    target_dir = out.parent if str(out.parent) else Path(".")
    if not target_dir.is_dir():
        _err(f"Le dossier « {target_dir} » n'existe pas : le PDF n'a pas été écrit.")
        return EXIT_USER_ERROR
    try:
        with atomic_write(out, track=True) as partial, partial.open("wb") as stream:
            pages = logbook_pdf(snapshot, stream)
    except OSError as exc:
        _err(write_failure(out, exc))
        return EXIT_USER_ERROR
    print(
        f"Journal de bord de {snapshot.apprentice_name} ({snapshot.period_label}) : "
        f"{_pages(pages)} écrite{'s' if pages > 1 else ''} dans {out}."
    )
    return 0
