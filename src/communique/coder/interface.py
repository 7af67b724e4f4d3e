"""What every coder offers (local, process pool, Dask) and how work is handed out.

An :class:`EventCoder` has a ``version`` (stamped on its events), ``problems`` (dictionary
entries left out, as ``FILE:LINE: reason``), ``code_documents(documents, default_date)``
(one :class:`CodedDocument` per document, in input order) and ``close()``.
:func:`in_chunks` hands documents out in chunks with a bounded number in flight;
:func:`code_chunk` and :func:`results` carry a chunk to a worker's coder and back.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Protocol, TypeVar, runtime_checkable

from communique.records import Document, Event

Pending = TypeVar("Pending")
# what a worker sends back for a chunk: (index in the chunk, events, sentences) per document
Coded = list[tuple[int, list[Event], int]]


@dataclass
class CodedDocument:
    document: Document
    events: list[Event]
    sentences: int


@runtime_checkable
class EventCoder(Protocol):
    """A coder: ``Coder``, ``ParallelCoder`` (processes) or ``DaskCoder`` (a cluster)."""

    version: str
    problems: list[str]

    def code_documents(self, documents: Iterable[Document],
                       default_date: date | None = None) -> Iterator[CodedDocument]: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Description:
    """What a worker's coder reports before any coding: its version and dictionary problems."""

    version: str
    problems: list[str]


def describe(coder: EventCoder) -> Description:
    return Description(coder.version, list(coder.problems))


def in_chunks(documents: Iterable[Document], submit: Callable[[list[Document]], Pending],
              collect: Callable[[Pending], Iterable[CodedDocument]], first: int, largest: int,
              in_flight: int) -> Iterator[CodedDocument]:
    """Hand ``documents`` to ``submit`` in chunks of ``first`` documents, doubling up to
    ``largest``; once ``in_flight`` chunks are pending, the oldest is collected before the
    next is submitted. The input is read lazily and results come out in input order."""
    window: deque = deque()
    chunk: list[Document] = []
    size = max(1, min(first, largest))
    for doc in documents:
        chunk.append(doc)
        if len(chunk) >= size:
            window.append(submit(chunk))
            chunk, size = [], min(2 * size, largest)
            if len(window) >= in_flight:
                yield from collect(window.popleft())
    if chunk:
        window.append(submit(chunk))
    while window:
        yield from collect(window.popleft())


def code_chunk(coder: EventCoder, docs: list[Document], default_date: date | None) -> Coded:
    """Code a chunk in a worker; documents are named by their index in the chunk."""
    index = {id(d): i for i, d in enumerate(docs)}
    return [(index[id(c.document)], c.events, c.sentences)
            for c in coder.code_documents(docs, default_date)]


def results(docs: list[Document], coded: Coded) -> Iterator[CodedDocument]:
    """A worker's results for a chunk, carrying the caller's own Document objects."""
    for i, events, sentences in coded:
        yield CodedDocument(docs[i], events, sentences)
