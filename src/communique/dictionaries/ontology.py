"""The CAMEO ontology table (codes, Goldstein, QuadClass, PLOVER) loaded from data."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from communique.dictionaries import DATA  # noqa: E402,F401  (re-exported)
from communique.errors import DictionaryError


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_event: str | None
    plover_mode: str | None
    description: str

    @property
    def root(self) -> str:
        return self.code[:2]


class Ontology:
    """Look-ups over the CAMEO code table."""

    def __init__(self, codes: dict[str, CameoCode], sources: tuple[Path, ...] = ()):
        self.codes = codes
        self.sources = sources  # the file(s) read

    def __contains__(self, code: str) -> bool:
        return code in self.codes

    def __getitem__(self, code: str) -> CameoCode:
        return self.codes[code]

    def lookup(self, code: str) -> CameoCode:
        """The code's row; a code outside the table (from a user's PETRARCH dictionary)
        borrows the values of its nearest known parent, or has none."""
        if code in self.codes:
            return self.codes[code]
        for parent in (code[:3], code[:2]):
            if parent in self.codes:
                p = self.codes[parent]
                return CameoCode(code, p.name, p.goldstein, p.quad_class, p.plover_event,
                                 p.plover_mode, f"not in the CAMEO table; values of {parent}")
        return CameoCode(code, "", 0.0, 0, None, None, "not a CAMEO code")

    def roots(self) -> list[str]:
        return sorted(c for c in self.codes if len(c) == 2)


def load_ontology(path: Path | None = None) -> Ontology:
    path = path or DATA / "cameo.tsv"
    codes: dict[str, CameoCode] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        for line, row in enumerate(reader, start=2):
            try:
                code = row["code"].strip()
                if not (code.isdigit() and 2 <= len(code) <= 4):
                    raise ValueError(f"bad code {code!r}")
                quad = int(row["quad_class"])
                if quad not in (1, 2, 3, 4):
                    raise ValueError(f"bad quad_class {quad}")
                codes[code] = CameoCode(
                    code=code,
                    name=row["name"].strip(),
                    goldstein=float(row["goldstein"]),
                    quad_class=quad,
                    plover_event=(row.get("plover_event") or "").strip() or None,
                    plover_mode=(row.get("plover_mode") or "").strip() or None,
                    description=(row.get("description") or "").strip(),
                )
            except (KeyError, ValueError, TypeError) as exc:
                raise DictionaryError(f"{path}:{line}: {exc}") from None
    for code in codes:
        if code[:2] not in codes:
            raise DictionaryError(f"{path}: code {code} has no root row {code[:2]}")
    return Ontology(codes, (Path(path),))
