"""CSV and TSV: a header row (or none, with 1-based column numbers), then one record per row."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import IO

from communique.readers.options import ReaderOptions
from communique.readers.problems import ReadReport
from communique.readers.record import Record, make_record


def read_delimited(fh: IO[bytes], name: str, options: ReaderOptions, report: ReadReport,
                   delimiter: str = ",") -> Iterator[Record]:
    """Rows of a CSV/TSV file; quoted fields may span lines (``line`` is where a row starts)."""
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 27))  # long articles in one cell
    delimiter = options.delimiter or delimiter
    text = io.TextIOWrapper(fh, encoding=options.encoding, errors="surrogateescape", newline="")
    reader = csv.reader(text, delimiter=delimiter, strict=True)
    try:
        yield from _rows(reader, name, options, report, delimiter)
    finally:
        text.detach()  # leave the binary stream (standard input) open


def _rows(reader, name: str, options: ReaderOptions, report: ReadReport,
          delimiter: str) -> Iterator[Record]:
    header: list[str] | None = None
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            report.skip(name, start, f"broken line: {exc}")
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
