"""Dates named in a sentence, resolved against the document date.

:func:`find_dates` gives each date expression of a text with its character span;
:func:`DateMention.resolve` turns it into a calendar date, backwards from the document date
for past events ("on Tuesday" is the last Tuesday) and forwards for future ones ("will meet
on June 12"). Which expression dates which event is decided on the parse (events.extractor).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MON = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
        r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_MDY = re.compile(rf"\b{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I)
_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?:,?\s+(\d{{4}}))?\b", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_REL = re.compile(r"\b(yesterday|today|tonight|tomorrow|(?:last|this|next|on|late|early)\s+"
                  r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
                  r"(?<!\w)(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b", re.I)


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _shift(ref: date, days: int) -> date:
    """``ref`` moved by ``days``, kept inside the calendar (0001-01-01 .. 9999-12-31)."""
    try:
        return ref + timedelta(days=days)
    except OverflowError:
        return date.min if days < 0 else date.max


@dataclass(frozen=True)
class DateMention:
    """A date expression: ``start``/``end`` index the text it was found in."""

    start: int
    end: int
    year: int | None = None  # an explicit date (year may be None: "June 12")
    month: int = 0
    day: int = 0
    relative: str = ""  # "yesterday", "today", "tomorrow", or a weekday phrase

    def resolve(self, ref: date, forward: bool = False) -> date | None:
        """The calendar date; unyeared dates and weekdays are the nearest ones before
        ``ref`` (after it when ``forward``)."""
        if not self.relative:
            if self.year is not None:
                return _safe(self.year, self.month, self.day)
            return _nearest(self.month, self.day, ref, forward)
        word = self.relative.lower().split()[-1]
        if word in ("today", "tonight"):
            return ref
        if word == "yesterday":
            return _shift(ref, -1)
        if word == "tomorrow":
            return _shift(ref, 1)
        target = WEEKDAYS.index(word)
        if forward or self.relative.lower().startswith("next"):
            ahead = (target - ref.weekday()) % 7
            return _shift(ref, ahead or 7)
        back = (ref.weekday() - target) % 7
        if self.relative.lower().startswith("last") and back == 0:
            back = 7
        return _shift(ref, -back)


def _nearest(month: int, day: int, ref: date, forward: bool) -> date | None:
    """An unyeared date: close to ``ref`` and not far after it, or (forward) not before it."""
    cand = _safe(ref.year, month, day)
    if cand is None:
        return _safe(ref.year - 1, month, day) if not forward and ref.year > 1 else None
    if forward:
        if (ref - cand).days > 7 and ref.year < 9999:
            return _safe(ref.year + 1, month, day)
        return cand
    if (cand - ref).days > 31 and ref.year > 1:
        return _safe(ref.year - 1, month, day)
    return cand


def find_dates(text: str) -> list[DateMention]:
    """Every date expression in ``text``, in text order."""
    found: list[DateMention] = []
    for m in _ISO.finditer(text):
        if _safe(int(m.group(1)), int(m.group(2)), int(m.group(3))):
            found.append(DateMention(m.start(), m.end(), int(m.group(1)), int(m.group(2)), int(m.group(3))))
    for rx, order in ((_MDY, "md"), (_DMY, "dm")):
        for m in rx.finditer(text):
            mon_s, day_s = (m.group(1), m.group(2)) if order == "md" else (m.group(2), m.group(1))
            key = mon_s.lower().rstrip(".")
            month = MONTHS.get(key) or MONTHS.get(key[:3])
            if not month:
                continue
            if key == "may" and not m.group(3) and order == "md" and not mon_s[0].isupper():
                continue  # "may 5" is rare as a modal; accept only when capitalised
            year = int(m.group(3)) if m.group(3) else None
            if _safe(year or 2000, month, int(day_s)) is None:  # 2000: a leap year
                continue
            found.append(DateMention(m.start(), m.end(), year, month, int(day_s)))
    for m in _REL.finditer(text):
        found.append(DateMention(m.start(), m.end(), relative=m.group(1)))
    return sorted(found, key=lambda d: (d.start, -d.end))


def sentence_date(sentence: str, ref: date) -> date:
    """The date of the first date expression in ``sentence`` (the document date if none)."""
    for mention in find_dates(sentence):
        day = mention.resolve(ref)
        if day is not None:
            return day
    return ref
