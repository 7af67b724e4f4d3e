"""Which date dates which event: a date expression dates an event only when it attaches to
the event's verb or clause (or to the event noun), never when it modifies another noun
("the Joint Statement of September 19, 2005") or names an anniversary. Future events
resolve their dates forward from the document date."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from communique.events.candidates import Candidates
from communique.events.dates import find_dates
from communique.nlp.syntax import TIME_WORDS

# nouns whose dates are never an event's: what they date is a past occasion
COMMEMORATIVE = {"anniversary", "commemoration", "centenary", "centennial", "jubilee", "memorial"}
CLAUSE_LINKS = ("conj", "xcomp", "ccomp", "advcl", "parataxis")
ARGUMENTS = ("dobj", "nsubj", "nsubjpass", "attr", "pobj", "dative")


def _phrase_head(toks: list):
    inside = {t.i for t in toks}
    return next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[0])


def _anchor(head):
    """What the date phrase hangs on, climbing over prepositions and the time nouns around a
    date ("on Friday evening", "early hours on Thursday"), and how: the preposition's
    lemma, or the dependency label of the phrase head."""
    via = head.dep_
    x = head
    while x.head.i != x.i:
        h = x.head
        if h.pos_ == "ADP" or h.dep_ in ("prep", "agent"):
            via = h.lower_
        elif h.lemma_.lower() in TIME_WORDS and h.pos_ in ("NOUN", "PROPN") or h.pos_ == "ADV":
            via = h.dep_  # "on Friday evening", "late on Monday"
        else:
            return h, via
        x = h
    return None, via


def _inside(anchor, event_tok) -> bool:
    """Is ``anchor`` a noun inside the event's own clause (no other verb between them)?"""
    x = anchor
    for _ in range(12):
        if x.head.i == x.i:
            return False
        x = x.head
        if x.i == event_tok.i:
            return True
        if x.pos_ in ("VERB", "AUX"):
            return False
    return False


def _clause_chain(tok) -> list:
    """The event token and the verbs above it in its clause chain ("said ... would meet")."""
    chain = [tok]
    cur = tok
    if cur.pos_ in ("NOUN", "PROPN") and cur.dep_ in ARGUMENTS and cur.head.i != cur.i:
        cur = cur.head  # "condemned the attack on Monday": the verb of a nominal event
        if cur.pos_ == "ADP":
            cur = cur.head
        chain.append(cur)
    for _ in range(4):
        if cur.dep_ not in CLAUSE_LINKS or cur.head.i == cur.i:
            break
        cur = cur.head
        chain.append(cur)
    return chain


def _dates(event_tok, anchor, via: str) -> bool:
    if anchor is None or anchor.lemma_.lower() in COMMEMORATIVE or via == "of":
        return False  # "the Joint Statement of September 19, 2005", "the 75th anniversary"
    if anchor.i == event_tok.i:
        return True
    chain = _clause_chain(event_tok)
    if anchor.pos_ in ("VERB", "AUX"):
        if any(t.i == anchor.i for t in chain):
            return True
        # "forced the plane to land on Friday": the event's own complement; "positions
        # belonging to X on Tuesday": a participle inside the event's clause
        own = anchor.dep_ == "xcomp" and any(t.i == anchor.head.i for t in chain)
        return own or anchor.dep_ == "acl" and anchor.tag_ in ("VBG", "VBN") and _inside(anchor, event_tok)
    # not the date of another clause
    if any(t.i == anchor.head.i for t in chain) and anchor.dep_ in ARGUMENTS:
        # "The March 17 explosion killed ...", "held talks on Monday"; but "called off the
        # June 12 summit" dates the summit, not the calling off
        return anchor.dep_ in ("nsubj", "nsubjpass") or via not in ("compound", "poss", "nmod", "amod")
    return _inside(anchor, event_tok)  # "met X at a hotel in the capital on 23 July"


def event_days(sent, cands: Candidates, ref: date, future: Callable[[object], bool]) -> dict[int, date]:
    """Candidate token index -> the date that dates it (absent: the document date).
    ``future(tok)``: is the event (or the verb a date hangs on) in the future?"""
    mentions = find_dates(sent.text) if cands else []
    if not mentions:
        return {}
    base = sent.start_char
    anchors = []
    for m in mentions:
        toks = [t for t in sent if t.idx - base < m.end and t.idx + len(t.text) - base > m.start]
        if toks:
            anchors.append((m, *_anchor(_phrase_head(toks))))
    out: dict[int, date] = {}
    for i, cand in cands.items():
        for m, anchor, via in anchors:
            if _dates(cand.tok, anchor, via):
                verb = anchor if anchor.pos_ in ("VERB", "AUX") else cand.tok
                day = m.resolve(ref, forward=future(verb))
                if day is not None:
                    out[i] = day
                    break
    return out
