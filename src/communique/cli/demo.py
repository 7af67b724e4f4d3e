"""`communique demo`: code the bundled Korean Peninsula corpus and print a summary."""
from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from communique.readers import ReaderOptions, ReadReport, iter_records
from communique.records import Event
from communique.scoring.evaluate import actor_key
from communique.serialize import EventWriter


def mark(event: Event) -> str:
    """The sentence with [source], <verb> and {target} marked."""
    spans = [(event.verb.start, event.verb.end, "<", ">")]
    if event.source:
        spans.append((event.source.span.start, event.source.span.end, "[", "]"))
    if event.target:
        spans.append((event.target.span.start, event.target.span.end, "{", "}"))
    s0 = event.sentence_start
    text = event.sentence
    for start, end, left, right in sorted(spans, key=lambda x: -x[0]):
        a, b = start - s0, end - s0
        if 0 <= a <= b <= len(text):
            text = text[:a] + left + text[a:b] + right + text[b:]
    return " ".join(text.split())


def run_demo(corpus: Path, output: str, model: str | None = None, coder_options: dict | None = None) -> int:
    from communique.coder.core import Coder

    t0 = time.perf_counter()
    coder = Coder(model=model, **(coder_options or {}))
    report = ReadReport()
    events: list[Event] = []
    n_docs = n_sents = 0
    with open(output, "w", encoding="utf-8") as fh:
        writer = EventWriter(fh)
        documents = (r.document for r in iter_records([str(corpus)], ReaderOptions(), report))
        for coded in coder.code_documents(documents):
            writer.write(coded.events)
            events.extend(coded.events)
            n_docs += 1
            n_sents += coded.sentences
    secs = time.perf_counter() - t0
    print(f"communique demo: {n_docs} documents, {n_sents} sentences, {len(events)} events "
          f"in {secs:.1f}s (including model load) -> {output}\n")
    dyads = Counter((actor_key(e.source_code), actor_key(e.target_code))
                    for e in events)
    print("Events per dyad (top 15, country level):")
    for (s, t), n in dyads.most_common(15):
        quads = Counter(e.quad_class for e in events if actor_key(e.source_code) == s
                        and actor_key(e.target_code) == t)
        print(f"  {s:>7} -> {t:<7} {n:>4}   " + "  ".join(f"Q{q}:{quads[q]}" for q in (1, 2, 3, 4)))
    names = {e.cameo_root: coder.ontology[e.cameo_root].name for e in events}
    print("\nEvents per CAMEO root class:")
    for root, n in sorted(Counter(e.cameo_root for e in events).items()):
        print(f"  {root} {names[root]:<40} {n:>4}")
    print("\nSample events with evidence ([source] <verb> {target}):")
    for e in events[:: max(1, len(events) // 6)][:6]:
        tgt = e.target.actor.code if e.target else "-"
        print(f"  {e.date} {e.source_code or '-'} -> {tgt} {e.cameo} "
              f"({coder.ontology[e.cameo].name}; PLOVER {e.plover_event or '-'})")
        print(f"    {mark(e)}")
    for problem in report.problems:
        print(f"skipped {problem}")
    return 0
