"""Verb blocks and word-sequence patterns: the TABARI/PETRARCH pattern language.

A verb block groups verb forms that share a default code and a list of patterns. A pattern
is a sequence of words around the verb, written as in PETRARCH dictionaries:

    * DIPLOMATIC TIES            words after the verb, other words may come between
    FAILED_TO_*                  `_` joins: the words must be adjacent (here: to the verb)
    + WAS * DEAD IN $            `+` the target, `$` the source: an actor phrase
    % HAVE *                     `%` a compound subject whose members act on each other
    * &TIETYPES TIES             `&NAME` any phrase of a synset
    * (TO BORDER) {ARMS DEAL}    `( )` groups (gaps allowed), `{ }` an adjacent phrase
    * FOR { SANCTIONS | EMBARGO }  TABARI alternatives: any one of the phrases
    * IFTAR IN ^ +               `^` passes over one noun phrase
    IN_ *   REAL~                `ABC_` the word as written, `ABC~` any word it begins

How the other words match depends on the file (WORD_MATCHING): communique's own files any
form of the word (text or lemma), PETRARCH-2 files the form as written (synset members also
in their regular plural), TABARI files as stems (prefixes). Patterns with more elements are
tried first; with none matching, the verb form's own code (or the block's) applies. Codes:
"A", "A:B" (the target does B back), ":B" (the verb reads as a passive: the subject is the
target).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from communique.errors import DictionaryError

KINDS = {"*": "verb", "+": "target", "$": "source", "%": "compound", "^": "skip"}
# "A", "A:B" (B: what the target does back) or ":B" (the verb reads as a passive)
CODE = re.compile(r"^(?:[0-9A-Za-z]{2,6}(?::[0-9A-Za-z]{2,6})?|:[0-9A-Za-z]{2,6})$")


@dataclass(frozen=True)
class Element:
    kind: str  # word | stem | synset | alt | target | source | compound | skip | verb
    value: str
    joined: bool  # must be adjacent to the next element
    exact: bool = False  # written with `_`: the word as written, not another form of it
    options: tuple[Member, ...] = ()  # alt: the phrases of `{ A | B C }`


@dataclass(frozen=True)
class Member:
    """A phrase of a synset or of `{ A | B }`; ``exact``: written with a final `_`."""

    words: tuple[str, ...]
    exact: bool = False


def member(text: str) -> Member:
    text = str(text).strip()
    return Member(tuple(w.lower() for w in text.replace("_", " ").split()), text.endswith("_"))


@dataclass(frozen=True)
class SequencePattern:
    code: str
    before: tuple[Element, ...]
    after: tuple[Element, ...]
    verb_joined_before: bool  # the element before `*` touches the verb
    verb_joined_after: bool   # `*` touches the element after it
    text: str

    @property
    def size(self) -> int:
        """Specificity: words and synsets first, then actor slots."""
        els = self.before + self.after
        return 10 * sum(e.kind in ("word", "stem", "synset", "alt") for e in els) + \
            sum(e.kind in ("source", "target") for e in els)

    @property
    def compound(self) -> bool:
        """`%` before the verb: the members of the subject act on each other (after the
        verb, `%` is a target whose members each take the event)."""
        return any(e.kind == "compound" for e in self.before)


@dataclass(frozen=True)
class VerbForm:
    block: int
    before: tuple[str, ...]  # words of a multi-word verb before / after the verb word
    after: tuple[str, ...]
    code: str | None  # None: recognised, not coded ("---")


# How a pattern's words match the sentence's: "forms" any form (text or lemma: communique's
# own files), "exact" the form as written, synset members also in the plural (PETRARCH-2),
# "stems" a prefix unless written with a final `_` (TABARI, PETRARCH-1).
WORD_MATCHING = ("forms", "exact", "stems")


@dataclass
class VerbBlocks:
    synsets: dict[str, tuple[Member, ...]] = field(default_factory=dict)
    patterns: list[list[SequencePattern]] = field(default_factory=list)
    forms: dict[str, list[VerbForm]] = field(default_factory=dict)
    words: list[str] = field(default_factory=list)  # each block's WORD_MATCHING

    def __bool__(self) -> bool:
        return bool(self.forms)


def check_code(code: str, where: str) -> str | None:
    code = str(code).strip().strip("[]").strip()
    if code in ("---", ""):
        return None
    if not CODE.match(code):
        raise DictionaryError(f"{where}: bad event code {code!r}")
    return code


def parse_sequence(text: str, code: str | None, where: str) -> SequencePattern:
    """Parse a pattern such as ``SUGGESTED_+ * DEMAND_&GENINT_CONVENTIONS``."""
    from communique.dictionaries.petrarch.patterns import tokenize

    try:
        tokens = tokenize(text)
    except ValueError as exc:
        raise DictionaryError(f"{where}: pattern {text!r}: {exc}") from None
    elements: list[Element] = []
    in_np = False
    last_joined = False
    alt: list[list[str]] | None = None  # the phrases of an open `{ A | B }`, as written
    for t in tokens:
        if t.kind == "np_open":
            in_np = True
            continue
        if t.kind == "np_close":
            in_np = False
            if elements:  # the last word of the phrase keeps its own joining
                e = elements[-1]
                elements[-1] = Element(e.kind, e.value, last_joined, e.exact, e.options)
            continue
        if t.kind == "alt_open":
            alt = [[]]
            continue
        if alt is not None:
            if t.kind == "alt_sep":
                alt.append([])
            elif t.kind == "alt_close":
                options = tuple(member(" ".join(p)) for p in alt if p)
                elements.append(Element("alt", " | ".join(" ".join(p) for p in alt if p),
                                        t.joined_to_next, False, options))
                alt = None
            elif t.kind in ("word", "stem"):
                alt[-1].append(t.value.lower() + ("_" if t.exact else ""))
            continue
        if t.kind in ("word", "stem"):
            e = Element(t.kind, t.value.lower(), t.joined_to_next, t.kind == "word" and t.exact)
        elif t.kind == "synset":
            e = Element("synset", t.value.lstrip("&").upper(), t.joined_to_next)
        elif t.kind in KINDS.values():
            e = Element(t.kind, t.value, t.joined_to_next)
        else:
            continue  # ( ) groups nothing here
        last_joined = t.joined_to_next
        elements.append(Element(e.kind, e.value, True, e.exact) if in_np else e)
    verbs = [i for i, e in enumerate(elements) if e.kind == "verb"]
    if len(verbs) != 1:
        raise DictionaryError(f"{where}: pattern {text!r} needs exactly one '*'")
    v = verbs[0]
    before, after = tuple(elements[:v]), tuple(elements[v + 1:])
    return SequencePattern(code, before, after, v > 0 and elements[v - 1].joined,
                           elements[v].joined, text)


def verb_forms(word: str) -> set[str]:
    """Regular inflections of a base verb (generous; PETRARCH lists irregular ones)."""
    w = word.lower()
    out = {w, w + "s", w + "ed", w + "ing"}
    if w.endswith("e"):
        out |= {w + "d", w[:-1] + "ing"}
    if re.search(r"[^aeiou]y$", w):
        out |= {w[:-1] + "ies", w[:-1] + "ied"}
    if re.search(r"(s|x|z|ch|sh)$", w):
        out.add(w + "es")
    if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", w):
        out |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    return out


def add_block(blocks: VerbBlocks, verbs: list[dict], default: str | None,
              patterns: list[SequencePattern], words: str = "forms") -> None:
    """One verb block: ``verbs`` items are {verb: "CORDON_+OFF"-style phrase, code, forms};
    ``words``: how its patterns' words match (WORD_MATCHING)."""
    index = len(blocks.patterns)
    blocks.patterns.append(sorted(patterns, key=lambda p: -p.size))
    blocks.words.append(words)
    for item in verbs:
        words = [w for w in str(item["verb"]).replace(" ", "_").split("_") if w]
        marked = [i for i, w in enumerate(words) if w.startswith("+")]
        at = marked[0] if marked else 0
        words = [w.lstrip("+").lower() for w in words]
        code = item.get("code", default)
        surface = item.get("forms") or sorted(verb_forms(words[at]))
        for form in surface:
            fw = [w.lstrip("+").lower() for w in str(form).replace(" ", "_").split("_") if w]
            head = fw[at] if len(fw) == len(words) else fw[0]
            vf = VerbForm(index, tuple(words[:at]), tuple(words[at + 1:]), code)
            blocks.forms.setdefault(head, []).append(vf)
        if not item.get("forms"):
            blocks.forms.setdefault(words[at], [])


