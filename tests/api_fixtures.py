"""A store built from the demo corpus and a real workbench server over it (`communique serve`
on 127.0.0.1 on a free port), shared by the API and browser tests of a session; and, for the
tests that make corrections, a server of their own over a copy of that store."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from communique.readers import ReaderOptions, ReadReport, iter_records
from communique.store.event_store import EventStore
from communique.store.ingest import IngestOptions, ingest

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "communique" / "cli" / "demo" / "korea_2016_2018.jsonl"
ARTIFACTS = ROOT / "test-artifacts"
_SHARED = pytest.StashKey[dict]()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Workbench:
    """A running server: its URL, its store and its process."""

    url: str
    db: Path
    process: subprocess.Popen
    log: Path

    def client(self, **kw) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60, **kw)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def build_demo_store(path: Path, coder) -> Path:
    with EventStore(path) as store:
        ingest(store, iter_records([str(DEMO)], ReaderOptions(), ReadReport()), coder, IngestOptions())
    return path


def communique_command() -> list[str]:
    """The installed `communique` command of this environment."""
    script = Path(sys.executable).with_name("communique")
    return [str(script)] if script.exists() else [sys.executable, "-m", "communique"]


def start_server(db: Path, log: Path, *extra: str) -> Workbench:
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("COMMUNIQUE_TOKEN", None)
    with open(log, "wb") as fh:
        proc = subprocess.Popen([*communique_command(), "serve", "--db", str(db), "--port", str(port), *extra],
                                stdout=fh, stderr=subprocess.STDOUT, env=env)
    bench = Workbench(f"http://127.0.0.1:{port}", db, proc, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the workbench server exited with {proc.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{bench.url}/health", timeout=2).status_code == 200:
                return bench
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    bench.stop()
    raise RuntimeError(f"the workbench server did not answer within 60 s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def workbench(request, tmp_path_factory) -> Workbench:
    """One server per session, whichever test module asks first."""
    shared = request.config.stash.setdefault(_SHARED, {})
    if "bench" not in shared:
        folder = tmp_path_factory.mktemp("workbench")
        db = build_demo_store(folder / "demo.duckdb", request.getfixturevalue("coder"))
        bench = start_server(db, folder / "server.log")
        request.config.add_cleanup(bench.stop)
        shared["bench"] = bench
    return shared["bench"]


TOKEN = "test-token-4f1d"


@pytest.fixture(name="communique_command")
def communique_command_fixture() -> list[str]:
    return communique_command()


@pytest.fixture()
def writable_workbench(workbench, tmp_path) -> Workbench:
    """A server with --token over a copy of the demo store, its corrections in tmp_path."""
    db = tmp_path / "demo.duckdb"
    shutil.copyfile(workbench.db, db)
    bench = start_server(db, tmp_path / "server.log", "--token", TOKEN,
                         "--corrections", str(tmp_path / "fixes.yaml"))
    yield bench
    bench.stop()


@pytest.fixture()
def api(workbench):
    with workbench.client() as client:
        yield client


PLACES = ("Pyongyang", "Seoul", "Beijing", "Tokyo", "Washington", "Moscow")


def locate_events(db: Path) -> int:
    """Give events whose sentence names one of PLACES that place as their location, with the
    gazetteer's coordinates (a stand-in for the geolocator until the coder sets locations)."""
    import duckdb

    from communique.geo.gazetteer import fold, load_gazetteer

    gz = load_gazetteer()
    con = duckdb.connect(str(db))
    try:
        n = 0
        for name in PLACES:
            rank, f = min(gz.candidates(fold(name)), key=lambda c: (c[0], -c[1].population))
            rows = con.execute("SELECT event_id, sentence_start + strpos(sentence, ?) - 1 FROM event_view "
                               "WHERE contains(sentence, ?) AND location_lat IS NULL", [name, name]).fetchall()
            for event_id, start in rows:
                con.execute("UPDATE events SET location_text = ?, location_start = ?, location_end = ?, "
                            "location_name = ?, location_country = ?, location_adm1 = ?, location_lat = ?, "
                            "location_lon = ?, location_feature_id = ?, location_precision = ? WHERE event_id = ?",
                            [name, start, start + len(name), f.name, f.country, f.adm1, f.lat, f.lon, f.feature_id,
                             f.kind, event_id])
                n += 1
        return n
    finally:
        con.close()


@pytest.fixture()
def located_workbench(workbench, tmp_path) -> Workbench:
    """A server over a copy of the demo store whose events carry locations (locate_events)."""
    db = tmp_path / "located.duckdb"
    shutil.copyfile(workbench.db, db)
    assert locate_events(db) > 10
    bench = start_server(db, tmp_path / "server.log")
    yield bench
    bench.stop()
