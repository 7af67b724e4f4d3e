"""Export stored events in the field's published layouts.

* ``gdelt``: GDELT 2.0 event table, 61 tab-separated columns, no header.
* ``icews``: ICEWS event table, 20 tab-separated columns with a header.
* ``polecat``: POLECAT's 40 PLOVER columns (tab-separated, header), then evidence columns.
* ``csv``: the columns of ``communique code --format csv`` plus the document fields, RFC 4180.
* ``jsonl``: one JSON object per event with all fields and evidence.
* ``parquet``: the ``event_view`` table (all fields and evidence) as Parquet.

Every text layout keeps one event per line: tabs, line breaks, every Unicode line separator
and every control character in a field become one space (so offsets within a sentence still
hold). ICEWS, POLECAT and CSV fields are quoted as RFC 4180 says where they hold a double
quote; GDELT's layout has no quoting, so there a double quote becomes a single one.
"""
from __future__ import annotations

import calendar
import csv
import json
import re
from collections.abc import Iterator
from datetime import date
from typing import IO

import yaml

from communique.analysis.dyads import connection
from communique.analysis.filters import event_filters
from communique.dictionaries import DATA
from communique.dictionaries.ontology import load_ontology
from communique.dictionaries.sectors import Sectors, load_sectors
from communique.geo.codes import NO_GDELT_PLACE, place_codes
from communique.records import is_organisation
from communique.serialize import EVENT_COLUMNS, event_json, location_fields, role_fields

FORMATS = ("gdelt", "icews", "polecat", "csv", "jsonl", "parquet")

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_COLUMNS = (["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
                 + [f"Actor1{c}" for c in _ACTOR] + [f"Actor2{c}" for c in _ACTOR]
                 + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]
                 + [f"{p}Geo_{c}" for p in ("Actor1", "Actor2", "Action") for c in _GEO]
                 + ["DATEADDED", "SOURCEURL"])
ICEWS_COLUMNS = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
                 "Event Text", "CAMEO Code", "Intensity", "Target Name", "Target Sectors",
                 "Target Country", "Story ID", "Sentence Number", "Publisher", "City", "District",
                 "Province", "Country", "Latitude", "Longitude"]
POLECAT_COLUMNS = [
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors",
    "Actor Title", "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name", "Recipient Country",
    "Recipient COW", "Primary Recipient Sector", "Recipient Sectors", "Recipient Title",
    "Recipient Name Raw", "Wikipedia Recipient ID", "Placename", "City", "District", "Province",
    "Country", "Latitude", "Longitude", "GeoNames ID", "Raw Placename", "Feature Type", "Source",
    "Publication Date", "Story People", "Story Organizations", "Story Locations", "Language",
    "Version"]
POLECAT_EVIDENCE = ["Story ID", "Headline", "Event Text", "Sentence Number", "Sentence Start",
                    "Actor Start", "Actor End", "Recipient Start", "Recipient End", "Trigger",
                    "Trigger Start", "Trigger End", "CAMEO Code", "Num Articles", "Num Sources"]
QUADS = {1: "VERBAL COOPERATION", 2: "MATERIAL COOPERATION", 3: "VERBAL CONFLICT",
         4: "MATERIAL CONFLICT"}
_EVENT_SQL = ("SELECT * FROM event_view e WHERE {where} "
              "ORDER BY e.date, e.doc_id, e.sentence_index, e.verb_start, e.event_id")


def country_names() -> dict[str, str]:
    """ISO-3 -> display name from the shipped country dictionary (empty if absent)."""
    path = DATA / "actors" / "countries.yaml"
    if not path.exists():
        return {}
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError:
        return {}
    return {e["code"]: e.get("name", e["code"]) for e in entries
            if isinstance(e, dict) and isinstance(e.get("code"), str)}


def sector_codes(sector: str | None) -> list[str]:
    s = sector or ""
    return [s[i:i + 3] for i in range(0, len(s), 3) if len(s[i:i + 3]) == 3]


# C0 and C1 controls (tab, CR, LF, NUL, form feed, U+0085 ...), DEL, and the Unicode line and
# paragraph separators: anything a reader of TSV/CSV may take for the end of a field or line
_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_JSON_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}


