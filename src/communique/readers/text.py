"""Plain text: the whole file (or standard input) is one document."""
from __future__ import annotations

from collections.abc import Iterator

from communique.readers.options import ReaderOptions
from communique.readers.problems import ReadReport
from communique.readers.record import Record, make_record


def read_text(data: bytes, name: str, options: ReaderOptions, report: ReadReport) -> Iterator[Record]:
    """One document; with ``title_first_line`` its first non-empty line is also the title."""
    try:
        text = data.decode(options.encoding)
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        report.skip(name, line, f"invalid UTF-8 at byte {exc.start}")
        return
    text = text[1:] if text.startswith("\ufeff") else text
    title = None
    if options.title_first_line:
        title = next((ln.strip() for ln in text.splitlines() if ln.strip()), None)
    fields = {"text": text, "title": title}
    record = make_record(report, name, 0, ReaderOptions(default_date=options.default_date), fields.get)
    if record:
        yield record
