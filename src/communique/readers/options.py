"""How to read inputs: the format, field names and decoding (the reader flags of the CLI)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

FIELDS = ("id", "text", "date", "title", "url", "source")
FORMATS = ("jsonl", "csv", "tsv", "txt", "html")
SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv", ".txt": "txt",
            ".html": "html", ".htm": "html"}


@dataclass
class ReaderOptions:
    """``format`` is "auto" (by suffix) or one of FORMATS; ``columns`` maps our fields to
    CSV/JSONL field names (or 1-based column numbers without a header); a column given as
    ``a+b`` joins the non-empty fields a and b with a blank line."""

    format: str = "auto"
    columns: dict[str, str] = field(default_factory=dict)
    delimiter: str | None = None
    header: bool = True
    encoding: str = "utf-8"
    title_first_line: bool = False
    default_date: date | None = None

    def column(self, name: str) -> str:
        return self.columns.get(name, name)


def parse_columns(spec: str) -> dict[str, str]:
    """``text=body,date=published`` -> {"text": "body", "date": "published"}; ValueError
    names the part that is not FIELD=COLUMN with a known field."""
    out: dict[str, str] = {}
    for part in spec.split(","):
        key, sep, col = part.partition("=")
        key, col = key.strip(), col.strip()
        if not sep or key not in FIELDS or not col or any(not c.strip() for c in col.split("+")):
            raise ValueError(f"expected FIELD=COLUMN pairs (fields: {','.join(FIELDS)}), got {part!r}")
        out[key] = col
    return out
