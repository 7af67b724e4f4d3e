"""The coder behind POST /code and the re-coding of corrections: loaded on first use, used
by one request at a time (a spaCy pipeline is not meant for concurrent calls), and loaded
again when the corrections file has changed since (so it always codes with its rules)."""
from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from communique.errors import CommuniqueError
from communique.records import Document

if TYPE_CHECKING:  # the coder (and spaCy) are imported on first use only
    from communique.coder.core import CodedDocument, Coder


class CoderUnavailable(CommuniqueError):
    """The coder could not be loaded (e.g. the model is not installed)."""


class CodeService:
    def __init__(self, model: str | None = None, dictionaries: Sequence[Path] = (), only: bool = False,
                 corrections: Path | None = None):
        self.model = model
        self.dictionaries = list(dictionaries)
        self.only = only
        self.corrections = corrections
        self._coder: Coder | None = None
        self._stamp: tuple | None = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._coder is not None

    def files(self) -> list[Path]:
        """The dictionaries the coder reads: the server's, then the corrections file."""
        fixes = [self.corrections] if self.corrections is not None and self.corrections.is_file() else []
        return [*self.dictionaries, *fixes]

    def _file_stamp(self) -> tuple | None:
        if self.corrections is None or not self.corrections.is_file():
            return None
        st = self.corrections.stat()
        return st.st_mtime_ns, st.st_size

    def _get(self) -> Coder:
        stamp = self._file_stamp()
        if self._coder is None or stamp != self._stamp:
            from communique.coder.core import Coder

            try:
                nlp = self._coder.nlp if self._coder is not None else None  # the parse does not change
                self._coder = Coder(model=self.model, nlp=nlp, dictionaries=self.files(),
                                    only_dictionaries=self.only)
            except (CommuniqueError, OSError, ImportError) as exc:
                raise CoderUnavailable(f"the coder could not be loaded: {exc}") from None
            self._stamp = stamp
        return self._coder

    def code(self, text: str, day: date, title: str | None = None) -> tuple[str, CodedDocument]:
        """(coder version, the coded document)."""
        with self._lock:
            coder = self._get()
            coded = next(coder.code_documents([Document("text", text, day, title)], day))
            return coder.version, coded

    def recode_store(self, db_path: Path) -> dict:
        """What ``communique ingest --db DB --dictionaries ... --recode`` does, in this process:
        the documents a changed rule can touch are re-coded, the others marked."""
        from communique.store.event_store import EventStore
        from communique.store.ingest import recode
        from communique.store.revisions import mark_untouched, revision_of

        started = time.perf_counter()
        with self._lock:
            coder = self._get()
            with EventStore(db_path) as store:
                plan = mark_untouched(store, revision_of(coder))
                report = recode(store, coder)
        return {"version": coder.version, "marked": plan.marked, "recoded": report.recoded,
                "full": plan.full, "changed_rules": plan.changed_rules, "events": report.events,
                "summary": plan.describe(coder.version), "seconds": round(time.perf_counter() - started, 2)}
