"""Candidate events: an event before its actors are expanded into source-target pairs.

Candidates are values. Every per-sentence step (transformations, roles, governors, clause
rules) takes the sentence's candidates (token index -> Candidate, in text order) and returns
new ones; none changes a candidate in place.
"""
from __future__ import annotations

from dataclasses import dataclass

from communique.dictionaries.patterns import Pattern
from communique.records import Mention


@dataclass(frozen=True)
class Candidate:
    """An event before actors are expanded into pairs."""

    tok: object
    code: str
    pattern: Pattern
    sources: list[Mention]
    targets: list[Mention]
    mutual: bool = False  # target came through "with"/"between": "clashed with", "talks with"
    paired: str | None = None  # "032:033": the target does the paired code to the source
    says_negation: bool = False  # the pattern's own words hold the negation ("NOT_*", "didn't")
    reach: int | None = None  # first token a verb-block pattern's words matched
    transformed: bool = False  # merged with its governing verb by a PETRARCH transformation
    own: bool = False  # found with communique's own verb/noun patterns (event_rules apply)
    anonymous: bool = False  # a material act whose perpetrator the text does not name


Candidates = dict[int, Candidate]  # token index of the verb or noun -> its candidate
