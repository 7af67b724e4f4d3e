"""Verb and noun patterns (data/verbs*.yaml) mapping parse frames to CAMEO codes."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from communique.dictionaries.classes import WordClass, resolve_classes
from communique.dictionaries.ontology import Ontology
from communique.dictionaries.sequences import (
    WORD_MATCHING,
    VerbBlocks,
    add_block,
    check_code,
    check_synsets,
    expand_synsets,
    parse_sequence,
)
from communique.dictionaries.transformations import Transformation, parse_transformation
from communique.errors import DictionaryError, read_yaml

DATA_DIR = Path(__file__).parent / "data"
VERBS_FILE = DATA_DIR / "verbs.yaml"
# The built-in pattern files in the order they load: verbs.yaml first (it also holds the
# grammar: governors, recoding tables, light verbs); of two patterns with the same words the
# first loaded wins; class definitions apply to every file.
PATTERN_FILES = ("verbs.yaml", "verbs_extra.yaml", "verbs_news.yaml", "classes.yaml",
                 "verbs_classes.yaml")
GOVERNOR_KINDS = ("report", "block", "refuse", "intend", "threaten")


@dataclass(frozen=True)
class Pattern:
    code: str
    head: str  # lemma of the verb (or noun for nominal patterns)
    words: tuple[str, ...]  # further lemmas: particles, objects, prepositions, xcomp verbs
    nominal: bool
    text: str
    # per word: the class it names ("&ARMS"), or None for a plain word
    sets: tuple[WordClass | None, ...] = ()
    general: int = 0  # how many of its words (and head) name classes

    def accepts(self, n: int, lemma: str, token=None) -> bool:
        """Does ``lemma`` (the word ``token`` of the parse) fill the pattern's n-th further word?"""
        return self.size(n, lemma, token) > 0

    def size(self, n: int, lemma: str, token=None) -> int:
        """How many words of the sentence filling the n-th word takes (a class's phrase
        member "fighter jet" takes two; 0: it does not fill it)."""
        members = self.sets[n] if self.sets else None
        if members is None:
            return int(lemma == self.words[n])
        return members.size(lemma, token)

    @cached_property
    def needs(self) -> tuple[frozenset[str], ...]:
        """Per further word, the lemmas that could fill it (a quick test before matching)."""
        return tuple(frozenset({w}) if s is None else s.heads
                     for w, s in zip(self.words, self.sets or (None,) * len(self.words)))

    def possible(self, lemmas: set[str]) -> bool:
        """Could the pattern match dependents with these lemmas?"""
        return all(not n.isdisjoint(lemmas) for n in self.needs)

    @property
    def span(self) -> int:
        """The most words of a sentence the pattern can take (beyond its head)."""
        return len(self.words) + sum(s.longest - 1 for s in self.sets if s)


class PatternList(list):
    """A head's patterns, best first, indexed by a word each needs (its rarest), so that
    matching looks only at patterns whose words the sentence may hold."""

    def index(self) -> PatternList:
        self.free: list[int] = []  # patterns of the head alone
        self.by_lemma: dict[str, list[int]] = {}
        for i, p in enumerate(self):
            if not p.needs:
                self.free.append(i)
                continue
            for lemma in min(p.needs, key=len):
                self.by_lemma.setdefault(lemma, []).append(i)
        return self

    def candidates(self, lemmas: set[str]) -> list[Pattern]:
        found = set(self.free)
        for lemma in lemmas:
            found.update(self.by_lemma.get(lemma, ()))
        return [self[i] for i in sorted(found)]


