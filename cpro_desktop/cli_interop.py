"""`cpro-desktop import|export|erase …`: standing a centre up from the files it already has,
and an apprentice's record leaving with him.

    cpro-desktop import framework FILE [--diploma NOM] [--levels unit,competence,criterion]
    cpro-desktop import students FILE [--diploma NOM] [--class 1MELEC …] [--school-year …]
    cpro-desktop export framework --diploma NOM --out FILE.csv
    cpro-desktop export apprentice --apprentice "AZZOUG Mina" --out FILE.zip
    cpro-desktop erase apprentice --apprentice "AZZOUG Mina" [--yes]

Every command acts as an administrator named by `--as` (see `cli_identity`). An import
prints its preview first; `--dry-run` stops there, writing nothing. A file with errors is
refused as a whole (exit 2, every problem on stderr) unless `--partial` imports its valid
part. `erase` prints what would go and only erases with `--yes`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cpro_desktop.cli_identity import UsageError, add_identity_argument, require_login, signed_in
from cpro_desktop.services.interop import ACTION_LABELS, Action, ImportPreview
from cpro_desktop.services.permissions import Actor
from cpro_desktop.store import Store

EXIT_OK = 0
EXIT_USER_ERROR = 2

#: Unchanged rows are counted, not listed, beyond this many lines of preview.
PREVIEW_LINES = 200


def add_interop_parsers(commands: Any) -> None:
    """Add `import`, `export` and `erase` to the top-level sub-commands."""
    imports = commands.add_parser(
        "import",
        help="importer un référentiel (Moodle) ou des élèves (SIECLE, tableur)",
        description="Importe un fichier après en avoir affiché l'aperçu (créations, mises à "
        "jour, problèmes avec leur ligne). Un fichier avec des erreurs n'est pas importé, "
        "sauf --partial qui en importe la partie valide.",
    )
    kinds = imports.add_subparsers(dest="kind", metavar="QUOI", required=True)
    framework = kinds.add_parser(
        "framework",
        help="un référentiel de compétences exporté par Moodle (CSV)",
        description="Importe le CSV d'un référentiel de compétences tel que Moodle l'exporte "
        "(outil « Importer un référentiel de compétences »), en-têtes anglais ou français ou "
        "sans en-tête, séparateur virgule ou point-virgule, UTF-8 avec ou sans BOM.",
    )
    framework.add_argument("file", type=Path, metavar="FICHIER.csv")
    framework.add_argument(
        "--diploma",
        metavar="NOM",
        help="le diplôme (code ou nom) ; sinon celui du référentiel, créé au besoin",
    )
    framework.add_argument(
        "--levels",
        metavar="NIVEAUX",
        help="ce que devient chaque niveau de l'arbre, du haut vers le bas, séparés par des "
        "virgules : unit, competence, criterion (ex. unit,competence,criterion,criterion)",
    )
    students = kinds.add_parser(
        "students",
        help="des élèves : export SIECLE (ElevesSansAdresses.xml, .zip) ou CSV de tableur",
        description="Importe les apprentis d'un export de la base élèves (SIECLE, "
        "ElevesSansAdresses.xml ou ElevesAvecAdresses.xml, zippé ou non) ou d'un CSV "
        "(Nom;Prénom;Date de naissance;INE;Classe). Une réimportation met à jour (même INE, "
        "sinon mêmes nom, prénom et date de naissance) et ne supprime rien.",
    )
    students.add_argument("file", type=Path, metavar="FICHIER")
    students.add_argument(
        "--diploma", metavar="NOM", help="le diplôme des classes à créer (code ou nom)"
    )
    students.add_argument(
        "--class",
        dest="classes",
        action="append",
        metavar="CLASSE",
        help="n'importer que les élèves de cette classe (répétable ; l'aperçu liste les "
        "classes du fichier)",
    )
    students.add_argument(
        "--school-year",
        metavar="AAAA-AAAA",
        help="l'année scolaire (sinon celle du fichier SIECLE, ou l'année en cours)",
    )
    for parser in (framework, students):
        parser.add_argument(
            "--dry-run", action="store_true", help="afficher l'aperçu sans rien importer"
        )
        parser.add_argument(
            "--partial",
            action="store_true",
            help="importer la partie valide d'un fichier qui contient des erreurs",
        )
        add_identity_argument(parser, "l'administrateur qui importe")

    exports = commands.add_parser(
        "export", help="exporter un référentiel (Moodle) ou le dossier d'un apprenti (RGPD)"
    )
    kinds = exports.add_subparsers(dest="kind", metavar="QUOI", required=True)
    framework = kinds.add_parser(
        "framework", help="un référentiel au format CSV que Moodle importe"
    )
    framework.add_argument("--diploma", required=True, metavar="NOM", help="code ou nom")
    framework.add_argument("--out", required=True, type=Path, metavar="FICHIER.csv")
    apprentice = kinds.add_parser(
        "apprentice",
        help="le dossier complet d'un apprenti (ZIP : JSON documenté, pièces jointes, PDF)",
    )
    apprentice.add_argument(
        "--apprentice", required=True, metavar="NOM", help="« NOM Prénom » ou INE"
    )
    apprentice.add_argument("--out", required=True, type=Path, metavar="FICHIER.zip")
    for parser in (framework, apprentice):
        add_identity_argument(parser, "l'administrateur qui exporte")

    erase = commands.add_parser(
        "erase", help="effacer un apprenti et tout ce qui le concerne (droit à l'effacement)"
    )
    kinds = erase.add_subparsers(dest="kind", metavar="QUOI", required=True)
    apprentice = kinds.add_parser(
        "apprentice",
        help="effacer un apprenti ; sans --yes, affiche seulement ce qui serait effacé",
    )
    apprentice.add_argument(
        "--apprentice", required=True, metavar="NOM", help="« NOM Prénom » ou INE"
    )
    apprentice.add_argument("--yes", action="store_true", help="effacer vraiment (irréversible)")
    apprentice.add_argument(
        "--reason",
        metavar="RAISON",
        help="pourquoi (demandée quand il a des bilans validés ; gardée au journal d'audit)",
    )
    add_identity_argument(apprentice, "l'administrateur qui efface")


def _err(message: str) -> None:
    print(f"cpro-desktop : {message}", file=sys.stderr)


def print_preview(preview: ImportPreview, out: Any = None) -> None:
    """The preview as text: summary, then changes (unchanged rows only counted), then
    problems (on stderr when they are errors)."""
    out = out or sys.stdout
    print(f"Aperçu de « {preview.source} » : {preview.summary()}.", file=out)
    listed = [c for c in preview.changes if c.action is not Action.UNCHANGED]
    for change in listed[:PREVIEW_LINES]:
        details = f" — {change.details}" if change.details else ""
        print(
            f"  {ACTION_LABELS[change.action]:<12} {change.kind:<12} {change.key} "
            f"{change.label}{details}".rstrip(),
            file=out,
        )
    if len(listed) > PREVIEW_LINES:
        print(f"  … et {len(listed) - PREVIEW_LINES} autres.", file=out)
    for problem in preview.problems:
        print(f"  {problem}", file=sys.stderr if not problem.warning else out)


def _levels(value: str | None) -> list[Any] | None:
    if not value:
        return None
    from cpro_desktop.services.interop.moodle import LevelKind

    names = {kind.value: kind for kind in LevelKind}
    levels = []
    for part in value.split(","):
        key = part.strip().lower()
        if key not in names:
            raise UsageError(
                f"--levels : « {part.strip()} » n'est pas un niveau connu "
                f"(choisissez parmi {', '.join(names)})."
            )
        levels.append(names[key])
    return levels


def _school_year_id(store: Store, actor: Actor, label: str | None) -> int | None:
    if not label:
        return None
    from cpro_desktop.services.admin import list_school_years

    years = list_school_years(store, actor)
    for year in years:
        if year.label == label.strip():
            return year.id
    known = ", ".join(y.label for y in years) or "aucune"
    raise UsageError(f"Année scolaire inconnue : « {label} » (connues : {known}).")


def _run_import(args: argparse.Namespace, store: Store, actor: Actor) -> int:
    if args.kind == "framework":
        from cpro_desktop.services.interop import moodle

        preview = moodle.preview_framework_import(
            store, actor, args.file, diploma=args.diploma, mapping=_levels(args.levels)
        )
        levels = moodle.framework_levels(preview)
        print("Niveaux de l'arbre :")
        for level in levels:
            taxonomy = f" ({level.taxonomy})" if level.taxonomy else ""
            print(
                f"  {level.depth}{taxonomy} : {level.count} élément(s) → "
                f"{moodle.LEVEL_LABELS[level.kind]}, ex. {level.sample}"
            )
        apply = moodle.apply_framework_import
    else:
        from cpro_desktop.services.interop import students

        diploma_id = None
        if args.diploma:
            from cpro_desktop.services.interop.moodle import find_diploma

            diploma_id = find_diploma(store, actor, args.diploma).id
        preview = students.preview_students_import(
            store,
            actor,
            args.file,
            diploma_id=diploma_id,
            school_year_id=_school_year_id(store, actor, args.school_year),
            classes=args.classes,
        )
        listed = ", ".join(f"{name} ({count})" for name, count in students.file_classes(preview))
        print(f"Classes du fichier (élèves) : {listed or 'aucune'}")
        apply = students.apply_students_import
    print_preview(preview)
    if args.dry_run:
        print("Simulation (--dry-run) : rien n'a été importé.")
        return EXIT_USER_ERROR if preview.errors else EXIT_OK
    if preview.errors and not args.partial:
        _err(
            f"{len(preview.errors)} erreur(s) dans le fichier : rien n'a été importé. "
            "Corrigez le fichier, ou relancez avec --partial pour importer la partie valide."
        )
        return EXIT_USER_ERROR
    result = apply(store, actor, preview, accept_partial=args.partial)
    print(f"Importé : {result.summary()}.")
    return EXIT_OK


def _out_path(path: Path, suffix: str) -> Path:
    path = path.expanduser()
    if path.suffix.lower() != suffix:
        raise UsageError(f"Le fichier de sortie doit finir par {suffix} : « {path} ».")
    if not path.parent.is_dir():
        raise UsageError(f"Le dossier « {path.parent} » n'existe pas.")
    return path


def _run_export(args: argparse.Namespace, store: Store, actor: Actor) -> int:
    if args.kind == "framework":
        from cpro_desktop.services.interop.moodle import export_framework

        out = _out_path(args.out, ".csv")
        count = export_framework(store, actor, args.diploma, out)
        print(f"Référentiel exporté vers {out} ({count} compétences et critères).")
        return EXIT_OK
    from cpro_desktop.services.activities.labels import size_label
    from cpro_desktop.services.interop.record import (
        export_apprentice_record,
        find_apprentice_for_admin,
    )

    out = _out_path(args.out, ".zip")
    apprentice_id, name = find_apprentice_for_admin(store, actor, args.apprentice)
    report = export_apprentice_record(store, actor, apprentice_id, out)
    print(
        f"Dossier de {name} : {report.path} ({size_label(report.size_bytes)}, "
        f"{report.attachments} pièce(s) jointe(s), {report.pdfs} PDF)."
    )
    return EXIT_OK


def _run_erase(args: argparse.Namespace, store: Store, actor: Actor) -> int:
    from cpro_desktop.services.interop.record import (
        erase_apprentice,
        erasure_preview,
        find_apprentice_for_admin,
    )

    apprentice_id, _name = find_apprentice_for_admin(store, actor, args.apprentice)
    preview = erasure_preview(store, actor, apprentice_id)
    print(f"Effacement de {preview.name} :")
    for item in preview.items:
        print(f"  {item}")
    for sentence in preview.kept:
        print(f"  (conservé) {sentence}")
    if preview.needs_reason and not (args.reason or "").strip():
        print(
            f"  Ses {preview.validated_reviews} bilan(s) validé(s) sont des documents : "
            "l'effacement demande --reason \"…\" (gardée au journal d'audit). Pour les "
            "conserver, exportez d'abord son dossier (cpro-desktop export apprentice)."
        )
    if not args.yes:
        print("Rien n'a été effacé : relancez avec --yes pour effacer définitivement.")
        return EXIT_OK
    erase_apprentice(store, actor, apprentice_id, preview.version, args.reason or "")
    print(f"{preview.name} a été effacé(e) définitivement.")
    return EXIT_OK


def run_interop(args: argparse.Namespace, url: str) -> int:
    """Run `import`, `export` or `erase`; 0 on success, 2 on an error the user can act on
    (raised as a `CproError`, which `cli.main` prints in French)."""
    login = require_login(args.login, "agit")
    if args.command == "import" and not args.file.exists():
        raise UsageError(f"Le fichier « {args.file} » n'existe pas.")
    with signed_in(url, login) as (store, actor):
        if args.command == "import":
            return _run_import(args, store, actor)
        if args.command == "export":
            return _run_export(args, store, actor)
        return _run_erase(args, store, actor)
