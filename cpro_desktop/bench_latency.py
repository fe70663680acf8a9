"""A slow line on this machine, and the count of what crosses it: the benchmarks' network.

`LatencyProxy(host, port, rtt_ms)` listens on 127.0.0.1 (a free port) and forwards every
connection to the PostgreSQL server at `host:port`, holding each chunk of bytes for half the
round-trip time in each direction, as a network 10–40 ms away does. Each chunk is stamped when
it arrives and sent on when its time comes, from a queue per direction: bytes that follow
are not held behind the earlier chunks' delays, so the line is slow but not narrow. It is
a context manager; it also stops by itself after `timeout_s` (30 minutes by default), so a
benchmark that dies never leaves it listening.

Two ways of counting round trips, used by `bench_screens`:

- through the proxy (`LatencyProxy.round_trips`), the truth: a round trip starts each time
  the client sends after having received something (or first on a connection), so BEGIN,
  COMMIT, psycopg's statement preparation and a new connection's handshake count as the
  network sees them, and a pipeline of statements sent together counts once;
- from the engine's events (`RoundTripCounter`), without a proxy (SQLite, or PostgreSQL
  without `--latency`): each statement, plus the transaction control the driver sends (BEGIN
  before a transaction's first statement on psycopg, BEGIN as a statement on SQLite, COMMIT
  and ROLLBACK when a transaction is open) and the pool's pre-ping if there is one. It does
  not see psycopg's preparation of a statement run for the fifth time (one extra trip, once
  per connection) nor a new connection's handshake (counted apart as `connects`).
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.engine import URL

#: Bytes read at once from either side.
CHUNK = 64 * 1024
#: A proxy nobody stopped goes away by itself after this long.
DEFAULT_TIMEOUT_S = 30 * 60.0
#: Statements that only control the transaction (SQLite's BEGIN is sent as a statement).
_CLASS_METHOD = object()
_CONTROL = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|END)\b", re.IGNORECASE)


class LatencyProxy:
    """A TCP proxy on 127.0.0.1 adding `rtt_ms / 2` in each direction (see the module)."""

    def __init__(
        self,
        host: str,
        port: int,
        rtt_ms: float,
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
    ) -> None:
        if rtt_ms < 0:
            raise ValueError("the round-trip time cannot be negative")
        self.host = host
        self.target_port = port
        self.rtt_ms = rtt_ms
        self.timeout_s = timeout_s
        #: Round trips (client bursts) and connections seen since the start.
        self.round_trips = 0
        self.connections = 0
        #: True once the proxy stopped because nobody stopped it within `timeout_s`.
        self.timed_out = False
        self._delay = rtt_ms / 2000.0
        self._port = 0
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._tasks: set[asyncio.Task[Any]] = set()

    # -- life -----------------------------------------------------------------------------
    @property
    def port(self) -> int:
        """The local port it listens on (0 until started)."""
        return self._port

    def start(self) -> LatencyProxy:
        self._thread = threading.Thread(target=self._run, name="cpro-latency-proxy", daemon=True)
        self._thread.start()
        self._ready.wait(10)
        if self._error is not None:
            raise self._error
        if not self._port:
            raise RuntimeError("the latency proxy did not start")
        return self

    def stop(self) -> None:
        """Close every connection and stop listening (idempotent)."""
        loop, stop = self._loop, self._stop
        if loop is not None and stop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop ended meanwhile
                loop.call_soon_threadsafe(stop.set)
        if self._thread is not None:
            self._thread.join(10)
            self._thread = None

    def join(self, timeout: float) -> bool:
        """Wait until the proxy has stopped (by `stop()` or its timeout); True if it has."""
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True

    def __enter__(self) -> LatencyProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def route(self, url: URL) -> URL:
        """`url` through the proxy: the connection goes to 127.0.0.1 at the proxy's port,
        while `host` stays the server's name (libpq's `hostaddr`), so that TLS still checks
        the server's certificate against its name."""
        query = dict(url.query)
        query["hostaddr"] = "127.0.0.1"
        return url.set(port=self.port, query=query)

    # -- the loop, in its own thread --------------------------------------------------------
    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._main())
        except BaseException as exc:  # reported to start(), or lost with the thread
            self._error = exc
            self._ready.set()
        finally:
            loop.close()

    async def _main(self) -> None:
        self._stop = asyncio.Event()
        server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self._port = server.sockets[0].getsockname()[1]
        self._ready.set()
        try:
            await asyncio.wait_for(self._stop.wait(), self.timeout_s)
        except TimeoutError:
            self.timed_out = True
        server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _serve(self, client_in: asyncio.StreamReader, client_out: asyncio.StreamWriter):
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        server_out: asyncio.StreamWriter | None = None
        try:
            server_in, server_out = await asyncio.open_connection(self.host, self.target_port)
            self.connections += 1
            line = _Line()
            await asyncio.gather(
                self._pipe(client_in, server_out, line, upstream=True),
                self._pipe(server_in, client_out, line, upstream=False),
            )
        except (OSError, asyncio.CancelledError):
            pass
        finally:
            for writer in (client_out, server_out):
                if writer is not None:
                    writer.close()
            self._tasks.discard(task)

    async def _pipe(
        self,
        source: asyncio.StreamReader,
        target: asyncio.StreamWriter,
        line: _Line,
        *,
        upstream: bool,
    ) -> None:
        """Copy `source` to `target`, each chunk sent `delay` after it arrived."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[tuple[float, bytes] | None] = asyncio.Queue()

        async def deliver() -> None:
            while (item := await queue.get()) is not None:
                due, data = item
                wait = due - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                target.write(data)
                await target.drain()

        sender = asyncio.create_task(deliver())
        try:
            while data := await source.read(CHUNK):
                if upstream and not line.client_spoke_last:
                    self.round_trips += 1
                line.client_spoke_last = upstream
                queue.put_nowait((loop.time() + self._delay, data))
        except OSError:
            pass
        finally:
            queue.put_nowait(None)
            with contextlib.suppress(OSError):
                await sender
            target.close()


@dataclass
class _Line:
    """One proxied connection: who sent the last bytes."""

    client_spoke_last: bool = False


# -- counting from the engine's events --------------------------------------------------------


@dataclass
class RoundTripCounter:
    """The statements an engine runs inside a `with` block, and the round trips they cost
    (estimated from the engine's events; see the module docstring), or, given a proxy the
    engine goes through, the round trips the proxy saw."""

    engine: Engine
    proxy: LatencyProxy | None = None
    #: (statement, parameters) of every statement, transaction control apart.
    statements: list[tuple[str, Any]] = field(default_factory=list)
    #: BEGIN, COMMIT, ROLLBACK sent to the database.
    transaction_control: int = 0
    pings: int = 0
    #: New connections opened (each costs its own handshake on a server).
    connects: int = 0
    _proxy_start: int = 0
    _proxy_end: int | None = None
    _saved: dict[str, Any] = field(default_factory=dict)

    @property
    def round_trips(self) -> int:
        if self.proxy is not None:
            end = self.proxy.round_trips if self._proxy_end is None else self._proxy_end
            return end - self._proxy_start
        return len(self.statements) + self.transaction_control + self.pings

    @property
    def source(self) -> str:
        """Where `round_trips` comes from: "proxy" or "events"."""
        return "proxy" if self.proxy is not None else "events"

    def __enter__(self) -> RoundTripCounter:
        self.statements.clear()
        self.transaction_control = self.pings = self.connects = 0
        event.listen(self.engine, "before_cursor_execute", self._statement)
        event.listen(self.engine.pool, "connect", self._connect)
        dialect = self.engine.dialect
        for name in ("do_commit", "do_rollback", "do_ping"):
            self._saved[name] = dialect.__dict__.get(name, _CLASS_METHOD)
            setattr(dialect, name, self._counting(name, getattr(dialect, name)))
        self._proxy_end = None
        self._proxy_start = self.proxy.round_trips if self.proxy is not None else 0
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proxy is not None:
            self._proxy_end = self.proxy.round_trips
        event.remove(self.engine, "before_cursor_execute", self._statement)
        event.remove(self.engine.pool, "connect", self._connect)
        dialect = self.engine.dialect
        for name, saved in self._saved.items():
            # The wrapper is an instance attribute: put back what was there (counters nest).
            if saved is _CLASS_METHOD:
                delattr(dialect, name)
            else:
                setattr(dialect, name, saved)
        self._saved.clear()

    # -- listeners ------------------------------------------------------------------------
    def _statement(self, conn, cursor, statement, parameters, context, executemany) -> None:
        if _CONTROL.match(statement):
            self.transaction_control += 1
            return
        if _psycopg_idle(conn.connection.driver_connection):
            self.transaction_control += 1  # psycopg sends BEGIN first, and waits for it
        self.statements.append((statement, parameters))

    def _connect(self, dbapi_connection: Any, record: Any) -> None:
        self.connects += 1

    def _counting(self, name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def counted(dbapi_connection: Any, *args: Any, **kwargs: Any) -> Any:
            driver = getattr(dbapi_connection, "driver_connection", dbapi_connection)
            if name == "do_ping":
                self.pings += 1 + int(_psycopg_idle(driver))
            elif _in_transaction(driver):
                self.transaction_control += 1
            return original(dbapi_connection, *args, **kwargs)

        return counted


def _psycopg_idle(driver: Any) -> bool:
    """A psycopg connection outside a transaction, not in autocommit: its next statement
    is preceded by a BEGIN of its own round trip."""
    info = getattr(driver, "info", None)
    status = getattr(info, "transaction_status", None)
    if status is None or getattr(driver, "autocommit", True):
        return False
    return status.name == "IDLE"


def _in_transaction(driver: Any) -> bool:
    """Whether a COMMIT or ROLLBACK on this driver connection reaches the database (psycopg
    and sqlite3 skip them outside a transaction)."""
    info = getattr(driver, "info", None)
    status = getattr(info, "transaction_status", None)
    if status is not None:
        return status.name != "IDLE"
    return bool(getattr(driver, "in_transaction", True))