@dataclass
class PatternSet:
    verbs: dict[str, list[Pattern]] = field(default_factory=dict)
    nouns: dict[str, list[Pattern]] = field(default_factory=dict)
    governors: dict[str, str] = field(default_factory=dict)  # lemma -> kind
    remap: dict[str, dict[str, str]] = field(default_factory=dict)  # kind -> root -> code
    reciprocal: set[str] = field(default_factory=set)
    reciprocal_with: set[str] = field(default_factory=set)
    target_preps: tuple[str, ...] = ("against", "with", "to", "toward", "towards", "on")
    light_verbs: set[str] = field(default_factory=set)  # "begin a hunger strike": noun is the event
    blocks: VerbBlocks = field(default_factory=VerbBlocks)  # PETRARCH-style verb blocks
    raw_synsets: dict[str, list[str]] = field(default_factory=dict)
    discards: dict[str, list[str]] = field(default_factory=lambda: {"sentence": [], "story": []})
    transformations: list[Transformation] = field(default_factory=list)  # PETRARCH-2 `~` rules
    problems: list[str] = field(default_factory=list)  # dictionary entries left out, with where
    # word classes named in patterns as &NAME ("&TRANSFER &ARMS to"), resolved when finalized
    classes: dict[str, WordClass] = field(default_factory=dict)
    raw_classes: dict[str, tuple[list[str], str]] = field(default_factory=dict)  # as listed
    # "&NAME" among governors or light verbs: (table, &NAME, governor kind, where)
    class_words: list[tuple[str, str, str, str]] = field(default_factory=list)
    pending: list[tuple[Pattern, str]] = field(default_factory=list)  # (pattern, where), in order
    sources: list[Path] = field(default_factory=list)  # the files read, in order
    corrections: list = field(default_factory=list)  # dictionaries.corrections rules, in file order
    # files of local rules only (actors:, corrections:): path -> rule digest -> phrases
    local_files: dict[Path, dict] = field(default_factory=dict)

    def add(self, p: Pattern) -> None:
        table = self.nouns if p.nominal else self.verbs
        plist = table.setdefault(p.head, [])
        if any(q.words == p.words for q in plist):
            return  # the first file to define a pattern wins
        plist.append(p)

    def finalize(self, where: str = "dictionaries") -> PatternSet:
        self.classes = resolve_classes(self.raw_classes)
        for table, word, kind, at in self.class_words:  # "&NAME" among governors, light verbs
            lemmas = self._members(word, at).lemmas
            if table == "light_verbs":
                self.light_verbs |= lemmas
            else:
                self.governors.update(dict.fromkeys(lemmas, kind))
        self.class_words = []
        for p, at in self.pending:  # in file order: the first definition of a pattern wins
            for one in self._expand(p, at):
                self.add(one)
        self.pending = []
        for table in (self.verbs, self.nouns):
            for head, plist in table.items():  # longest first; of equal length, plain words first
                table[head] = PatternList(sorted(plist, key=lambda p: (-p.span, p.general))).index()
        expand_synsets(self.blocks, self.raw_synsets, where)
        self.problems += check_synsets(self.blocks, where)
        return self

    def _members(self, word: str, where: str) -> WordClass:
        members = self.classes.get(word[1:].upper())
        if members is None:
            raise DictionaryError(f"{where}: pattern uses unknown class {word}")
        return members

    def _expand(self, p: Pattern, where: str) -> list[Pattern]:
        """A pattern over classes: one pattern per member of a head class (a phrase member's
        head word is the verb's first word, a noun's last: "hand over", "cyber attack"; its
        other words become further words of the pattern), and each word class kept for
        matching."""
        sets = tuple(self._members(w, where) if w.startswith("&") else None for w in p.words)
        general = sum(1 for s in sets if s)
        if not p.head.startswith("&"):
            return [Pattern(p.code, p.head, p.words, p.nominal, p.text, sets if general else (), general)]
        out = []
        for member in self._members(p.head, where).members:
            head, extra = (member[-1], member[:-1]) if p.nominal else (member[0], member[1:])
            words = extra + p.words
            msets = (None,) * len(extra) + sets if general else ()
            out.append(Pattern(p.code, head, words, p.nominal, p.text, msets, general + 1))
        return out

    def remapped(self, kind: str, code: str) -> str | None:
        if kind == "intend" and code[:2] >= "16":
            kind = "threaten"  # "vowed to retaliate" is a threat, not cooperation
        table = self.remap.get(kind, {})
        return table.get(code[:3]) or table.get(code[:2]) or table.get("default")


PREPOSITIONS = {"to", "with", "on", "against", "of", "by", "for", "from", "in", "into", "at",
                "over", "between", "toward", "towards", "about", "upon", "among"}


def parse_pattern(text: str, code: str, nominal: bool, where: str) -> Pattern:
    """Verb patterns start with the verb; in noun patterns the head noun is the word
    before the first preposition (or the last word): "missile launch", "visit to"."""
    words = text.lower().replace("_", " ").split()
    if not words:
        raise DictionaryError(f"{where}: empty pattern for code {code}")
    if not nominal:
        return Pattern(code, words[0], tuple(words[1:]), nominal, text)
    cut = next((i for i, w in enumerate(words) if w in PREPOSITIONS and i > 0), len(words))
    head = words[cut - 1]
    return Pattern(code, head, tuple(words[:cut - 1] + words[cut:]), nominal, text)


def pattern_files() -> list[Path]:
    """The built-in pattern files, in their load order (``PATTERN_FILES``)."""
    return [DATA_DIR / name for name in PATTERN_FILES]


