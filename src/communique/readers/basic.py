"""Read documents from .txt / .jsonl files or standard input (the `ingest` stage)."""
from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterator

from communique.records import Document


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


def read_jsonl(lines, name: str, report: ReadReport, default_date: date | None) -> Iterator[Document]:
    def problem(n: int, reason: str, _raw) -> None:
        report.problems.append(Problem(name, n, reason))

    for n, obj in json_objects(lines, problem):
        text = obj.get("text")
        if not isinstance(text, str):
            report.problems.append(Problem(name, n, "missing or non-string 'text'"))
            continue
        try:
            day = parse_date(obj.get("date")) or default_date
        except ValueError as exc:
            report.problems.append(Problem(name, n, str(exc)))
            continue
        report.documents += 1
        doc_id = str(obj.get("id")) if obj.get("id") not in (None, "") else content_id(text)
        yield Document(doc_id, text, day, _opt(obj, "title"), _opt(obj, "url"), _opt(obj, "source"))


def _opt(obj: dict, key: str) -> str | None:
    value = obj.get(key)
    return None if value is None else str(value)


def read_inputs(inputs: list[str], report: ReadReport,
                default_date: date | None = None) -> Iterator[Document]:
    """Documents from each input in turn; problems are recorded in ``report``."""
    for name in inputs:
        if name == "-":
            data = sys.stdin.buffer.read()
            if data.lstrip()[:1] == b"{":
                yield from read_jsonl(data.splitlines(), "<stdin>", report, default_date)
            else:
                report.documents += 1
                text = _decode(data)
                yield Document(content_id(text), text, default_date)
            continue
        path = Path(name)
        if path.is_dir():
            yield from read_inputs(sorted(str(p) for p in path.iterdir()
                                          if p.suffix in (".txt", ".jsonl")), report, default_date)
            continue
        if not path.exists():
            report.problems.append(Problem(name, 0, "no such file"))
            continue
        if path.suffix.lower() in (".csv", ".tsv", ".html", ".htm", ".gz"):
            from communique.readers.corpus import ReaderOptions, iter_records
            options = ReaderOptions(default_date=default_date)
            yield from (r.document for r in iter_records([name], options, report))
            continue
        if path.suffix == ".jsonl":
            with open(path, "rb") as fh:
                yield from read_jsonl(fh, name, report, default_date)
        else:
            text = _decode(path.read_bytes())
            report.documents += 1
            yield Document(path.stem, text, default_date)
