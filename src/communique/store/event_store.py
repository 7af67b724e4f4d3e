"""The event store: documents, sentences, mentions and events in one DuckDB file.

Every write is one transaction holding whole documents (the document row, its minhash
signature, its evidence sentences, mentions and events), so a store killed at any moment
holds only complete documents and an ingest that is run again simply carries on.
"""
from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from communique.errors import CommuniqueError
from communique.records import Document, Event
from communique.serialize import EVENT_COLUMNS, LOCATION_FIELDS, MENTION_FIELDS, event_row
from communique.store import history, locking

SCHEMA_VERSION = "5"  # 2: events carry location_*, method and confidence; sources may be unnamed
# 3: events_history (events a re-coding replaced) and coder_versions (store/history.py)
# 4: mentions carry their actor's location_*
# 5: documents.date_defaulted (the date came from --date or today, not from the record)
# DuckDB (1.4) keeps memory for the rows written through a connection until the database is
# closed (duckdb/duckdb#15176). An ingest keeps its one connection (closing it would let another
# process take the file), so after this many written documents it makes DuckDB give the memory
# back by lowering its memory limit for a moment.
RELEASE_EVERY = 1024

_MENTION_PLACE = [f"location_{f}" for f in LOCATION_FIELDS]  # the actor's own place (schema 3)
TABLES_DDL = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY, text_hash VARCHAR NOT NULL, date DATE, title VARCHAR,
    url VARCHAR, source VARCHAR, text VARCHAR NOT NULL, origin_file VARCHAR,
    origin_line INTEGER, group_id VARCHAR NOT NULL, similarity DOUBLE, coded BOOLEAN NOT NULL,
    coder_version VARCHAR, n_sentences INTEGER, n_events INTEGER, date_defaulted BOOLEAN DEFAULT false);
