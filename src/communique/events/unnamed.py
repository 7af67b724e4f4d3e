"""Material acts whose perpetrator the text does not name.

"A roadside bomb killed three U.S. soldiers", "two activists were arrested", "a grenade was
thrown at a police station": no words stand for whoever did it, so the candidate has no
source. Such a candidate is kept, marked ``anonymous``, when it is a violent or coercive act
(roots 17-20: arrests, assaults, fighting, mass violence) of a main clause, and its verb is
passive or its subject a weapon or a violent act ("a bomb", "the blast", "an air strike"),
not a person, a pronoun or a name left unresolved, nor a disaster ("an earthquake"). Its
events have no source (``Event.source`` is None); statements always need a named source.
"""
from __future__ import annotations

from dataclasses import replace

from communique.events.candidates import Candidates
from communique.events.frames import subject

ROOTS = frozenset({"17", "18", "19", "20"})
MAIN_CLAUSES = frozenset({"ROOT", "conj", "ccomp", "parataxis"})
# what kills or wounds without being someone: weapons and violent acts
INSTRUMENTS = frozenset({
    "bomb", "bombing", "blast", "explosion", "explosive", "device", "ied", "grenade", "mine", "landmine",
    "rocket", "missile", "shell", "shelling", "mortar", "artillery", "airstrike", "strike", "raid",
    "attack", "assault", "ambush", "shooting", "gunfire", "fire", "bullet", "barrage", "drone",
    "fighting", "clash", "violence", "crossfire", "offensive", "bombardment", "car", "truck", "vehicle"})
# what kills without a perpetrator ("were killed in the earthquake")
DISASTERS = frozenset({
    "earthquake", "quake", "flood", "flooding", "storm", "typhoon", "hurricane", "cyclone", "tsunami",
    "landslide", "avalanche", "tornado", "eruption", "drought", "heatwave", "crash", "accident",
    "collision", "derailment", "outbreak", "epidemic", "disease", "virus", "stampede", "lightning"})


def unnamed_perpetrators(cands: Candidates) -> Candidates:
    """The candidates, those without a source that an unnamed perpetrator did marked anonymous."""
    out = dict(cands)
    for i, cand in cands.items():
        if cand.sources or cand.code[:2] not in ROOTS or cand.pattern.nominal or cand.tok.pos_ != "VERB":
            continue
        if cand.tok.dep_ not in MAIN_CLAUSES:
            continue
        subj, passive = subject(cand.tok)
        if _disaster(cand.tok):
            continue
        if passive or (subj is not None and subj.pos_ == "NOUN" and subj.lemma_.lower() in INSTRUMENTS):
            out[i] = replace(cand, anonymous=True)
    return out


def _disaster(verb) -> bool:
    """Is the verb's clause about a disaster or an accident ("killed in the earthquake")?"""
    for c in verb.children:
        if c.dep_ in ("prep", "agent"):
            if any(g.dep_ == "pobj" and g.lemma_.lower() in DISASTERS for g in c.children):
                return True
        elif c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in DISASTERS:
            return True
    return verb.dep_ in ("advcl", "conj") and _disaster(verb.head) if verb.head.i != verb.i else False
