"""Loading any mix of dictionaries: communique's own YAML files and PETRARCH text files.

PETRARCH files are first turned into the same data structures that communique's YAML
files hold (`convert`), then loaded by the same functions. Writing those structures out
as YAML (`communique convert-dictionary`) therefore codes exactly like the original.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from communique.dictionaries import corrections
from communique.dictionaries.actors import (
    LOADERS,
    ActorDictionary,
    actor_files,
    add_actors,
    add_agents,
    load_file,
)
from communique.dictionaries.ontology import Ontology
from communique.dictionaries.patterns import PatternSet, load_patterns, merge_patterns, pattern_files
from communique.dictionaries.sequences import CODE
from communique.errors import DictionaryError, read_yaml

# kept with --only-dictionaries; reciprocity is not: PETRARCH dictionaries pair codes themselves
STRUCTURE_KEYS = ("governors", "refuse_codes", "intend_codes", "threaten_codes", "light_verbs",
                  "target_prepositions")


@dataclass(frozen=True)
class Converted:
    """One dictionary file as communique data: which kind, and the YAML-ready value."""

    kind: str  # actors | agents | patterns
    data: object
    path: Path
    problems: list[str] = field(default_factory=list)  # faulty entries skipped ("PATH:LINE: ...")


def dictionary_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, with directories expanded to their dictionary files (sorted)."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in (".txt", ".yaml", ".yml")
                          and not f.name.startswith(".") and "licen" not in f.name.lower())
        elif p.is_file():
            out.append(p)
        else:
            raise DictionaryError(f"{p}: no such dictionary file or directory")
    return out


def convert(path: Path) -> Converted:
    """A PETRARCH dictionary file as communique data."""
    from communique.dictionaries import petrarch

    kind = petrarch.detect_kind(path)
    problems: list[str] = []
    if kind == "actors":
        return Converted("actors", actors_data(petrarch.read_actors(path, problems=problems)), path, problems)
    if kind == "agents":
        return Converted("agents", agents_data(petrarch.read_agents(path, problems=problems)), path, problems)
    if kind == "verbs":
        return Converted("patterns", verbs_data(petrarch.read_verbs(path, problems=problems)), path, problems)
    if kind == "discards":
        return Converted("patterns", discards_data(petrarch.read_discards(path, problems=problems)), path,
                         problems)
    raise DictionaryError(f"{path}: not a dictionary file (it holds {kind})")


def actors_data(records) -> list[dict]:
    out = []
    for r in records:
        names = [p.normal for p in r.phrases]
        codes = []
        for c in r.codes:
            item = {"code": c.code or ""}
            if c.start:
                item["from"] = c.start.isoformat()
            if c.end:
                item["to"] = c.end.isoformat()
            codes.append(item)
        if codes:
            out.append({"name": names[0], "names": names[1:], "codes": codes} if names[1:]
                       else {"name": names[0], "codes": codes})
    return out


def agents_data(dictionary) -> list[dict]:
    out = []
    for a in dictionary.agents:
        item: dict = {"sector": a.code, "nouns": [p.normal for p in a.phrases]}
        if a.position == "prefix":
            item["prefix"] = True
        if a.plurals is not None:
            item["plurals"] = [p.normal for p in a.plurals]
        out.append(item)
    return out


def discards_data(discards) -> dict:
    data: dict = {"discards": {"sentence": [], "story": []}}
    for d in discards:
        data["discards"]["story" if d.story_level else "sentence"].append(d.phrase.normal)
    return data


def _code(code: str | None) -> str:
    """A PETRARCH code as communique keeps it; test oddities ("023?", "###") code nothing."""
    return code if code and CODE.match(code) else "---"


def _verb_text(words: tuple[str, ...], at: int) -> str:
    return "_".join(("+" if i == at and len(words) > 1 else "") + w for i, w in enumerate(words))


def verbs_data(vd) -> dict:
    """Synsets and verb blocks; a pattern keeps its PETRARCH text without the leading
    "-" and the code (communique's sequence patterns are the same language)."""
    synsets = {name: [m.normal + ("_" if m.exact else "") for m in members]
               for name, members in vd.synset_members.items()}
    blocks = []
    for b in vd.blocks:
        verbs = []
        for v in b.verbs:
            item: dict = {"verb": _verb_text(v.words, v.verb_index)}
            if v.code is not None:
                item["code"] = _code(v.code)
            if v.irregular is not None:
                item["forms"] = [_verb_text(v.words, v.verb_index),
                                 *(_verb_text(f.words, f.verb_index) for f in v.irregular)]
            verbs.append(item)
        # "###" (TABARI's discard) blocks the verb like "---"; a pattern whose code is no code
        # at all ("+++", "xxy": test oddities) is left out
        patterns = [{"pattern": _pattern_body(p.text), "code": _code(p.code)} for p in b.patterns
                    if p.code.strip() in ("---", "###") or _code(p.code) != "---"]
        blocks.append({"code": _code(b.code), "verbs": verbs, "patterns": patterns})
    # PETRARCH-2 matches a pattern's words as written, TABARI's as stems
    data = {"pattern_words": "exact" if vd.layout == "petrarch" else "stems",
            "synsets": synsets, "blocks": blocks}
    if vd.transformations:
        data["transformations"] = [f"{t.lhs} = {t.rhs}" for t in vd.transformations]
    return data


def _pattern_body(line: str) -> str:
    body = line.strip().lstrip("-").strip()
    return re.sub(r"\[[^\[\]]*\]\s*$", "", body).strip()


def write_yaml(converted: Converted, out) -> None:
    """Actors and agents are written under an ``actors:``/``agents:`` key, so that the
    file loads whatever it is named."""
    out.write(f"# converted by communique from {converted.path.name}\n")
    data = converted.data if converted.kind == "patterns" else {converted.kind: converted.data}
    yaml.dump(data, out, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True,
              sort_keys=False, width=100)


def load_dictionaries(ontology: Ontology, paths: Iterable[Path] = (),
                      only: bool = False) -> tuple[ActorDictionary, PatternSet]:
    """Built-in dictionaries (unless ``only``) plus the given files and directories.

    With ``only``, the built-in actors and patterns are left out but the coder's
    grammar settings in verbs.yaml (governors, light verbs, target prepositions) stay.
    """
    actors = ActorDictionary()
    if not only:
        for path, loader in actor_files():
            load_file(actors, path, loader)
        patterns = load_patterns(ontology)
    else:
        patterns = PatternSet()
        grammar = pattern_files()[0]
        data = read_yaml(grammar) or {}
        merge_patterns(patterns, {k: data[k] for k in STRUCTURE_KEYS if k in data}, ontology,
                       str(grammar))
        patterns.sources.append(grammar)
    for path in dictionary_files(paths):
        add_file(actors, patterns, ontology, path)
    patterns.finalize(", ".join(str(p) for p in paths) or "dictionaries")
    return actors.build(), patterns


def add_file(actors: ActorDictionary, patterns: PatternSet, ontology: Ontology, path: Path) -> None:
    """One file: communique YAML by its name (agents.yaml, people.yaml, verbs_x.yaml ...),
    anything else as a PETRARCH dictionary. The file is recorded among the sources of
    the actors (actor and agent files) or of the patterns (any other file). Data of the
    wrong shape is a DictionaryError naming the file."""
    try:
        _add_file(actors, patterns, ontology, path)
    except (AttributeError, TypeError, KeyError, ValueError) as exc:
        raise DictionaryError(f"{path}: an entry of the wrong shape ({type(exc).__name__}: {exc})") from None


def _add_file(actors: ActorDictionary, patterns: PatternSet, ontology: Ontology, path: Path) -> None:
    if path.suffix.lower() in (".yaml", ".yml"):
        stem = path.stem.split(".")[0]
        if stem in LOADERS:
            load_file(actors, path, LOADERS[stem])
            return
        data = read_yaml(path) or {}
        patterns.sources.append(path)
        if not isinstance(data, dict):
            raise DictionaryError(f"{path}: expected a mapping (or name the file after its kind, "
                                  f"e.g. agents.yaml)")
        for kind in ("actors", "agents"):
            if kind in data:
                load_converted(actors, patterns, ontology, Converted(kind, data[kind] or [], path))
        rules = corrections.parse_corrections(data.get("corrections"), ontology, str(path))
        patterns.corrections += rules
        if corrections.is_local(data):
            patterns.local_files[path] = corrections.local_rules(data, rules)
        converted = Converted("patterns", data, path)
    else:
        converted = convert(path)
        patterns.problems += converted.problems
        (actors if converted.kind in ("actors", "agents") else patterns).sources.append(path)
    load_converted(actors, patterns, ontology, converted)


def load_converted(actors: ActorDictionary, patterns: PatternSet, ontology: Ontology,
                   c: Converted) -> None:
    if c.kind == "actors":
        add_actors(actors, c.data, c.path)
    elif c.kind == "agents":
        add_agents(actors, c.data, c.path)
    else:
        merge_patterns(patterns, c.data, ontology, str(c.path))
