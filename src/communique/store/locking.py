"""Who may open the store file, and the lock that lets a snapshot copy it while it is written.

DuckDB lets one process write a file, and no other process open it meanwhile. An ingest
keeps one connection for its whole run, so nothing can slip in between. Its writes (and the
checkpoints DuckDB makes in them) take ``DB.lock`` exclusively; a snapshot holds it shared
while it copies the file and its write-ahead log, so the copy is of committed transactions.
"""
from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from communique.errors import CommuniqueError

try:
    import fcntl
except ImportError:  # not on Windows: copies are then checked only after they are made
    fcntl = None

WAIT_FOR_READERS = 10.0  # seconds a writer waits for short readers (stats, dyads) to finish


class StoreBusy(CommuniqueError):
    """The store file is held by another process."""


def lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


@contextlib.contextmanager
def write_lock(db: Path, shared: bool = False) -> Iterator[None]:
    """Hold ``DB.lock`` (exclusive for writes, shared for copies); a no-op where it cannot be made."""
    try:
        fh = open(lock_path(db), "a+b")  # noqa: SIM115
    except OSError:
        yield  # a read-only folder: nobody can write the store there either
        return
    with fh:
        if fcntl is not None:
            fcntl.flock(fh, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        yield


def _holder(exc: Exception) -> str:
    m = re.search(r"\(PID (\d+)\)", str(exc))
    return f"process {m.group(1)}" if m else "another process"


def busy(exc: Exception) -> bool:
    return "Could not set lock" in str(exc) or "Conflicting lock" in str(exc)


def connect(db: Path, read_only: bool, wait: float | None = None) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection; a file held by another process is a StoreBusy with what to do.

    A writer waits up to ``wait`` (default WAIT_FOR_READERS) seconds for readers to let go;
    a reader does not wait."""
    wait = WAIT_FOR_READERS if wait is None else wait
    deadline = time.monotonic() + (0 if read_only else wait)
    while True:
        try:
            return duckdb.connect(str(db), read_only=read_only)
        except duckdb.IOException as exc:
            if not busy(exc):
                raise
            if time.monotonic() >= deadline:
                raise _busy_error(db, read_only, exc) from None
            time.sleep(0.2)


def _busy_error(db: Path, read_only: bool, exc: Exception) -> StoreBusy:
    if read_only:
        return StoreBusy(f"the store is being written ({db}, by {_holder(exc)}); try again when it "
                         f"has finished or use a snapshot: communique snapshot --db {db} -o copy.duckdb")
    return StoreBusy(f"the store {db} is open in {_holder(exc)} (an ingest, or a program reading it); "
                     "only one process may write it: try again when that one has finished")
