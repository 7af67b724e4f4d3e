"""Does the pre-pass lose events? Codes the same texts with and without it and compares.

    .venv/bin/python benchmarks/prepass.py                      # gold file and demo corpus
    .venv/bin/python benchmarks/prepass.py --reuters ../shared/data/news/reuters21578 --docs 1000

Events are compared by (document, source, target, code, verb offsets); sentence indexes
can differ where the pre-pass cuts sentences differently from the parser.
Prints, per corpus: events without and with the pre-pass, events lost and gained, the share
of sentences parsed, and the coding time of both runs.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from itertools import islice
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from communique.coder.core import Coder  # noqa: E402
from communique.records import Document  # noqa: E402

ROOT = HERE.parent


def gold_documents() -> list[Document]:
    docs = []
    with open(ROOT / "gold" / "gold.jsonl", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            rec = json.loads(line)
            docs.append(Document(f"gold-{n}", rec["text"], date.fromisoformat(rec["date"])))
    return docs


def demo_documents() -> list[Document]:
    path = ROOT / "src" / "communique" / "cli" / "demo" / "korea_2016_2018.jsonl"
    with open(path, encoding="utf-8") as fh:
        return [Document(r["id"], r["text"], date.fromisoformat(r["date"]))
                for r in map(json.loads, fh)]


def key(e) -> tuple:
    return (e.doc_id, e.source.actor.code, e.target.actor.code if e.target else None,
            e.cameo, e.verb.start, e.verb.end)


def _show(k) -> str:
    return " ".join(str(x) for x in k)


def run(coder: Coder, docs: list[Document]) -> tuple[set, int, float]:
    t0 = time.perf_counter()
    events, sentences = set(), 0
    for cd in coder.code_documents(docs):
        events |= {key(e) for e in cd.events}
        sentences += cd.sentences
    return events, sentences, time.perf_counter() - t0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reuters", type=Path)
    ap.add_argument("--docs", type=int, default=1000)
    args = ap.parse_args(argv)
    corpora = {"gold": gold_documents(), "demo": demo_documents()}
    if args.reuters:
        from ingest_news import reuters_records
        corpora["reuters"] = [r.document for r in islice(reuters_records(args.reuters), args.docs)]
    full, fast = Coder(prepass=False), Coder(prepass=True)
    for name, docs in corpora.items():
        base, n, t_base = run(full, docs)
        got, n2, t_fast = run(fast, docs)
        kept = sum(p.sentences for d in docs for p in fast.prepass.plan(d.text).pieces if p.parse)
        print(f"{name:8} docs {len(docs):5}  sentences {n:6} (pre-pass count {n2})  "
              f"events {len(base):5} -> {len(got):5}  lost {len(base - got):3}  gained {len(got - base):3}  "
              f"parsed {kept / max(n2, 1):.0%}  time {t_base:6.1f}s -> {t_fast:6.1f}s")
        for k in sorted(map(_show, base - got))[:10]:
            print("   lost:", k)
        for k in sorted(map(_show, got - base))[:10]:
            print("   gained:", k)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
