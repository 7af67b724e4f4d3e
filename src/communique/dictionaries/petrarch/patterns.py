"""Tokenizer for verb-pattern lines (``- WORDS * WORDS [CODE]``).

Token kinds, with the meaning each has in the dictionaries' own comments and in
the TABARI manual (``?`` marks readings the files do not settle):

=============  ========  =====================================================
kind           written   meaning
=============  ========  =====================================================
word           ``ABC``   a literal word (upper case); ``exact`` when written
                         with a trailing ``_`` that joins nothing (``IN_ *``);
                         as for actors, the last letters must then match (?)
stem           ``ABC~``  PETRARCH-1 only: a word prefix (``REAL~`` is
                         ``REALLY`` in the PETRARCH-2 copy of the same test) (?)
verb           ``*``     the position of the block's verb
source         ``$``     the source actor
target         ``+``     the target actor
compound       ``%``     a compound actor, both source and target (used with
                         paired codes ``[031:031]``)
skip           ``^``     skip one noun phrase (TABARI "skip")
synset         ``&NAME`` any member of synonym set NAME (``value`` is NAME)
alt_open       ``{``     TABARI alternatives ``{ A | B }`` (PETRARCH-1 files)
alt_sep        ``|``     separates alternatives
alt_close      ``}``
np_open        ``{``     PETRARCH-2: the words form one noun phrase
np_close       ``}``
pp_open        ``(``     PETRARCH-2: a prepositional phrase ``(TO BORDER)``
pp_close       ``)``
other          ``-``     punctuation with no known meaning (a lone ``-``
                         ends some UD-PETRARCH patterns) (?)
=============  ========  =====================================================

``joined_to_next``: the token was written against the next one, with ``_``
(``IN_*``: the words must be adjacent) or with no space (``*SCEPTICAL``,
Arabic ``ال&DISPUTE``). A ``{`` group is an alternative when it holds ``|``
at its own level, else a noun phrase.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<group>[(){}|])
  | (?P<join>_)
  | (?P<marker>[*$+%^])
  | (?P<synset>&[A-Za-z0-9]+)
  | (?P<word>[^\s(){}|_*$+%^&]+)
  | (?P<bad>.)
""", re.VERBOSE)
_MARKERS = {"*": "verb", "$": "source", "+": "target", "%": "compound", "^": "skip"}
_OPEN = {"(": "pp", "{": "brace"}
_GROUP_CHARS = {"(", ")", "{", "}", "|"}
_CLOSE = {")": "(", "}": "{"}


@dataclass(frozen=True)
class Token:
    kind: str
    value: str
    joined_to_next: bool = False
    exact: bool = False

    @property
    def normal(self) -> str:
        """Lower-case value for words and stems, the value itself otherwise."""
        return self.value.lower() if self.kind in ("word", "stem") else self.value


@dataclass(frozen=True)
class VerbPattern:
    """One pattern line: tokens, event code as written, line and original text."""

    tokens: tuple[Token, ...]
    code: str
    line: int
    text: str


def _kind_of(m: re.Match) -> tuple[str, str]:
    text = m.group()
    if m.lastgroup == "marker":
        return _MARKERS[text], text
    if m.lastgroup == "synset":
        return "synset", text[1:].upper()
    if m.lastgroup == "group":
        return text, text  # resolved by _groups
    if text.endswith("~") and len(text) > 1:
        return "stem", text[:-1]
    if not any(ch.isalnum() for ch in text):
        return "other", text
    return "word", text


def _raw_tokens(body: str) -> list[dict]:
    """Tokens as dicts, before group kinds are decided; ValueError on bad input."""
    out: list[dict] = []
    for m in _TOKEN.finditer(body):
        kind = m.lastgroup
        if kind == "bad":
            raise ValueError(f"unexpected character {m.group()!r}")
        if kind == "space":
            continue
        if kind == "join":
            if not out:
                raise ValueError("pattern starts with '_'")
            nxt = body[m.end():m.end() + 1]
            if nxt == "" or nxt.isspace() or nxt in ")}|":
                out[-1]["exact"] = True
            else:
                out[-1]["joined"] = True
            continue
        kind_name, value = _kind_of(m)
        if out and m.start() > 0 and not body[m.start() - 1].isspace() \
                and body[m.start() - 1] != "_" and kind != "group" \
                and out[-1]["kind"] not in _GROUP_CHARS:
            out[-1]["joined"] = True  # written with no space: "*SCEPTICAL"
        out.append({"kind": kind_name, "value": value, "joined": False, "exact": False})
    return out


def _groups(tokens: list[dict]) -> None:
    """Name the bracket tokens; ValueError when they do not balance."""
    stack: list[int] = []
    for i, tok in enumerate(tokens):
        kind = tok["kind"]
        if kind in _OPEN:
            stack.append(i)
        elif kind == "|":
            if not stack or tokens[stack[-1]]["kind"] != "{":
                raise ValueError("'|' outside of { }")
            tokens[stack[-1]]["alt"] = True
            tok["kind"] = "alt_sep"
        elif kind in _CLOSE:
            if not stack or tokens[stack[-1]]["kind"] != _CLOSE[kind]:
                raise ValueError(f"unbalanced {kind!r}")
            start = tokens[stack.pop()]
            prefix = "pp" if kind == ")" else ("alt" if start.get("alt") else "np")
            start["kind"], tok["kind"] = prefix + "_open", prefix + "_close"
    if stack:
        raise ValueError(f"unclosed {tokens[stack[-1]]['kind']!r}")


def tokenize(body: str) -> tuple[Token, ...]:
    """The tokens of a pattern body (no leading ``-``, no code, no comment)."""
    tokens = _raw_tokens(body)
    _groups(tokens)
    return tuple(Token(t["kind"], t["value"], t["joined"], t["exact"]) for t in tokens)


_CODE_AT_END = re.compile(r"\[([^\[\]]*)\]\s*$")


def parse_pattern(line_text: str, line: int) -> VerbPattern:
    """A VerbPattern from a pattern line (comment already removed); ValueError."""
    body = line_text.strip().lstrip("-").strip()  # "-- + HAVE" is read as "- + HAVE"
    m = _CODE_AT_END.search(body)
    if m is None:
        raise ValueError("pattern has no [code] at the end")
    code = m.group(1).strip()
    if not code or " " in code:
        raise ValueError(f"bad pattern code [{m.group(1)}]")
    body = body[:m.start()]
    if "[" in body or "]" in body:
        raise ValueError("bracket inside the pattern")
    tokens = tokenize(body)
    verbs = sum(t.kind == "verb" for t in tokens)
    if verbs != 1:
        raise ValueError(f"pattern has {verbs} verb markers '*' (expected 1)")
    return VerbPattern(tokens, code, line, line_text.strip())
