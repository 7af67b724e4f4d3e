"""spaCy's attribute ruler and rule lemmatizer, done faster with the same results.

In the small English pipelines these two components cost about as much as the parser
itself: the ruler runs ~180 Matcher patterns over every token, and the lemmatizer
re-derives the lemma of every base form (its cache skips them). ``TokenRules`` reads the
pipeline's own rules and tables and applies them with dictionary look-ups: single-token
patterns are indexed by tag or lower-case form, the few multi-token patterns keep a
Matcher, and lemmas are cached by (form, POS, morphology), on which they depend alone.
It is used only when the pipeline ends with exactly these two components; any other
pipeline runs unchanged.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens._retokenize import set_token_attrs

REPLACED = ("attribute_ruler", "lemmatizer")
_GETTERS: dict[str, Callable] = {
    "TAG": lambda t: t.tag_, "LOWER": lambda t: t.lower_, "DEP": lambda t: t.dep_,
    "ORTH": lambda t: t.text, "TEXT": lambda t: t.text, "POS": lambda t: t.pos_,
    "IS_SPACE": lambda t: t.is_space,
}


def _test(value) -> Callable | None:
    """A predicate for one attribute's condition, or None when it is not a simple one."""
    if isinstance(value, (str, bool)):
        return lambda v: v == value
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN":
            s = frozenset(arg)
            return lambda v: v in s
        if op == "NOT_IN":
            s = frozenset(arg)
            return lambda v: v not in s
        if op == "REGEX":
            rx = re.compile(arg)
            return lambda v: rx.search(v) is not None
    return None


class TokenRules:
    def __init__(self, nlp, ruler: AttributeRuler, lemmatizer: Lemmatizer):
        self.attrs, self.indices = ruler.attrs, ruler.indices
        self.items: list[tuple] = []        # single-token conditions: (attr, getter, predicate)
        self.single: dict[int, list[int]] = {}          # item -> rules of one token
        self.starts: dict[int, list[tuple]] = {}  # first item -> (rule, items, index), longer ones
        self.by_tag: dict[str, list[int]] = {}
        self.by_lower: dict[str, list[int]] = {}
        self.general: list[int] = []
        self.matcher = Matcher(nlp.vocab)   # patterns with operators this class does not read
        for rule, pattern in _ruler_patterns(ruler):
            tests = [_single_token_tests(token) for token in pattern]
            if any(t is None for t in tests):
                self.matcher.add(str(rule), [pattern])
                continue
            ids = []
            for token, t in zip(pattern, tests):
                self.items.append(t)
                ids.append(len(self.items) - 1)
                # index each condition by a value it requires, so a new word checks few
                for attr, table in (("LOWER", self.by_lower), ("TAG", self.by_tag)):
                    if isinstance(token.get(attr), str):
                        table.setdefault(token[attr], []).append(ids[-1])
                        break
                else:
                    self.general.append(ids[-1])
            if len(ids) == 1:
                self.single.setdefault(ids[0], []).append(rule)
            else:
                self.starts.setdefault(ids[0], []).append((rule, ids, self.indices[rule]))
        self.holding: dict[tuple, frozenset[int]] = {}  # token key -> items that hold
        # the key is tag, form, dependency and space; exact form and POS only if a rule reads them
        self.exact = any(a in ("ORTH", "TEXT", "POS") for entry in ruler.patterns
                         for pattern in entry["patterns"] for token in pattern for a in token)
        self.lemmatize = lemmatizer.lemmatize
        self.overwrite = lemmatizer.overwrite
        self.lemmas: dict[tuple, str] = {}

    @classmethod
    def for_pipeline(cls, nlp) -> TokenRules | None:
        if tuple(getattr(nlp, "pipe_names", ())[-2:]) != REPLACED:
            return None
        ruler, lemmatizer = nlp.get_pipe(REPLACED[0]), nlp.get_pipe(REPLACED[1])
        if type(ruler) is not AttributeRuler or not isinstance(lemmatizer, Lemmatizer) \
                or lemmatizer.mode != "rule":
            return None
        return cls(nlp, ruler, lemmatizer)

    def _holds(self, token) -> frozenset[int]:
        # cached by tag and form; conditions on the dependency are checked per token
        key = (token.tag, token.lower, token.is_space)
        if self.exact:
            key += (token.orth, token.pos)
        entry = self.holding.get(key)
        if entry is None:
            sure, by_dep = [], []
            for i in (*self.by_tag.get(token.tag_, ()), *self.by_lower.get(token.lower_, ()),
                      *self.general):
                tests = self.items[i]
                if all(test(get(token)) for attr, get, test in tests if attr != "DEP"):
                    on_dep = tuple(test for attr, _, test in tests if attr == "DEP")
                    (by_dep.append((i, on_dep)) if on_dep else sure.append(i))
            entry = self.holding[key] = (frozenset(sure), tuple(by_dep))
        sure, by_dep = entry
        if not by_dep:
            return sure
        dep = token.dep_
        extra = [i for i, tests in by_dep if all(test(dep) for test in tests)]
        return sure.union(extra) if extra else sure

    def __call__(self, doc):
        holds = [self._holds(t) for t in doc]  # all matching happens before any change
        found: dict[int, list[int]] = {}
        for i, items in enumerate(holds):
            for item in items:
                if item in self.single:
                    found.setdefault(i, []).extend(self.single[item])
                for rule, ids, index in self.starts.get(item, ()):
                    n = len(ids)
                    if i + n <= len(holds) and all(ids[k] in holds[i + k] for k in range(1, n)):
                        found.setdefault(i + (index if index >= 0 else n + index), []).append(rule)
        if len(self.matcher):
            for key, start, end in self.matcher(doc):
                rule = int(doc.vocab.strings[key])
                found.setdefault(doc[start:end][self.indices[rule]].i, []).append(rule)
        for i, rules in found.items():
            token = doc[i]
            for rule in sorted(rules):
                set_token_attrs(token, self.attrs[rule])
        self._lemmatize(doc)
        return doc

    def _lemmatize(self, doc) -> None:
        cache = self.lemmas
        for token in doc:
            if self.overwrite or token.lemma == 0:
                key = (token.orth, token.pos, token.morph.key)
                lemma = cache.get(key)
                if lemma is None:
                    lemma = cache[key] = self.lemmatize(token)[0]
                token.lemma_ = lemma

    def trim(self, limit: int) -> None:
        """Keep the caches (keyed by word forms) from growing with the corpus."""
        for cache in (self.lemmas, self.holding):
            if len(cache) > limit:
                cache.clear()


def _ruler_patterns(ruler: AttributeRuler):
    for rule, entry in enumerate(ruler.patterns):
        for pattern in entry["patterns"]:
            yield rule, pattern


def _single_token_tests(token: dict) -> tuple | None:
    tests = []
    for attr, value in token.items():
        get, test = _GETTERS.get(attr), _test(value)
        if get is None or test is None:
            return None
        tests.append((attr, get, test))
    return tuple(tests)
