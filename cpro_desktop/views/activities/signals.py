"""`emit()`: emit a Qt signal from Python without losing a reference to `True`.

PySide6 6.12.0's `SignalInstance.emit()` returns `True` without taking a reference to it, so
that each call from Python drops one reference that the interpreter never had: on Python
3.11 (where `True` is not immortal) a long session, or a long test run, ends in "Fatal
Python error: bool_dealloc" at exit (abort, exit code 134). Reproduced with

    class E(QObject): s = Signal()
    e = E(); n = sys.getrefcount(True); [e.s.emit() for _ in range(100)]
    assert sys.getrefcount(True) == n - 100      # PySide6 6.12.0, CPython 3.11.7

The module measures the leak once at import and, only when it is there, gives the
reference back after each emit. Every emit of this package goes through here.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    ping = Signal()


def _emit_drops_true() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(16):
        probe.ping.emit()
    return sys.getrefcount(True) <= before - 12


_DROPS_TRUE = _emit_drops_true()


def emit(signal: Any, *args: Any) -> None:
    """`signal.emit(*args)`, balancing PySide's dropped reference to `True` if it drops it."""
    signal.emit(*args)
    if _DROPS_TRUE:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
