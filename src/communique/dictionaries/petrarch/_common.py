"""Shared pieces of the TABARI/PETRARCH dictionary readers.

* reading a file as UTF-8 with a latin-1 fallback;
* stripping comments: ``<!-- ... -->`` blocks (possibly over several lines; the
  malformed opener ``<! --`` seen in the PETRARCH validation actors is accepted),
  and ``#`` or ``;`` to the end of the line (``;`` is TABARI's comment character and
  is still used in PETRARCH-1 files and a few PETRARCH-2 lines such as
  ``SCRAP {...};shan``). Neither character starts a comment inside ``[...]``,
  so ``[###]`` is a code;
* :class:`Phrase`, a dictionary phrase with its normalised words;
* TABARI dates (``YYMMDD`` or ``YYYYMMDD``);
* :class:`Reporter`, which turns a problem into a ``PATH:LINE: message`` error,
  or collects it when the caller passed a ``problems`` list (lenient reading).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from communique.errors import DictionaryError

CENTURY_PIVOT = 30  # two-digit years below this are 20YY, the others 19YY
_COMMENT_OPEN = re.compile(r"<!\s*--")
_COMMENT_CHAR = re.compile(r"[#;]")
_WORD_SPLIT = re.compile(r"[_\s]+")


def read_text(path) -> str:
    """The file's text: UTF-8 (a BOM is dropped), else latin-1."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise DictionaryError(f"{path}:0: cannot read file: {exc.strerror or exc}") from None
    if b"\x00" in data:
        line = data[:data.index(b"\x00")].count(b"\n") + 1
        raise DictionaryError(f"{path}:{line}: bad encoding: NUL byte (binary file?)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _strip_line_comment(text: str) -> str:
    """Cut ``#`` or ``;`` comments that are outside ``[...]``."""
    start = 0
    while (m := _COMMENT_CHAR.search(text, start)) is not None:
        head = text[:m.start()]
        if head.count("[") <= head.count("]"):
            return head
        start = m.end()
    return text


def content_lines(text: str) -> list[tuple[int, str]]:
    """(1-based line number, text without comments) for each line with content."""
    out: list[tuple[int, str]] = []
    in_block = False
    for number, raw in enumerate(text.splitlines(), 1):
        kept, rest = [], raw
        while rest:
            if in_block:
                end = rest.find("-->")
                if end < 0:
                    rest = ""
                else:
                    rest, in_block = rest[end + 3:], False
                continue
            opener = _COMMENT_OPEN.search(rest)
            head = rest if opener is None else rest[:opener.start()]
            cut = _strip_line_comment(head)
            kept.append(cut)
            if cut != head or opener is None:
                break
            rest, in_block = rest[opener.end():], True
        line = "".join(kept).rstrip()
        if line.strip():
            out.append((number, line))
    return out


@dataclass(frozen=True)
class Phrase:
    """A dictionary phrase: ``text`` as written, ``words`` lower-cased.

    ``_`` and spaces both separate words (``GAZA_CITY`` is "gaza city"). ``exact``
    is TABARI's trailing ``_``: the last word must match in full; without it the
    last word matches as a prefix (``ARGENTIN`` matches Argentina, Argentine).
    """

    text: str
    words: tuple[str, ...]
    exact: bool
    line: int

    @property
    def normal(self) -> str:
        return " ".join(self.words)


def make_phrase(text: str, line: int) -> Phrase | None:
    """A :class:`Phrase` from dictionary text, or None when it has no words."""
    text = text.strip()
    words = tuple(w.lower() for w in _WORD_SPLIT.split(text) if w)
    if not words:
        return None
    return Phrase(text, words, text.endswith("_"), line)


@lru_cache(maxsize=65536)
def parse_date(digits: str) -> date:
    """A TABARI date: ``YYYYMMDD``, or ``YYMMDD`` with the century pivot.

    Two-digit years 00-29 are read as 2000-2029 and 30-99 as 1930-1999: in the
    Phoenix files (generated in 2014) the two-digit years run 00-14 and 31-99,
    with nothing in between. Raises ValueError for anything else.
    """
    if not digits.isdigit() or len(digits) not in (6, 8):
        raise ValueError(f"date {digits!r} is not YYMMDD or YYYYMMDD")
    if len(digits) == 6:
        yy = int(digits[:2])
        year = 2000 + yy if yy < CENTURY_PIVOT else 1900 + yy
        month, day = int(digits[2:4]), int(digits[4:6])
    else:
        year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"date {digits!r} is not a calendar date") from None


class Reporter:
    """Raise a problem as a DictionaryError, or collect it in ``problems``."""

    def __init__(self, path, problems: list[str] | None):
        self.path = str(path)
        self.problems = problems

    def message(self, line: int, what: str) -> str:
        return f"{self.path}:{line}: {what}"

    def fail(self, line: int, what: str) -> None:
        """Report a problem; returns only in lenient mode (caller skips the item)."""
        msg = self.message(line, what)
        if self.problems is None:
            raise DictionaryError(msg)
        self.problems.append(msg)


BRACKET = re.compile(r"\[([^\[\]]*)\]")


def split_brackets(text: str) -> tuple[str, list[str], str] | None:
    """(text before the first ``[``, bracket contents, text between/after them).

    None when the brackets are unbalanced or nested.
    """
    first = text.find("[")
    head = text if first < 0 else text[:first]
    tail = "" if first < 0 else text[first:]
    inner = BRACKET.findall(tail)
    rest = BRACKET.sub(" ", tail)
    if "[" in rest or "]" in rest or "]" in head:
        return None
    return head, inner, rest.strip()
