"""Coding on a real Dask cluster (scheduler and worker processes on 127.0.0.1).

The stores written through `--scheduler` and `--dask-local` must equal a plain local ingest
of the same file, and running the ingest again must add nothing.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from communique.store.event_store import EventStore

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "communique" / "cli" / "demo" / "korea_2016_2018.jsonl"
DASK = Path(sys.executable).parent / "dask"


def cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "communique", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def ingest(db: Path, *extra: str) -> tuple[str, dict]:
    r = cli("ingest", str(DEMO), "--db", str(db), "--progress", "none", *extra)
    assert r.returncode == 0, r.stderr
    with EventStore(db, read_only=True) as store:
        return r.stderr, store.dump()


def workers(address: str) -> int:
    from distributed import Client
    with Client(address, timeout=30) as client:
        return len(client.nthreads())


def wait_for(condition, what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.5)


def stop(proc: subprocess.Popen) -> None:
    """Stop a server and the processes it started (it leads its own session)."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=20)


@pytest.fixture(scope="module")
def local_dump(tmp_path_factory):
    return ingest(tmp_path_factory.mktemp("local") / "local.duckdb")[1]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """`dask scheduler` and two `dask worker` processes, as on separate machines."""
    tmp = tmp_path_factory.mktemp("dask")
    procs: list[subprocess.Popen] = []

    def start(name: str, *args: str, env=None) -> subprocess.Popen:
        with open(tmp / f"{name}.log", "w") as log:
            proc = subprocess.Popen([str(DASK), *args], stdout=log, stderr=subprocess.STDOUT,
                                    cwd=tmp, env=env, start_new_session=True)
        procs.append(proc)
        return proc

    def worker(name: str, env=None) -> subprocess.Popen:
        return start(name, "worker", address, "--nthreads", "1", "--host", "127.0.0.1",
                     "--no-dashboard", "--name", name, env=env)

    try:
        info = tmp / "scheduler.json"
        start("scheduler", "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
              "--scheduler-file", str(info))
        wait_for(info.exists, "the scheduler", 60)
        address = json.loads(info.read_text())["address"]
        worker("w1")
        worker("w2")
        wait_for(lambda: workers(address) == 2, "two workers")
        yield SimpleNamespace(address=address, worker=worker, tmp=tmp)
    finally:
        for proc in reversed(procs):
            stop(proc)


def test_scheduler_ingest_equals_local_and_rerun_adds_nothing(tmp_path, cluster, local_dump):
    db = tmp_path / "dask.duckdb"
    err, dump = ingest(db, "--scheduler", cluster.address, "--partition-size", "4")
    assert f"coding on Dask at {cluster.address} (2 workers" in err
    assert "coded on 2 Dask workers" in err
    assert dump == local_dump
    assert len(dump["documents"]) == 45 and len(dump["events"]) > 100

    err, again = ingest(db, "--scheduler", cluster.address, "--partition-size", "4")
    assert "stored 0 new documents" in err and "skipped 45 documents already in the store" in err
    assert again == local_dump


def test_dask_local_ingest_equals_local(tmp_path, local_dump):
    db = tmp_path / "local-cluster.duckdb"
    err, dump = ingest(db, "--dask-local", "2", "--partition-size", "3", "--commit-every", "7")
    assert "coded on 2 Dask workers" in err
    assert dump == local_dump


def test_worker_with_other_dictionaries_is_refused(tmp_path, cluster):
    other = tmp_path / "other"
    shutil.copytree(ROOT / "src" / "communique", other / "communique",
                    ignore=shutil.ignore_patterns("__pycache__"))
    with open(other / "communique" / "dictionaries" / "data" / "verbs.yaml", "a", encoding="utf-8") as f:
        f.write("\n# a local edit\n")
    proc = cluster.worker("w3", env={**os.environ, "PYTHONPATH": str(other)})
    try:
        wait_for(lambda: workers(cluster.address) == 3, "the third worker")
        db = tmp_path / "refused.duckdb"
        r = cli("ingest", str(DEMO), "--db", str(db), "--scheduler", cluster.address)
        assert r.returncode == 2
        assert "Dask workers run another coder version than this client" in r.stderr
        assert len(set(re.findall(r"communique-[\w.+]+", r.stderr))) == 2, r.stderr
        assert not db.exists()
    finally:
        stop(proc)
    wait_for(lambda: workers(cluster.address) == 2, "the third worker to leave", 60)


@pytest.mark.parametrize("flags, message", [
    (["--scheduler", "tcp://127.0.0.1:1", "--dask-local", "2"], "cannot be used together"),
    (["--dask-local", "2", "--workers", "2"], "--workers cannot be combined"),
    (["--dask-local", "0"], "'--dask-local': 0 is not in the range x>=1"),
])
def test_conflicting_flags_are_usage_errors(tmp_path, flags, message):
    r = cli("ingest", str(DEMO), "--db", str(tmp_path / "x.duckdb"), *flags)
    assert r.returncode == 2 and message in r.stderr
    assert not (tmp_path / "x.duckdb").exists()


def test_dask_coder_takes_the_clients_dictionaries_and_reports_their_problems(tmp_path, cluster):
    from datetime import date

    from communique.coder.cluster import DaskCoder
    from communique.coder.core import Coder
    from communique.coder.interface import EventCoder
    from communique.records import Document

    bad = tmp_path / "bad.actors.txt"  # its first entry has a faulty date: left out, reported
    bad.write_text("ATLANTIS [ATL >9901]\nZEMBLA [ZEM]\nBRAMBLE ISLES [BRM]\n", encoding="utf-8")
    docs = [Document(f"d{i}", t, None) for i, t in enumerate(
        ["Zembla protested to the Bramble Isles.", "Russia criticised China.",
         "The Bramble Isles thanked Zembla for the aid."] * 3)]
    local = Coder(dictionaries=[bad])
    with DaskCoder(scheduler=cluster.address, partition=2, dictionaries=[bad]) as dask:
        assert isinstance(dask, EventCoder)
        assert dask.version == local.version
        assert dask.problems == local.problems == [f"{bad}:1: date '9901' is not YYMMDD or YYYYMMDD"]
        remote = [(c.document.id, [e.to_dict() for e in c.events])
                  for c in dask.code_documents(docs, date(2017, 3, 1))]
    assert remote == [(c.document.id, [e.to_dict() for e in c.events])
                      for c in local.code_documents(docs, date(2017, 3, 1))]
    assert any(e["source"]["code"] == "ZEM" for _, events in remote for e in events)
