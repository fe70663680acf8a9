"""The French catalogue is complete and current: every string of the views is translated,
and the shipped .qm is the compilation of the shipped .ts."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from cpro_desktop.views.i18n import TRANSLATIONS_DIR

ROOT = Path(__file__).resolve().parent.parent
TS = TRANSLATIONS_DIR / "cpro_fr.ts"
BIN = Path(sys.executable).parent


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") in ("obsolete", "vanished"):
                continue
            found[(name, message.findtext("source") or "")] = message
    return found


def test_ts_has_no_unfinished_entry() -> None:
    """No entry of the French .ts is unfinished or empty."""
    unfinished = [
        key
        for key, message in _messages(TS).items()
        if message.find("translation").get("type") == "unfinished"
        or not (message.findtext("translation") or "").strip()
    ]
    assert unfinished == []


def test_ts_covers_every_string_of_the_views(tmp_path: Path) -> None:
    """Extracting the strings again finds nothing that the shipped .ts lacks."""
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "cpro_desktop" / "views").rglob("*.py"))
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources, "-ts", str(fresh)], check=True, capture_output=True
    )
    missing = set(_messages(fresh)) - set(_messages(TS))
    assert missing == set(), "run: .venv/bin/python scripts/translations.py"


def test_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    """The shipped .qm equals a fresh compilation of the .ts."""
    compiled = tmp_path / "cpro_fr.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(compiled)],
        check=True,
        capture_output=True,
    )
    assert compiled.read_bytes() == (TRANSLATIONS_DIR / "cpro_fr.qm").read_bytes()
