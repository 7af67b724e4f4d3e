"""Corpus commands (ingest, dedupe, stats, dyads, top, export): registered on the main parser."""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from datetime import date

from communique.errors import CommuniqueError

COMMANDS = ("ingest", "dedupe", "stats", "dyads", "top", "export")


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _columns(value: str) -> dict[str, str]:
    out = {}
    for part in value.split(","):
        key, sep, col = part.partition("=")
        if not sep or key.strip() not in ("id", "text", "date", "title", "url", "source"):
            raise argparse.ArgumentTypeError(
                f"expected FIELD=COLUMN pairs (fields: id,text,date,title,url,source): {part!r}")
        out[key.strip()] = col.strip()
    return out


def _reader_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="*", metavar="INPUT",
                   help="files or folders (.jsonl .csv .tsv .txt .html, optionally .gz), or -")
    p.add_argument("--date", type=_date, help="date for documents without one")
    p.add_argument("--input-format", choices=("auto", "jsonl", "csv", "tsv", "txt", "html"),
                   default="auto", help="read every input as this format (default: by suffix)")
    p.add_argument("--columns", type=_columns, default={},
                   help="field names in CSV/JSONL, e.g. text=body,date=published,id=guid")
    p.add_argument("--delimiter", help="CSV delimiter (default , or TAB for .tsv)")
    p.add_argument("--no-header", action="store_true",
                   help="CSV has no header row: give --columns as 1-based numbers (text=3)")
    p.add_argument("--encoding", default="utf-8", help="text encoding of the inputs (default utf-8)")
    p.add_argument("--title-first-line", action="store_true",
                   help="for .txt files: the first non-empty line is the title")
    p.add_argument("--threshold", type=float, default=0.8,
                   help="near-duplicate Jaccard threshold (default 0.8)")


def add_commands(sub) -> None:
    """Add corpus subcommands to the `communique` argument parser."""
    i = sub.add_parser("ingest", help="code a corpus into a DuckDB event store")
    _reader_args(i)
    i.add_argument("--db", required=True, help="event store file (created if missing)")
    i.add_argument("--quarantine", help="where bad records go (default: DB.quarantine.jsonl)")
    i.add_argument("--keep-duplicates", action="store_true",
                   help="code every copy of a story instead of the first one only")
    i.add_argument("--recode", action="store_true",
                   help="first re-code documents coded by another coder version")
    i.add_argument("--model", help="spaCy pipeline name or path")
    i.add_argument("--batch-size", type=int, default=64)
    i.add_argument("--workers", type=int, default=1,
                   help="coding processes (default 1; 2 or more use more cores and memory)")
    i.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                   help="code on this Dask cluster (this process still reads and writes the store)")
    i.add_argument("--dask-local", type=int, metavar="N",
                   help="code on a local Dask cluster of N worker processes")
    i.add_argument("--partition-size", type=int, default=128, metavar="N",
                   help="documents per Dask task (default 128)")
    i.add_argument("--commit-every", type=int, default=256, help="documents per transaction")
    i.add_argument("--progress", choices=("auto", "bar", "lines", "none"), default="auto")
    i.add_argument("--progress-interval", type=float, default=10.0,
                   help="seconds between plain progress lines (0: a line per commit)")

    d = sub.add_parser("dedupe", help="report near-duplicate groups in a corpus (no coding)")
    _reader_args(d)
    d.add_argument("-o", "--output", help="write the groups as JSON lines to this file")

    s = sub.add_parser("stats", help="summarise an event store")
    s.add_argument("--db", required=True)
    s.add_argument("--duplicates", type=int, default=0, metavar="N",
                   help="also list the N largest duplicate groups")

    for name, text in (("dyads", "events per period and dyad"), ("top", "most active dyads and actors")):
        a = sub.add_parser(name, help=text)
        a.add_argument("--db", required=True)
        a.add_argument("--source", help="source actor code(s), comma-separated (RUS matches RUSGOV)")
        a.add_argument("--target", help="target actor code(s)")
        a.add_argument("--from", dest="start", type=_date, help="first day (YYYY-MM-DD)")
        a.add_argument("--to", dest="end", type=_date, help="last day (YYYY-MM-DD)")
        a.add_argument("--level", choices=("country", "sector", "actor"), default="country",
                       help="group actors by country (USA), country+sector (USAGOV) or full code")
        a.add_argument("--format", choices=("table", "csv", "jsonl"), default="table")
        if name == "dyads":
            a.add_argument("--by", choices=("day", "week", "month", "year", "all"), default="month")
        else:
            a.add_argument("-n", type=int, default=10, help="how many of each (default 10)")

    e = sub.add_parser("export", help="export stored events (GDELT, ICEWS, POLECAT, Parquet, JSONL)")
    e.add_argument("--db", required=True)
    e.add_argument("--format", choices=("gdelt", "icews", "polecat", "parquet", "jsonl"), required=True)
    e.add_argument("-o", "--output", help="output file (default: standard output)")
    e.add_argument("--source")
    e.add_argument("--target")
    e.add_argument("--from", dest="start", type=_date)
    e.add_argument("--to", dest="end", type=_date)


