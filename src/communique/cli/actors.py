"""`communique actors NAME [--date YYYY-MM-DD]`: what a name resolves to on a date."""
from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from communique.cli.common import DATE


def actors(
    name: Annotated[list[str], typer.Argument(metavar="NAME...", help="a name, e.g. Peskov or \"Labour MP\"")],
    day: Annotated[date | None, typer.Option(
        "--date", click_type=DATE, metavar="DATE",
        help="the date to resolve on (YYYY-MM-DD; default: people in their latest role)")] = None,
) -> int:
    """Show what a name resolves to on a date: code, role, dictionary entry, file and line."""
    from communique.actors.lookup import describe, format_meanings

    text = " ".join(name).strip()
    if not text:
        raise typer.BadParameter("give a name", param_hint="'NAME...'")
    print(format_meanings(text, day, describe(text, day)), end="")
    return 0


def register(app: typer.Typer) -> None:
    app.command("actors")(actors)
