"""Verb blocks and word-sequence patterns: the TABARI/PETRARCH pattern language.

A verb block groups verb forms that share a default code and a list of patterns. A pattern
is a sequence of words around the verb, written as in PETRARCH dictionaries:

    * DIPLOMATIC TIES            words after the verb, other words may come between
    FAILED_TO_*                  `_` joins: the words must be adjacent (here: to the verb)
    + WAS * DEAD IN $            `+` the target, `$` the source: an actor phrase
    % HAVE *                     `%` a compound subject whose members act on each other
    * &TIETYPES TIES             `&NAME` any phrase of a synset
    * (TO BORDER) {ARMS DEAL}    `( )` groups (gaps allowed), `{ }` an adjacent phrase
    ^                            skipped (PETRARCH's noun-phrase marker)

Words match a token's lower-case text or its lemma. Patterns with more elements are tried
first; with none matching, the verb form's own code (or the block's) applies.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import DictionaryError

KINDS = {"*": "verb", "+": "target", "$": "source", "%": "compound", "^": "skip"}
CODE = re.compile(r"^[0-9A-Za-z]{2,6}(?::[0-9A-Za-z]{2,6})?$")


@dataclass(frozen=True)
class Element:
    kind: str  # word | synset | target | source | compound | skip | verb
    value: str
    joined: bool  # must be adjacent to the next element


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
        return sum(e.kind not in ("compound", "skip") for e in self.before + self.after)

    @property
    def compound(self) -> bool:
        return any(e.kind == "compound" for e in self.before + self.after)


@dataclass(frozen=True)
class VerbForm:
    block: int
    before: tuple[str, ...]  # words of a multi-word verb before / after the verb word
    after: tuple[str, ...]
    code: str | None  # None: recognised, not coded ("---")


@dataclass
class VerbBlocks:
    synsets: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    patterns: list[list[SequencePattern]] = field(default_factory=list)
    forms: dict[str, list[VerbForm]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.forms)


def check_code(code: str, where: str) -> str | None:
    code = str(code).strip().strip("[]").strip()
    if code in ("---", ""):
        return None
    if not CODE.match(code):
        raise DictionaryError(f"{where}: bad event code {code!r}")
    return code


def parse_sequence(text: str, code: str, where: str) -> SequencePattern:
    """Parse a pattern such as ``SUGGESTED_+ * DEMAND_&GENINT_CONVENTIONS``."""
    flat = re.sub(r"\{([^{}]*)\}", lambda m: "_".join(m.group(1).split()), text)
    flat = flat.replace("(", " ").replace(")", " ")
    elements: list[Element] = []
    for chunk in flat.split():
        parts = [p for p in chunk.split("_") if p]
        for n, part in enumerate(parts):
            joined = n < len(parts) - 1
            if part in KINDS:
                elements.append(Element(KINDS[part], part, joined))
            elif part.startswith("&") and len(part) > 1:
                elements.append(Element("synset", part[1:].upper(), joined))
            elif part in ("{", "}"):
                raise DictionaryError(f"{where}: unbalanced braces in pattern {text!r}")
            else:
                elements.append(Element("word", part.lower(), joined))
    verbs = [i for i, e in enumerate(elements) if e.kind == "verb"]
    if len(verbs) > 1:
        raise DictionaryError(f"{where}: more than one '*' in pattern {text!r}")
    v = verbs[0] if verbs else -1
    before, after = tuple(elements[:v]) if v >= 0 else (), tuple(elements[v + 1:])
    joined_before = v > 0 and elements[v - 1].joined
    joined_after = v >= 0 and elements[v].joined
    return SequencePattern(code, before, after, joined_before, joined_after, text)


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
              patterns: list[SequencePattern]) -> None:
    """One verb block: ``verbs`` items are {verb: "CORDON_+OFF"-style phrase, code, forms}."""
    index = len(blocks.patterns)
    blocks.patterns.append(sorted(patterns, key=lambda p: -p.size))
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
    def members(name: str, stack: tuple[str, ...]) -> list[tuple[str, ...]]:
        if name in stack:
            raise DictionaryError(f"{where}: synset &{name} contains itself")
        if name not in raw:
            raise DictionaryError(f"{where}: unknown synset &{name}")
        out: list[tuple[str, ...]] = []
        for m in raw[name]:
            m = str(m).strip()
            if m.startswith("&"):
                out.extend(members(m[1:].upper(), stack + (name,)))
            else:
                out.append(tuple(w.lower() for w in m.replace("_", " ").split()))
        return out

    for name in raw:
        blocks.synsets[name.upper()] = tuple(members(name.upper(), ()))


def check_synsets(blocks: VerbBlocks, where: str) -> None:
    for plist in blocks.patterns:
        for p in plist:
            for e in p.before + p.after:
                if e.kind == "synset" and e.value not in blocks.synsets:
                    raise DictionaryError(f"{where}: pattern {p.text!r} uses unknown synset &{e.value}")
