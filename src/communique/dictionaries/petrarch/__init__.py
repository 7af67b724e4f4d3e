"""Readers for the TABARI/PETRARCH dictionary formats and validation records.

Each reader turns one file into frozen dataclasses that keep the 1-based line
number of every entry. Problems raise ``DictionaryError("PATH:LINE: ...")``;
pass ``problems=[]`` to collect them instead and skip the faulty items (the
real PETRARCH files contain a few typos, see the tests for the counts).

``read_any(path)`` picks the reader from the file name, else from the content.
"""
from __future__ import annotations

import re
from pathlib import Path

from communique.errors import DictionaryError

from ._common import Phrase, content_lines, read_text
from .actors import ActorRecord, DatedCode, read_actors
from .agents import AgentDictionary, AgentRecord, read_agents
from .discards import Discard, read_discards
from .patterns import Token, VerbPattern
from .records import Coding, ValidationRecord, read_environment, read_records
from .verbs import Transformation, Verb, VerbBlock, VerbDictionary, read_verbs

__all__ = [
    "ActorRecord", "AgentDictionary", "AgentRecord", "Coding", "DatedCode", "Discard",
    "Phrase", "Token", "Transformation", "ValidationRecord", "Verb", "VerbBlock",
    "VerbDictionary", "VerbPattern", "detect_kind", "read_actors", "read_agents",
    "read_any", "read_discards", "read_environment", "read_records", "read_verbs",
]

READERS = {"actors": read_actors, "agents": read_agents, "verbs": read_verbs,
           "discards": read_discards, "records": read_records}


def _kind_from_name(name: str) -> str | None:
    name = name.lower()
    if "records" in name or name.endswith(".xml"):
        return "records"
    for kind in ("actors", "agents", "verbs", "discards"):
        if kind in name:
            return kind
    if re.match(r"cameo\..*\.txt$", name):
        return "verbs"
    return None


def _kind_from_content(path) -> str | None:
    text = read_text(path)
    if re.search(r"<Sentence\b", text):
        return "records"
    if re.search(r"<ISSUE\b", text):
        return None  # PETRARCH issue coding: not read here
    lines = [t.strip() for _, t in content_lines(text)][:200]
    if any(t.startswith(("---", "&", "- ")) for t in lines):
        return "verbs"
    if any(re.match(r"^!\w+!\s*=", t) or re.search(r"\[\s*~|~\s*\]", t) for t in lines):
        return "agents"
    if any("[" in t for t in lines):
        return "actors"
    return None


def detect_kind(path) -> str:
    """"actors", "agents", "verbs", "discards" or "records" for a file."""
    kind = _kind_from_name(Path(path).name) or _kind_from_content(path)
    if kind is None:
        raise DictionaryError(f"{path}:0: cannot tell which kind of PETRARCH file this is "
                              "(name it *.actors.txt, *.agents.txt, *.verbs.txt, "
                              "*.discards.txt or *.records.xml)")
    return kind


def read_any(path, **options):
    """Read a dictionary or records file with the reader its kind calls for."""
    return READERS[detect_kind(path)](path, **options)
