"""Query parameters shared by the routes, checked into typed values with clear messages.

Lists are comma-separated (``source=RUS,CHN``) so that a dashboard view fits in a URL.
Every value is checked against the shape of what it names before it reaches a query, and
queries bind it as a parameter; nothing here touches the file system.
"""
from __future__ import annotations

import re
from datetime import date

from fastapi import HTTPException, Query

from communique.analysis.dyads import LEVELS, PERIODS
from communique.analysis.queries import SORTS, EventFilter

MAX_ITEMS = 50       # values in one list parameter
MAX_TEXT_QUERY = 200  # characters of the full-text search
MAX_PAGE = 1000      # events per page as JSON
MAX_EXPORT = 100_000  # events in one CSV or JSON-lines download

ACTOR = re.compile(r"[A-Z0-9-]{2,24}")
SECTOR = re.compile(r"[A-Z]{3}")
ROOT = re.compile(r"0[1-9]|1[0-9]|20")
CAMEO = re.compile(r"\d{2,4}")
PLOVER = re.compile(r"[A-Z][A-Z_]{1,39}")
METHOD = re.compile(r"[a-z][a-z_]{0,29}")
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO3 = re.compile(r"[A-Z]{3}")


def bad(message: str) -> HTTPException:
    return HTTPException(status_code=422, detail=message)


def split(name: str, value: str | None, shape: re.Pattern, what: str, upper: bool = True) -> tuple[str, ...]:
    """A comma-separated list, each item checked against ``shape``."""
    if value is None:
        return ()
    items = [v.strip().upper() if upper else v.strip() for v in value.split(",") if v.strip()]
    if len(items) > MAX_ITEMS:
        raise bad(f"{name}: at most {MAX_ITEMS} values")
    for item in items:
        if not shape.fullmatch(item):
            raise bad(f"{name}: {item[:40]!r} is not {what}")
    return tuple(dict.fromkeys(items))


def parse_day(name: str, value: str | None) -> date | None:
    if value is None or value == "":
        return None
    if not DAY.fullmatch(value):
        raise bad(f"{name}: {value[:40]!r} is not a date (YYYY-MM-DD)")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise bad(f"{name}: {value!r} is not a valid date") from None


def check_choice(name: str, value: str, choices) -> str:
    if value not in choices:
        raise bad(f"{name}: {value[:40]!r} is not one of {', '.join(choices)}")
    return value


def event_filter(
    source: str | None = Query(None, max_length=1000, description="actor codes, comma-separated; "
                               "RUS matches RUS, RUSGOV, ... and every actor of country RUS"),
    target: str | None = Query(None, max_length=1000, description="actor codes, as source"),
    actor: str | None = Query(None, max_length=1000, description="actor codes on either side, as source"),
    country: str | None = Query(None, max_length=1000, description="country codes on either side"),
    sector: str | None = Query(None, max_length=500, description="sector codes (GOV, MIL, ...) on either side"),
    root: str | None = Query(None, max_length=200, description="CAMEO root classes, 01-20"),
    code: str | None = Query(None, max_length=500, description="CAMEO code prefixes (11 = root 11)"),
    quad_class: str | None = Query(None, max_length=20, description="QuadClasses, 1-4"),
    plover: str | None = Query(None, max_length=1000, description="PLOVER event types (ACCUSE, ...)"),
    method: str | None = Query(None, max_length=200, description="coding methods (dictionary, model)"),
    start: str | None = Query(None, alias="from", max_length=10, description="first day, YYYY-MM-DD"),
    end: str | None = Query(None, alias="to", max_length=10, description="last day, YYYY-MM-DD"),
    text: str | None = Query(None, max_length=MAX_TEXT_QUERY, description="words that must all occur in the sentence"),
    doc: str | None = Query(None, max_length=200, description="one document id"),
    place: str | None = Query(None, max_length=200, description="one location (its feature id)"),
    location_country: str | None = Query(None, max_length=500, description="where the event took place: "
                                         "ISO-3 country codes, comma-separated"),
) -> EventFilter:
    """FastAPI dependency: the event filter of a request."""
    quads = split("quad_class", quad_class, re.compile(r"[1-4]"), "a QuadClass (1-4)")
    first, last = parse_day("from", start), parse_day("to", end)
    if first and last and first > last:
        raise bad(f"from ({first}) is after to ({last})")
    return EventFilter(
        source=split("source", source, ACTOR, "an actor code (letters and digits, e.g. RUS or RUSGOV)"),
        target=split("target", target, ACTOR, "an actor code (letters and digits, e.g. RUS or RUSGOV)"),
        actor=split("actor", actor, ACTOR, "an actor code (letters and digits, e.g. RUS or RUSGOV)"),
        country=split("country", country, ACTOR, "a country code (e.g. CHN)"),
        sector=split("sector", sector, SECTOR, "a sector code (three letters, e.g. GOV)"),
        root=split("root", root, ROOT, "a CAMEO root class (01-20)"),
        code=split("code", code, CAMEO, "a CAMEO code (2-4 digits)"),
        quad_class=tuple(int(q) for q in quads),
        plover=split("plover", plover, PLOVER, "a PLOVER event type (e.g. ACCUSE)"),
        method=split("method", method, METHOD, "a coding method (e.g. dictionary)", upper=False),
        start=first, end=last, text=(text or "").strip() or None, doc_id=doc or None, place=place or None,
        location_country=split("location_country", location_country, ISO3, "an ISO-3 country code (e.g. SYR)"))


def period(by: str = Query("month", max_length=10, description="day, week, month, year or all")) -> str:
    return check_choice("by", by, tuple(PERIODS))


def level(level: str = Query("country", max_length=10, description="country, sector or actor")) -> str:
    return check_choice("level", level, LEVELS)


def sort_key(sort: str = Query("date", max_length=20, description="date, goldstein, cameo, source, target, "
                               "doc or articles; '-' in front for descending")) -> str:
    check_choice("sort", sort.removeprefix("-"), tuple(SORTS))
    return sort


def actor_code(code: str) -> str:
    value = code.strip().upper()
    if not ACTOR.fullmatch(value):
        raise bad(f"{code[:40]!r} is not an actor code (letters and digits, e.g. RUS or RUSGOV)")
    return value
