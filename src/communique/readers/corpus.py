"""Corpus readers: JSONL, CSV, folders of .txt, saved HTML pages, and gzip of any of them.

Every record comes out as a :class:`Record` (the document plus the file and line it came
from); a bad record becomes a :class:`~communique.ingest.Problem` in the report instead.
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import io
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import IO

from communique.readers.common import Problem, ReadReport, content_id, json_objects, parse_date
from communique.records import Document

FORMATS = ("jsonl", "csv", "tsv", "txt", "html")
SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv", ".txt": "txt",
            ".html": "html", ".htm": "html"}
RAW_LIMIT = 2000


@dataclass(frozen=True)
class Record:
    """A document and where it was read from (``line`` is 1-based; 0 for whole files)."""

    document: Document
    file: str
    line: int


@dataclass
class ReaderOptions:
    """How to read inputs. ``columns`` maps our fields to CSV/JSONL field names."""

    format: str = "auto"
    columns: dict[str, str] = field(default_factory=dict)
    delimiter: str | None = None
    header: bool = True
    encoding: str = "utf-8"
    title_first_line: bool = False
    default_date: date | None = None

    def column(self, name: str) -> str:
        return self.columns.get(name, name)


def document_id(text: str, source: str | None = None, url: str | None = None) -> str:
    """A stable id from the content: ``content_id(text)`` when there is no source or URL,
    so two copies of one text from different publishers stay two documents."""
    if not source and not url:
        return content_id(text)
    key = f"{source or ''}\x1f{url or ''}\x1f{text}"
    return "doc-" + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def parse_any_date(value) -> date | None:
    """ISO 8601 (``2017-07-04``, ``2017-07-04T10:00Z``), ``20170704`` or RFC 2822 dates."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if len(text) == 8 and text.isdigit():
        try:
            return datetime.strptime(text, "%Y%m%d").date()
        except ValueError:
            pass
    try:
        return parse_date(text)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"unparsable date {value!r} (expected YYYY-MM-DD)") from None


def detect_format(path: str, forced: str = "auto") -> tuple[str | None, bool]:
    """(format, gzipped) from the file name, e.g. ``a.jsonl.gz`` -> ("jsonl", True)."""
    p = Path(path)
    gz = p.suffix.lower() == ".gz"
    if gz:
        p = p.with_suffix("")
    if forced != "auto":
        return forced, gz
    return SUFFIXES.get(p.suffix.lower()), gz


def expand_inputs(inputs: Iterable[str], forced: str = "auto") -> Iterator[str]:
    """Files named, and the readable files under each folder named (recursively, sorted)."""
    for name in inputs:
        path = Path(name)
        if name != "-" and path.is_dir():
            for p in sorted(path.rglob("*")):
                inner = p.with_suffix("") if p.suffix == ".gz" else p
                wanted = forced != "auto" or inner.suffix in SUFFIXES  # lower-case suffixes only
                if p.is_file() and not p.name.startswith(".") and wanted:
                    yield str(p)
        else:
            yield name


def iter_records(inputs: Iterable[str], options: ReaderOptions, report: ReadReport) -> Iterator[Record]:
    """All records of all inputs in order; problems go to ``report.problems``."""
    for name in expand_inputs(inputs, options.format):
        if name == "-":
            yield from _read_stream(sys.stdin.buffer, "<stdin>", options, report, "jsonl")
            continue
        path = Path(name)
        if not path.exists():
            report.problems.append(Problem(name, 0, "no such file"))
            continue
        fmt, gz = detect_format(name, options.format)
        try:
            with (gzip.open(path, "rb") if gz else open(path, "rb")) as fh:
                yield from _read_stream(fh, name, options, report, fmt or "txt")
        except (OSError, EOFError) as exc:  # truncated or corrupt gzip
            report.problems.append(Problem(name, 0, f"unreadable file: {exc}"))


def _read_stream(fh: IO[bytes], name: str, options: ReaderOptions, report: ReadReport,
                 fmt: str) -> Iterator[Record]:
    if name == "<stdin>":
        data = fh.read()
        if data.lstrip()[:1] != b"{":
            yield from _whole_text(data, name, options, report)
            return
        fh = io.BytesIO(data)
    if fmt == "jsonl":
        yield from read_jsonl_records(fh, name, options, report)
    elif fmt in ("csv", "tsv"):
        yield from read_csv_records(fh, name, options, report, "\t" if fmt == "tsv" else ",")
    elif fmt == "html":
        yield from read_html_record(fh.read(), name, options, report)
    else:
        yield from _whole_text(fh.read(), name, options, report)


def _problem(report: ReadReport, name: str, line: int, reason: str, raw=None) -> None:
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", "backslashreplace")
    report.problems.append(Problem(name, line, reason, None if raw is None else str(raw)[:RAW_LIMIT]))


