"""The pre-pass: find, before any parsing, the sentences that cannot yield an event.

An event needs a pattern (its head word and every further word of the pattern, in some
inflected form) and an actor (a dictionary phrase, not counting a bare sector noun such as
"the ministry", which is never coded alone; a capitalised surname several people share, such
as "Kim"; or a word the coreference table knows, such as "they" or "the two sides"). A
sentence lacking either is not parsed. Such a sentence also cannot change the coreference
state, because that state is only updated by coded candidates; people named in it are
still recorded, as without the pre-pass.

A ``gate`` (the learned event layer's word-only classifier, given by the coder) may keep a
sentence that has an actor but no complete pattern: it is parsed when the gate says so.

Sentences are cut with a cautious rule (never after "U.S.", "Mr." or an initial), so a
doubtful boundary keeps text together rather than splitting a sentence.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from communique.dictionaries.actors import ActorDictionary
from communique.dictionaries.patterns import PatternSet
from communique.dictionaries.phrases import after_pro_or_anti, pieces

_WORD = re.compile(r"[^\W\d_]+")
_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])|\n\s*\n")
_ABBREV = {
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "adm",
    "maj", "cmdr", "st", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "inc", "corp", "co", "ltd", "jr", "sr", "prof", "rev", "vs", "mt",
    "ft", "pres", "gens", "reps", "sens", "messrs", "dept", "est", "approx", "fig", "vol"}


def inflections(lemma: str, irregular: Iterable[str] = ()) -> set[str]:
    """Every form the parser could lemmatise to ``lemma`` (generous on purpose)."""
    out = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing", *irregular}
    if lemma.endswith("e"):
        out.add(lemma[:-1] + "ing")
    if lemma.endswith("y"):
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2:
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    # the sentence's words are letter runs, so "cease-fire" is looked for as its runs
    return {w for f in out for w in _WORD.findall(f.lower())}


def lemma_exceptions(nlp) -> dict[str, set[str]]:
    """Irregular forms from the pipeline's lemmatizer tables (lemma -> forms)."""
    out: dict[str, set[str]] = {}
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    except (KeyError, AttributeError, ValueError):
        return out
    for pos in table:
        for form, lemmas in table[pos].items():
            for lemma in lemmas:
                out.setdefault(lemma.lower(), set()).add(form.lower())
    return out


@dataclass(frozen=True)
class Piece:
    """A stretch of a chunk: either to parse, or skipped (with its sentence count)."""

    start: int
    end: int
    parse: bool
    sentences: int = 0


@dataclass
class Plan:
    pieces: list[Piece] = field(default_factory=list)
    people: set[str] = field(default_factory=set)


class Prepass:
    def __init__(self, patterns: PatternSet, actors: ActorDictionary, coref: dict[str, str],
                 irregular: dict[str, set[str]] | None = None, agents_alone: bool = False,
                 surnames: set[str] = frozenset(), gate: Callable[[str], bool] | None = None):
        irregular = irregular or {}
        # a sector noun alone ("the ministry") is never coded unless agents_alone (---GOV)
        self.agents_alone = agents_alone
        self.surnames = surnames  # shared by several people ("Kim"): not dictionary phrases
        self.gate = gate  # text -> parse anyway? (the learned layer's word-only gate)

        def forms(word: str) -> frozenset[str]:
            return frozenset(inflections(word, irregular.get(word, ())))

        def any_forms(members: frozenset[str] | None, word: str) -> frozenset[str]:
            """A plain word's forms, or every form of every member of its class."""
            return forms(word) if members is None else frozenset().union(*map(forms, members))

        self.requirements: dict[str, list[tuple[frozenset[str], ...]]] = {}
        for table in (patterns.verbs, patterns.nouns):
            for head, plist in table.items():
                reqs = [tuple(f for n, w in enumerate(p.words)
                              if (f := any_forms(p.sets[n] if p.sets else None, w))) for p in plist]
                runs = _WORD.findall(head.lower())
                if len(runs) > 1:  # "sit-in": keyed on "sit", and "in" (inflected) is required
                    tail = (*(frozenset({r}) for r in runs[1:-1]), forms(runs[-1]))
                    keys = forms(runs[0]) | {runs[0]}
                    reqs = [(*tail, *r) for r in reqs]
                else:
                    keys = forms(head)
                for f in keys:
                    self.requirements.setdefault(f, []).extend(reqs)
        for form, verbs in patterns.blocks.forms.items():  # PETRARCH-style verb blocks
            for vf in verbs:
                words = tuple(frozenset(_WORD.findall(w)) for w in vf.before + vf.after)
                self.requirements.setdefault(form, []).append(tuple(w for w in words if w))
        self.coref_words = {phrase.split()[-1] for phrase in coref}
        self.actors = actors

    def has_pattern(self, words: set[str]) -> bool:
        for w in words:
            for req in self.requirements.get(w, ()):
                if all(not r.isdisjoint(words) for r in req):
                    return True
        return False

    def plan(self, text: str) -> Plan:
        """Which stretches of ``text`` to parse; neighbouring kept sentences stay together."""
        matches = self.actors.index.find(text, pieces(text))
        plan = Plan(people={m.value.name for m in matches if m.value.kind == "person"
                            and not after_pro_or_anti(text, m.start)})
        starts = [m.start for m in matches]
        i = 0
        for start, end in sentence_spans(text):
            while i < len(starts) and starts[i] < start:
                i += 1
            found = _WORD.findall(text, start, end)
            words = {w.lower() for w in found}
            j, actor = i, not self.coref_words.isdisjoint(words) or any(
                w[0].isupper() and w.lower() in self.surnames for w in found)
            while not actor and j < len(starts) and starts[j] < end:
                kind = matches[j].value.kind
                actor = kind != "feature" and (self.agents_alone or kind != "agent")
                j += 1
            keep = actor and (self.has_pattern(words) or (self.gate is not None and self.gate(text[start:end])))
            last = plan.pieces[-1] if plan.pieces else None
            if last and last.parse == keep:
                plan.pieces[-1] = Piece(last.start, end, keep, last.sentences + 1)
            else:
                plan.pieces.append(Piece(start, end, keep, 1))
        return plan


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Cautious sentence boundaries: (start, end) of each non-blank stretch."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        if m.group().startswith(".") and _abbreviation(text, m.start()):
            continue
        out.append((start, m.start() + 1))
        start = m.end()
    out.append((start, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _abbreviation(text: str, dot: int) -> bool:
    """Is the full stop at ``dot`` part of "U.S.", "Mr.", "W." rather than a sentence end?"""
    j = dot
    while j > 0 and not text[j - 1].isspace():
        j -= 1
    word = text[j:dot]
    if not word:
        return False
    core = word.strip("\"'(\u201c\u2018")
    return len(core) == 1 or "." in core or core.lower() in _ABBREV
