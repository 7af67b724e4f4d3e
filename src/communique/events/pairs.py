"""From a sentence's candidates to events: sources and targets paired, mirrored for mutual
and reciprocal codes, one event per (source, target, code), each with its evidence."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from communique.actors.home import localise
from communique.actors.resolve import Context, unnamed
from communique.dictionaries.ontology import Ontology
from communique.records import Actor, Event, Mention, Span

# How agents that the sentence gives no country ("police", "the minister") are coded:
# "document": the country of the source (targets), else of the document's context, else ---COP;
# "petrarch": ---COP (PETRARCH's convention, `--unnamed-agents`); "sentence": the source's
# country (targets), else left out.
AGENT_MODES = ("document", "petrarch", "sentence")


@dataclass(frozen=True)
class Pairing:
    """What expansion needs to know: the ontology, the coder version, which codes are
    reciprocal, how agents without a country are coded (AGENT_MODES), and whether events
    without a coded source are dropped (PETRARCH-style output)."""

    ontology: Ontology
    version: str
    reciprocal: frozenset[str]
    reciprocal_with: frozenset[str]
    agents: str = "sentence"
    require_source: bool = False


STATE_SECTORS = {"GOV", "MIL", "COP", "SPY"}  # own forces are instruments, not targets


def _localise(target: Mention, sources: list[Mention]) -> Mention:
    """A sector noun without a country takes the source's country
    ("Venezuelan troops fired tear gas at opposition supporters" -> VENOPP)."""
    if target.named or not sources:
        return target
    src = sources[0].actor
    if not src.country or target.actor.sector in STATE_SECTORS and (
            not src.sector or src.sector[:3] in STATE_SECTORS):
        return target  # a state's own forces are its instruments; its people protest its government
    actor = Actor(src.country + (target.actor.sector or ""), src.country, target.actor.sector,
                  target.actor.name)
    return Mention(actor, target.span, "agent")


def expand(cands, how: Pairing, sent, sent_index: int, ctx: Context, doc_id: str,
           days: dict[int, date], doc_date: date) -> list[Event]:
    """One event per (source, target, code) of the sentence's candidates; ``days`` dates
    the candidates that a date in the sentence dates (the others take ``doc_date``)."""
    events: list[Event] = []
    seen: set[tuple] = set()
    with_target = {(s.key, c.code) for c in cands.values() if c.targets for s in c.sources}
    for i, cand in cands.items():
        day = days.get(i, doc_date)
        if not cand.sources and not cand.anonymous:
            continue
        if cand.sources and not cand.targets and all((s.key, cand.code) in with_target for s in cand.sources):
            continue  # "met X ... to discuss": keep the event that has the target
        sources, targets = _actors(cand, how, ctx)
        if not sources and cand.sources:
            continue
        coded = _pairs(cand, sources, targets, how)
        for s, t, code in coded:
            if how.require_source and (s is None or s.actor.code is None):
                continue
            if t is not None and s is not None and t.key == s.key:
                continue
            key = (s.key if s else None, t.key if t else None, code)
            if key in seen:
                continue
            seen.add(key)
            events.append(_event(cand, s, t, sent, sent_index, ctx, doc_id, day, code, how))
    return events


def _pairs(cand, sources: list[Mention], targets: list[Mention], how: Pairing) -> list[tuple]:
    """(source, target, code) triples: each source with each target, mirrored for reciprocal
    codes; with no source (an unnamed perpetrator) each target alone, source None."""
    if not sources:  # "was shot dead", "a roadside bomb killed ..."
        return [(None, t, cand.code) for t in targets]
    pairs = [(s, t) for s in sources for t in (targets or [None])]
    mirrored = cand.code in how.reciprocal or (
        cand.mutual and cand.code in how.reciprocal_with)
    if not targets and len(sources) > 1 and (
            mirrored or cand.mutual or cand.code in how.reciprocal_with):
        pairs = [(s, t) for s in sources for t in sources if s is not t]  # "X and Y met"
    elif mirrored:
        pairs += [(t, s) for s, t in pairs if t is not None]
    coded = [(s, t, cand.code) for s, t in pairs]
    if cand.paired:
        coded += [(t, s, cand.paired) for s, t in pairs if t is not None]
    return coded


def _actors(cand, how: Pairing, ctx: Context) -> tuple[list[Mention], list[Mention]]:
    """The candidate's sources and targets as coded: agents without a country placed (or
    left out) as ``how.agents`` says."""
    sources = [m for m in cand.sources if not _bare_place(m)]
    if how.agents == "petrarch":
        return unnamed(sources), unnamed(cand.targets)
    if how.agents == "sentence":
        sources = [m for m in sources if m.named]
        targets = [_localise(t, sources) for t in cand.targets]
        return sources, [t for t in targets if t.named]
    home = ctx.home.country()
    sources = _distinct([p for m in sources if (p := localise(m, home, True)) is not None])
    state = {s.actor.country for s in sources if s.actor.country and (
        not s.actor.sector or s.actor.sector[:3] in STATE_SECTORS)}
    # the object of a verbal act (QuadClass 1 or 3) is addressed, never an instrument ("MPs
    # urged the government to ...", "he criticised the police")
    material = how.ontology.lookup(cand.code).quad_class not in (1, 3)
    targets = []
    for m in cand.targets:
        m = _localise(m, sources)
        if material and not m.named and m.actor.sector in STATE_SECTORS and home in state:
            continue  # a state's own forces are its instruments in its acts, not their targets
        m = localise(m, home, True)
        if m is None or m.key in {s.key for s in sources}:
            continue
        targets.append(m)
    return sources, _distinct(targets)


def _bare_place(m: Mention) -> bool:
    """A town or region named alone ("Samarra condemned ..."): no source. Only capitals and
    seats of power stand for governments (they are metonyms); "Seongju residents" act."""
    return m.kind == "place" and m.actor.code is not None and len(m.actor.code) == 3


def _distinct(mentions: list[Mention]) -> list[Mention]:
    """Without a name the dictionaries do not know written right after another actor's words:
    one actor the parser split ("the American whistleblower | Edward Snowden")."""
    return [m for m in mentions if m.actor.code is not None or not any(
        o is not m and o.actor.code is not None and 0 <= m.span.start - o.span.end <= 1 for o in mentions)]


def _event(cand, s, t, sent, sent_index, ctx, doc_id, day, code, how: Pairing) -> Event:
    c = how.ontology.lookup(code)
    tok = cand.tok
    vstart = tok.idx + ctx.offset
    verb = Span(ctx.text[vstart:vstart + len(tok.text)], vstart, vstart + len(tok.text))
    key = f"{doc_id}|{sent_index}|{s.key if s else ''}|{t.key if t else ''}|{c.code}|{vstart}"
    sstart = sent.start_char + ctx.offset
    return Event(
        event_id=hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
        doc_id=doc_id, sentence_index=sent_index, date=day, source=s, target=t,
        cameo=c.code, cameo_root=c.root, quad_class=c.quad_class, goldstein=c.goldstein,
        plover_event=c.plover_event, plover_mode=c.plover_mode, verb=verb,
        sentence=ctx.text[sstart:sent.end_char + ctx.offset], sentence_start=sstart,
        coder_version=how.version, pattern=cand.pattern.text,
    )
