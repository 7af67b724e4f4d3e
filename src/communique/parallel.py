"""Code documents on several processes, results in input order (`--workers N`)."""
from __future__ import annotations

from collections import deque
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import Iterable, Iterator

from .records import Document

_WORKER_CODER = None


def _init_worker(model: str | None, batch_size: int) -> None:
    global _WORKER_CODER  # one coder per worker process, loaded once
    from .coder import Coder
    _WORKER_CODER = Coder(model=model, batch_size=batch_size)


def _code_batch(docs: list[Document]):
    return list(_WORKER_CODER.code_documents(docs))


def code_parallel(documents: Iterable[Document], workers: int, model: str | None = None,
                  batch_size: int = 64, docs_per_task: int = 32) -> Iterator:
    """Like ``Coder.code_documents`` but spread over ``workers`` processes.

    At most ``2 * workers`` batches are in flight, so memory stays flat however long
    the input is; results come back in input order and equal a one-process run.
    """
    it = iter(documents)
    with ProcessPoolExecutor(workers, initializer=_init_worker,
                             initargs=(model, batch_size)) as pool:
        pending: deque = deque()
        while True:
            while len(pending) < 2 * workers:
                batch = list(islice(it, docs_per_task))
                if not batch:
                    break
                pending.append(pool.submit(_code_batch, batch))
            if not pending:
                return
            yield from pending.popleft().result()
