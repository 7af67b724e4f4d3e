"""Read-only access to the event store, one connection per request.

DuckDB lets one process write a file and nobody else open it meanwhile. Holding the store
open between requests would stop an ingest from starting, so each request opens it
read-only and closes it when done; a request that arrives while an ingest writes gets a
503 with a message instead of waiting.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
from fastapi import Request

from communique.errors import CommuniqueError


class StoreUnavailable(CommuniqueError):
    """The store cannot be read right now (missing, not a store, or locked by a writer)."""


def open_store(path: Path) -> duckdb.DuckDBPyConnection:
    if not path.is_file():
        raise StoreUnavailable(f"no event store at {path.name} (run `communique ingest` first)")
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise StoreUnavailable(f"the event store {path.name} is being written by another process "
                                   "(an ingest?); try again when it has finished") from None
        raise StoreUnavailable(f"cannot open the event store {path.name}: {exc}") from None
    except duckdb.Error as exc:
        raise StoreUnavailable(f"cannot open the event store {path.name}: {exc}") from None
    ok = con.execute("SELECT count(*) FROM information_schema.tables "
                     "WHERE table_name IN ('documents', 'events', 'event_view')").fetchone()[0]
    if ok < 3:
        con.close()
        raise StoreUnavailable(f"{path.name} is not a communique event store")
    return con


def store(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """FastAPI dependency: a read-only connection for the duration of one request."""
    con = open_store(request.app.state.settings.db_path)
    try:
        yield con
    finally:
        con.close()
