"""communique: open political event coding (CAMEO and PLOVER) from news text."""
__version__ = "0.1.0"

from communique.records import Actor, Document, Event, Mention, Span  # noqa: E402

__all__ = ["Actor", "Document", "Event", "Mention", "Span", "code_text", "code_documents",
           "Coder", "__version__"]


def __getattr__(name):  # lazy: importing communique must not load spaCy
    if name in ("code_text", "code_documents", "Coder"):
        from communique.coder import core
        return getattr(core, name)
    raise AttributeError(name)
