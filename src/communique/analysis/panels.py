"""Dyad panels, QuadClass time series and the who-acts-toward-whom network, under any filter.

:func:`dyad_panel` gives the rows of ``communique dyads`` (same columns, same order) for an
:class:`~communique.analysis.queries.EventFilter`, optionally zero-filled over every period
of the range and normalised by the number of coded documents per period.
"""
from __future__ import annotations

from datetime import date, timedelta

from communique.analysis.dyads import QUAD_NAMES, actor_expr
from communique.analysis.queries import (
    EventFilter,
    QueryError,
    period_bounds,
    plain,
    source_of,
    view_columns,
    where_clause,
)

MAX_PANEL_ROWS = 200_000
COUNTS = ("events", *QUAD_NAMES.values(), "articles")


def _measures() -> str:
    quads = ", ".join(f"count(*) FILTER (WHERE e.quad_class = {q}) AS {name}" for q, name in QUAD_NAMES.items())
    return (f"count(*) AS events, {quads}, avg(e.goldstein) AS goldstein_mean, "
            "sum(e.goldstein) AS goldstein_sum, sum(e.num_articles) AS articles")


def _rows(cur) -> list[dict]:
    names = [d[0] for d in cur.description]
    return [{k: plain(v) for k, v in zip(names, r)} for r in cur.fetchall()]


def _step(day: date, by: str) -> date:
    if by == "day":
        return day + timedelta(days=1)
    if by == "week":
        return day + timedelta(days=7)
    if by == "month":
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return date(day.year + 1, 1, 1)


def _first_day(day: date, by: str) -> date:
    if by == "week":
        return day - timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    if by == "year":
        return date(day.year, 1, 1)
    return day


def period_label(first: date, by: str) -> str:
    """The label of the period that starts on ``first`` (as ``communique dyads`` prints it)."""
    if by == "day":
        return first.isoformat()
    if by == "week":
        year, week, _ = first.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return first.strftime("%Y-%m")
    if by == "year":
        return f"{first.year:04d}"
    return "all"


def count_periods(start: date, end: date, by: str) -> int:
    """How many periods :func:`periods` gives, without making them."""
    if end < start:
        return 0
    if by == "day":
        return (end - start).days + 1
    if by == "week":
        return (_first_day(end, by) - _first_day(start, by)).days // 7 + 1
    if by == "month":
        return (end.year - start.year) * 12 + end.month - start.month + 1
    return end.year - start.year + 1


def periods(start: date, end: date, by: str) -> list[tuple[str, date, date]]:
    """Every (label, first day, last day) from the period holding ``start`` to the one holding ``end``."""
    out = []
    day = _first_day(start, by)
    while day <= end:
        nxt = _step(day, by)
        out.append((period_label(day, by), day, nxt - timedelta(days=1)))
        day = nxt
    return out


def documents_per_period(con, by: str, start: date | None = None, end: date | None = None) -> dict[str, int]:
    """Coded documents per period of their date (the coverage a count is divided by)."""
    label, _, _ = period_bounds(by, "d.date")
    where, params = ["d.coded", "d.date IS NOT NULL"], []
    if start:
        where.append("d.date >= ?")
        params.append(start)
    if end:
        where.append("d.date <= ?")
        params.append(end)
    rows = con.execute(f"SELECT {label}, count(*) FROM documents d WHERE {' AND '.join(where)} "
                       "GROUP BY 1", params).fetchall()
    return dict(rows)


def dyad_panel(con, f: EventFilter = EventFilter(), by: str = "month", level: str = "country",
               fill: bool = False, normalise: bool = False) -> list[dict]:
    """Events per period and dyad: the columns of :func:`communique.analysis.dyads`, plus
    ``period_start``/``period_end``.

    ``fill``: a zero-filled panel, every dyad in every period of the range (the filter's
    dates, or else the first and last event). ``normalise``: the counts (``events``, the four
    QuadClass counts, ``articles``) divided by the coded documents of the period, which are
    given in ``documents``; Goldstein figures are left as they are.
    """
    label, first, last = period_bounds(by)
    f = EventFilter(**{**f.__dict__, "dyadic": True})
    cond, params = where_clause(f, view_columns(con))
    src, tgt = actor_expr("source", level), actor_expr("target", level)
    sql = (f"SELECT {label} AS period, {first} AS period_start, {last} AS period_end, {src} AS source, "
           f"{tgt} AS target, {_measures()} FROM event_view e WHERE {cond} "
           "GROUP BY ALL ORDER BY period, events DESC, source, target")
    rows = _rows(con.execute(sql, params))
    if fill and by != "all":
        rows = _fill(con, rows, f, cond, params, by)
    if normalise:
        docs = documents_per_period(con, by, f.start, f.end)
        total = sum(docs.values())
        for r in rows:
            n = total if by == "all" else docs.get(r["period"], 0)
            r["documents"] = n
            for key in COUNTS:
                r[key] = r[key] / n if n else None
    return rows


