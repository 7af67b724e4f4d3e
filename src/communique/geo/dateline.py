"""Datelines: the place a news story was filed from ("SEOUL (Reuters) -", "AHMEDABAD:")."""
from __future__ import annotations

import re
from dataclasses import dataclass

# a place in capitals, or capitalised words followed by a dash; then an optional region or
# country, date and agency; then the dash or colon that ends the dateline
_WORD = r"[A-Z][A-Za-z\u00c0-\u024f'\u2019.\-]*"
_DATELINE = re.compile(
    rf"""\s*(?:(?P<caps>[A-Z][A-Z\u00c0-\u00de'\u2019.\-]+(?:\ [A-Z][A-Z\u00c0-\u00de'\u2019.\-]+){{0,3}})
          |(?P<title>{_WORD}(?:\ {_WORD}){{0,3}}))
       (?:/[A-Za-z .]+)?                                   # "BEIJING/SEOUL"
       (?:,\ (?P<region>{_WORD}(?:\ {_WORD}){{0,2}}))?      # ", Libya"
       (?:,\ (?:[A-Z][a-z]{{2,8}}\.?\ \d{{1,2}}|\d{{1,2}}\ [A-Z][a-z]{{2,8}}))?  # ", March 3"
       \ ?(?:\((?P<agency>[^()\n]{{2,40}})\))?              # "(Reuters)"
       \ ?(?P<mark>\u2013|\u2014|--?|:)\ """,
    re.VERBOSE)
HEAD = 200  # characters at the start of a story where a dateline may stand


@dataclass(frozen=True)
class Dateline:
    """The place of a dateline (document offsets) and the region or country after it."""

    start: int
    end: int
    region: tuple[int, int] | None


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of the text or of its first paragraph after a title line."""
    starts = [0]
    brk = text.find("\n", 0, HEAD)
    if brk >= 0:
        starts.append(brk + 1)
    for pos in starts:
        m = _DATELINE.match(text, pos, min(len(text), pos + HEAD))
        if m is None:
            continue
        group = "caps" if m.group("caps") else "title"
        # capitalised words ("Tripoli, Libya -") need the dash or the agency, not just a colon
        if group == "title" and m.group("mark") == ":" and not m.group("agency"):
            continue
        region = m.span("region") if m.group("region") else None
        return Dateline(m.start(group), m.end(group), region)
    return None
