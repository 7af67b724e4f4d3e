"""Reading the dependency parse around a verb: its frame, subject, negation."""
from __future__ import annotations

from dataclasses import dataclass

from communique.dictionaries.patterns import PREPOSITIONS, Pattern
from communique.nlp.syntax import TIME_WORDS

NEGATORS = {"not", "n't", "never", "no", "neither", "nor"}
PARTICLES = {"down", "out", "up", "off", "back", "away"}
# prepositions read under a prepositional object: "$2 million in relief for Nepal"
NESTED_PREPS = ("for", "to")
# dependencies of a verb's objects: a class word may be filled through their "of" phrase
OBJECT_DEPS = ("dobj", "nsubjpass", "attr", "oprd", "dative")


@dataclass
class Element:
    lemma: str
    token: object
    kind: str  # P particle, O object, R preposition, X verb complement, M modifier, T "to" of X
    nested: bool = False  # under a prepositional object: fills a word only after its head


def is_time(prep) -> bool:
    """A temporal phrase ("on Saturday", "in 2007") is never a target."""
    for g in prep.children:
        if g.dep_ == "pobj":
            return g.lower_ in TIME_WORDS or g.lemma_.lower() in TIME_WORDS or g.like_num
    return False


def preps(prep, depth: int = 0, nested: bool = False) -> list[Element]:
    """A preposition, nouns it governs, and prepositions nested under it ("out of") or
    under its noun ("$2 million in relief for Nepal")."""
    if is_time(prep):
        return []
    els = [Element(prep.lower_, prep, "R", nested)]
    for g in prep.children:
        if g.dep_ == "pobj" and g.pos_ == "NOUN":
            els.append(Element(g.lemma_.lower(), g, "N", nested))
            els.extend(modifiers(g))  # "attacked with chemical weapons"
            if not nested:
                els.extend(e for c in g.children if c.dep_ == "prep" and c.lower_ in NESTED_PREPS
                           for e in preps(c, depth + 1, True))
        elif g.dep_ == "prep" and depth < 2:
            els.extend(preps(g, depth + 1, nested))
    return els


def modifiers(noun) -> list[Element]:
    return [Element(g.lemma_.lower(), g, "M") for g in noun.children if g.dep_ in ("compound", "amod")]


def frame(tok, datives: bool = False) -> list[Element]:
    """The verb's dependents as pattern elements; with ``datives``, an indirect object
    is an object ("give Pakistan $6 billion")."""
    els: list[Element] = []
    for c in tok.children:
        dep = c.dep_
        if dep == "prt" and c.pos_ == "ADP" and dangling(c):
            els.append(Element(c.lower_, c, "R"))  # "fired on and seized three vessels"
        elif dep in ("prt", "advmod") and c.pos_ in ("ADP", "ADV", "PART"):
            els.append(Element(c.lower_, c, "P"))
            for g in c.children:
                if g.dep_ == "prep":
                    els.extend(preps(g))
        elif dep in ("dobj", "attr", "oprd", "nsubjpass") or (dep == "pobj" and tok.pos_ == "ADP"):
            els.append(Element(c.lemma_.lower(), c, "O"))
            for g in c.children:
                if g.dep_ == "prep":
                    els.extend(preps(g))
                elif g.dep_ in ("compound", "amod"):
                    els.append(Element(g.lemma_.lower(), g, "M"))
        elif datives and dep == "dative" and c.pos_ in ("NOUN", "PROPN", "PRON"):
            els.append(Element(c.lemma_.lower(), c, "O"))  # "give Pakistan $6 billion"
        elif dep in ("prep", "dative"):
            els.extend(preps(c))
        elif dep in ("xcomp", "acomp", "ccomp") and c.pos_ in ("VERB", "ADJ", "AUX"):
            els.append(Element(c.lemma_.lower(), c, "X"))
            els.extend(Element("to", g, "T") for g in c.children if g.dep_ == "aux" and g.lower_ == "to")
    return els


def match(p: Pattern, els: list[Element]) -> list[Element] | None:
    used: list[Element] = []
    last = len(p.words) - 1
    for n, w in enumerate(p.words):
        # a final particle ("give in", "step down") is not a preposition with an object
        bare = n == last and w in PARTICLES and len(p.words) == 1 and w != "on"
        # the "to" of an infinitive only before its verb ("threaten to attack")
        infinitive = n < last and any(e.kind == "X" and p.accepts(n + 1, e.lemma, e.token) for e in els)
        for e in els:
            if e.kind == "T" and not (infinitive and p.accepts(n + 1, e.token.head.lemma_.lower(),
                                                               e.token.head)):
                continue
            if e not in used and fills(p, n, e, used) and not (
                    bare and e.kind == "R" and pobjs(e.token)):
                used.append(e)
                break
        else:
            return None
    # a modifier stands in a pattern only with its noun ("weapons inspectors" are no weapons)
    # or when it names what a proper name is ("the tanker Stena Impero")
    tokens = {e.token.i for e in used}
    if any(e.kind == "M" and not named(e) and e.token.head.i not in tokens for e in used):
        return None
    return used


def named(e: Element) -> bool:
    """A modifier of a proper name: "tanker" in "the oil tanker Stena Impero"."""
    return e.kind == "M" and e.token.head.pos_ == "PROPN"


