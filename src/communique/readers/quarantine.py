"""The quarantine file: one JSON line per record set aside (file, line, reason, raw)."""
from __future__ import annotations

import json
from pathlib import Path

from communique.readers.problems import Problem


class Quarantine:
    """Appends problems to a JSONL file, each (file, line, reason) at most once.

    Re-running an ingest (or resuming one) therefore never repeats entries.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._seen: set[tuple[str, int, str]] = set()
        self.added = 0
        if self.path.exists():
            with open(self.path, encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    try:
                        obj = json.loads(line)
                        self._seen.add((obj["file"], int(obj["line"]), obj["reason"]))
                    except (ValueError, KeyError, TypeError):
                        continue

    def add(self, problems: list[Problem]) -> int:
        """Write the problems not yet in the file; returns how many were new."""
        new = [p for p in problems if (p.file, p.line, p.reason) not in self._seen]
        if not new:
            return 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as fh:
            for p in new:
                self._seen.add((p.file, p.line, p.reason))
                row = {"file": p.file, "line": p.line, "reason": p.reason}
                if p.raw is not None:
                    row["raw"] = p.raw
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        self.added += len(new)
        return len(new)


def default_path(db: str | Path) -> Path:
    """``events.duckdb`` -> ``events.quarantine.jsonl`` beside it."""
    db = Path(db)
    return db.with_name(db.stem + ".quarantine.jsonl")
