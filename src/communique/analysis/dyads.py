"""Dyadic time series and rankings over the event store, as DuckDB relations.

>>> from communique.analysis import dyads, top_dyads           # doctest: +SKIP
>>> rel = dyads("events.duckdb", source="CHN", target="USA", by="month")  # doctest: +SKIP
>>> rel.df()                                                   # pandas DataFrame  # doctest: +SKIP
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from communique.analysis.filters import event_filters
from communique.errors import CommuniqueError
from communique.store.event_store import EventStore

PERIODS = {
    "day": "strftime(e.date, '%Y-%m-%d')",
    "week": "strftime(e.date, '%G-W%V')",
    "month": "strftime(e.date, '%Y-%m')",
    "year": "strftime(e.date, '%Y')",
    "all": "'all'",
}
LEVELS = ("country", "sector", "actor")
QUAD_NAMES = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}


def actor_expr(role: str, level: str) -> str:
    """SQL for an actor at a level: country (USA), sector (USAGOV) or actor (full code).

    Actors without a country (IGOs, NGOs) keep their own code at every level.
    """
    code, country, sector = f"e.{role}_code", f"e.{role}_country", f"e.{role}_sector"
    if level == "actor":
        return code
    if level == "country":
        return f"coalesce({country}, {code})"
    if level == "sector":
        return f"CASE WHEN {country} IS NULL THEN {code} ELSE {country} || coalesce(left({sector}, 3), '') END"
    raise CommuniqueError(f"unknown level {level!r} (choose from {', '.join(LEVELS)})")


def connection(db) -> duckdb.DuckDBPyConnection:
    """A connection from an EventStore, a DuckDB connection, or a path (opened read-only)."""
    if isinstance(db, EventStore):
        return db.con
    if isinstance(db, duckdb.DuckDBPyConnection):
        return db
    return EventStore(Path(db), read_only=True).con


FROM = ("FROM events e JOIN documents d ON d.doc_id = e.doc_id "
        "JOIN groups g ON g.group_id = d.group_id")


def _measures() -> str:
    quads = ", ".join(f"count(*) FILTER (WHERE e.quad_class = {q}) AS {name}"
                      for q, name in QUAD_NAMES.items())
    return (f"count(*) AS events, {quads}, avg(e.goldstein) AS goldstein_mean, "
            "sum(e.goldstein) AS goldstein_sum, sum(g.num_articles) AS articles")


def dyads(db, source=None, target=None, by: str = "month", start: date | None = None,
          end: date | None = None, level: str = "country", location_country=None) -> duckdb.DuckDBPyRelation:
    """Events per period and (source, target) dyad.

    Columns: period, source, target, events, verbal_coop, material_coop, verbal_conflict,
    material_conflict, goldstein_mean, goldstein_sum, articles (copies counted, so a story
    printed three times counts 3 here and 1 in ``events``). ``source``/``target`` take a
    code or a list of codes; ``RUS`` matches RUS, RUSGOV, RUSMIL and anything of country RUS;
    ``location_country`` keeps the events that took place in those countries (ISO-3).
    """
    if by not in PERIODS:
        raise CommuniqueError(f"unknown period {by!r} (choose from {', '.join(PERIODS)})")
    where, params = event_filters(source, target, start, end, location_country=location_country)
    sql = (f"SELECT {PERIODS[by]} AS period, {actor_expr('source', level)} AS source, "
           f"{actor_expr('target', level)} AS target, {_measures()} {FROM} "
           f"WHERE {' AND '.join(where)} GROUP BY ALL ORDER BY period, events DESC, source, target")
    return connection(db).sql(sql, params=params)


def top_dyads(db, n: int = 10, level: str = "country", start: date | None = None,
              end: date | None = None, source=None, target=None,
              location_country=None) -> duckdb.DuckDBPyRelation:
    """The ``n`` dyads with most events (same columns as :func:`dyads`, without period)."""
    where, params = event_filters(source, target, start, end, location_country=location_country)
    sql = (f"SELECT {actor_expr('source', level)} AS source, {actor_expr('target', level)} AS target, "
           f"{_measures()} {FROM} WHERE {' AND '.join(where)} GROUP BY ALL "
           f"ORDER BY events DESC, source, target LIMIT {int(n)}")
    return connection(db).sql(sql, params=params)


def top_actors(db, n: int = 10, level: str = "country", start: date | None = None,
               end: date | None = None, source=None, target=None,
               location_country=None) -> duckdb.DuckDBPyRelation:
    """The ``n`` actors in most events, as source or target (of the events that match
    ``source``/``target``, as in :func:`top_dyads`)."""
    where, params = event_filters(source, target, start, end, dyadic=False,
                                  location_country=location_country)
    cond = " AND ".join(where) or "TRUE"
    sql = (f"WITH roles AS ("
           f"SELECT {actor_expr('source', level)} AS actor, 'source' AS role, e.goldstein {FROM} "
           f"WHERE {cond} AND e.source_code IS NOT NULL UNION ALL "
           f"SELECT {actor_expr('target', level)}, 'target', e.goldstein {FROM} "
           f"WHERE {cond} AND e.target_code IS NOT NULL) "
           "SELECT actor, count(*) AS events, count(*) FILTER (WHERE role = 'source') AS as_source, "
           "count(*) FILTER (WHERE role = 'target') AS as_target, avg(goldstein) AS goldstein_mean "
           f"FROM roles GROUP BY actor ORDER BY events DESC, actor LIMIT {int(n)}")
    return connection(db).sql(sql, params=params + params)


def duplicate_groups(db, min_size: int = 2) -> duckdb.DuckDBPyRelation:
    """Near-duplicate groups with at least ``min_size`` copies, largest first."""
    # a folder of .txt files has no titles or publishers: the head's file stands for them
    sql = ("SELECT g.group_id, g.num_articles, g.num_sources, g.sources, "
           "coalesce(d.title, d.origin_file) AS title "
           "FROM groups g JOIN documents d ON d.doc_id = g.group_id "
           f"WHERE g.num_articles >= {int(min_size)} ORDER BY g.num_articles DESC, g.group_id")
    return connection(db).sql(sql)
