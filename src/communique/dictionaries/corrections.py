"""Corrections: an analyst's rules that fix the coder's events, kept in a user dictionary.

A correction file is communique YAML with two lists (FORMATS.md, "corrections"):

* ``actors:`` names the dictionaries miss, in the usual ``actors`` form;
* ``corrections:`` rules over the events the coder found: ``when`` says which events (the
  sentence contains these words; optionally the verb, the codes and the actors' words they
  have now), ``then`` what to do (``cameo``: another code; ``source``/``target``: another
  actor; ``drop: true``: not an event).

Every rule is *local*: it can only change a document that contains its words. That is what
lets ``ingest --recode`` re-code only the documents a new or changed rule can touch
(store/revisions.py). ``fold`` below is applied character by character (no context), so a
phrase found in a sentence is also found in the document the sentence is part of.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from communique.dictionaries.ontology import Ontology
from communique.dictionaries.phrases import pieces
from communique.errors import DictionaryError
from communique.records import Actor, Event, Mention

LOCAL_KEYS = {"actors", "corrections"}  # a file with only these keys holds only local rules
RULE_KEYS = {"id", "when", "then", "note", "made"}
WHEN_KEYS = {"sentence", "verb", "cameo", "source", "target", "source_text", "target_text"}
THEN_KEYS = {"cameo", "source", "target", "name", "drop"}
ACTOR_CODE = re.compile(r"[A-Z]{3}[A-Z0-9]*")
RULE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-",
                         "\u2011": "-", "\u2013": "-", "\u2014": "-"})


def fold(text: str) -> str:
    """Quote-, dash-, case- and space-fold text for matching. Context-free (``casefold``,
    unlike ``lower``, has no final-sigma rule; runs of white space become one space), so a
    phrase found in a sentence is found in its document too."""
    return _SPACE.sub(" ", text.translate(_QUOTES).casefold())


@dataclass(frozen=True)
class Correction:
    """One rule over events. Conditions that are None match anything."""

    id: str
    sentence: tuple[str, ...]          # folded phrases the sentence must all contain
    verb: str | None = None            # the verb's words (folded)
    cameo: str | None = None           # the event's code now
    source: str | None = None          # the source's actor code now
    target: str | None = None
    source_text: str | None = None     # the source's words in the text (folded)
    target_text: str | None = None
    new_cameo: str | None = None
    new_source: str | None = None
    new_target: str | None = None
    new_name: str | None = None
    drop: bool = False
    note: str = ""
    where: str = ""                    # file (and rule id) it was read from

    @property
    def kind(self) -> str:
        if self.drop:
            return "not_event"
        return "code" if self.new_cameo else ("source" if self.new_source else "target")

    def when(self) -> dict:
        out: dict = {"sentence": list(self.sentence)}
        for key in ("verb", "cameo", "source", "target", "source_text", "target_text"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        return out

    def then(self) -> dict:
        if self.drop:
            return {"drop": True}
        out = {k: v for k, v in (("cameo", self.new_cameo), ("source", self.new_source),
                                 ("target", self.new_target), ("name", self.new_name)) if v}
        return out

    @property
    def digest(self) -> str:
        """What the rule does (not its note): equal digests code alike."""
        return _digest({"when": self.when(), "then": self.then()})

    @property
    def phrases(self) -> tuple[str, ...]:
        """Folded words a document must contain for the rule to touch it."""
        return tuple(p for p in (*self.sentence, self.verb, self.source_text, self.target_text) if p)

    def matches(self, event: Event) -> bool:
        sentence = fold(event.sentence)
        if not all(p in sentence for p in self.sentence):
            return False
        checks = ((self.verb, fold(event.verb.text)), (self.cameo, event.cameo),
                  (self.source, event.source_code), (self.target, event.target_code),
                  (self.source_text, fold(event.source.span.text) if event.source else None),
                  (self.target_text, fold(event.target.span.text) if event.target else None))
        return all(want is None or want == have for want, have in checks)

    def to_yaml_item(self, made: str = "") -> dict:
        item: dict = {"id": self.id, "when": self.when(), "then": self.then()}
        if self.note:
            item["note"] = self.note
        if made:
            item["made"] = made
        return item


def _digest(data) -> str:
    return hashlib.sha1(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:12]


def event_id_of(doc_id: str, sentence_index: int, source: str | None, target: str | None,
                code: str, verb_start: int) -> str:
    """An event's id, as the coder makes it (events/pairs.py; a test keeps the two equal)."""
    key = f"{doc_id}|{sentence_index}|{source or ''}|{target or ''}|{code}|{verb_start}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _text(value, where: str, what: str) -> str:
    if not isinstance(value, str | int | float) or not str(value).strip():
        raise DictionaryError(f"{where}: {what} must be non-empty text")
    return str(value).strip()


def _actor(value, where: str, what: str) -> str:
    code = _text(value, where, what)
    if not ACTOR_CODE.fullmatch(code):
        raise DictionaryError(f"{where}: {what}: bad actor code {code!r} (upper-case letters, at least three)")
    return code


