"""Refresh the French translation: extract the strings (pyside6-lupdate), fill unfinished
entries from `resources/translations/*.tsv` (context, English source, French), compile the
.qm (pyside6-lrelease). Run it after changing user-visible strings:

    .venv/bin/python scripts/translations.py

It prints the entries still unfinished; the test suite fails while there are any.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "cpro_desktop"
TS_FILE = PACKAGE / "resources" / "translations" / "cpro_fr.ts"
QM_FILE = TS_FILE.with_suffix(".qm")
TSV_DIR = ROOT / "resources" / "translations"
BIN = Path(sys.executable).parent


def sources() -> list[Path]:
    return sorted(p for p in (PACKAGE / "views").rglob("*.py"))


def load_tsv() -> dict[tuple[str, str], str]:
    known: dict[tuple[str, str], str] = {}
    for path in sorted(TSV_DIR.glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) >= 3 and not row[0].startswith("#"):
                    known[(row[0], row[1].replace("\\n", "\n"))] = row[2].replace("\\n", "\n")
    return known


def fill(known: dict[tuple[str, str], str]) -> list[tuple[str, str]]:
    tree = ET.parse(TS_FILE)
    missing: list[tuple[str, str]] = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            assert translation is not None
            if translation.get("type") == "obsolete" or translation.get("type") == "vanished":
                continue
            if translation.get("type") == "unfinished":
                french = known.get((name, source)) or known.get(("*", source))
                if french:
                    translation.text = french
                    del translation.attrib["type"]
                else:
                    missing.append((name, source))
    ET.indent(tree)
    tree.write(TS_FILE, encoding="utf-8", xml_declaration=True)
    return missing


def main() -> int:
    TS_FILE.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *map(str, sources()), "-no-obsolete", "-ts", str(TS_FILE)],
        check=True,
        capture_output=True,
    )
    missing = fill(load_tsv())
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(TS_FILE), "-qm", str(QM_FILE)],
        check=True,
        capture_output=True,
    )
    for context, source in missing:
        print(f"{context}\t{source}\t")
    print(f"{len(missing)} unfinished", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
