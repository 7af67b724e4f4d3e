"""``python -m communique.api --db events.duckdb [--host 127.0.0.1] [--port 8000] [--token T]``"""
from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from pathlib import Path

from communique.api.store import StoreUnavailable, open_store
from communique.errors import CommuniqueError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2
        self.exit(2, f"communique.api: {message} (see --help)\n")


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m communique.api",
                description="Serve the workbench (REST API and dashboard) over an event store.")
    p.add_argument("--db", required=True, help="the event store (DuckDB file), opened read-only")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--token", default=os.environ.get("COMMUNIQUE_TOKEN"),
                   help="token that enables the routes that write (default: $COMMUNIQUE_TOKEN; none: no writes)")
    p.add_argument("--model", default=None, help="spaCy model for POST /code")
    p.add_argument("--log-level", default="warning", choices=["critical", "error", "warning", "info", "debug"])
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not 0 < args.port < 65536:
        print(f"communique.api: --port {args.port} is not a port (1-65535)", file=sys.stderr)
        return 2
    if not Path(args.db).is_file():
        print(f"communique.api: no event store at {args.db} (run `communique ingest` first)", file=sys.stderr)
        return 2
    try:
        open_store(Path(args.db), check=True).close()
    except StoreUnavailable as exc:
        print(f"communique.api: {exc}", file=sys.stderr)
        return 2
    try:
        public = not ipaddress.ip_address(args.host).is_loopback
    except ValueError:
        public = args.host != "localhost"
    if public:
        print(f"communique.api: warning: listening on {args.host}, reachable from other machines; "
              "there is no TLS", file=sys.stderr)
    import uvicorn

    from communique.api.app import create_app

    try:
        app = create_app(args.db, token=args.token, model=args.model, host=args.host)
    except CommuniqueError as exc:
        print(f"communique.api: {exc}", file=sys.stderr)
        return 2
    print(f"communique workbench on http://{args.host}:{args.port}/ (store {args.db}; Ctrl-C stops)",
          file=sys.stderr, flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, server_header=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
