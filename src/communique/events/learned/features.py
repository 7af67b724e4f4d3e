"""What the classifier reads in a parsed sentence: its words and its parse.

``predicate(sent)`` picks the word an event would hang on: the sentence root, or for a
reporting root ("X said Y attacked Z") its complement verb. ``parse_terms`` gives string
features around it (lemma, particle, object, prepositions, subject and object heads with
their dictionary actor types, negation, modality, complements, the reporting verb) and a
bag of content lemmas; ``word_terms`` the lower-cased word 1- and 2-grams of the text. The
same functions make the training data (through the coder) and the runtime features.
"""
from __future__ import annotations

import re

from communique.actors.resolve import Context, resolve_all

REPORT = {"say", "tell", "report", "add", "state", "claim", "announce", "note", "write", "insist",
          "declare", "confirm", "explain", "believe", "think", "argue", "warn", "stress", "suggest"}
MODALS = {"will", "would", "could", "may", "might", "can", "should", "must", "shall", "'ll", "wo"}
NEG = {"not", "n't", "never", "no"}
SUBJ = ("nsubj", "nsubjpass", "csubj")
OBJ = ("dobj", "attr", "oprd", "dative")
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def word_terms(text: str) -> list[str]:
    """Lower-cased words of two or more characters and their bigrams."""
    words = _TOKEN.findall(text.lower())
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


def predicate(sent):
    """The main event word of a sentence (a Span), and the reporting verb above it."""
    if not len(sent):
        return None, None
    root = sent.root
    if root.pos_ not in ("VERB", "AUX"):  # a misparsed or verbless root: its first finite verb
        verbs = [t for t in sent if t.pos_ == "VERB" and t.tag_ in ("VBD", "VBZ", "VBP")
                 and t.dep_ not in ("amod", "compound", "relcl", "acl")]
        root = verbs[0] if verbs else root
    report = None
    if root.lemma_.lower() in REPORT:
        comp = [c for c in root.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")]
        if comp:
            report, root = root, comp[0]
    if root.pos_ == "AUX" and root.lemma_ == "be":  # "X is ready to ...": its complement
        comp = [c for c in root.children if c.dep_ in ("xcomp", "acomp", "attr")]
        if comp and comp[0].pos_ in ("VERB", "NOUN"):
            root = comp[0]
    return root, report


class ActorTypes:
    """The dictionary's view of a noun: which kind of actor it names, if any."""

    def __init__(self, actors):
        self.agent_words = {phrase.lower().split()[-1] for phrase, entry, _ in actors.entries
                            if entry.kind == "agent" and phrase.strip()}

    def of(self, tok, ctx: Context) -> list[str]:
        if tok is None:
            return []
        out = []
        for m in resolve_all(tok, ctx)[:2]:
            a = m.actor
            out += [f"sec:{a.sector[:3]}" if a.sector else "sec:none",
                    "country" if a.country else "nocountry", f"kind:{m.kind}"]
        return out or ["noactor"]

    def is_actor(self, tok, ctx: Context) -> bool:
        """A dictionary actor, or a noun that names people (an agent word)."""
        return tok.lower_ in self.agent_words or tok.lemma_.lower() in self.agent_words or bool(
            resolve_all(tok, ctx))


def _lemma(t) -> str:
    return t.lemma_.lower() if t is not None else "-"


def _child_terms(pred, p: str, f: list[str]):
    """Terms of the predicate's dependents; returns its subject and object."""
    subj = obj = None
    for c in pred.children:
        d = c.dep_
        if d in SUBJ and subj is None:
            subj = c
            f.append("pass" if d == "nsubjpass" else "act")
        elif d in OBJ and obj is None:
            obj = c
        elif d == "prt":
            f.append(f"pp={p}_{c.lower_}")
        elif d == "prep":
            f.append(f"pr={p}_{c.lower_}")
            for g in c.children:
                if g.dep_ == "pobj":
                    f += [f"pn={c.lower_}_{_lemma(g)}", f"ppn={p}_{c.lower_}_{_lemma(g)}"]
        elif d == "agent":
            f.append("byagent")
        elif d in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
            f += [f"x={_lemma(c)}", f"px={p}_{_lemma(c)}"]
            f += [f"xo={_lemma(c)}_{_lemma(g)}" for g in c.children if g.dep_ in OBJ]
        elif d == "neg" or c.lower_ in NEG:
            f.append("neg")
        elif d == "aux" and c.lower_ in MODALS:
            f.append(f"mod={c.lower_}")
        elif d == "aux" and c.lemma_ == "have":
            f.append("perfect")
        elif d == "advcl" and c.pos_ == "VERB":
            f.append(f"adv={_lemma(c)}")
    return subj, obj


def parse_terms(sent, ctx: Context, types: ActorTypes) -> list[str]:
    pred, report = predicate(sent)
    if pred is None:
        return ["empty"]
    p = _lemma(pred)
    f = [f"p={p}", f"pos={pred.pos_}", f"tag={pred.tag_}"]
    if report is not None:
        f.append(f"rep={_lemma(report)}")
    subj, obj = _child_terms(pred, p, f)
    if subj is None and pred.dep_ in ("xcomp", "conj", "ccomp") and pred.head is not None:
        subj = next((c for c in pred.head.children if c.dep_ in SUBJ), None)
    f += [f"s={_lemma(subj)}", f"o={_lemma(obj)}"]
    if obj is not None:
        f.append(f"po={p}_{_lemma(obj)}")
        for g in obj.children:
            if g.dep_ in ("compound", "amod"):
                f.append(f"om={_lemma(g)}")
            if g.dep_ == "prep":
                f.append(f"opn={g.lower_}_{'_'.join(_lemma(x) for x in g.children if x.dep_ == 'pobj')}")
    f += [f"sa:{x}" for x in types.of(subj, ctx)]
    f += [f"oa:{x}" for x in types.of(obj, ctx)]
    for t in sent:  # bag of content lemmas
        if t.pos_ == "VERB":
            f.append(f"v={_lemma(t)}")
        elif t.pos_ == "NOUN" and t.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "ROOT"):
            f.append(f"n={_lemma(t)}")
    return f
