"""Applying PETRARCH-2 verb transformations (dictionaries.transformations) to the
candidate events of a sentence."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from communique.dictionaries.sequences import VerbBlocks
from communique.dictionaries.transformations import Transformation

CLAUSES = ("ccomp", "xcomp")


def _blocks(blocks: VerbBlocks, word: str) -> set[int]:
    return {vf.block for vf in blocks.forms.get(word, ())}


def _codes(blocks: VerbBlocks, word: str) -> set[str]:
    return {vf.code for vf in blocks.forms.get(word, ()) if vf.code}


def _upper_matches(blocks: VerbBlocks, tok, word: str) -> bool:
    own = tok.lower_
    return bool(_blocks(blocks, own) & _blocks(blocks, word)
                or _codes(blocks, own) & _codes(blocks, word))


def _lower_matches(blocks: VerbBlocks, code: str, word: str) -> bool:
    if word == "q":
        return True
    return any(code.startswith(c.rstrip("0") if len(c.rstrip("0")) >= 2 else c[:2])
               for c in _codes(blocks, word))


def _codes_of(mentions) -> set[str]:
    return {m.key for m in mentions}


def _own_subject(tok) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in tok.children)


def _bind(t: Transformation, upper_sources, cand) -> dict | None:
    """Actors for the rule's letters, or None when the embedded event does not fit. An
    embedded infinitive without its own subject ("wants to attack") has no source."""
    names = {"a": upper_sources}
    lower = cand.sources if cand.tok.dep_ != "xcomp" or _own_subject(cand.tok) else []
    if t.lower_source == "_":
        if lower:
            return None
    elif t.lower_source == "a":
        if not lower or _codes_of(lower) != _codes_of(upper_sources):
            return None
    else:
        if not lower or _codes_of(lower) == _codes_of(upper_sources):
            return None
        names[t.lower_source] = lower
    if not cand.targets:
        return None
    if t.lower_target != ".":
        names[t.lower_target] = cand.targets
    return names


def apply_transformations(rules: list[Transformation], blocks: VerbBlocks, cands: dict,
                          subject_actors: Callable) -> dict:
    """Merge an embedded event and its governing verb's event by the first rule that fits;
    ``subject_actors(verb)``: actors of a verb's subject when that verb coded no event."""
    if not rules:
        return cands
    out = dict(cands)
    for i, cand in cands.items():
        tok = cand.tok
        if tok.dep_ not in CLAUSES or tok.head.i >= tok.i or i not in out:
            continue  # not a complement after its verb ("X did Y, officials said" is not)
        head = tok.head
        upper = out.get(head.i)
        sources = upper.sources if upper is not None and upper.sources else subject_actors(head)
        if not sources:
            continue
        for t in rules:
            if not (_upper_matches(blocks, head, t.upper_verb)
                    and _lower_matches(blocks, cand.code, t.lower_verb)):
                continue
            names = _bind(t, sources, cand)
            if names is None or t.source not in names or t.target not in names:
                continue
            out[i] = replace(cand, sources=names[t.source], targets=names[t.target],
                             code=cand.code if t.code.upper() == "Q" else t.code,
                             paired=None, mutual=False, transformed=True)
            out.pop(head.i, None)
            break
    return out
