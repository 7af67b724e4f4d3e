"""Typed records that flow between the stages of the pipeline."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from communique.serialize import event_json, event_row, location_row, mention_json

# Codes of organisations rather than countries: no country, the prefix is their sector.
ORGANISATION_PREFIXES = ("IGO", "NGO", "IMG", "MNC", "NGM")


def is_organisation(code: str | None) -> bool:
    """IGOUNO, NGOAMN, MNC...: an organisation's code (it names no country)."""
    return bool(code) and code.startswith(ORGANISATION_PREFIXES)


@dataclass(frozen=True)
class Document:
    """One input document: text plus metadata."""

    id: str
    text: str
    date: date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Span:
    """A stretch of the document text; ``doc.text[start:end] == text``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Actor:
    """A coded actor: CAMEO code composed of country (or IGO) and sector.

    ``code`` is None for an actor the dictionaries do not know and the sentence does not
    place ("John Smith said"), and for words standing for an unknown perpetrator ("gunmen");
    ``name`` then holds the words, ``sector`` what the words tell ("UAF")."""

    code: str | None
    country: str | None
    sector: str | None
    name: str

    @classmethod
    def from_code(cls, code: str | None, name: str) -> Actor:
        """RUSGOV -> country RUS, sector GOV; an organisation (IGOUNO) has no country and
        its prefix as sector; a code shorter than a country code is its own sector."""
        if not code:
            return cls(None, None, None, name)
        if is_organisation(code) or len(code) < 3:
            return cls(code, None, code[:3] or None, name)
        return cls(code, code[:3], code[3:6] or None, name)


@dataclass(frozen=True)
class Mention:
    """An actor as it occurs in the text, and where its own words place it ("officials in
    Damascus"; None when they name no place)."""

    actor: Actor
    span: Span
    # name | adjective | demonym | metonym | agent | person | coref | unknown (a person or body
    # the dictionaries do not know) | unnamed (words for an unknown perpetrator: "gunmen")
    kind: str = "name"
    location: Location | None = None

    @property
    def named(self) -> bool:
        """Codable on its own: anything but a sector noun without a country ("the ministry")."""
        return bool(self.actor.country) or self.kind != "agent"

    @property
    def key(self) -> str:
        """What tells actors apart in a sentence: the code, or for an actor without one its
        words ("?John Smith")."""
        return self.actor.code or f"?{self.actor.name or self.span.text}"

    def to_dict(self) -> dict:
        return mention_json(self)


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event (or an actor) was, as named in the text.

    ``text`` is the document's words (``doc_text[start:end] == text``); ``name``, ``country``
    (ISO-3), ``adm1``, ``lat``/``lon`` and ``feature_id`` describe the gazetteer feature.
    ``precision`` is "city" (also sites), "adm1", "country", or "region" for seas,
    straits, rivers, mountains, islands and regions (with a country only where they lie in one).
    """

    text: str
    start: int
    end: int
    name: str
    country: str | None
    adm1: str | None
    lat: float
    lon: float
    feature_id: str
    precision: str

    def to_dict(self) -> dict:
        return location_row(self)


@dataclass(frozen=True)
class Event:
    """A coded event with its evidence.

    ``source`` is None for an event whose perpetrator the text does not name ("a roadside
    bomb killed three soldiers"); ``method`` says what found it: "dictionary" (a pattern) or
    "model" (the learned layer, with its ``confidence``)."""

    event_id: str
    doc_id: str
    sentence_index: int
    date: date
    source: Mention | None
    target: Mention | None
    cameo: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover_event: str | None
    plover_mode: str | None
    verb: Span
    sentence: str
    sentence_start: int
    coder_version: str
    pattern: str | None = ""
    location: Location | None = None
    method: str = "dictionary"
    confidence: float | None = None
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def source_code(self) -> str | None:
        """The source's actor code; None for an unnamed perpetrator."""
        return self.source.actor.code if self.source else None

    @property
    def target_code(self) -> str | None:
        return self.target.actor.code if self.target else None

    def to_dict(self) -> dict:
        """The JSON form written by `communique code` (see communique.serialize)."""
        return event_json(event_row(self))
