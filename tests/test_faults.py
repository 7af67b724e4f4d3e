"""Faults (issue 14): a read-only store and a full disk (small file systems made here, skipped
where they cannot be made), a Dask worker killed mid-run, and `make faults`: kill -9 and resume
COMMUNIQUE_FAULT_TRIALS times (CI keeps the 2-kill test of test_store.py)."""
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from communique.readers import ReaderOptions, ReadReport, iter_records
from communique.store.event_store import EventStore
from communique.store.ingest import IngestOptions, ingest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))
from test_store import _ingest_cmd, _kill_after, write_corpus  # noqa: E402

FILLER = "The weather was calm and the markets were quiet all week. " * 30


def cli(*args, timeout=600):
    return subprocess.run([sys.executable, "-m", "communique", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture
def small_fs(tmp_path):
    """mount(size) -> a tmpfs of that size (e.g. "1m"); remount(options); unmounted afterwards."""
    where = tmp_path / "mnt"
    where.mkdir()
    mounted = []

    def mount(size: str) -> Path:
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                           capture_output=True, text=True)
        if r.returncode:
            pytest.skip(f"cannot make a small file system here (mount: {r.stderr.strip() or r.returncode})")
        mounted.append(where)
        return where

    def remount(options: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{options}", str(where)], check=True)

    mount.remount = remount
    yield mount
    for m in mounted:
        subprocess.run(["umount", "-l", str(m)], capture_output=True)


def padded_corpus(path: Path, n: int) -> Path:
    """n long stories: one event each, padded with sentences the pre-pass skips (fast to code)."""
    actors = ["Russia", "China", "Japan", "Iran", "France", "India", "Turkey", "Syria"]
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            a, b = actors[i % 8], actors[(3 * i + 1) % 8]
            fh.write(json.dumps({"id": f"p{i}", "date": f"2017-03-{1 + i % 28:02d}",
                                 "text": f"{a} criticised {b} in report {i}. {FILLER}{i}"}) + "\n")
    return path


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha1(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def library_ingest(db: Path, src: Path, coder, **options) -> dict:
    with EventStore(db) as store:
        ingest(store, iter_records([str(src)], ReaderOptions(), ReadReport()), coder, IngestOptions(**options))
        return store.dump()


def test_a_full_disk_stops_the_ingest_clearly_and_the_rerun_completes_it(tmp_path, small_fs, coder):
    src = padded_corpus(tmp_path / "p.jsonl", 400)
    clean = library_ingest(tmp_path / "ref.duckdb", src, coder)
    where = small_fs("640k")
    db = where / "x.duckdb"
    full = cli("ingest", str(src), "--db", str(db), "--progress", "none", "--commit-every", "32")
    assert full.returncode == 2, full.stderr
    assert full.stderr.count("\n") == 1 and "Traceback" not in full.stderr
    assert full.stderr.startswith(f"communique: error: cannot write the store {db}")
    assert "No space left on device" in full.stderr and "run the same command again" in full.stderr
    small_fs.remount("size=64m")
    with EventStore(db) as store:  # what was committed is whole: every stored document has its events
        partial = store.counts()
        assert 0 < partial["documents"] < 400 and partial["events"] == partial["coded_documents"]
    assert library_ingest(db, src, coder, commit_every=32) == clean  # the same command, resumed


def test_a_read_only_store_is_a_clear_error_and_is_left_as_it_was(tmp_path, small_fs, coder):
    src = padded_corpus(tmp_path / "p.jsonl", 20)
    where = small_fs("16m")
    db = where / "x.duckdb"
    library_ingest(db, src, coder)
    small_fs.remount("ro")
    before = digest(where)
    more = padded_corpus(tmp_path / "more.jsonl", 30)
    r = cli("ingest", str(more), "--db", str(db), "--progress", "none")
    assert r.returncode == 2 and r.stderr.count("\n") == 1, r.stderr
    assert r.stderr.startswith(f"communique: error: cannot write the store {db}: it (or its folder) is read-only")
    with pytest.raises(Exception, match="cannot open .* for writing"):
        EventStore(db)  # the library says so too
    assert digest(where) == before
    stats = cli("stats", "--db", str(db))
    assert stats.returncode == 0 and "documents: 20 (20 coded)" in stats.stdout, stats.stderr
    snap = cli("snapshot", "--db", str(db), "-o", str(tmp_path / "copy.duckdb"))
    assert snap.returncode == 0 and "20 documents" in snap.stderr, snap.stderr
    assert digest(where) == before


def test_a_dask_worker_killed_mid_run_leaves_a_complete_unduplicated_store(tmp_path, coder):
    from communique.coder.cluster import DaskCoder

    src = write_corpus(tmp_path / "c.jsonl", 30)

    def run(db, the_coder, records):
        with EventStore(db) as store:
            ingest(store, records, the_coder, IngestOptions(commit_every=4))
            return store.dump()

    def records():
        return iter_records([str(src)], ReaderOptions(), ReadReport())

    clean = run(tmp_path / "clean.duckdb", coder, records())
    killed: list[int] = []
    with DaskCoder(local_workers=2, partition=2) as dask:
        pids = dask.client.run(os.getpid)

        def kill_one_busy_worker():
            busy = [w for w, keys in dask.client.processing().items() if keys and w in pids]
            victim = busy[0] if busy else sorted(pids)[0]
            os.kill(pids[victim], signal.SIGKILL)
            killed.append(pids[victim])

        def feed():
            for n, rec in enumerate(records()):
                if n == 10:  # partitions are in flight on both workers by now
                    threading.Thread(target=kill_one_busy_worker).start()
                yield rec

        dumped = run(tmp_path / "dask.duckdb", dask, feed())
    assert killed and dumped == clean
    with pytest.raises(ProcessLookupError):
        os.kill(killed[0], 0)


TRIALS = int(os.environ.get("COMMUNIQUE_FAULT_TRIALS", "0"))


@pytest.mark.skipif(not TRIALS, reason="the long kill -9 trials run with `make faults`")
@pytest.mark.parametrize("trial", range(TRIALS))
def test_kill_9_at_a_random_moment_then_resume(trial, tmp_path, coder):
    rng = random.Random(trial)
    src = write_corpus(tmp_path / "c.jsonl", 120)
    report = ReadReport()
    with EventStore(tmp_path / "clean.duckdb") as store:
        ingest(store, iter_records([str(src)], ReaderOptions(), report), coder, IngestOptions())
        clean = store.dump()
    db = tmp_path / "killed.duckdb"
    for _ in range(rng.randint(1, 3)):
        _kill_after(_ingest_cmd(db, src), rng.randint(1, 120), required=False)
    done = subprocess.run(_ingest_cmd(db, src), cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 1, done.stderr
    with EventStore(db) as store:
        assert store.dump() == clean
