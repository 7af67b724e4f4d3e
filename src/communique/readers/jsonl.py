"""JSON lines: one object per line."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator

from communique.readers.options import ReaderOptions
from communique.readers.problems import ReadReport
from communique.readers.record import Record, make_record


def json_objects(lines: Iterable[bytes], problem: Callable[[int, str, object], None],
                 encoding: str = "utf-8") -> Iterator[tuple[int, dict]]:
    """Numbered JSON objects of JSONL ``lines``; a broken line is passed to
    ``problem(line_number, reason, raw)`` and skipped, blank lines are passed over."""
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


def read_jsonl(lines: Iterable[bytes], name: str, options: ReaderOptions,
               report: ReadReport) -> Iterator[Record]:
    def problem(n: int, reason: str, raw) -> None:
        report.skip(name, n, reason, raw)

    for n, obj in json_objects(lines, problem, options.encoding):
        record = make_record(report, name, n, options, obj.get)
        if record:
            yield record
