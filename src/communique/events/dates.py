"""Resolve dates named in a sentence relative to the document date."""
from __future__ import annotations

import re
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
_REL = re.compile(r"\b(yesterday|today|tonight|tomorrow|(?:last|this|on|late|early)\s+"
                  r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
                  r"(?<!\w)(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b", re.I)


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year_for(month: int, day: int, ref: date) -> int:
    """Pick the year that puts an unyeared date closest to (and not far after) ref."""
    cand = _safe(ref.year, month, day)
    if cand and (cand - ref).days > 31:
        return ref.year - 1
    return ref.year


def sentence_date(sentence: str, ref: date) -> date:
    """The date an event in ``sentence`` happened, given the document date ``ref``."""
    found: list[tuple[int, date]] = []
    for m in _ISO.finditer(sentence):
        d = _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            found.append((m.start(), d))
    for rx, order in ((_MDY, "md"), (_DMY, "dm")):
        for m in rx.finditer(sentence):
            mon_s, day_s = (m.group(1), m.group(2)) if order == "md" else (m.group(2), m.group(1))
            key = mon_s.lower().rstrip(".")
            month = MONTHS.get(key) or MONTHS.get(key[:3])
            if not month:
                continue
            if mon_s.lower().rstrip(".") == "may" and not m.group(3) and order == "md":
                # "may 5" is rare as a modal; accept only when capitalised
                if not mon_s[0].isupper():
                    continue
            year = int(m.group(3)) if m.group(3) else _year_for(month, int(day_s), ref)
            d = _safe(year, month, int(day_s))
            if d:
                found.append((m.start(), d))
    for m in _REL.finditer(sentence):
        word = m.group(1).lower().split()[-1]
        if word in ("today", "tonight"):
            d = ref
        elif word == "yesterday":
            d = ref - timedelta(days=1)
        elif word == "tomorrow":
            d = ref + timedelta(days=1)
        else:
            back = (ref.weekday() - WEEKDAYS.index(word)) % 7
            if m.group(1).lower().startswith("last") and back == 0:
                back = 7
            d = ref - timedelta(days=back)
        found.append((m.start(), d))
    if not found:
        return ref
    found.sort()
    return found[0][1]