def _cameo(value, ontology: Ontology, where: str, what: str) -> str:
    code = _text(value, where, what)
    if code not in ontology:
        raise DictionaryError(f"{where}: {what}: unknown CAMEO code {code!r}")
    return code


def parse_correction(item, ontology: Ontology, where: str) -> Correction:
    """One ``corrections:`` item, checked; errors name the file and the rule."""
    if not isinstance(item, dict):
        raise DictionaryError(f"{where}: a correction must be a mapping with id, when and then")
    rid = str(item.get("id", "")).strip()
    if not RULE_ID.fullmatch(rid):
        raise DictionaryError(f"{where}: a correction needs an id (letters, digits, '-', '_', '.'), got {rid!r}")
    where = f"{where}: correction {rid}"
    for key in set(item) - RULE_KEYS:
        raise DictionaryError(f"{where}: unknown key {key!r} (allowed: {', '.join(sorted(RULE_KEYS))})")
    when, then = item.get("when"), item.get("then")
    if not isinstance(when, dict) or not isinstance(then, dict):
        raise DictionaryError(f"{where}: needs when: and then: mappings")
    for key in set(when) - WHEN_KEYS:
        raise DictionaryError(f"{where}: when: unknown key {key!r} (allowed: {', '.join(sorted(WHEN_KEYS))})")
    for key in set(then) - THEN_KEYS:
        raise DictionaryError(f"{where}: then: unknown key {key!r} (allowed: {', '.join(sorted(THEN_KEYS))})")
    words = when.get("sentence")
    words = [words] if isinstance(words, str) else words
    if not isinstance(words, list) or not words:
        raise DictionaryError(f"{where}: when: sentence must list the words the sentence contains")
    sentence = tuple(fold(_text(w, where, "when: sentence")) for w in words)
    cond = {k: fold(_text(when[k], where, f"when: {k}"))
            for k in ("verb", "source_text", "target_text") if when.get(k) is not None}
    codes = {k: _actor(when[k], where, f"when: {k}") for k in ("source", "target") if when.get(k) is not None}
    cameo = _cameo(when["cameo"], ontology, where, "when: cameo") if when.get("cameo") is not None else None
    actions = [k for k in ("cameo", "source", "target", "drop") if then.get(k) not in (None, False)]
    if len(actions) != 1:
        raise DictionaryError(f"{where}: then: give exactly one of cameo, source, target or drop: true")
    if "drop" in then and then["drop"] is not True and then["drop"] is not False:
        raise DictionaryError(f"{where}: then: drop must be true")
    name = _text(then["name"], where, "then: name") if then.get("name") is not None else None
    if name and actions[0] not in ("source", "target"):
        raise DictionaryError(f"{where}: then: name goes with source or target")
    return Correction(
        rid, sentence, cond.get("verb"), cameo, codes.get("source"), codes.get("target"),
        cond.get("source_text"), cond.get("target_text"),
        new_cameo=_cameo(then["cameo"], ontology, where, "then: cameo") if actions == ["cameo"] else None,
        new_source=_actor(then["source"], where, "then: source") if actions == ["source"] else None,
        new_target=_actor(then["target"], where, "then: target") if actions == ["target"] else None,
        new_name=name, drop=actions == ["drop"], note=str(item.get("note") or ""), where=where)


def parse_corrections(items, ontology: Ontology, where: str) -> list[Correction]:
    if items is None:
        return []
    if not isinstance(items, list):
        raise DictionaryError(f"{where}: corrections: expected a list of rules")
    out = [parse_correction(item, ontology, where) for item in items]
    seen: set[str] = set()
    for c in out:
        if c.id in seen:
            raise DictionaryError(f"{where}: correction id {c.id!r} is used twice")
        seen.add(c.id)
    return out


def actor_rules(items) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Digest -> phrase alternatives of ``actors:`` entries: a document can only be touched
    by an entry if it holds every word piece of one of its names (how names match)."""
    out = {}
    for item in items or []:
        if not isinstance(item, dict):
            continue
        names = [str(item.get("name") or ""), *[str(n) for n in item.get("names") or []]]
        key = {"name": item.get("name"), "names": item.get("names") or [], "codes": item.get("codes")}
        alts = tuple(tuple(fold(p) for p, _, _ in pieces(n) if _WORD.fullmatch(p))
                     for n in names if n.strip())
        out["a" + _digest(json.dumps(key, default=str, sort_keys=True))] = tuple(a for a in alts if a)
    return out


@dataclass
class Corrections:
    """The corrections of a coder, applied to each sentence's events in file order."""

    rules: list[Correction]
    ontology: Ontology

    def apply(self, events: list[Event]) -> list[Event]:
        if not self.rules or not events:
            return events
        out: list[Event] = []
        seen: set[str] = set()
        for event in events:
            fixed: Event | None = event
            for rule in self.rules:
                if fixed is not None and rule.matches(fixed):
                    fixed = self._fix(fixed, rule)
            if fixed is not None and fixed.event_id not in seen:
                seen.add(fixed.event_id)
                out.append(fixed)
        return out

    def _fix(self, e: Event, rule: Correction) -> Event | None:
        if rule.drop:
            return None
        source, target, code = e.source, e.target, e.cameo
        if rule.new_source:
            source = _recast(e.source, rule.new_source, rule.new_name, e)
        if rule.new_target:
            target = _recast(e.target, rule.new_target, rule.new_name, e)
        if source and target and source.actor.code == target.actor.code:
            return None  # an actor does not act on itself (as the coder never codes it)
        changes: dict = {"source": source, "target": target}
        if rule.new_cameo:
            c = self.ontology.lookup(rule.new_cameo)
            code = c.code
            changes.update(cameo=c.code, cameo_root=c.root, quad_class=c.quad_class, goldstein=c.goldstein,
                           plover_event=c.plover_event, plover_mode=c.plover_mode)
        changes["pattern"] = f"{e.pattern or ''} [correction {rule.id}]".strip()
        changes["event_id"] = event_id_of(e.doc_id, e.sentence_index, source.actor.code if source else None,
                                          target.actor.code if target else None, code, e.verb.start)
        return replace(e, **changes)