def _clean(value) -> str:
    """A field on one line: every break or control character becomes a space."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return _BREAKS.sub(" ", str(value))


def _json_line(obj: dict) -> str:
    """One JSON line that no line splitter breaks (U+2028, U+2029 and U+0085 escaped)."""
    text = json.dumps(obj, ensure_ascii=False)
    for raw, escaped in _JSON_BREAKS.items():
        text = text.replace(raw, escaped)
    return text + "\n"


def rows(db, source=None, target=None, start: date | None = None,
         end: date | None = None, location_country=None) -> Iterator[dict]:
    """Events with evidence, document and duplicate-group fields, as dicts in a stable order:
    the flat rows of communique.serialize plus ``event_num``, ``doc_date``, ``title``,
    ``url``, ``publisher``, ``group_id``, ``num_articles`` and ``num_sources``."""
    where, params = event_filters(source, target, start, end, dyadic=False, location_country=location_country)
    cur = connection(db).execute(_EVENT_SQL.format(where=" AND ".join(where) or "TRUE"), params)
    names = [d[0] for d in cur.description]
    while batch := cur.fetchmany(5000):
        for r in batch:
            yield dict(zip(names, r))


def gdelt_row(e: dict) -> list[str]:
    d: date = e["date"]
    day = d.strftime("%Y%m%d")
    frac = d.year + (d.timetuple().tm_yday - 1) / (366 if calendar.isleap(d.year) else 365)

    def actor(role: str) -> list:
        m = role_fields(e, role)
        if m is None or m["code"] is None:  # no actor, or an unnamed perpetrator (GDELT: empty)
            return [""] * 10
        code = m["code"]
        types = sector_codes(m["sector"])[:3]
        group = code[3:6] if is_organisation(code) and len(code) >= 6 else ""
        if not types and is_organisation(code):
            types = [code[:3]]
        return [code, (m["name"] or "").upper(), m["country"] or "", group,
                "", "", ""] + types + [""] * (3 - len(types))

    def geo(prefix: str, role: str | None = None) -> list:
        loc = location_fields(e, prefix)
        if loc is None or (role and (e[f"{role}_code"] is None)):
            return list(NO_GDELT_PLACE)  # no place (or no actor): Type 0, the rest empty
        return place_codes().gdelt(loc)

    return ([e["event_num"], day, day[:6], day[:4], f"{frac:.4f}"] + actor("source")
            + actor("target")
            + [1 if e["sentence_index"] == 0 else 0, e["cameo"], e["cameo"][:3], e["cameo"][:2],
               e["quad_class"], f"{e['goldstein']:.1f}", e["num_articles"], e["num_sources"],
               e["num_articles"], ""]
            + geo("source_location", "source") + geo("target_location", "target") + geo("location")
            + [day + "000000", e["url"] or e["doc_id"]])


class Names:
    """Display names for the exports: countries, CAMEO codes and sectors."""

    def __init__(self, sectors: Sectors | None = None):
        self.countries = country_names()
        self.cameo = {c: v.name for c, v in load_ontology().codes.items()}
        self.sectors = sectors or load_sectors()

    def country(self, code: str | None) -> str:
        return self.countries.get(code, code) if code else ""

    def sector_names(self, m: dict | None) -> list[str]:
        """A mention's sectors by name; an organisation without sectors by its prefix."""
        if m is None or m["code"] is None:
            return []
        code = m["code"]
        codes = sector_codes(m["sector"]) or ([code[:3]] if is_organisation(code) else [])
        return [self.sectors.name(c) for c in codes]


def icews_row(e: dict, names: Names) -> list:
    out = [e["event_num"], e["date"].isoformat()]
    src, tgt = role_fields(e, "source"), role_fields(e, "target")
    out += [src and src["name"], ",".join(names.sector_names(src)), names.country(src and src["country"])]
    out += [names.cameo.get(e["cameo"], ""), e["cameo"], f"{e['goldstein']:.1f}"]
    out += [tgt and tgt["name"], ",".join(names.sector_names(tgt)),
            names.country(tgt and tgt["country"])]
    out += [e["doc_id"], e["sentence_index"] + 1, e["publisher"]]
    loc = location_fields(e)
    return out + (place_codes().icews(loc, names.country(loc["country"])) if loc else [""] * 6)