def expand_synsets(blocks: VerbBlocks, raw: dict[str, list[str]], where: str) -> None:
    """Resolve synset members, which may name other synsets (``+&CURRENCY``)."""
    raw = {str(k).lstrip("&").upper(): v or [] for k, v in raw.items()}
    def members(name: str, stack: tuple[str, ...]) -> list[Member]:
        if name in stack:
            raise DictionaryError(f"{where}: synset &{name} contains itself")
        if name not in raw:
            raise DictionaryError(f"{where}: unknown synset &{name}")
        out: list[Member] = []
        for m in raw[name]:
            m = str(m).strip()
            if m.startswith("&"):
                out.extend(members(m[1:].upper(), stack + (name,)))
            else:
                out.append(member(m))
        return out

    for name in raw:
        blocks.synsets[name.upper()] = tuple(members(name.upper(), ()))


def check_synsets(blocks: VerbBlocks, where: str) -> list[str]:
    """Drop patterns naming a synset no file defines; say which."""
    problems = []
    for n, plist in enumerate(blocks.patterns):
        keep = []
        for p in plist:
            unknown = [e.value for e in p.before + p.after
                       if e.kind == "synset" and e.value not in blocks.synsets]
            if unknown:
                problems.append(f"{where}: pattern {p.text!r} uses unknown synset &{unknown[0]}; left out")
            else:
                keep.append(p)
        blocks.patterns[n] = keep
    return problems
