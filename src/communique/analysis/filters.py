"""Which events a query takes: the WHERE clause shared by dyads, rankings and exports."""
from __future__ import annotations

from datetime import date


def actor_codes(value) -> list[str]:
    """Codes from "RUS,CHN" or a list, upper-cased, blanks dropped."""
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    return [c.strip().upper() for c in items if c.strip()]


def event_filters(source=None, target=None, start: date | None = None, end: date | None = None,
                  dyadic: bool = True, location_country=None) -> tuple[list[str], list]:
    """SQL conditions on the events table (alias ``e``) and their parameters.

    ``source``/``target`` take a code or a list of codes; a code matches actor codes that
    begin with it and actors of that country (``RUS`` matches RUS, RUSGOV and RUSMIL).
    ``start``/``end`` bound the event date (inclusive); ``dyadic`` keeps events with a named
    source and a target; ``location_country`` (ISO-3 codes, "SYR,IRQ" or a list) keeps events
    that took place in one of those countries (``location_country`` of the event).
    """
    where, params = [], []
    if dyadic:
        where.append("e.source_code IS NOT NULL AND e.target_code IS NOT NULL")
    for role, codes in (("source", actor_codes(source)), ("target", actor_codes(target))):
        if codes:
            ors = []
            for c in codes:
                ors.append(f"(starts_with(e.{role}_code, ?) OR e.{role}_country = ?)")
                params += [c, c]
            where.append("(" + " OR ".join(ors) + ")")
    places = actor_codes(location_country)
    if places:
        where.append(f"e.location_country IN ({', '.join('?' for _ in places)})")
        params += places
    if start:
        where.append("e.date >= ?")
        params.append(start)
    if end:
        where.append("e.date <= ?")
        params.append(end)
    return where, params
