"""Records set aside while reading, and the read report that collects them."""
from __future__ import annotations

from dataclasses import dataclass, field

from communique.readers.unicode import escape_surrogates

RAW_LIMIT = 2000  # characters of an offending record kept for the quarantine file


@dataclass
class Problem:
    """A record that was set aside, with where it came from and why."""

    file: str
    line: int
    reason: str
    raw: str | None = None  # the offending record (truncated), when there is one

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass
class ReadReport:
    """What a read produced: the problems met and how many documents came out."""

    problems: list[Problem] = field(default_factory=list)
    documents: int = 0

    def skip(self, file: str, line: int, reason: str, raw: str | bytes | None = None) -> None:
        """Set a record aside; ``raw`` (bytes and lone surrogates are shown with escapes) is
        cut to RAW_LIMIT."""
        if isinstance(raw, bytes):
            raw = raw.decode("utf-8", "backslashreplace")
        raw = None if raw is None else escape_surrogates(str(raw))[:RAW_LIMIT]
        self.problems.append(Problem(escape_surrogates(file), line, escape_surrogates(reason), raw))
