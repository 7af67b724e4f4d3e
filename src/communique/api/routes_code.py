"""POST /code (a pasted text coded at once, nothing stored) and GET /health."""
from __future__ import annotations

import time
from datetime import date

import duckdb
from fastapi import APIRouter, Depends, Request

from communique import __version__
from communique.api.guard import require_json
from communique.api.routes_events import named
from communique.api.schemas import CodeRequest, CodeResponse, Health
from communique.api.store import store

router = APIRouter(tags=["coding"])


@router.post("/code", response_model=CodeResponse, dependencies=[Depends(require_json)],
             summary="Code a text: events out, nothing stored")
def code(body: CodeRequest, request: Request):
    """The events of one text (``text[start:end]`` is each span), coded with the server's
    dictionaries. No token is needed: nothing is written. The coder is loaded on the first
    call (a few seconds) and codes one request at a time."""
    started = time.perf_counter()
    day = body.date or date.today()
    version, coded = request.app.state.coder.code(body.text, day, body.title)
    ontology = request.app.state.ontology
    events = [named(ontology, {**e.to_dict(), "method": e.extra.get("method", "dictionary")})
              for e in coded.events]
    return CodeResponse(doc_id=coded.document.id, date=day, text=body.text, coder_version=version,
                        sentences=coded.sentences, seconds=round(time.perf_counter() - started, 4),
                        events=events)


@router.get("/health", response_model=Health, summary="Is the store readable, and what is in it")
def health(request: Request, con: duckdb.DuckDBPyConnection = Depends(store)):
    docs, events, first, last = con.execute(
        "SELECT (SELECT count(*) FROM documents), count(*), min(date), max(date) FROM events").fetchone()
    settings = request.app.state.settings
    return Health(status="ok", version=__version__, store=settings.db_path.name, documents=docs,
                  events=events, first_date=first, last_date=last,
                  coder_loaded=request.app.state.coder.loaded, writes_enabled=bool(settings.token))
