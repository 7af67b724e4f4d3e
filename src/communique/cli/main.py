"""Command-line interface: `communique code|evaluate|demo`."""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from communique import __version__
from communique.errors import CommuniqueError

DEMO_FILE = Path(__file__).parent / "demo" / "korea_2016_2018.jsonl"


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def add_dictionary_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dictionaries", action="append", default=[], metavar="DIR_OR_FILE",
                   help="extra dictionaries, communique YAML or PETRARCH format (repeatable)")
    p.add_argument("--only-dictionaries", action="store_true",
                   help="use only the --dictionaries given, not the built-in actors and patterns")
    p.add_argument("--unnamed-agents", action="store_true",
                   help="code agents without a country as ---GOV, ---MIL ... (PETRARCH's convention) "
                        "instead of leaving them out")


def coder_options(args) -> dict:
    return {"prepass": getattr(args, "prepass", True), "dictionaries": args.dictionaries,
            "only_dictionaries": args.only_dictionaries,
            "unnamed_agents": getattr(args, "unnamed_agents", False)}


def report_problems(problems: list[str], shown: int = 5) -> None:
    """Dictionary entries that were left out, on standard error."""
    for p in problems[:shown]:
        print(f"communique: warning: {p}", file=sys.stderr)
    if len(problems) > shown:
        print(f"communique: warning: ... {len(problems) - shown} more dictionary entries left out",
              file=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="communique", description="Code news text into CAMEO/PLOVER events.")
    p.add_argument("--version", action="version", version=f"communique {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    c = sub.add_parser("code", help="code .txt/.jsonl files (or - for stdin) into events")
    c.add_argument("inputs", nargs="+", metavar="INPUT")
    c.add_argument("--date", type=_date, help="date for documents without one (default: today)")
    c.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    c.add_argument("-o", "--output", help="output file (default: standard output)")
    c.add_argument("--model", help="spaCy pipeline name or path (default: en_core_web_sm)")
    c.add_argument("--batch-size", type=int, default=64)
    c.add_argument("--workers", type=int, default=1, help="processes to code with (default 1)")
    c.add_argument("--no-prepass", dest="prepass", action="store_false",
                   help="parse every sentence (default: skip sentences with no actor or no pattern word)")
    add_dictionary_args(c)

    v = sub.add_parser("validate", help="score the coder on TABARI/PETRARCH validation records")
    v.add_argument("records", help="validation records file (PETRARCH <Sentence> format)")
    v.add_argument("--dictionaries", action="append", metavar="DIR_OR_FILE",
                   help="dictionaries to code with (repeatable); a directory gives the files the "
                        "records' <Environment> names, or all its dictionaries")
    v.add_argument("--with-builtin", action="store_true",
                   help="also use communique's own dictionaries (default: only the ones given)")
    v.add_argument("--model")
    v.add_argument("--failures", type=int, default=40, help="how many failing records to list")
    v.add_argument("--json", dest="json_out", help="also write the figures as JSON to this file")

    k = sub.add_parser("convert-dictionary", help="write a PETRARCH dictionary in communique's YAML format")
    k.add_argument("source", help="a PETRARCH .actors/.agents/.verbs/discards file")
    k.add_argument("-o", "--output", help="YAML file to write (default: standard output)")

    e = sub.add_parser("evaluate", help="score the coder against a gold JSONL file")
    e.add_argument("gold")
    e.add_argument("--model")
    e.add_argument("--misses", type=int, default=30, help="how many misses to list (default 30)")
    e.add_argument("--json", dest="json_out", help="also write the figures as JSON to this file")

    d = sub.add_parser("demo", help="code the bundled demo corpus and print a summary")
    d.add_argument("-o", "--output", default="demo_events.jsonl")
    d.add_argument("--model")

    from communique.cli.corpus import add_commands
    add_commands(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "code":
            return cmd_code(args)
        if args.command == "evaluate":
            from communique.scoring.evaluate import run_evaluation
            return run_evaluation(args.gold, model=args.model, misses=args.misses,
                                  json_out=args.json_out)
        if args.command == "validate":
            return cmd_validate(args)
        if args.command == "convert-dictionary":
            return cmd_convert(args)
        if args.command == "demo":
            from communique.cli.demo import run_demo
            return run_demo(DEMO_FILE, args.output, model=args.model)
        from communique.cli.corpus import dispatch
        return dispatch(args)
    except CommuniqueError as exc:
        print(f"communique: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("communique: interrupted", file=sys.stderr)
        return 130
    return 0


def cmd_code(args) -> int:
    from communique.coder.pool import make_coder
    from communique.readers.basic import ReadReport, read_inputs
    from communique.serialize import EventWriter

    report = ReadReport()
    documents = read_inputs(args.inputs, report, args.date)
    coder = make_coder(args.workers, args.model, args.batch_size, **coder_options(args))
    report_problems(coder.problems)
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout  # noqa: SIM115
    try:
        writer = EventWriter(out, args.format)
        n_events = n_docs = 0
        for coded in coder.code_documents(documents, args.date):
            n_events += writer.write(coded.events)
            n_docs += 1
    finally:
        coder.close()
        if args.output:
            out.close()
    for problem in report.problems:
        print(f"communique: skipped {problem}", file=sys.stderr)
    print(f"communique: {n_docs} documents, {n_events} events"
          + (f", {len(report.problems)} records skipped" if report.problems else ""), file=sys.stderr)
    return 1 if report.problems else 0


def cmd_validate(args) -> int:
    from communique.scoring.validate import print_summary, validate, validation_coder, write_json

    records = Path(args.records)
    coder, files = validation_coder(records, [Path(d) for d in args.dictionaries or []],
                                    args.with_builtin, args.model)
    report_problems(coder.problems)
    summary = validate(coder, records)
    print_summary(summary, failures=args.failures)
    if args.json_out:
        write_json(summary, args.json_out, records, files)
    return 0


def cmd_convert(args) -> int:
    from communique.dictionaries.loader import convert, write_yaml

    converted = convert(Path(args.source))
    report_problems(converted.problems)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            write_yaml(converted, fh)
    else:
        write_yaml(converted, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
