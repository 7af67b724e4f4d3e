"""The pre-pass gate of the learned layer: how many more sentences get parsed, at what cost.

    .venv/bin/python benchmarks/model_prepass.py [--corpus reuters|bbc|class] [--docs N]

Plans every document with the pre-pass alone and with the learned layer's word-only gate
(a sentence with an actor but no pattern is parsed when the gate's P(event) >= 0.5), and
prints the sentences parsed each way, the sentences the gate let through and its time per
sentence asked.
"""
from __future__ import annotations

import argparse
import sys
import time
from itertools import islice
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from communique.coder.core import Coder  # noqa: E402
from communique.nlp.prepass import Prepass, lemma_exceptions  # noqa: E402
from communique.scoring.corpora import find_data_root  # noqa: E402


def texts(corpus: str, n: int) -> list[str]:
    root = find_data_root(HERE)
    if corpus == "class":
        from communique.learn.corpora import class_sentences
        return [t for t, _ in class_sentences(root)][:n]
    from ingest_news import bbc_records, reuters_records
    found = reuters_records(root / "news/reuters21578") if corpus == "reuters" else bbc_records(root / "news/bbc")
    return [r.document.text for r in islice(found, n)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", choices=("reuters", "bbc", "class"), default="reuters")
    ap.add_argument("--docs", type=int, default=19043)
    args = ap.parse_args(argv)
    coder = Coder()
    irregular = lemma_exceptions(coder.nlp)
    plain = Prepass(coder.patterns, coder.actors, coder.coref, irregular, surnames=coder.prepass.surnames)
    asked = [0]

    def gate(text: str) -> bool:
        asked[0] += 1
        return coder.learned.wants_parse(text)

    gated = Prepass(coder.patterns, coder.actors, coder.coref, irregular, surnames=coder.prepass.surnames, gate=gate)
    docs = texts(args.corpus, args.docs)
    counts = {}
    for name, pp in (("pre-pass", plain), ("pre-pass + gate", gated)):
        t0 = time.perf_counter()
        total = parsed = 0
        for text in docs:
            for piece in pp.plan(text).pieces:
                total += piece.sentences
                parsed += piece.sentences if piece.parse else 0
        counts[name] = (total, parsed, time.perf_counter() - t0)
    (total, p0, s0), (_, p1, s1) = counts["pre-pass"], counts["pre-pass + gate"]
    print(f"{args.corpus}: {len(docs)} documents, {total} sentences (pre-pass cuts)")
    print(f"  parsed by the pre-pass alone: {p0} ({p0 / total:.1%}); with the gate: {p1} ({p1 / total:.1%}); "
          f"let through by the gate: {p1 - p0} of {asked[0]} asked ({(p1 - p0) / max(asked[0], 1):.1%})")
    print(f"  planning time {s0:.1f}s alone, {s1:.1f}s with the gate: {1e6 * (s1 - s0) / max(asked[0], 1):.0f} us "
          f"per sentence asked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
