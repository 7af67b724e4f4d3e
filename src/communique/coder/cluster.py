"""Coding on a Dask distributed cluster, for `communique ingest --scheduler/--dask-local`.

Only coding is distributed. The client (the process running ``ingest``) reads the inputs,
quarantines bad records, skips stored documents, deduplicates and writes the store exactly
as a local ingest does. ``DaskCoder`` is an :class:`~communique.coder.interface.EventCoder`
like :class:`~communique.coder.core.Coder`: the documents to code are cut into partitions,
each partition is one task that a worker codes with its own Coder (loaded once per worker
process, with the client's options: model, batch size, dictionaries ...) and whose events
come back to the client. At most two partitions per worker thread are in
flight and results are taken in input order, so the client's memory stays flat and it
writes the store in input order: the store ends as after a local run.
"""
from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

from communique.coder.interface import (
    Coded,
    CodedDocument,
    Description,
    code_chunk,
    describe,
    in_chunks,
    results,
)
from communique.errors import CommuniqueError
from communique.records import Document

PARTITION = 128

# The coders of *this worker process*, by (model, batch_size, options); the lock also keeps
# a worker started with several threads from running one coder in two threads at once.
_coders: dict[tuple[str | None, int, str], object] = {}
_lock = threading.Lock()


def _coder(model: str | None, batch_size: int, options: dict):
    key = (model, batch_size, json.dumps(options, sort_keys=True))
    if key not in _coders:
        from communique.coder.core import Coder
        _coders[key] = Coder(model=model, batch_size=batch_size, **options)
    return _coders[key]


def worker_description(model: str | None, batch_size: int, options: dict) -> Description:
    """Load the worker's coder (once) and return its version and dictionary problems."""
    with _lock:
        return describe(_coder(model, batch_size, options))


def code_partition(docs: list[Document], default_date: date | None, model: str | None,
                   batch_size: int, options: dict) -> tuple[str, str, Coded]:
    """A task: (coder version, worker address, [(index in docs, events, sentences)])."""
    from distributed import get_worker

    with _lock:
        coder = _coder(model, batch_size, options)
        coded = code_chunk(coder, docs, default_date)
    return coder.version, get_worker().address, coded


_NO_PARSER = object()


def local_version(model: str | None = None, **options) -> str:
    """The version this process would stamp on events; reads the dictionaries, not the model."""
    from communique.coder.core import Coder
    return Coder(model=model, nlp=_NO_PARSER, **options).version


def portable(options: dict) -> dict:
    """Coder options as sent to the workers: dictionary paths made absolute."""
    out = dict(options)
    if out.get("dictionaries"):
        out["dictionaries"] = [str(Path(p).resolve()) for p in out["dictionaries"]]
    return out


class DaskCoder:
    """A coder that codes partitions of documents on a Dask cluster.

    ``DaskCoder(scheduler="tcp://host:8786")`` connects to a running cluster;
    ``DaskCoder(local_workers=2)`` starts a local one (closed by :meth:`close`). ``options``
    go to every worker's Coder (prepass, dictionaries, only_dictionaries, unnamed_agents);
    dictionary files must exist on the workers at the same absolute paths.
    """

    def __init__(self, scheduler: str | None = None, local_workers: int = 0,
                 model: str | None = None, batch_size: int = 64, partition: int = PARTITION,
                 timeout: float = 60, **options):
        if bool(scheduler) == bool(local_workers):
            raise ValueError("give either scheduler or local_workers")
        if partition < 1:
            raise CommuniqueError("--partition-size must be at least 1")
        from distributed import Client, LocalCluster

        self.model, self.batch_size, self.partition = model, batch_size, partition
        self.options = portable(options)
        self.problems: list[str] = []
        self.workers_used: set[str] = set()
        self.cluster = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout=timeout)
            except (OSError, ValueError) as exc:
                raise CommuniqueError(f"cannot connect to the Dask scheduler at {scheduler}: "
                                      f"{exc}") from None
        else:
            self.cluster = LocalCluster(n_workers=local_workers, threads_per_worker=1,
                                        processes=True, host="127.0.0.1", dashboard_address=None)
            self.client = Client(self.cluster)
        try:
            self.version, self.problems = self._check_workers(timeout)
        except BaseException:
            self.close()
            raise

    def _check_workers(self, timeout: float) -> tuple[str, list[str]]:
        try:
            self.client.wait_for_workers(1, timeout=timeout)
        except TimeoutError:
            raise CommuniqueError(
                f"no Dask worker joined the scheduler within {timeout:g} s") from None
        with ThreadPoolExecutor(1) as pool:
            own = pool.submit(local_version, self.model, **self.options)
            try:
                theirs = self.client.run(worker_description, self.model, self.batch_size,
                                         self.options)
            except Exception as exc:
                raise CommuniqueError(f"a Dask worker cannot load the coder: "
                                      f"{type(exc).__name__}: {exc}") from None
            mine = own.result()
        other = {w: d.version for w, d in theirs.items() if d.version != mine}
        if other:
            raise CommuniqueError(
                f"Dask workers run another coder version than this client ({mine}): "
                + ", ".join(f"{w} has {v}" for w, v in sorted(other.items()))
                + "; install the same communique version and dictionaries everywhere")
        return mine, theirs[min(theirs)].problems

    def code_documents(self, documents: Iterable[Document],
                       default_date: date | None = None) -> Iterator[CodedDocument]:
        limit = max(2, 2 * sum(self.client.nthreads().values()))

        def submit(docs: list[Document]):
            return docs, self.client.submit(code_partition, docs, default_date, self.model,
                                            self.batch_size, self.options, pure=False)

        def collect(pending) -> Iterator[CodedDocument]:
            docs, future = pending
            version, worker, coded = future.result()
            future.release()
            if version != self.version:
                raise CommuniqueError(f"Dask worker {worker} codes with {version}, "
                                      f"not {self.version}")
            self.workers_used.add(worker)
            return results(docs, coded)

        return in_chunks(documents, submit, collect, self.partition, self.partition, limit)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __enter__(self) -> DaskCoder:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
