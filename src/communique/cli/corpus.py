"""Corpus commands: ingest (read, deduplicate, code, store) and dedupe (groups only)."""
from __future__ import annotations

import json
from typing import Annotated

import typer

from communique.cli.coding import Dictionaries, OnlyDictionaries
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
from communique.cli.progress_report import MODES, make_progress
from communique.errors import CommuniqueError

Inputs = Annotated[list[str] | None, typer.Argument(
    metavar="INPUT...", help="files or folders (.jsonl .csv .tsv .txt .html, optionally .gz), or -",
    show_default=False)]
Threshold = Annotated[float, typer.Option("--threshold", min=0.0, max=1.0,
                                          help="near-duplicate Jaccard threshold")]


def ingest(
    inputs: Inputs = None,
    db: Annotated[str, typer.Option("--db", help="event store file (created if missing)")] = ...,
    day: Day = None,
    quarantine: Annotated[str | None, typer.Option(
        "--quarantine", help="where bad records go (default: DB.quarantine.jsonl)")] = None,
    keep_duplicates: Annotated[bool, typer.Option(
        "--keep-duplicates", help="code every copy of a story instead of the first one only")] = False,
    recode: Annotated[bool, typer.Option(
        "--recode", help="first re-code documents coded by another coder version")] = False,
    dictionaries: Dictionaries = None,
    only_dictionaries: OnlyDictionaries = False,
    model: Model = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="documents per parser batch")] = 64,
    no_model: NoModel = False,
    workers: Annotated[int, typer.Option("--workers", min=1, help="coding processes")] = 1,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", metavar="tcp://HOST:PORT", help="code on this Dask cluster")] = None,
    dask_local: Annotated[int | None, typer.Option(
        "--dask-local", metavar="N", min=1, help="code on a local Dask cluster of N worker processes")] = None,
    partition_size: Annotated[int, typer.Option(
        "--partition-size", metavar="N", min=1, help="documents per Dask task")] = 128,
    dedupe_window: Annotated[int | None, typer.Option(
        "--dedupe-window", metavar="DAYS", min=0,
        help="compare a document only with the stories of DAYS days around its date, and keep "
             "only those in memory (default: every story in the store)")] = None,
    commit_every: Annotated[int, typer.Option("--commit-every", min=1, help="documents per transaction")] = 256,
    progress: Annotated[str, typer.Option("--progress", click_type=choice(*MODES),
                                          help="auto: a bar on a terminal, plain lines otherwise")] = "auto",
    progress_interval: Annotated[float, typer.Option(
        "--progress-interval", min=0.0, help="seconds between plain progress lines (0: one per commit)")] = 10.0,
    threshold: Threshold = 0.8,
    agents: Agents = "document",
    require_source: RequireSource = False,
    input_format: InputFormat = "auto",
    columns: Columns = None,
    delimiter: Delimiter = None,
    no_header: NoHeader = False,
    encoding: Encoding = "utf-8",
    title_first_line: TitleFirstLine = False,
) -> int:
    """Code a corpus into a DuckDB event store (idempotent, resumable, versioned)."""
    inputs = inputs or []
    options = reader_options(input_format, columns, delimiter, no_header, encoding, title_first_line, day)
    if not inputs and not recode:
        raise CommuniqueError("nothing to do: give INPUT files or --recode")
    from communique.readers import ReadReport, iter_records
    from communique.readers.quarantine import Quarantine, default_path
    from communique.store.event_store import EventStore
    from communique.store.ingest import IngestOptions
    from communique.store.ingest import ingest as run_ingest

    warn_prose(inputs, options)
    _check_writable(db)
    jail = Quarantine(quarantine or default_path(db))
    extra = {"dictionaries": dictionaries or [], "only_dictionaries": only_dictionaries,
             "agents": agents, "require_source": require_source, **model_options(no_model)}
    dask = _dask_coder(scheduler, dask_local, workers, model, batch_size, partition_size, extra)
    if dask is None:
        from communique.coder.pool import make_coder
        coder = make_coder(workers, model=model, batch_size=batch_size, **extra)
    else:
        coder = dask
    report_problems(coder.problems)
    status = 0
    try:
        with EventStore(db) as store:
            if dictionaries or only_dictionaries:  # what local rules it has (store/revisions.py)
                from communique.store.revisions import mark_untouched, register, revision_of
                revision = revision_of(coder, extra["dictionaries"], only_dictionaries)
                if recode:
                    say(mark_untouched(store, revision).describe(coder.version))
                register(store, revision)
            if recode:
                _recode(store, coder, commit_every, day, progress, progress_interval)
            if inputs:
                report = ReadReport()
                with _progress(progress, progress_interval, inputs, options) as meter:
                    opts = IngestOptions(keep_duplicates=keep_duplicates, threshold=threshold,
                                         commit_every=commit_every, default_date=day,
                                         dedupe_window=dedupe_window)
                    records = _quarantining(iter_records(inputs, options, report), report, jail, meter)
                    r = run_ingest(store, records, coder, opts, meter)
                    jail.add(report.problems + r.conflicts)
                _print_ingest(r, report, jail, keep_duplicates)
                status = 1 if report.problems or r.conflicts else 0
            if dask is not None:
                n = len(dask.workers_used)
                say(f"coded on {n} Dask worker{'s' if n > 1 else ''}")
            stale = store.count_stale(coder.version)
            if stale and not recode:
                given = "".join(f" --dictionaries {d}" for d in extra["dictionaries"])
                say(f"{stale} stored documents were coded by another coder version; "
                    f"run `communique ingest --recode --db {db}{given}` to update them")
    finally:
        coder.close()
    return status


