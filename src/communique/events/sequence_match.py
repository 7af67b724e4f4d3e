"""Matching word-sequence patterns (sequences.py) against a parsed sentence."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from communique.dictionaries.sequences import Element, Member, SequencePattern, VerbBlocks, VerbForm
from communique.nlp.syntax import HEAD_CLIMB


@dataclass
class SequenceMatch:
    pattern: SequencePattern | None  # None: the verb's default code
    code: str
    target: object | None  # head token of the `+` phrase
    source: object | None  # head token of the `$` phrase
    words: tuple = ()  # the tokens the pattern's words matched


def np_head(tok):
    """The head noun of the noun phrase a token belongs to."""
    while tok.dep_ in HEAD_CLIMB and tok.head.i != tok.i and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
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


def plural(word: str) -> str:
    """PETRARCH's regular plural of a synset word."""
    if word.endswith(("s", "x", "z")):
        return word + "es"
    if word.endswith("y"):
        return word[:-1] + "ies"
    return word + "s"


def _element_word(tok, e: Element, mode: str) -> bool:
    """A pattern word: `ABC~` a prefix; otherwise as the block's word matching says (a
    TABARI word joined to the next by `_` is exact: FOR_ASYLUM is not "foreign asylum")."""
    if e.kind == "stem" or (mode == "stems" and not e.exact and not e.joined):
        return tok.lower_.startswith(e.value)
    return tok.lower_ == e.value if e.exact or mode != "forms" else _word(tok, e.value)


def _member_at(toks, k: int, m: Member, mode: str, reverse: bool) -> int | None:
    """End of synset member ``m`` read from toks[k] (backwards when ``reverse``), or None."""
    words = m.words
    if k + len(words) > len(toks):
        return None
    for n, w in enumerate(words):
        tok = toks[k + (len(words) - 1 - n if reverse else n)]
        last = n == len(words) - 1
        if mode == "forms":
            ok = _word(tok, w)
        elif mode == "stems":
            ok = tok.lower_ == w if last and m.exact else tok.lower_.startswith(w)
        else:
            ok = tok.lower_ == w or (last and not m.exact and tok.lower_ == plural(w))
        if not ok:
            return None
    return k + len(words)


class _Matcher:
    def __init__(self, synsets, is_actor: Callable, mode: str = "forms"):
        self.synsets = synsets
        self.mode = mode
        self.is_actor = is_actor
        self.captured: dict[str, object] = {}
        self.used: list = []  # tokens the pattern's words matched

    def run(self, els: list[Element], adj: list[bool], toks: list, anchored: bool,
            reverse: bool) -> bool:
        return self._at(els, adj, toks, 0, 0, anchored, reverse)

    def _at(self, els, adj, toks, j, i, anchored, reverse) -> bool:
        if j == len(els):
            return True
        e = els[j]
        if e.kind == "compound" and reverse:  # the subject: found by the caller
            return self._at(els, adj, toks, j + 1, i, anchored or adj[j], reverse)
        last = i + 1 if anchored else len(toks)
        for k in range(i, min(last, len(toks))):
            for nxt in self._element(e, toks, k, reverse):
                if self._at(els, adj, toks, j + 1, nxt, adj[j], reverse):
                    if e.kind in ("word", "stem", "synset", "alt"):
                        self.used.extend(toks[k:nxt])
                    return True
        return False

    def _element(self, e: Element, toks, k: int, reverse: bool):
        tok = toks[k]
        if e.kind in ("word", "stem"):
            if _element_word(tok, e, self.mode):
                yield k + 1
        elif e.kind in ("synset", "alt"):
            phrases = self.synsets.get(e.value, ()) if e.kind == "synset" else e.options
            for m in phrases:
                end = _member_at(toks, k, m, self.mode, reverse)
                if end is not None:
                    yield end
        elif e.kind == "skip":  # `^`: one noun phrase
            if tok.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
                yield _phrase_end(toks, k)
        elif e.kind in ("target", "source", "compound") and self.is_actor(tok):
            self.captured["source" if e.kind == "source" else "target"] = np_head(tok)
            yield _phrase_end(toks, k)


def _phrase_end(toks, k: int) -> int:
    """Past the rest of the noun phrase toks[k] belongs to."""
    head = np_head(toks[k])
    n = k + 1
    while n < len(toks) and np_head(toks[n]) is head:
        n += 1
    return n


def _adjacency(els: tuple[Element, ...]) -> list[bool]:
    return [e.joined for e in els]


def match_pattern(p: SequencePattern, verb, synsets, is_actor,
                  mode: str = "forms") -> SequenceMatch | None:
    m = _Matcher(synsets, is_actor, mode)
    if p.after and not m.run(list(p.after), _adjacency(p.after), clause_after(verb),
                             p.verb_joined_after, False):
        return None
    if p.before:
        els = list(p.before)[::-1]
        # reversed: element j must touch element j+1 when the forward j+1 was joined to j
        adj = [els[j + 1].joined if j + 1 < len(els) else False for j in range(len(els))]
        if not m.run(els, adj, before_verb(verb)[::-1], p.verb_joined_before, True):
            return None
    return SequenceMatch(p, p.code, m.captured.get("target"), m.captured.get("source"), tuple(m.used))


def verb_forms(blocks: VerbBlocks, verb) -> list[VerbForm]:
    """The dictionary verbs this token is (multi-word verbs checked), longest first; a
    verb listed in several blocks is in each."""
    found = []
    doc = verb.doc
    for vf in blocks.forms.get(verb.lower_, ()):
        b, a = len(vf.before), len(vf.after)
        if b and (verb.i - b < 0 or any(not _word(doc[verb.i - b + n], w) for n, w in enumerate(vf.before))):
            continue
        if a and not _after_words(verb, vf.after):
            continue
        found.append(vf)
    return sorted(found, key=lambda vf: -(len(vf.before) + len(vf.after)))  # stable


def verb_form(blocks: VerbBlocks, verb) -> VerbForm | None:
    """The dictionary verb this token is, checking the words of multi-word verbs."""
    forms = verb_forms(blocks, verb)
    return forms[0] if forms else None


def _after_words(verb, words: tuple[str, ...]) -> bool:
    doc = verb.doc
    if verb.i + len(words) < len(doc) and all(_word(doc[verb.i + 1 + n], w) for n, w in enumerate(words)):
        return True
    particles = [c for c in verb.children if c.dep_ in ("prt", "advmod", "prep") and c.i > verb.i]
    return len(words) == 1 and any(_word(c, words[0]) for c in particles)


def match_verb(blocks: VerbBlocks, verb, is_actor) -> SequenceMatch | None:
    """The first pattern that matches, from the blocks of the verb's dictionary forms in
    turn; else the code of its (longest) form."""
    forms = verb_forms(blocks, verb)
    if not forms:
        return None
    for n in dict.fromkeys(vf.block for vf in forms):
        for p in blocks.patterns[n]:
            found = match_pattern(p, verb, blocks.synsets, is_actor, blocks.words[n])
            if found:
                return found if found.code else None  # a "---" pattern blocks the verb
    vf = forms[0]
    return SequenceMatch(None, vf.code, None, None) if vf.code else None