def load_patterns(ontology: Ontology, path: Path | None = None,
                  extra: list[Path] | None = None) -> PatternSet:
    ps = PatternSet()
    for p in ([path] if path else pattern_files()) + list(extra or []):
        merge_patterns(ps, read_yaml(p) or {}, ontology, str(p))
        ps.sources.append(p)
    return ps.finalize()


def merge_patterns(ps: PatternSet, data: dict, ontology: Ontology, where: str) -> None:
    if not isinstance(data, dict):
        raise DictionaryError(f"{where}: expected a mapping at top level")
    for kind, lemmas in (data.get("governors") or {}).items():
        if kind not in GOVERNOR_KINDS:
            raise DictionaryError(f"{where}: governors: unknown kind {kind!r}")
        for lemma in lemmas or []:
            if str(lemma).startswith("&"):
                ps.class_words.append(("governors", str(lemma), kind, where))
            else:
                ps.governors[str(lemma).lower()] = kind
    for kind in ("refuse", "intend", "threaten"):
        table = data.get(f"{kind}_codes") or {}
        for root, code in table.items():
            code = str(code)
            if code not in ontology:
                raise DictionaryError(f"{where}: {kind}_codes: unknown CAMEO code {code}")
            ps.remap.setdefault(kind, {})[str(root)] = code
    ps.reciprocal |= {str(c) for c in data.get("reciprocal") or []}
    ps.reciprocal_with |= {str(c) for c in data.get("reciprocal_with") or []}
    for v in data.get("light_verbs") or []:
        if str(v).startswith("&"):
            ps.class_words.append(("light_verbs", str(v), "", where))
        else:
            ps.light_verbs.add(str(v).lower())
    if data.get("target_prepositions"):
        ps.target_preps = tuple(str(p) for p in data["target_prepositions"])
    for name, members in (data.get("synsets") or {}).items():
        ps.raw_synsets[str(name).lstrip("&").upper()] = [str(m) for m in members or []]
    for name, members in (data.get("classes") or {}).items():
        if not isinstance(members, list) or not members:
            raise DictionaryError(f"{where}: class {name}: expected a list of lemmas")
        # a later file's class of the same name replaces it
        ps.raw_classes[str(name).lstrip("&").upper()] = ([str(m) for m in members], where)
    words = str(data.get("pattern_words") or "forms")
    if words not in WORD_MATCHING:
        raise DictionaryError(f"{where}: pattern_words: expected one of {', '.join(WORD_MATCHING)}")
    for n, block in enumerate(data.get("blocks") or [], start=1):
        merge_block(ps, block, f"{where}: block {n}", words)
    for kind in ("sentence", "story"):
        ps.discards[kind] += [str(d) for d in (data.get("discards") or {}).get(kind) or []]
    for n, text in enumerate(data.get("transformations") or [], start=1):
        ps.transformations.append(parse_transformation(str(text), f"{where}: transformation {n}"))
    for code, block in (data.get("codes") or {}).items():
        code = str(code)
        if code not in ontology:
            raise DictionaryError(f"{where}: unknown CAMEO code {code!r}")
        if not isinstance(block, dict):
            raise DictionaryError(f"{where}: code {code}: expected verbs:/nouns: lists")
        for text in block.get("verbs") or []:
            ps.pending.append((parse_pattern(str(text), code, False, where), where))
        for text in block.get("nouns") or []:
            ps.pending.append((parse_pattern(str(text), code, True, where), where))


def merge_block(ps: PatternSet, block: dict, where: str, words: str = "forms") -> None:
    """A verb block: {code, verbs: [{verb, code?, forms?}], patterns: [{pattern, code}]}."""
    if not isinstance(block, dict) or not block.get("verbs"):
        raise DictionaryError(f"{where}: a block needs verbs")
    default = check_code(block.get("code", "---"), where)
    verbs = []
    for v in block["verbs"]:
        v = v if isinstance(v, dict) else {"verb": str(v)}
        item = {"verb": str(v["verb"]), "code": check_code(v["code"], where) if "code" in v else default}
        if v.get("forms"):
            item["forms"] = [str(f) for f in v["forms"]]
        verbs.append(item)
    patterns = []
    for p in block.get("patterns") or []:
        if not isinstance(p, dict) or "pattern" not in p:
            raise DictionaryError(f"{where}: each pattern needs pattern: and code:")
        code = check_code(p.get("code", "---"), where)
        patterns.append(parse_sequence(str(p["pattern"]), code, where))
    add_block(ps.blocks, verbs, default, patterns, words)
