"""Progress for long work: a bar with documents/s and ETA on a terminal, plain lines otherwise."""
from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO


def _clock() -> float:
    return time.monotonic()


def format_seconds(seconds: float) -> str:
    seconds = int(max(seconds, 0))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


@dataclass
class Progress:
    """Counts documents read/done, events and sentences; draws now and then.

    ``mode``: "bar" (redrawn in place), "lines" (one line every ``interval`` seconds),
    "none", or "auto" (bar on a terminal, lines otherwise).
    """

    total: int | None = None
    label: str = "ingest"
    mode: str = "auto"
    interval: float = 10.0
    stream: IO[str] | None = None
    clock: Callable[[], float] = _clock
    read: int = 0
    done: int = 0
    events: int = 0
    sentences: int = 0
    _start: float = field(default=0.0, init=False)
    _last: float = field(default=0.0, init=False)

    def __post_init__(self) -> None:
        self.stream = self.stream or sys.stderr
        if self.mode == "auto":
            self.mode = "bar" if getattr(self.stream, "isatty", lambda: False)() else "lines"
        self._start = self._last = self.clock()

    @classmethod
    def null(cls) -> Progress:
        return cls(mode="none")

    def elapsed(self) -> float:
        return self.clock() - self._start

    def advance(self, read: int = 0, done: int = 0, events: int = 0, sentences: int = 0) -> None:
        self.read += read
        self.done += done
        self.events += events
        self.sentences += sentences
        if self.mode == "none":
            return
        if self.mode == "lines" and self.interval <= 0:  # a line at every commit
            if done:
                self._draw(final=False)
            return
        now = self.clock()
        if now - self._last >= (0.2 if self.mode == "bar" else self.interval):
            self._last = now
            self._draw(final=False)

    def rates(self) -> tuple[float, float]:
        secs = max(self.elapsed(), 1e-9)
        return self.read / secs, self.sentences / secs

    def eta(self) -> float | None:
        docs_s, _ = self.rates()
        if not self.total or docs_s <= 0 or self.read >= self.total:
            return None
        return (self.total - self.read) / docs_s

    def line(self) -> str:
        docs_s, sents_s = self.rates()
        count = f"{self.read:,}/{self.total:,}" if self.total else f"{self.read:,}"
        pct = f" ({min(self.read / self.total, 1):.0%})" if self.total else ""
        eta = self.eta()
        return (f"{self.label}: {count} docs{pct}, {self.done:,} stored, {docs_s:,.1f} docs/s, "
                f"{sents_s:,.0f} sentences/s, {self.events:,} events"
                + (f", ETA {format_seconds(eta)}" if eta is not None else ""))

    def bar(self, width: int = 24) -> str:
        docs_s, _ = self.rates()
        eta = self.eta()
        if self.total:
            frac = min(self.read / self.total, 1.0)
            filled = int(frac * width)
            head = f"[{'#' * filled}{'-' * (width - filled)}] {frac:4.0%} {self.read:,}/{self.total:,}"
        else:
            head = f"{self.read:,}"
        return (f"{self.label} {head} docs  {docs_s:,.1f} docs/s  {self.events:,} events"
                + (f"  ETA {format_seconds(eta)}" if eta is not None else ""))

    def _draw(self, final: bool) -> None:
        out = self.stream
        if self.mode == "bar":
            out.write("\r\x1b[K" + self.bar() + ("\n" if final else ""))
        else:
            out.write(self.line() + "\n")
        out.flush()

    def finish(self) -> None:
        if self.mode != "none":
            self._draw(final=True)
