"""`communique train`: collect the examples, fit the model, write the shipped file.

Labels: ConfliBERT's five-way classes (every cameo_class sentence is an event for the
gate), the CAMEO manual's examples (class and root), the roots of the dictionary's events on
the news corpora (weak labels for the root and gate heads) and, as the gates' negatives, a
seeded sample of news sentences that hold an actor but no dictionary event.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from communique.events.learned.classes import CLASS_OF_ROOT
from communique.learn import collect, corpora
from communique.learn.collect import Example
from communique.learn.fit import TrainingSet, arrays, fit, write
from communique.records import Document

SOURCES = {
    "conflibert/data/cameo_class/train.tsv": "ConfliBERT cameo_class, GPL-3.0 annotations",
    "cameo-reference/andybega-icews/cameo-codes.csv": "CAMEO manual examples (ICEWS code table), MIT",
    "news": "dictionary events on shared news corpora (research use): weak labels",
}


@dataclass
class Collected:
    labelled: list[tuple[Example | None, int]]  # per cameo_class line: its example, its class
    manual: list[tuple[Example, str]]  # CAMEO manual example, its root
    news: list[Example]


def collect_all(root: Path, per_corpus: int = 3000, cache: Path | None = None, say=print) -> Collected:
    """Examples of every training sentence, from ``cache`` (JSON lines) when it is there."""
    if cache is not None and cache.is_file():
        examples = collect.load(cache)
        say(f"examples read from {cache}")
    else:
        t0 = time.perf_counter()
        coder, rec = collect.make_coder(prepass=False)  # labelled sentences: every one parsed
        cls = corpora.class_sentences(root)
        examples = collect.record(coder, rec, [("cameo_class", Document(f"class-{i}", t))
                                               for i, (t, _) in enumerate(cls)], corpora.DAY)
        examples += collect.record(coder, rec, [("manual", Document(f"manual-{i}", t))
                                                for i, (t, _) in enumerate(corpora.manual_examples(root))],
                                   corpora.DAY)
        say(f"labelled sentences parsed in {time.perf_counter() - t0:.0f}s")
        coder, rec = collect.make_coder(prepass=True)  # news as in production: the pre-pass on
        examples += collect.record(coder, rec, corpora.news_documents(root, per_corpus), corpora.DAY)
        say(f"{len(examples)} sentences collected in {time.perf_counter() - t0:.0f}s")
        if cache is not None:
            collect.save(examples, cache)
    labelled = collect.longest_per_document([e for e in examples if e.corpus == "cameo_class"])
    manual = collect.longest_per_document([e for e in examples if e.corpus == "manual"])
    cls, man = corpora.class_sentences(root), corpora.manual_examples(root)
    return Collected([(labelled.get(f"class-{i}"), k) for i, (_, k) in enumerate(cls)],
                     [(manual[f"manual-{i}"], r) for i, (_, r) in enumerate(man) if f"manual-{i}" in manual],
                     [e for e in examples if e.corpus not in ("cameo_class", "manual")])


def _norm(text: str) -> str:
    return " ".join(text.split())


def _held(text: str, held: list[str]) -> bool:
    return any(text in h or h in text for h in held)


def training_set(col: Collected, negatives: int = 12000, exclude=frozenset(), held_out=(),
                 seed: int = 0) -> TrainingSet:
    """The heads' training rows; ``exclude``: cameo_class lines left out (a CV test fold);
    ``held_out``: texts whose sentences are left out of the news (a gold file)."""
    data = TrainingSet()
    add = lambda ex: data.sentence({"word": ex.word, "parse": ex.parse})  # noqa: E731
    for i, (ex, klass) in enumerate(col.labelled):
        if ex is None or i in exclude:
            continue
        row = add(ex)
        data.heads["penta"].add(row, str(klass))
        for h in ("gate", "pregate"):
            data.heads[h].add(row, "1")
        agreeing = next((r for r in ex.roots if CLASS_OF_ROOT[r] == klass), None)
        if agreeing:  # a dictionary root that agrees with the gold class
            data.heads["root"].add(row, agreeing)
    for ex, root in col.manual:
        row = add(ex)
        data.heads["penta"].add(row, str(CLASS_OF_ROOT[root]))
        data.heads["root"].add(row, root)
    held = [_norm(t) for t in held_out]
    news = [e for e in col.news if not _held(_norm(e.text), held)] if held else col.news
    pos = [e for e in news if e.roots]
    neg = [e for e in news if not e.roots and e.has_actor]
    if negatives < len(neg):
        neg = [neg[i] for i in sorted(np.random.default_rng(seed).choice(len(neg), negatives, replace=False))]
    for ex in pos:
        row = add(ex)
        data.heads["root"].add(row, ex.roots[0])
        for h in ("gate", "pregate"):
            data.heads[h].add(row, "1")
    for ex in neg:
        row = add(ex)
        for h in ("gate", "pregate"):
            data.heads[h].add(row, "0")
    data.meta = {"sentences": len(data.terms), "rows": {h: len(d.rows) for h, d in data.heads.items()},
                 "news_events": len(pos), "negatives": len(neg), "held_out_news": len(col.news) - len(news),
                 "sources": SOURCES}
    return data


def train(root: Path, out: Path, per_corpus: int = 3000, negatives: int = 12000,
          cache: Path | None = None, held_out=(), say=print) -> dict:
    """Train on the shared data under ``root`` and write the model to ``out``; the figures."""
    col = collect_all(root, per_corpus, cache, say)
    t0 = time.perf_counter()
    data = training_set(col, negatives, held_out=held_out)
    fitted = fit(data)
    named = arrays(fitted, {**data.meta, "per_corpus": per_corpus})
    write(named, out)
    say(f"fitted in {time.perf_counter() - t0:.0f}s; {out}: {out.stat().st_size / 1e6:.2f} MB")
    return {"fit_seconds": time.perf_counter() - t0, "bytes": out.stat().st_size, **data.meta,
            "reader_difference": reader_difference(fitted, out, data)}


def reader_difference(fitted, path: Path, data: TrainingSet, n: int = 300) -> dict[str, float]:
    """Largest |P(scikit-learn) - P(numpy reader)| per head on the first ``n`` sentences."""
    from communique.events.learned.reader import EventModel

    model = EventModel.load(path)
    terms = data.terms[:n]
    out = {}
    for head, clf in fitted.classifiers.items():
        ref = fitted.proba(head, terms)
        labels = [str(c) for c in clf.classes_]
        got = np.array([[model.proba(head, model.vectors(t))[lab] for lab in labels] for t in terms])
        out[head] = float(np.abs(ref - got).max())
    return out
