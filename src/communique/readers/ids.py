"""Document ids computed from the content, the same for every input format and command."""
from __future__ import annotations

import hashlib


def _digest(key: str) -> str:
    return "doc-" + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def content_id(text: str) -> str:
    """``doc-`` and 16 hex digits of the SHA-1 of the text."""
    return _digest(text)


def document_id(text: str, source: str | None = None, url: str | None = None) -> str:
    """The id of a record that gives none: ``content_id(text)`` without a source or URL,
    else a hash of source, URL and text, so copies from two publishers stay two documents."""
    if not source and not url:
        return content_id(text)
    return _digest(f"{source or ''}\x1f{url or ''}\x1f{text}")
