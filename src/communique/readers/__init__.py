"""Reading inputs: every format, one rule for ids, text and dates, and the quarantine.

Both `communique code` and `communique ingest` read with :func:`iter_records`::

    report = ReadReport()
    for record in iter_records(["news.jsonl", "pages/"], ReaderOptions(), report):
        record.document, record.file, record.line
    report.problems   # the records set aside, as Problem(file, line, reason, raw)
"""
from communique.readers.dates import parse_date
from communique.readers.ids import content_id, document_id
from communique.readers.inputs import (
    STDIN,
    count_records,
    detect_format,
    expand_inputs,
    iter_records,
    read_as_prose,
    read_stream,
)
from communique.readers.options import FIELDS, FORMATS, SUFFIXES, ReaderOptions, parse_columns
from communique.readers.problems import Problem, ReadReport
from communique.readers.quarantine import Quarantine, default_path
from communique.readers.record import Record

__all__ = ["FIELDS", "FORMATS", "STDIN", "SUFFIXES", "Problem", "Quarantine", "ReadReport",
           "ReaderOptions", "Record", "content_id", "count_records", "default_path",
           "detect_format", "document_id", "expand_inputs", "iter_records", "parse_columns",
           "parse_date", "read_as_prose", "read_stream"]
