"""The country that a document's context gives to agents that the sentence does not place.

"Police arrested 20 people in Naroda" in a story datelined "AHMEDABAD:" are Indian police
(INDCOP). The context's country is, in order: the country of the dateline's place (a city,
region or capital the actor dictionary knows), then the country the story names most often
(names, adjectives, demonyms, capitals and the people of the dictionary once, towns and
regions twice; on a tie the first named). Where there is
none, an agent is coded as PETRARCH does ("---COP") or, with that turned off, left out.
Names the dictionaries do not know take the country too ("Senator Jim Webb" in a story from
Washington: USALEG). Words that stand for an unknown perpetrator ("gunmen", "unidentified
men") take it as well; with none they are kept without a code (not "---UAF").
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from communique.dictionaries.actors import ActorDictionary
from communique.dictionaries.phrases import pieces
from communique.records import Actor, Mention

# dictionary entries that name or imply a country ("India", "Indian", "New Delhi", "Pune")
COUNTRY_KINDS = frozenset({"country", "adjective", "demonym", "metonym", "place"})


def place_unknown(m: Mention, country: str | None) -> Mention:
    """A name the dictionaries lack (or a reference back to one), of the context's
    ``country``: a titled one with its sector ("Senator Jim Webb" -> USALEG), another by the
    country alone ("John Smith" -> GBR, "Acme Corp" -> USA). (Measured on both gold files:
    placing titled people, other people and bodies each codes more events right.)"""
    actor = m.actor
    if actor.code is not None or not country or m.kind == "unnamed":
        return m
    sector = actor.sector or None
    actor = Actor(country + (sector or ""), country, sector[:3] if sector else None, actor.name)
    return Mention(actor, m.span, m.kind)


@dataclass
class Home:
    """What a document's context says about where it happens: its dateline's country and how
    often it names each country (names, adjectives, demonyms, capitals, towns, regions)."""

    dateline: str | None = None
    counts: Counter = field(default_factory=Counter)
    first: dict[str, int] = field(default_factory=dict)  # order of first mention

    def note(self, codes: Iterable[str]) -> None:
        """Countries named in the document (each mention counts)."""
        for code in codes:
            self.counts[code] += 1
            self.first.setdefault(code, len(self.first))

    def country(self) -> str | None:
        """The dateline's country, else the one named most often (first named on a tie).
        (Measured: counting only towns and countries named as places, or not counting the
        other actor's country, codes fewer agents right on both gold files.)"""
        if self.dateline:
            return self.dateline
        if not self.counts:
            return None
        return min(self.counts, key=lambda c: (-self.counts[c], self.first[c]))


PLACE_WEIGHT = 2  # a town or region is where a story happens; a country may be any actor


def named_countries(dictionary: ActorDictionary, text: str, matches=None) -> list[str]:
    """The country of every country-naming dictionary phrase in ``text`` (and of the people
    it names: Tony Blair counts for GBR), in text order."""
    if matches is None:
        matches = dictionary.index.find(text, pieces(text))
    out = []
    for m in matches:
        e = m.value
        if e.kind in COUNTRY_KINDS and len(e.code) == 3:
            out.extend([e.code] * (PLACE_WEIGHT if e.kind == "place" else 1))
        elif e.kind in ("person", "surname") and e.person is not None and e.person.country:
            out.append(e.person.country)
    return out


def dateline_country(dictionary: ActorDictionary, text: str, start: int, end: int) -> str | None:
    """The country of a dateline's place ("AHMEDABAD", "SEOUL", "Tripoli, Libya"), matched
    in any case; None when the dictionary does not know it."""
    place = text[start:end]
    for m in dictionary.index.find(place, pieces(place), caseless=True):
        if m.value.kind in COUNTRY_KINDS and len(m.value.code) == 3:
            return m.value.code
    return None


def localise(m: Mention, country: str | None, petrarch: bool) -> Mention | None:
    """An agent the sentence does not place: of the context's ``country``; without one
    ``---`` and its sector (``petrarch``) or None (left out). A name the dictionaries lack
    takes the country as place_unknown says. Other mentions unchanged."""
    if m.actor.code is None and m.kind != "unnamed":
        return place_unknown(m, country)
    if m.kind == "unnamed" and country:  # "gunmen" in a Baghdad story (measured: better than no code)
        sector = m.actor.sector or ""
        return Mention(Actor(country + sector, country, sector or None, m.actor.name), m.span, "agent_home")
    if m.named:
        return m
    code = m.actor.code or ""
    if country:
        return Mention(Actor(country + code, country, m.actor.sector, m.actor.name), m.span, "agent_home")
    if petrarch:
        if not code.startswith("---"):
            m = Mention(Actor("---" + code, None, m.actor.sector, m.actor.name), m.span, m.kind)
        return m
    return None
