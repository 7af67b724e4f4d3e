"""CSV and TSV: a header row (or none, with 1-based column numbers), then one record per row."""
from __future__ import annotations

import csv
import io
from collections import deque
from collections.abc import Iterator
from typing import IO

from communique.readers.options import ReaderOptions
from communique.readers.problems import ReadReport
from communique.readers.record import Record, make_record


class _Lines:
    """The numbered lines of a text stream for csv.reader. The lines of the last record are
    kept (``taken``), and a broken record's lines after its first can be read again: so an
    unterminated quote costs its own line, not every good row behind it."""

    def __init__(self, text: IO[str]):
        self._text = text
        self._again: deque[tuple[int, str]] = deque()
        self._number = 0
        self.taken: list[tuple[int, str]] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self._again:
            item = self._again.popleft()
        else:
            line = next(self._text)
            self._number += 1
            item = (self._number, line)
        self.taken.append(item)
        return item[1]

    def start(self) -> int:
        """The number of the line the next record starts on."""
        return self._again[0][0] if self._again else self._number + 1

    def read_again(self) -> None:
        """Give back the lines of the last record after its first one."""
        self._again.extendleft(reversed(self.taken[1:]))


def read_delimited(fh: IO[bytes], name: str, options: ReaderOptions, report: ReadReport,
                   delimiter: str = ",") -> Iterator[Record]:
    """Rows of a CSV/TSV file; quoted fields may span lines (``line`` is where a row starts)."""
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 27))  # long articles in one cell
    delimiter = options.delimiter or delimiter
    text = io.TextIOWrapper(fh, encoding=options.encoding, errors="surrogateescape", newline="")
    lines = _Lines(text)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    try:
        yield from _rows(reader, lines, name, options, report, delimiter)
    finally:
        text.detach()  # leave the binary stream (standard input) open


def _broken(lines: _Lines, report: ReadReport, name: str, reason: str) -> None:
    """Set the record's first line aside and read the lines after it again."""
    first = lines.taken[0] if lines.taken else (lines.start(), "")
    report.skip(name, first[0], f"broken line: {reason}", first[1].rstrip("\r\n"))
    lines.read_again()


def _rows(reader, lines: _Lines, name: str, options: ReaderOptions, report: ReadReport,
          delimiter: str) -> Iterator[Record]:
    header: list[str] | None = None
    while True:
        lines.taken = []
        start = lines.start()
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            _broken(lines, report, name, str(exc))
            continue
        if header is None and options.header:
            header = [h.strip().lstrip("\ufeff") for h in row]
            wanted = options.column("text")
            if wanted not in header and not all(c in header for c in wanted.split("+")):
                report.skip(name, start, f"no column {wanted!r} in header {header}")
                return
            continue
        if not any(cell.strip() for cell in row):
            continue
        if header is not None and len(row) != len(header):
            if len(lines.taken) > 1:  # a quote opened on this line swallowed the next ones
                _broken(lines, report, name, f"{len(row)} fields over {len(lines.taken)} lines, "
                        f"header has {len(header)} (an unclosed quote?)")
            else:
                report.skip(name, start, f"broken line: {len(row)} fields, header has {len(header)}",
                            delimiter.join(row))
            continue
        bad = next((cell for cell in row if _undecodable(cell)), None)
        if bad is not None:
            pos = next(i for i, ch in enumerate(bad) if "\udc80" <= ch <= "\udcff")
            report.skip(name, start, f"invalid UTF-8 in a field (character {pos})",
                        bad.encode("utf-8", "surrogateescape"))
            continue
        values = dict(zip(header, row)) if header else {str(i): v for i, v in enumerate(row, 1)}
        record = make_record(report, name, start, options, values.get)
        if record:
            yield record


def _undecodable(cell: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in cell)
