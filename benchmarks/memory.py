"""Streaming memory: the peak memory of an ingest as the corpus, or the store, grows 10-fold.

    .venv/bin/python benchmarks/memory.py [--docs 300] [--factor 10] [--workers N | --dask-local N]
    .venv/bin/python benchmarks/memory.py --daily [--docs 300] [--store 20000] [--factor 10]
                                          [--per-day 1000] [--dedupe-window 30 | --no-window]

One run (default): each size runs in a fresh subprocess that ingests the first stories of
Reuters-21578 (``../shared/data/news/reuters21578``, read with the SGML reader of
``ingest_news.py``) through the product's ingest path into a new DuckDB store; with
``--per-day N`` the stories are dated N a day, as a feed is.

Daily (``--daily``), months of daily ingests: a store already holding ``--store`` documents
(then ``factor`` times as many), dated ``--per-day`` a day up to yesterday, takes one day's
ingest of ``--docs`` Reuters stories, in a fresh process, with the dedupe window on (30 days
unless ``--dedupe-window``/``--no-window``). The stored documents are written directly (short
texts, random signatures, no events: what a day's ingest reads of them is their ids and the
group heads of recent days), so filling a large store takes seconds.

The peak resident memory of the ingesting process comes from the kernel (``wait4``'s
``ru_maxrss``; with ``--workers`` or ``--dask-local`` it is the largest single process of the
tree, and ``client_peak_mb`` is the ingesting process alone). Memory is flat when the ratio
of the two peaks stays close to 1.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from itertools import islice
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from ingest_news import NEWS, reuters_records  # noqa: E402

CORPUS = NEWS / "reuters21578"
TODAY = date(2027, 1, 1)  # the day of the daily ingest (the stored days end the day before)


def dated(records, per_day: int, first: date):
    """The records dated ``per_day`` a day from ``first`` (a feed's order)."""
    for n, rec in enumerate(records):
        day = first + timedelta(days=n // per_day)
        yield replace(rec, document=replace(rec.document, date=day))


def child(args) -> None:
    from communique.coder.cluster import DaskCoder
    from communique.coder.pool import make_coder
    from communique.store.event_store import EventStore
    from communique.store.ingest import IngestOptions, ingest

    coder = DaskCoder(local_workers=args.dask_local) if args.dask_local else make_coder(args.workers)
    loaded_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    records = islice(reuters_records(CORPUS), args.child)
    if args.daily:
        records = dated(records, 10**9, TODAY)
    elif args.per_day:
        records = dated(records, args.per_day, TODAY)
    window = None if args.no_window else args.dedupe_window
    with EventStore(args.db) as store:
        r = ingest(store, records, coder, IngestOptions(dedupe_window=window))
    coder.close()
    print(json.dumps({"read": r.read, "coded": r.coded, "events": r.events,
                      "sentences": r.sentences, "seconds": round(r.seconds, 1),
                      "after_coder_load_mb": round(loaded_mb),
                      "client_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))


def fill_store(db: str, documents: int, per_day: int) -> None:
    """``documents`` stored documents dated ``per_day`` a day, up to the day before TODAY."""
    from communique.records import Document
    from communique.store.event_store import Batch, EventStore, StoredDocument

    rng = random.Random(7)
    first = TODAY - timedelta(days=-(-documents // per_day))
    with EventStore(db) as store:
        batch = Batch()
        for n in range(documents):
            doc = Document(f"stored-{n}", f"stored story {n}", first + timedelta(days=n // per_day))
            batch.add(StoredDocument(doc, "stored.jsonl", n + 1, doc.id, 1.0, rng.randbytes(512), coded=False))
            if batch.documents == 20_000:
                store.write(batch)
                batch = Batch()
        store.write(batch)


def measure(docs: int, args, stored: int = 0) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = f"{tmp}/m.duckdb"
        if stored:
            fill_store(db, stored, args.per_day or 1000)
        cmd = [sys.executable, __file__, "--child", str(docs), "--db", db, "--workers", str(args.workers),
               "--dask-local", str(args.dask_local), "--per-day", str(args.per_day),
               "--dedupe-window", str(args.dedupe_window)]
        cmd += ["--daily"] * args.daily + ["--no-window"] * args.no_window
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        proc.stdout.close()
        if proc.returncode:
            sys.exit(f"the ingest of {docs} documents failed (exit status {proc.returncode})")
        return {**json.loads(out), "stored_before": stored, "peak_mb": round(usage.ru_maxrss / 1024)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=300, help="stories ingested (the small run; default 300)")
    ap.add_argument("--factor", type=int, default=10, help="the large run is this many times larger")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--dask-local", type=int, default=0, help="code on a local Dask cluster of N workers")
    ap.add_argument("--daily", action="store_true", help="one day's ingest into a store of --store documents")
    ap.add_argument("--store", type=int, default=20_000, help="--daily: documents stored before (small run)")
    ap.add_argument("--per-day", type=int, default=0, help="date the documents this many a day")
    ap.add_argument("--dedupe-window", type=int, default=30, help="days (with --daily or --per-day)")
    ap.add_argument("--no-window", action="store_true", help="compare with every stored story")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child is not None:
        if not (args.daily or args.per_day):
            args.no_window = True  # undated runs: as before the window existed
        child(args)
        return 0
    if not list(CORPUS.glob("reut2-*.sgm")):
        sys.exit(f"memory benchmark: Reuters-21578 not found in {CORPUS}")
    if args.daily and not args.per_day:
        args.per_day = 1000

    runs = []
    sizes = ([(args.docs, args.store), (args.docs, args.store * args.factor)] if args.daily
             else [(args.docs, 0), (args.docs * args.factor, 0)])
    for docs, stored in sizes:
        t0 = time.monotonic()
        runs.append(measure(docs, args, stored))
        r = runs[-1]
        print(f"{docs:>6} documents into a store of {stored:,}: peak {r['peak_mb']} MB "
              f"(ingesting process {r['client_peak_mb']} MB, {r['after_coder_load_mb']} MB after loading "
              f"the coder), {r['events']} events, {time.monotonic() - t0:.0f} s", flush=True)
    ratios = {f"{k}_ratio": round(runs[1][k] / runs[0][k], 3) for k in ("peak_mb", "client_peak_mb")}
    window = None if args.no_window or not (args.daily or args.per_day) else args.dedupe_window
    print(json.dumps({"machine": f"{os.cpu_count()} cores", "workers": args.workers,
                      "dask_local": args.dask_local, "daily": args.daily, "per_day": args.per_day,
                      "dedupe_window": window, "runs": runs, **ratios}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
