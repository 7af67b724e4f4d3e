"""The pre-pass: find, before any parsing, the sentences that cannot yield an event.

An event needs a pattern (its head word and every further word of the pattern, in some
inflected form, among the sentence's other words; for a word class, a one-word member or
every word of a phrase member) and an actor (a dictionary phrase, not counting a bare
sector noun such as "the ministry", which is never coded alone; a capitalised surname
several people share, such as "Kim"; or a word the coreference table knows, such as "they"
or "the two sides"). A
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
from communique.dictionaries.classes import WordClass
from communique.dictionaries.patterns import PatternSet
from communique.dictionaries.phrases import after_pro_or_anti, pieces

_WORD = re.compile(r"[^\W\d_]+")
_SYMBOL = re.compile(r"[$€£¥]")  # currency signs: words of patterns ("$" in &FUNDS)
_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])|\n\s*\n")
_ABBREV = {
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "adm",
    "maj", "cmdr", "st", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "inc", "corp", "co", "ltd", "jr", "sr", "prof", "rev", "vs", "mt",
    "ft", "pres", "gens", "reps", "sens", "messrs", "dept", "est", "approx", "fig", "vol"}


def inflections(lemma: str, irregular: Iterable[str] = ()) -> set[str]:
    """Every form the parser could lemmatise to ``lemma`` (generous on purpose)."""
    if not _WORD.search(lemma):
        return {lemma}  # "$": looked for as itself
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


@dataclass(frozen=True, eq=False)  # one per class: compared and hashed as itself
class ClassNeed:
    """What a class word of a pattern needs among a sentence's words: a form of a one-word
    member, or forms of every word of a phrase member ("fighter" and "jet")."""

    singles: frozenset[str]
    phrases: tuple[tuple[frozenset[str], ...], ...] = ()
    lead: frozenset[str] = frozenset()  # forms of the first words of the phrases

    @property
    def forms(self) -> frozenset[str]:
        """Every form it could be met by."""
        return self.singles.union(*(f for phrase in self.phrases for f in phrase))

    def met(self, words: set[str], head: str) -> bool:
        return _holds(self.singles, words, head) or not self.lead.isdisjoint(words) and any(
            all(_holds(f, words, head) for f in phrase) for phrase in self.phrases)


def _holds(forms: frozenset[str], words: set[str], head: str) -> bool:
    """Is a form among the sentence's words other than the head's own word ``head``?"""
    return not forms.isdisjoint(words) and (head not in forms or len(forms & words) > 1)


def _necessary(reqs: list[tuple]) -> list[tuple]:
    """The requirements of one head form without repeats or ones another implies (a
    pattern needing "aid" and "to" is met whenever one needing "aid" is); plain words
    first, they are quicker to test."""
    unique = sorted({frozenset(r) for r in reqs}, key=len)
    kept: list[frozenset] = []
    for r in unique:
        if not any(k <= r for k in kept):
            kept.append(r)
    return [tuple(sorted(k, key=lambda n: isinstance(n, ClassNeed))) for k in kept]


Need = frozenset | ClassNeed


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
    matches: list = field(default_factory=list)  # the chunk's dictionary matches


class Prepass:
    def __init__(self, patterns: PatternSet, actors: ActorDictionary, coref: dict[str, str],
                 irregular: dict[str, set[str]] | None = None, agents_alone: bool = False,
                 surnames: set[str] = frozenset(), gate: Callable[[str], bool] | None = None):
        irregular = irregular or {}
        # a sector noun alone ("the ministry") is never coded unless agents_alone (---GOV)
        self.agents_alone = agents_alone
        self.surnames = surnames  # shared by several people ("Kim"): not dictionary phrases
        self.gate = gate  # text -> parse anyway? (the learned layer's word-only gate)

        known: dict[str, frozenset[str]] = {}

        def forms(word: str) -> frozenset[str]:
            if word not in known:
                known[word] = frozenset(inflections(word, irregular.get(word, ())))
            return known[word]

        class_needs: dict[str, ClassNeed] = {}

        def any_forms(members: WordClass | None, word: str) -> Need:
            """A plain word's forms, or what its class needs."""
            if members is None:
                return forms(word)
            if members.name not in class_needs:
                phrases = tuple(tuple(forms(w) for w in phrase) for phrase in members.phrases)
                class_needs[members.name] = ClassNeed(
                    frozenset().union(*map(forms, members.lemmas)), phrases,
                    frozenset().union(*(p[0] for p in phrases)))
            return class_needs[members.name]

        # head form -> what each of its patterns further needs (found among the sentence's
        # other words: the head's own word is never also one of its dependents)
        self.requirements: dict[str, list[tuple[Need, ...]]] = {}
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
        # per head form, also the words one of which any of its requirements needs first
        # (None: the head alone is a pattern): a sentence with none of them is quickly passed.
        # The forms of one head share their lists and gates.
        self.gates: dict[str, frozenset[str] | None] = {}
        shared: dict[frozenset, tuple] = {}
        for f, reqs in self.requirements.items():
            key = frozenset(map(frozenset, reqs))
            if key not in shared:
                kept = _necessary(reqs)
                shared[key] = kept, None if any(not r for r in kept) else frozenset().union(
                    *(r[0].forms if isinstance(r[0], ClassNeed) else r[0] for r in kept))
            self.requirements[f], self.gates[f] = shared[key]
        self.block_requirements: dict[str, list[tuple[frozenset[str], ...]]] = {}
        for form, verbs in patterns.blocks.forms.items():  # PETRARCH-style verb blocks
            for vf in verbs:
                words = tuple(frozenset(_WORD.findall(w)) for w in vf.before + vf.after)
                self.block_requirements.setdefault(form, []).append(tuple(w for w in words if w))
        self.coref_words = {phrase.split()[-1] for phrase in coref}
        self.actors = actors

    def has_pattern(self, words: set[str]) -> bool:
        for w in words:
            gate = self.gates.get(w, ())
            if gate is None or gate and not gate.isdisjoint(words):
                for req in self.requirements[w]:
                    if all(r.met(words, w) if isinstance(r, ClassNeed) else _holds(r, words, w)
                           for r in req):
                        return True
            for req in self.block_requirements.get(w, ()):
                if all(not r.isdisjoint(words) for r in req):
                    return True
        return False

    def plan(self, text: str) -> Plan:
        """Which stretches of ``text`` to parse; neighbouring kept sentences stay together."""
        matches = self.actors.index.find(text, pieces(text))
        plan = Plan(people={m.value.name for m in matches if m.value.kind == "person"
                            and not after_pro_or_anti(text, m.start)}, matches=matches)
        starts = [m.start for m in matches]
        i = 0
        for start, end in sentence_spans(text):
            while i < len(starts) and starts[i] < start:
                i += 1
            found = _WORD.findall(text, start, end)
            words = {w.lower() for w in found} | set(_SYMBOL.findall(text, start, end))
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
        if m.group().startswith(".") and m.group().count("\n") < 2 and _abbreviation(text, m.start()):
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
