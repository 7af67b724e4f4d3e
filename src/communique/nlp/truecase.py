"""A true-cased copy of text written all in lower case or all in capitals, for the parser.

Archives, wire services and transcripts often come in one case ("police arrested 20 people
in naroda", "THE GUATEMALA ARMY DENIED TODAY ..."); spaCy's small model then reads every
capitalised word as a proper noun, or none. The copy has exactly the same length (each
character keeps its place, so offsets into the original stay valid) and capitals where
English writes them:

* the first letter of a sentence, and "I";
* dictionary names (countries, adjectives, capitals, places, organisations, people,
  parties), matched in any case: their words capitalised, all-capital names ("NATO",
  "U.S.") in capitals; a one-word name that is also a common word and only a surname or a
  town ("may", "price") is left alone;
* weekdays and months (not "may" and "march" unless a number follows);
* words that are no English word the parser's lemmatizer tables know (nor a stop word):
  names the dictionaries lack ("cerezo", "naroda"); a word after "mr", "mrs", "dr".
"""
from __future__ import annotations

import re

from communique.dictionaries.phrases import PhraseIndex, pieces

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_SENTENCE = re.compile(r"(?:^|[.!?][\"'\u201d\u2019)\]]*\s+|\n\s*\n)\W*(?=[^\W\d_])")
SMALL = frozenset({"of", "and", "the", "for", "de", "al", "el", "bin", "on", "in", "du", "la", "le",
                   "von", "van", "der", "da", "di", "des", "to", "at", "a"})
CALENDAR = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                      "january", "february", "april", "june", "july", "august", "september",
                      "october", "november", "december"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr"})
CONTRACTIONS = frozenset({"isn", "aren", "wasn", "weren", "don", "doesn", "didn", "won", "wouldn",
                          "couldn", "shouldn", "can", "haven", "hasn", "hadn", "ain", "mustn", "needn"})
SUFFIXES = ("ies", "ied", "ing", "ers", "est", "ed", "es", "er", "ly", "s", "d")
WEAK_KINDS = frozenset({"surname", "weak_surname", "place"})
MIN_LETTERS = 20


def case_of(text: str) -> str | None:
    """"lower" or "upper" for text written in one case (at most 0.5% of its letters in the
    other), else None."""
    upper = sum(map(str.isupper, text))
    lower = sum(map(str.islower, text))
    if upper + lower < MIN_LETTERS:
        return None
    if upper <= 0.005 * (upper + lower):
        return "lower"
    if lower <= 0.005 * (upper + lower):
        return "upper"
    return None


def lexicon_of(nlp) -> frozenset[str]:
    """The English words the pipeline's lemmatizer tables and stop words know (lower case)."""
    words: set[str] = set(getattr(getattr(nlp, "Defaults", None), "stop_words", ()) or ())
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups
    except (KeyError, AttributeError, ValueError):
        return frozenset(words)
    for name in ("lemma_index", "lemma_exc"):
        if lookups.has_table(name):
            for table in lookups.get_table(name).values():
                words.update(w.lower() for w in table)
    return frozenset(words)


class TrueCaser:
    """Makes the true-cased copy; ``index`` is the actor dictionary's phrase index and
    ``lexicon`` the known English words (without them, only dictionary names and sentence
    starts are capitalised)."""

    def __init__(self, index: PhraseIndex, lexicon: frozenset[str] = frozenset()):
        self.index, self.lexicon = index, lexicon

    def __call__(self, text: str) -> str:
        """``text`` unchanged when it is in mixed case, else its true-cased copy."""
        style = case_of(text)
        if style is None:
            return text
        low = text.lower()
        base = low if len(low) == len(text) else "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        chars = list(base) if style == "upper" else list(text)  # a few capitals in lower text stay
        for m in self.index.find(base, pieces(base), caseless=True):
            entry = m.value
            words = list(_WORD.finditer(base, m.start, m.end))
            if len(words) == 1 and entry.kind in WEAK_KINDS and self._common(words[0].group()):
                continue
            if m.exact:
                _upper(chars, m.start, m.end)
            elif m.proper:
                for w in words:
                    if w.group() not in SMALL or w.start() == m.start:
                        _capital(chars, w.start())
        prev = ""
        for w in _WORD.finditer(base):
            word = w.group()
            nxt = base[w.end():w.end() + 3]
            if word == "i" or prev in HONORIFICS or (self.lexicon and not self._common(word)) or (
                    word in CALENDAR or word in ("may", "march") and nxt[:1] == " " and nxt[1:2].isdigit()):
                _capital(chars, w.start())
            if word in HONORIFICS:
                _capital(chars, w.start())
            prev = word
        for m in _SENTENCE.finditer(base):
            if not _abbreviation(base, m.start()):
                _capital(chars, m.end())
        return "".join(chars)

    def _common(self, word: str) -> bool:
        """Is ``word`` (lower case) an English word, in some inflected form?"""
        if len(word) < 2 or word in self.lexicon:
            return True
        stem = re.split(r"['\u2019]", word)[0]
        if stem != word:
            return stem in self.lexicon or stem in CONTRACTIONS
        for suffix in SUFFIXES:
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                root = word[:-len(suffix)]
                if root in self.lexicon or root + "e" in self.lexicon or (
                        suffix in ("ies", "ied") and root + "y" in self.lexicon) or (
                        len(root) > 2 and root[-1] == root[-2] and root[:-1] in self.lexicon):
                    return True
        return False


ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "st", "no",
                           "vs", "inc", "corp", "co", "ltd", "jr", "sr", "prof", "rev", "capt", "sgt"})


def _abbreviation(text: str, dot: int) -> bool:
    """Is the stop at ``dot`` that of "u.s.", "mr." or an initial rather than a sentence end?"""
    if text[dot:dot + 1] != ".":
        return False
    j = dot
    while j > 0 and not text[j - 1].isspace():
        j -= 1
    word = text[j:dot].strip("\"'(\u201c\u2018")
    return len(word) == 1 or "." in word or word in ABBREVIATIONS


def _capital(chars: list[str], i: int) -> None:
    if i < len(chars) and len(chars[i].upper()) == 1:
        chars[i] = chars[i].upper()


def _upper(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        _capital(chars, i)
