"""Phrase look-up over a tokenisation of our own (never spaCy's tokenizer).

Dictionary names and document text are both split by the same regular expression
into word and punctuation pieces, so that matching does not depend on how the
parser tokenises "U.S.", "Kim Jong-un" or "China's".
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

PIECE = re.compile(r"[^\W_]+|[^\w\s]", re.UNICODE)
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-",
                       "\u2011": "-", "\u2013": "-", "\u2014": "-"})


def fold(text: str) -> str:
    """Case- and quote-fold text for matching (length preserving per character)."""
    return text.translate(_FOLD).lower()


def pieces(text: str) -> list[tuple[str, int, int]]:
    """Split text into (piece, start, end); offsets index into ``text``."""
    return [(m.group(), m.start(), m.end()) for m in PIECE.finditer(text)]


@dataclass(frozen=True)
class Match(Generic[T]):
    start: int  # character offsets into the text
    end: int
    value: T
    exact: bool = False  # the phrase is written in capitals (US, U.S.)
    proper: bool = False  # the phrase is a name (needs a capital first letter)


class PhraseIndex(Generic[T]):
    """Longest-match phrase index keyed by folded pieces.

    A phrase is case-sensitive when written all in capitals (US, DPRK, U.S.),
    otherwise it needs a capital first letter in the text when ``proper`` is set. Text
    written all in one case is matched with ``caseless``: then case is ignored, except for
    all-capital phrases that spell a common word ("US", "WHO", "IT").
    """

    def __init__(self) -> None:
        self._index: dict[str, list[tuple[tuple[str, ...], bool, bool, T]]] = {}
        self.max_len = 0

    def add(self, phrase: str, value: T, proper: bool = False) -> None:
        ps = pieces(phrase)
        if not ps:
            return
        key = tuple(fold(p) for p, _, _ in ps)
        exact = any(c.isalpha() for c in phrase) and phrase.upper() == phrase
        self._index.setdefault(key[0], []).append((key, exact, proper, value))
        self.max_len = max(self.max_len, len(key))

    def finalize(self) -> None:
        for entries in self._index.values():
            entries.sort(key=lambda e: -len(e[0]))

    def __len__(self) -> int:
        return sum(len(v) for v in self._index.values())

    def find(self, text: str, doc_pieces: list[tuple[str, int, int]] | None = None,
             caseless: bool = False) -> list[Match[T]]:
        """All longest, non-overlapping matches in ``text`` (left to right)."""
        ps = doc_pieces if doc_pieces is not None else pieces(text)
        folded = [fold(p) for p, _, _ in ps]
        out: list[Match[T]] = []
        i = 0
        n = len(ps)
        while i < n:
            best = None
            for key, exact, proper, value in self._index.get(folded[i], ()):
                k = len(key)
                if i + k > n or tuple(folded[i:i + k]) != key:
                    continue
                if not _adjacent(ps, i, k):
                    continue
                surface = [p for p, _, _ in ps[i:i + k]]
                if exact and any(p.upper() != p for p in surface) and not (caseless and distinctive(key)):
                    continue  # all-capital phrases (US, DPRK) match only in capitals
                if proper and not caseless and not surface[0][:1].isupper():
                    continue
                best = (k, value, exact, proper)
                break
            if best:
                k, value, exact, proper = best
                out.append(Match(ps[i][1], ps[i + k - 1][2], value, exact, proper))
                i += k
            else:
                i += 1
        return out


# all-capital names that are also common words: in text of one case they are the words
COMMON_WORDS = frozenset({
    "us", "it", "in", "on", "at", "to", "as", "is", "or", "an", "am", "be", "do", "go", "he", "me",
    "my", "no", "of", "so", "up", "we", "if", "by", "un", "ok", "who", "all", "can", "may", "and",
    "the", "for", "not", "new", "one", "man", "men", "war", "arm", "age", "aid", "air", "art",
    "bar", "cap", "car", "fed", "fee", "ira", "mps", "nor", "oil", "pan", "pat", "sun", "tan",
    "ten", "van", "was", "won"})


def distinctive(key: tuple[str, ...]) -> bool:
    """Can an all-capital phrase match in text of one case ("U.S.", "NATO", "DPRK": yes; "US",
    "WHO": no)? With punctuation inside, or not a common word."""
    if any(not p.isalnum() for p in key) and len(key) > 1:
        return True
    return "".join(key) not in COMMON_WORDS


def after_pro_or_anti(text: str, start: int) -> bool:
    """Is the phrase at ``start`` prefixed "pro-"/"anti-" ("pro-Russian" is not Russian)?"""
    return text[max(0, start - 4):start].lower() == "pro-" or \
        text[max(0, start - 5):start].lower() == "anti-"


def _adjacent(ps, i: int, k: int) -> bool:
    """Pieces of one phrase may be separated by at most one space."""
    return all(ps[j + 1][1] - ps[j][2] <= 1 for j in range(i, i + k - 1))


def build_index(items: Iterable[tuple[str, T, bool]]) -> PhraseIndex[T]:
    idx: PhraseIndex[T] = PhraseIndex()
    for phrase, value, proper in items:
        idx.add(phrase, value, proper)
    idx.finalize()
    return idx