def _make(report: ReadReport, name: str, line: int, options: ReaderOptions, get) -> Record | None:
    """Build a record from a field getter, or note why not."""
    text = get("text")
    if not isinstance(text, str) or not text.strip():
        what = "missing" if text in (None, "") else "empty" if isinstance(text, str) else "non-string"
        _problem(report, name, line, f"{what} text (field {options.column('text')!r})")
        return None
    try:
        day = parse_any_date(get("date")) or options.default_date
    except ValueError as exc:
        _problem(report, name, line, str(exc))
        return None
    source, url = _opt(get("source")), _opt(get("url"))
    given = get("id")
    doc_id = str(given) if given not in (None, "") else document_id(text, source, url)
    report.documents += 1
    return Record(Document(doc_id, text, day, _opt(get("title")), url, source), name, line)


def _opt(value) -> str | None:
    return None if value in (None, "") else str(value)


def read_jsonl_records(lines: Iterable[bytes], name: str, options: ReaderOptions,
                       report: ReadReport) -> Iterator[Record]:
    def problem(n: int, reason: str, raw) -> None:
        _problem(report, name, n, reason, raw)

    for n, obj in json_objects(lines, problem, options.encoding):
        rec = _make(report, name, n, options, lambda k, obj=obj: obj.get(options.column(k)))
        if rec:
            yield rec


def read_csv_records(fh: IO[bytes], name: str, options: ReaderOptions, report: ReadReport,
                     delimiter: str = ",") -> Iterator[Record]:
    """CSV/TSV with a header row (or ``header=False`` and 1-based column numbers)."""
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 27))  # long articles in one cell
    text = io.TextIOWrapper(fh, encoding=options.encoding, errors="surrogateescape", newline="")
    reader = csv.reader(text, delimiter=options.delimiter or delimiter, strict=True)
    header: list[str] | None = None
    line = 1
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            _problem(report, name, start, f"broken line: {exc}")
            continue
        if header is None and options.header:
            header = [h.strip().lstrip("\ufeff") for h in row]
            if options.column("text") not in header:
                _problem(report, name, start, f"no column {options.column('text')!r} in header {header}")
                return
            continue
        line = start
        if not any(cell.strip() for cell in row):
            continue
        width = len(header) if header else None
        if width is not None and len(row) != width:
            _problem(report, name, line, f"broken line: {len(row)} fields, header has {width}",
                     (options.delimiter or delimiter).join(row))
            continue
        if any(_has_surrogates(cell) for cell in row):
            bad = next(c for c in row if _has_surrogates(c))
            pos = next(i for i, ch in enumerate(bad) if "\udc80" <= ch <= "\udcff")
            _problem(report, name, line, f"invalid UTF-8 in a field (character {pos})",
                     bad.encode("utf-8", "surrogateescape"))
            continue
        values = dict(zip(header, row)) if header else {str(i): v for i, v in enumerate(row, 1)}
        rec = _make(report, name, line, options, lambda k, values=values: values.get(options.column(k)))
        if rec:
            yield rec


def _has_surrogates(text: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in text)


def _whole_text(data: bytes, name: str, options: ReaderOptions, report: ReadReport) -> Iterator[Record]:
    try:
        text = data.decode(options.encoding)
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        _problem(report, name, line, f"invalid UTF-8 at byte {exc.start}")
        return
    text = text[1:] if text.startswith("\ufeff") else text
    title = None
    if options.title_first_line:
        title = next((ln.strip() for ln in text.splitlines() if ln.strip()), None)
    fields = {"text": text, "title": title}
    rec = _make(report, name, 0, options, fields.get)
    if rec:
        yield rec


def read_html_record(data: bytes, name: str, options: ReaderOptions,
                     report: ReadReport) -> Iterator[Record]:
    """Main text of a saved web page (trafilatura), with title, date, site and URL metadata."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                             favor_precision=True)
    except Exception as exc:  # trafilatura raises assorted errors on broken markup
        _problem(report, name, 0, f"unreadable HTML: {exc}")
        return
    if result is None or not (result.text or "").strip():
        _problem(report, name, 0, "missing text (no main text found in the page)")
        return
    fields = {"text": result.text, "title": result.title, "date": result.date,
              "url": result.url, "source": result.sitename or result.hostname}
    rec = _make(report, name, 0, options, fields.get)
    if rec:
        yield rec


def count_records(inputs: Iterable[str], options: ReaderOptions) -> int:
    """A quick estimate of how many records the inputs hold (for progress and ETA)."""
    total = 0
    for name in expand_inputs(inputs, options.format):
        fmt, gz = detect_format(name, options.format)
        if name == "-" or not Path(name).is_file():
            continue
        if fmt in ("jsonl", "csv", "tsv"):
            opener = gzip.open if gz else open
            try:
                with opener(name, "rb") as fh:
                    total += sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
            except (OSError, EOFError):
                pass
            total -= 1 if fmt != "jsonl" and options.header else 0
        else:
            total += 1
    return max(total, 0)
