"""`communique serve`: the workbench (REST API and dashboard) over an event store."""
from __future__ import annotations

import ipaddress
import socket
from pathlib import Path
from typing import Annotated

import typer

from communique.cli.coding import Dictionaries, OnlyDictionaries
from communique.cli.common import Model, choice, say, warn
from communique.errors import CommuniqueError

LOG_LEVELS = ("critical", "error", "warning", "info", "debug")


def default_corrections(db: str) -> Path:
    """DB.corrections.yaml beside the store (events.duckdb -> events.corrections.yaml)."""
    path = Path(db)
    return path.with_name(path.name.removesuffix(".duckdb") + ".corrections.yaml")


def serve(
    db: Annotated[str, typer.Option("--db", help="the event store (DuckDB file)")] = ...,
    host: Annotated[str, typer.Option("--host", help="address to listen on (default: this machine only)")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="port")] = 8000,
    token: Annotated[str | None, typer.Option(
        "--token", envvar="COMMUNIQUE_TOKEN", show_envvar=False,
        help="enables corrections and re-coding, for requests that send it (default: $COMMUNIQUE_TOKEN)")] = None,
    corrections: Annotated[str | None, typer.Option(
        "--corrections", metavar="FILE",
        help="the corrections file the workbench writes (default: DB.corrections.yaml beside the store)")] = None,
    dictionaries: Dictionaries = None,
    only_dictionaries: OnlyDictionaries = False,
    model: Model = None,
    log_level: Annotated[str, typer.Option("--log-level", click_type=choice(*LOG_LEVELS),
                                           help="the server's log level")] = "warning",
) -> int:
    """Serve the workbench: the REST API and the dashboard, at http://HOST:PORT/."""
    from communique.api.store import StoreUnavailable, open_store

    try:
        open_store(Path(db), check=True).close()
    except StoreUnavailable as exc:
        raise CommuniqueError(str(exc)) from None
    for d in dictionaries or []:
        if not Path(d).exists():
            raise CommuniqueError(f"--dictionaries: no such file or directory: {d}")
    fixes = Path(corrections) if corrections else default_corrections(db)
    if fixes.exists() and not fixes.is_file():
        raise CommuniqueError(f"--corrections: {fixes} is not a file")
    if not fixes.parent.is_dir():
        raise CommuniqueError(f"--corrections: no folder {fixes.parent} for {fixes.name}")
    try:
        public = not ipaddress.ip_address(host).is_loopback
    except ValueError:
        public = host != "localhost"
    if public:
        warn(f"listening on {host}, reachable from other machines; there is no TLS")
    import uvicorn

    from communique.api.app import create_app

    _check_port(host, port)
    app = create_app(db, token=token, model=model, host=host,
                     dictionaries=[Path(d) for d in dictionaries or []], only_dictionaries=only_dictionaries,
                     corrections=fixes)
    where = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    say(f"workbench on {where} (store {db}; corrections in {fixes}; "
        f"{'corrections enabled' if token else 'read-only: no --token'}; Ctrl-C stops)")
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)
    return 0


def _check_port(host: str, port: int) -> None:
    """A clear message when the address cannot be had (uvicorn would log and exit 1)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as exc:
            raise CommuniqueError(f"--host {host} --port {port}: cannot listen there ({exc.strerror or exc})") from None


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
