"""Word classes: named sets of words that a pattern names once (&NAME) instead of listing
every phrasing ("&TRANSFER &ARMS to" for "supply weapons to", "ship artillery shells to" ...).

A member is a lemma ("jet") or a phrase of several words ("fighter jet", "hand over",
"cyber warfare"); a member "&OTHER" brings in every member of that class. Hyphens separate
words, as the parser splits them ("cease-fire" is "cease fire").
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from communique.errors import DictionaryError


@dataclass(frozen=True)
class WordClass:
    name: str
    lemmas: frozenset[str]  # one-word members
    phrases: tuple[tuple[str, ...], ...] = ()  # members of several words, in file order

    @property
    def members(self) -> list[tuple[str, ...]]:
        """Every member as its words: the one-word members sorted, then the phrases."""
        return [(w,) for w in sorted(self.lemmas)] + list(self.phrases)

    @property
    def longest(self) -> int:
        return max((len(p) for p in self.phrases), default=1)

    def size(self, lemma: str, token=None) -> int:
        """How many words of the longest member a word of the parse fills (0: none). A
        phrase member is read from its head: the last word of a noun phrase ("fighter
        jet") with the others among the words on its left, or the first word of a verb
        phrase ("set aside") with the others among its dependents."""
        best = 1 if lemma in self.lemmas else 0
        if token is None:
            return best
        near: set[str] | None = None
        for words in self.phrases:
            if len(words) <= best:
                continue
            if lemma == words[-1]:
                rest = words[:-1]
            elif lemma == words[0]:
                rest = words[1:]
            else:
                continue
            if near is None:
                near = _near_words(token)
            if all(w in near for w in rest):
                best = len(words)
        return best

    @cached_property
    def heads(self) -> frozenset[str]:
        """The words a member is read from: the one-word members, the first and last words
        of the phrases (a word of the parse filling the class is one of them)."""
        return self.lemmas | {w for p in self.phrases for w in (p[0], p[-1])}


def _near_words(token) -> set[str]:
    """Lemmas and forms of the words left of ``token`` in its phrase, and of its dependents."""
    toks = [t for t in token.subtree if t.i < token.i] + list(token.children)
    return {t.lemma_.lower() for t in toks} | {t.lower_ for t in toks}


def member_words(text: str) -> tuple[str, ...]:
    return tuple(text.lower().replace("_", " ").replace("-", " ").split())


def resolve_classes(raw: dict[str, tuple[list[str], str]]) -> dict[str, WordClass]:
    """Classes from their listed members (name -> (members, where)), with the members of
    the classes they name brought in; an unknown name or a cycle is an error."""
    out: dict[str, WordClass] = {}

    def resolve(name: str, path: tuple[str, ...]) -> WordClass:
        if name in out:
            return out[name]
        members, where = raw[name]
        lemmas: set[str] = set()
        phrases: list[tuple[str, ...]] = []
        for m in members:
            if m.startswith("&"):
                other = m[1:].upper()
                if other not in raw:
                    raise DictionaryError(f"{where}: class {name} names unknown class {m}")
                if other in path:
                    raise DictionaryError(f"{where}: class {name}: classes name each other "
                                          f"({' -> '.join((*path, other))})")
                sub = resolve(other, (*path, other))
                lemmas |= sub.lemmas
                phrases += [p for p in sub.phrases if p not in phrases]
                continue
            words = member_words(m)
            if not words:
                raise DictionaryError(f"{where}: class {name}: empty member")
            if len(words) == 1:
                lemmas.add(words[0])
            elif words not in phrases:
                phrases.append(words)
        out[name] = WordClass(name, frozenset(lemmas), tuple(phrases))
        return out[name]

    for name in raw:
        resolve(name, (name,))
    return out
