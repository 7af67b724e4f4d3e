"""The geolocator the coder calls: a document's context once, then each event's and actor's place.

    geolocator = Geolocator.load()                  # once per process (cached gazetteer)
    context = geolocator.document_context(text)     # dateline, countries named
    location = geolocator.locate(sentence, verb, offset, context)
    events = geolocator.place_events(events, sentence, offset, context)  # what the coder calls
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from communique.geo.dateline import find_dateline
from communique.geo.gazetteer import Gazetteer, fold, load_gazetteer
from communique.geo.location import Location, location_of
from communique.geo.phrases import (
    ACTOR_PREPS,
    WEAK_PREPS,
    clause_preps,
    governed_name,
    noun_name,
    object_names,
    place_preps,
)
from communique.geo.resolve import MAX_WORDS, Countries, choose, resolve_name
from communique.records import Event, Mention

_CAPITALISED = re.compile(r"[A-Z][\w'\u2019.\-]*(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?[A-Z][\w'\u2019.\-]*)*")


@dataclass(frozen=True)
class DocumentContext:
    """What a document says about place before any sentence is read."""

    dateline: Location | None = None
    countries: dict[str, int] = field(default_factory=dict)  # ISO-3 -> times named


@dataclass(frozen=True)
class Geolocator:
    gazetteer: Gazetteer

    @classmethod
    def load(cls) -> Geolocator:
        return cls(load_gazetteer())

    def document_context(self, text: str) -> DocumentContext:
        """The dateline's place and the countries the document names (names, adjectives, capitals)."""
        gz = self.gazetteer
        counts: Counter[str] = Counter()
        for m in _CAPITALISED.finditer(text):
            words = m.group().split()
            i = 0
            while i < len(words):
                for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
                    iso3 = gz.country_words.get(fold(_strip(" ".join(words[i:i + n]))))
                    if iso3 is not None:
                        counts[iso3] += 1
                        i += n
                        break
                else:
                    i += 1
        dateline = self._dateline(text, counts)
        if dateline is not None and dateline.country:
            counts[dateline.country] += 1
        return DocumentContext(dateline, dict(counts))

    def _dateline(self, text: str, counts: Counter) -> Location | None:
        found = find_dateline(text)
        if found is None:
            return None
        gz = self.gazetteer
        hint = None
        if found.region is not None:
            region = fold(text[found.region[0]:found.region[1]])
            hint = gz.country_words.get(region)
            if hint is None:  # "Springfield, Illinois": the division's country
                hint = next((f.country for _, f in gz.candidates(region) if f.kind == "adm1"), None)
        place = text[found.start:found.end]
        feature = choose(gz.candidates(fold(place)), set(), counts, None, hint)
        if feature is None:
            return None
        return location_of(feature, place, found.start, found.end)

    def locate(self, sentence, token, offset: int = 0, context: DocumentContext | None = None,
               countries: Iterable[str] = ()) -> Location | None:
        """Where the event whose verb or noun is ``token`` took place, or None.

        ``sentence`` is a spaCy Span, ``offset`` the document offset of its Doc's text.
        In order: a preposition of place on the event's word ("met in Singapore"); on a
        noun event, on its verb ("held talks in Beijing"); other place phrases of the same
        clause, nearest first and the subject's last ("the strike near Samarra"); a place as
        the verb's object ("shelled Seongju"); for the second of two joined verbs, the first
        one's ("held talks in the Kremlin and signed ..."); the document's dateline. A place phrase of
        another clause ("Speaking in Tokyo, Abe said North Korea fired ...") is never used
        for the other clause's event. ``countries``: the event's actors' countries.
        """
        context = context or DocumentContext()
        around = self._around(sentence, countries, context)
        doc = sentence.doc
        first = place_preps(token)
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
            first += place_preps(token.head)
        for child in token.children:  # "drills held in the Yellow Sea"
            if child.dep_ in ("acl", "relcl") and child.i > token.i:
                first += place_preps(child)
        for prep in first + clause_preps(token, {p.i for p in first}):
            name = governed_name(prep)
            if name is not None:
                found = resolve_name(self.gazetteer, name, doc, offset, around)
                if found is not None and (prep.lower_ not in WEAK_PREPS or found.precision == "region"):
                    return found
        for obj in object_names(token):
            found = self._object_place(obj, doc, offset, around)
            if found is not None:
                return found
        if token.dep_ == "conj" and token.head.pos_ in ("VERB", "AUX"):  # "held talks in X and signed"
            first = place_preps(token.head)
            for prep in first + clause_preps(token.head, {p.i for p in first}):
                name = governed_name(prep) if prep.i < token.i and prep.lower_ not in WEAK_PREPS else None
                found = resolve_name(self.gazetteer, name, doc, offset, around) if name else None
                if found is not None:
                    return found
        return context.dateline

    def actor_location(self, sentence, token, offset: int = 0, context: DocumentContext | None = None,
                       countries: Iterable[str] = ()) -> Location | None:
        """Where an actor is, as its own phrase says: "Syrian officials in Damascus", "from Seoul".

        ``token`` is the head of the actor's words (see ``head_token``). None when the phrase
        names no place: the dateline and the event's place are not the actor's.
        """
        context = context or DocumentContext()
        around = self._around(sentence, countries, context)
        preps = place_preps(token, ACTOR_PREPS)
        for child in token.children:  # "officials based in Damascus"
            if child.dep_ == "acl":
                preps += place_preps(child, ACTOR_PREPS)
        for prep in preps:
            name = governed_name(prep)
            if name is not None:
                found = resolve_name(self.gazetteer, name, sentence.doc, offset, around)
                if found is not None and (prep.lower_ not in WEAK_PREPS or found.precision == "region"):
                    return found
        return None

    def place_events(self, events: list[Event], sentence, offset: int = 0,
                     context: DocumentContext | None = None) -> list[Event]:
        """The sentence's events with their ``location`` and their actors' (``Mention.location``).

        An event that already has a location keeps it; an event whose verb is not found in
        the parse gets the dateline's place. Offsets are document offsets."""
        context = context or DocumentContext()
        actors: dict[tuple[int, int], Location | None] = {}
        out = []
        for event in events:
            countries = {m.actor.country for m in (event.source, event.target) if m and m.actor.country}
            location = event.location
            if location is None:
                verb = head_token(sentence, event.verb.start, event.verb.end, offset)
                location = context.dateline if verb is None else \
                    self.locate(sentence, verb, offset, context, countries)
            source, target = (self._placed(m, sentence, offset, context, countries, actors)
                              for m in (event.source, event.target))
            if (location, source, target) != (event.location, event.source, event.target):
                event = replace(event, location=location, source=source, target=target)
            out.append(event)
        return out

    def _placed(self, mention: Mention | None, sentence, offset: int, context: DocumentContext,
                countries: set[str], seen: dict) -> Mention | None:
        if mention is None or mention.location is not None:
            return mention
        key = (mention.span.start, mention.span.end)
        if key not in seen:
            head = head_token(sentence, *key, offset)
            seen[key] = None if head is None else self.actor_location(sentence, head, offset, context, countries)
        return mention if seen[key] is None else replace(mention, location=seen[key])

    def _object_place(self, obj, doc, offset: int, around: Countries) -> Location | None:
        """A direct object that is a city, site or region, not a country or a capital (those are actors)."""
        name = noun_name(obj)
        if name is None:
            return None
        found = resolve_name(self.gazetteer, name, doc, offset, around)
        if found is None or found.precision == "country":
            return None
        if fold(found.text) in self.gazetteer.country_words:
            return None
        if any(f.capital for _, f in self.gazetteer.candidates(fold(found.text))):
            return None
        return found

    def _around(self, sentence, countries: Iterable[str], context: DocumentContext) -> Countries:
        return Countries(frozenset(countries), context.countries, sentence, self.gazetteer.country_words)


def head_token(sentence, start: int, end: int, offset: int = 0):
    """The syntactic head of the words at document offsets [start, end) in a sentence, or None."""
    inside = [t for t in sentence if start <= offset + t.idx < end]
    if not inside:
        return None
    ids = {t.i for t in inside}
    return next((t for t in inside if t.head.i not in ids or t.head.i == t.i), inside[-1])


def _strip(key: str) -> str:
    """"Japan's" -> "Japan"; "Korea." -> "Korea"."""
    if key.endswith(("'s", "\u2019s")):
        key = key[:-2]
    return key.rstrip(".")
