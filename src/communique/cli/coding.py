"""Coding commands: code, evaluate, validate, convert-dictionary, demo."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from communique.cli.common import (
    Agents,
    Columns,
    Day,
    Delimiter,
    Encoding,
    InputFormat,
    Model,
    NoHeader,
    NoModel,
    Output,
    RequireSource,
    TitleFirstLine,
    choice,
    model_options,
    plural,
    reader_options,
    report_problems,
    say,
    warn_prose,
)

DEMO_FILE = Path(__file__).parent / "demo" / "korea_2016_2018.jsonl"

Dictionaries = Annotated[list[str] | None, typer.Option(
    "--dictionaries", metavar="DIR_OR_FILE",
    help="extra dictionaries, communique YAML or PETRARCH format (repeatable)")]
OnlyDictionaries = Annotated[bool, typer.Option(
    "--only-dictionaries", help="use only the --dictionaries given, not the built-in actors and patterns")]
JsonOut = Annotated[str | None, typer.Option("--json", help="also write the figures as JSON to this file")]


def code(
    inputs: Annotated[list[str], typer.Argument(
        metavar="INPUT...", help="files or folders (.jsonl .csv .tsv .txt .html, optionally .gz), or -")],
    day: Day = None,
    fmt: Annotated[str, typer.Option("--format", click_type=choice("jsonl", "csv"),
                                     help="output format")] = "jsonl",
    output: Output = None,
    model: Model = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="documents per parser batch")] = 64,
    workers: Annotated[int, typer.Option("--workers", min=1, help="processes to code with")] = 1,
    no_prepass: Annotated[bool, typer.Option(
        "--no-prepass", help="parse every sentence (default: skip sentences with no actor or no pattern)")] = False,
    dictionaries: Dictionaries = None,
    only_dictionaries: OnlyDictionaries = False,
    unnamed_agents: Annotated[bool, typer.Option(
        "--unnamed-agents",
        help="code agents without a country as ---GOV, ---MIL ... (PETRARCH's convention; --agents petrarch)")] = False,
    agents: Agents = "document",
    require_source: RequireSource = False,
    no_model: NoModel = False,
    input_format: InputFormat = "auto",
    columns: Columns = None,
    delimiter: Delimiter = None,
    no_header: NoHeader = False,
    encoding: Encoding = "utf-8",
    title_first_line: TitleFirstLine = False,
) -> int:
    """Code documents into events, one per line (JSON lines, or CSV with a header)."""
    options = reader_options(input_format, columns, delimiter, no_header, encoding, title_first_line, day)
    from communique.coder.pool import make_coder
    from communique.readers import ReadReport, iter_records
    from communique.serialize import EventWriter

    warn_prose(inputs, options)
    report = ReadReport()
    documents = (record.document for record in iter_records(inputs, options, report))
    coder = make_coder(workers, model, batch_size, prepass=not no_prepass, dictionaries=dictionaries or [],
                       only_dictionaries=only_dictionaries, agents="petrarch" if unnamed_agents else agents,
                       require_source=require_source, **model_options(no_model))
    report_problems(coder.problems)
    n_events = n_docs = 0
    try:
        out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout  # noqa: SIM115
        try:
            writer = EventWriter(out, fmt)
            for coded in coder.code_documents(documents, day):
                n_events += writer.write(coded.events)
                n_docs += 1
        finally:
            if output:
                out.close()
    finally:
        coder.close()
    for problem in report.problems:
        say(f"skipped {problem}")
    say(f"{plural(n_docs, 'document')}, {plural(n_events, 'event')}"
        + (f", {plural(len(report.problems), 'record')} skipped" if report.problems else ""))
    return 1 if report.problems else 0


def evaluate(
    gold: Annotated[str, typer.Argument(metavar="GOLD.jsonl", help="gold file: text, date and expected events")],
    model: Model = None,
    misses: Annotated[int, typer.Option("--misses", min=0, help="how many misses to list")] = 30,
    json_out: JsonOut = None,
    no_model: NoModel = False,
    model_only: Annotated[bool, typer.Option(
        "--model-only", help="score the learned layer alone (no dictionary events)")] = False,
) -> int:
    """Score the coder against hand-coded gold sentences."""
    from communique.scoring.evaluate import run_evaluation

    options = {**model_options(no_model), **({"model_mode": "alone"} if model_only else {})}
    return run_evaluation(gold, model=model, misses=misses, json_out=json_out, coder_options=options)


def validate(
    records: Annotated[str, typer.Argument(metavar="RECORDS", help="validation records (PETRARCH <Sentence> format)")],
    dictionaries: Annotated[list[str] | None, typer.Option(
        "--dictionaries", metavar="DIR_OR_FILE",
        help="dictionaries to code with (repeatable); a directory gives the files the records' "
             "<Environment> names, or all its dictionaries")] = None,
    with_builtin: Annotated[bool, typer.Option(
        "--with-builtin", help="also use communique's own dictionaries")] = False,
    model: Model = None,
    failures: Annotated[int, typer.Option("--failures", min=0, help="how many failing records to list")] = 40,
    json_out: JsonOut = None,
) -> int:
    """Score the coder on TABARI/PETRARCH validation records."""
    from communique.scoring.validate import print_summary, validation_coder, write_json
    from communique.scoring.validate import validate as run_validation

    path = Path(records)
    coder, files = validation_coder(path, [Path(d) for d in dictionaries or []], with_builtin, model)
    report_problems(coder.problems)
    summary = run_validation(coder, path)
    print_summary(summary, failures=failures)
    if json_out:
        write_json(summary, json_out, path, files)
    return 0


def convert_dictionary(
    source: Annotated[str, typer.Argument(metavar="SOURCE", help="a PETRARCH .actors/.agents/.verbs/discards file")],
    output: Annotated[str | None, typer.Option(
        "-o", "--output", help="YAML file to write (default: standard output)")] = None,
) -> int:
    """Write a PETRARCH dictionary in communique's YAML format."""
    from communique.dictionaries.loader import convert, write_yaml

    converted = convert(Path(source))
    report_problems(converted.problems)
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            write_yaml(converted, fh)
    else:
        write_yaml(converted, sys.stdout)
    return 0


def demo(
    output: Annotated[str, typer.Option("-o", "--output", help="where to write the events")] = "demo_events.jsonl",
    model: Model = None,
    no_model: NoModel = False,
) -> int:
    """Code the bundled demo corpus and print a summary."""
    from communique.cli.demo import run_demo

    return run_demo(DEMO_FILE, output, model=model, coder_options=model_options(no_model))


def register(app: typer.Typer) -> None:
    app.command("code")(code)
    app.command("evaluate")(evaluate)
    app.command("validate")(validate)
    app.command("convert-dictionary")(convert_dictionary)
    app.command("demo")(demo)