def _fill(con, rows: list[dict], f: EventFilter, cond: str, params: list, by: str) -> list[dict]:
    lo, hi = f.start, f.end
    if lo is None or hi is None:
        first, last = con.execute(f"SELECT min(e.date), max(e.date) FROM event_view e WHERE {cond}",
                                  params).fetchone()
        lo, hi = lo or first, hi or last
    if lo is None or hi is None:
        return rows
    dyads = sorted({(r["source"], r["target"]) for r in rows}, key=lambda d: (str(d[0]), str(d[1])))
    n = count_periods(lo, hi, by)
    if n * len(dyads) > MAX_PANEL_ROWS:
        raise QueryError(f"a filled panel of {n:,} periods x {len(dyads):,} dyads is too large "
                         f"(at most {MAX_PANEL_ROWS:,} rows): narrow the dates, the actors or the period")
    spans = periods(lo, hi, by)
    have = {(r["period"], r["source"], r["target"]): r for r in rows}
    out = []
    for name, start, end in spans:
        block = []
        for s, t in dyads:
            r = have.get((name, s, t))
            if r is None:
                r = {"period": name, "period_start": start.isoformat(), "period_end": end.isoformat(),
                     "source": s, "target": t, **{k: 0 for k in COUNTS if k != "articles"},
                     "goldstein_mean": None, "goldstein_sum": 0.0, "articles": 0}
            block.append(r)
        block.sort(key=lambda r: (-r["events"], str(r["source"]), str(r["target"])))
        out += block
    return out


MAX_PERIODS = 5000


def quad_series(con, f: EventFilter = EventFilter(), by: str = "month", fill: bool = False) -> list[dict]:
    """Per period: events of each QuadClass and the mean Goldstein score of all of them.

    Rows: period, period_start, period_end, events, the four QuadClass counts, goldstein_mean;
    one per period that has events, or (``fill``) one per period of the range, with zeros.
    """
    label, first, last = period_bounds(by)
    cond, params = where_clause(f, view_columns(con))
    quads = ", ".join(f"count(*) FILTER (WHERE e.quad_class = {q}) AS {name}" for q, name in QUAD_NAMES.items())
    sql = (f"SELECT {label} AS period, {first} AS period_start, {last} AS period_end, count(*) AS events, "
           f"{quads}, avg(e.goldstein) AS goldstein_mean FROM {source_of(f)} e WHERE {cond} "
           "GROUP BY ALL ORDER BY period")
    rows = _rows(con.execute(sql, params))
    if not fill or by == "all" or not rows:
        return rows
    lo = f.start or date.fromisoformat(rows[0]["period_start"])
    hi = f.end or date.fromisoformat(rows[-1]["period_end"])
    n = count_periods(lo, hi, by)
    if n > MAX_PERIODS:
        raise QueryError(f"{n:,} periods is too many for one series (at most {MAX_PERIODS:,}): "
                         "choose a longer period or fewer dates")
    spans = periods(lo, hi, by)
    have = {r["period"]: r for r in rows}
    zero = dict.fromkeys(("events", *QUAD_NAMES.values()), 0)
    return [have.get(name) or {"period": name, "period_start": start.isoformat(),
                               "period_end": end.isoformat(), **zero, "goldstein_mean": None}
            for name, start, end in spans]


def network(con, f: EventFilter = EventFilter(), level: str = "country", edges: int = 60) -> list[dict]:
    """The ``edges`` busiest directed dyads: source, target, events, cooperation (QuadClass
    1-2), conflict (3-4), goldstein_mean."""
    f = EventFilter(**{**f.__dict__, "dyadic": True})
    cond, params = where_clause(f, view_columns(con))
    sql = (f"SELECT {actor_expr('source', level)} AS source, {actor_expr('target', level)} AS target, "
           "count(*) AS events, count(*) FILTER (WHERE e.quad_class <= 2) AS cooperation, "
           "count(*) FILTER (WHERE e.quad_class >= 3) AS conflict, avg(e.goldstein) AS goldstein_mean "
           f"FROM {source_of(f)} e WHERE {cond} GROUP BY ALL ORDER BY events DESC, source, target LIMIT ?")
    return _rows(con.execute(sql, [*params, int(edges)]))


def map_points(con, f: EventFilter = EventFilter(), limit: int = 500) -> dict:
    """Event locations under a filter: one point per place (its feature), busiest first,
    with its events, cooperation and conflict counts and mean Goldstein; and how many of
    the filter's events have a location at all."""
    columns = view_columns(con)
    cond, params = where_clause(f, columns)
    total = con.execute(f"SELECT count(*) FROM {source_of(f)} e WHERE {cond}", params).fetchone()[0]
    if "location_lat" not in columns:
        return {"events": total, "located": 0, "points": []}
    cur = con.execute(
        f"SELECT e.location_feature_id AS place, mode(e.location_name) AS name, "
        "mode(e.location_country) AS country, mode(e.location_precision) AS precision, "
        "avg(e.location_lat) AS lat, avg(e.location_lon) AS lon, count(*) AS events, "
        "count(*) FILTER (WHERE e.quad_class <= 2) AS cooperation, "
        "count(*) FILTER (WHERE e.quad_class >= 3) AS conflict, avg(e.goldstein) AS goldstein_mean "
        f"FROM {source_of(f)} e WHERE {cond} AND e.location_lat IS NOT NULL AND e.location_lon IS NOT NULL "
        "GROUP BY e.location_feature_id ORDER BY events DESC, place LIMIT ?", [*params, int(limit)])
    points = _rows(cur)
    located = con.execute(f"SELECT count(*) FROM {source_of(f)} e WHERE {cond} AND e.location_lat IS NOT NULL",
                          params).fetchone()[0]
    return {"events": total, "located": located, "points": points}
