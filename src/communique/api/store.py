"""Read-only access to the event store while requests need it, and only then.

DuckDB lets one process write a file and nobody else open it meanwhile. Holding the store
open between requests would stop an ingest from starting, so the store is opened read-only
when a request arrives and closed when the last request in flight is done; requests that
overlap share the open database through cursors of their own. A request that arrives while
an ingest writes gets a 503 with a message instead of waiting.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
from fastapi import Request

from communique.errors import CommuniqueError


class StoreUnavailable(CommuniqueError):
    """The store cannot be read right now (missing, not a store, or locked by a writer)."""


# Requests run side by side, so each query takes half the cores (on small stores one
# thread per query is also twice as fast as DuckDB's default of one per core).
THREADS = max(1, (os.cpu_count() or 2) // 2)


def open_store(path: Path, check: bool = False) -> duckdb.DuckDBPyConnection:
    """A read-only connection; ``check``: also make sure the file is an event store (the
    runner does at start; a request on a file that is not one fails on its first query)."""
    if not path.is_file():
        raise StoreUnavailable(f"no event store at {path.name} (run `communique ingest` first)")
    try:
        con = duckdb.connect(str(path), read_only=True, config={"threads": THREADS})
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise StoreUnavailable(f"the event store {path.name} is being written by another process "
                                   "(an ingest?); try again when it has finished") from None
        raise StoreUnavailable(f"cannot open the event store {path.name}: {exc}") from None
    except duckdb.Error as exc:
        raise StoreUnavailable(f"cannot open the event store {path.name}: {exc}") from None
    if not check:
        return con
    ok = con.execute("SELECT count(*) FROM information_schema.tables "
                     "WHERE table_name IN ('documents', 'events', 'event_view')").fetchone()[0]
    if ok < 3:
        con.close()
        raise StoreUnavailable(f"{path.name} is not a communique event store")
    return con


class StoreReader:
    """The store opened read-only for as long as at least one request uses it; a writer
    (re-coding after a correction) waits for the readers to finish and keeps new ones out."""

    def __init__(self, path: Path):
        self.path = path
        self._cond = threading.Condition()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._writing = False

    @contextmanager
    def connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._cond:
            if self._writing:
                raise StoreUnavailable(f"the event store {self.path.name} is being re-coded; "
                                       "try again in a moment")
            if self._con is None:
                self._con = open_store(self.path)
            self._users += 1
            cursor = self._con.cursor()
        try:
            yield cursor
        finally:
            with self._cond:
                cursor.close()
                self._users -= 1
                if self._users == 0:
                    self._con.close()
                    self._con = None
                    self._cond.notify_all()

    @contextmanager
    def exclusive(self, wait: float = 30.0) -> Iterator[None]:
        """No reader while the block runs (this process may then open the store to write)."""
        with self._cond:
            if self._writing:
                raise StoreUnavailable("a re-coding is already running")
            self._writing = True
            if not self._cond.wait_for(lambda: self._users == 0, timeout=wait):
                self._writing = False
                raise StoreUnavailable("the event store is busy with other requests; try again")
        try:
            yield
        finally:
            with self._cond:
                self._writing = False


def store(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """FastAPI dependency: a read-only connection for the duration of one request."""
    with request.app.state.reader.connection() as con:
        yield con
