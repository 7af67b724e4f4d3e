"""Write events as JSON lines or CSV."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO

from communique.records import Event

CSV_COLUMNS = [
    "event_id", "doc_id", "sentence_index", "date", "source_code", "source_name", "source_text",
    "source_start", "source_end", "target_code", "target_name", "target_text", "target_start",
    "target_end", "cameo", "cameo_root", "quad_class", "goldstein", "plover_event", "plover_mode",
    "verb_text", "verb_start", "verb_end", "sentence", "coder_version",
]


def flat(event: Event) -> dict:
    d = event.to_dict()
    row = {k: d[k] for k in ("event_id", "doc_id", "sentence_index", "date", "cameo", "cameo_root",
                             "quad_class", "goldstein", "sentence", "coder_version")}
    for role in ("source", "target"):
        m = d[role] or {}
        for key in ("code", "name", "text", "start", "end"):
            row[f"{role}_{key}"] = m.get(key, "")
    row["plover_event"] = d["plover"]["event"] or ""
    row["plover_mode"] = d["plover"]["mode"] or ""
    for key in ("text", "start", "end"):
        row[f"verb_{key}"] = d["verb"][key]
    return row


class EventWriter:
    def __init__(self, fh: IO[str], fmt: str = "jsonl"):
        self.fh, self.fmt = fh, fmt
        self._csv = None
        if fmt == "csv":
            self._csv = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, extrasaction="ignore")
            self._csv.writeheader()

    def write(self, events: Iterable[Event]) -> int:
        n = 0
        for e in events:
            if self._csv:
                self._csv.writerow(flat(e))
            else:
                self.fh.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
            n += 1
        return n
