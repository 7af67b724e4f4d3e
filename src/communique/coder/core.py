"""The coder: documents in, events out. Wires nlp -> actors -> events."""
from __future__ import annotations

import hashlib
import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from itertools import islice
from pathlib import Path

from communique import __version__
from communique.actors.home import Home, dateline_country, named_countries
from communique.actors.resolve import COREF_FILE, Context, find_hits, load_coref
from communique.actors.surnames import SharedSurnames
from communique.actors.unknown import UnknownActors
from communique.coder.interface import CodedDocument
from communique.dictionaries.actors import ActorDictionary, load_actor_dictionary
from communique.dictionaries.corrections import Corrections
from communique.dictionaries.loader import dictionary_files, load_dictionaries
from communique.dictionaries.ontology import Ontology, load_ontology
from communique.dictionaries.patterns import PatternSet, load_patterns
from communique.events.extractor import EventExtractor
from communique.events.learned import MODEL_FILE, LearnedLayer, Thresholds
from communique.events.pairs import AGENT_MODES
from communique.events.rules import EventRules
from communique.geo.dateline import find_dateline
from communique.geo.gazetteer import SOURCES as GEO_SOURCES
from communique.geo.locator import DocumentContext, Geolocator
from communique.nlp.pipeline import Chunk, LemmaCache, chunk_text, entity_recognizer, load_model
from communique.nlp.prepass import Prepass, lemma_exceptions
from communique.nlp.token_rules import REPLACED, TokenRules
from communique.nlp.truecase import TrueCaser, lexicon_of
from communique.records import Document, Event

_SURROGATE = re.compile("[\ud800-\udfff]")
ZONE_CHUNKS = 1024  # chunks parsed per spaCy memory zone
CACHE_LIMIT = 20_000  # entries in each of TokenRules' caches (a few MB)


@dataclass(frozen=True)
class _Skipped:
    """Sentences the pre-pass left unparsed, and people and countries named in the chunk."""

    people: set[str]
    sentences: int
    countries: tuple[str, ...] = ()


@dataclass
class _OpenDocument:
    """The document whose chunks are being coded."""

    document: Document
    ctx: Context
    events: list[Event] = field(default_factory=list)
    sentences: int = 0
    discarded: bool = False  # a story-level discard phrase: no events at all
    places: DocumentContext | None = None  # its dateline and the countries it names (geo)

    def finish(self) -> CodedDocument:
        return CodedDocument(self.document, [] if self.discarded else self.events, self.sentences)


def fingerprint(paths: Iterable[Path]) -> str:
    """8 hex digits over each file's name and bytes, in the order given (each file once)."""
    h, seen = hashlib.sha1(), set()
    for p in paths:
        key = Path(p).resolve()
        if key in seen:
            continue
        seen.add(key)
        data = key.read_bytes()
        for part in (p.name.encode(), data):
            h.update(len(part).to_bytes(8, "big"))
            h.update(part)
    return h.hexdigest()[:8]


