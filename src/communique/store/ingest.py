"""Ingest: read -> deduplicate -> code -> store, in input order, committed in batches.

Resumable by construction: documents are written in input order in whole-document
transactions, documents already in the store are skipped, and duplicate decisions depend
only on what came before. Killing an ingest and running it again therefore ends with the
same store as one uninterrupted run.
"""
from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from communique.readers import Problem, Record
from communique.store.dedupe import NUM_PERM, SHINGLE, THRESHOLD, Deduper, dedupe_text
from communique.store.event_store import Batch, EventStore, StoredDocument, text_hash


class Progress(Protocol):
    """What the ingest loop reports to (the CLI draws it): counts of records read, documents
    stored, events and sentences coded."""

    def advance(self, read: int = 0, done: int = 0, events: int = 0, sentences: int = 0) -> None: ...


class _Silent:
    def advance(self, read: int = 0, done: int = 0, events: int = 0, sentences: int = 0) -> None:
        pass


@dataclass
class IngestOptions:
    keep_duplicates: bool = False
    threshold: float = THRESHOLD
    commit_every: int = 256
    default_date: date | None = None


@dataclass
class IngestReport:
    read: int = 0            # records read
    already: int = 0         # skipped: already in the store (same id and text)
    repeated: int = 0        # skipped: same id and text earlier in this input
    conflicts: list[Problem] = field(default_factory=list)  # same id, different text
    stored: int = 0          # documents written
    coded: int = 0           # documents coded
    duplicates: int = 0      # documents that joined an existing group
    events: int = 0
    sentences: int = 0
    recoded: int = 0
    undated: int = 0
    seconds: float = 0.0


@dataclass
class _Pending:
    record: Record
    group_id: str
    similarity: float
    minhash: bytes
    code: bool


def open_deduper(store: EventStore, threshold: float) -> Deduper:
    """A deduper holding every group head already in the store."""
    num_perm = int(store.meta("num_perm") or NUM_PERM)
    shingle = int(store.meta("shingle") or SHINGLE)
    store.set_meta("num_perm", str(num_perm))
    store.set_meta("shingle", str(shingle))
    d = Deduper(threshold=threshold, num_perm=num_perm, shingle=shingle)
    for doc_id, sig in store.group_heads():
        d.add_head(doc_id, d.from_bytes(sig))
    return d


def ingest(store: EventStore, records: Iterable[Record], coder, options: IngestOptions,
           progress: Progress | None = None) -> IngestReport:
    """Code and store new documents from ``records``; returns what happened."""
    report = IngestReport()
    progress = progress or _Silent()
    started = time.monotonic()
    known = store.known_documents()
    deduper = open_deduper(store, options.threshold)
    pending: deque[_Pending] = deque()

    def feed() -> Iterator:
        for rec in records:
            report.read += 1
            progress.advance(read=1)
            doc = rec.document
            h = text_hash(doc.text)
            if doc.id in known:
                if known[doc.id] != h:
                    report.conflicts.append(Problem(rec.file, rec.line,
                                                    f"id {doc.id!r} already used for a different text"))
                elif doc.id in run_ids:
                    report.repeated += 1
                else:
                    report.already += 1
                continue
            known[doc.id] = h
            run_ids.add(doc.id)
            sig = deduper.signature(dedupe_text(doc.title, doc.text))
            a = deduper.assign(doc.id, sig)
            code = options.keep_duplicates or a.is_head(doc.id)
            pending.append(_Pending(rec, a.group_id, a.similarity, deduper.to_bytes(sig), code))
            if code:
                yield doc

    run_ids: set[str] = set()
    batch = Batch()

    def flush(force: bool = False) -> None:
        nonlocal batch
        if batch.documents and (force or batch.documents >= options.commit_every):
            store.write(batch)
            report.stored += batch.documents
            progress.advance(done=batch.documents)
            batch = Batch()

    def put(p: _Pending, coded=None) -> None:
        doc = p.record.document
        sd = StoredDocument(doc, p.record.file, p.record.line, p.group_id, p.similarity,
                            p.minhash, coded=p.code)
        if p.code:
            sd.coder_version = coder.version
            sd.events = coded.events if coded is not None else []
            sd.n_sentences = coded.sentences if coded is not None else 0
            report.coded += 1
            report.events += len(sd.events)
            report.sentences += sd.n_sentences
            progress.advance(events=len(sd.events), sentences=sd.n_sentences)
            report.undated += doc.date is None and options.default_date is None
        if p.group_id != doc.id:
            report.duplicates += 1
        batch.add(sd)
        flush()

    for coded in coder.code_documents(feed(), options.default_date):
        while pending and pending[0].record.document is not coded.document:
            p = pending.popleft()
            put(p)  # an uncoded duplicate (or a document the coder yielded nothing for)
        if pending:
            put(pending.popleft(), coded)
    while pending:
        put(pending.popleft())
    flush(force=True)
    report.seconds = time.monotonic() - started
    return report


def recode(store: EventStore, coder, batch_size: int = 256, default_date: date | None = None,
           progress: Progress | None = None) -> IngestReport:
    """Re-code every coded document whose events come from another coder version."""
    report = IngestReport()
    progress = progress or _Silent()
    started = time.monotonic()
    while docs := store.stale_documents(coder.version, batch_size):
        batch = Batch()
        versions: dict[str, tuple[str, int | None, int]] = {}
        for coded in coder.code_documents(docs, default_date):
            doc = coded.document
            batch.add_events(doc.id, coded.events)
            versions[doc.id] = (coder.version, coded.sentences, len(coded.events))
            report.events += len(coded.events)
            report.sentences += coded.sentences
            progress.advance(read=1, events=len(coded.events), sentences=coded.sentences)
        for doc in docs:  # documents the coder yielded nothing for
            versions.setdefault(doc.id, (coder.version, 0, 0))
        store.write(batch, replace_events_of=[d.id for d in docs], versions=versions)
        report.recoded += len(docs)
        progress.advance(done=len(docs))
    report.seconds = time.monotonic() - started
    return report
