"""Shared fixtures: one spaCy pipeline and one default coder for the whole session, paths
of the bundled data, and a small hand-made event store (no coder needed)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from communique.records import Actor, Document, Event, Mention, Span
from communique.store.dedupe import Deduper
from communique.store.event_store import Batch, EventStore, StoredDocument

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "gold" / "gold.jsonl"
DEMO = ROOT / "src" / "communique" / "cli" / "demo" / "korea_2016_2018.jsonl"
SHARED = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline (with the entity recogniser loaded but not run, as a default Coder
    loads it), loaded once; coders built in tests share it."""
    from communique.nlp.pipeline import load_model
    return load_model(ner=True)


@pytest.fixture(scope="session")
def coder(nlp):
    from communique.coder.core import Coder
    return Coder(nlp=nlp)


@pytest.fixture(scope="session")
def code(coder):
    """code(text, date) -> list of (source, target, cameo) triples (None: no code)."""
    def run(text, date="2017-07-04"):
        return [(e.source_code, e.target_code, e.cameo) for e in coder.code_text(text, date=date)]
    return run


@pytest.fixture(scope="session")
def gold_path() -> Path:
    return GOLD


@pytest.fixture(scope="session")
def demo_path() -> Path:
    return DEMO


@pytest.fixture(scope="session")
def make_event():
    """make_event(doc_id, n, day, src, tgt, cameo, quad, goldstein, ...) -> a hand-made Event."""
    return event


@pytest.fixture(scope="session")
def store_builder():
    """build(path, [(document, events, group_id), ...]) -> an EventStore."""
    return build_store


@pytest.fixture(scope="session")
def sample_store_builder():
    """build(path) -> an EventStore holding :func:`sample_docs` (see its docstring)."""
    return lambda path: build_store(path, sample_docs())


# -- the hand-made store ------------------------------------------------------------------



def actor(code: str) -> Actor:
    return Actor.from_code(code, f"name of {code}")


def event(doc_id: str, n: int, day: str, src: str, tgt: str | None, cameo: str, quad: int,
          goldstein: float, plover: str | None = None, mode: str | None = None,
          sentence: str = "Somebody did something.", sentence_index: int = 0,
          sentence_start: int = 0) -> Event:
    s = Mention(actor(src), Span("Src", sentence_start, sentence_start + 3))
    t = Mention(actor(tgt), Span("Tgt", sentence_start + 8, sentence_start + 11)) if tgt else None
    return Event(
        event_id=f"{doc_id}-e{n}", doc_id=doc_id, sentence_index=sentence_index,
        date=date.fromisoformat(day), source=s, target=t, cameo=cameo, cameo_root=cameo[:2],
        quad_class=quad, goldstein=goldstein, plover_event=plover, plover_mode=mode,
        verb=Span("did", sentence_start + 4, sentence_start + 7), sentence=sentence,
        sentence_start=sentence_start, coder_version="test-1", pattern="p")


def build_store(path, docs: list[tuple[Document, list[Event], str]]) -> EventStore:
    """A store holding (document, events, group_id) triples; copies are uncoded."""
    store = EventStore(path)
    batch = Batch()
    d = Deduper()
    for doc, events, group in docs:
        head = group == doc.id
        batch.add(StoredDocument(doc, "test.jsonl", 1, group, 1.0 if head else 0.9,
                                 d.to_bytes(d.signature(doc.text)), coded=head,
                                 coder_version="test-1" if head else None,
                                 events=events if head else [], n_sentences=1 if head else None))
    store.write(batch)
    return store


def sample_docs() -> list[tuple[Document, list[Event], str]]:
    """The hand-computed case used by the analysis and export tests.

    d1 (AP, group of 1): RUSGOV->USA 112 (-2.0) on 2017-01-05; RUS->USAGOV 042 (1.9) on
        2017-01-20; RUS alone 010 (0.0).
    d2 (Reuters, group of 3 with d2b (Reuters) and d2c (AFP)): RUS->USA 190 (-10.0) and
        USA->RUS 036 (4.0) on 2017-02-03.
    d3 (no source, group of 1): CHN->USA 057 (8.0) on 2017-02-10; IGOUNO->PRK 1041 (-6.0)
        on 2017-03-01.
    """
    d1 = Document("d1", "Russia criticised the US.", date(2017, 1, 5), "T1", "http://a/1", "AP")
    d2 = Document("d2", "Russia attacked the US.", date(2017, 2, 3), "T2", None, "Reuters")
    d2b = Document("d2b", "Russia attacked the US!", date(2017, 2, 3), "T2", None, "Reuters")
    d2c = Document("d2c", "Russia attacked the US.", date(2017, 2, 4), "T2", None, "AFP")
    d3 = Document("d3", "China signed with the US.", date(2017, 2, 10), "T3", None, None)
    return [
        (d1, [event("d1", 1, "2017-01-05", "RUSGOV", "USA", "112", 3, -2.0, "ACCUSE", "disapprove",
                    sentence="Russia criticised the US."),
              event("d1", 2, "2017-01-20", "RUS", "USAGOV", "042", 1, 1.9, "CONSULT", "visit",
                    sentence_index=1, sentence_start=26),
              event("d1", 3, "2017-01-20", "RUS", None, "010", 1, 0.0, sentence_index=1,
                    sentence_start=26)], "d1"),
        (d2, [event("d2", 1, "2017-02-03", "RUS", "USA", "190", 4, -10.0, "ASSAULT", None),
              event("d2", 2, "2017-02-03", "USA", "RUS", "036", 1, 4.0, "AGREE", None)], "d2"),
        (d2b, [], "d2"),
        (d2c, [], "d2"),
        (d3, [event("d3", 1, "2017-02-10", "CHN", "USA", "057", 1, 8.0, "AGREE", None),
              event("d3", 2, "2017-03-01", "IGOUNO", "PRK", "1041", 3, -6.0, "PROTEST", None)], "d3"),
    ]
