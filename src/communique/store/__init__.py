"""store: the DuckDB event store (:class:`EventStore`), near-duplicate detection (dedupe) and
the ingest loop that reads, deduplicates, codes and writes in whole-document transactions
(:func:`ingest`, :func:`recode`)."""
from communique.store.event_store import Batch, EventStore, StoredDocument
from communique.store.ingest import IngestOptions, IngestReport, ingest, recode

__all__ = ["Batch", "EventStore", "IngestOptions", "IngestReport", "StoredDocument", "ingest", "recode"]
