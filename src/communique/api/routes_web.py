"""The dashboard: its page and files at / and /static/NAME, its chart specs at /charts/*."""
from __future__ import annotations

import duckdb
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response

from communique.analysis import panels
from communique.analysis.queries import EventFilter
from communique.api.params import event_filter, level, period
from communique.api.routes_events import as_json
from communique.api.store import store
from communique.web import specs

router = APIRouter(tags=["dashboard"])


def _asset(request: Request, name: str) -> Response:
    asset = request.app.state.assets.get(name)
    if asset is None:
        raise HTTPException(404, f"no dashboard file {name[:80]!r}")
    headers = {"ETag": asset.etag, "Cache-Control": "no-cache"}
    if request.headers.get("if-none-match") == asset.etag:
        return Response(status_code=304, headers=headers)
    return Response(asset.body, media_type=asset.media_type, headers=headers)


@router.get("/", include_in_schema=False)
def index(request: Request):
    return _asset(request, "index.html")


@router.get("/static/{name}", include_in_schema=False)
def static(request: Request, name: str):
    return _asset(request, name)


@router.get("/charts/timeseries", summary="Vega-Lite spec: events per period by QuadClass, mean Goldstein")
def timeseries(f: EventFilter = Depends(event_filter), by: str = Depends(period),
               con: duckdb.DuckDBPyConnection = Depends(store)):
    return as_json(specs.timeseries_spec(panels.quad_series(con, f, by, fill=True), by))


@router.get("/charts/network", summary="Vega-Lite spec: who acts toward whom")
def network(f: EventFilter = Depends(event_filter), lvl: str = Depends(level),
            edges: int = Query(40, ge=1, le=200, description="the busiest directed dyads to draw"),
            con: duckdb.DuckDBPyConnection = Depends(store)):
    return as_json(specs.network_spec(panels.network(con, f, lvl, edges), lvl))


@router.get("/charts/map", summary="Vega-Lite spec: event locations on a map")
def event_map(request: Request, f: EventFilter = Depends(event_filter),
              places: int = Query(500, ge=1, le=5000, description="the busiest places to draw"),
              con: duckdb.DuckDBPyConnection = Depends(store)):
    """One point per place (``place`` is its feature id, the filter that lists its events)."""
    return as_json(specs.map_spec(panels.map_points(con, f, places), request.app.state.centres))

