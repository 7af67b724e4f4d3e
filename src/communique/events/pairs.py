"""From a sentence's candidates to events: sources and targets paired, mirrored for mutual
and reciprocal codes, one event per (source, target, code), each with its evidence."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from communique.actors.resolve import Context, unnamed
from communique.dictionaries.ontology import Ontology
from communique.records import Actor, Event, Mention, Span


@dataclass(frozen=True)
class Pairing:
    """What expansion needs to know: the ontology, the coder version, which codes are
    reciprocal, and whether agents without a country are coded (---GOV) or left out."""

    ontology: Ontology
    version: str
    reciprocal: frozenset[str]
    reciprocal_with: frozenset[str]
    unnamed_agents: bool = False


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
    with_target = {(s.actor.code, c.code) for c in cands.values() if c.targets for s in c.sources}
    for i, cand in cands.items():
        day = days.get(i, doc_date)
        if not cand.sources:
            continue
        if not cand.targets and all((s.actor.code, cand.code) in with_target for s in cand.sources):
            continue  # "met X ... to discuss": keep the event that has the target
        if how.unnamed_agents:
            sources, targets = unnamed(cand.sources), unnamed(cand.targets)
        else:
            sources = [m for m in cand.sources if m.named]
            targets = [_localise(t, sources) for t in cand.targets]
            targets = [t for t in targets if t.named]
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
        for s, t, code in coded:
            if t is not None and t.actor.code == s.actor.code:
                continue
            key = (s.actor.code, t.actor.code if t else None, code)
            if key in seen:
                continue
            seen.add(key)
            events.append(_event(cand, s, t, sent, sent_index, ctx, doc_id, day, code, how))
    return events


def _event(cand, s, t, sent, sent_index, ctx, doc_id, day, code, how: Pairing) -> Event:
    c = how.ontology.lookup(code)
    tok = cand.tok
    vstart = tok.idx + ctx.offset
    verb = Span(ctx.text[vstart:vstart + len(tok.text)], vstart, vstart + len(tok.text))
    key = f"{doc_id}|{sent_index}|{s.actor.code}|{t.actor.code if t else ''}|{c.code}|{vstart}"
    sstart = sent.start_char + ctx.offset
    return Event(
        event_id=hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
        doc_id=doc_id, sentence_index=sent_index, date=day, source=s, target=t,
        cameo=c.code, cameo_root=c.root, quad_class=c.quad_class, goldstein=c.goldstein,
        plover_event=c.plover_event, plover_mode=c.plover_mode, verb=verb,
        sentence=ctx.text[sstart:sent.end_char + ctx.offset], sentence_start=sstart,
        coder_version=how.version, pattern=cand.pattern.text,
    )