def polecat_row(e: dict, names: Names) -> list:
    def actor(role: str) -> list:
        m = role_fields(e, role)
        if m is None:
            return [None, None, "", "", "", "", None, ""]
        sectors = names.sector_names(m)
        return [m["name"], m["country"], "", sectors[0] if sectors else "",
                "; ".join(sectors), "", m["text"], ""]

    return ([e["event_id"], e["date"].isoformat(), e["plover_event"], e["plover_mode"],
             f"{e['goldstein']:.1f}", QUADS.get(e["quad_class"], ""), ""]
            + actor("source") + actor("target")
            + (place_codes().polecat(loc) if (loc := location_fields(e)) else [""] * 10)
            + [e["publisher"], _iso(e["doc_date"]), "", "", "", "en",
                           e["coder_version"]]
            + [e["doc_id"], e["title"], e["sentence"], e["sentence_index"] + 1,
               e["sentence_start"], e["source_start"], e["source_end"], e["target_start"],
               e["target_end"], e["verb_text"], e["verb_start"], e["verb_end"], e["cameo"],
               e["num_articles"], e["num_sources"]])


EXPORT_FIELDS = ("title", "url", "publisher", "group_id", "num_articles", "num_sources")
# the flat event row of ``communique code --format csv``, then event_num and the document fields
CSV_COLUMNS = [*EVENT_COLUMNS, "event_num", *EXPORT_FIELDS]


def json_row(e: dict) -> dict:
    """The event's JSON form (communique.serialize), with ``event_num`` after its id and the
    document and duplicate-group fields at the end."""
    d = event_json(e)
    return {"event_id": d.pop("event_id"), "event_num": e["event_num"], **d,
            **{k: e[k] for k in EXPORT_FIELDS}}


def export(db, fmt: str, out: IO[str] | None = None, path: str | None = None, **filters) -> int:
    """Write events in ``fmt`` to ``out`` (text formats) or ``path``; returns the event count."""
    if fmt == "parquet":
        if not path:
            raise ValueError("parquet export needs an output file (-o FILE)")
        con = connection(db)
        where, params = event_filters(filters.get("source"), filters.get("target"),
                                      filters.get("start"), filters.get("end"), dyadic=False,
                                      location_country=filters.get("location_country"))
        query = _EVENT_SQL.format(where=" AND ".join(where) or "TRUE")
        con.execute(f"COPY ({query}) TO '{_sql_path(path)}' (FORMAT parquet)", params)
        return con.execute(f"SELECT count(*) FROM ({query})", params).fetchone()[0]
    if out is None:
        raise ValueError("text exports need an output stream")
    names = Names() if fmt in ("icews", "polecat") else None
    quoted = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
    if fmt == "icews":
        quoted.writerow(ICEWS_COLUMNS)
    elif fmt == "polecat":
        quoted.writerow(POLECAT_COLUMNS + POLECAT_EVIDENCE)
    elif fmt == "csv":
        quoted.writerow(CSV_COLUMNS)
    n = 0
    for e in rows(db, **filters):
        if fmt == "jsonl":
            out.write(_json_line(json_row(e)))
        elif fmt == "polecat" and not e["plover_event"]:
            continue  # PLOVER has no category for this CAMEO code
        elif fmt == "gdelt":  # no quoting in this layout
            out.write("\t".join(_clean(v).replace('"', "'") for v in gdelt_row(e)) + "\n")
        else:
            if fmt == "csv":  # numbers in full (repr), text on one line
                quoted.writerow(["" if e[c] is None else e[c] if isinstance(e[c], (int, float))
                                 else _clean(e[c]) for c in CSV_COLUMNS])
            else:
                quoted.writerow([_clean(v) for v in (icews_row(e, names) if fmt == "icews"
                                                     else polecat_row(e, names))])
        n += 1
    return n


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _sql_path(path: str) -> str:
    return str(path).replace("'", "''")
