"""Event, document and actor look-ups over the store, for the API and the dashboard.

Every query reads the store's ``event_view`` (or its tables) with parameters bound by DuckDB:
no value from a caller is ever pasted into SQL. Columns that later schema versions add to
``event_view`` (``method``, ``confidence``, locations) are passed through as they appear.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

import duckdb

from communique.analysis.dyads import LEVELS, PERIODS, actor_expr
from communique.errors import CommuniqueError
from communique.serialize import LOCATION_FIELDS, location_fields
from communique.store import history

DEFAULT_METHOD = "dictionary"  # what coded every event of a store without a `method` column
SORTS = {"date": "e.date", "goldstein": "e.goldstein", "cameo": "e.cameo", "source": "e.source_code",
         "target": "e.target_code", "doc": "e.doc_id", "articles": "e.num_articles"}
TIE_BREAK = "e.date, e.doc_id, e.sentence_index, e.verb_start, e.event_id"
MAX_GROUP_MEMBERS = 100


class QueryError(CommuniqueError):
    """A query that cannot be answered as asked (bad level, too large a panel, ...)."""


@dataclass(frozen=True)
class EventFilter:
    """Which events a query looks at. Empty tuples and None mean "any".

    ``source``/``target``: actor codes; ``RUS`` matches RUS, RUSGOV, ... and any actor of
    country RUS; ``actor``: the same, on either side. ``country``/``sector``: either side of
    the event. ``code``: CAMEO code prefixes (``11`` is root 11, ``112`` also matches 1121).
    ``text``: every word must occur in the sentence (case-insensitive). ``place``: the
    location's feature id. ``location_country``: where the event took place (ISO-3).
    ``dyadic``: only events with a target.
    """

    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    actor: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    sector: tuple[str, ...] = ()
    root: tuple[str, ...] = ()
    code: tuple[str, ...] = ()
    quad_class: tuple[int, ...] = ()
    plover: tuple[str, ...] = ()
    method: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    text: str | None = None
    doc_id: str | None = None
    place: str | None = None  # a location's feature id (a GeoNames id, or communique:NAME)
    dyadic: bool = False
    location_country: tuple[str, ...] = ()


def has_table(con, name: str) -> bool:
    """Does the store have this table (older schemas lack the newer ones)?"""
    return bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                            [name]).fetchone()[0])


def view_columns(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The columns of ``event_view`` in this store, in order."""
    return [d[0] for d in con.execute("SELECT * FROM event_view LIMIT 0").description]


def source_of(f: EventFilter) -> str:
    """The relation a filter can be answered from: the ``events`` table, unless it searches
    the sentences (``event_view`` joins sentences, mentions, documents and groups)."""
    return "event_view" if f.text else "events"


def _any_of(expr: str, values, where: list[str], params: list) -> None:
    if values:
        where.append(f"{expr} IN ({', '.join('?' for _ in values)})")
        params.extend(values)


def where_clause(f: EventFilter, columns: list[str]) -> tuple[str, list]:
    """SQL condition over ``event_view e`` for a filter, and its parameters."""
    where: list[str] = []
    params: list = []
    if f.dyadic:
        where.append("e.target_code IS NOT NULL")
    for role, codes in (("source", f.source), ("target", f.target)):
        if codes:
            where.append("(" + " OR ".join(f"starts_with(e.{role}_code, ?) OR e.{role}_country = ?"
                                           for _ in codes) + ")")
            for c in codes:
                params += [c, c]
    if f.actor:
        where.append("(" + " OR ".join("starts_with(e.source_code, ?) OR e.source_country = ? OR "
                                       "starts_with(e.target_code, ?) OR e.target_country = ?"
                                       for _ in f.actor) + ")")
        for c in f.actor:
            params += [c, c, c, c]
    if f.country:
        marks = ", ".join("?" for _ in f.country)
        where.append(f"(e.source_country IN ({marks}) OR e.target_country IN ({marks}))")
        params += [*f.country, *f.country]
    if f.sector:
        where.append("(" + " OR ".join("starts_with(e.source_sector, ?) OR starts_with(e.target_sector, ?)"
                                       for _ in f.sector) + ")")
        for s in f.sector:
            params += [s, s]
    _any_of("e.cameo_root", f.root, where, params)
    if f.code:
        where.append("(" + " OR ".join("starts_with(e.cameo, ?)" for _ in f.code) + ")")
        params += list(f.code)
    _any_of("e.quad_class", f.quad_class, where, params)
    _any_of("e.plover_event", f.plover, where, params)
    _any_of("e.location_country", f.location_country, where, params)
    if f.method:
        method = "e.method" if "method" in columns else f"'{DEFAULT_METHOD}'"
        _any_of(f"coalesce({method}, '{DEFAULT_METHOD}')", f.method, where, params)
    if f.start:
        where.append("e.date >= ?")
        params.append(f.start)
    if f.end:
        where.append("e.date <= ?")
        params.append(f.end)
    for word in (f.text or "").lower().split():
        where.append("contains(lower(e.sentence), ?)")
        params.append(word)
    if f.doc_id is not None:
        where.append("e.doc_id = ?")
        params.append(f.doc_id)
    if f.place is not None:
        where.append("e.location_feature_id = ?" if "location_feature_id" in columns else "FALSE")
        params += [f.place] if "location_feature_id" in columns else []
    return (" AND ".join(where) or "TRUE"), params


