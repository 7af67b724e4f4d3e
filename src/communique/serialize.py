"""The one serialisation of an event: a flat row and the nested JSON form built from it.

``event_row(event)`` flattens an event into the columns of :data:`EVENT_COLUMNS`
(``source_code``, ``source_country`` ... ``source_location_lat`` ... ``target_end``,
``plover_event``, ``verb_text``, ``location_country``, ``pattern``, ...); ``event_json(row)``
nests such a row into the JSON form that ``Event.to_dict()``, ``communique code`` and
``communique export --format jsonl`` write. The store keeps the flat columns (its
``event_view`` has them all under the same names), the exports read them, and CSV output is
the flat row with a header. JSON lines and CSV are written by :class:`EventWriter`.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:  # records imports this module (Event.to_dict): no import at run time
    from communique.records import Event, Location, Mention

MENTION_FIELDS = ("code", "country", "sector", "name", "text", "start", "end")
LOCATION_FIELDS = ("text", "start", "end", "name", "country", "adm1", "lat", "lon", "feature_id", "precision")
# a mention's flat fields: its own, then its place's (the nested "location" of the JSON form)
MENTION_COLUMNS = (*MENTION_FIELDS, *(f"location_{f}" for f in LOCATION_FIELDS))
SPAN_FIELDS = ("text", "start", "end")
ROLES = ("source", "target")
# The JSON form, in order: a plain field (None) or a nested object and its fields.
LAYOUT: tuple[tuple[str, tuple[str, ...] | None], ...] = (
    ("event_id", None), ("doc_id", None), ("sentence_index", None), ("date", None),
    ("source", MENTION_COLUMNS), ("target", MENTION_COLUMNS),
    ("cameo", None), ("cameo_root", None), ("quad_class", None), ("goldstein", None),
    ("plover", ("event", "mode")), ("verb", SPAN_FIELDS), ("location", LOCATION_FIELDS),
    ("sentence", None), ("sentence_start", None), ("pattern", None), ("method", None),
    ("confidence", None), ("coder_version", None),
)
NULLABLE = ("source", "target", "location")  # objects that are null when absent
EVENT_COLUMNS: list[str] = [name if fields is None else f"{name}_{f}"
                            for name, fields in LAYOUT for f in (fields or (None,))]
FORMATS = ("jsonl", "csv")


def mention_row(mention: Mention | None) -> dict:
    """A mention's flat fields (:data:`MENTION_COLUMNS`: code ... end, then location_text ...
    location_precision of the actor's own place); all None without one."""
    if mention is None:
        return dict.fromkeys(MENTION_COLUMNS)
    a, s = mention.actor, mention.span
    row = {"code": a.code, "country": a.country, "sector": a.sector, "name": a.name,
           "text": s.text, "start": s.start, "end": s.end}
    for key, value in location_row(mention.location).items():
        row[f"location_{key}"] = value
    return row


def mention_json(mention: Mention) -> dict:
    """A mention's JSON form: its fields and its ``location`` (an object, or null)."""
    row = mention_row(mention)
    return {**{f: row[f] for f in MENTION_FIELDS}, "location": location_fields(row)}


def location_row(location: Location | None) -> dict:
    """A location's fields; all None without one."""
    if location is None:
        return dict.fromkeys(LOCATION_FIELDS)
    return {f: getattr(location, f) for f in LOCATION_FIELDS}


def event_row(event: Event) -> dict:
    """The flat row of an event, in :data:`EVENT_COLUMNS` order (``date`` stays a date)."""
    row = {"event_id": event.event_id, "doc_id": event.doc_id,
           "sentence_index": event.sentence_index, "date": event.date}
    for role in ROLES:
        for key, value in mention_row(getattr(event, role)).items():
            row[f"{role}_{key}"] = value
    row.update(cameo=event.cameo, cameo_root=event.cameo_root, quad_class=event.quad_class,
               goldstein=event.goldstein, plover_event=event.plover_event,
               plover_mode=event.plover_mode, verb_text=event.verb.text,
               verb_start=event.verb.start, verb_end=event.verb.end)
    for key, value in location_row(event.location).items():
        row[f"location_{key}"] = value
    row.update(sentence=event.sentence, sentence_start=event.sentence_start,
               pattern=event.pattern, method=event.method, confidence=event.confidence,
               coder_version=event.coder_version)
    return row


def role_fields(row: Mapping, role: str) -> dict | None:
    """The ``source``/``target`` object of a flat row, with its ``location``, or None when
    the role is empty (an unnamed perpetrator's source keeps its words with a null code)."""
    if row.get(f"{role}_start") is None:
        return None
    return {**{f: row[f"{role}_{f}"] for f in MENTION_FIELDS},
            "location": location_fields(row, f"{role}_location")}


def location_fields(row: Mapping, prefix: str = "location") -> dict | None:
    """The location object under ``prefix`` (``location``, ``source_location``, ...) of a flat row."""
    if row.get(f"{prefix}_start") is None:
        return None
    return {f: row[f"{prefix}_{f}"] for f in LOCATION_FIELDS}


def event_json(row: Mapping) -> dict:
    """The nested JSON form of a flat row (a store row with more columns is fine)."""
    out: dict = {}
    for name, fields in LAYOUT:
        if name in ROLES:
            out[name] = role_fields(row, name)
        elif name == "location":
            out[name] = location_fields(row)
        elif fields is not None:
            out[name] = {f: row[f"{name}_{f}"] for f in fields}
        else:
            value = row[name]
            out[name] = value.isoformat() if isinstance(value, date) else value
    return out


class EventWriter:
    """Writes events as JSON lines, or as CSV: a header of :data:`EVENT_COLUMNS`, then one
    flat row per event (empty cells for missing values)."""

    def __init__(self, fh: IO[str], fmt: str = "jsonl"):
        if fmt not in FORMATS:
            raise ValueError(f"unknown output format {fmt!r} (choose from {', '.join(FORMATS)})")
        self.fh, self.fmt = fh, fmt
        self._csv = None
        if fmt == "csv":
            self._csv = csv.DictWriter(fh, fieldnames=EVENT_COLUMNS)
            self._csv.writeheader()

    def write(self, events: Iterable[Event]) -> int:
        n = 0
        for e in events:
            row = event_row(e)
            if self._csv:
                self._csv.writerow(row)
            else:
                self.fh.write(json.dumps(event_json(row), ensure_ascii=False) + "\n")
            n += 1
        return n
