"""Compound noun phrases read from the words, not from the parser's attachments.

The small parser often attaches the members of a list as modifiers of each other
("Fornost and the evil awful Gondor": Fornost a modifier of Gondor). Here the
phrase's words are cut at "and", "or" and list commas into members, and each
member is coded from the dictionary hits in it:

* "Mordor, the Shire, Fornost and Bree": one actor per member;
* "Danish media and government": a member with only agents takes the country
  (and the modifying agents) of the member before it: DNKMED, DNKGOV;
* "Lawmakers and officials in Fornost and Gondor": agents before "in", "of" or
  "from" combine with each actor after it: FORLEG, FORGOV, GONLEG, GONGOV;
* "Clerics and lawmakers": agents without a country (REL, LEG).

``compound_mentions`` returns None when the phrase is not such a list, and the
caller resolves it from the parse as usual.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from communique.actors.agent_codes import FORMER, agent_code, compose, party_code
from communique.nlp.syntax import SUBORDINATE_CLAUSES
from communique.records import Actor, Mention, Span

CONJUNCTIONS = {"and", "or"}
BREAKS = {":", ";", "(", ")", "[", "]", "--", "\u2014", "\u2013"}  # a dateline, an aside
LINKS = {"in", "of", "from"}  # "officials in Fornost", "activists of Amnesty"
NAMED = {"person": 0, "actor": 0, "party": 0, "surname": 0, "igo": 1, "country": 2, "metonym": 2,
         "place": 2, "demonym": 3, "adjective": 3}


@dataclass
class Member:
    """One member of a list: its named hit (if any), agents and "former"."""

    tokens: list
    named: object | None = None  # actors.Hit
    agents: list = field(default_factory=list)
    former: bool = False


def _co_subjects(head) -> list:
    """``head`` and the subjects of its verb written right next to it: the parser
    splits "Old foes Gondor and Osgiliath" into two subjects."""
    if head.dep_ not in ("nsubj", "nsubjpass") or head.head.i == head.i:
        return [head]
    sibs = sorted((c for c in head.head.children if c.dep_ == head.dep_), key=lambda c: c.i)
    k = sibs.index(head)
    lo = hi = k
    while lo > 0 and sibs[lo - 1].right_edge.i + 1 == sibs[lo].left_edge.i:
        lo -= 1
    while hi + 1 < len(sibs) and sibs[hi].right_edge.i + 1 == sibs[hi + 1].left_edge.i:
        hi += 1
    return sibs[lo:hi + 1]


def phrase_tokens(head, hits: dict) -> list:
    """The contiguous words of the phrase headed by ``head``, without clauses, up to
    a preposition other than in/of/from ("talks between X and Y" is not a list)."""
    skip: set[int] = set()
    heads = _co_subjects(head)
    subtree = [t for h in heads for t in h.subtree]
    for t in subtree:
        if t.i not in {h.i for h in heads} and t.dep_ in SUBORDINATE_CLAUSES:
            skip.update(s.i for s in t.subtree)
    toks = [t for t in subtree if t.i not in skip]
    run = [t for t in toks if t.i == head.i]
    index = {t.i: t for t in toks}
    i = head.i - 1
    while i in index and index[i].text not in BREAKS:
        run.insert(0, index[i])
        i -= 1
    i = head.i + 1
    while i in index:
        t = index[i]
        if t.text in BREAKS or (t.pos_ in ("ADP", "VERB", "AUX") and t.lower_ not in LINKS and not (
                t.i in hits and hits[t.i].first < t.i)):
            break
        run.append(t)
        i += 1
    return run


def _member(tokens: list, hits: dict) -> Member:
    m = Member(tokens)
    seen: set[int] = set()
    for t in tokens:
        h = hits.get(t.i)
        if h is None or id(h) in seen:
            continue
        seen.add(id(h))
        if h.entry.kind == "agent":
            m.agents.append(h)
            if any(x.lower_ in FORMER and x.i < h.first for x in tokens):
                m.former = True
        elif h.entry.kind in NAMED and (m.named is None or NAMED[h.entry.kind] < NAMED[m.named.entry.kind]):
            m.named = h
    return m


def _split(tokens: list, hits: dict, commas: bool) -> list[list]:
    """Cut at "and"/"or" (and commas in a list) that follow a noun or a name."""
    parts: list[list] = [[]]
    for _k, t in enumerate(tokens):
        inside = t.i in hits and hits[t.i].first < t.i  # "Bosnia and Herzegovina"
        cut = (t.lower_ in CONJUNCTIONS or (commas and t.text == ",")) and not inside
        prev = parts[-1][-1] if parts[-1] else None
        if cut and prev is not None and (prev.pos_ in ("NOUN", "PROPN") or (
                prev.i in hits and hits[prev.i].entry.kind not in ("adjective", "demonym"))):
            parts.append([])
        elif cut and prev is None:
            continue  # ", and" after a comma cut
        else:
            parts[-1].append(t)
    return [p for p in parts if p]


def _link(tokens: list, hits: dict) -> int | None:
    """Position of the first "in"/"of"/"from" that is not inside a dictionary name."""
    for k, t in enumerate(tokens):
        if t.lower_ in LINKS and k > 0 and not (t.i in hits and hits[t.i].first < t.i):
            return k
    return None


def _code(m: Member, day) -> tuple[str, str] | None:
    """(code, name) of a member that names an actor."""
    h = m.named
    if h.entry.person is not None:
        code = h.entry.person.code_on(day)[0]
        if h.entry.kind == "party":
            return party_code(code, [a.entry for a in m.agents], m.former), h.entry.name
        if h.entry.kind != "actor":
            return code, h.entry.person.name  # people keep their own codes
    else:
        code = h.entry.code
    if not code:
        return None  # "[---]": recognised, never coded
    if m.agents:
        return compose(code, [a.entry for a in m.agents], m.former), h.entry.name
    if h.entry.kind in ("metonym", "demonym") and h.entry.sector:
        code += h.entry.sector
    return code, h.entry.name


def _shares(m: Member, final: Member) -> bool:
    """Does a bare country name or adjective share the last member's agents
    ("US and British activists", "Chinese and Russian warships")?"""
    words = [t for t in m.tokens if t.pos_ not in ("DET", "PUNCT")]
    return m.named.entry.kind in ("country", "adjective") and all(
        t.i in range(m.named.first, m.named.last + 1) for t in words) and bool(final.agents) \
        and final.named is not None and final.named.last < final.agents[-1].first


def compound_mentions(head, ctx, actor) -> list[Mention] | None:
    """Mentions of a list phrase headed by ``head``, or None when it is not a list.
    ``actor(code, name)`` builds an Actor from a code."""
    if head.pos_ == "PRON":
        return None
    hits = ctx.hits
    tokens = phrase_tokens(head, hits)
    words = {t.lower_ for t in tokens if not (t.i in hits and hits[t.i].first < t.i)}
    if not words & CONJUNCTIONS:
        return None
    link = _link(tokens, hits)
    before = tokens[:link] if link is not None else tokens
    after = tokens[link + 1:] if link is not None else []
    nxt = _link(after, hits) if after else None
    after = after[:nxt] if nxt is not None else after
    members = [_member(p, hits) for p in _split(before, hits, True)]
    places = [m for m in (_member(p, hits) for p in _split(after, hits, True)) if m.named]
    if len(members) < 2 and not (len(places) >= 2 and members and members[0].agents
                                 and not members[0].named):
        return None
    out: list[Mention] = []

    def add(code: str, name: str, m: Member, kind: str) -> None:
        if code and code not in {o.actor.code for o in out}:
            toks = m.tokens
            start, end = toks[0].idx + ctx.offset, toks[-1].idx + len(toks[-1].text) + ctx.offset
            who = Actor(code, None, code[:3], name) if kind == "agent" else actor(code, name)
            out.append(Mention(who, Span(ctx.text[start:end], start, end), kind))

    last_named: Member | None = None
    final = members[-1]
    for k, m in enumerate(members):
        if m.named is not None and not m.agents and m is not final and _shares(m, final):
            m = Member(m.tokens, m.named, list(final.agents), final.former)  # "US and British activists"
        if m.named is not None:
            found = _code(m, ctx.day)
            if found:
                add(*found, m, m.named.entry.kind)
            last_named = m
            continue
        roles = [a.entry for a in m.agents]
        if places and (roles or k == len(members) - 1):
            for p in places:  # "lawmakers and officials in Fornost and Gondor"
                found = _code(Member(p.tokens, p.named, p.agents + m.agents, m.former), ctx.day)
                if found:
                    add(*found, m, "agent_place")
        elif roles and last_named is not None and last_named.agents \
                and last_named.named.first < last_named.agents[-1].first:
            # "Danish media and government": the country and modifiers carry over
            shared = Member(m.tokens, last_named.named, last_named.agents[:-1] + m.agents, m.former)
            found = _code(shared, ctx.day)
            if found:
                add(*found, m, last_named.named.entry.kind)
        elif roles:
            code = agent_code(roles, m.former)
            add(code, m.agents[-1].entry.name, m, "agent")
    return out or None
