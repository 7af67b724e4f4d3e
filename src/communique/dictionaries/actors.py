"""Load and validate the actor, agent and people dictionaries (YAML data files)."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from communique.dictionaries.phrases import PhraseIndex
from communique.dictionaries.sectors import Sectors, load_sectors
from communique.errors import DictionaryError, read_yaml

ACTOR_DIR = Path(__file__).parent / "data" / "actors"
EAST_ASIAN = {"CHN", "PRK", "KOR", "TWN", "VNM", "HKG", "MAC"}


@dataclass(frozen=True)
class Role:
    code: str
    start: date | None
    end: date | None
    title: str = ""


@dataclass(frozen=True)
class Person:
    name: str
    country: str | None
    roles: tuple[Role, ...]
    other: str | None = None

    def code_on(self, day: date | None) -> tuple[str, str]:
        """(code, title) of this person on ``day``; outside all roles the fallback code."""
        for role in self.roles:
            if day is None:
                break
            if (role.start is None or role.start <= day) and (role.end is None or day <= role.end):
                return role.code, role.title
        if day is None and self.roles:
            return self.roles[-1].code, self.roles[-1].title
        return self.other or self.country or "", ""


@dataclass(frozen=True)
class Entry:
    """What a dictionary phrase means."""

    kind: str  # country | adjective | demonym | metonym | place | igo | person | surname | agent | actor | feature
    code: str  # country code, IGO code, or sector (agents)
    name: str
    sector: str | None = None
    person: Person | None = None  # people, and actors with dated codes
    prefix: bool = False  # agents written before the actor's code (PETRARCH "[NGO~]")


@dataclass
class ActorDictionary:
    entries: list[tuple[str, Entry, bool]] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    index: PhraseIndex | None = None
    sectors: Sectors = field(default_factory=load_sectors)
    sources: list[Path] = field(default_factory=list)  # the files read, in order

    def __post_init__(self) -> None:
        if self.sectors.path not in self.sources:
            self.sources.append(self.sectors.path)

    def add(self, phrase: str, entry: Entry, proper: bool) -> None:
        self.entries.append((phrase, entry, proper))

    def build(self) -> ActorDictionary:
        order = {"person": 0, "actor": 0, "igo": 1, "country": 2, "metonym": 3, "adjective": 4,
                 "demonym": 5, "agent": 6, "surname": 7, "weak_surname": 8, "place": 9, "feature": 10}
        idx: PhraseIndex[Entry] = PhraseIndex()
        for phrase, entry, proper in sorted(self.entries, key=lambda e: order[e[1].kind]):
            idx.add(phrase, entry, proper)
        idx.finalize()
        self.index = idx
        return self


def _load_yaml(path: Path) -> list:
    data = read_yaml(path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise DictionaryError(f"{path}: expected a list of entries")
    return data


def _date(value, path: Path, who: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise DictionaryError(f"{path}: {who}: bad date {value!r}") from None


def _strings(value, path: Path, who: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise DictionaryError(f"{path}: {who}: expected a list of names")
    return [str(v) for v in value if v is not None and str(v).strip()]


def plural(noun: str) -> str:
    head, _, last = noun.rpartition(" ")
    if re.search(r"[^aeiou]y$", last):
        last = last[:-1] + "ies"
    elif re.search(r"(s|x|z|ch|sh)$", last):
        last = last + "es"
    else:
        last = last + "s"
    return f"{head} {last}".strip()


def load_countries(d: ActorDictionary, path: Path) -> None:
    for n, item in enumerate(_load_yaml(path), start=1):
        who = f"entry {n}"
        if not isinstance(item, dict) or not re.fullmatch(r"[A-Z]{3}", str(item.get("code", ""))):
            raise DictionaryError(f"{path}: {who}: needs a 3-letter upper-case code")
        code, name = str(item["code"]), str(item.get("name") or item["code"])
        for phrase in [name, *_strings(item.get("names"), path, who)]:
            d.add(phrase, Entry("country", code, name), True)
        for phrase in _strings(item.get("adjectives"), path, who):
            d.add(phrase, Entry("adjective", code, name), True)
        for phrase in _strings(item.get("demonyms"), path, who):
            d.add(phrase, Entry("demonym", code, name, sector="CVL"), True)
        metonyms = item.get("metonyms") or {}
        if not isinstance(metonyms, dict):
            raise DictionaryError(f"{path}: {code}: metonyms must map a name to a sector")
        for phrase, sector in metonyms.items():
            if sector not in d.sectors:
                raise DictionaryError(f"{path}: {code}: unknown sector {sector!r} for {phrase!r}")
            d.add(str(phrase), Entry("metonym", code, name, sector=sector), True)


def load_places(d: ActorDictionary, path: Path) -> None:
    """Cities, regions and sites -> the country they belong to."""
    for n, item in enumerate(_load_yaml(path), start=1):
        if not isinstance(item, dict) or not re.fullmatch(r"[A-Z]{3}", str(item.get("code", ""))):
            raise DictionaryError(f"{path}: entry {n}: needs a 3-letter upper-case code")
        code = str(item["code"])
        for phrase in _strings(item.get("places"), path, code):
            d.add(phrase, Entry("place", code, phrase), True)


FEATURE_TYPES = {"sea", "ocean", "strait", "gulf", "bay", "channel", "river", "lake", "mountain",
                 "desert", "peninsula", "region", "island"}


def load_features(d: ActorDictionary, path: Path) -> None:
    """Seas, straits, rivers, regions ...: places that are never actors ("Sea of Japan")."""
    for n, item in enumerate(_load_yaml(path), start=1):
        if not isinstance(item, dict) or not item.get("name"):
            raise DictionaryError(f"{path}: entry {n}: needs a name")
        name = str(item["name"])
        if item.get("type") not in FEATURE_TYPES:
            raise DictionaryError(f"{path}: {name}: type must be one of {', '.join(sorted(FEATURE_TYPES))}")
        for key in ("lat", "lon"):
            if not isinstance(item.get(key), (int, float)):
                raise DictionaryError(f"{path}: {name}: {key} must be a number")
        country = item.get("country")
        if country is not None and not re.fullmatch(r"[A-Z]{3}", str(country)):
            raise DictionaryError(f"{path}: {name}: country must be an ISO-3 code or null")
        # a feature inside one country is a place of it ("the Dnieper" -> UKR), like a city
        entry = Entry("place", str(country), name) if country else Entry("feature", "", name)
        for phrase in [name, *_strings(item.get("names"), path, name)]:
            d.add(phrase, entry, True)


def load_international(d: ActorDictionary, path: Path) -> None:
    for n, item in enumerate(_load_yaml(path), start=1):
        if not isinstance(item, dict) or not item.get("code"):
            raise DictionaryError(f"{path}: entry {n}: needs a code")
        code, name = str(item["code"]), str(item.get("name") or item["code"])
        country = item.get("country")
        for phrase in [name, *_strings(item.get("names"), path, code)]:
            d.add(phrase, Entry("igo", code, name, sector=str(country) if country else None), True)


def load_agents(d: ActorDictionary, path: Path) -> None:
    add_agents(d, _load_yaml(path), path)


def add_agents(d: ActorDictionary, items: list, path) -> None:
    """Sector nouns. ``sector`` is a CAMEO role code (or any code of 3+ capitals, as in
    PETRARCH agent dictionaries); ``prefix: true`` puts it before the actor's code;
    ``plurals`` lists the plurals instead of the regular one ([] for none)."""
    seen: dict[str, str] = {}
    for n, item in enumerate(items, start=1):
        sector = str((item or {}).get("sector", ""))
        if sector not in d.sectors and not re.fullmatch(r"[A-Z][A-Z0-9]{2,}", sector):
            raise DictionaryError(f"{path}: entry {n}: unknown sector {sector!r}")
        prefix = bool(item.get("prefix"))
        explicit = item.get("plurals")
        for noun in _strings(item.get("nouns"), path, sector):
            noun = noun.strip().lower()
            plurals = [p.lower() for p in _strings(explicit, path, sector)] \
                if explicit is not None else [plural(noun)]
            for form in [noun, *plurals]:
                if seen.setdefault(form, sector) != sector:
                    continue  # first sector wins for a shared form
                d.add(form, Entry("agent", sector, noun, sector=sector, prefix=prefix), False)


def load_actors(d: ActorDictionary, path: Path) -> None:
    add_actors(d, _load_yaml(path), path)


def add_actors(d: ActorDictionary, items: list, path) -> None:
    """Named actors with fixed or dated codes (the form PETRARCH actor files convert to):
    ``{name, names: [...], codes: [{code, from, to}, ...]}``; names match in any case."""
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not item.get("name") or not item.get("codes"):
            raise DictionaryError(f"{path}: entry {n}: needs a name and codes")
        name = str(item["name"])
        roles = []
        for r in item["codes"]:
            if not isinstance(r, dict) or "code" not in r:
                raise DictionaryError(f"{path}: {name}: each code needs code:")
            roles.append(Role(str(r["code"] or ""), _date(r.get("from"), path, name),
                              _date(r.get("to"), path, name)))
        phrases = [name, *_strings(item.get("names"), path, name)]
        only = roles[0].code if len(roles) == 1 and not roles[0].start and not roles[0].end else None
        if only is not None and re.fullmatch(r"[A-Z]{3}", only):
            entry = Entry("country", only, name)
        else:
            undated = [r.code for r in roles if not r.start and not r.end]
            person = Person(name, None, tuple(r for r in roles if r.start or r.end),
                            undated[0] if undated else None)
            entry = Entry("actor", person.code_on(None)[0], name, person=person)
        for phrase in phrases:
            d.add(phrase.lower(), entry, False)


def load_people(d: ActorDictionary, path: Path) -> None:
    surnames: dict[str, list[Person]] = {}
    names: set[str] = set()
    for n, item in enumerate(_load_yaml(path), start=1):
        if not isinstance(item, dict) or not item.get("name"):
            raise DictionaryError(f"{path}: entry {n}: needs a name")
        name = str(item["name"])
        if name in names:
            raise DictionaryError(f"{path}: entry {n}: duplicate person {name!r}")
        names.add(name)
        roles = []
        for r in item.get("roles") or []:
            if not isinstance(r, dict) or not r.get("code"):
                raise DictionaryError(f"{path}: {name}: each role needs a code")
            start = _date(r.get("from"), path, name)
            end = _date(r.get("to"), path, name)
            if start and end and end < start:
                raise DictionaryError(f"{path}: {name}: role ends before it starts")
            roles.append(Role(str(r["code"]), start, end, str(r.get("title") or "")))
        country = item.get("country")
        person = Person(name, str(country) if country else None, tuple(roles),
                        str(item["other"]) if item.get("other") else None)
        d.people.append(person)
        for phrase in [name, *_strings(item.get("aliases"), path, name)]:
            d.add(phrase, Entry("person", person.code_on(None)[0], name, person=person), True)
        parts = name.split()
        if len(parts) >= 2:
            east = person.country in EAST_ASIAN or (person.country is None and "-" in parts[-1])
            surname = parts[0] if east else parts[-1]
            surnames.setdefault(surname.lower(), []).append((surname, person))
    weak = _weak_surnames(d, path.parent / "surnames.yaml")
    for key, found in surnames.items():
        surname, p = found[0]
        if len(found) != 1 or len(surname) < 2 or not surname[:1].isupper() \
                or re.fullmatch(r"[IVXL]+", surname):
            continue
        kind = "weak_surname" if key in weak else "surname"
        d.add(surname, Entry(kind, p.code_on(None)[0], p.name, person=p), True)


def _weak_surnames(d: ActorDictionary, path: Path) -> set[str]:
    if not path.exists():
        return set()
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    d.sources.append(path)
    return {str(s).lower() for s in data.get("needs_full_name") or []}


# file name (without suffixes) -> loader
LOADERS = {"countries": load_countries, "international": load_international,
           "agents": load_agents, "people": load_people, "places": load_places,
           "features": load_features, "actors": load_actors}


def load_file(d: ActorDictionary, path: Path, loader=None) -> None:
    """Load one actor file (with the loader for its name) and record it among d's sources."""
    (loader or LOADERS.get(path.stem.split(".")[0], load_countries))(d, path)
    d.sources.append(path)


def load_actor_dictionary(directory: Path | None = None,
                          extra: Iterable[Path] = ()) -> ActorDictionary:
    directory = directory or ACTOR_DIR
    d = ActorDictionary()
    for stem, loader in LOADERS.items():
        path = directory / f"{stem}.yaml"
        if path.exists():
            load_file(d, path, loader)
    for path in extra:
        load_file(d, path)
    return d.build()
