"""Store commands: stats, dyads, top, export (they read the event store, never write it)."""
from __future__ import annotations

import csv
import json
import re
import sys
from typing import Annotated

import typer

from communique.cli.common import Db, First, Last, Source, Target, choice, say
from communique.errors import CommuniqueError

Level = Annotated[str, typer.Option(
    "--level", click_type=choice("country", "sector", "actor"),
    help="group actors by country (USA), country+sector (USAGOV) or full code")]


def _countries(value: str | None) -> str | None:
    """ISO-3 codes, comma-separated, upper-cased; anything else is a usage error."""
    if value is None:
        return None
    codes = [c.strip().upper() for c in value.split(",") if c.strip()]
    bad = next((c for c in codes if not re.fullmatch(r"[A-Z]{3}", c)), None if codes else value)
    if bad is not None:
        raise typer.BadParameter(f"{bad!r} is not an ISO-3 country code (e.g. SYR, or SYR,IRQ)")
    return ",".join(codes)


LocationCountry = Annotated[str | None, typer.Option(
    "--location-country", callback=_countries, metavar="ISO3,...",
    help="only events that took place in these countries (ISO-3 codes, comma-separated)")]
TableFormat = Annotated[str, typer.Option("--format", click_type=choice("table", "csv", "jsonl"),
                                          help="output format")]


def print_table(rel, fmt: str = "table") -> None:
    """A DuckDB relation on standard output: an aligned table, CSV or JSON lines."""
    print_rows(rel.columns, rel.fetchall(), fmt)


def print_rows(names: list[str], rows: list[tuple], fmt: str = "table") -> None:
    """Rows under their column names: an aligned table, CSV or JSON lines."""
    if fmt != "table":  # machine-readable: 4 decimals, no float noise
        rows = [tuple(round(v, 4) if isinstance(v, float) else v for v in r) for r in rows]
    if fmt == "csv":
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(names)
        w.writerows(rows)
        return
    if fmt == "jsonl":
        for r in rows:
            print(json.dumps(dict(zip(names, r)), ensure_ascii=False, default=str))
        return
    cells = [[_cell(v) for v in r] for r in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    print("  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip())
    for r, raw in zip(cells, rows):
        print("  ".join(c.rjust(w) if isinstance(v, (int, float)) else c.ljust(w)
                        for c, v, w in zip(r, raw, widths)).rstrip())
    if not rows:
        print("(no events)")


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.2f}"
    if isinstance(v, list):
        return ",".join(map(str, v))
    return str(v)


def stats(
    db: Db,
    duplicates: Annotated[int, typer.Option("--duplicates", min=0, metavar="N",
                                            help="also list the N largest duplicate groups")] = 0,
) -> int:
    """Summarise an event store: documents, duplicate groups, events, coder versions."""
    from communique.analysis.dyads import duplicate_groups
    from communique.store.event_store import EventStore

    with EventStore(db, read_only=True) as store:
        c = store.counts()
        print(f"documents: {c['documents']} ({c['coded_documents']} coded)")
        print(f"near-duplicate groups: {c['duplicate_groups']} holding {c['duplicates']} copies "
              "beyond the first")
        print(f"events: {c['events']}  mentions: {c['mentions']}  evidence sentences: {c['sentences']}")
        for version, n in store.versions():
            print(f"coder version {version}: {n} documents")
        if duplicates:
            print_table(duplicate_groups(store).limit(duplicates), "table")
    return 0


def dyads(
    db: Db,
    source: Source = None,
    target: Target = None,
    start: First = None,
    end: Last = None,
    level: Level = "country",
    fmt: TableFormat = "table",
    by: Annotated[str, typer.Option("--by", click_type=choice("day", "week", "month", "year", "all"),
                                    help="period")] = "month",
    location_country: LocationCountry = None,
    fill: Annotated[bool, typer.Option(
        "--fill", help="a zero-filled panel: every dyad in every period of the range, with the "
                       "period's first and last day (ISO dates)")] = False,
) -> int:
    """Events per period and dyad, with QuadClass counts, Goldstein and articles."""
    from communique.analysis.dyads import dyads as dyad_table
    from communique.store.event_store import EventStore

    with EventStore(db, read_only=True) as store:
        if not fill:
            print_table(dyad_table(store, source, target, by, start, end, level, location_country), fmt)
            return 0
        from communique.analysis.panels import dyad_panel
        from communique.analysis.queries import EventFilter

        def codes(value: str | None) -> tuple[str, ...]:
            return tuple(c.strip() for c in (value or "").split(",") if c.strip())

        rows = dyad_panel(store.con, EventFilter(source=codes(source), target=codes(target), start=start,
                                                 end=end, location_country=codes(location_country)),
                          by=by, level=level, fill=True)
        names = ["period", "period_start", "period_end", "source", "target", "events", "verbal_coop",
                 "material_coop", "verbal_conflict", "material_conflict", "goldstein_mean",
                 "goldstein_sum", "articles"]
        print_rows(names, [tuple(r[n] for n in names) for r in rows], fmt)
    return 0


def top(
    db: Db,
    source: Source = None,
    target: Target = None,
    start: First = None,
    end: Last = None,
    level: Level = "country",
    fmt: TableFormat = "table",
    n: Annotated[int, typer.Option("-n", min=1, help="how many of each")] = 10,
    location_country: LocationCountry = None,
) -> int:
    """The most active dyads, then the most active actors."""
    from communique.analysis.dyads import top_actors, top_dyads
    from communique.store.event_store import EventStore

    with EventStore(db, read_only=True) as store:
        if fmt == "table":
            print(f"Top {n} dyads")
        print_table(top_dyads(store, n, level, start, end, source, target, location_country), fmt)
        if fmt == "table":
            print(f"\nTop {n} actors")
        print_table(top_actors(store, n, level, start, end, source, target, location_country), fmt)
    return 0


def export(
    db: Db,
    fmt: Annotated[str, typer.Option(
        "--format", click_type=choice("gdelt", "icews", "polecat", "csv", "parquet", "jsonl"),
        help="layout")] = ...,
    output: Annotated[str | None, typer.Option("-o", "--output", help="output file (default: standard output)")] = None,
    source: Source = None,
    target: Target = None,
    start: First = None,
    end: Last = None,
    location_country: LocationCountry = None,
) -> int:
    """Export stored events as GDELT, ICEWS, POLECAT, CSV, Parquet or JSON lines."""
    from pathlib import Path

    from communique.analysis.export import export as write_export
    from communique.store.event_store import EventStore

    filters = {"source": source, "target": target, "start": start, "end": end,
               "location_country": location_country}
    if fmt == "parquet" and not output:
        raise CommuniqueError("--format parquet needs -o FILE")
    if output and not Path(output).parent.is_dir():
        raise CommuniqueError(f"-o: no folder {Path(output).parent} for {output}")
    if output and Path(output).is_dir():
        raise CommuniqueError(f"-o: {output} is a folder")
    with EventStore(db, read_only=True) as store:
        if fmt == "parquet":
            n = write_export(store, "parquet", path=output, **filters)
        elif output:
            with open(output, "w", encoding="utf-8", newline="") as out:
                n = write_export(store, fmt, out, **filters)
        else:
            n = write_export(store, fmt, sys.stdout, **filters)
    say(f"exported {n} events ({fmt})")
    return 0


def register(app: typer.Typer) -> None:
    for command in (stats, dyads, top, export):
        app.command(command.__name__)(command)
