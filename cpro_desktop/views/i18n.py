"""Translations: the application's French (`resources/translations/cpro_fr.qm`) and Qt's own
(so that standard buttons read "Annuler", "Oui"). French is the default language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"
LANGUAGES = {"fr": "Français", "en": "English"}
DEFAULT_LANGUAGE = "fr"

_installed: list[QTranslator] = []


def install_translators(app: QCoreApplication, language: str = DEFAULT_LANGUAGE) -> bool:
    """Install the translators for `language` (replacing earlier ones); True if ours loaded."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    QLocale.setDefault(QLocale(QLocale.Language.French if language == "fr" else
                               QLocale.Language.English, QLocale.Country.France))  # fmt: skip
    if language == "en":
        return True
    ours = QTranslator(app)
    loaded = ours.load(str(TRANSLATIONS_DIR / f"cpro_{language}.qm"))
    if loaded:
        app.installTranslator(ours)
        _installed.append(ours)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase",):
        translator = QTranslator(app)
        if translator.load(f"{name}_{language}", qt_dir):
            app.installTranslator(translator)
            _installed.append(translator)
    return loaded
