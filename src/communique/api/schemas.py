"""Request and response bodies that have a fixed shape (the rest are documented dicts)."""
from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

MAX_TEXT = 100_000  # characters in one POST /code text
MAX_BODY = 1_048_576  # bytes in any request body


class CodeRequest(BaseModel):
    """A text to code: nothing is stored."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=MAX_TEXT, description="the text (at most 100,000 characters)")
    date: dt.date | None = Field(None, description="the document's date, YYYY-MM-DD (default: today)")
    title: str | None = Field(None, max_length=1000)

    @field_validator("text")
    @classmethod
    def not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is empty")
        return value


class CodeResponse(BaseModel):
    doc_id: str
    date: dt.date
    text: str
    coder_version: str
    sentences: int
    seconds: float
    events: list[dict]


class Health(BaseModel):
    status: str
    version: str
    store: str
    documents: int
    events: int
    first_date: dt.date | None
    last_date: dt.date | None
    coder_loaded: bool
    writes_enabled: bool


class CorrectionRequest(BaseModel):
    """A correction: on an event (code, source, target, not_event) or a missing actor name."""

    model_config = ConfigDict(extra="forbid")
    kind: Literal["code", "source", "target", "not_event", "actor_name"]
    event_id: str | None = Field(None, max_length=64, description="the event corrected")
    doc_id: str | None = Field(None, max_length=200, description="actor_name: the document with the words")
    code: str | None = Field(None, max_length=24, description="the right CAMEO or actor code")
    name: str | None = Field(None, max_length=200, description="source/target: the actor's name")
    text: str | None = Field(None, max_length=200, description="actor_name: the words that name the actor")
    words: list[str] | None = Field(None, max_length=5, description="phrases a sentence needs for the rule "
                                    "to apply (default: the event's verb)")
    any_actors: bool = Field(False, description="apply whatever the event's actors (default: only these)")
    note: str | None = Field(None, max_length=500)

    @field_validator("words")
    @classmethod
    def short_words(cls, value):
        if value is not None and any(not w.strip() or len(w) > 200 for w in value):
            raise ValueError("each phrase is 1-200 characters")
        return value