def dispatch(args) -> int:
    handler = {"ingest": cmd_ingest, "dedupe": cmd_dedupe, "stats": cmd_stats, "dyads": cmd_dyads,
               "top": cmd_top, "export": cmd_export}.get(args.command)
    if handler is None:
        raise SystemExit(f"communique: unknown command {args.command!r}")
    try:
        return handler(args)
    except BrokenPipeError:  # e.g. `communique export ... | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _options(args):
    from communique.readers.corpus import ReaderOptions
    return ReaderOptions(format=args.input_format, columns=args.columns, delimiter=args.delimiter,
                         header=not args.no_header, encoding=args.encoding,
                         title_first_line=args.title_first_line, default_date=args.date)


def _say(text: str) -> None:
    print(f"communique: {text}", file=sys.stderr)


def cmd_ingest(args) -> int:
    from communique.readers.quarantine import Quarantine, default_path

    if not args.inputs and not args.recode:
        raise CommuniqueError("nothing to do: give INPUT files or --recode")
    options = _options(args)
    quarantine = Quarantine(args.quarantine or default_path(args.db))
    coder = _ingest_coder(args)
    try:
        return _ingest(args, options, coder, quarantine)
    finally:
        coder.close()


def _ingest_coder(args):
    from communique.coder.pool import make_coder

    dask = args.scheduler is not None or args.dask_local is not None
    if args.scheduler is not None and args.dask_local is not None:
        raise CommuniqueError("--scheduler and --dask-local cannot be used together")
    if dask and args.workers > 1:
        raise CommuniqueError("--workers cannot be combined with --scheduler or --dask-local "
                              "(the Dask workers do the coding)")
    if args.dask_local is not None and args.dask_local < 1:
        raise CommuniqueError("--dask-local needs at least 1 worker")
    if not dask:
        return make_coder(args.workers, model=args.model, batch_size=args.batch_size)
    from communique.coder.cluster import DaskCoder
    coder = DaskCoder(args.scheduler, args.dask_local or 0, model=args.model,
                      batch_size=args.batch_size, partition=args.partition_size)
    n = len(coder.client.nthreads())
    _say(f"coding on Dask at {coder.client.scheduler.address} "
         f"({n} worker{'s' if n > 1 else ''}, coder {coder.version})")
    return coder


def _ingest(args, options, coder, quarantine) -> int:
    from communique.cli.progress import Progress
    from communique.coder.cluster import DaskCoder
    from communique.readers.common import ReadReport
    from communique.readers.corpus import count_records, iter_records
    from communique.store.event_store import EventStore
    from communique.store.ingest import IngestOptions, ingest, recode

    with EventStore(args.db) as store:
        if args.recode:
            progress = Progress(total=store.count_stale(coder.version), label="recode",
                                mode=args.progress, interval=args.progress_interval)
            r = recode(store, coder, args.commit_every, args.date, progress)
            progress.finish()
            _say(f"re-coded {r.recoded} documents with {coder.version}: {r.events} events")
        if args.inputs:
            report = ReadReport()
            progress = Progress(total=count_records(args.inputs, options), mode=args.progress,
                                interval=args.progress_interval)
            ingest_opts = IngestOptions(keep_duplicates=args.keep_duplicates,
                                        threshold=args.threshold, commit_every=args.commit_every,
                                        default_date=args.date)
            records = _quarantining(iter_records(args.inputs, options, report), report,
                                    quarantine, progress)
            r = ingest(store, records, coder, ingest_opts, progress)
            quarantine.add(report.problems + r.conflicts)
            progress.finish()
            _print_ingest(r, report, quarantine, args)
        if isinstance(coder, DaskCoder) and coder.workers_used:
            n = len(coder.workers_used)
            _say(f"coded on {n} Dask worker{'s' if n > 1 else ''}")
        stale = store.count_stale(coder.version)
        if stale and not args.recode:
            _say(f"{stale} stored documents were coded by another coder version; "
                 "run `communique ingest --recode --db ...` to update them")
        if args.inputs and (report.problems or r.conflicts):
            return 1
    return 0


def _quarantining(records, report, quarantine, progress):
    """Pass records through, writing new problems to the quarantine file as they appear."""
    done = 0
    for rec in records:
        if len(report.problems) > done:
            quarantine.add(report.problems[done:])
            progress.advance(read=len(report.problems) - done)
            done = len(report.problems)
        yield rec


def _print_ingest(r, report, quarantine, args) -> None:
    docs_s = r.read / r.seconds if r.seconds else 0.0
    sents_s = r.sentences / r.seconds if r.seconds else 0.0
    _say(f"read {r.read} records in {r.seconds:.1f} s ({docs_s:.1f} docs/s, {sents_s:.0f} sentences/s)")
    _say(f"stored {r.stored} new documents: {r.coded} coded, {r.duplicates} near-duplicate copies"
         f"{' (kept and coded)' if args.keep_duplicates else ' (counted, not coded)'}; "
         f"{r.events} events from {r.sentences} sentences")
    if r.already or r.repeated:
        _say(f"skipped {r.already} documents already in the store, {r.repeated} repeated in the input")
    if r.undated:
        _say(f"{r.undated} documents had no date and were coded as of today (use --date)")
    bad = len(report.problems) + len(r.conflicts)
    if bad:
        _say(f"{bad} records set aside in {quarantine.path} ({quarantine.added} new there)")


