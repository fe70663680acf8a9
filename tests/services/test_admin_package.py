"""The admin services package: one module per subject, one public surface."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import date

import pytest

from cpro_desktop.services import admin
from cpro_desktop.services.admin.base import (
    check_birth_date,
    clean_national_id,
    clean_text,
    display_name,
)


def _subject_modules():
    for info in pkgutil.iter_modules(admin.__path__):
        if info.name != "base":
            yield importlib.import_module(f"{admin.__name__}.{info.name}")


def test_every_service_and_snapshot_of_a_subject_module_is_exported_by_the_package() -> None:
    """A service (store, actor, ...) or class added to a subject module is `admin.<name>`."""
    checked = 0
    for module in _subject_modules():
        for name, value in vars(module).items():
            if name.startswith("_") or not (inspect.isfunction(value) or inspect.isclass(value)):
                continue
            if value.__module__ != module.__name__:
                continue  # imported from elsewhere
            if inspect.isfunction(value):
                parameters = list(inspect.signature(value).parameters)
                if parameters[:2] != ["store", "actor"]:
                    continue  # a helper shared with the other services, not a service
            assert getattr(admin, name, None) is value, f"{module.__name__}.{name}"
            checked += 1
    assert checked > 40


def test_the_helpers_shared_with_the_imports_keep_their_rules() -> None:
    """The import modules reuse the admin rules: names, INE, birth date, text limits."""
    assert display_name("Azzoug", "Mina") == "AZZOUG Mina"
    assert clean_national_id(" 070123456ab ") == "070123456AB"
    assert clean_text("  x ", "f", "F", 5) == "x"
    with pytest.raises(admin.ValidationError) as raised:
        clean_text("abcdef", "f", "Libellé", 5)
    assert raised.value.field == "f" and "5 caractères" in str(raised.value)
    with pytest.raises(admin.ValidationError):
        clean_national_id("12345")
    with pytest.raises(admin.ValidationError):
        check_birth_date(date(1899, 12, 31))
    assert check_birth_date(None) is None
