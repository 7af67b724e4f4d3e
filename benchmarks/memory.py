"""Streaming memory: peak memory of an ingest of N documents, then of 10 x N.

    .venv/bin/python benchmarks/memory.py [--docs 300] [--factor 10] [--workers N | --dask-local N]

Each size runs in a fresh subprocess that ingests the first stories of Reuters-21578
(``../shared/data/news/reuters21578``, read with the SGML reader of ``ingest_news.py``)
through the product's ingest path (``pipeline.ingest``, as ``communique ingest`` does) into a
new DuckDB store in a temporary folder. The peak resident memory of that process comes from
the kernel (``wait4``'s ``ru_maxrss``; with ``--workers`` or ``--dask-local`` it is the largest
single process of the tree, and ``client_peak_mb`` is the ingesting process alone). Memory is
flat when the ratio of the two peaks stays close to 1.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from ingest_news import NEWS, reuters_records  # noqa: E402

CORPUS = NEWS / "reuters21578"


def child(docs: int, db: str, workers: int, dask_local: int) -> None:
    from communique.coder.cluster import DaskCoder
    from communique.coder.pool import make_coder
    from communique.store.event_store import EventStore
    from communique.store.ingest import IngestOptions, ingest

    coder = DaskCoder(local_workers=dask_local) if dask_local else make_coder(workers)
    loaded_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with EventStore(db) as store:
        r = ingest(store, islice(reuters_records(CORPUS), docs), coder, IngestOptions())
    coder.close()
    print(json.dumps({"read": r.read, "coded": r.coded, "events": r.events,
                      "sentences": r.sentences, "seconds": round(r.seconds, 1),
                      "after_coder_load_mb": round(loaded_mb),
                      "client_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))


def measure(docs: int, workers: int, dask_local: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, __file__, "--child", str(docs), "--db", f"{tmp}/m.duckdb",
               "--workers", str(workers), "--dask-local", str(dask_local)]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        proc.stdout.close()
        if proc.returncode:
            sys.exit(f"the ingest of {docs} documents failed (exit status {proc.returncode})")
        return {**json.loads(out), "peak_mb": round(usage.ru_maxrss / 1024)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=300, help="the small run (default 300)")
    ap.add_argument("--factor", type=int, default=10, help="the large run is this many times larger")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--dask-local", type=int, default=0,
                    help="code on a local Dask cluster of N workers")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child is not None:
        child(args.child, args.db, args.workers, args.dask_local)
        return 0
    if not list(CORPUS.glob("reut2-*.sgm")):
        sys.exit(f"memory benchmark: Reuters-21578 not found in {CORPUS}")

    runs = []
    for docs in (args.docs, args.docs * args.factor):
        t0 = time.monotonic()
        runs.append(measure(docs, args.workers, args.dask_local))
        print(f"{docs:>6} documents: peak {runs[-1]['peak_mb']} MB "
              f"(ingesting process {runs[-1]['client_peak_mb']} MB, "
              f"{runs[-1]['after_coder_load_mb']} MB after loading the coder), "
              f"{runs[-1]['events']} events, {time.monotonic() - t0:.0f} s", flush=True)
    ratios = {f"{k}_ratio": round(runs[1][k] / runs[0][k], 3) for k in ("peak_mb", "client_peak_mb")}
    print(json.dumps({"machine": f"{os.cpu_count()} cores", "workers": args.workers,
                      "dask_local": args.dask_local, "runs": runs, **ratios}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