def cmd_dedupe(args) -> int:
    from communique.readers.common import ReadReport
    from communique.readers.corpus import iter_records
    from communique.store.dedupe import dedupe_text, group_documents

    if not args.inputs:
        raise CommuniqueError("give INPUT files to look for duplicates in")
    report = ReadReport()
    titles: dict[str, str | None] = {}

    def items():
        for rec in iter_records(args.inputs, _options(args), report):
            titles[rec.document.id] = rec.document.title or f"{rec.file}:{rec.line}"
            yield rec.document.id, dedupe_text(rec.document.title, rec.document.text)

    groups = list(group_documents(items(), threshold=args.threshold))
    copies = sum(len(g.members) - 1 for g in groups)
    out = open(args.output, "w", encoding="utf-8") if args.output else None  # noqa: SIM115
    try:
        for g in groups:
            row = {"head": g.head, "title": titles.get(g.head), "size": len(g.members),
                   "members": [{"id": m, "similarity": s, "where": titles.get(m)} for m, s in g.members]}
            if out:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        if out:
            out.close()
    print(f"{report.documents} documents, {len(groups)} duplicate groups, {copies} copies "
          f"beyond the first ({copies / max(report.documents, 1):.1%})")
    for g in sorted(groups, key=lambda g: -len(g.members))[:10]:
        print(f"  {len(g.members):>3} x {titles.get(g.head)}")
    for p in report.problems:
        _say(f"skipped {p}")
    return 1 if report.problems else 0


def cmd_stats(args) -> int:
    from communique.analysis.dyads import duplicate_groups
    from communique.store.event_store import EventStore

    with EventStore(args.db, read_only=True) as store:
        c = store.counts()
        print(f"documents: {c['documents']} ({c['coded_documents']} coded)")
        print(f"near-duplicate groups: {c['duplicate_groups']} holding {c['duplicates']} copies "
              "beyond the first")
        print(f"events: {c['events']}  mentions: {c['mentions']}  evidence sentences: {c['sentences']}")
        for version, n in store.versions():
            print(f"coder version {version}: {n} documents")
        if args.duplicates:
            _print_table(duplicate_groups(store).limit(args.duplicates), "table")
    return 0


def _print_table(rel, fmt: str) -> None:
    names = rel.columns
    rows = rel.fetchall()
    if fmt != "table":  # machine-readable: 4 decimals, no float noise
        rows = [tuple(round(v, 4) if isinstance(v, float) else v for v in r) for r in rows]
    if fmt == "csv":
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(names)
        w.writerows(rows)
        return
    if fmt == "jsonl":
        for r in rows:
            print(json.dumps(dict(zip(names, r)), ensure_ascii=False, default=str))
        return
    cells = [[_cell(v) for v in r] for r in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    print("  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip())
    for r, raw in zip(cells, rows):
        print("  ".join(c.rjust(w) if isinstance(v, (int, float)) else c.ljust(w)
                        for c, v, w in zip(r, raw, widths)).rstrip())
    if not rows:
        print("(no events)")


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.2f}"
    if isinstance(v, list):
        return ",".join(map(str, v))
    return str(v)


def cmd_dyads(args) -> int:
    from communique.analysis.dyads import dyads
    from communique.store.event_store import EventStore

    with EventStore(args.db, read_only=True) as store:
        _print_table(dyads(store, args.source, args.target, args.by, args.start, args.end,
                           args.level), args.format)
    return 0


def cmd_top(args) -> int:
    from communique.analysis.dyads import top_actors, top_dyads
    from communique.store.event_store import EventStore

    with EventStore(args.db, read_only=True) as store:
        if args.format == "table":
            print(f"Top {args.n} dyads")
        _print_table(top_dyads(store, args.n, args.level, args.start, args.end, args.source,
                               args.target), args.format)
        if args.format == "table":
            print(f"\nTop {args.n} actors")
        _print_table(top_actors(store, args.n, args.level, args.start, args.end), args.format)
    return 0


def cmd_export(args) -> int:
    from communique.analysis.export import export
    from communique.store.event_store import EventStore

    filters = {"source": args.source, "target": args.target, "start": args.start, "end": args.end}
    with EventStore(args.db, read_only=True) as store:
        if args.format == "parquet":
            if not args.output:
                raise CommuniqueError("--format parquet needs -o FILE")
            n = export(store, "parquet", path=args.output, **filters)
        elif args.output:
            with open(args.output, "w", encoding="utf-8", newline="") as out:
                n = export(store, args.format, out, **filters)
        else:
            n = export(store, args.format, sys.stdout, **filters)
    _say(f"exported {n} events ({args.format})")
    return 0
