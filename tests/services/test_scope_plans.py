"""Work that grows with the person, not the centre (issue 14): on a centre of a few thousand
generated apprentices, the statements of a trainer's unread counter, class list and
apprentice selector reach the apprentices, portfolios and sheets through indexes, never by
reading a whole table: no "Seq Scan" of them in PostgreSQL's plan (statistics fresh, as
`generate_scale` leaves them), no "SCAN" of them in SQLite's.

The statements are the services' own, captured as they run, and explained with their
parameters on the application's own connection (its session settings included).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from cpro_desktop.demo.scale import generate_scale
from cpro_desktop.demo.world import build_demo_world
from cpro_desktop.services import directory
from cpro_desktop.services.activities import views as activities
from cpro_desktop.services.auth import authenticate
from cpro_desktop.store import Store

APPRENTICES = 2000
#: The tables that grow with the centre, as their scope subqueries alias them too.
LARGE = {
    "apprentices": "apprentices",
    "scope_apprentices": "apprentices",
    "portfolios": "portfolios",
    "scope_portfolios": "portfolios",
    "activity_sheets": "activity_sheets",
    "read_marks": "read_marks",
}
SCREENS: dict[str, Callable[[Store, Any], Any]] = {
    "unread_total": activities.unread_total,
    "activity_classes": activities.activity_classes,
    "visible_directory": directory.visible_directory,
}


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def centre(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """The demo world and a generated centre of `APPRENTICES` apprentices."""
    if request.param == "sqlite":
        path: Path = tmp_path_factory.mktemp("scope-plans") / "store.sqlite3"
        url = f"sqlite:///{path}"
    else:
        databases = request.getfixturevalue("pg_databases")
        url = databases.url_for(databases.create())
    store = Store.open(url)
    build_demo_world(store)
    generate_scale(store, APPRENTICES, seed=14)
    yield store
    store.close()


def captured(store: Store, screen: Callable[[], Any]) -> list[tuple[str, Any]]:
    statements: list[tuple[str, Any]] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        screen()
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    return statements


def whole_table_reads(store: Store, statement: str, parameters: Any) -> list[str]:
    """The large tables the statement's plan reads whole."""
    found: list[str] = []
    with store.engine.connect() as connection:
        if store.backend == "postgresql":
            (plan,) = connection.exec_driver_sql(
                "EXPLAIN (FORMAT JSON) " + statement, parameters
            ).scalar_one()

            def walk(node: dict[str, Any]) -> None:
                if node["Node Type"] == "Seq Scan" and node.get("Relation Name") in LARGE:
                    found.append(f"Seq Scan on {node['Relation Name']}")
                for child in node.get("Plans", ()):
                    walk(child)

            walk(plan["Plan"])
        else:
            for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters):
                scanned = re.match(r"SCAN (\w+)", row[-1])
                if scanned and scanned.group(1) in LARGE:
                    found.append(row[-1])
    return found


@pytest.mark.slow
@pytest.mark.parametrize("screen", SCREENS)
def test_a_trainer_s_screens_read_his_rows_through_indexes(centre: Store, screen: str) -> None:
    trainer = authenticate(centre, "formateur", "cpro-demo")
    statements = captured(centre, lambda: SCREENS[screen](centre, trainer))
    assert statements
    for statement, parameters in statements:
        assert whole_table_reads(centre, statement, parameters) == [], statement
