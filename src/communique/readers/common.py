"""What every reader shares: problems and the read report, content ids, dates, JSON lines."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date


@dataclass
class Problem:
    """A record that was set aside, with where it came from and why."""

    file: str
    line: int
    reason: str
    raw: str | None = None  # the offending record (truncated), when there is one

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass
class ReadReport:
    problems: list[Problem] = field(default_factory=list)
    documents: int = 0


def content_id(text: str) -> str:
    return "doc-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def parse_date(value) -> date | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"unparsable date {value!r} (expected YYYY-MM-DD)") from None


def _decode(raw: bytes) -> str:
    text = raw.decode("utf-8", errors="replace")
    return text[1:] if text.startswith("\ufeff") else text


def json_objects(lines, problem, encoding: str = "utf-8") -> Iterator[tuple[int, dict]]:
    """Numbered JSON objects of JSONL ``lines`` (bytes); a broken line is passed to
    ``problem(line_number, reason, raw)`` and skipped."""
    for n, raw in enumerate(lines, start=1):
        try:
            line = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            problem(n, f"invalid UTF-8 at byte {exc.start}", raw)
            continue
        line = line.strip().lstrip("\ufeff")
        if not line:
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problem(n, f"malformed JSON: {exc.msg} (column {exc.colno})", line)
            continue
        if not isinstance(obj, dict):
            problem(n, "expected a JSON object", line)
            continue
        yield n, obj
