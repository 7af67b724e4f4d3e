"""Events with coordinates, for a map: one point per located event, or one per place.

>>> from communique.analysis.maps import event_points, place_points   # doctest: +SKIP
>>> total, points = event_points("events.duckdb", EventFilter(source=("PRK",)))  # doctest: +SKIP
>>> points[0]["location"]["lat"], points[0]["location"]["lon"]         # doctest: +SKIP

Only events with a location count (``location`` of the event: where it happened; an
actor's own place is not a point here). Filters are those of ``/events``
(:class:`~communique.analysis.queries.EventFilter`), plus the precisions to keep.
"""
from __future__ import annotations

from communique.analysis.dyads import QUAD_NAMES, connection
from communique.analysis.queries import EventFilter, QueryError, plain, source_of, view_columns, where_clause
from communique.serialize import LOCATION_FIELDS

PRECISIONS = ("city", "adm1", "country", "region")
_PLACE = ("location_feature_id", "location_name", "location_country", "location_adm1",
          "location_lat", "location_lon", "location_precision")


def _where(con, f: EventFilter, precision) -> tuple[str, list]:
    cond, params = where_clause(f, view_columns(con))
    bad = [p for p in precision if p not in PRECISIONS]
    if bad:
        raise QueryError(f"unknown precision {bad[0]!r} (choose from {', '.join(PRECISIONS)})")
    cond += " AND e.location_lat IS NOT NULL AND e.location_lon IS NOT NULL"
    if precision:
        cond += f" AND e.location_precision IN ({', '.join('?' for _ in precision)})"
        params = [*params, *precision]
    return cond, params


def event_points(db, f: EventFilter | None = None, precision: tuple[str, ...] = (), limit: int = 1000,
                 offset: int = 0) -> tuple[int, list[dict]]:
    """(located events matching, one page of them), by date: each ``{event_id, doc_id, date,
    cameo, cameo_root, quad_class, goldstein, source, target, location}`` with ``source`` and
    ``target`` the actor codes and ``location`` the event's place (text, offsets, name,
    country, adm1, lat, lon, feature_id, precision)."""
    con, f = connection(db), f or EventFilter()
    cond, params = _where(con, f, precision)
    relation = source_of(f)
    total = con.execute(f"SELECT count(*) FROM {relation} e WHERE {cond}", params).fetchone()[0]
    place = ", ".join(f"e.location_{c}" for c in LOCATION_FIELDS)
    cur = con.execute(
        "SELECT e.event_id, e.doc_id, e.date, e.cameo, e.cameo_root, e.quad_class, e.goldstein, "
        f"e.source_code, e.target_code, {place} FROM {relation} e WHERE {cond} "
        "ORDER BY e.date, e.doc_id, e.sentence_index, e.verb_start, e.event_id LIMIT ? OFFSET ?",
        [*params, int(limit), int(offset)])
    points = []
    for r in cur.fetchall():
        points.append({"event_id": r[0], "doc_id": r[1], "date": plain(r[2]), "cameo": r[3],
                       "cameo_root": r[4], "quad_class": r[5], "goldstein": r[6], "source": r[7],
                       "target": r[8], "location": dict(zip(LOCATION_FIELDS, r[9:]))})
    return total, points


def place_points(db, f: EventFilter | None = None, precision: tuple[str, ...] = (), limit: int = 1000,
                 offset: int = 0) -> tuple[int, list[dict]]:
    """(places matching, one page of them), most events first: each ``{feature_id, name,
    country, adm1, lat, lon, precision, events, verbal_coop, material_coop, verbal_conflict,
    material_conflict, goldstein_mean, first, last}``."""
    con, f = connection(db), f or EventFilter()
    cond, params = _where(con, f, precision)
    keys = ", ".join(f"e.{c}" for c in _PLACE)
    quads = ", ".join(f"count(*) FILTER (WHERE e.quad_class = {q}) AS {name}" for q, name in QUAD_NAMES.items())
    grouped = (f"SELECT {keys}, count(*) AS events, {quads}, avg(e.goldstein) AS goldstein_mean, "
               f"min(e.date) AS first, max(e.date) AS last FROM {source_of(f)} e WHERE {cond} GROUP BY ALL")
    total = con.execute(f"SELECT count(*) FROM ({grouped})", params).fetchone()[0]
    cur = con.execute(f"{grouped} ORDER BY events DESC, location_name, location_feature_id LIMIT ? OFFSET ?",
                      [*params, int(limit), int(offset)])
    names = [d[0].removeprefix("location_") for d in cur.description]
    return total, [{k: plain(v) for k, v in zip(names, r)} for r in cur.fetchall()]