def _check_writable(db: str) -> None:
    """A store that cannot be written (a read-only file or file system) is an error before
    anything is read or coded; the store is left as it is."""
    import os
    from pathlib import Path

    path = Path(db)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise CommuniqueError(f"--db: {db} is a folder")
    if not folder.is_dir():
        raise CommuniqueError(f"--db: no folder {folder} for the store {db}")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise CommuniqueError(f"cannot write the store {db}: it (or its folder) is read-only; it is left as "
                              "it is: query it with stats, dyads, top or export, or copy it with snapshot")


def _dask_coder(scheduler, dask_local, workers, model, batch_size, partition_size, extra: dict):
    """A DaskCoder for --scheduler/--dask-local, None for a local run; conflicts are errors."""
    if scheduler is not None and dask_local is not None:
        raise CommuniqueError("--scheduler and --dask-local cannot be used together")
    if scheduler is None and dask_local is None:
        return None
    if workers > 1:
        raise CommuniqueError("--workers cannot be combined with --scheduler or --dask-local "
                              "(the Dask workers do the coding)")
    if dask_local is not None and dask_local < 1:
        raise CommuniqueError("--dask-local needs at least 1 worker")
    from communique.coder.cluster import DaskCoder
    coder = DaskCoder(scheduler, dask_local or 0, model=model, batch_size=batch_size,
                      partition=partition_size, **extra)
    n = len(coder.client.nthreads())
    say(f"coding on Dask at {coder.client.scheduler.address} "
        f"({n} worker{'s' if n > 1 else ''}, coder {coder.version})")
    return coder


def _progress(mode: str, interval: float, inputs: list[str], options):
    from communique.readers import count_records
    return make_progress(mode, count_records(inputs, options), "ingest", interval)


def _recode(store, coder, commit_every, day, mode, interval) -> None:
    from communique.store.ingest import recode

    with make_progress(mode, store.count_stale(coder.version), "recode", interval) as meter:
        r = recode(store, coder, commit_every, day, meter)
    say(f"re-coded {r.recoded} documents with {coder.version}: {r.events} events")


def _quarantining(records, report, quarantine, progress):
    """Pass records through, writing new problems to the quarantine file as they appear."""
    done = 0
    for rec in records:
        if len(report.problems) > done:
            quarantine.add(report.problems[done:])
            progress.advance(read=len(report.problems) - done)
            done = len(report.problems)
        yield rec


