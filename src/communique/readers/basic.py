"""Read documents from .txt / .jsonl files or standard input (the `code` command)."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from communique.readers.common import Problem, ReadReport, _decode, content_id, json_objects, parse_date
from communique.records import Document


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
