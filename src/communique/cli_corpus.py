"""Corpus commands (ingest, dyads, top, export): registered on the main parser."""
from __future__ import annotations


def add_commands(sub) -> None:
    """Add corpus subcommands to the `communique` argument parser."""


def dispatch(args) -> int:
    raise SystemExit(f"communique: unknown command {args.command!r}")
