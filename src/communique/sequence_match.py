"""Matching word-sequence patterns (sequences.py) against a parsed sentence."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .sequences import Element, SequencePattern, VerbBlocks, VerbForm

NP_DEPS = {"compound", "amod", "poss", "nmod", "det", "nummod", "case", "punct"}


@dataclass
class SequenceMatch:
    pattern: SequencePattern | None  # None: the verb's default code
    code: str
    target: object | None  # head token of the `+` phrase
    source: object | None  # head token of the `$` phrase


def np_head(tok):
    """The head noun of the noun phrase a token belongs to."""
    while tok.dep_ in NP_DEPS and tok.head.i != tok.i and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
        tok = tok.head
    return tok


def clause_after(verb) -> list:
    """Tokens after the verb in its own clause (not in conjoined or relative clauses)."""
    skip = set()
    for c in verb.children:
        if c.i > verb.i and c.dep_ in ("conj", "relcl", "advcl", "parataxis") and c.pos_ in ("VERB", "AUX"):
            skip.update(t.i for t in c.subtree)
    return [t for t in verb.subtree if t.i > verb.i and t.i not in skip and not t.is_punct]


def before_verb(verb) -> list:
    return [t for t in verb.sent if t.i < verb.i and not t.is_punct]


def _word(tok, w: str) -> bool:
    return tok.lower_ == w or tok.lemma_.lower() == w


class _Matcher:
    def __init__(self, synsets, is_actor: Callable):
        self.synsets = synsets
        self.is_actor = is_actor
        self.captured: dict[str, object] = {}

    def run(self, els: list[Element], adj: list[bool], toks: list, anchored: bool,
            reverse: bool) -> bool:
        return self._at(els, adj, toks, 0, 0, anchored, reverse)

    def _at(self, els, adj, toks, j, i, anchored, reverse) -> bool:
        if j == len(els):
            return True
        e = els[j]
        if e.kind in ("compound", "skip"):
            return self._at(els, adj, toks, j + 1, i, anchored or adj[j], reverse)
        last = i + 1 if anchored else len(toks)
        for k in range(i, min(last, len(toks))):
            for nxt in self._element(e, toks, k, reverse):
                if self._at(els, adj, toks, j + 1, nxt, adj[j], reverse):
                    return True
        return False

    def _element(self, e: Element, toks, k: int, reverse: bool):
        tok = toks[k]
        if e.kind == "word":
            if _word(tok, e.value):
                yield k + 1
        elif e.kind == "synset":
            for phrase in self.synsets.get(e.value, ()):
                words = phrase[::-1] if reverse else phrase
                if k + len(words) <= len(toks) and all(_word(toks[k + n], w) for n, w in enumerate(words)):
                    yield k + len(words)
        elif e.kind in ("target", "source") and self.is_actor(tok):
            head = np_head(tok)
            self.captured[e.kind] = head
            n = k + 1
            while n < len(toks) and np_head(toks[n]) is head:
                n += 1  # the rest of the phrase
            yield n


def _adjacency(els: tuple[Element, ...]) -> list[bool]:
    return [e.joined for e in els]


def match_pattern(p: SequencePattern, verb, synsets, is_actor) -> SequenceMatch | None:
    m = _Matcher(synsets, is_actor)
    if p.after and not m.run(list(p.after), _adjacency(p.after), clause_after(verb),
                             p.verb_joined_after, False):
        return None
    if p.before:
        els = list(p.before)[::-1]
        # reversed: element j must touch element j+1 when the forward j+1 was joined to j
        adj = [els[j + 1].joined if j + 1 < len(els) else False for j in range(len(els))]
        if not m.run(els, adj, before_verb(verb)[::-1], p.verb_joined_before, True):
            return None
    return SequenceMatch(p, p.code, m.captured.get("target"), m.captured.get("source"))


def verb_form(blocks: VerbBlocks, verb) -> VerbForm | None:
    """The dictionary verb this token is, checking the words of multi-word verbs."""
    best = None
    for vf in blocks.forms.get(verb.lower_, ()):
        doc = verb.doc
        b, a = len(vf.before), len(vf.after)
        if b and (verb.i - b < 0 or any(not _word(doc[verb.i - b + n], w) for n, w in enumerate(vf.before))):
            continue
        if a and not _after_words(verb, vf.after):
            continue
        if best is None or b + a > len(best.before) + len(best.after):
            best = vf
    return best


def _after_words(verb, words: tuple[str, ...]) -> bool:
    doc = verb.doc
    if verb.i + len(words) < len(doc) and all(_word(doc[verb.i + 1 + n], w) for n, w in enumerate(words)):
        return True
    particles = [c for c in verb.children if c.dep_ in ("prt", "advmod", "prep") and c.i > verb.i]
    return len(words) == 1 and any(_word(c, words[0]) for c in particles)


def match_verb(blocks: VerbBlocks, verb, is_actor) -> SequenceMatch | None:
    vf = verb_form(blocks, verb)
    if vf is None:
        return None
    for p in blocks.patterns[vf.block]:
        found = match_pattern(p, verb, blocks.synsets, is_actor)
        if found:
            return found if found.code else None  # a "---" pattern blocks the verb
    return SequenceMatch(None, vf.code, None, None) if vf.code else None