class Coder:
    """Codes documents into CAMEO/PLOVER events.

    >>> coder = Coder()
    >>> events = coder.code_text("Russia criticised the United States.", date="2017-07-04")

    ``agents`` says how sector nouns without a country ("police") are coded (see
    events.pairs.AGENT_MODES; ``unnamed_agents`` is "petrarch"); ``unknown_actors`` keeps people
    and bodies the dictionaries do not know (``ner``: asking spaCy's entity recogniser about
    bare names); ``require_source`` drops events without a coded source; ``truecase`` parses
    text written in one case from a true-cased copy.
    """

    def __init__(self, model: str | None = None, nlp=None,
                 actors: ActorDictionary | None = None, patterns: PatternSet | None = None,
                 ontology: Ontology | None = None, batch_size: int = 64, prepass: bool = True,
                 dictionaries: Sequence[str | Path] = (), only_dictionaries: bool = False,
                 unnamed_agents: bool = False, token_rules: bool = True, geolocate: bool = True,
                 agents: str = "document", require_source: bool = False, unknown_actors: bool = True,
                 ner: bool = True, truecase: bool = True,
                 event_model: str | Path | object | None = MODEL_FILE, model_mode: str = "combined",
                 model_confidence: float | None = None):
        if not isinstance(batch_size, int) or batch_size < 1:  # 0 would code nothing
            raise ValueError(f"batch_size must be a whole number of at least 1, not {batch_size!r}")
        if agents not in AGENT_MODES:
            raise ValueError(f"agents must be one of {', '.join(AGENT_MODES)}, not {agents!r}")
        self.agents = "petrarch" if unnamed_agents else agents
        self.ontology = ontology or load_ontology()
        extra = dictionary_files(Path(p) for p in dictionaries)
        if extra or only_dictionaries:
            actors, patterns = load_dictionaries(self.ontology, extra, only_dictionaries)
        self.actors = actors or load_actor_dictionary()
        self.patterns = patterns or load_patterns(self.ontology)
        self.problems = list(self.patterns.problems)  # dictionary entries left out
        self.coref = load_coref(COREF_FILE)
        rules = EventRules.load()
        self.nlp = nlp or load_model(model, ner=ner and unknown_actors)
        self.batch_size = batch_size
        self._chunks_parsed = 0
        self.lemma_cache = LemmaCache(self.nlp)  # keeps spaCy's lemma cache bounded
        self.token_rules = TokenRules.for_pipeline(self.nlp) if token_rules else None
        # every data file the loaders read, in load order: the version is built from them
        self.sources: list[Path] = list(dict.fromkeys([
            *self.ontology.sources, *self.actors.sources, *self.patterns.sources, COREF_FILE,
            rules.source, *(GEO_SOURCES if geolocate else ())]))
        self.geolocate = geolocate
        self._geo: Geolocator | None = None  # the gazetteer is loaded with the first document
        # the learned layer (a model file, or an object such as a training recorder); None: off.
        # Never with dictionaries of one's own alone: the model was trained on the built-in ones.
        self.learned = _learned(event_model, self.actors, only_dictionaries, model_mode, model_confidence)
        if self.learned is not None and isinstance(event_model, str | Path):
            self.sources.append(Path(event_model))
        self.version = f"communique-{__version__}+d{fingerprint(self.sources)}"
        self.extractor = EventExtractor(self.patterns, self.ontology, self.version, self.agents,
                                        rules, require_source, self.learned)
        self.corrections = Corrections(self.patterns.corrections, self.ontology)  # an analyst's fixes
        self.surnames = SharedSurnames(self.actors)
        self.prepass = Prepass(self.patterns, self.actors, self.coref, lemma_exceptions(self.nlp),
                               agents_alone=self.agents != "sentence",
                               surnames=set(self.surnames.people),
                               gate=getattr(self.learned, "wants_parse", None)) if prepass else None
        self.unknown = UnknownActors(entity_recognizer(self.nlp) if ner else None) if unknown_actors else None
        self.casing = TrueCaser(self.actors.index, lexicon_of(self.nlp)) if truecase else None

    def code_documents(self, documents: Iterable[Document],
                       default_date: date | None = None) -> Iterator[CodedDocument]:
        """Code a stream of documents lazily, in order, one result per document."""
        queue: deque = deque()  # documents, skipped stretches and chunks, in text order

        def chunks() -> Iterator[tuple[str, Chunk]]:
            for i, doc in enumerate(documents):
                queue.append(doc)
                text = self.casing(doc.text) if self.casing else doc.text  # same length
                for offset, piece in chunk_text(text):
                    for item in self._pieces(i, offset, piece):
                        queue.append(item)
                        if isinstance(item, Chunk):
                            # lone surrogates cannot be encoded; same-length replacement keeps offsets
                            yield _SURROGATE.sub("\ufffd", item.text), item

        current: _OpenDocument | None = None

        def advance(until: Chunk | None) -> Iterator[CodedDocument]:
            nonlocal current
            while queue and queue[0] is not until:
                item = queue.popleft()
                if isinstance(item, Document):
                    if current is not None:
                        yield current.finish()
                    day = item.date or default_date or date.today()
                    ctx = Context(day, {}, 0, self.coref, item.text, home=self._home(item.text),
                                  unknown=self.unknown)
                    current = _OpenDocument(item, ctx, discarded=self.extractor.discarded(item.text, "story"),
                                            places=self._document_places(item.text))
                elif isinstance(item, _Skipped):
                    current.ctx.note_people(item.people)
                    current.ctx.home.note(item.countries)
                    current.sentences += item.sentences
            if until is not None:
                queue.popleft()

        for sdoc, chunk in self._parse(chunks()):
            yield from advance(chunk)
            ctx = current.ctx
            # the parsed text differs from chunk.text only in replaced surrogates (same length)
            ctx.start_chunk(find_hits(sdoc, chunk.offset, self.actors, chunk.text), chunk.offset)
            self.surnames.add_hits(sdoc, ctx)  # "Kim" after "Kim Jong-un", or on its own
            for sent in sdoc.sents:
                if sent.text.strip():
                    events = self.corrections.apply(self.extractor.sentence_events(
                        sent, current.sentences, ctx, current.document.id, ctx.day))
                    current.events.extend(self._locate(events, sent, chunk.offset, current.places))
                    current.sentences += 1
        yield from advance(None)
        if current is not None:
            yield current.finish()

    def _document_places(self, text: str) -> DocumentContext | None:
        """The geo hook, per document: its dateline and the countries it names."""
        if not self.geolocate:
            return None
        if self._geo is None:
            self._geo = Geolocator.load()  # cached: once per process
        return self._geo.document_context(text)

    def _locate(self, events: list[Event], sent, offset: int, places: DocumentContext | None) -> list[Event]:
        """The geo hook, per sentence: each event's place and its actors' (communique.geo)."""
        if places is None or not events:
            return events
        return self._geo.place_events(events, sent, offset, places)

    def _parse(self, chunks: Iterator[tuple[str, Chunk]]) -> Iterator:
        """Parse in windows; after a coder's first window, each in a spaCy memory zone.

        Zones keep the vocabulary flat, but spaCy adds to its tokenizer cache only outside
        them, so the first ZONE_CHUNKS chunks fill that cache (10,000 entries at most). The
        lemmatizer's cache grows in zones too: it is cut back to its first-window entries.
        Nothing spaCy owns outlives its window: events and coreference state hold strings.
        """
        while True:
            window = list(islice(chunks, ZONE_CHUNKS))
            if not window:
                return
            warm = self._chunks_parsed < ZONE_CHUNKS or not hasattr(self.nlp, "memory_zone")
            self._chunks_parsed += len(window)
            rules = self.token_rules  # the same annotations as spaCy's last two components, faster
            stopped: BaseException | None = None
            with nullcontext() if warm else self.nlp.memory_zone():
                try:
                    for sdoc, chunk in self.nlp.pipe(window, as_tuples=True, batch_size=self.batch_size,
                                                     disable=REPLACED if rules else ()):
                        yield (rules(sdoc) if rules else sdoc), chunk
                except BaseException as exc:  # the caller stopped mid-window (close(), an error):
                    stopped = exc             # leave the zone normally, spaCy cleans up only then
            if rules:
                rules.trim(CACHE_LIMIT)
            self.lemma_cache.after_window(warm)
            if stopped is not None:
                raise stopped

    def _home(self, text: str) -> Home:
        """The document's dateline country (the countries it names are noted as it is read)."""
        line = find_dateline(text) if self.agents == "document" else None
        return Home(dateline_country(self.actors, text, line.start, line.end) if line else None)

    def _pieces(self, index: int, offset: int, text: str) -> Iterator:
        """The chunk to parse, or with the pre-pass its stretches to parse and to skip."""
        home = self.agents == "document"
        if self.prepass is None:
            yield _Skipped(set(), 0, tuple(named_countries(self.actors, text)) if home else ())
            yield Chunk(index, offset, text)
            return
        plan = self.prepass.plan(text)
        yield _Skipped(plan.people, 0, tuple(named_countries(self.actors, text, plan.matches)) if home else ())
        for piece in plan.pieces:
            if piece.parse:
                yield Chunk(index, offset + piece.start, text[piece.start:piece.end])
            else:
                yield _Skipped(set(), piece.sentences)

    def close(self) -> None:
        """Nothing to release (the interface of the pool and Dask coders)."""

    def __enter__(self) -> Coder:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def code_text(self, text: str, date: date | str | None = None,
                  doc_id: str = "text") -> list[Event]:
        day = _as_date(date)
        result = next(self.code_documents([Document(doc_id, text, day)]))
        return result.events


def _learned(spec, actors: ActorDictionary, only_dictionaries: bool, mode: str, confidence: float | None):
    """The learned layer: from a model file (mode: combined, alone, override; the least
    confidence of its events), an object with its hook, or None (off)."""
    if spec is None or (only_dictionaries and spec is MODEL_FILE):
        return None
    if not isinstance(spec, str | Path):
        return spec
    th = Thresholds() if confidence is None else replace(Thresholds(), confidence=float(confidence))
    return LearnedLayer.load(spec, actors, th, mode)


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


@lru_cache(maxsize=2)
def default_coder(model: str | None = None) -> Coder:
    return Coder(model=model)


def code_text(text: str, date: date | str | None = None, doc_id: str = "text",
              model: str | None = None) -> list[Event]:
    """Code one text with the built-in dictionaries (the coder is loaded once)."""
    return default_coder(model).code_text(text, date=date, doc_id=doc_id)


def code_documents(documents: Sequence[Document] | Iterable[Document],
                   model: str | None = None) -> Iterator[CodedDocument]:
    return default_coder(model).code_documents(documents)
