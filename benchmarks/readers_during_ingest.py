"""A reader against a running ingest: does the ingest survive, and when does the reader get in?

    .venv/bin/python benchmarks/readers_during_ingest.py [--copies 60] [--runs 2] [--communique PATH]

Makes a corpus of the demo stories, ``copies`` times over (distinct ids), and ingests it with
``communique ingest`` (``--communique``: another installation's command, to compare) while this
process tries read-only DuckDB connections as fast as it can and holds each one it gets for
2 s, as a dashboard query would. Prints, per run, the ingest's exit status, the reader's tries,
the connections it got and how many documents the store held then.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "communique" / "cli" / "demo" / "korea_2016_2018.jsonl"


def corpus(path: Path, copies: int) -> None:
    rows = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines()]
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(copies):
            for r in rows:
                fh.write(json.dumps({**r, "id": f"{r['id']}-{i}", "text": f"{r['text']} Item {i}."}) + "\n")


def trial(command: str, src: Path, db: Path) -> dict:
    proc = subprocess.Popen([command, "ingest", str(src), "--db", str(db), "--progress", "none",
                             "--keep-duplicates"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    time.sleep(8)  # the ingest has opened the store and is coding
    tries, got = 0, []
    while proc.poll() is None:
        tries += 1
        try:
            con = duckdb.connect(str(db), read_only=True)
        except duckdb.Error:
            continue
        got.append(con.execute("SELECT count(*) FROM documents").fetchone()[0])
        time.sleep(2)
        con.close()
    err = proc.stderr.read().strip().splitlines()
    proc.stderr.close()
    return {"ingest_status": proc.returncode, "reader_tries": tries, "reader_connections": len(got),
            "documents_when_connected": got, "ingest_last_line": err[-1][:160] if err else ""}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=60, help="copies of the 45 demo stories (default 60)")
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--communique", default=str(Path(sys.executable).with_name("communique")))
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "stories.jsonl"
        corpus(src, args.copies)
        for run in range(args.runs):
            print(json.dumps(trial(args.communique, src, Path(tmp) / f"run{run}.duckdb")), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