CREATE TABLE IF NOT EXISTS signatures (doc_id VARCHAR NOT NULL, minhash BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS sentences (
    doc_id VARCHAR NOT NULL, sentence_index INTEGER NOT NULL, start INTEGER, "end" INTEGER,
    text VARCHAR);
CREATE TABLE IF NOT EXISTS mentions (
    event_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, role VARCHAR NOT NULL, code VARCHAR,
    country VARCHAR, sector VARCHAR, name VARCHAR, text VARCHAR, start INTEGER, "end" INTEGER,
    kind VARCHAR);
"""  # the mentions' location_* columns (schema 3) are added by _migrate, as for an older store
_PLACE_VIEW = ", ".join(f"{alias}.{c} AS {role}_{c}" for alias, role in (("s", "source"), ("t", "target"))
                        for c in _MENTION_PLACE)
VIEWS_DDL = """
CREATE OR REPLACE VIEW groups AS
    SELECT group_id, count(*) AS num_articles, greatest(count(DISTINCT source), 1) AS num_sources,
           list(DISTINCT source ORDER BY source) FILTER (WHERE source IS NOT NULL) AS sources
    FROM documents GROUP BY group_id;
CREATE OR REPLACE VIEW event_view AS
    SELECT e.*, s.text AS source_text, s.start AS source_start, s."end" AS source_end,
           t.text AS target_text, t.start AS target_start, t."end" AS target_end, {places},
           sen.text AS sentence, sen.start AS sentence_start, d.date AS doc_date, d.title, d.url,
           d.source AS publisher, d.group_id, g.num_articles, g.num_sources
    FROM events e JOIN documents d USING (doc_id) JOIN groups g ON g.group_id = d.group_id
    LEFT JOIN mentions s ON s.event_id = e.event_id AND s.role = 'source'
    LEFT JOIN mentions t ON t.event_id = e.event_id AND t.role = 'target'
    LEFT JOIN sentences sen ON sen.doc_id = e.doc_id AND sen.sentence_index = e.sentence_index;
"""


def _column_type(name: str) -> str:
    """The DuckDB type of an events column (the columns come from communique.serialize)."""
    if name in ("event_num",):
        return "BIGINT NOT NULL"
    if name in ("event_id", "doc_id"):
        return "VARCHAR NOT NULL"
    if name == "date":
        return "DATE"
    if name == "quad_class":
        return "TINYINT"
    if name in ("goldstein", "confidence") or name.endswith(("location_lat", "location_lon")):
        return "DOUBLE"
    if name == "sentence_index" or name.endswith(("_start", "_end")):
        return "INTEGER"
    if name == "method":
        return "VARCHAR DEFAULT 'dictionary'"  # events of schema 1 were all the dictionaries'
    return "VARCHAR"


# event fields kept in the mentions and sentences tables (event_view joins them back)
_ELSEWHERE = {f"{role}_{f}" for role in ("source", "target")
              for f in ("text", "start", "end", *_MENTION_PLACE)} | {"sentence", "sentence_start"}
TABLES = ("documents", "signatures", "sentences", "mentions", "events")
COLUMNS = {
    "documents": ["doc_id", "text_hash", "date", "title", "url", "source", "text", "origin_file",
                  "origin_line", "group_id", "similarity", "coded", "coder_version",
                  "n_sentences", "n_events", "date_defaulted"],
    "signatures": ["doc_id", "minhash"],
    "sentences": ["doc_id", "sentence_index", "start", "end", "text"],
    # the flat event row (communique.serialize) without mention spans and sentence text
    "events": ["event_id", "event_num", *(c for c in EVENT_COLUMNS[1:] if c not in _ELSEWHERE)],
    "mentions": ["event_id", "doc_id", "role", "code", "country", "sector", "name", "text",
                 "start", "end", "kind", *_MENTION_PLACE],
}
EVENTS_DDL = "CREATE TABLE IF NOT EXISTS events (" + ", ".join(
    f'"{c}" {_column_type(c)}' for c in COLUMNS["events"]) + ");"
MIGRATED = ("events", "mentions")  # tables whose new columns an upgrade adds


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def event_number(event_id: str) -> int:
    """A stable positive 63-bit integer for an event id (for layouts with numeric ids)."""
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15], 16)


@dataclass
class StoredDocument:
    """What is written for one document."""

    document: Document
    origin_file: str
    origin_line: int
    group_id: str
    similarity: float
    minhash: bytes
    coded: bool
    coder_version: str | None = None
    events: list[Event] = field(default_factory=list)
    n_sentences: int | None = None
    date_defaulted: bool = False  # the date is --date's or the day of the ingest


@dataclass(frozen=True)
class Known:
    """What the store holds for a document id (see EventStore.lookup)."""

    text_hash: str
    date_defaulted: bool
    coded: bool


@dataclass
class Batch:
    """Rows for one transaction, table by table."""

    rows: dict[str, list[tuple]] = field(default_factory=lambda: {t: [] for t in TABLES})
    documents: int = 0
    # stored documents given a date at last: doc_id -> (date, coder_version, n_sentences, n_events)
    redated: dict[str, tuple] = field(default_factory=dict)

    def add(self, sd: StoredDocument) -> None:
        d = sd.document
        self.rows["documents"].append((
            d.id, text_hash(d.text), d.date, d.title, d.url, d.source, d.text, sd.origin_file,
            sd.origin_line, sd.group_id, sd.similarity, sd.coded, sd.coder_version,
            sd.n_sentences, len(sd.events) if sd.coded else None, sd.date_defaulted))
        self.rows["signatures"].append((d.id, sd.minhash))
        self.add_events(d.id, sd.events)
        self.documents += 1

    def redate(self, sd: StoredDocument) -> None:
        """A stored document whose date was defaulted, now dated: its new date and events."""
        self.redated[sd.document.id] = (sd.document.date, sd.coder_version, sd.n_sentences,
                                        len(sd.events) if sd.coded else None)
        self.add_events(sd.document.id, sd.events)

    def add_events(self, doc_id: str, events: list[Event]) -> None:
        """Events as the flat rows of communique.serialize: the events table takes the
        event columns, mentions the source/target fields, sentences the evidence."""
        seen: set[int] = set()
        for e in events:
            row = event_row(e)
            row.update(doc_id=doc_id, event_num=event_number(e.event_id))
            if e.sentence_index not in seen:
                seen.add(e.sentence_index)
                start = row["sentence_start"]
                self.rows["sentences"].append((doc_id, e.sentence_index, start,
                                               start + len(row["sentence"]), row["sentence"]))
            self.rows["events"].append(tuple(row[c] for c in COLUMNS["events"]))
            for role, m in (("source", e.source), ("target", e.target)):
                if m is not None:
                    self.rows["mentions"].append((e.event_id, doc_id, role,
                                                  *(row[f"{role}_{f}"] for f in MENTION_FIELDS),
                                                  m.kind, *(row[f"{role}_{c}"] for c in _MENTION_PLACE)))


class EventStore:
    """A DuckDB event store. ``EventStore(path)`` creates the file and tables if needed.

    >>> store = EventStore("events.duckdb")          # doctest: +SKIP
    >>> store.con.sql("SELECT count(*) FROM events")  # doctest: +SKIP
    """

    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        self._written = 0
        self._failed = False
        if read_only and not self.path.exists():
            raise CommuniqueError(f"no event store at {self.path} (run `communique ingest` first)")
        if not read_only:
            with self._writing("open"):
                self.con = locking.connect(self.path, read_only=False)
                self.con.execute(TABLES_DDL + EVENTS_DDL + history.HISTORY_DDL)
                self._migrate()
                self.con.execute(VIEWS_DDL.format(places=_PLACE_VIEW))
            return
        try:
            self.con = locking.connect(self.path, read_only=True)
        except locking.StoreBusy:
            raise
        except duckdb.Error as exc:
            raise CommuniqueError(f"cannot open {self.path}: {exc}") from None
        if not self._has_table("documents"):
            raise CommuniqueError(f"{self.path} is not a communique event store")
        elif self.meta("schema_version", "1") != SCHEMA_VERSION:
            raise CommuniqueError(
                f"{self.path} was written by an older communique (store schema "
                f"{self.meta('schema_version', '1')}, now {SCHEMA_VERSION}); open it once for "
                f"writing to upgrade it: communique ingest --recode --db {self.path}")

    @contextlib.contextmanager
    def _writing(self, what: str):
        """Hold the write lock; a failed write (full disk, read-only file) is a CommuniqueError
        that says the store keeps what was committed before."""
        try:
            with locking.write_lock(self.path):
                yield
        except locking.StoreBusy:
            raise
        except (duckdb.Error, OSError) as exc:
            self._failed = True
            reason = " ".join(str(exc).split())
            if what == "open":
                raise CommuniqueError(f"cannot open {self.path} for writing: {reason}") from None
            raise CommuniqueError(
                f"cannot write the store {self.path}: {reason}; it keeps every document committed "
                "before: fix this (free space, permissions) and run the same command again") from None

    def _migrate(self) -> None:
        """Bring an older store up to SCHEMA_VERSION: add the columns it lacks (the data
        stays; new columns are empty, ``method`` is "dictionary", ``date_defaulted`` false)."""
        added = {table: {c: _column_type(c) for c in COLUMNS[table]} for table in MIGRATED}
        added["documents"] = {"date_defaulted": "BOOLEAN DEFAULT false"}
        for table, extra in added.items():
            have = {r[0] for r in self.con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]).fetchall()}
            for column, kind in extra.items():
                if column not in have:
                    self.con.execute(f'ALTER TABLE {table} ADD COLUMN "{column}" {kind}')
        if self.meta("schema_version") != SCHEMA_VERSION:
            self.set_meta("schema_version", SCHEMA_VERSION)

    def _has_table(self, name: str) -> bool:
        return bool(self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]).fetchone()[0])

    def close(self) -> None:
        if self.read_only:
            self.con.close()
            return
        if self._failed:  # the write's error is the one to report; the file keeps what was committed
            with contextlib.suppress(duckdb.Error, OSError):
                self.con.close()
            return
        with self._writing("close"):  # closing checkpoints: the file changes
            self.con.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- metadata ---------------------------------------------------------------------
    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        self.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    # -- reading state for an ingest ------------------------------------------------------
    def known_documents(self) -> dict[str, str]:
        """doc_id -> text hash of every stored document."""
        return dict(self.con.execute("SELECT doc_id, text_hash FROM documents").fetchall())

    def lookup(self, ids: list[str]) -> dict[str, Known]:
        """What the store holds for these ids (those it has), in one query."""
        rows = self.con.execute(
            "SELECT doc_id, text_hash, coalesce(date_defaulted, false), coded FROM documents "
            "WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [list(ids)]).fetchall()
        return {r[0]: Known(r[1], r[2], r[3]) for r in rows}

    def group_heads(self, days: list | None = None) -> Iterator[tuple[str, bytes, object]]:
        """(doc_id, minhash, date) of every group head (of the documents dated ``days``)."""
        where = "d.group_id = d.doc_id"
        params: list = []
        if days is not None:
            where += " AND d.date IN (SELECT unnest(?::DATE[]))"
            params = [list(days)]
        cur = self.con.execute(
            "SELECT s.doc_id, s.minhash, d.date FROM signatures s JOIN documents d USING (doc_id) "
            f"WHERE {where} ORDER BY s.doc_id", params)
        while rows := cur.fetchmany(10_000):
            yield from rows

    def stale_documents(self, version: str, limit: int) -> list[Document]:
        """Up to ``limit`` coded documents whose events come from another coder version."""
        rows = self.con.execute(
            "SELECT doc_id, text, date, title, url, source FROM documents WHERE coded AND "
            "coder_version IS DISTINCT FROM ? ORDER BY doc_id LIMIT ?", [version, limit]).fetchall()
        return [Document(*r) for r in rows]

    def count_stale(self, version: str) -> int:
        return self.con.execute("SELECT count(*) FROM documents WHERE coded AND "
                                "coder_version IS DISTINCT FROM ?", [version]).fetchone()[0]

    # -- writing ------------------------------------------------------------------------
    def write(self, batch: Batch, replace_events_of: list[str] | None = None,
              versions: dict[str, tuple[str, int | None, int]] | None = None) -> None:
        """Write a batch in one transaction.

        ``replace_events_of``: documents whose sentences/mentions/events are deleted first
        (re-coding; the events that change are kept in events_history); ``versions``:
        doc_id -> (coder_version, n_sentences, n_events) updates.
        """
        with self._writing("write"):
            self._write(batch, list(replace_events_of or ()) + list(batch.redated), versions)
        self._written += batch.documents + len(replace_events_of or ()) + len(batch.redated)
        if self._written >= RELEASE_EVERY:
            self._written = 0
            self._release_memory()

    def _write(self, batch: Batch, replace_events_of: list[str],
               versions: dict[str, tuple[str, int | None, int]] | None) -> None:
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            if replace_events_of:
                con.register("_replace", pd.DataFrame({"doc_id": replace_events_of}))
                history.before(con)
                for table in ("sentences", "mentions", "events"):
                    con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM _replace)")
            for table in TABLES:
                rows = batch.rows[table]
                if rows:
                    df = pd.DataFrame.from_records(rows, columns=COLUMNS[table])
                    con.register("_batch", df)
                    cols = ", ".join(f'"{c}"' for c in COLUMNS[table])
                    con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _batch")
                    con.unregister("_batch")
            for doc_id, (version, n_sent, n_events) in (versions or {}).items():
                con.execute("UPDATE documents SET coder_version = ?, n_sentences = ?, n_events = ? "
                            "WHERE doc_id = ?", [version, n_sent, n_events, doc_id])
            if replace_events_of:
                history.after(con)
                con.unregister("_replace")
            for doc_id, (day, version, n_sent, n_events) in batch.redated.items():
                con.execute("UPDATE documents SET date = ?, date_defaulted = false, coder_version = ?, "
                            "n_sentences = ?, n_events = ? WHERE doc_id = ?",
                            [day, version, n_sent, n_events, doc_id])
            con.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(duckdb.Error):
                con.execute("ROLLBACK")
            raise

    def _release_memory(self) -> None:
        """Make DuckDB evict and free what it keeps of the rows written (see RELEASE_EVERY)."""
        with contextlib.suppress(duckdb.Error):
            self.con.execute("SET memory_limit = '64MB'")
            self.con.execute("RESET memory_limit")

    # -- inspection -----------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        out = {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        row = self.con.execute(
            "SELECT count(*) FILTER (WHERE num_articles > 1), "
            "coalesce(sum(num_articles - 1), 0) FROM groups").fetchone()
        out["duplicate_groups"], out["duplicates"] = int(row[0]), int(row[1])
        out["coded_documents"] = self.con.execute(
            "SELECT count(*) FROM documents WHERE coded").fetchone()[0]
        return out

    def versions(self) -> list[tuple[str | None, int]]:
        return self.con.execute("SELECT coder_version, count(*) FROM documents WHERE coded "
                                "GROUP BY ALL ORDER BY 1").fetchall()

    def dump(self) -> dict[str, list[tuple]]:
        """Every table's rows in a canonical order (for comparing two stores)."""
        out = {}
        for table in ("meta", *TABLES):
            cols = ", ".join(f'"{c}"' for c in (COLUMNS.get(table) or ["key", "value"]))
            out[table] = self.con.execute(f"SELECT {cols} FROM {table} ORDER BY ALL").fetchall()
        return out
