"""A coder backed by several worker processes, for `communique ingest --workers N`.

``ParallelCoder`` has the ``version`` and ``code_documents`` of a :class:`~communique.coder.Coder`,
so the ingest pipeline (and re-coding) uses either. Each worker loads its own coder (spaCy
model and dictionaries). Documents are sent in chunks (16 documents, doubling up to
``chunk``: big chunks make big parser batches), at most ``2 * workers`` chunks are in
flight, and the input is read lazily in the calling thread, as with a single coder.
Results come back in input order and carry the caller's own ``Document`` objects.
"""
from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import date

from communique.coder.core import CodedDocument
from communique.records import Document, Event

# The coder of *this worker process*, set once by the pool initializer (never in the parent).
_worker_coder = None


def _init(model: str | None, batch_size: int, options: dict) -> None:
    global _worker_coder
    from communique.coder.core import Coder
    _worker_coder = Coder(model=model, batch_size=batch_size, **options)


def _version() -> str:
    return _worker_coder.version


def _problems() -> list[str]:
    return list(_worker_coder.problems)


def _code(docs: list[Document], default_date: date | None) -> list[tuple[int, list[Event], int]]:
    index = {id(d): i for i, d in enumerate(docs)}
    return [(index[id(c.document)], c.events, c.sentences)
            for c in _worker_coder.code_documents(docs, default_date)]


class ParallelCoder:
    """A coder that spreads documents over ``workers`` processes."""

    def __init__(self, workers: int = 2, model: str | None = None, batch_size: int = 64,
                 chunk: int = 256, **options):
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.workers, self.chunk = workers, chunk
        self._pool = mp.get_context("spawn").Pool(workers, _init, (model, batch_size, options))
        self.version: str = self._pool.apply(_version)
        self.problems: list[str] = self._pool.apply(_problems)  # dictionary entries left out

    def code_documents(self, documents: Iterable[Document],
                       default_date: date | None = None) -> Iterator[CodedDocument]:
        window: deque = deque()
        batch: list[Document] = []

        def finish(item) -> Iterator[CodedDocument]:
            docs, result = item
            for i, events, sentences in result.get():
                yield CodedDocument(docs[i], events, sentences)

        size = min(16, self.chunk)  # small chunks first, so every worker starts early
        for doc in documents:
            batch.append(doc)
            if len(batch) >= size:
                size = min(2 * size, self.chunk)
                window.append((batch, self._pool.apply_async(_code, (batch, default_date))))
                batch = []
                if len(window) >= 2 * self.workers:
                    yield from finish(window.popleft())
        if batch:
            window.append((batch, self._pool.apply_async(_code, (batch, default_date))))
        while window:
            yield from finish(window.popleft())

    def close(self) -> None:
        self._pool.close()
        self._pool.join()

    def __enter__(self) -> ParallelCoder:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def make_coder(workers: int = 1, model: str | None = None, batch_size: int = 64, **options):
    """A plain :class:`Coder` for one worker, a :class:`ParallelCoder` for more.
    ``options`` go to :class:`Coder` (prepass, dictionaries, only_dictionaries)."""
    if workers <= 1:
        from communique.coder.core import Coder
        return Coder(model=model, batch_size=batch_size, **options)
    return ParallelCoder(workers, model=model, batch_size=batch_size, **options)
