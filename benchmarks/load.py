"""Bounded load check of the workbench API: throughput, latency, errors and server memory.

    .venv/bin/python benchmarks/load.py [--db events.duckdb] [--clients 4] [--events 2000] [--code 200]

Starts ``communique serve`` on 127.0.0.1 on a free port (over ``--db``, or over a
store built from the demo corpus in a temporary folder), warms it up (one POST /code loads
the coder), then sends a fixed number of requests from ``--clients`` concurrent clients:
``--events`` GET /events with rotating filters, then ``--code`` POST /code with the demo
corpus's articles. Each run is split in two halves and the server's resident memory
(psutil, sampled every 50 ms) is printed after each, so memory that grows shows as a rise
from the first half to the second. It stops by itself and stops the server.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

DEMO = HERE.parent / "src" / "communique" / "cli" / "demo" / "korea_2016_2018.jsonl"
FILTERS = [{}, {"source": "USA"}, {"target": "PRK", "quad_class": "3,4"}, {"root": "11"}, {"text": "THAAD"},
           {"actor": "CHN", "sort": "-goldstein"}, {"from": "2017-01-01", "to": "2017-06-30"}, {"offset": 50},
           {"plover": "ACCUSE", "limit": 100}, {"country": "JPN", "sort": "source"}]


def build_store(path: Path) -> Path:
    from communique.coder.core import Coder
    from communique.readers import ReaderOptions, ReadReport, iter_records
    from communique.store.event_store import EventStore
    from communique.store.ingest import IngestOptions, ingest

    with EventStore(path) as store:
        ingest(store, iter_records([str(DEMO)], ReaderOptions(), ReadReport()), Coder(), IngestOptions())
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Memory:
    """The server's resident memory, sampled in a thread."""

    def __init__(self, pid: int):
        self.proc = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def now(self) -> float:
        return self.proc.memory_info().rss / 2**20

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, self.now())

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def run(url: str, clients: int, jobs: list[tuple[str, str, dict]]) -> tuple[list[float], int, float]:
    """Send every job (method, path, params or body) from ``clients`` threads; returns the
    latencies in seconds, the number of errors (not 200) and the wall time."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    queue = list(reversed(jobs))

    def client() -> None:
        nonlocal errors
        with httpx.Client(base_url=url, timeout=120) as http:
            while True:
                with lock:
                    if not queue:
                        return
                    method, path, data = queue.pop()
                t0 = time.perf_counter()
                r = http.get(path, params=data) if method == "GET" else http.post(path, json=data)
                took = time.perf_counter() - t0
                with lock:
                    latencies.append(took)
                    errors += r.status_code != 200

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors, time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="an event store (default: the demo corpus, ingested into a temporary store)")
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--events", type=int, default=2000, help="GET /events requests")
    ap.add_argument("--code", type=int, default=200, help="POST /code requests")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    db = Path(args.db) if args.db else build_store(Path(tmp.name) / "demo.duckdb")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    script = Path(sys.executable).with_name("communique")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "communique"]
    server = subprocess.Popen([*command, "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ})
    results = []
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            print("the server did not start", file=sys.stderr)
            return 2
        articles = [json.loads(line)["text"] for line in DEMO.read_text(encoding="utf-8").splitlines()]
        t0 = time.perf_counter()
        httpx.post(f"{url}/code", json={"text": articles[0], "date": "2017-07-04"}, timeout=120)
        httpx.get(f"{url}/events", timeout=60)
        print(f"server up, coder loaded in {time.perf_counter() - t0:.1f} s; {len(articles)} articles, "
              f"{args.clients} clients")
        memory = Memory(server.pid)
        start_mb = memory.now()
        plans = {
            "GET /events": [("GET", "/events", FILTERS[i % len(FILTERS)]) for i in range(args.events)],
            "POST /code": [("POST", "/code", {"text": articles[i % len(articles)], "date": "2017-07-04"})
                           for i in range(args.code)],
        }
        for name, jobs in plans.items():
            half = len(jobs) // 2
            lat1, err1, wall1 = run(url, args.clients, jobs[:half])
            mid_mb = memory.now()
            lat2, err2, wall2 = run(url, args.clients, jobs[half:])
            end_mb = memory.now()
            lat = lat1 + lat2
            results.append({"endpoint": name, "requests": len(lat), "clients": args.clients, "errors": err1 + err2,
                            "per_s": round(len(lat) / (wall1 + wall2), 1),
                            "p50_ms": round(percentile(lat, 50) * 1000, 1),
                            "p99_ms": round(percentile(lat, 99) * 1000, 1),
                            "rss_half_mb": round(mid_mb), "rss_end_mb": round(end_mb)})
        memory.stop()
        print(f"\nserver memory: {start_mb:.0f} MB after warm-up, peak {memory.peak:.0f} MB\n")
        cols = list(results[0])
        print("  ".join(f"{c:>12}" for c in cols))
        for r in results:
            print("  ".join(f"{r[c]!s:>12}" for c in cols))
        if args.json:
            Path(args.json).write_text(json.dumps({"results": results, "start_mb": start_mb,
                                                   "peak_mb": memory.peak}, indent=2))
        return 1 if any(r["errors"] for r in results) else 0
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        tmp.cleanup()


if __name__ == "__main__":
    sys.exit(main())