def plain(value):
    """A value as JSON can hold it (dates as ISO strings)."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _mention(row: dict, role: str) -> dict | None:
    if row.get(f"{role}_code") is None:
        return None
    return {"code": row[f"{role}_code"], "country": row[f"{role}_country"],
            "sector": row[f"{role}_sector"], "name": row[f"{role}_name"],
            "text": row.get(f"{role}_text"), "start": row.get(f"{role}_start"),
            "end": row.get(f"{role}_end"), "location": location_fields(row, f"{role}_location")}


_NESTED = {"source_code", "source_country", "source_sector", "source_name", "source_text",
           "source_start", "source_end", "target_code", "target_country", "target_sector",
           "target_name", "target_text", "target_start", "target_end", "plover_event",
           "plover_mode", "verb_text", "verb_start", "verb_end",
           *(f"{p}_{f}" for p in ("location", "source_location", "target_location") for f in LOCATION_FIELDS)}


def event_record(row: dict) -> dict:
    """An ``event_view`` row in the nested form of ``communique code`` plus the store's extras."""
    out = {"event_id": row["event_id"], "doc_id": row["doc_id"],
           "sentence_index": row["sentence_index"], "date": plain(row["date"]),
           "source": _mention(row, "source"), "target": _mention(row, "target"),
           "cameo": row["cameo"], "cameo_root": row["cameo_root"], "quad_class": row["quad_class"],
           "goldstein": row["goldstein"],
           "plover": {"event": row["plover_event"], "mode": row["plover_mode"]},
           "verb": {"text": row["verb_text"], "start": row["verb_start"], "end": row["verb_end"]}}
    if "location_start" in row:
        out["location"] = location_fields(row)
    for key, value in row.items():
        if key not in out and key not in _NESTED and not key.startswith("location_"):
            out[key] = plain(value)
    out.setdefault("method", DEFAULT_METHOD)
    return out


def _rows(cur) -> list[dict]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def order_by(sort: str) -> str:
    """ORDER BY for a sort key such as ``date`` or ``-goldstein`` (descending)."""
    key = sort.removeprefix("-")
    if key not in SORTS:
        raise QueryError(f"unknown sort {sort!r} (choose from {', '.join(SORTS)}, '-' for descending)")
    direction = "DESC" if sort.startswith("-") else "ASC"
    return f"{SORTS[key]} {direction} NULLS LAST, {TIE_BREAK}"


def count_events(con, f: EventFilter, columns: list[str] | None = None) -> int:
    cond, params = where_clause(f, columns or view_columns(con))
    return con.execute(f"SELECT count(*) FROM {source_of(f)} e WHERE {cond}", params).fetchone()[0]


def find_events(con, f: EventFilter, sort: str = "date", limit: int = 50,
                offset: int = 0) -> tuple[int, list[dict]]:
    """(total matching, one page of event records)."""
    columns = view_columns(con)
    cond, params = where_clause(f, columns)
    total = count_events(con, f, columns)
    order = order_by(sort)
    if source_of(f) == "events" and not sort.endswith("articles"):
        # pick the page from the table, then read its rows from the view
        cur = con.execute(f"SELECT e.* FROM event_view e WHERE e.event_id IN (SELECT e.event_id FROM events e "
                          f"WHERE {cond} ORDER BY {order} LIMIT ? OFFSET ?) ORDER BY {order}",
                          [*params, int(limit), int(offset)])
    else:
        cur = con.execute(f"SELECT e.* FROM event_view e WHERE {cond} ORDER BY {order} LIMIT ? OFFSET ?",
                          [*params, int(limit), int(offset)])
    return total, [event_record(r) for r in _rows(cur)]


