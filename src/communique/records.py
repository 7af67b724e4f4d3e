"""Typed records that flow between the stages of the pipeline."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date


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
    """A coded actor: CAMEO code composed of country (or IGO) and sector."""

    code: str
    country: str | None
    sector: str | None
    name: str


@dataclass(frozen=True)
class Mention:
    """An actor as it occurs in the text."""

    actor: Actor
    span: Span
    kind: str = "name"  # name | adjective | demonym | metonym | agent | person | coref

    @property
    def named(self) -> bool:
        """Codable on its own: anything but a sector noun without a country ("the ministry")."""
        return bool(self.actor.country) or self.kind != "agent"

    def to_dict(self) -> dict:
        return {
            "code": self.actor.code,
            "country": self.actor.country,
            "sector": self.actor.sector,
            "name": self.actor.name,
            "text": self.span.text,
            "start": self.span.start,
            "end": self.span.end,
        }


@dataclass(frozen=True)
class Event:
    """A coded event with its evidence."""

    event_id: str
    doc_id: str
    sentence_index: int
    date: date
    source: Mention
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
    pattern: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict:
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "date": self.date.isoformat(),
            "source": self.source.to_dict(),
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": {"event": self.plover_event, "mode": self.plover_mode},
            "verb": asdict(self.verb),
            "sentence": self.sentence,
            "sentence_start": self.sentence_start,
            "pattern": self.pattern,
            "coder_version": self.coder_version,
        }
