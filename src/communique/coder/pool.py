"""A coder backed by several worker processes, for `communique code/ingest --workers N`.

``ParallelCoder`` is an :class:`~communique.coder.interface.EventCoder` like
:class:`~communique.coder.core.Coder`, so the CLI and the ingest pipeline (and re-coding) use
either. Each worker loads its own coder (spaCy model and dictionaries) and reports its
version and dictionary problems. Documents are sent in chunks (16 documents, doubling up to
``chunk``: big chunks make big parser batches), at most ``2 * workers`` chunks are in
flight, and the input is read lazily in the calling thread, as with a single coder.
Results come back in input order and carry the caller's own ``Document`` objects.
"""
from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator
from datetime import date

from communique.coder.interface import (
    Coded,
    CodedDocument,
    Description,
    EventCoder,
    code_chunk,
    describe,
    in_chunks,
    results,
)
from communique.records import Document

FIRST_CHUNK = 16

# The coder of *this worker process*, set once by the pool initializer (never in the parent),
# or the error that kept it from loading (an initializer that raised would be restarted
# by the pool for ever: the error is raised by the first task instead).
_worker_coder = None
_worker_error: Exception | None = None


def _init(model: str | None, batch_size: int, options: dict) -> None:
    global _worker_coder, _worker_error
    from communique.coder.core import Coder
    try:
        _worker_coder = Coder(model=model, batch_size=batch_size, **options)
    except Exception as exc:  # noqa: BLE001  (re-raised in the parent by the first task)
        _worker_error = exc


def _describe() -> Description:
    if _worker_error is not None:
        raise _worker_error
    return describe(_worker_coder)


def _code(docs: list[Document], default_date: date | None) -> Coded:
    return code_chunk(_worker_coder, docs, default_date)


class ParallelCoder:
    """A coder that spreads documents over ``workers`` processes; ``options`` go to each
    worker's :class:`~communique.coder.core.Coder` (prepass, dictionaries, ...)."""

    def __init__(self, workers: int = 2, model: str | None = None, batch_size: int = 64,
                 chunk: int = 256, **options):
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.workers, self.chunk = workers, chunk
        self._pool = mp.get_context("spawn").Pool(workers, _init, (model, batch_size, options))
        try:
            described: Description = self._pool.apply(_describe)
        except BaseException:
            self._pool.terminate()
            raise
        self.version: str = described.version
        self.problems: list[str] = described.problems

    def code_documents(self, documents: Iterable[Document],
                       default_date: date | None = None) -> Iterator[CodedDocument]:
        def submit(docs: list[Document]):
            return docs, self._pool.apply_async(_code, (docs, default_date))

        def collect(pending) -> Iterator[CodedDocument]:
            docs, result = pending
            return results(docs, result.get())

        return in_chunks(documents, submit, collect, FIRST_CHUNK, self.chunk, 2 * self.workers)

    def close(self) -> None:
        self._pool.close()
        self._pool.join()

    def __enter__(self) -> ParallelCoder:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def make_coder(workers: int = 1, model: str | None = None, batch_size: int = 64,
               **options) -> EventCoder:
    """A plain :class:`Coder` for one worker, a :class:`ParallelCoder` for more.
    ``options`` go to :class:`Coder` (prepass, dictionaries, only_dictionaries, unnamed_agents)."""
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if workers == 1:
        from communique.coder.core import Coder
        return Coder(model=model, batch_size=batch_size, **options)
    return ParallelCoder(workers, model=model, batch_size=batch_size, **options)
