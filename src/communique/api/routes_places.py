"""GET /locations: located events (or places) under the filters of /events, for a map."""
from __future__ import annotations

import duckdb
from fastapi import APIRouter, Depends, Query

from communique.analysis.maps import PRECISIONS, event_points, place_points
from communique.analysis.queries import EventFilter
from communique.api.params import MAX_PAGE, bad, check_choice, event_filter
from communique.api.routes_events import as_json
from communique.api.store import store

router = APIRouter(tags=["places"])


@router.get("/locations", summary="Events with coordinates, one point per event or per place")
def locations(f: EventFilter = Depends(event_filter),
              by: str = Query("event", max_length=10, description="event: one point per located event; "
                              "place: one per place, with its event counts"),
              precision: str | None = Query(None, max_length=100, description="keep these precisions: "
                                            "city, adm1, country, region (comma-separated)"),
              limit: int = Query(500, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=10_000_000),
              con: duckdb.DuckDBPyConnection = Depends(store)):
    """``{by, total, limit, offset, points}``. Events without a location are left out; the
    point of an event is where it happened (``location``), not its actors' places."""
    check_choice("by", by, ("event", "place"))
    kept = tuple(dict.fromkeys(p.strip().lower() for p in (precision or "").split(",") if p.strip()))
    for p in kept:
        if p not in PRECISIONS:
            raise bad(f"precision: {p[:20]!r} is not one of {', '.join(PRECISIONS)}")
    find = event_points if by == "event" else place_points
    total, points = find(con, f, kept, limit, offset)
    return as_json({"by": by, "total": total, "limit": limit, "offset": offset, "points": points})
