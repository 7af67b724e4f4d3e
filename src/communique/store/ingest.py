"""Ingest: read -> deduplicate -> code -> store, in input order, committed in batches.

Resumable by construction: documents are written in input order in whole-document
transactions, documents already in the store are skipped, and duplicate decisions depend
only on what came before. Killing an ingest and running it again therefore ends with the
same store as one uninterrupted run.
"""
from __future__ import annotations

import contextlib
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import islice
from typing import Protocol

from communique.errors import CommuniqueError
from communique.readers import Problem, Record
from communique.records import Document
from communique.store.dedupe import NUM_PERM, SHINGLE, THRESHOLD, Deduper, dedupe_text
from communique.store.event_store import Batch, EventStore, Known, StoredDocument, text_hash


class Progress(Protocol):
    """What the ingest loop reports to (the CLI draws it): counts of records read, documents
    stored, events and sentences coded."""

    def advance(self, read: int = 0, done: int = 0, events: int = 0, sentences: int = 0) -> None: ...


class _Silent:
    def advance(self, read: int = 0, done: int = 0, events: int = 0, sentences: int = 0) -> None:
        pass


@dataclass
class IngestOptions:
    """``dedupe_window``: compare a document only with the groups of the documents dated within
    that many days (and keep only those in memory); None compares with every group."""

    keep_duplicates: bool = False
    threshold: float = THRESHOLD
    commit_every: int = 256
    default_date: date | None = None
    dedupe_window: int | None = None
    lookup_every: int = 1024  # records whose ids are checked against the store in one query

    def __post_init__(self) -> None:
        for name in ("commit_every", "lookup_every"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, not {getattr(self, name)}")
        if self.dedupe_window is not None and self.dedupe_window < 0:
            raise ValueError(f"dedupe_window must be 0 days or more, not {self.dedupe_window}")


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
    undated: int = 0         # documents coded as of today (no date, no --date)
    redated: int = 0         # stored documents coded as of today, now dated and re-coded
    seconds: float = 0.0


@dataclass
class _Pending:
    record: Record
    group_id: str
    similarity: float
    minhash: bytes
    code: bool
    redate: bool = False


def open_deduper(store: EventStore, threshold: float, window: int | None = None) -> Deduper:
    """A deduper over the group heads in the store: all of them at once, or (with a window
    in days) those of the days the documents need, read from the store as they come."""
    num_perm = int(store.meta("num_perm") or NUM_PERM)
    shingle = int(store.meta("shingle") or SHINGLE)
    for key, value in (("num_perm", num_perm), ("shingle", shingle)):
        if store.meta(key) != str(value):
            store.set_meta(key, str(value))
    if window is not None:
        return Deduper(threshold=threshold, num_perm=num_perm, shingle=shingle, window=window,
                       loader=store.group_heads)
    d = Deduper(threshold=threshold, num_perm=num_perm, shingle=shingle)
    for doc_id, sig, _ in store.group_heads():
        d.add_head(doc_id, sig)
    return d


def _chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    it = iter(records)
    while chunk := list(islice(it, size)):
        yield chunk


def closing(results: Iterable) -> contextlib.closing | contextlib.nullcontext:
    """The coder's results, closed as soon as the loop over them ends, also by an error: a
    coder left suspended mid-batch would end its spaCy memory zone at some later moment,
    inside another run's (spaCy then finds its vocabulary out of step)."""
    return contextlib.closing(results) if hasattr(results, "close") else contextlib.nullcontext(results)


def ingest(store: EventStore, records: Iterable[Record], coder, options: IngestOptions,
           progress: Progress | None = None) -> IngestReport:
    """Code and store new documents from ``records``; returns what happened.

    Ids are checked against the store ``options.lookup_every`` records at a time, so memory
    does not grow with the store. A document without a date is coded as of ``default_date``
    or, without one, today (and marked so: ``documents.date_defaulted``); such a stored
    document that comes again with a date is re-dated and re-coded."""
    report = IngestReport()
    progress = progress or _Silent()
    started = time.monotonic()
    today = date.today()
    deduper = open_deduper(store, options.threshold, options.dedupe_window)
    pending: deque[_Pending] = deque()
    fresh: dict[str, Known] = {}   # ids taken in this run that a lookup may not have seen stored
    flushed: list[str] = []        # ids written since the last lookup
    run_ids: set[int] = set()      # hashes of the ids stored in this run (repeated vs already)

    def feed() -> Iterator[Document]:
        for chunk in _chunks(records, options.lookup_every):
            stored = store.lookup([rec.document.id for rec in chunk])
            for doc_id in flushed:  # in the store now: the lookups from here on find them
                fresh.pop(doc_id, None)
            flushed.clear()
            for rec in chunk:
                yield from admit(rec, stored)

    def admit(rec: Record, stored: dict[str, Known]) -> Iterator[Document]:
        report.read += 1
        progress.advance(read=1)
        defaulted = rec.date_defaulted and options.default_date is None
        if defaulted:
            rec = replace(rec, document=replace(rec.document, date=today))
        doc = rec.document
        h = text_hash(doc.text)
        known = fresh.get(doc.id) or stored.get(doc.id)
        again = hash(doc.id) in run_ids  # stored (or re-dated) earlier in this run
        if known is not None and known.text_hash != h:
            report.conflicts.append(Problem(rec.file, rec.line, f"id {doc.id!r} already used for a different text"))
            return
        if known is not None and (again or defaulted or not known.date_defaulted):
            report.repeated += again
            report.already += not again
            return
        fresh[doc.id] = Known(h, defaulted, True)
        run_ids.add(hash(doc.id))
        if known is not None:  # stored as of the day of its ingest; now it has a date
            pending.append(_Pending(rec, "", 0.0, b"", known.coded, redate=True))
            if known.coded:
                yield doc
            return
        sig = deduper.signature(dedupe_text(doc.title, doc.text))
        a = deduper.assign(doc.id, sig, doc.date)
        code = options.keep_duplicates or a.is_head(doc.id)
        pending.append(_Pending(rec, a.group_id, a.similarity, deduper.to_bytes(sig), code))
        if code:
            yield doc

    batch = Batch()
    heads: list[date | None] = []  # days of the group heads in the batch

    def flush(force: bool = False) -> None:
        nonlocal batch
        size = batch.documents + len(batch.redated)
        if size and (force or size >= options.commit_every):
            store.write(batch)
            flushed.extend(batch.redated)
            flushed.extend(row[0] for row in batch.rows["documents"])
            for day in heads:
                deduper.saved(day)
            heads.clear()
            report.stored += batch.documents
            progress.advance(done=size)
            batch = Batch()

    def put(p: _Pending, coded=None) -> None:
        doc = p.record.document
        defaulted = p.record.date_defaulted and options.default_date is None
        sd = StoredDocument(doc, p.record.file, p.record.line, p.group_id, p.similarity,
                            p.minhash, coded=p.code, date_defaulted=defaulted)
        if p.code:
            if coded is None:
                raise CommuniqueError(f"the coder returned no result for document {doc.id!r} "
                                      f"({p.record.file}:{p.record.line}); it was not stored")
            sd.coder_version = coder.version
            sd.events, sd.n_sentences = coded.events, coded.sentences
            report.coded += 1
            report.events += len(sd.events)
            report.sentences += sd.n_sentences
            progress.advance(events=len(sd.events), sentences=sd.n_sentences)
            report.undated += defaulted
        if p.redate:
            report.redated += 1
            batch.redate(sd)
        else:
            if p.group_id != doc.id:
                report.duplicates += 1
            else:
                heads.append(doc.date)
            batch.add(sd)
        flush()

    with closing(coder.code_documents(feed(), options.default_date)) as results:
        for coded in results:
            while pending and pending[0].record.document is not coded.document:
                put(pending.popleft())  # an uncoded duplicate (a document to code is an error)
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
        with closing(coder.code_documents(docs, default_date)) as results:
            for coded in results:
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