def iter_event_rows(con, f: EventFilter, sort: str = "date", limit: int | None = None, offset: int = 0,
                    chunk: int = 2048) -> Iterator[tuple[list[str], list[tuple]]]:
    """Flat ``event_view`` rows in chunks (for exports): (column names, rows) per chunk."""
    cond, params = where_clause(f, view_columns(con))
    sql = f"SELECT e.* FROM event_view e WHERE {cond} ORDER BY {order_by(sort)}"
    if limit is not None:
        sql += " LIMIT ?"
        params = [*params, int(limit)]
    if offset:
        sql += " OFFSET ?"
        params = [*params, int(offset)]
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    while rows := cur.fetchmany(chunk):
        yield names, rows


def get_event(con, event_id: str, with_history: bool = False) -> dict | None:
    """An event of the store; ``with_history``: also what it replaced (``history``) and, for an
    event a re-coding removed, the event as it was (with ``replaced``)."""
    rows = _rows(con.execute("SELECT * FROM event_view WHERE event_id = ?", [event_id]))
    if not rows:
        return replaced_event(con, event_id) if with_history else None
    event = event_record(rows[0])
    if with_history:
        event["history"] = event_history(con, event)
    return event


def get_document(con, doc_id: str) -> dict | None:
    """A document with its metadata, its duplicate group and every event with its spans."""
    docs = _rows(con.execute(
        "SELECT doc_id, title, date, url, source, text, origin_file, origin_line, group_id, "
        "similarity, coded, coder_version, n_sentences, n_events FROM documents WHERE doc_id = ?",
        [doc_id]))
    if not docs:
        return None
    doc = {k: plain(v) for k, v in docs[0].items()}
    members = _rows(con.execute(
        "SELECT doc_id, title, date, source, similarity, coded FROM documents WHERE group_id = ? "
        "ORDER BY doc_id = group_id DESC, doc_id LIMIT ?", [doc["group_id"], MAX_GROUP_MEMBERS]))
    size = con.execute("SELECT num_articles, num_sources FROM groups WHERE group_id = ?",
                       [doc["group_id"]]).fetchone()
    doc["group"] = {"group_id": doc["group_id"], "num_articles": size[0], "num_sources": size[1],
                    "head": doc["group_id"] == doc_id,
                    "members": [{k: plain(v) for k, v in m.items()} for m in members]}
    cur = con.execute("SELECT * FROM event_view WHERE doc_id = ? ORDER BY sentence_index, verb_start, "
                      "event_id", [doc_id])
    doc["events"] = [event_record(r) for r in _rows(cur)]
    doc["history"] = document_history(con, doc_id)
    return doc


def document_history(con, doc_id: str) -> list[dict]:
    """The document's re-codings that changed its events, newest first: {revision,
    changed_at, old_version, new_version, removed, added} (events as records)."""
    if not has_table(con, "events_history"):
        return []
    out = history.document_history(con, doc_id)
    for revision in out:
        for change in ("removed", "added"):
            revision[change] = [event_record(e) for e in revision[change]]
    return out


def event_history(con, event: dict) -> dict | None:
    """For an event a re-coding brought in: that re-coding and the events of the same
    sentence it replaced ("before"); None for an event as first coded."""
    for revision in document_history(con, event["doc_id"]):
        if any(e["event_id"] == event["event_id"] for e in revision["added"]):
            before = [e for e in revision["removed"] if e["sentence_index"] == event["sentence_index"]]
            return {k: revision[k] for k in ("revision", "changed_at", "old_version", "new_version")} | {
                "before": before}
    return None


def replaced_event(con, event_id: str) -> dict | None:
    """An event no longer in the store, as it was before the re-coding that removed it."""
    if not has_table(con, "events_history"):
        return None
    row = con.execute("SELECT event, revision, changed_at, new_version FROM events_history WHERE event_id = ? "
                      "AND change = 'removed' ORDER BY changed_at DESC LIMIT 1", [event_id]).fetchone()
    if row is None:
        return None
    import json

    return {**event_record(json.loads(row[0])), "replaced": {
        "revision": row[1], "changed_at": row[2].isoformat(timespec="seconds"), "new_version": row[3]}}


def period_bounds(by: str, col: str = "e.date") -> tuple[str, str, str]:
    """SQL for a period's label (as ``communique dyads`` prints it), first and last day."""
    if by not in PERIODS:
        raise QueryError(f"unknown period {by!r} (choose from {', '.join(PERIODS)})")
    if by == "all":
        return "'all'", "NULL::DATE", "NULL::DATE"
    first = f"CAST(date_trunc('{by}', {col}) AS DATE)"
    last = f"CAST(date_trunc('{by}', {col}) + INTERVAL 1 {by} - INTERVAL 1 day AS DATE)"
    return PERIODS[by].replace("e.date", col), first, last


def _check_level(level: str) -> None:
    if level not in LEVELS:
        raise QueryError(f"unknown level {level!r} (choose from {', '.join(LEVELS)})")


