"""Source and target of a verb-block match whose pattern names no `$` / `+` slot.

PETRARCH takes the source from the subject of the verb's clause, a pronoun subject from
the clause that governs it ("Ethiopia indicated it would act": Ethiopia), and the target
from the first actor in the rest of the verb phrase.
"""
from __future__ import annotations

from collections.abc import Callable

from communique.events.frames import subject
from communique.events.sequence_match import clause_after, np_head
from communique.nlp.syntax import GOVERNED_CLAUSES

CLAUSE_HEADS = ("ROOT", "ccomp", "conj", "advcl", "parataxis")


def governing_subject(verb, resolve: Callable) -> list:
    """Actors of the subject of the nearest clause above ``verb`` whose subject is no pronoun."""
    cur = verb
    for _ in range(4):
        if cur.dep_ not in GOVERNED_CLAUSES or cur.head.i == cur.i:
            return []
        cur = cur.head
        subj, passive = subject(cur)
        if subj is not None and subj.pos_ != "PRON" and not passive:
            return resolve(subj)
    return []


def misparsed_subject(verb):
    """A proper noun the parser hung on a clause's verb as a compound instead of making it
    the subject ("Ethiopia act on ..."), or None. Not "Al-Qaeda-linked" (a modifier)."""
    if verb.dep_ not in CLAUSE_HEADS:
        return None
    for c in verb.children:
        if c.pos_ == "PROPN" and (c.dep_ == "compound" and c.i < verb.i
                                  or c.dep_ == "npadvmod" and c.i == verb.i - 1):
            return c
    return None


def clausal_noun(tok) -> bool:
    """A word tagged as a noun that the parser made the head of a complement or adverbial
    clause ("Estonia departs from Libya ..., an official said"): read it as a verb."""
    return tok.pos_ == "NOUN" and tok.dep_ in ("ccomp", "advcl")


def first_actor_after(verb, usable: Callable, resolve: Callable) -> list:
    """Actors of the first usable actor token in the rest of the verb phrase."""
    for t in clause_after(verb):
        if usable(t):
            found = resolve(np_head(t)) or resolve(t)
            if found:
                return found
    return []


PASSIVE_SOURCE_PREPS = ("by", "from", "in")


def passive_sources(verb, resolve: Callable) -> list:
    """Actors of a by/from/in phrase of the verb or of its object: the source of a verb
    that a ":code" pattern reads as a passive."""
    heads = [verb] + [c for c in verb.children if c.dep_ in ("dobj", "attr")]
    for h in heads:
        for c in h.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in PASSIVE_SOURCE_PREPS:
                found = [m for g in c.children if g.dep_ == "pobj" for m in resolve(g)]
                if found:
                    return found
    return []


def drop_subordinate(cands: dict) -> dict:
    """PETRARCH codes an adverbial clause ("... after crowds burned down its embassy") only
    when the clause it modifies coded nothing."""
    cands = dict(cands)
    for i, cand in list(cands.items()):
        tok = cand.tok
        if tok.dep_ != "advcl":
            continue
        head = tok.head
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        if head.i in cands or any(c.i in cands for c in head.conjuncts):
            cands.pop(i)
    return cands