def _recast(mention: Mention | None, code: str, name: str | None, e: Event) -> Mention:
    """The mention with another actor; a target the event lacked is named by the verb."""
    if mention is None:
        return Mention(Actor.from_code(code, name or code), e.verb, "name")
    return Mention(Actor.from_code(code, name or mention.span.text), mention.span, mention.kind)


def local_rules(data: dict, corrections: Iterable[Correction]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Digest -> phrase alternatives of every rule of a local file (see module doc)."""
    out = actor_rules(data.get("actors"))
    for c in corrections:
        out["c" + c.digest] = (c.phrases,)
    return out


def touches(alternatives: tuple[tuple[str, ...], ...], folded_text: str) -> bool:
    """Can a rule with these phrase alternatives change a document (of this folded text)?"""
    return any(all(p in folded_text for p in alt) for alt in alternatives)


def is_local(data) -> bool:
    """Only local rules (an empty file too: it changes nothing)."""
    return isinstance(data, dict) and set(data) <= LOCAL_KEYS


def read_local(path: Path, ontology: Ontology) -> tuple[list[Correction], dict]:
    """The corrections of one file and the digests of its local rules (for tests and tools)."""
    from communique.errors import read_yaml

    data = read_yaml(path) or {}
    if not isinstance(data, dict):
        raise DictionaryError(f"{path}: expected a mapping with actors: and corrections:")
    rules = parse_corrections(data.get("corrections"), ontology, str(path))
    return rules, local_rules(data, rules)


HEADER = """\
# communique corrections: rules an analyst made in the workbench (or by hand).
# actors: names the dictionaries miss. corrections: fixes to the events the coder finds;
# `when` selects events (the sentence contains every phrase of `sentence`; verb, cameo,
# source, target and the actors' words as they are now), `then` says what to do (cameo: another
# code; source/target: another actor; drop: true: not an event). Formats: FORMATS.md.
# Use it with: communique ingest --db STORE --dictionaries THIS_FILE --recode
"""


class CorrectionFile:
    """A corrections file read and written whole (the workbench's writes keep every rule,
    hand-written ones included, but not comments). Checked before every save."""

    def __init__(self, path: Path, ontology: Ontology):
        self.path, self.ontology = path, ontology
        self.actors: list[dict] = []
        self.corrections: list[dict] = []
        if path.is_file():
            from communique.errors import read_yaml

            data = read_yaml(path) or {}
            if not isinstance(data, dict) or not set(data) <= LOCAL_KEYS:
                raise DictionaryError(f"{path}: a corrections file holds only actors: and corrections:")
            self.actors = list(data.get("actors") or [])
            self.corrections = list(data.get("corrections") or [])
        self.rules = parse_corrections(self.corrections, ontology, str(path))

    def ids(self) -> set[str]:
        return {str(item.get("id")) for item in [*self.actors, *self.corrections] if isinstance(item, dict)}

    def add(self, item: dict, kind: str = "corrections") -> None:
        if item["id"] in self.ids():
            raise DictionaryError(f"{self.path.name}: there is a rule {item['id']} already (the same correction)")
        (self.actors if kind == "actors" else self.corrections).append(item)
        self.save()

    def remove(self, rule_id: str) -> bool:
        before = len(self.actors) + len(self.corrections)
        self.actors = [a for a in self.actors if not (isinstance(a, dict) and str(a.get("id")) == rule_id)]
        self.corrections = [c for c in self.corrections if not (isinstance(c, dict) and str(c.get("id")) == rule_id)]
        if len(self.actors) + len(self.corrections) == before:
            return False
        self.save()
        return True

    def text(self) -> str:
        import yaml

        body = {k: v for k, v in (("actors", self.actors), ("corrections", self.corrections)) if v}
        dumped = yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=100, default_flow_style=None)
        return HEADER + ("\n" + dumped if body else "")

    def save(self) -> None:
        from communique.dictionaries.actors import ActorDictionary, add_actors

        self.rules = parse_corrections(self.corrections, self.ontology, str(self.path))  # loads, or raises
        add_actors(ActorDictionary(), self.actors, self.path)
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        tmp.write_text(self.text(), encoding="utf-8")
        tmp.replace(self.path)
