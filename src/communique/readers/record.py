"""From the fields of one input record to a Document: the one rule for text, ids and dates."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from communique.readers.dates import parse_date
from communique.readers.ids import document_id
from communique.readers.options import ReaderOptions
from communique.readers.problems import ReadReport
from communique.readers.unicode import replace_surrogates
from communique.records import Document

Getter = Callable[[str], object]  # a field of the record by its name in the input, or None


@dataclass(frozen=True)
class Record:
    """A document and where it was read from (``line`` is 1-based; 0 for whole files)."""

    document: Document
    file: str
    line: int
    date_defaulted: bool = False  # the document carries no date: it took ReaderOptions.default_date


def field_value(get: Getter, column: str):
    """The value of ``column``; ``a+b`` joins the non-blank values of a and b with a blank line."""
    whole = get(column)
    if whole is not None or "+" not in column:
        return whole
    parts = [str(v) for v in map(get, column.split("+")) if v is not None and str(v).strip()]
    return "\n\n".join(parts) if parts else None


def make_record(report: ReadReport, name: str, line: int, options: ReaderOptions,
                get: Getter) -> Record | None:
    """The record's Document, or None after setting it aside in ``report``."""
    def value(key: str):
        return field_value(get, options.column(key))

    text = value("text")
    if isinstance(text, str):
        text = replace_surrogates(text)
    if not isinstance(text, str) or not text.strip():
        what = "missing" if text is None else "empty" if isinstance(text, str) else "non-string"
        report.skip(name, line, f"{what} text (field {options.column('text')!r})")
        return None
    try:
        own = parse_date(value("date"))
    except (ValueError, OverflowError) as exc:
        report.skip(name, line, str(exc))
        return None
    source, url = _optional(value("source")), _optional(value("url"))
    given = _optional(value("id"))
    doc_id = given if given is not None else document_id(text, source, url)
    report.documents += 1
    document = Document(doc_id, text, own or options.default_date, _optional(value("title")), url, source)
    return Record(document, name, line, date_defaulted=own is None)


def _optional(value) -> str | None:
    return None if value in (None, "") else replace_surrogates(str(value))
