"""Resolve noun phrases in the parse to coded actors (the `actors` stage)."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from communique.actors.agent_codes import FORMER, agent_code, compose, party_code
from communique.actors.compounds import compound_mentions
from communique.actors.home import Home
from communique.actors.unknown import UnknownActors, unidentified
from communique.dictionaries import DATA
from communique.dictionaries.actors import ActorDictionary, Entry
from communique.dictionaries.phrases import after_pro_or_anti, pieces
from communique.nlp.syntax import PHRASE_MODIFIERS
from communique.records import Actor, Mention, Span

COREF_FILE = DATA / "coref.yaml"
# "thousands of residents of Seongju": the people are the of-phrase's
QUANTITIES = {"hundred", "thousand", "million", "dozen", "ten", "score", "handful", "number"}
# "nurses in England", "students across Bangladesh": the place gives a sector noun its country
PLACE_PREPS = ("in", "from", "across", "throughout")
# "an international tribunal in The Hague", "foreign journalists in China": not the place's
UNPLACED = {"international", "global", "multinational", "transnational", "foreign", "world"}
# "a police station", "an army base": a sector's post stands for the sector
FACILITIES = {"station", "post", "base", "headquarters", "checkpoint", "convoy", "patrol", "barracks",
              "outpost", "compound", "building", "vehicle"}
# "a Soviet-era nerve agent", "Russian-style reforms": the name describes, it does not act
DESCRIPTIVE_SUFFIXES = ("-era", "-style", "-type", "-like")


@dataclass(frozen=True)
class Hit:
    """A dictionary match aligned to parser tokens (absolute character offsets)."""

    entry: Entry
    start: int
    end: int
    first: int  # token indices (inclusive)
    last: int


def load_coref(path: Path | None = None) -> dict[str, str]:
    with open(path or COREF_FILE, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    return {str(p).lower(): kind for kind, phrases in data.items() for p in phrases or []}


def find_hits(spacy_doc, offset: int, dictionary: ActorDictionary,
              text: str | None = None) -> dict[int, Hit]:
    """Map each token index to the dictionary hit covering it."""
    from spacy.attrs import IDX, LENGTH

    text = spacy_doc.text if text is None else text
    arr = spacy_doc.to_array([IDX, LENGTH]).tolist() if len(spacy_doc) else []
    starts = [a for a, _ in arr]
    ends = [a + n for a, n in arr]

    def token_at(c: int) -> int:
        i = bisect_right(starts, c) - 1
        return i if i >= 0 and c < ends[i] else -1

    hits: dict[int, Hit] = {}
    for m in dictionary.index.find(text, pieces(text)):
        first, last = token_at(m.start), token_at(m.end - 1)
        if first < 0 or last < 0:
            continue
        if m.start != starts[first] and text[m.start - 1:m.start] != "-":
            continue
        if after_pro_or_anti(text, m.start) or text[m.end:m.end + 6].lower().startswith(DESCRIPTIVE_SUFFIXES):
            continue
        hit = Hit(m.value, m.start + offset, m.end + offset, first, last)
        for i in range(first, last + 1):
            hits[i] = hit
    return hits


@dataclass
class Context:
    """Per-document state for resolution: date, hits, and antecedents for coreference."""

    day: date
    hits: dict[int, Hit]
    offset: int
    coref: dict[str, str]
    text: str
    seen_people: set[str] = field(default_factory=set)
    last_person: Mention | None = None
    last_group: list[Mention] = field(default_factory=list)
    recent: list[Mention] = field(default_factory=list)
    home: Home = field(default_factory=Home)  # the countries the document's context gives
    unknown: UnknownActors | None = None  # resolves names no entry covers (None: not kept)
    strangers: dict[str, Actor] = field(default_factory=dict)  # surname -> unknown person named

    def start_chunk(self, hits: dict[int, Hit], offset: int) -> None:
        """A new parsed piece of the document: its dictionary hits and its offset."""
        self.hits = hits
        self.offset = offset
        if self.unknown is not None:
            self.unknown.forget()
        self.note_people(h.entry.name for h in hits.values() if h.entry.kind == "person")

    def note_people(self, names) -> None:
        """People named in the document so far (a bare surname may refer back to them)."""
        self.seen_people.update(names)

    def add_hit(self, index: int, hit: Hit) -> None:
        """A hit found after the dictionary pass (a bare surname resolved in context)."""
        self.hits[index] = hit

    def remember(self, mentions: list[Mention]) -> None:
        mentions = [m for m in mentions if m.named]
        for m in mentions:
            if m.kind in ("person", "surname", "unknown_person") or (
                    m.kind == "coref" and m.actor.name in self.seen_people):
                self.last_person = m
            if m.kind == "person":
                self.seen_people.add(m.actor.name)
            self.recent.append(m)
        codes = {m.key for m in mentions}
        if len(codes) >= 2:
            self.last_group = list(mentions)
        self.recent = self.recent[-12:]


def _span(ctx: Context, start: int, end: int) -> Span:
    return Span(ctx.text[start:end], start, end)


def _np_tokens(head) -> list:
    """Head plus its pre-modifiers (compounds, adjectives, possessors), recursively."""
    out = [head]
    for child in head.children:
        if child.dep_ in PHRASE_MODIFIERS or (child.dep_ == "appos"):
            out.extend(_np_tokens(child))
            if child.dep_ in ("amod", "compound", "nmod"):
                out.extend(c for c in child.conjuncts)  # "Chinese and Russian warships"
    return out


def _former(toks, agents: list[Hit]) -> bool:
    """Is there a "former" before the first agent ("former security officials")?"""
    return bool(agents) and any(t.lower_ in FORMER and t.i < agents[0].first for t in toks)


def _hit_code(hit: Hit, ctx: Context) -> str:
    return hit.entry.person.code_on(ctx.day)[0] if hit.entry.person else hit.entry.code


def _of_objects(head) -> list:
    """Objects of an of-phrase: "the ministries of Russia and China"."""
    out = []
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out.append(pobj)
                    out.extend(pobj.conjuncts)
    return out


def _actor(code: str, name: str) -> Actor:
    return Actor.from_code(code, name)


def resolve(head, ctx: Context, allow_of: bool = True) -> list[Mention]:
    """Actors denoted by the noun phrase headed by ``head`` (conjuncts not included); with
    ``ctx.unknown``, also people and bodies the dictionaries do not know (actors.unknown)."""
    found = _resolve(head, ctx, allow_of)
    return found if ctx.unknown is None else ctx.unknown.refine(head, found, ctx)


def _resolve(head, ctx: Context, allow_of: bool = True) -> list[Mention]:
    phrase = " ".join(t.lower_ for t in head.subtree if t.dep_ in ("det", "nummod", "amod")
                      or t.i == head.i) if head.pos_ != "PRON" else head.lower_
    kind = ctx.coref.get(phrase)
    named = ctx.hits.get(head.i)
    if kind and not (named and named.entry.kind != "agent" and named.first < head.i):
        # "the kingdom" refers back, "The Hermit Kingdom" is a name
        return _coref(head, kind, ctx)
    if head.lemma_.lower() in QUANTITIES and head.i not in ctx.hits and allow_of:
        inner = [m for obj in _of_objects(head) for m in resolve(obj, ctx)]
        if inner:  # "thousands of nurses in England": the place may hang on the number
            return [_placed(m, head, ctx) for m in inner]
    toks = _np_tokens(head)
    hits = {id(h): h for t in toks if (h := ctx.hits.get(t.i))}
    hit_list = sorted(hits.values(), key=lambda h: h.first)
    head_hit = ctx.hits.get(head.i)
    people = [h for h in hit_list if h.entry.kind in ("person", "surname", "actor", "party") or (
        h.entry.kind == "weak_surname" and h.entry.person.name in ctx.seen_people)]
    igos = [h for h in hit_list if h.entry.kind == "igo"]
    places = [h for h in hit_list if h.entry.kind in ("country", "adjective", "metonym", "demonym", "place")]
    agents = [h for h in hit_list if h.entry.kind == "agent"]
    sector_hit = head_hit if head_hit and head_hit.entry.kind == "agent" else (agents[-1] if agents else None)
    roles = [h.entry for h in agents]  # all agents of the phrase, in text order
    former = _former(toks, agents)
    start = min((h.start for h in hit_list), default=None)
    end = head.idx + len(head.text) + ctx.offset
    if people and (head_hit in people or not igos):
        p = head_hit if head_hit in people else people[-1]
        person = p.entry.person
        code, _title = person.code_on(ctx.day)
        if p.entry.kind == "party":
            code = party_code(code, roles, former)
        elif p.entry.kind == "actor":
            if not code:
                return []  # a "[---]" actor: recognised, never coded
            code = compose(code, roles, former)
        elif len(code) == 3 and sector_hit and code.isalpha() and not code.startswith("IGO"):
            code += sector_hit.entry.sector or ""
        return [Mention(_actor(code, person.name), _span(ctx, start, end), p.entry.kind)]
    national = [h for h in places if h.entry.kind in ("country", "adjective", "metonym")
                and head.doc[h.last].dep_ in ("poss", "amod", "compound")]
    if igos and head_hit not in igos and national and sector_hit is head_hit and head_hit:
        igos = []  # "Russia's UN ambassador" is Russian, "the UN envoy" is the UN's
    if igos:
        h = head_hit if head_hit in igos else igos[-1]
        return [Mention(_actor(h.entry.code, h.entry.name), _span(ctx, start, end), "name")]
    if not places and allow_of and (head_hit is None or head_hit.entry.kind == "agent"):
        out = []
        for obj in _of_objects(head):
            for m in resolve(obj, ctx, allow_of=False):
                if roles and m.actor.code and m.kind not in ("person", "surname", "weak_surname", "coref",
                                                             "unknown_person", "unknown_org"):
                    m = Mention(_actor(compose(m.actor.code, roles, former), m.actor.name),
                                _span(ctx, start if start is not None else m.span.start,
                                      max(m.span.end, end)), m.kind)
                out.append(m)
        if out:
            return out
    if not places and sector_hit is not None and sector_hit is head_hit and any(
            c.dep_ == "amod" and c.lower_ in UNPLACED and c.i not in ctx.hits for c in head.children):
        return []  # "an international tribunal in The Hague": of no country
    if not places and sector_hit is not None and sector_hit is head_hit:
        # "nurses in England", "residents from Seongju": the place gives the country
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                found = []
                for pobj in [p for p in child.children if p.dep_ == "pobj"]:
                    for place in (pobj, *pobj.conjuncts):  # "lawmakers in X and Y"
                        hit = ctx.hits.get(place.i)
                        if hit and hit.entry.kind in ("country", "place", "metonym", "actor"):
                            code = compose(_hit_code(hit, ctx), roles, former)
                            found.append(Mention(_actor(code, hit.entry.name),
                                                 _span(ctx, start, hit.end), "agent_place"))
                        elif hit is None or hit.entry.kind == "agent":  # "from the Georgian government"
                            for m in resolve(place, ctx, allow_of=False):
                                if m.actor.country and m.kind in ("country", "adjective", "actor", "place"):
                                    code = compose(m.actor.code, roles, former)
                                    found.append(Mention(_actor(code, m.actor.name),
                                                         _span(ctx, start, m.span.end), "agent_place"))
                if found:
                    return found
    if not places:
        if sector_hit is not None and (sector_hit is head_hit or head.pos_ == "PROPN" or (
                head.pos_ == "NOUN" and (head.dep_ == "nsubj" or head.lemma_.lower() in FACILITIES))):
            # "the official news agency said"; "attacked a police station": the police
            # a sector noun without a country ("opposition supporters"): the event
            # stage may give it the country of the other actor
            span = _span(ctx, start, end)
            code = agent_code(roles, former)
            if ctx.unknown is not None and unidentified(sector_hit.entry, code, toks):
                return [Mention(Actor(None, None, code[:3], sector_hit.entry.name), span, "unnamed")]
            return [Mention(Actor(code, None, code[:3], sector_hit.entry.name), span, "agent")]
        return []
    countries = _conjoined_places(places, head)
    if len(countries) > 1:
        return [Mention(_actor(compose(h.entry.code, roles, former), h.entry.name),
                        _span(ctx, h.start, end), h.entry.kind) for h in countries]
    place = head_hit if head_hit in places else places[-1]
    owner = _possessor(places, place, agents, head.doc)
    if owner is not None:
        place = owner  # "Ithilen's minister Calimehtar": Ithilen's minister
    if roles:
        code = compose(place.entry.code, roles, former)
    else:
        code = place.entry.code + (place.entry.sector or "" if place.entry.kind in ("metonym", "demonym") else "")
    return [Mention(_actor(code, place.entry.name), _span(ctx, start, max(end, place.end)), place.entry.kind)]


def _placed(m: Mention, head, ctx: Context) -> Mention:
    """A sector noun without a country placed by an in/from phrase of ``head``."""
    if m.named:
        return m
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
            for pobj in pobjs_of(child):
                hit = ctx.hits.get(pobj.i)
                if hit and hit.entry.kind in ("country", "place", "metonym"):
                    code = hit.entry.code + m.actor.code
                    return Mention(_actor(code, hit.entry.name), _span(ctx, m.span.start, max(m.span.end, hit.end)),
                                   "agent_place")
    return m


def pobjs_of(prep) -> list:
    return [p for c in prep.children if c.dep_ == "pobj" for p in (c, *c.conjuncts)]


def _possessor(places: list[Hit], place: Hit, agents: list[Hit], doc) -> Hit | None:
    """The possessive country of "X's minister NAME" when NAME is coded by country only."""
    if place.entry.kind != "country" or not agents:
        return None
    for h in places:
        if h is not place and h.last < agents[0].first < place.first and doc[h.last].dep_ == "poss":
            return h
    return None


def _conjoined_places(places: list[Hit], head) -> list[Hit]:
    """Adjectives or names joined by "and" inside one phrase ("Chinese and Russian warships")."""
    doc = head.doc
    out: list[Hit] = []
    for h in places:
        tok = doc[h.last]
        linked = tok.dep_ == "conj" or any(c.dep_ == "conj" for c in tok.children)
        if linked and h.entry.code not in {o.entry.code for o in out}:
            out.append(h)
    return out if len(out) > 1 else []


def _coref(head, kind: str, ctx: Context) -> list[Mention]:
    start = head.idx + ctx.offset
    first = min(t.idx for t in head.subtree if t.dep_ in ("det", "nummod", "amod") or t.i == head.i)
    span = _span(ctx, first + ctx.offset, start + len(head.text))
    if kind == "person":
        if ctx.last_person is None:
            return []
        return [Mention(ctx.last_person.actor, span, "coref")]
    if kind == "thing":
        named = _named_before(head, ctx) if head.lower_ != "it" else None
        if named is not None:  # "... in Namibia and asked the country for forgiveness"
            return [Mention(_actor(named.entry.code, named.entry.name), span, "coref")]
        for m in reversed(ctx.recent):  # "it" is a state or body, not a people
            if m.kind not in ("person", "surname", "weak_surname", "demonym"):
                return [Mention(m.actor, span, "coref")]
        return []
    group = ctx.last_group
    if not group:
        distinct: list[Mention] = []
        for m in reversed(ctx.recent):
            if m.key not in {d.key for d in distinct}:
                distinct.append(m)
            if len(distinct) == 2:
                break
        group = list(reversed(distinct)) if len(distinct) == 2 else []
    if head.lower_ in ("they", "them") and not group and ctx.recent:
        group = [ctx.recent[-1]]
    return [Mention(m.actor, span, "coref") for m in group]


def _named_before(head, ctx: Context):
    """The country named last before "the country" in its sentence, not being the
    subject of the clause it stands in."""
    verb = head.head
    while verb.dep_ in ("prep", "pobj", "dobj", "dative") and verb.head.i != verb.i:
        verb = verb.head
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and verb.dep_ == "conj":
        subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    own = {t.i for t in subj.subtree} if subj is not None else set()
    for t in reversed(head.sent[:head.i - head.sent.start]):
        hit = ctx.hits.get(t.i)
        if hit and hit.entry.kind == "country" and t.i not in own:
            return hit
    return None


def resolve_all(head, ctx: Context) -> list[Mention]:
    """Actors of ``head`` and of its conjuncts ("Russia and China")."""
    out: list[Mention] = []
    listed = compound_mentions(head, ctx, _actor)
    if listed is not None:  # a list read from the words ("Fornost and the evil Gondor")
        for one in (one for m in listed for one in _split(m)):
            if one.key not in {o.key for o in out}:
                out.append(one)
        return out
    toks = [head, *head.conjuncts]
    toks += [c for t in list(toks) for c in t.children if c.dep_ == "appos" and c.pos_ == "PROPN"
             and any(g.dep_ == "conj" for g in c.children)]
    toks += [g for t in list(toks) if t.dep_ != "conj" for c in t.children if c.dep_ == "appos"
             for g in c.conjuncts]
    for tok in toks:
        for m in resolve(tok, ctx):
            for one in _split(m):
                if one.key not in {o.key for o in out}:
                    out.append(one)
    return out


def _split(m: Mention) -> list[Mention]:
    """A compound code ("FRO/BIL/SAM", one phrase naming several actors) as its actors."""
    if "/" not in (m.actor.code or ""):
        return [m]
    return [Mention(_actor(c, m.actor.name), m.span, m.kind) for c in m.actor.code.split("/") if c]


def unnamed(mentions: list[Mention]) -> list[Mention]:
    """Agents without a country coded PETRARCH's way: "the minister" -> ---GOV."""
    out = []
    for m in mentions:
        if not m.named and not (m.actor.code or "").startswith("---"):
            m = Mention(Actor("---" + m.actor.code, None, m.actor.sector, m.actor.name), m.span, m.kind)
        out.append(m)
    return out
