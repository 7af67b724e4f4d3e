"""Saved web pages: trafilatura extracts the main text and the page metadata."""
from __future__ import annotations

from collections.abc import Iterator

from communique.readers.options import ReaderOptions
from communique.readers.problems import ReadReport
from communique.readers.record import Record, make_record


def read_html(data: bytes, name: str, options: ReaderOptions, report: ReadReport) -> Iterator[Record]:
    """The main text of a page, with its title, date, site name and canonical URL."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                             favor_precision=True)
    except Exception as exc:  # trafilatura raises assorted errors on broken markup
        report.skip(name, 0, f"unreadable HTML: {exc}")
        return
    if result is None or not (result.text or "").strip():
        report.skip(name, 0, "missing text (no main text found in the page)")
        return
    fields = {"text": result.text, "title": result.title, "date": result.date,
              "url": result.url, "source": result.sitename or result.hostname}
    record = make_record(report, name, 0, ReaderOptions(default_date=options.default_date), fields.get)
    if record:
        yield record
