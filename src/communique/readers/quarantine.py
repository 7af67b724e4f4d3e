"""The quarantine file: one JSON line per record set aside (file, line, reason, raw)."""
from __future__ import annotations

import json
import os
from pathlib import Path

from communique.errors import CommuniqueError
from communique.readers.inputs import STDIN
from communique.readers.problems import Problem
from communique.readers.unicode import escape_surrogates


def where(file: str) -> str:
    """The key of a file: its absolute path, so ``feed.jsonl`` and ``./feed.jsonl`` are one."""
    return file if file == STDIN else os.path.realpath(file)


class Quarantine:
    """Appends problems to a JSONL file, each (file, line, reason) at most once.

    The file is compared by absolute path (the ``path`` of each entry), so re-running an
    ingest (or resuming one) from another folder never repeats entries either. A file that
    cannot be written is a CommuniqueError at once, before anything is coded.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._seen: set[tuple[str, int, str]] = set()
        self.added = 0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CommuniqueError(f"--quarantine: cannot create {self.path.parent}: "
                                  f"{exc.strerror or exc}") from None
        target = self.path if self.path.exists() else self.path.parent
        if self.path.is_dir() or not os.access(target, os.W_OK):
            raise CommuniqueError(f"--quarantine: cannot write {self.path}")
        if self.path.exists():
            with open(self.path, encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    try:
                        obj = json.loads(line)
                        self._seen.add((obj.get("path") or where(obj["file"]), int(obj["line"]),
                                        obj["reason"]))
                    except (ValueError, KeyError, TypeError, AttributeError):
                        continue

    def add(self, problems: list[Problem]) -> int:
        """Write the problems not yet in the file; returns how many were new."""
        lines = []
        for p in problems:
            key = (where(escape_surrogates(p.file)), p.line, escape_surrogates(p.reason))
            if key in self._seen:
                continue
            self._seen.add(key)
            row = {"file": escape_surrogates(p.file), "line": p.line, "reason": key[2]}
            if key[0] != row["file"]:
                row["path"] = key[0]
            if p.raw is not None:
                row["raw"] = escape_surrogates(p.raw)
            lines.append(json.dumps(row, ensure_ascii=False) + "\n")
        if not lines:
            return 0
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.write("".join(lines))
        self.added += len(lines)
        return len(lines)


def default_path(db: str | Path) -> Path:
    """``events.duckdb`` -> ``events.quarantine.jsonl`` beside it."""
    db = Path(db)
    return db.with_name(db.stem + ".quarantine.jsonl")
