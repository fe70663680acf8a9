"""The benchmarks' slow line (`cpro_desktop.bench_latency`): the delay proxy holds each
direction for half the round trip without queueing chunks behind each other, counts the
round trips as the client's bursts, stops by itself; the engine's events count the same
round trips as the wire."""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from cpro_desktop import models as m
from cpro_desktop.bench_latency import LatencyProxy, RoundTripCounter
from cpro_desktop.store import Store

RTT_MS = 40.0


class _Echo(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        while data := self.request.recv(65536):
            self.request.sendall(data)


@pytest.fixture
def echo() -> Iterator[int]:
    """A TCP echo server on 127.0.0.1; its port."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Echo)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def receive(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        assert chunk, "the proxy closed the connection"
        data += chunk
    return data


def test_a_request_and_its_answer_take_one_round_trip_time(echo: int) -> None:
    """Half the round trip each way: an exchange takes the round trip, not much more, and
    counts as one round trip."""
    with (
        LatencyProxy("127.0.0.1", echo, RTT_MS) as proxy,
        socket.create_connection(("127.0.0.1", proxy.port)) as sock,
    ):
        durations = []
        for _ in range(3):
            started = time.perf_counter()
            sock.sendall(b"ping")
            assert receive(sock, 4) == b"ping"
            durations.append((time.perf_counter() - started) * 1000)
        assert proxy.round_trips == 3 and proxy.connections == 1
    assert all(RTT_MS <= d < RTT_MS + 30 for d in durations), durations


def test_chunks_are_not_held_behind_each_other(echo: int) -> None:
    """Ten messages sent one after the other without waiting arrive a round trip later in
    all, not ten (the line is slow, not narrow), and count as one round trip."""
    with (
        LatencyProxy("127.0.0.1", echo, RTT_MS) as proxy,
        socket.create_connection(("127.0.0.1", proxy.port)) as sock,
    ):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        started = time.perf_counter()
        for number in range(10):
            sock.sendall(b"%02d" % number)
        assert receive(sock, 20) == b"".join(b"%02d" % n for n in range(10))
        elapsed = (time.perf_counter() - started) * 1000
        assert proxy.round_trips == 1
    assert RTT_MS <= elapsed < 2 * RTT_MS


def test_a_large_answer_is_not_throttled(echo: int) -> None:
    """Four megabytes cross in about one round trip plus the copying, not one delay per
    chunk of 64 KiB."""
    payload = bytes(range(256)) * (4 * 4096)
    with (
        LatencyProxy("127.0.0.1", echo, RTT_MS) as proxy,
        socket.create_connection(("127.0.0.1", proxy.port)) as sock,
    ):
        started = time.perf_counter()
        sender = threading.Thread(target=sock.sendall, args=(payload,))
        sender.start()
        assert receive(sock, len(payload)) == payload
        sender.join()
        elapsed = (time.perf_counter() - started) * 1000
    chunks = len(payload) // (64 * 1024)
    assert elapsed < chunks * RTT_MS / 4, elapsed


def test_the_proxy_stops_by_itself(echo: int) -> None:
    """Nobody stops it: it closes after its timeout, and its port refuses connections."""
    proxy = LatencyProxy("127.0.0.1", echo, RTT_MS, timeout_s=0.2).start()
    assert proxy.join(5) and proxy.timed_out
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", proxy.port), timeout=1).close()


def test_a_read_costs_its_statements_only(store: Store) -> None:
    """One read session with one statement: one round trip on both backends (a read runs
    without a transaction: no BEGIN, no ROLLBACK), counted from the engine's events."""
    with store.read() as session:  # the pool's connection is open before counting
        session.execute(select(1))
    with RoundTripCounter(store.engine) as counter:
        with store.read() as session:
            session.execute(select(m.Account.id).limit(1)).all()
    assert [s for s, _ in counter.statements] and len(counter.statements) == 1
    assert counter.round_trips == 1 and counter.source == "events"
    assert counter.transaction_control == 0


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.pg)])
def test_the_events_count_what_the_wire_sees(store_url: str, backend: str) -> None:
    """Through the proxy, a read, a write and a committed connection: the engine's events
    count as many round trips as the proxy saw."""
    parsed = make_url(store_url)
    with (
        LatencyProxy(parsed.host or "127.0.0.1", parsed.port or 5432, 0) as proxy,
        Store.open(proxy.route(parsed)) as store,
    ):
        with (
            RoundTripCounter(store.engine) as events,
            RoundTripCounter(store.engine, proxy) as wire,
        ):
            with store.read() as session:
                session.execute(select(m.Account.id)).all()
                session.execute(select(m.Apprentice.id)).all()
            with store.write() as session:
                session.execute(text("SELECT 1"))
            with store.engine.connect() as connection:
                connection.execute(text("SELECT 2"))
                connection.commit()
                connection.execute(text("SELECT 3"))
        assert wire.source == "proxy" and len(events.statements) == 5
        # 2 (the read's 2 statements, no BEGIN nor ROLLBACK) + 3 (BEGIN, 1, COMMIT) + 6
        # (BEGIN, 1, COMMIT, BEGIN, 1, ROLLBACK)
        assert events.round_trips == wire.round_trips == 11
