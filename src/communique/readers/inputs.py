"""Which files to read and in which format, and the records of all of them in order."""
from __future__ import annotations

import gzip
import io
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from communique.readers.delimited import read_delimited
from communique.readers.html import read_html
from communique.readers.jsonl import read_jsonl
from communique.readers.options import SUFFIXES, ReaderOptions
from communique.readers.problems import ReadReport
from communique.readers.record import Record
from communique.readers.text import read_text
from communique.readers.unicode import escape_surrogates

STDIN = "<stdin>"


def detect_format(path: str, forced: str = "auto") -> tuple[str | None, bool]:
    """(format, gzipped) from the file name, e.g. ``a.jsonl.gz`` -> ("jsonl", True);
    the format is None for an unknown suffix (such a file is read as text)."""
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


def read_as_prose(inputs: Iterable[str], options: ReaderOptions) -> list[str]:
    """The ``.json`` files among ``inputs`` that will be read as one plain-text document each
    (their suffix is unknown): most hold JSON lines and want ``--input-format jsonl``."""
    if options.format != "auto":
        return []
    names = [n for n in inputs if n != "-" and Path(n).is_file()]
    return [n for n in names if Path(n.removesuffix(".gz")).suffix.lower() == ".json"]


def iter_records(inputs: Iterable[str], options: ReaderOptions, report: ReadReport) -> Iterator[Record]:
    """All records of all inputs in order; bad records go to ``report.problems``.

    ``-`` is standard input: JSON lines if it starts with ``{``, otherwise one plain-text
    document (unless ``options.format`` says otherwise)."""
    for name in expand_inputs(inputs, options.format):
        if name == "-":
            yield from _read_stdin(sys.stdin.buffer, options, report)
            continue
        path, shown = Path(name), escape_surrogates(name)  # a name that is not UTF-8 is shown escaped
        if not path.exists():
            report.skip(shown, 0, "no such file")
            continue
        fmt, gz = detect_format(name, options.format)
        try:
            with (gzip.open(path, "rb") if gz else open(path, "rb")) as fh:
                yield from read_stream(fh, shown, fmt or "txt", options, report)
        except (OSError, EOFError) as exc:  # truncated or corrupt gzip, unreadable file
            report.skip(shown, 0, f"unreadable file: {getattr(exc, 'strerror', None) or exc}")


def _read_stdin(fh: IO[bytes], options: ReaderOptions, report: ReadReport) -> Iterator[Record]:
    fmt = options.format
    if fmt == "auto":
        data = fh.read()
        start = data.lstrip().removeprefix(b"\xef\xbb\xbf").lstrip()  # a BOM may come first
        fmt = "jsonl" if start[:1] == b"{" else "txt"
        fh = io.BytesIO(data)
    yield from read_stream(fh, STDIN, fmt, options, report)


def read_stream(fh: IO[bytes], name: str, fmt: str, options: ReaderOptions,
                report: ReadReport) -> Iterator[Record]:
    """The records of one open (binary) input in format ``fmt``."""
    if fmt == "jsonl":
        yield from read_jsonl(fh, name, options, report)
    elif fmt in ("csv", "tsv"):
        yield from read_delimited(fh, name, options, report, "\t" if fmt == "tsv" else ",")
    elif fmt == "html":
        yield from read_html(fh.read(), name, options, report)
    else:
        yield from read_text(fh.read(), name, options, report)


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
                    total += _count_lines(fh)
            except (OSError, EOFError):
                pass
            total -= 1 if fmt != "jsonl" and options.header else 0
        else:
            total += 1
    return max(total, 0)


def _count_lines(fh: IO[bytes]) -> int:
    """Lines of a binary stream, the last one counted also without a final newline."""
    lines, last = 0, b"\n"
    for chunk in iter(lambda: fh.read(1 << 20), b""):
        lines += chunk.count(b"\n")
        last = chunk[-1:]
    return lines + (last != b"\n")
