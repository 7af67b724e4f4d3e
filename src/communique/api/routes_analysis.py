"""GET /dyads, /actors, /actors/{code}, /alerts and /codes (the ontology the filters offer)."""
from __future__ import annotations

from datetime import date

import duckdb
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from communique.analysis import panels, queries
from communique.analysis.alerts import AlertRule, alerts
from communique.analysis.dyads import LEVELS, PERIODS, QUAD_NAMES
from communique.analysis.queries import EventFilter
from communique.api.params import actor_code as check_actor
from communique.api.params import event_filter, level, parse_day, period
from communique.api.routes_events import as_json
from communique.api.store import store

router = APIRouter(tags=["analysis"])


@router.get("/dyads", summary="Events per period and dyad (as `communique dyads`)")
def dyads(f: EventFilter = Depends(event_filter), by: str = Depends(period), lvl: str = Depends(level),
          fill: bool = Query(False, description="zero-filled panel: every dyad in every period of the range"),
          normalise: bool = Query(False, description="divide counts by the coded documents of each period"),
          con: duckdb.DuckDBPyConnection = Depends(store)):
    """Rows: period, period_start, period_end, source, target, events, verbal_coop,
    material_coop, verbal_conflict, material_conflict, goldstein_mean, goldstein_sum, articles
    (and documents when normalised). Only events with a target are dyadic."""
    rows = panels.dyad_panel(con, f, by, lvl, fill=fill, normalise=normalise)
    return as_json({"by": by, "level": lvl, "fill": fill, "normalise": normalise, "rows": rows})


@router.get("/actors", summary="Actors by code or name, with their counts as source and target")
def actors(q: str | None = Query(None, max_length=100, description="start of a code or part of a name"),
           lvl: str = Depends(level), limit: int = Query(20, ge=1, le=200),
           f: EventFilter = Depends(event_filter), con: duckdb.DuckDBPyConnection = Depends(store)):
    found = queries.search_actors(con, (q or "").strip() or None, lvl, f, limit)
    return as_json({"q": q, "level": lvl, "actors": found})


@router.get("/actors/{actor_code}", summary="An actor's timeline and partners")
def actor(actor_code: str = Path(max_length=40), by: str = Depends(period), lvl: str = Depends(level),
          partners: int = Query(20, ge=1, le=200), f: EventFilter = Depends(event_filter),
          con: duckdb.DuckDBPyConnection = Depends(store)):
    """``actor_code`` matches as in filters (RUS: RUS, RUSGOV, ... and every actor of country RUS);
    partners are grouped at ``level``."""
    profile = queries.actor_profile(con, check_actor(actor_code), by, lvl, f, partners)
    if profile is None:
        raise HTTPException(404, f"no events with actor {actor_code[:40]!r}")
    return as_json(profile)


@router.get("/alerts", summary="Dyads and actors whose counts or mean Goldstein changed")
def change_alerts(weeks: int = Query(4, ge=1, le=260, description="length of each window in weeks"),
                  count_change: float = Query(0.25, ge=0, le=1000, description="relative change of the "
                                              "event count that raises an alert (0.25 = 25 %)"),
                  goldstein_change: float = Query(2.0, ge=0, le=20, description="change of the mean "
                                                  "Goldstein score that raises an alert"),
                  floor: int = Query(5, ge=1, le=100_000, description="series with fewer events in both "
                                     "windows are quiet and never flagged"),
                  as_of: str | None = Query(None, max_length=10, description="last day of the recent "
                                            "window (default: the latest event)"),
                  lvl: str = Depends(level), limit: int = Query(50, ge=1, le=500),
                  f: EventFilter = Depends(event_filter), con: duckdb.DuckDBPyConnection = Depends(store)):
    """The filter's own dates are replaced by the two windows."""
    day: date | None = parse_day("as_of", as_of)
    rule = AlertRule(weeks, count_change, goldstein_change, floor, day, lvl, limit)
    return as_json(alerts(con, rule, f))


@router.get("/codes", summary="CAMEO roots, PLOVER types, QuadClasses, periods and levels")
def codes(request: Request):
    ontology = request.app.state.ontology
    roots = [{"code": c, "name": ontology[c].name, "quad_class": ontology[c].quad_class}
             for c in ontology.roots()]
    plover = sorted({c.plover_event for c in ontology.codes.values() if c.plover_event})
    every = [{"code": c.code, "name": c.name} for c in sorted(ontology.codes.values(), key=lambda c: c.code)]
    return {"roots": roots, "codes": every, "plover": plover,
            "quad_classes": {str(q): n for q, n in QUAD_NAMES.items()},
            "periods": list(PERIODS), "levels": list(LEVELS)}
