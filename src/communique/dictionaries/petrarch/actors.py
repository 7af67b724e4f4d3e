"""Reader for TABARI/PETRARCH actor dictionaries (``*.actors.txt``).

Format, as found in the PETRARCH-1/-2, Phoenix and UD-PETRARCH files:

* An entry starts with a primary phrase line (indentation is ignored); ``+PHRASE``
  lines that follow add synonyms. Phrases are upper case; ``_`` or spaces join
  words; a trailing ``_`` means the last word must match exactly (see Phrase).
* Codes are in brackets, on the primary line, on a ``+`` line, or on following
  lines (usually tab-indented). Several brackets may share a line.
* A code bracket holds ``CODE``, optionally with a date restriction:
  ``[CODE >D]`` from D, ``[CODE <D]`` until D, ``[CODE D-D]`` a range (spaces
  around ``<``, ``>`` and ``-`` are accepted). ``D`` is ``YYMMDD`` or ``YYYYMMDD``;
  both occur, even within one bracket (``[AFGELI 19270101-730717]``); two-digit
  years 00-29 are 20YY, 30-99 are 19YY (see ``_common.parse_date``).
  ``[---]`` is the null code (recognised, not coded): ``code`` is None. Other
  TABARI markers are kept as written: ``###`` (discard in TABARI), ``+++``,
  ``A/B`` (several codes; e.g. ``[FRO/BIL/SAM]``).
  An undated code is the entry's default, used when no dated code applies;
  TABARI's rule for which code wins is the matcher's business, not the reader's.
  Dates are not checked for order: the UD-PETRARCH file has many ranges such as
  ``19840502-18000101`` that end before they start.
* A date without a code (``[950601-990815]``), a date glued to the code
  (``[AAA950601-990815]``), a bare date with no ``<``/``>``/``-``, a date that is
  not 6 or 8 digits or not a calendar date, and unbalanced brackets are errors.
* Phoenix quirk: several primary lines without codes written directly one under
  the other (e.g. a leader's full name, title and surname) and followed by code
  lines form one group; each of them gets the codes of those code lines. Any
  other entry without a code is an error. Comment lines such as
  ``# CountryInfo.txt`` are plain comments.

Errors raise DictionaryError("PATH:LINE: ..."); with ``problems=[]`` they are
collected instead and the faulty code, phrase or entry is skipped (an entry
whose codes are all faulty is dropped, and does not lend codes to a group).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ._common import Phrase, Reporter, content_lines, make_phrase, parse_date, read_text, split_brackets

_CODE = re.compile(r"^(?:---|###|\+\+\+|[A-Za-z0-9?/,]+)$")
_DATED = re.compile(r"^(?:(?P<code>\S+)\s+)?(?:(?P<op>[<>])\s*(?P<d>\d+)|(?P<s>\d+)\s*-\s*(?P<e>\d+))$")


@dataclass(frozen=True)
class DatedCode:
    """One code bracket: ``code`` (None for ``---``), optional start/end dates.

    ``[C >D]`` gives start=D, ``[C <D]`` end=D, ``[C D1-D2]`` both; whether the
    bounds are inclusive is left to the matcher (TABARI: "after", "before").
    """

    code: str | None
    start: date | None
    end: date | None
    line: int


@dataclass(frozen=True)
class ActorRecord:
    """A primary phrase (first), its synonyms, and its codes."""

    phrases: tuple[Phrase, ...]
    codes: tuple[DatedCode, ...]
    line: int
    path: str


@dataclass
class _Entry:
    phrases: list[Phrase]
    line: int
    last: int
    codes: list[DatedCode] = field(default_factory=list)
    inline: bool = False  # has a code on its primary line
    brackets: int = 0  # code brackets written, valid or not


def parse_code(content: str, line: int) -> DatedCode:
    """A DatedCode from the inside of a bracket; ValueError when malformed."""
    content = content.strip()
    m = _DATED.match(content)
    if m is None:
        if re.match(r"^\S+\s+\d+$", content):
            raise ValueError(f"bad code bracket [{content}]: date without '<', '>' or '-'")
        if not _CODE.match(content):
            raise ValueError(f"bad code [{content}]")
        return DatedCode(None if content == "---" else content, None, None, line)
    code = m.group("code")
    if code is None or not _CODE.match(code):
        raise ValueError(f"bad code bracket [{content}]: no valid code before the date")
    start = end = None
    if m.group("op") == ">":
        start = parse_date(m.group("d"))
    elif m.group("op") == "<":
        end = parse_date(m.group("d"))
    else:
        start, end = parse_date(m.group("s")), parse_date(m.group("e"))
    return DatedCode(None if code == "---" else code, start, end, line)


def _codes(contents: list[str], line: int, rep: Reporter) -> list[DatedCode]:
    out = []
    for content in contents:
        try:
            out.append(parse_code(content, line))
        except ValueError as exc:
            rep.fail(line, str(exc))
    return out


def _entries(text: str, rep: Reporter) -> list[_Entry]:
    entries: list[_Entry] = []
    for number, line in content_lines(text):
        current = entries[-1] if entries else None
        parts = split_brackets(line.strip())
        if parts is None:
            rep.fail(number, f"bad code bracket in {line.strip()!r}")
            if current is not None and line.strip()[0] in "+[":
                current.brackets += 1
            continue
        head, contents, rest = parts
        if rest:
            rep.fail(number, f"unexpected text after the code: {rest!r}")
        codes = _codes(contents, number, rep)
        if head.startswith("+") or not head.strip():
            if current is None:
                rep.fail(number, "synonym or code line before any actor entry")
                continue
            if head.strip():
                phrase = make_phrase(head[1:], number)
                if phrase is None:
                    rep.fail(number, "empty synonym after '+'")
                else:
                    current.phrases.append(phrase)
            current.codes.extend(codes)
            current.brackets += len(contents)
            current.last = number
            continue
        phrase = make_phrase(head, number)
        if phrase is None:
            rep.fail(number, f"actor line without words: {line.strip()!r}")
            continue
        entries.append(_Entry([phrase], number, number, codes, bool(contents), len(contents)))
    return entries


def _share_group_codes(entries: list[_Entry], rep: Reporter) -> list[_Entry]:
    """Give codeless entries written directly above a code-line entry its codes."""
    out: list[_Entry] = []
    pending: list[_Entry] = []

    def orphans() -> None:
        for p in pending:
            rep.fail(p.line, f"actor {p.phrases[0].text!r} has no code")
        pending.clear()

    for entry in entries:
        if pending and entry.line != pending[-1].last + 1:
            orphans()
        if not entry.codes and not entry.brackets:
            pending.append(entry)
            continue
        if not entry.codes or entry.inline:
            orphans()  # its own codes were faulty (reported), or on its own line
        else:
            for p in pending:
                p.codes = list(entry.codes)
            out.extend(pending)
            pending.clear()
        if entry.codes:
            out.append(entry)
    orphans()
    return out


def read_actors(path, *, problems: list[str] | None = None) -> list[ActorRecord]:
    """Read an actor dictionary into ActorRecords, in file order."""
    rep = Reporter(path, problems)
    entries = _share_group_codes(_entries(read_text(path), rep), rep)
    out = [ActorRecord(tuple(e.phrases), tuple(e.codes), e.line, str(path)) for e in entries]
    out.sort(key=lambda r: r.line)
    return out
