"""Tolerant reader for TABARI/PETRARCH validation records (almost-XML).

Regular expressions, not an XML parser, because three of the files are not
well-formed. A record starts at ``<Sentence date=".." id=".." category=".."
[valid=".."] [evaluate=".."]>`` (also self-closed ``<Sentence .../>`` with the
content after it, as in PETR2_GSR_validation.xml) and ends at ``</Sentence>``,
the next ``<Sentence``, ``</Sentences>`` or the end of the file (the
PETRARCH-1 suite leaves many records unclosed). Inside a record:

* ``<EventCoding sourcecode=".." targetcode=".." eventcode="..">`` in any
  attribute order, closed, self-closed or unclosed; values may use single
  quotes and entities (``&quot;``). A quoted code such as ``"INJURY TOLL"`` is a
  new-actor text and is kept with its quotes. ``noevents="True"`` sets
  ``noevents``; ``error=".."`` gives the error the coder is expected to report.
* ``<Text>..</Text>``; when missing (most PETRARCH-1 records) the text is what
  is left between the tags and the parse (``<Parse>`` or a line starting ``(``).
  Whitespace is collapsed and entities are unescaped.
* ``<PLEvent {json}>`` lines (UD-PETRARCH) are parsed as JSON.
* ``<Parse>`` is ignored.
* ``date`` is ``YYYYMMDD`` or TABARI's ``YYMMDD`` (one GSR record has
  ``121108``), read like the dictionary dates.

``<!-- -->`` comments are skipped everywhere (records inside them are not
read). ``<Config option=".." value="..">`` tags between or inside records
change coding options for the rest of the file; each record carries the
options in force when it is read. A ``<Stop>`` tag outside comments ends the
reading, as it ends a PETRARCH run; in the shared files every ``<Stop>`` is
commented out, so all records are read, including the final "end of the
tests" records (filter on ``category``/``id`` to drop them).
The ``category`` falls back to the ``source`` attribute (the UD unit-test file).
"""
from __future__ import annotations

import datetime
import html
import json
import re
from bisect import bisect_right
from dataclasses import dataclass

from ._common import Reporter, parse_date, read_text

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_SENTENCE = re.compile(r"<Sentence\b([^>]*?)(/?)>")
_END = re.compile(r"</Sentence\s*>|</Sentences\s*>")
_STOP = re.compile(r"<Stop\b")
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CODING = re.compile(r"<EventCoding\b([^>]*?)/?>")
_PLEVENT = re.compile(r"<PLEvent\s*(\{.*\})\s*/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_CONFIG = re.compile(r"<Config\b([^>]*?)/?>")
_PARSE_START = re.compile(r"<Parse>|^\s*\(", re.M)
_TAG = re.compile(r"<[^>]*>")
_ENV = re.compile(r"<Environment>(.*?)</Environment>", re.S)
_ENV_TAG = re.compile(r"<(\w+)\b([^>]*?)/?>(?:([^<]*)</\1>)?")


@dataclass(frozen=True)
class Coding:
    source: str
    target: str
    event: str


@dataclass(frozen=True)
class ValidationRecord:
    id: str
    date: datetime.date
    category: str
    text: str
    codings: tuple[Coding, ...]
    noevents: bool
    valid: bool | None
    line: int
    evaluate: bool | None = None
    error: str | None = None
    options: tuple[tuple[str, str], ...] = ()
    plevents: tuple[dict, ...] = ()


def attributes(text: str) -> dict[str, str]:
    """Attributes of a tag, unescaped; single or double quotes."""
    return {m.group(1): html.unescape(m.group(2) if m.group(2) is not None else m.group(3))
            for m in _ATTR.finditer(text)}


def _bool(value: str | None) -> bool | None:
    if value is None:
        return None
    return {"true": True, "false": False}.get(value.strip().lower())


def _mask_comments(text: str) -> str:
    """The text with comments blanked (newlines kept, so offsets and lines hold)."""
    return _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def _text_of(body: str) -> str:
    m = _TEXT.search(body)
    if m is None:
        parse = _PARSE_START.search(body)
        raw = _TAG.sub(" ", body if parse is None else body[:parse.start()])
    else:
        raw = m.group(1)
    return " ".join(html.unescape(raw).split())


def _record(head: str, body: str, line: int, options, rep: Reporter) -> ValidationRecord | None:
    attrs = attributes(head)
    if "date" not in attrs:
        return rep.fail(line, "record without a date")
    try:
        when = parse_date(attrs["date"].strip())
    except ValueError as exc:
        return rep.fail(line, f"bad record date: {exc}")
    if "id" not in attrs:
        return rep.fail(line, "record without an id")
    codings, noevents, error = [], False, None
    for m in _CODING.finditer(body):
        a = attributes(m.group(1))
        if _bool(a.get("noevents")):
            noevents = True
        elif "error" in a:
            error = a["error"]
        elif {"sourcecode", "targetcode", "eventcode"} <= a.keys():
            codings.append(Coding(a["sourcecode"], a["targetcode"], a["eventcode"]))
        else:
            return rep.fail(line, f"incomplete EventCoding {m.group().strip()!r}")
    plevents = []
    for m in _PLEVENT.finditer(body):
        try:
            plevents.append(json.loads(m.group(1)))
        except ValueError:
            return rep.fail(line, f"bad JSON in PLEvent {m.group(1)[:60]!r}")
    return ValidationRecord(attrs["id"], when, attrs.get("category", attrs.get("source", "")),
                            _text_of(body), tuple(codings), noevents, _bool(attrs.get("valid")),
                            line, _bool(attrs.get("evaluate")), error, options, tuple(plevents))


def read_records(path, *, problems: list[str] | None = None) -> list[ValidationRecord]:
    """Read the validation records of a file, in file order."""
    rep = Reporter(path, problems)
    text = _mask_comments(read_text(path))
    starts = [m.end() for m in re.finditer(r"\n", text)]
    stop = _STOP.search(text)
    limit = stop.start() if stop else len(text)
    heads = list(_SENTENCE.finditer(text, 0, limit))
    configs = [(m.start(), attributes(m.group(1))) for m in _CONFIG.finditer(text, 0, limit)]
    out, options, used = [], {}, 0
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else limit
        close = _END.search(text, m.end(), end)
        body_end = close.start() if close else end
        while used < len(configs) and configs[used][0] < body_end:
            options[configs[used][1].get("option", "")] = configs[used][1].get("value", "")
            used += 1
        line = bisect_right(starts, m.start()) + 1
        record = _record(m.group(1), text[m.end():body_end], line, tuple(options.items()), rep)
        if record is not None:
            out.append(record)
    return out


def read_environment(path) -> dict[str, str]:
    """The ``<Environment>`` settings: Verbfile, Actorfile, Agentfile, ... -> value.

    Both ``<Verbfile>X</Verbfile>`` and ``<Verbfile name="X">`` are read (for the
    attribute form, the first attribute's value). Actorfile may be a
    comma-separated list. ``<Config>`` tags are left to ``read_records``.
    """
    m = _ENV.search(_mask_comments(read_text(path)))
    out: dict[str, str] = {}
    for tag in _ENV_TAG.finditer(m.group(1) if m else ""):
        name, attrs, content = tag.group(1), attributes(tag.group(2)), tag.group(3)
        if name == "Config":
            continue
        value = content if content is not None and content.strip() else next(iter(attrs.values()), "")
        out[name] = html.unescape(value.strip())
    return out
