"""Training examples made by the coder itself: every sentence it parses, with the terms the
learned layer reads at run time and the roots of the dictionary's events there.

``Recorder`` stands in for the learned layer (same ``candidate`` hook, never an event), so
the examples are built by exactly the code that builds the runtime features.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from communique.events.learned.features import ActorTypes, parse_terms, word_terms
from communique.records import Document


@dataclass
class Example:
    """One parsed sentence: its text, terms, the dictionary's roots, and where it is from."""

    doc: str
    corpus: str
    text: str
    word: list[str]
    parse: list[str]
    roots: list[str]  # roots of the dictionary's events, in verb order
    has_actor: bool


class Recorder:
    """The learned layer's hook, recording an Example per sentence."""

    def __init__(self, actors):
        self.types = ActorTypes(actors)
        self.examples: list[Example] = []
        self.names: dict[str, tuple[str, str]] = {}  # document text -> (id, corpus)

    def candidate(self, sent, ctx, events, fired=False):
        roots = [e.cameo_root for e in sorted(events, key=lambda e: e.verb.start)]
        doc, corpus = self.names.get(ctx.text, ("", ""))
        self.examples.append(Example(doc, corpus, sent.text, word_terms(sent.text),
                                     parse_terms(sent, ctx, self.types), roots,
                                     any(t.i in ctx.hits for t in sent)))
        return None


def make_coder(prepass: bool):
    """A dictionary coder with a Recorder as its learned layer."""
    from communique.coder.core import Coder
    from communique.dictionaries.actors import load_actor_dictionary

    actors = load_actor_dictionary()
    recorder = Recorder(actors)
    return Coder(actors=actors, event_model=recorder, prepass=prepass), recorder


def record(coder, recorder: Recorder, items: Iterable[tuple[str, Document]], day: date) -> list[Example]:
    """Code (corpus, document) pairs; the examples of their parsed sentences."""
    start = len(recorder.examples)
    items = list(items)
    for corpus, doc in items:
        recorder.names.setdefault(doc.text, (doc.id, corpus))
    for _ in coder.code_documents((doc for _, doc in items), day):
        pass
    recorder.names.clear()
    return recorder.examples[start:]


def longest_per_document(examples: list[Example]) -> dict[str, Example]:
    """A labelled sentence parsed as several: its longest part, with every part's roots."""
    out: dict[str, Example] = {}
    roots: dict[str, list[str]] = {}
    for ex in examples:
        roots.setdefault(ex.doc, []).extend(ex.roots)
        if ex.doc not in out or len(ex.text) > len(out[ex.doc].text):
            out[ex.doc] = ex
    return {d: Example(**{**asdict(ex), "roots": roots[d]}) for d, ex in out.items()}


def save(examples: list[Example], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for ex in examples:
            fh.write(json.dumps(asdict(ex)) + "\n")


def load(path: Path) -> list[Example]:
    with open(path, encoding="utf-8") as fh:
        return [Example(**json.loads(line)) for line in fh if line.strip()]
