"""CAMEO sector codes and their names (data/sectors.tsv), for the actor dictionaries'
checks and the exports' sector names."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from communique.dictionaries import DATA
from communique.errors import DictionaryError

SECTORS_FILE = DATA / "sectors.tsv"


@dataclass(frozen=True)
class Sectors:
    """Sector code -> name, and the file it was read from."""

    names: dict[str, str]
    path: Path

    def __contains__(self, code: object) -> bool:
        return code in self.names

    def name(self, code: str) -> str:
        """The sector's name; an unknown code (from a user dictionary) stands for itself."""
        return self.names.get(code, code)


def load_sectors(path: Path | None = None) -> Sectors:
    """Read a tab-separated ``code``/``name`` table; each code 3 capitals, listed once."""
    path = path or SECTORS_FILE
    names: dict[str, str] = {}
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            if next(reader, None) != ["code", "name"]:
                raise DictionaryError(f"{path}:1: expected the header 'code<TAB>name'")
            for row in reader:
                line = reader.line_num
                if not row:
                    continue
                if len(row) != 2:
                    raise DictionaryError(f"{path}:{line}: expected code<TAB>name")
                code, name = row[0].strip(), row[1].strip()
                if not re.fullmatch(r"[A-Z]{3}", code):
                    raise DictionaryError(f"{path}:{line}: bad sector code {code!r} (3 capitals)")
                if not name:
                    raise DictionaryError(f"{path}:{line}: sector {code} has no name")
                if code in names:
                    raise DictionaryError(f"{path}:{line}: sector {code} listed twice")
                names[code] = name
    except (OSError, UnicodeDecodeError) as exc:
        raise DictionaryError(f"{path}: cannot read: {exc}") from None
    return Sectors(names, Path(path))