def _roles_sql(f: EventFilter, columns: list[str], level: str) -> tuple[str, list]:
    """One row per (event, role) an actor plays: the actor at ``level``, its own code and
    country, its name, its role, the partner on the other side at ``level`` and the event's
    date, Goldstein score and QuadClass."""
    cond, params = where_clause(f, columns)
    parts = []
    for role, other in (("source", "target"), ("target", "source")):
        parts.append(f"SELECT {actor_expr(role, level)} AS actor, e.{role}_code AS raw_code, "
                     f"e.{role}_country AS country, e.{role}_name AS name, '{role}' AS role, "
                     f"{actor_expr(other, level)} AS partner, e.goldstein, e.date, e.quad_class "
                     f"FROM {source_of(f)} e WHERE {cond} AND e.{role}_code IS NOT NULL")
    return " UNION ALL ".join(parts), params + params


_SIDES = ("count(*) FILTER (WHERE role = 'source') AS as_source, "
          "count(*) FILTER (WHERE role = 'target') AS as_target")


def search_actors(con, q: str | None = None, level: str = "actor", f: EventFilter | None = None,
                  limit: int = 20) -> list[dict]:
    """Actors whose code starts with ``q`` or one of whose names contains it, most active first.

    Each: code, name (its most frequent name), names (up to 5), events, as_source, as_target,
    goldstein_mean (over all its events).
    """
    _check_level(level)
    roles, params = _roles_sql(f or EventFilter(), view_columns(con), level)
    having, hparams = "TRUE", []
    if q:
        having = "bool_or(starts_with(upper(actor), ?) OR contains(lower(name), ?))"
        hparams = [q.upper(), q.lower()]
    sql = (f"WITH roles AS ({roles}), named AS (SELECT actor, name, count(*) AS n FROM roles "
           "GROUP BY ALL), names AS (SELECT actor, list(name ORDER BY n DESC, name)[1:5] AS names "
           "FROM named WHERE name IS NOT NULL GROUP BY actor) "
           "SELECT r.actor AS code, coalesce(mode(r.name) FILTER (WHERE r.raw_code = r.actor), "
           "mode(r.name)) AS name, any_value(n.names) AS names, count(*) AS events, "
           f"{_SIDES}, avg(r.goldstein) AS goldstein_mean "
           f"FROM roles r LEFT JOIN names n USING (actor) GROUP BY r.actor HAVING {having} "
           "ORDER BY events DESC, code LIMIT ?")
    return [{k: plain(v) for k, v in r.items()}
            for r in _rows(con.execute(sql, [*params, *hparams, int(limit)]))]


def actor_profile(con, code: str, by: str = "month", level: str = "country",
                  f: EventFilter | None = None, partners: int = 20) -> dict | None:
    """An actor's timeline (events as source and as target per period) and main partners.

    ``code`` matches as in filters (``RUS``: RUS, RUSGOV, ... and country RUS); partners are
    grouped at ``level``. None when the actor is in no event.
    """
    _check_level(level)
    label, start, end = period_bounds(by, "r.date")
    roles, params = _roles_sql(f or EventFilter(), view_columns(con), level)
    match = "(starts_with(r.raw_code, ?) OR r.country = ?)"
    head = f"WITH roles AS ({roles}) SELECT "
    tail = f" FROM roles r WHERE {match}"
    args = [*params, code, code]
    totals = _rows(con.execute(
        f"{head}count(*) AS events, {_SIDES}, avg(goldstein) AS goldstein_mean, min(date) AS first, "
        f"max(date) AS last, coalesce(mode(name) FILTER (WHERE raw_code = ?), mode(name)) AS name{tail}",
        [*params, code, *args[len(params):]]))[0]
    if not totals["events"]:
        return None
    timeline = _rows(con.execute(
        f"{head}{label} AS period, {start} AS period_start, {end} AS period_end, {_SIDES}, "
        f"avg(goldstein) AS goldstein_mean{tail} GROUP BY ALL ORDER BY period", args))
    partner_rows = _rows(con.execute(
        f"{head}partner, count(*) AS events, {_SIDES}, avg(goldstein) AS goldstein_mean, "
        "count(*) FILTER (WHERE quad_class <= 2) AS cooperation, "
        f"count(*) FILTER (WHERE quad_class >= 3) AS conflict{tail} AND partner IS NOT NULL "
        "GROUP BY partner ORDER BY events DESC, partner LIMIT ?", [*args, int(partners)]))
    return {"code": code, "by": by, "level": level, **{k: plain(v) for k, v in totals.items()},
            "timeline": [{k: plain(v) for k, v in r.items()} for r in timeline],
            "partners": [{k: plain(v) for k, v in r.items()} for r in partner_rows]}
