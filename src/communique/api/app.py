"""The application factory: routes, security defaults and one error shape for every failure.

Every error is JSON ``{"error": "one line"}`` with a 4xx status (a request that cannot be
answered as asked) or 503 (the store is busy or missing, the coder cannot be loaded).
"""
from __future__ import annotations

import ipaddress
import logging
from dataclasses import dataclass
from pathlib import Path

import duckdb
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from communique import __version__
from communique.api import (
    routes_analysis,
    routes_code,
    routes_corrections,
    routes_events,
    routes_places,
    routes_web,
)
from communique.api.coding import CoderUnavailable, CodeService
from communique.api.guard import Guard
from communique.api.schemas import MAX_BODY
from communique.api.store import StoreReader, StoreUnavailable
from communique.dictionaries.ontology import load_ontology
from communique.errors import CommuniqueError
from communique.web.assets import Assets
from communique.web.specs import country_centres

LOCAL_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]
log = logging.getLogger("communique.api")


@dataclass(frozen=True)
class Settings:
    db_path: Path
    token: str | None = None
    model: str | None = None
    host: str = "127.0.0.1"
    dictionaries: tuple[Path, ...] = ()  # the coder's extra dictionaries (as `ingest --dictionaries`)
    only: bool = False                   # --only-dictionaries
    corrections: Path | None = None      # the corrections file the workbench writes


def allowed_hosts(host: str) -> list[str]:
    """Host header values the server answers: loopback names, plus ``host`` itself; any
    host when bound to every interface (0.0.0.0 or ::)."""
    try:
        if ipaddress.ip_address(host).is_unspecified:
            return ["*"]
    except ValueError:
        pass
    return list(dict.fromkeys([*LOCAL_HOSTS, host, f"[{host}]" if ":" in host else host]))


def create_app(db_path: str | Path, token: str | None = None, model: str | None = None,
               host: str = "127.0.0.1", dictionaries=(), only_dictionaries: bool = False,
               corrections: str | Path | None = None) -> FastAPI:
    """The workbench app over the store at ``db_path`` (opened read-only per request).

    ``token`` enables the routes that write (they then need ``Authorization: Bearer
    TOKEN``); ``model``, ``dictionaries`` and ``only_dictionaries`` make the coder of POST
    /code and of re-coding; ``corrections`` is the file corrections are written to (default
    DB.corrections.yaml); ``host`` is where the server is bound (requests must name it, or a
    loopback name, in their Host header).
    """
    db_path = Path(db_path)
    fixes = Path(corrections) if corrections else db_path.with_name(
        db_path.name.removesuffix(".duckdb") + ".corrections.yaml")
    app = FastAPI(title="communique workbench", version=__version__, docs_url=None, redoc_url=None,
                  description="Events, documents, dyads, actors and alerts of a communique event store, "
                              "and a coder for pasted text. Errors are JSON {\"error\": message}.")
    app.state.settings = Settings(db_path, token or None, model, host, tuple(Path(d) for d in dictionaries),
                                  only_dictionaries, fixes)
    app.state.reader = StoreReader(db_path)
    app.state.coder = CodeService(model, app.state.settings.dictionaries, only_dictionaries, fixes)
    app.state.ontology = load_ontology()
    app.state.assets = Assets()
    app.state.centres = country_centres()  # the map's reference dots
    for module in (routes_events, routes_analysis, routes_places, routes_code, routes_corrections,
                   routes_web):
        app.include_router(module.router)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(host))
    app.add_middleware(Guard, max_body=MAX_BODY)
    _handlers(app)
    return app


def _error(status: int, message: str, headers: dict | None = None, **extra) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status, headers=headers)


def _where(loc) -> str:
    if len(loc) == 2 and loc[0] == "body" and isinstance(loc[1], int):
        return "body"  # a position in a body that is not JSON
    parts = [str(p) for p in loc if p not in ("query", "body", "path")]
    return ".".join(parts) or "body"


def _message(error: dict) -> str:
    if error.get("type") == "json_invalid":
        return "not valid JSON"
    return str(error.get("msg", "invalid")).removeprefix("Value error, ")


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such endpoint: {request.url.path[:200]}"
        if exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path[:200]}"
        return _error(exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        detail = [{"where": _where(e.get("loc", ())), "message": _message(e)} for e in exc.errors()[:20]]
        lines = [f"{d['where']}: {d['message']}" for d in detail[:5]]
        return _error(422, "; ".join(lines), detail=detail)

    @app.exception_handler(StoreUnavailable)
    async def unavailable(request: Request, exc: StoreUnavailable):
        return _error(503, str(exc), {"Retry-After": "5"})

    @app.exception_handler(CoderUnavailable)
    async def no_coder(request: Request, exc: CoderUnavailable):
        return _error(503, str(exc))

    @app.exception_handler(CommuniqueError)
    async def refused(request: Request, exc: CommuniqueError):
        return _error(422, str(exc))

    @app.exception_handler(duckdb.CatalogException)
    async def not_a_store(request: Request, exc: duckdb.CatalogException):
        name = request.app.state.settings.db_path.name
        return _error(503, f"{name} is not a communique event store (or one of an older schema): "
                           f"{str(exc).splitlines()[0][:200]}")

    @app.exception_handler(duckdb.Error)
    async def store_error(request: Request, exc: duckdb.Error):
        log.exception("store query failed")
        return _error(500, f"the store query failed: {str(exc).splitlines()[0][:300]}")
