"""A PostgreSQL server stopped under a running session, then started again (issue 13).

While it is down, every action gets a French `StoreUnavailable` (and the command line exits
2 with a French line); once it is back, the same `Store`'s next action works, without
restarting the application and without a ping before each use (issue 14).

The server is a throw-away cluster of the test's own (initdb, pg_ctl), never the shared
test server: stopping that one would break everybody's tests. It runs with the PostgreSQL
binaries of this machine, as the `postgres` user when the tests run as root (initdb
refuses root).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from cpro_desktop import models as m
from cpro_desktop.cli import main as cli_main
from cpro_desktop.models.enums import Origin
from cpro_desktop.services import reviews
from cpro_desktop.services.auth import authenticate
from cpro_desktop.store import Store, StoreUnavailable
from cpro_desktop.store import engine as store_engine
from tests.conftest import PG_SKIP_REASON, PG_URL

pytestmark = pytest.mark.pg

LOST = "Le serveur est injoignable"


def _pg_bin() -> Path:
    """The folder of initdb and pg_ctl: CPRO_TEST_PG_BIN, pg_config's, or the newest
    /usr/lib/postgresql/*/bin; a clear failure if none (never a skip)."""
    candidates: list[Path] = []
    if os.environ.get("CPRO_TEST_PG_BIN"):
        candidates.append(Path(os.environ["CPRO_TEST_PG_BIN"]))
    if shutil.which("pg_config"):
        found = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
        candidates.append(Path(found.stdout.strip()))
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    pytest.fail(
        "No PostgreSQL server binaries (initdb, pg_ctl) on this machine, needed to stop and "
        "restart a throw-away server: install postgresql, or set CPRO_TEST_PG_BIN."
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """A throw-away PostgreSQL cluster on 127.0.0.1 (trust authentication)."""

    def __init__(self, folder: Path) -> None:
        self.bin = _pg_bin()
        self.folder = folder
        self.data = folder / "data"
        self.port = _free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            if not shutil.which("runuser"):
                pytest.fail("Running as root: initdb needs `runuser` to run as `postgres`.")
            shutil.chown(folder, "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres",
                  "-E", "UTF8", "--no-sync")  # fmt: skip

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, tool: str, *args: str) -> None:
        done = subprocess.run(
            [*self.as_user, str(self.bin / tool), *args], capture_output=True, text=True
        )
        if done.returncode != 0:
            pytest.fail(f"{tool} failed: {done.stdout}\n{done.stderr}")

    def start(self) -> None:
        options = (
            f"-c port={self.port} -c listen_addresses=127.0.0.1 -c fsync=off "
            f"-c unix_socket_directories={self.folder}"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "log"), "-w",
                  "-o", options, "start")  # fmt: skip

    def is_running(self) -> bool:
        status = [*self.as_user, str(self.bin / "pg_ctl"), "-D", str(self.data), "status"]
        return subprocess.run(status, capture_output=True).returncode == 0

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-w", "-m", mode, "stop")


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    """A PostgreSQL server of the module's own, started (stopped and removed at the end)."""
    if not PG_URL:
        pytest.skip(PG_SKIP_REASON)
    # Not under pytest's tmp_path: its folders are private to root, postgres could not enter.
    folder = Path(tempfile.mkdtemp(prefix="cpro-pg-restart-"))
    try:
        server = Cluster(folder)
        server.start()
        yield server
        subprocess.run(
            [*server.as_user, str(server.bin / "pg_ctl"), "-D", str(server.data), "-m",
             "immediate", "stop"], capture_output=True,
        )  # fmt: skip
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def demo_on_cluster(cluster: Cluster) -> str:
    """The demo world on the throw-away server, once for the module."""
    from cpro_desktop.demo.world import build_demo_world

    with Store.open(cluster.url) as store:
        build_demo_world(store)
    return cluster.url


@pytest.fixture
def running(cluster: Cluster) -> Iterator[Cluster]:
    """The server is running at the start and at the end of the test, whatever happened."""
    yield cluster
    if not cluster.is_running():
        cluster.start()


def mina_id(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(m.Apprentice.id).where(m.Apprentice.last_name == "AZZOUG"))


def test_a_server_restart_under_a_running_session(
    running: Cluster, demo_on_cluster: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Stopped: a read and a save give a French `StoreUnavailable` (nothing saved), and a
    command exits 2 with a French line. Started again: the same store's next read and save
    work at once, with no ping before each use."""
    store = Store.open(demo_on_cluster)
    try:
        assert store.engine.pool._pre_ping is False
        tutor = authenticate(store, "tuteur", "cpro-demo")
        mina = mina_id(store)
        draft = reviews.start_review(store, tutor, mina, Origin.COMPANY)
        assert reviews.list_reviews(store, tutor, mina)

        running.stop()
        with pytest.raises(StoreUnavailable) as caught:
            reviews.list_reviews(store, tutor, mina)
        assert str(caught.value).startswith(LOST) and caught.value.connection_lost
        with pytest.raises(StoreUnavailable, match="Rien n'a été enregistré") as caught:
            reviews.save_draft(store, tutor, draft.id, draft.version, findings="Pendant",
                               advice="", levels={})  # fmt: skip
        assert str(caught.value).startswith(LOST)

        code = cli_main(["--db", demo_on_cluster, "db", "info"])
        err = capsys.readouterr().err
        assert code == 2
        assert err.startswith("cpro-desktop : Impossible de joindre le serveur PostgreSQL")
        assert "Vérifiez l'adresse" in err

        running.start()
        assert reviews.list_reviews(store, tutor, mina)
        saved = reviews.save_draft(store, tutor, draft.id, draft.version, findings="Après",
                                   advice="", levels={})  # fmt: skip
        assert reviews.get_review(store, tutor, saved.id).findings == "Après"
    finally:
        store.close()


def test_idle_connections_from_before_a_restart_are_not_used(
    running: Cluster, demo_on_cluster: str
) -> None:
    """Stopped and started again while the application sat idle, with connections in its
    pool: the next actions work at once (the closed connections are dropped when taken
    from the pool, without a round trip)."""
    store = Store.open(demo_on_cluster)
    try:
        tutor = authenticate(store, "tuteur", "cpro-demo")
        mina = mina_id(store)
        with store.read(), store.read():  # two connections wait in the pool
            pass
        running.stop()
        running.start()
        for _ in range(3):
            assert reviews.list_reviews(store, tutor, mina)
    finally:
        store.close()


def test_a_unit_that_failed_on_a_stale_connection_may_run_again_at_once(
    running: Cluster, demo_on_cluster: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When a pooled connection breaks in use (the server restarted between the pool's
    check and the query), the unit fails with `retry_safe`: nothing committed, the pool
    is renewed, and running it again works. A failure on a fresh connection (the server
    still down) is not `retry_safe`: the user is asked."""
    store = Store.open(demo_on_cluster)
    try:
        tutor = authenticate(store, "tuteur", "cpro-demo")
        mina = mina_id(store)
        reviews.list_reviews(store, tutor, mina)
        monkeypatch.setattr(store_engine, "_server_hung_up", lambda connection: False)
        running.stop()
        running.start()
        with pytest.raises(StoreUnavailable) as caught:
            reviews.list_reviews(store, tutor, mina)
        assert caught.value.retry_safe and str(caught.value).startswith(LOST)
        assert reviews.list_reviews(store, tutor, mina)

        running.stop()
        with pytest.raises(StoreUnavailable) as stale:
            reviews.list_reviews(store, tutor, mina)
        assert stale.value.retry_safe
        with pytest.raises(StoreUnavailable) as fresh:
            reviews.list_reviews(store, tutor, mina)
        assert not fresh.value.retry_safe and fresh.value.connection_lost
    finally:
        store.close()
