"""The coder behind POST /code: loaded once, on the first request, and used by one request
at a time (a spaCy pipeline is not meant for concurrent calls)."""
from __future__ import annotations

import threading
from datetime import date
from typing import TYPE_CHECKING

from communique.errors import CommuniqueError
from communique.records import Document

if TYPE_CHECKING:  # the coder (and spaCy) are imported on the first POST /code only
    from communique.coder.core import CodedDocument, Coder


class CoderUnavailable(CommuniqueError):
    """The coder could not be loaded (e.g. the model is not installed)."""


class CodeService:
    def __init__(self, model: str | None = None):
        self.model = model
        self._coder: Coder | None = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._coder is not None

    def _get(self) -> Coder:
        if self._coder is None:
            from communique.coder.core import Coder

            try:
                self._coder = Coder(model=self.model)
            except (CommuniqueError, OSError, ImportError) as exc:
                raise CoderUnavailable(f"the coder could not be loaded: {exc}") from None
        return self._coder

    def code(self, text: str, day: date, title: str | None = None) -> tuple[str, CodedDocument]:
        """(coder version, the coded document)."""
        with self._lock:
            coder = self._get()
            coded = next(coder.code_documents([Document("text", text, day, title)], day))
            return coder.version, coded
