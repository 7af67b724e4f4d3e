"""The `communique` command (Typer): builds the app and turns errors into exit statuses.

Exit statuses: 0 ok, 1 records skipped, 2 a usage or dictionary error (one line on stderr,
never a traceback), 130 interrupted. A closed standard output (``| head``) ends quietly.
"""
from __future__ import annotations

import contextlib
import os
import sys
from typing import Annotated

import click
import typer
from typer.core import TyperGroup

from communique import __version__
from communique.cli.coding import DEMO_FILE
from communique.cli.common import say
from communique.errors import CommuniqueError

__all__ = ["DEMO_FILE", "main", "make_app"]


class CommandGroup(TyperGroup):
    """Runs a command and turns what goes wrong while it runs into an exit status."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # usage errors and exits: main() reports them
        except CommuniqueError as exc:
            say(f"error: {exc}")
            return 2
        except KeyboardInterrupt:
            say("interrupted")
            return 130
        except BrokenPipeError:  # e.g. `communique export ... | head`
            _silence_stdout()
            return 0
        except OSError as exc:  # an output file that cannot be written, a missing input
            where = f"{exc.filename}: " if exc.filename else ""
            say(f"error: {where}{exc.strerror or exc}")
            return 2
        except Exception as exc:  # never a traceback (COMMUNIQUE_DEBUG=1 shows one)
            if os.environ.get("COMMUNIQUE_DEBUG"):
                raise
            what = " ".join(str(exc).split()) or type(exc).__name__
            if type(exc).__module__.startswith(("duckdb", "_duckdb")):
                say(f"error: the event store: {what}")
            else:
                say(f"error: unexpected {type(exc).__name__}: {what} (set COMMUNIQUE_DEBUG=1 "
                    "for the traceback, and please report it)")
            return 2


def _silence_stdout() -> None:
    with contextlib.suppress(OSError, ValueError, AttributeError):  # stdout may be no real file
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _show_version(value: bool) -> None:
    if value:
        print(f"communique {__version__}")
        raise typer.Exit(0)


def make_app() -> typer.Typer:
    from communique.cli import actors, coding, corpus, queries, serve, train

    app = typer.Typer(cls=CommandGroup, name="communique", add_completion=False,
                      no_args_is_help=False, pretty_exceptions_enable=False,
                      help="Code news text into CAMEO/PLOVER events, store and analyse them.")

    @app.callback()
    def root(version: Annotated[bool, typer.Option(
            "--version", callback=_show_version, is_eager=True, help="print the version and exit")] = False):
        """Code news text into CAMEO/PLOVER events, store and analyse them."""

    coding.register(app)
    corpus.register(app)
    queries.register(app)
    serve.register(app)
    actors.register(app)
    train.register(app)
    return app


def usage_error(exc: click.UsageError) -> str:
    """One line: what is wrong, naming the option, and where to read more."""
    param = getattr(exc, "param", None)
    if isinstance(param, click.Option):
        param.show_envvar = False  # Typer's default would add "(env var: 'None')"
    what = " ".join(exc.format_message().split())
    where = exc.ctx.command_path if exc.ctx is not None else "communique"
    return f"communique: error: {what} (see '{where} --help')"


def main(argv: list[str] | None = None) -> int:
    """Run the command line ``argv`` (default: sys.argv[1:]); returns the exit status."""
    command = typer.main.get_command(make_app())
    try:
        status = command.main(args=argv, prog_name="communique", standalone_mode=False)
    except click.UsageError as exc:  # also BadParameter, NoSuchOption, MissingParameter
        print(usage_error(exc), file=sys.stderr)
        return 2
    except click.ClickException as exc:
        print(f"communique: error: {' '.join(exc.format_message().split())}", file=sys.stderr)
        return 2
    except click.Abort:
        say("interrupted")
        return 130
    return status if isinstance(status, int) else 0


if __name__ == "__main__":
    sys.exit(main())
