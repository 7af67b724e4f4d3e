"""A consistent copy of an event store, also while an ingest is writing it.

The copy is made under the store's write lock, held shared (see ``store.locking``): the
ingest waits at its next commit until the copy is made. The write-ahead log is copied
before the database file, the copy is then opened (which replays the log, so it holds
every transaction committed before the copy began) and checked, and only then put in
place, in one rename: readers of an older copy keep reading it undisturbed.
"""
from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from communique.errors import CommuniqueError
from communique.store import locking


@dataclass(frozen=True)
class Snapshot:
    path: Path
    documents: int
    events: int
    bytes: int


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _remove(*paths: Path) -> None:
    for p in paths:
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def snapshot(db: str | Path, out: str | Path, attempts: int = 3) -> Snapshot:
    """Copy the store ``db`` to ``out`` (replacing it); returns what the copy holds."""
    src, dst = Path(db), Path(out)
    if not src.is_file():
        raise CommuniqueError(f"no event store at {src}")
    if dst.exists() and os.path.samefile(src, dst):
        raise CommuniqueError("-o must name another file than --db")
    if not dst.parent.is_dir():
        raise CommuniqueError(f"-o: no folder {dst.parent}")
    part = dst.with_name(f".{dst.name}.part{os.getpid()}")
    problem = "unknown"
    try:
        for _ in range(attempts):
            _remove(part, _wal(part))
            with locking.write_lock(src, shared=True):
                if _wal(src).exists():
                    shutil.copyfile(_wal(src), _wal(part))
                shutil.copyfile(src, part)
            try:
                counts = _check(part)
            except duckdb.Error as exc:
                problem = " ".join(str(exc).split())
                continue
            _remove(_wal(dst))  # a stale log beside the old copy would be replayed into the new one
            os.replace(part, dst)
            return Snapshot(dst, *counts, dst.stat().st_size)
    except OSError as exc:
        raise CommuniqueError(f"cannot write the snapshot {dst}: {exc.strerror or exc}") from None
    finally:
        _remove(part, _wal(part))
    raise CommuniqueError(f"could not make a consistent copy of {src} in {attempts} attempts: {problem}")


def _check(path: Path) -> tuple[int, int]:
    """Open the copy (replaying its log into it) and count what it holds."""
    con = duckdb.connect(str(path))
    try:
        con.execute("CHECKPOINT")
        return (con.execute("SELECT count(*) FROM documents").fetchone()[0],
                con.execute("SELECT count(*) FROM events").fetchone()[0])
    finally:
        con.close()
