"""Throughput of the coder against a parse-only baseline, from one run.

    .venv/bin/python benchmarks/throughput.py --corpus ../shared/data/news/reuters21578 --docs 2000
    .venv/bin/python benchmarks/throughput.py --corpus ../shared/data/news/bbc --docs 1000 --workers 2

Prints documents, sentences and words per second end to end (reading, deduplicating, coding
and storing into a new DuckDB store, as `communique ingest` does; `--jsonl` writes JSON lines
instead), the same for a parse-only baseline (the same spaCy model and
components over the same texts, nothing else), their ratio, events per second and peak
memory (this process plus its worker processes). Sentences are counted by the parse-only
run (the parser's sentences), so both rates divide the same number; with the pre-pass
(the default) the coder parses only the sentences that could yield an event.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from datetime import date
from itertools import islice
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from communique.coder.core import Coder  # noqa: E402
from communique.serialize import EventWriter  # noqa: E402
from communique.store.event_store import EventStore  # noqa: E402
from communique.store.ingest import IngestOptions, ingest  # noqa: E402


def records(corpus: Path, limit: int):
    from ingest_news import bbc_records, reuters_records  # the SGML reader lives there

    found = reuters_records(corpus) if list(corpus.glob("*.sgm")) else bbc_records(corpus)
    return list(islice(found, limit))


def code_to_jsonl(coder, docs) -> tuple[int, int]:
    sentences = events = 0
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=True) as out:
        writer = EventWriter(out)
        for coded in coder.code_documents(docs):
            sentences += coded.sentences
            events += writer.write(coded.events)
    return sentences, events


def code_to_store(coder, recs) -> tuple[int, int]:
    with tempfile.TemporaryDirectory() as tmp, EventStore(Path(tmp) / "bench.duckdb") as store:
        # every document is coded (as in the parse-only run); near-duplicates are still found
        ingest(store, recs, coder, IngestOptions(keep_duplicates=True))
        return 0, store.counts()["events"]


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + kids) / 1024


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--no-prepass", action="store_true", help="parse every sentence")
    ap.add_argument("--no-geo", action="store_true", help="do not geolocate events (to measure what it costs)")
    ap.add_argument("--no-model", action="store_true", help="turn the learned event layer off")
    ap.add_argument("--jsonl", action="store_true", help="write JSON lines instead of a DuckDB store")
    ap.add_argument("--stages", action="store_true",
                    help="also time the stages one by one in this process (where the time goes)")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2

    t0, cpu0 = time.perf_counter(), time.process_time()
    recs = records(args.corpus, args.docs)
    docs = [r.document for r in recs]
    read_s, read_cpu = time.perf_counter() - t0, time.process_time() - cpu0
    words = sum(len(d.text.split()) for d in docs)

    prepass = not args.no_prepass
    geo = not args.no_geo
    options = {"prepass": prepass, "geolocate": geo, **({"event_model": None} if args.no_model else {})}
    coder = Coder(batch_size=args.batch_size, **options)
    t0, cpu0 = time.perf_counter(), time.process_time()
    from communique.coder.pool import make_coder
    pool = make_coder(args.workers, batch_size=args.batch_size, **options) if args.workers > 1 else coder
    startup_s = time.perf_counter() - t0
    _, events = code_to_jsonl(pool, docs) if args.jsonl else code_to_store(pool, recs)
    pool.close()
    code_s = time.perf_counter() - t0 + read_s
    code_cpu = time.process_time() - cpu0 + read_cpu  # this process only (all of it with one worker)

    t0 = time.perf_counter()
    n_process = args.workers if args.workers > 1 else 1
    base_sents = 0
    for doc in coder.nlp.pipe((d.text for d in docs), batch_size=args.batch_size, n_process=n_process):
        base_sents += sum(1 for _ in doc.sents)
    parse_s = time.perf_counter() - t0

    figures = {
        "machine": f"{os.cpu_count()} cores", "corpus": str(args.corpus), "documents": len(docs),
        "prepass": prepass, "geolocation": geo, "model": not args.no_model,
        "output": "jsonl" if args.jsonl else "duckdb", "sentences": base_sents,
        "words": words, "events": events, "workers": args.workers,
        "end_to_end": {"seconds": round(code_s, 2), "cpu_s": round(code_cpu, 2), "reading_s": round(read_s, 2),
                       "worker_startup_s": round(startup_s, 2), "docs_per_s": round(len(docs) / code_s, 1),
                       "sentences_per_s": round(base_sents / code_s, 1),
                       "words_per_s": round(words / code_s), "events_per_s": round(events / code_s, 1)},
        "parse_only": {"seconds": round(parse_s, 2), "docs_per_s": round(len(docs) / parse_s, 1),
                       "sentences_per_s": round(base_sents / parse_s, 1),
                       "words_per_s": round(words / parse_s)},
        "ratio_sentences_per_s": round(parse_s / code_s, 3),
        "peak_memory_mb": round(peak_mb()),
    }
    print(json.dumps(figures, indent=2))
    if args.stages:
        print_stages(coder, recs, code_s if args.workers == 1 else None)
    return 0


class _Uncoded:
    """Stands in for the coder to time reading the queue, deduplication and the store."""

    def __init__(self, version: str):
        self.version = version

    def code_documents(self, docs, default_date=None):
        from communique.coder.core import CodedDocument
        for d in docs:
            yield CodedDocument(d, [], 0)


def print_stages(coder: Coder, recs, end_to_end: float | None) -> None:
    """Wall-clock time of each stage run alone over the same documents."""
    from communique.actors.resolve import Context, find_hits
    from communique.nlp.token_rules import REPLACED, TokenRules

    docs = [r.document for r in recs]
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    plans = [(d, coder.prepass.plan(d.text)) for d in docs] if coder.prepass else []
    times["pre-pass (sentences, dictionary scan)"] = time.perf_counter() - t0
    pieces = [d.text[p.start:p.end] for d, plan in plans for p in plan.pieces if p.parse] \
        if coder.prepass else [d.text for d in docs]
    t0 = time.perf_counter()
    parsed = list(coder.nlp.pipe(pieces, batch_size=coder.batch_size,
                                 disable=REPLACED if coder.token_rules else ()))
    times["spaCy: tokenizer, tok2vec, tagger, parser"] = time.perf_counter() - t0
    if coder.token_rules:
        rules = TokenRules.for_pipeline(coder.nlp)  # fresh caches, as at the start of a run
        t0 = time.perf_counter()
        for doc in parsed:
            rules(doc)
        times["token rules (attribute ruler, lemmatizer)"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    for doc in parsed:  # each piece on its own: coreference state differs a little
        ctx = Context(date(1987, 3, 1), {}, 0, coder.coref, doc.text)
        ctx.hits = find_hits(doc, 0, coder.actors, doc.text)
        coder.surnames.add_hits(doc, ctx)
        for i, sent in enumerate(doc.sents):
            coder.extractor.sentence_events(sent, i, ctx, "d", ctx.day)
    times["actors and events from the parse"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    code_to_store(_Uncoded(coder.version), recs)
    times["deduplication and DuckDB writes"] = time.perf_counter() - t0
    print("\nwhere the time goes (each stage alone, one process):")
    for label, sec in times.items():
        print(f"  {label:<45} {sec:7.2f} s")
    if end_to_end is not None:
        rest = end_to_end - sum(times.values())
        print(f"  {'reading, queues, coreference, glue (the rest)':<45} {rest:7.2f} s")
        print(f"  {'end to end':<45} {end_to_end:7.2f} s")


if __name__ == "__main__":
    sys.exit(main())
