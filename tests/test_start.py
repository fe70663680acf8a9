"""Starting the application: the sign-in window needs neither the store's code nor the PDF
code, the store opens behind it, and `bench --start` measures both against a bare window.

What is imported is checked in fresh processes (`sys.modules`): deterministic, unlike the
timings, which only the benchmark reports.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from cpro_desktop import bench_start
from cpro_desktop.cli import opens_the_application
from cpro_desktop.store import Store, migrate
from cpro_desktop.store.engine import create_store_engine, normalise_url
from cpro_desktop.views import app as app_module
from cpro_desktop.views.app import AppController
from cpro_desktop.views.login import FirstRunDialog, LoginDialog, location_hint

#: Not needed to show the sign-in window.
NOT_BEFORE_THE_WINDOW = (
    "reportlab",
    "alembic",
    "argon2",
    "pypdf",
    "sqlalchemy",
    "psycopg",
    "cpro_desktop.store",
    "cpro_desktop.models",
    "cpro_desktop.services.auth",
    "PySide6.QtNetwork",
)


@pytest.fixture
def backend() -> str:
    """Imports and the start's sequence do not depend on the backend."""
    return "sqlite"


def run_fresh(code: str) -> dict:
    """Run `code` in a new interpreter (offscreen Qt); the JSON it prints last."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_sign_in_window_shows_before_the_store_code_is_imported(demo_url: str) -> None:
    """Up to the sign-in window, the start (`cpro-desktop --db URL`, its parser included)
    imports no store, model, hashing, migration nor PDF code; opening the store behind it
    (a store already at the newest schema) still imports neither Alembic nor ReportLab."""
    result = run_fresh(
        f"""
        import json, sys
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from cpro_desktop import cli
        argv = ["--db", {demo_url!r}]
        cli.build_parser(commands=not cli.opens_the_application(argv)).parse_args(argv)
        from cpro_desktop.views.app import AppController
        heavy = {NOT_BEFORE_THE_WINDOW!r}
        seen = {{}}

        def runner(dialog):
            seen["dialog"] = type(dialog).__name__
            seen["before"] = [name for name in heavy if name in sys.modules]
            seen["ready"] = dialog.open_now()
            seen["after"] = [name for name in heavy if name in sys.modules]
            return 0

        AppController(app, {demo_url!r}, runner=runner, sign_in_first=True).start()
        print(json.dumps(seen))
        """
    )
    assert result["dialog"] == "LoginDialog"
    assert result["before"] == []
    assert result["ready"] is True
    assert "sqlalchemy" in result["after"]  # the store is open now
    assert not {"alembic", "reportlab", "argon2"} & set(result["after"])


def test_the_command_line_parser_imports_no_pdf_code() -> None:
    """The full parser (every sub-command) is built without ReportLab, Alembic, argon2."""
    loaded = run_fresh(
        """
        import json, sys
        from cpro_desktop import cli
        cli.build_parser().parse_args(["print", "logbook", "--apprentice", "A", "--period",
                                       "P", "--out", "x.pdf", "--as", "formateur"])
        print(json.dumps([m for m in ("reportlab", "alembic", "argon2") if m in sys.modules]))
        """
    )
    assert loaded == []


def test_the_screens_import_no_pdf_code() -> None:
    """The main window and every module page load without ReportLab: it comes when a PDF
    is written."""
    loaded = run_fresh(
        """
        import json, sys
        import cpro_desktop.views.main_window
        import cpro_desktop.views.activities, cpro_desktop.views.booklet
        import cpro_desktop.views.dashboard, cpro_desktop.views.reviews
        import cpro_desktop.views.admin
        print(json.dumps([m for m in ("reportlab", "alembic", "pypdf") if m in sys.modules]))
        """
    )
    assert loaded == []


def test_pyside_keeps_no_module_source() -> None:
    """PySide6's check of each imported module keeps nothing in `linecache` (30 MiB once the
    store and the screens are loaded)."""
    result = run_fresh(
        """
        import json, linecache
        import cpro_desktop.views
        applied = cpro_desktop.views.lean_feature_check()
        import sqlalchemy.orm, cpro_desktop.models
        kept = [name for name in linecache.cache if name.endswith(".py")]
        print(json.dumps({"applied": applied, "kept": kept}))
        """
    )
    assert result["applied"] is True
    assert result["kept"] == []


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], True),
        (["--db", "sqlite:///x.sqlite3"], True),
        (["--db=sqlite:///x.sqlite3", "--demo"], True),
        (["--db"], False),
        (["db", "info"], False),
        (["--db", "sqlite:///x", "bench", "--start"], False),
        (["--version"], False),
        (["--help"], False),
    ],
)
def test_only_the_application_s_own_options_skip_the_sub_commands(argv, expected) -> None:
    assert opens_the_application(argv) is expected


def test_location_hint_never_shows_a_password() -> None:
    assert location_hint("sqlite:////data/cpro.sqlite3") == "/data/cpro.sqlite3"
    assert location_hint("postgresql://u:secret@srv:5433/cpro?sslmode=require") == "srv:5433/cpro"
    assert "secret" not in location_hint("postgresql://u:secret@srv/cpro")


# -- the store opened behind the sign-in window -----------------------------------------------
def test_signing_in_while_the_store_opens(qtbot, qapp, demo_url: str) -> None:
    """The sign-in window comes first, without a store and with "Sign in" waiting; once
    the store has opened behind it, signing in shows the main window."""
    states: list[tuple[object, bool]] = []

    def runner(dialog: QDialog) -> int:
        assert isinstance(dialog, LoginDialog)
        states.append((dialog.store, dialog.sign_in_button.isEnabled()))
        assert dialog.open_now()
        states.append((dialog.store, dialog.sign_in_button.isEnabled()))
        dialog.login_edit.setText("tuteur")
        dialog.password_edit.setText("cpro-demo")
        dialog.try_sign_in()
        return dialog.result()

    controller = AppController(qapp, demo_url, runner=runner, sign_in_first=True)
    assert controller.start()
    window = controller.window
    qtbot.addWidget(window)
    assert states[0] == (None, False)
    assert states[1] == (controller.store, True)
    assert window.context.actor.login == "tuteur"
    controller.store.close()


def test_an_empty_store_found_behind_the_window_asks_for_the_first_administrator(
    qapp, store_url: str
) -> None:
    shown: list[str] = []

    def runner(dialog: QDialog) -> int:
        shown.append(type(dialog).__name__)
        if isinstance(dialog, LoginDialog):
            assert not dialog.open_now()
        return QDialog.DialogCode.Rejected

    controller = AppController(qapp, store_url, runner=runner, sign_in_first=True)
    assert not controller.start()
    assert shown == [LoginDialog.__name__, FirstRunDialog.__name__]
    controller.store.close()


def test_a_store_refused_behind_the_window_is_told_in_french(qapp, monkeypatch, capsys) -> None:
    """The store cannot be opened: the window closes, the French error is shown, then the
    settings; cancelling them ends with exit code 2."""
    errors: list[str] = []
    monkeypatch.setattr(app_module.ask, "show_error", lambda _p, _t, text: errors.append(text))
    shown: list[str] = []

    def runner(dialog: QDialog) -> int:
        shown.append(type(dialog).__name__)
        if isinstance(dialog, LoginDialog):
            dialog.open_now()
        return QDialog.DialogCode.Rejected

    url = "postgresql://nobody@127.0.0.1:1/cpro"
    controller = AppController(qapp, url, runner=runner, sign_in_first=True)
    assert not controller.start()
    assert controller.exit_code == 2
    assert shown == ["LoginDialog", "SettingsDialog"]
    assert "Impossible de joindre le serveur PostgreSQL" in errors[0]
    assert "Impossible de joindre" in capsys.readouterr().err


# -- the schema's revision, read without Alembic ------------------------------------------------
def test_packaged_revisions_are_read_as_alembic_reads_them() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert migrate.head_revision() == script.get_current_head()
    assert migrate.revision_graph() == {
        revision.revision: tuple(revision._normalized_down_revisions)
        for revision in script.walk_revisions()
    }


def test_a_store_behind_is_still_migrated_when_opened(tmp_path: Path) -> None:
    """Opening compares revisions without Alembic, and still migrates an older schema."""
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    previous = migrate.revision_graph()[migrate.head_revision()][0]
    engine = create_store_engine(normalise_url(url))
    migrate.upgrade(engine, previous)
    engine.dispose()
    with Store.open(url) as store, store.connect() as connection:
        assert migrate.current_revision(connection) == migrate.head_revision()


# -- the benchmark ------------------------------------------------------------------------------
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RSS read from /proc")
def test_bench_start_measures_against_a_bare_window(demo_store: Store, demo_url: str) -> None:
    """One run on the demo world plus a few generated apprentices: every figure present
    and positive (their values are the benchmark's business, not the test's)."""
    from cpro_desktop.demo.scale import generate_scale

    generate_scale(demo_store, 12, seed=5)
    result = bench_start.measure(demo_url, runs=1)
    start, memory = result["start"], result["memory"]
    assert start["login_window"] == "LoginDialog" and start["loaded_at_login_window"] == []
    for key in ("bare_window_ms", "login_window_ms", "ratio", "login_ready_ms"):
        assert start[key] > 0, key
    assert start["login_ready_ms"] >= start["login_window_ms"]
    for key in ("bare_window_mib", "login_window_mib", "dashboard_mib", "ratio"):
        assert memory[key] > 0, key
    assert memory["table"]["rows"] > 0
    assert "Fenêtre de connexion affichée" in bench_start.report_text(result)
