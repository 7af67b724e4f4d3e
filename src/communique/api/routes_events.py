"""GET /events (filtered, paged, sorted; JSON, CSV or JSON lines), /events/{id}, /documents/{id}."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import duckdb
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse

from communique.analysis import queries
from communique.analysis.queries import EventFilter
from communique.api.params import MAX_EXPORT, MAX_PAGE, bad, event_filter, sort_key
from communique.api.store import store

router = APIRouter(tags=["events"])
FORMATS = ("json", "csv", "jsonl")


def as_json(data) -> JSONResponse:
    """An answer made of JSON values already (skips FastAPI's slower generic encoder)."""
    return JSONResponse(data)


def named(ontology, event: dict) -> dict:
    """An event with the name of its CAMEO code."""
    event["cameo_name"] = ontology.lookup(event["cameo"]).name if event.get("cameo") else None
    return event


@router.get("/events", summary="Events under a filter, a page at a time")
def list_events(request: Request, f: EventFilter = Depends(event_filter), sort: str = Depends(sort_key),
                limit: int | None = Query(None, ge=1, le=MAX_EXPORT, description=f"page size (JSON: at most "
                                          f"{MAX_PAGE}, default 50; CSV/JSON lines: at most {MAX_EXPORT})"),
                offset: int = Query(0, ge=0, le=10_000_000),
                format: str = Query("json", max_length=10, description="json, csv or jsonl"),
                con: duckdb.DuckDBPyConnection = Depends(store)):
    """JSON: ``{total, limit, offset, events}`` with events in the form of ``communique code``
    plus document metadata. CSV and JSON lines: the rows themselves (CSV has every column of
    the store's ``event_view``), with the number of matching events in ``X-Total-Count``."""
    if format not in FORMATS:
        raise bad(f"format: {format[:20]!r} is not one of {', '.join(FORMATS)}")
    ontology = request.app.state.ontology
    if format == "json":
        if limit is not None and limit > MAX_PAGE:
            raise bad(f"limit: at most {MAX_PAGE} events per page as JSON "
                      f"(use format=csv or jsonl for up to {MAX_EXPORT:,})")
        page = limit or 50
        total, events = queries.find_events(con, f, sort, page, offset)
        return as_json({"total": total, "limit": page, "offset": offset,
                        "events": [named(ontology, e) for e in events]})
    total = queries.count_events(con, f)
    rows = _export(request.app.state.reader, f, sort, limit or MAX_EXPORT, offset, format, ontology)
    media = "text/csv; charset=utf-8" if format == "csv" else "application/x-ndjson"
    return StreamingResponse(rows, media_type=media, headers={
        "X-Total-Count": str(total),
        "Content-Disposition": f'attachment; filename="events.{format}"'})


def _export(reader, f: EventFilter, sort: str, limit: int, offset: int, fmt: str,
            ontology) -> Iterator[str]:
    """Rows of a download, read through a connection that lives as long as the stream."""
    with reader.connection() as con:
        if fmt == "csv":
            yield _csv_line(queries.view_columns(con))
        for names, rows in queries.iter_event_rows(con, f, sort, limit, offset):
            if fmt == "csv":
                yield "".join(_csv_line(["" if v is None else queries.plain(v) for v in row]) for row in rows)
            else:
                yield "".join(json.dumps(named(ontology, queries.event_record(dict(zip(names, row)))),
                                         ensure_ascii=False) + "\n" for row in rows)


def _csv_line(values) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(values)
    return out.getvalue()


@router.get("/events/{event_id}", summary="One event")
def one_event(request: Request, event_id: str = Path(max_length=200),
              con: duckdb.DuckDBPyConnection = Depends(store)):
    """``history``: for an event a re-coding brought in, that re-coding and the events of its
    sentence it replaced (``before``). An event a re-coding removed is returned as it was,
    with ``replaced`` (when, and by which coder version)."""
    ontology = request.app.state.ontology
    event = queries.get_event(con, event_id, with_history=True)
    if event is None:
        raise HTTPException(404, f"no event {event_id[:80]!r} in the store")
    if event.get("history"):
        event["history"]["before"] = [named(ontology, e) for e in event["history"]["before"]]
    return as_json(named(ontology, event))


@router.get("/documents/{doc_id}", summary="A document, its duplicate group and its events")
def one_document(request: Request, doc_id: str = Path(max_length=200),
                 con: duckdb.DuckDBPyConnection = Depends(store)):
    """The text and metadata, the duplicate group (its head, size and members), every event
    with the character spans of its source, verb and target in ``text``, and ``history``:
    the re-codings that changed its events (``removed`` and ``added``), newest first."""
    doc = queries.get_document(con, doc_id)
    if doc is None:
        raise HTTPException(404, f"no document {doc_id[:80]!r} in the store")
    doc["events"] = [named(request.app.state.ontology, e) for e in doc["events"]]
    for revision in doc["history"]:
        for change in ("removed", "added"):
            revision[change] = [named(request.app.state.ontology, e) for e in revision[change]]
    return as_json(doc)
