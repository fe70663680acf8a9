"""The Qt user interface; it talks to the services only, never to the store or SQL.

Importing it first makes PySide6's per-module check lean (`lean_feature_check`).
"""

from __future__ import annotations

import linecache
import sys
from types import ModuleType

import PySide6.QtCore  # noqa: F401  (loads PySide6's import hook, made lean below)


def lean_feature_check() -> bool:
    """Stop PySide6 from keeping the source of every module imported after it.

    To know which modules may switch its `__feature__` options, PySide6 searches each newly
    imported module's source for "PySide6" with `inspect.getsource()`, which leaves the
    whole source in `linecache` for the life of the process: some 30 MiB once SQLAlchemy,
    the models and the screens are loaded. The same question answered by reading the file
    keeps nothing. True if applied (PySide6's check is where it is expected)."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None:
        return False
    if getattr(original, "lean", False):
        return True

    def _mod_uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(original(module))
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return bool(original(module))

    _mod_uses_pyside.lean = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = _mod_uses_pyside  # type: ignore[union-attr]
    linecache.clearcache()  # what it kept of the modules imported before
    return True


lean_feature_check()
