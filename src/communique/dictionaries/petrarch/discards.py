"""Reader for PETRARCH discard lists (``*.discards.txt``).

One phrase a line. A leading ``+`` marks a story-level discard (the whole story
is dropped when the phrase occurs); without it only the sentence is dropped.
Phrases follow the dictionary conventions (``_`` or spaces join words, a
trailing ``_`` marks an exact last word); unlike the other dictionaries,
mixed case occurs (``+Manchester United``) and is kept in ``text``.
Brackets are not part of this format and are errors.
"""
from __future__ import annotations

from dataclasses import dataclass

from ._common import Phrase, Reporter, content_lines, make_phrase, read_text


@dataclass(frozen=True)
class Discard:
    phrase: Phrase
    story_level: bool
    line: int


def read_discards(path, *, problems: list[str] | None = None) -> list[Discard]:
    """Read a discard list, in file order."""
    rep = Reporter(path, problems)
    out = []
    for number, line in content_lines(read_text(path)):
        text = line.strip()
        story = text.startswith("+")
        if story:
            text = text[1:]
        if any(ch in text for ch in "[]{}"):
            rep.fail(number, f"unexpected bracket in discard phrase {line.strip()!r}")
            continue
        phrase = make_phrase(text, number)
        if phrase is None:
            rep.fail(number, "empty discard phrase after '+'")
            continue
        out.append(Discard(phrase, story, number))
    return out
