"""Progress of an ingest or re-code: a Rich bar on a terminal, plain periodic lines otherwise.

Every reporter has ``advance(read=, done=, events=, sentences=)`` (what the ingest loop calls)
and ``finish()``. Rates and the ETA are computed on work done (documents stored), not on
documents read: the reader runs ahead of the coder by the documents in flight.
"""
from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO

MODES = ("auto", "bar", "lines", "none")


def format_seconds(seconds: float) -> str:
    seconds = int(max(seconds, 0))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


@dataclass
class Progress:
    """Counts and rates; draws nothing (``--progress none``)."""

    total: int | None = None
    label: str = "ingest"
    clock: Callable[[], float] = time.monotonic
    read: int = 0
    done: int = 0
    events: int = 0
    sentences: int = 0
    started: float = field(default=0.0, init=False)
    finished: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        self.started = self.clock()

    def shown_total(self) -> int | None:
        """The total is an estimate (line counts): once the run has reached it unfinished,
        no total is shown; at the end, the total is what was done (if more)."""
        if not self.total:
            return None
        if self.finished:
            return max(self.total, self.done)
        return self.total if self.done < self.total else None

    def fraction(self) -> float:
        total = self.shown_total()
        return min(self.done / total, 1.0) if total else 0.0

    def advance(self, read: int = 0, done: int = 0, events: int = 0, sentences: int = 0) -> None:
        self.read += read
        self.done += done
        self.events += events
        self.sentences += sentences
        self.changed(done > 0)

    def changed(self, stored: bool) -> None:
        """Called after every advance (``stored``: documents were written)."""

    def elapsed(self) -> float:
        return max(self.clock() - self.started, 1e-9)

    def docs_per_second(self) -> float:
        return self.done / self.elapsed()

    def sentences_per_second(self) -> float:
        return self.sentences / self.elapsed()

    def eta(self) -> float | None:
        """Seconds left at the rate documents have been stored so far."""
        rate = self.docs_per_second()
        if not self.total or rate <= 0 or self.done >= self.total:
            return None
        return (self.total - self.done) / rate

    def line(self) -> str:
        stored = f"{self.done:,} stored"
        if self.shown_total():
            stored += f" of {self.shown_total():,} ({self.fraction():.0%})"
        eta = self.eta()
        return (f"{self.label}: {stored}, {self.read:,} read, {self.docs_per_second():,.1f} docs/s, "
                f"{self.sentences_per_second():,.0f} sentences/s, {self.events:,} events"
                + (f", ETA {format_seconds(eta)}" if eta is not None else ""))

    def finish(self) -> None:
        self.finished = True

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.finish()


@dataclass
class LineProgress(Progress):
    """A plain line every ``interval`` seconds (with 0: one at every commit), and at the end."""

    stream: IO[str] | None = None
    interval: float = 10.0
    _last: float = field(default=0.0, init=False)

    def __post_init__(self) -> None:
        super().__post_init__()
        self._last = self.started

    def changed(self, stored: bool) -> None:
        if self.interval <= 0:
            if stored:
                self._write()
            return
        now = self.clock()
        if now - self._last >= self.interval:
            self._last = now
            self._write()

    def _write(self) -> None:
        out = self.stream or sys.stderr
        out.write(self.line() + "\n")
        out.flush()

    def finish(self) -> None:
        self.finished = True
        self._write()


@dataclass
class BarProgress(Progress):
    """A Rich progress bar: stored/total, documents/s, events and the ETA."""

    stream: IO[str] | None = None
    _bar: object = field(default=None, init=False)
    _task: object = field(default=None, init=False)
    _last: float = field(default=0.0, init=False)

    def __post_init__(self) -> None:
        super().__post_init__()
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn

        console = Console(file=self.stream or sys.stderr, force_terminal=True)
        self._bar = Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                             MofNCompleteColumn(), TextColumn("{task.fields[status]}"),
                             console=console, refresh_per_second=4)
        self._task = self._bar.add_task(self.label, total=self.total or None, status="")
        self._bar.start()

    def status(self) -> str:
        eta = self.eta()
        return (f"{self.docs_per_second():,.1f} docs/s  {self.read:,} read  {self.events:,} events"
                + (f"  ETA {format_seconds(eta)}" if eta is not None else ""))

    def changed(self, stored: bool) -> None:
        now = self.clock()
        if stored or now - self._last >= 0.25:
            self._last = now
            self._draw()

    def _draw(self) -> None:
        # the bar reaches 100% only once the run has finished (the total is an estimate)
        self._bar.update(self._task, total=self.shown_total(), completed=self.done, status=self.status())

    def finish(self) -> None:
        self.finished = True
        self._draw()
        self._bar.stop()


def make_progress(mode: str = "auto", total: int | None = None, label: str = "ingest",
                  interval: float = 10.0, stream: IO[str] | None = None) -> Progress:
    """The reporter for ``--progress MODE``: auto is a bar when the stream (stderr) is a terminal."""
    stream = stream or sys.stderr
    if mode == "auto":
        mode = "bar" if getattr(stream, "isatty", lambda: False)() else "lines"
    if mode == "bar":
        return BarProgress(total=total, label=label, stream=stream)
    if mode == "lines":
        return LineProgress(total=total, label=label, stream=stream, interval=interval)
    return Progress(total=total, label=label)