def _print_ingest(r, report, quarantine, keep_duplicates: bool) -> None:
    docs_s = r.read / r.seconds if r.seconds else 0.0
    sents_s = r.sentences / r.seconds if r.seconds else 0.0
    say(f"read {plural(r.read, 'record')} in {r.seconds:.1f} s ({docs_s:.1f} docs/s, {sents_s:.0f} sentences/s)")
    say(f"stored {plural(r.stored, 'new document')}: {r.coded} coded, "
        f"{plural(r.duplicates, 'near-duplicate copy', 'near-duplicate copies')}"
        f"{' (kept and coded)' if keep_duplicates else ' (counted, not coded)'}; "
        f"{plural(r.events, 'event')} from {plural(r.sentences, 'sentence')}")
    if r.already or r.repeated:
        say(f"skipped {plural(r.already, 'document')} already in the store, {r.repeated} repeated in the input")
    if r.undated:
        say(f"{plural(r.undated, 'document')} had no date and were coded as of today, marked so in the "
            "store: ingest them again with --date DATE to re-date and re-code them")
    if r.redated:
        say(f"re-dated and re-coded {plural(r.redated, 'stored document')} that had been coded as of "
            "the day of their ingest")
    bad = len(report.problems) + len(r.conflicts)
    if bad:
        say(f"{plural(bad, 'record')} set aside in {quarantine.path} ({quarantine.added} new there)")


def dedupe(
    inputs: Inputs = None,
    output: Annotated[str | None, typer.Option(
        "-o", "--output", help="write the groups as JSON lines to this file")] = None,
    day: Day = None,
    threshold: Threshold = 0.8,
    input_format: InputFormat = "auto",
    columns: Columns = None,
    delimiter: Delimiter = None,
    no_header: NoHeader = False,
    encoding: Encoding = "utf-8",
    title_first_line: TitleFirstLine = False,
) -> int:
    """Report near-duplicate groups in a corpus (nothing is coded)."""
    from communique.readers import ReadReport, iter_records
    from communique.store.dedupe import dedupe_text, group_documents

    if not inputs:
        raise CommuniqueError("give INPUT files to look for duplicates in")
    options = reader_options(input_format, columns, delimiter, no_header, encoding, title_first_line, day)
    warn_prose(inputs, options)
    report = ReadReport()
    titles: dict[str, str | None] = {}
    exact: dict[str, int] = {}  # id -> further identical copies (same id: the same text)

    def items():
        for rec in iter_records(inputs, options, report):
            doc = rec.document
            if doc.id in titles:
                exact[doc.id] = exact.get(doc.id, 0) + 1
                continue
            titles[doc.id] = doc.title or f"{rec.file}:{rec.line}" if rec.line else doc.title or rec.file
            yield doc.id, dedupe_text(doc.title, doc.text)

    groups = list(group_documents(items(), threshold=threshold))
    copies = sum(len(g.members) - 1 for g in groups)
    if output:
        with open(output, "w", encoding="utf-8") as out:
            for g in groups:
                row = {"head": g.head, "title": titles.get(g.head), "size": len(g.members),
                       "members": [{"id": m, "similarity": s, "where": titles.get(m)} for m, s in g.members]}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    distinct = len(titles)
    print(f"{plural(report.documents, 'document')}, {plural(len(groups), 'duplicate group')}, "
          f"{plural(copies, 'copy', 'copies')} beyond the first ({copies / max(distinct, 1):.1%})")
    if exact:
        n = sum(exact.values())
        print(f"{plural(n, 'exact copy', 'exact copies')} (the same id and text as an earlier "
              f"document, e.g. byte-identical files) of {plural(len(exact), 'document')}: "
              "ingest stores these once")
    for g in sorted(groups, key=lambda g: -len(g.members))[:10]:
        print(f"  {len(g.members):>3} x {titles.get(g.head)}")
    for p in report.problems:
        say(f"skipped {p}")
    return 1 if report.problems else 0




def snapshot(
    db: Annotated[str, typer.Option("--db", help="event store file")] = ...,
    output: Annotated[str, typer.Option("-o", "--output", help="the copy to write (replaced if it exists)")] = ...,
) -> int:
    """Copy an event store consistently, also while an ingest writes it (read the copy)."""
    from communique.store.snapshot import snapshot as make_snapshot

    snap = make_snapshot(db, output)
    say(f"snapshot {snap.path}: {plural(snap.documents, 'document')}, {plural(snap.events, 'event')} "
        f"({snap.bytes / 1e6:,.1f} MB)")
    return 0


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("dedupe")(dedupe)
    app.command("snapshot")(snapshot)
