"""Re-coding only what a correction can change.

A coder's *revision* is its version, its *base* (the version it would have without its
files of local rules: ``actors:`` and ``corrections:`` only, see dictionaries/corrections.py)
and the digests of those local rules with the words each needs. The store keeps the
revision of every coder that wrote to it (``coder_versions``).

Before ``ingest --recode`` re-codes the documents of another version, :func:`mark_untouched`
compares that version's revision with the new one. When the bases are equal, the two coders
differ only in the local rules that one has and the other lacks; a document that contains
the words of none of them is coded identically by both (coding is a function of the text,
its date and the dictionaries, and a local rule changes nothing where its words are
absent), so it keeps its events and is marked as coded by the new version. Every other
stale document is then re-coded as before. A version the store does not know, or another
base, means a full re-coding of its documents.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from communique import __version__
from communique.dictionaries.corrections import fold, touches
from communique.errors import CommuniqueError
from communique.store.event_store import EventStore

MARK_BATCH = 5000  # documents marked per transaction


@dataclass(frozen=True)
class Revision:
    version: str
    base: str
    rules: dict = field(default_factory=dict)  # digest -> phrase alternatives


def revision_of(coder, dictionaries: Sequence[str | Path] = (), only_dictionaries: bool = False) -> Revision:
    """The revision of ``coder`` (a Coder, or a pool or Dask coder built with these options)."""
    from communique.coder.core import Coder, fingerprint

    local = coder if isinstance(coder, Coder) else Coder(
        nlp=object(), prepass=False, dictionaries=dictionaries, only_dictionaries=only_dictionaries)
    if local.version != coder.version:
        raise CommuniqueError(f"cannot tell the coder's revision ({local.version} is not {coder.version})")
    files = local.patterns.local_files
    base = f"communique-{__version__}+d{fingerprint([s for s in local.sources if s not in files])}"
    rules = {digest: [list(a) for a in alts] for found in files.values() for digest, alts in found.items()}
    return Revision(local.version, base, rules)


def register(store: EventStore, revision: Revision) -> None:
    store.con.execute("INSERT OR IGNORE INTO coder_versions VALUES (?, ?, ?, current_timestamp)",
                      [revision.version, revision.base, json.dumps(revision.rules, sort_keys=True)])


def known(store: EventStore, version: str) -> Revision | None:
    row = store.con.execute("SELECT version, base, rules FROM coder_versions WHERE version = ?",
                            [version]).fetchone()
    return Revision(row[0], row[1], json.loads(row[2])) if row else None


@dataclass
class RecodePlan:
    """What :func:`mark_untouched` found among the stale documents."""

    marked: int = 0          # kept their events, now marked as coded by the new version
    to_recode: int = 0       # contain the words of a changed rule
    full: int = 0            # of a version with another base (or unknown): all re-coded
    changed_rules: int = 0

    def describe(self, version: str) -> str:
        if not (self.marked or self.to_recode or self.full):
            return "no documents of another coder version"
        parts = []
        if self.changed_rules or self.marked:
            parts.append(f"{self.changed_rules} local rules changed; {self.to_recode} documents contain their "
                         f"words and are re-coded, {self.marked} others keep their events (marked as {version})")
        if self.full:
            parts.append(f"{self.full} documents of another dictionary base are re-coded in full")
        return "; ".join(parts)


def mark_untouched(store: EventStore, new: Revision) -> RecodePlan:
    """Mark the stale documents no changed local rule can touch as coded by ``new``."""
    register(store, new)
    plan = RecodePlan()
    for version, count in store.versions():
        if version == new.version:
            continue
        old = known(store, version) if version else None
        if old is None and version == new.base:
            old = Revision(version, version, {})  # the same files, no local rules (hash identity)
        if old is None or old.base != new.base:
            plan.full += count
            continue
        changed = [alts for d, alts in {**old.rules, **new.rules}.items() if (d in old.rules) != (d in new.rules)]
        plan.changed_rules += len(changed)
        untouched = _untouched(store, version, changed)
        plan.to_recode += count - len(untouched)
        plan.marked += len(untouched)
        _mark(store, untouched, new.version)
    return plan


def _untouched(store: EventStore, version: str, changed: list) -> list[str]:
    cur = store.con.cursor()
    try:
        cur.execute("SELECT doc_id, text FROM documents WHERE coded AND coder_version = ? ORDER BY doc_id", [version])
        out = []
        while rows := cur.fetchmany(1000):
            for doc_id, text in rows:
                folded = fold(text) if changed else ""
                if not any(touches(alts, folded) for alts in changed):
                    out.append(doc_id)
        return out
    finally:
        cur.close()


def _mark(store: EventStore, doc_ids: list[str], version: str) -> None:
    con = store.con
    for i in range(0, len(doc_ids), MARK_BATCH):
        con.execute("BEGIN TRANSACTION")
        try:
            con.register("_marked", pd.DataFrame({"doc_id": doc_ids[i:i + MARK_BATCH]}))
            for table in ("documents", "events"):
                con.execute(f"UPDATE {table} SET coder_version = ? WHERE doc_id IN (SELECT doc_id FROM _marked)",
                            [version])
            con.unregister("_marked")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
