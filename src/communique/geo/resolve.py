"""Resolving a place name to a gazetteer feature: by the countries around it, then population."""
from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from communique.geo.gazetteer import Gazetteer, fold
from communique.geo.location import RANK_CITY, Feature, Location, location_of
from communique.geo.phrases import PlaceName, capitalised

PROMINENT = 1_000_000  # a capital or a city this large beats a small town of the context's country
MINOR = 100_000
MAX_WORDS = 4  # words in a country name or adjective


@dataclass(frozen=True)
class Countries:
    """The countries around a name: its actors', its sentence's and its document's."""

    actors: frozenset[str]
    document: Mapping[str, int]  # ISO-3 -> times the document names it
    sentence_tokens: object = None  # the spaCy sentence, scanned for country words when needed
    words: Mapping[str, str] = field(default_factory=dict)  # country words -> ISO-3

    @cached_property
    def hits(self) -> tuple[tuple[int, int, str], ...]:
        """Country words in the sentence: token [start, end) and ISO-3 (only if a name is ambiguous)."""
        if self.sentence_tokens is None:
            return ()
        tokens = [(t.i, t.text, t.whitespace_, capitalised(t)) for t in self.sentence_tokens]
        found = []
        k = 0
        while k < len(tokens):
            if tokens[k][3]:
                for n in range(min(MAX_WORDS, len(tokens) - k), 0, -1):
                    words = tokens[k:k + n]
                    text = "".join(w[1] + w[2] for w in words[:-1]) + words[-1][1]
                    iso3 = self.words.get(fold(text))
                    if iso3 is not None:
                        found.append((tokens[k][0], tokens[k][0] + n, iso3))
                        k += n - 1
                        break
            k += 1
        return tuple(found)

    def sentence(self, start: int, end: int) -> set[str]:
        """The sentence's countries but for those the name at tokens [start, end) itself gives."""
        return {iso3 for i, j, iso3 in self.hits if j <= start or i >= end}


def choose(candidates: list[tuple[int, Feature]], sentence: Collection[str], document: Mapping[str, int],
           kind: str | None = None, country: str | None = None, actors: Collection[str] = ()) -> Feature | None:
    """The best reading of a name.

    In order: the country an apposition names ("Tripoli, Libya"), the kind a noun names
    ("Idlib province"), a country the sentence names, the document's countries (most named
    first), the event's actors' countries, where the name comes from (a country's own name, the own list, a city name, a
    division, an alternate name) and population. A small town of a context country does not
    beat a capital or a city of a million elsewhere ("Washington" in a British story).
    """
    if not candidates:
        return None
    if len(candidates) == 1 and country is None and kind is None:
        return candidates[0][1]
    prominent = any(f.kind == "city" and (f.capital or f.population >= PROMINENT) for _, f in candidates)

    def key(item: tuple[int, Feature]):
        rank, f = item
        usable = not (prominent and f.kind == "city" and f.population < MINOR and rank >= RANK_CITY)
        kind_ok = kind is not None and (f.kind == kind or (kind == "city" and f.kind == "site"))
        return (country is not None and f.country == country, kind_ok,
                usable and f.country in sentence, document.get(f.country, 0) if usable else 0,
                usable and f.country in actors, -rank, f.population)

    return max(candidates, key=key)[1]


def resolve_name(gz: Gazetteer, name: PlaceName, doc, offset: int, around: Countries) -> Location | None:
    """The location a place name in a parse stands for, or None when nothing resolves.

    When the name itself is unknown, the country named with it stands in (precision
    "country"): an apposition ("Xyzabad, Syria"), the actor dictionary's place list
    ("Punggye-ri" -> PRK) or a nationality adjective ("the Syrian town of Xyzabad").
    """
    hint = None
    if name.country is not None:
        hint = gz.country_words.get(fold(_text(doc, *name.country)))
    for start, end in name.spans:
        text = _text(doc, start, end)
        key = fold(text)
        cands = (gz.candidates("the " + key) if name.the else []) or gz.candidates(key)
        if not cands:
            continue
        sentence = around.sentence(start, end) if len(cands) > 1 else set()
        feature = choose(cands, sentence, around.document, name.kind, hint, around.actors)
        if feature is not None:
            return _location(feature, doc, start, end, offset)
    if hint is not None:
        return _location(gz.countries[hint], doc, *name.country, offset)
    if name.spans:
        start, end = name.spans[0]
        iso3 = gz.actor_places.get(fold(_text(doc, start, end)))
        if iso3 is not None:
            return _location(gz.countries[iso3], doc, start, end, offset)
    if name.adjective is not None:
        iso3 = gz.country_words.get(fold(doc[name.adjective].text))
        if iso3 is not None:
            return _location(gz.countries[iso3], doc, name.adjective, name.adjective + 1, offset)
    return None


def _text(doc, start: int, end: int) -> str:
    return doc[start:end].text


def _location(feature: Feature, doc, start: int, end: int, offset: int) -> Location:
    first, last = doc[start], doc[end - 1]
    a, b = first.idx, last.idx + len(last.text)
    return location_of(feature, doc[start:end].text, offset + a, offset + b)  # == doc.text[a:b]
