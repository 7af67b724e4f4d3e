"""Geolocation cost and coverage: gazetteer loading, time per sentence against the coder's, events located.

    .venv/bin/python benchmarks/geo.py [--corpus DIR_OR_JSONL] [--docs N] [--show N] [--seed S]

The corpus is a directory of .txt stories (default ../shared/data/news/bbc/politics) or a
JSON-lines file (e.g. src/communique/cli/demo/korea_2016_2018.jsonl). The coder codes the
stories; each event's verb (and actors) are then looked up in a parse of the same text and
located. Prints the share of events located by precision and ``--show`` events to check by hand.
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

    t = time.perf_counter()
    from communique.geo.locator import Geolocator, head_token
    imported = time.perf_counter() - t
    t, cpu = time.perf_counter(), time.process_time()
    geo = Geolocator.load()
    loaded, loaded_cpu = time.perf_counter() - t, time.process_time() - cpu

    from communique.coder.core import Coder
    documents = read_corpus(args.corpus, args.docs)
    coder = Coder()
    coder.code_text("Warm up: Russia criticised the United States.")
    t = time.perf_counter()
    coded = list(coder.code_documents(documents))
    coding = time.perf_counter() - t
    sentences = sum(c.sentences for c in coded)
    events = sum(len(c.events) for c in coded)
    parsed = list(coder.nlp.pipe(d.text for d in documents))
    parsed_sentences = sum(1 for doc in parsed for _ in doc.sents)

    # the events' own verbs and actors, as phase 2's coder will call the geolocator
    located: Counter[str] = Counter()
    actors: Counter[str] = Counter()
    sample = []
    t = time.perf_counter()
    for result, doc in zip(coded, parsed):
        context = geo.document_context(result.document.text)
        for event in result.events:
            verb = head_token(doc[:], event.verb.start, event.verb.end)
            if verb is None:
                located["(verb not found in the parse)"] += 1
                continue
            sent = verb.sent
            countries = {m.actor.country for m in (event.source, event.target) if m and m.actor.country}
            loc = geo.locate(sent, verb, 0, context, countries)
            located[loc.precision if loc else "none"] += 1
            if loc is not None:
                sample.append((event, loc, loc == context.dateline))
            for mention in (event.source, event.target):
                if mention is not None:
                    head = head_token(sent, mention.span.start, mention.span.end)
                    place = geo.actor_location(sent, head, 0, context) if head is not None else None
                    actors[place.precision if place else "none"] += 1
    events_time = time.perf_counter() - t

    # an upper bound: every verb of every sentence treated as an event
    verbs = 0
    t = time.perf_counter()
    for result, doc in zip(coded, parsed):
        context = geo.document_context(result.document.text)
        for sent in doc.sents:
            for token in sent:
                if token.pos_ == "VERB":
                    verbs += 1
                    geo.locate(sent, token, 0, context)
    all_verbs = time.perf_counter() - t

    print(f"corpus {args.corpus} ({len(documents)} documents, {sentences} sentences, {events} events)")
    print(f"import communique.geo: {imported:.2f} s; gazetteer load: {loaded:.2f} s wall, {loaded_cpu:.2f} s CPU "
          f"({len(geo.gazetteer.names):,} names)")
    print(f"coder: {coding:.1f} s, {sentences / coding:,.0f} sentences/s (1 process)")
    print(f"geolocating the events (document context + event + actors): {events_time:.3f} s = "
          f"{events_time / coding:.1%} of the coder's time, {events_time / max(sentences, 1) * 1e6:.0f} us/sentence")
    print(f"every verb located ({verbs} verbs, {parsed_sentences} sentences): {all_verbs:.2f} s = "
          f"{all_verbs / coding:.1%} of the coder's time, {all_verbs / max(parsed_sentences, 1) * 1e6:.0f} us/sentence")
    total = sum(located.values()) or 1
    print("events by location precision: " + ", ".join(
        f"{k} {v} ({v / total:.0%})" for k, v in located.most_common()))
    from_dateline = sum(1 for _, _, d in sample if d)
    print(f"  of the located events, {from_dateline} have the dateline's place")
    mentions = sum(actors.values()) or 1
    print("actors by location precision: " + ", ".join(
        f"{k} {v} ({v / mentions:.0%})" for k, v in actors.most_common()))
    random.Random(args.seed).shuffle(sample)
    for event, loc, dateline in sample[:args.show]:
        where = "dateline" if dateline else "text"
        print(f"\n[{event.doc_id}] {event.sentence.strip()[:240]}\n  verb {event.verb.text!r} -> {loc.text!r} = "
              f"{loc.name}, {loc.country}, {loc.adm1}, {loc.precision} ({where})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
