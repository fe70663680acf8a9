"""A statement sent ahead of the next one, both in one round trip (PostgreSQL's pipeline).

A service call usually checks a permission, then reads: two statements, two round trips
to a server 20 ms away, though the read does not need the check's answer to be sent, only
before anything leaves the service. `send_ahead(connection, statement, params)` sends the
first without waiting for its answer, in psycopg's pipeline mode; the next statement
SQLAlchemy runs on that connection goes along, and the answers of both come back in the
same round trip (the engine's `after_cursor_execute` hook closes the pipeline before
SQLAlchemy reads the second statement's result). `Ahead.rows()` then gives the first
statement's rows; when no statement followed, it sends a trivial one to collect them (the
same single round trip).

Limits, kept on purpose narrow:

- the statement ahead is a Core SELECT of plain parameters (ints, strings: passed to the
  driver as they are), compiled once per dialect; its rows come back as named tuples with
  SQLAlchemy's result processing of each column (an `Enum` column gives its member);
- only the one statement right after it shares its round trip: SQLAlchemy needs each
  statement's answer before it runs the next;
- nothing that depends on the statement ahead may be sent before its rows are read (it is a
  check: decide, then return what was read);
- on SQLite (no network), or a libpq without pipeline mode, the statement runs at once:
  `Ahead.rows()` is then available before anything else.

Errors of either statement are raised as SQLAlchemy's, through the statement that follows
(its execution closes the pipeline), so `Store.read()` tells them in French as any.
"""

from __future__ import annotations

import contextlib
import logging
import weakref
from collections import namedtuple
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, Select, event
from sqlalchemy.engine import ExceptionContext

_logger = logging.getLogger(__name__)

#: `Connection.info` key of the `Ahead` whose answer is still on the line.
_PENDING = "cpro_ahead"


@dataclass(frozen=True)
class _Compiled:
    sql: str
    compiled: Any
    processors: tuple[Callable[[Any], Any] | None, ...]
    row: type


_compiled_by_dialect: weakref.WeakKeyDictionary[Any, dict[Select, _Compiled]] = (
    weakref.WeakKeyDictionary()
)


def _compile(dialect: Any, statement: Select) -> _Compiled:
    cache = _compiled_by_dialect.setdefault(dialect, {})
    found = cache.get(statement)
    if found is None:
        compiled = statement.compile(dialect=dialect)
        columns = list(statement.selected_columns)
        processors = tuple(
            column.type.dialect_impl(dialect).result_processor(dialect, None) for column in columns
        )
        row = namedtuple("AheadRow", [column.key for column in columns], rename=True)  # type: ignore[misc]
        found = cache[statement] = _Compiled(str(compiled), compiled, processors, row)
    return found


def pipeline_supported(connection: Connection) -> bool:
    """Whether statements can be sent ahead on this connection (PostgreSQL, libpq ≥ 14)."""
    if connection.dialect.name != "postgresql":
        return False
    import psycopg

    return psycopg.Pipeline.is_supported()


class Ahead:
    """A statement sent ahead on a connection (see the module)."""

    def __init__(self, connection: Connection, statement: Select, params: Mapping[str, Any]):
        self._connection = connection
        self._rows: Sequence[Any] | None = None
        self._pipeline: Any = None
        self._cursor: Any = None
        self._compiled: _Compiled | None = None
        if not pipeline_supported(connection):
            self._rows = connection.execute(statement, dict(params)).all()
            return
        compiled = self._compiled = _compile(connection.dialect, statement)
        driver = connection.connection.driver_connection
        assert driver is not None
        pipeline = driver.pipeline()
        pipeline.__enter__()
        try:
            self._cursor = driver.cursor()
            self._cursor.execute(compiled.sql, compiled.compiled.construct_params(dict(params)))
        except BaseException:
            with contextlib.suppress(Exception):
                pipeline.__exit__(None, None, None)
            raise
        self._pipeline = pipeline
        connection.info[_PENDING] = self

    @property
    def pending(self) -> bool:
        """Whether its answer is still on the line (nothing has been sent after it yet)."""
        return self._pipeline is not None

    def _collect(self) -> None:
        """Close the pipeline: send the Sync, receive every answer. Raises the driver's
        error of either statement (called from SQLAlchemy's execution, which wraps it)."""
        pipeline, self._pipeline = self._pipeline, None
        self._connection.info.pop(_PENDING, None)
        if pipeline is not None:
            pipeline.__exit__(None, None, None)

    def rows(self) -> Sequence[Any]:
        """Its rows, once the statement after it has been answered (or now, on SQLite)."""
        if self._rows is None:
            if self._pipeline is not None:
                # Nothing followed it: a trivial statement takes its answer back, through
                # SQLAlchemy's execution and error handling.
                self._connection.exec_driver_sql("SELECT 1")
            compiled = self._compiled
            assert compiled is not None and self._cursor is not None
            processors = compiled.processors
            self._rows = [
                compiled.row(*(p(v) if p else v for p, v in zip(processors, raw, strict=True)))
                for raw in self._cursor.fetchall()
            ]
            self._cursor.close()
        return self._rows

    def abandon(self) -> None:
        """On an error (of the block, or of a statement while the pipeline is open): close
        the pipeline without raising, the error on its way being the one to tell. A
        connection left in doubt (still in pipeline mode, broken) is invalidated."""
        if self._pipeline is None:
            return
        try:
            self._collect()
        except Exception as exc:
            _logger.debug("statement ahead abandoned: %s", exc)
        with contextlib.suppress(Exception):
            driver = self._connection.connection.driver_connection
            if driver is None or driver.broken or driver.pgconn.pipeline_status:
                self._connection.invalidate()


@contextlib.contextmanager
def send_ahead(
    connection: Connection, statement: Select, params: Mapping[str, Any]
) -> Iterator[Ahead]:
    """Send `statement` now, its answer to come with the next statement's (see the module).

    Read `Ahead.rows()` inside the block or after it; on an error in the block the
    pipeline is closed quietly.
    """
    ahead = Ahead(connection, statement, params)
    try:
        yield ahead
    except BaseException:
        ahead.abandon()
        raise
    if ahead.pending:
        ahead.rows()


def install(engine: Engine) -> None:
    """The hook that closes a pending pipeline once the statement after it is sent: before
    SQLAlchemy reads that statement's result (PostgreSQL engines)."""

    @event.listens_for(engine, "after_cursor_execute")
    def _answer_ahead(conn: Connection, *_: Any) -> None:
        pending = conn.info.get(_PENDING)
        if pending is not None:
            pending._collect()

    @event.listens_for(engine, "handle_error")
    def _abandon_ahead(context: ExceptionContext) -> None:
        # The driver may raise the error of the statement ahead as soon as the next one is
        # sent (before the hook above): the pipeline must not outlive it.
        conn = context.connection
        pending = conn.info.get(_PENDING) if conn is not None and not conn.closed else None
        if pending is not None:
            pending.abandon()
