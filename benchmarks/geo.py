"""Geolocation coverage and cost: events located by precision, actors placed, gazetteer loading.

    .venv/bin/python benchmarks/geo.py [--corpus DIR_OR_JSONL] [--docs N] [--show N] [--seed S]

The corpus is a directory of .txt stories (default ../shared/data/news/bbc/politics) or a
JSON-lines file (e.g. src/communique/cli/demo/korea_2016_2018.jsonl). The coder codes the
stories twice, without and with geolocation (the same parser), and prints the share of
events with a location by precision, how many come from the dateline, the actors placed by
their own words, the time geolocation adds, and ``--show`` located events (a random sample)
to check by hand. End-to-end cost: ``benchmarks/throughput.py`` with and without ``--no-geo``.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def default_corpus() -> Path:
    for base in (ROOT.parent, ROOT.parent.parent):
        path = base / "shared" / "data" / "news" / "bbc" / "politics"
        if path.is_dir():
            return path
    return ROOT.parent / "shared" / "data" / "news" / "bbc" / "politics"


def read_corpus(path: Path, limit: int | None):
    from communique.records import Document
    if path.is_dir():
        files = sorted(path.glob("*.txt"))[:limit]
        return [Document(f.stem, f.read_text(encoding="utf-8", errors="replace")) for f in files]
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Document(r.get("id", str(i)), r["text"]) for i, r in enumerate(rows[:limit])]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=default_corpus())
    ap.add_argument("--docs", type=int, default=None)
    ap.add_argument("--show", type=int, default=0, help="print N located events (random sample) to check by hand")
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2

    from communique.geo.gazetteer import load_gazetteer
    t, cpu = time.perf_counter(), time.process_time()
    gazetteer = load_gazetteer()
    loaded, loaded_cpu = time.perf_counter() - t, time.process_time() - cpu

    from communique.coder.core import Coder
    documents = read_corpus(args.corpus, args.docs)
    plain = Coder(geolocate=False)
    coder = Coder(nlp=plain.nlp)
    seconds = {}
    for name, c in (("without", plain), ("with", coder)):
        c.code_text("Warm up: Russia criticised the United States in Moscow.")
        t = time.process_time()
        coded = list(c.code_documents(documents))
        seconds[name] = time.process_time() - t
    events = [e for result in coded for e in result.events]
    sentences = sum(result.sentences for result in coded)
    from communique.geo.locator import Geolocator
    geo = Geolocator.load()
    datelines = {r.document.id: geo.document_context(r.document.text).dateline for r in coded}

    located = Counter(e.location.precision if e.location else "none" for e in events)
    from_dateline = sum(1 for e in events if e.location and e.location == datelines[e.doc_id])
    actors = Counter(m.location.precision if m.location else "none"
                     for e in events for m in (e.source, e.target) if m is not None)

    print(f"corpus {args.corpus} ({len(documents)} documents, {sentences} sentences, {len(events)} events)")
    print(f"gazetteer load: {loaded:.2f} s wall, {loaded_cpu:.2f} s CPU ({len(gazetteer.names):,} names)")
    extra = seconds["with"] - seconds["without"]
    print(f"coder CPU: {seconds['without']:.1f} s without geolocation, {seconds['with']:.1f} s with "
          f"({extra / seconds['without']:+.1%}, {extra / max(sentences, 1) * 1e6:.0f} us/sentence)")
    total = len(events) or 1
    print("events by location precision: " + ", ".join(
        f"{k} {v} ({v / total:.0%})" for k, v in located.most_common()))
    print(f"  of the located events, {from_dateline} have the dateline's place")
    mentions = sum(actors.values()) or 1
    print("actors by location precision: " + ", ".join(
        f"{k} {v} ({v / mentions:.0%})" for k, v in actors.most_common()))
    sample = [e for e in events if e.location]
    random.Random(args.seed).shuffle(sample)
    for e in sample[:args.show]:
        loc = e.location
        where = "dateline" if loc == datelines[e.doc_id] else "text"
        print(f"\n[{e.doc_id}] {e.sentence.strip()[:240]}\n  {e.source_code} {e.cameo} {e.target_code} "
              f"verb {e.verb.text!r} -> {loc.text!r} = {loc.name}, {loc.country}, {loc.adm1}, "
              f"{loc.precision} ({where})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