def fills(p: Pattern, n: int, e: Element, used: list[Element]) -> bool:
    """Does element ``e`` fill the pattern's n-th word? An element under a prepositional
    object only right after the word it hangs under ("in &AID for"). A class word
    ("&ARMS") is filled by the verb's own dependents, not by a modifier (but "the tanker
    Stena Impero") nor a bare name ("Shell"), and by a noun under a
    preposition only when the pattern names that preposition just before ("with &ARMS")
    or, in an object's place, through the object's "of" ("a batch of fighter jets")."""
    if e.nested and not (used and used[-1].token.i == e.token.head.i):
        return False
    if p.sets and p.sets[n] is not None:
        tok = e.token
        if e.kind == "M" and not named(e) or tok.pos_ == "PROPN" and not tok.text.isupper() and not any(
                c.dep_ in ("det", "compound", "amod") for c in tok.children):
            return False
        prev = p.words[n - 1] if n else None
        if e.kind == "N" and not (tok.head.lower_ == prev and used and used[-1].token.i == tok.head.i
                                  if prev in PREPOSITIONS else
                                  tok.head.lower_ == "of" and tok.head.head.dep_ in OBJECT_DEPS):
            return False
    return p.accepts(n, e.lemma, e.token)


def best(plist: list[Pattern], els: list[Element]):
    """The matching pattern that takes the most words of the sentence (a class's phrase
    member such as "sarin attack" counts its words), of those the one naming fewest
    classes, then the first; with the elements it used. ``plist`` is sorted by span."""
    found, score = (None, None), 0
    lemmas = {e.lemma for e in els}
    if hasattr(plist, "candidates"):
        plist = plist.candidates(lemmas)
    for p in plist:
        if found[0] is not None and p.span < score:
            break
        if not p.possible(lemmas):
            continue
        used = match(p, els)
        if used is None:
            continue
        size = sum(p.size(n, e.lemma, e.token) for n, e in enumerate(used))
        if found[0] is None or size > score or size == score and p.general < found[0].general:
            found, score = (p, used), size
    return found


def pobjs(prep) -> list:
    out = []
    for c in prep.children:
        if c.dep_ == "pobj":
            out.extend([c, *c.conjuncts])
        elif c.dep_ == "pcomp":
            out.extend(g for g in c.children if g.dep_ in ("pobj", "dobj"))
    if not out and prep.pos_ == "ADP" and prep.dep_ in ("prep", "prt") and not any(True for _ in prep.children):
        out = dangling(prep)
    return out


def dangling(prep) -> list:
    """The object of a preposition the parser left empty: "fired on and seized three
    vessels" (the next verb's object), "fired at opposition supporters marching in
    Caracas" (the subject of the clause that follows)."""
    head = prep.head
    for c in head.children:
        if c.dep_ == "conj" and c.i > prep.i and c.pos_ == "VERB":
            objs = [g for g in c.children if g.dep_ == "dobj"]
            if objs:
                return objs
    for c in head.children:
        for g in c.children if c.i > prep.i and c.dep_ in ("advcl", "ccomp", "acl") else ():
            if g.dep_ in ("nsubj", "nsubjpass") and g.left_edge.i == prep.i + 1:
                return [g]
    return []


def negator(tok) -> bool:
    return tok.dep_ == "neg" or tok.lower_ in NEGATORS


def negated(tok) -> bool:
    """Negated verb, or a verb conjoined to one ("never confirmed or denied")."""
    if any(c.dep_ == "neg" or c.lower_ in NEGATORS and c.dep_ in ("advmod", "neg", "det", "preconj", "cc")
           for c in tok.children):
        return True
    return tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "neg" or c.lower_ in NEGATORS for c in tok.head.children)


def conditional(tok) -> bool:
    """Events in "if"/"unless" clauses are hypothetical."""
    cur = tok
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in cur.children):
            return True
        if cur.dep_ not in ("conj", "xcomp", "ccomp") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def subject(tok, depth: int = 0):
    """(subject token, passive?) for a verb, inheriting through conj/xcomp/advcl."""
    passive = any(c.dep_ == "auxpass" for c in tok.children)
    for c in tok.children:
        if c.dep_ in ("nsubj", "csubj"):
            return c, passive
        if c.dep_ == "nsubjpass":
            return c, True
    if depth > 4:
        return None, passive
    if tok.dep_ == "relcl":
        return tok.head, passive
    head = tok.head
    if tok.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp":
        head = head.head  # "X is about / ready / likely to restore ..."
    if tok.dep_ in ("conj", "xcomp", "advcl") and head.pos_ in ("VERB", "AUX"):
        sub, head_passive = subject(head, depth + 1)
        return sub, passive or (head_passive and tok.dep_ == "conj" and not has_object(tok))
    return None, passive


def open_subject(tok) -> bool:
    """True when a clause's subject is missing or a bare pronoun ("said it would ...")."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
        return False
    subj = [c for c in tok.children if c.dep_ in ("nsubj", "expl")]
    return not subj or subj[0].lower_ in ("it", "we", "they", "i", "he", "she")


def has_object(tok) -> bool:
    return any(c.dep_ in ("dobj", "attr") for c in tok.children)


def agent(tok):
    for c in tok.children:
        if c.dep_ == "agent":
            return pobjs(c)
    return []
