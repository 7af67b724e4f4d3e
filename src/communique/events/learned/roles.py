"""Source and target of a model event, read from the parse around the predicate.

source: the predicate's subject (the by-agent of a passive; the governing verb's subject for
"agreed to resume talks"; the reporter for "X says it has killed ..."); target, best first:
a dative ("handed Syria a batch"), an actor-like object, an actor-like object of
to/against/with/on/at/... (not a time), the subject of a passive, an actor in a complement
or deeper in the predicate's subtree, then any object. Compounds, conjuncts and
coreference come with actor resolution (``resolve_all``).
"""
from __future__ import annotations

from communique.events.learned.features import OBJ
from communique.nlp.syntax import TIME_WORDS

TARGET_PREPS = ("to", "against", "with", "on", "at", "toward", "towards", "from", "over", "into", "for")
CLIMB = ("xcomp", "conj", "advcl", "ccomp")


def _pobj(prep):
    return next((g for g in prep.children if g.dep_ == "pobj"), None)


def _prep_objects(tok) -> list:
    """Non-temporal objects of the token's prepositions, the target prepositions first."""
    found = []
    for p in tok.children:
        g = _pobj(p) if p.dep_ == "prep" else None
        if g is not None and g.lemma_.lower() not in TIME_WORDS and not g.like_num:
            found.append((p.lower_ not in TARGET_PREPS, g.i, g))
    return [g for *_, g in sorted(found, key=lambda x: (x[0], x[1]))]


def _nearest(pred, source, actor_like, depth: int = 4) -> list:
    """Actor-like nouns in the predicate's subtree, nearest in the tree first."""
    skip = {source.i} if source is not None else set()
    out, frontier = [], [pred]
    for _ in range(depth):
        nxt = []
        for t in frontier:
            for c in t.children:
                if c.i in skip or c.dep_ in ("nsubj", "nsubjpass", "punct", "cc", "mark", "aux"):
                    continue
                if c.pos_ in ("NOUN", "PROPN", "PRON") and c.dep_ not in ("compound", "poss") \
                        and c.lemma_.lower() not in TIME_WORDS and actor_like(c):
                    out.append(c)
                nxt.append(c)
        frontier = sorted(nxt, key=lambda t: t.i)
    return out


def _passive(pred) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in pred.children)


def _source(pred, report):
    subj = next((c for c in pred.children if c.dep_ == "nsubj"), None)
    psubj = next((c for c in pred.children if c.dep_ == "nsubjpass"), None)
    cur = pred
    for _ in range(3):  # "agreed to resume talks": the subject of "agreed"
        if subj is not None or psubj is not None or cur.dep_ not in CLIMB:
            break
        cur = cur.head
        subj = next((c for c in cur.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.pos_ == "PRON" and report is not None:
        said = next((c for c in report.children if c.dep_ == "nsubj"), None)
        subj = said if said is not None and said.pos_ != "PRON" else subj
    if _passive(pred):
        agent = next((c for c in pred.children if c.dep_ == "agent"), None)
        return (_pobj(agent) if agent is not None else None), psubj
    return subj, None


def roles(sent, pred, report, actor_like):
    """(source head or None, target head or None) of the event on ``pred``.

    ``actor_like(tok)`` says whether a noun stands for an actor (dictionary, agent noun)."""
    source, psubj = _source(pred, report)
    like = lambda t: t.pos_ in ("PROPN", "PRON") or actor_like(t)  # noqa: E731
    cands = [_pobj(c) if c.pos_ == "ADP" else c for c in pred.children if c.dep_ == "dative"]
    cands = [c for c in cands if c is not None]
    objs = [c for c in pred.children if c.dep_ in OBJ and c.dep_ != "dative"]
    cands += [o for o in objs if like(o)]
    cands += [g for g in _prep_objects(pred) if like(g)]
    cands += [g for o in objs for g in _prep_objects(o) if like(g)]
    if psubj is not None:
        cands.append(psubj)
    for x in pred.children:  # "urged him to ...", "invitation to meet with Kim"
        if x.dep_ == "xcomp":
            cands += [g for g in _prep_objects(x) if like(g)]
            cands += [c for c in x.children if c.dep_ in OBJ and like(c)]
    cands += _nearest(pred, source, like)
    cands += objs + _prep_objects(pred)
    cands = [c for c in cands if source is None or c.i != source.i]
    if source is None and not _passive(pred):  # a headline or fragment: the first noun before it
        source = next((t for t in sent if t.i < pred.i and t.pos_ in ("PROPN", "NOUN")
                       and t.dep_ != "compound"), None)
    return source, (cands[0] if cands else None)
