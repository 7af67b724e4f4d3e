"""What the commands share: messages on stderr, option types and the reader options."""
from __future__ import annotations

import sys
from datetime import date
from typing import Annotated

import click
import typer

from communique.readers import FIELDS, FORMATS, ReaderOptions, parse_columns, parse_date, read_as_prose


def say(text: str) -> None:
    print(f"communique: {text}", file=sys.stderr)


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 document``, ``2 documents``, ``1,024 copies`` (``words``: the plural, if not word + s)."""
    return f"{n:,} {word if n == 1 else words or word + 's'}"


def warn(text: str) -> None:
    say(f"warning: {text}")


def report_problems(problems: list, shown: int = 5) -> None:
    """Dictionary entries that were left out, on standard error."""
    for p in problems[:shown]:
        warn(str(p))
    if len(problems) > shown:
        warn(f"... {len(problems) - shown} more dictionary entries left out")


class DateType(click.ParamType):
    """A date in any of the input forms (2017-07-04, 20170704, RFC 2822, ...)."""

    name = "date"

    def convert(self, value, param, ctx) -> date:
        if isinstance(value, date):
            return value
        try:
            day = parse_date(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)
        if day is None:
            self.fail("an empty date", param, ctx)
        return day


class ColumnsType(click.ParamType):
    """``FIELD=COLUMN,...`` -> {field: column}."""

    name = "FIELD=COLUMN,..."

    def convert(self, value, param, ctx) -> dict[str, str]:
        if isinstance(value, dict):
            return value
        try:
            return parse_columns(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def choice(*values: str) -> click.Choice:
    return click.Choice(values)


DATE = DateType()

# Options shared by several commands (Annotated types used in the command signatures).
Day = Annotated[date | None, typer.Option("--date", click_type=DATE, metavar="DATE",
                                          help="date of documents that carry none (YYYY-MM-DD, ...)")]
First = Annotated[date | None, typer.Option("--from", click_type=DATE, metavar="DATE",
                                            help="first day (YYYY-MM-DD)")]
Last = Annotated[date | None, typer.Option("--to", click_type=DATE, metavar="DATE",
                                           help="last day (YYYY-MM-DD)")]
def _installed_model(value: str | None) -> str | None:
    """A --model that names no installed spaCy pipeline (package or folder) is a usage error."""
    import importlib.util
    from pathlib import Path

    if value is None or Path(value).exists():
        return value
    if value.isidentifier() and importlib.util.find_spec(value) is not None:
        return value
    raise click.BadParameter(f"no spaCy pipeline {value!r} is installed (give an installed package "
                             "such as en_core_web_sm, or the folder of a pipeline)")


Model = Annotated[str | None, typer.Option("--model", callback=_installed_model,
                                           help="spaCy pipeline name or path (default: en_core_web_sm)")]
Db = Annotated[str, typer.Option("--db", help="event store file")]
Source = Annotated[str | None, typer.Option(
    "--source", help="source actor code(s), comma-separated (RUS matches RUSGOV)")]
Target = Annotated[str | None, typer.Option("--target", help="target actor code(s), comma-separated")]
Output = Annotated[str | None, typer.Option("-o", "--output", help="output file (default: standard output)")]
InputFormat = Annotated[str, typer.Option(
    "--input-format", click_type=choice("auto", *FORMATS),
    help="read every input as this format (default auto: by suffix)")]
Columns = Annotated[dict | None, typer.Option(
    "--columns", click_type=ColumnsType(), metavar="FIELD=COLUMN,...",
    help=f"input field names, e.g. text=body,date=published (fields: {' '.join(FIELDS)}; a+b joins two)")]
Delimiter = Annotated[str | None, typer.Option("--delimiter", help="CSV delimiter (default , or TAB for .tsv)")]
NoHeader = Annotated[bool, typer.Option(
    "--no-header", help="CSV has no header row: give --columns as 1-based numbers (text=3)")]
Encoding = Annotated[str, typer.Option("--encoding", help="text encoding of the inputs")]
TitleFirstLine = Annotated[bool, typer.Option(
    "--title-first-line", help="for .txt files: the first non-empty line is also the title")]
Agents = Annotated[str, typer.Option(
    "--agents", click_type=choice("document", "petrarch", "sentence"),
    help="sector nouns without a country ('police'): the document's country, else ---COP (document); "
         "always ---COP (petrarch); left out (sentence)")]
RequireSource = Annotated[bool, typer.Option(
    "--require-source", help="leave out events without a coded source (unnamed perpetrators, "
                             "unknown names): PETRARCH-style output")]


def reader_options(input_format: str, columns: dict | None, delimiter: str | None, no_header: bool,
                   encoding: str, title_first_line: bool, day: date | None) -> ReaderOptions:
    """The ReaderOptions of the reader flags; unknown encodings are usage errors."""
    try:
        "x".encode(encoding)  # LookupError also for codecs that are not text encodings (base64)
    except LookupError:
        raise click.BadParameter(f"unknown text encoding {encoding!r}", param_hint="'--encoding'") from None
    if delimiter is not None and len(delimiter) != 1:
        delimiter = {"\\t": "\t", "tab": "\t"}.get(delimiter.lower(), delimiter)
        if len(delimiter) != 1:
            raise click.BadParameter("must be one character (or \\t)", param_hint="'--delimiter'")
    return ReaderOptions(format=input_format, columns=columns or {}, delimiter=delimiter,
                         header=not no_header, encoding=encoding,
                         title_first_line=title_first_line, default_date=day)


def warn_prose(inputs: list[str], options: ReaderOptions) -> None:
    """One line per .json file that will be read as one plain-text document."""
    for name in read_as_prose(inputs, options):
        warn(f"{name} is read as one plain-text document (unknown suffix); "
             "if it holds JSON lines, add --input-format jsonl")


NoModel = Annotated[bool, typer.Option(
    "--no-model", help="turn the learned event layer off: dictionary events only")]


def model_options(no_model: bool) -> dict:
    """Coder options for --no-model (the layer is on by default)."""
    return {"event_model": None} if no_model else {}
