"""Load and validate the actor, agent and people dictionaries (YAML data files)."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from communique.dictionaries.phrases import PhraseIndex, fold
from communique.dictionaries.sectors import Sectors, load_sectors
from communique.errors import DictionaryError, read_yaml

ACTOR_DIR = Path(__file__).parent / "data" / "actors"
FEATURES = Path(__file__).parent / "data" / "features.yaml"  # the place list, shared with communique.geo
EAST_ASIAN = {"CHN", "PRK", "KOR", "TWN", "VNM", "HKG", "MAC"}
# words that belong to a surname ("von der Leyen", "Le Drian", "bin Laden")
PARTICLES = {"de", "del", "della", "di", "da", "dos", "das", "du", "des", "la", "le", "van", "von",
             "der", "den", "ter", "bin", "ibn", "al", "el"}
NAME_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
PERSON_KEYS = {"name", "aliases", "country", "roles", "other", "surname"}
ROLE_KEYS = {"code", "from", "to", "title"}
CODE = re.compile(r"[A-Z]{3}[A-Z0-9]*")


@dataclass(frozen=True)
class Origin:
    """Where a dictionary entry was written: file, and 1-based line when known."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


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
    surnames: tuple[str, ...] = ()  # the forms a bare surname takes ("Shoigu"; "al-Assad", "Assad")

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

    # country | adjective | demonym | metonym | place | igo | person | surname | agent | actor |
    # party | feature
    kind: str
    code: str  # country code, IGO code, or sector (agents)
    name: str
    sector: str | None = None
    person: Person | None = None  # people, and actors with dated codes
    prefix: bool = False  # agents written before the actor's code (PETRARCH "[NGO~]")
    unknown: bool = False  # agents that stand for someone unknown ("gunmen"): never placed
    origin: Origin | None = field(default=None, compare=False)  # file and line of the entry


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
        order = {"person": 0, "actor": 0, "party": 0, "igo": 1, "country": 2, "metonym": 3, "adjective": 4,
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


def _items(path: Path) -> list[tuple[int, object, Origin]]:
    """The file's entries with their origin: a top-level "- " line starts each entry."""
    data = _load_yaml(path)
    starts = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
              if line.startswith("-") and line[1:2] in ("", " ")]
    lines = starts if len(starts) == len(data) else [None] * len(data)
    return [(n, item, Origin(str(path), line)) for n, (item, line) in enumerate(zip(data, lines), start=1)]


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
    for n, item, origin in _items(path):
        who = f"entry {n}"
        if not isinstance(item, dict) or not re.fullmatch(r"[A-Z]{3}", str(item.get("code", ""))):
            raise DictionaryError(f"{path}: {who}: needs a 3-letter upper-case code")
        code, name = str(item["code"]), str(item.get("name") or item["code"])
        for phrase in [name, *_strings(item.get("names"), path, who)]:
            d.add(phrase, Entry("country", code, name, origin=origin), True)
        for phrase in _strings(item.get("adjectives"), path, who):
            d.add(phrase, Entry("adjective", code, name, origin=origin), True)
        for phrase in _strings(item.get("demonyms"), path, who):
            d.add(phrase, Entry("demonym", code, name, sector="CVL", origin=origin), True)
        metonyms = item.get("metonyms") or {}
        if not isinstance(metonyms, dict):
            raise DictionaryError(f"{path}: {code}: metonyms must map a name to a sector")
        for phrase, sector in metonyms.items():
            if sector not in d.sectors:
                raise DictionaryError(f"{path}: {code}: unknown sector {sector!r} for {phrase!r}")
            d.add(str(phrase), Entry("metonym", code, name, sector=sector, origin=origin), True)


def load_places(d: ActorDictionary, path: Path) -> None:
    """Cities, regions and sites -> the country they belong to."""
    for n, item, origin in _items(path):
        if not isinstance(item, dict) or not re.fullmatch(r"[A-Z]{3}", str(item.get("code", ""))):
            raise DictionaryError(f"{path}: entry {n}: needs a 3-letter upper-case code")
        code = str(item["code"])
        for phrase in _strings(item.get("places"), path, code):
            d.add(phrase, Entry("place", code, phrase, origin=origin), True)


# natural features (never actors) and the place kinds only the gazetteer uses
FEATURE_KINDS = frozenset({"sea", "ocean", "strait", "gulf", "bay", "channel", "river", "lake", "mountain",
                           "desert", "peninsula", "region", "island"})
PLACE_KINDS = frozenset({"site", "city", "adm1"})


def load_features(d: ActorDictionary, path: Path) -> None:
    """Seas, straits, rivers, regions ...: places that are never actors ("Sea of Japan").

    The place list (FEATURES) is shared with the gazetteer: its sites, cities and
    divisions are checked here but left to the actor files."""
    for n, item, origin in _items(path):
        if not isinstance(item, dict) or not item.get("name"):
            raise DictionaryError(f"{origin}: entry {n}: needs a name")
        name = str(item["name"])
        kind = item.get("kind")
        if kind not in FEATURE_KINDS | PLACE_KINDS:
            raise DictionaryError(f"{origin}: {name}: kind must be one of "
                                  f"{', '.join(sorted(FEATURE_KINDS | PLACE_KINDS))}")
        for key in ("lat", "lon"):
            if not isinstance(item.get(key), (int, float)) and not (kind == "adm1" and item.get("seat")):
                raise DictionaryError(f"{origin}: {name}: {key} must be a number")
        country = item.get("country")
        if country is not None and not re.fullmatch(r"[A-Z]{3}", str(country)):
            raise DictionaryError(f"{origin}: {name}: country must be an ISO-3 code or left out")
        if kind in PLACE_KINDS:
            continue
        # a feature inside one country is a place of it ("the Dnieper" -> UKR), like a city
        entry = Entry("place", str(country), name, origin=origin) if country \
            else Entry("feature", "", name, origin=origin)
        for phrase in [name, *_strings(item.get("names"), path, name)]:
            d.add(phrase, entry, True)


def load_international(d: ActorDictionary, path: Path) -> None:
    for n, item, origin in _items(path):
        if not isinstance(item, dict) or not item.get("code"):
            raise DictionaryError(f"{path}: entry {n}: needs a code")
        code, name = str(item["code"]), str(item.get("name") or item["code"])
        country = item.get("country")
        for phrase in [name, *_strings(item.get("names"), path, code)]:
            d.add(phrase, Entry("igo", code, name, sector=str(country) if country else None,
                                origin=origin), True)


def load_agents(d: ActorDictionary, path: Path) -> None:
    items = _items(path)
    add_agents(d, [item for _, item, _ in items], path, [o for _, _, o in items])


def add_agents(d: ActorDictionary, items: list, path, origins: list[Origin] | None = None) -> None:
    """Sector nouns. ``sector`` is a CAMEO role code (or any code of 3+ capitals, as in
    PETRARCH agent dictionaries); ``prefix: true`` puts it before the actor's code;
    ``plurals`` lists the plurals instead of the regular one ([] for none)."""
    seen: dict[str, str] = {}
    for n, item in enumerate(items, start=1):
        sector = str((item or {}).get("sector", ""))
        if sector not in d.sectors and not re.fullmatch(r"[A-Z][A-Z0-9]{2,}", sector):
            raise DictionaryError(f"{path}: entry {n}: unknown sector {sector!r}")
        prefix, unknown = bool(item.get("prefix")), bool(item.get("unknown"))
        explicit = item.get("plurals")
        origin = origins[n - 1] if origins else Origin(str(path))
        for noun in _strings(item.get("nouns"), path, sector):
            noun = noun.strip().lower()
            plurals = [p.lower() for p in _strings(explicit, path, sector)] \
                if explicit is not None else [plural(noun)]
            for form in [noun, *plurals]:
                if seen.setdefault(form, sector) != sector:
                    continue  # first sector wins for a shared form
                d.add(form, Entry("agent", sector, noun, sector=sector, prefix=prefix, unknown=unknown,
                                  origin=origin), False)


def load_actors(d: ActorDictionary, path: Path) -> None:
    items = _items(path)
    add_actors(d, [item for _, item, _ in items], path, [o for _, _, o in items])


def add_actors(d: ActorDictionary, items: list, path, origins: list[Origin] | None = None) -> None:
    """Named actors with fixed or dated codes (the form PETRARCH actor files convert to):
    ``{name, names: [...], codes: [{code, from, to}, ...]}``; names match in any case."""
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not item.get("name") or not item.get("codes"):
            raise DictionaryError(f"{path}: entry {n}: needs a name and codes")
        name = str(item["name"])
        origin = origins[n - 1] if origins else Origin(str(path))
        roles = []
        for r in item["codes"]:
            if not isinstance(r, dict) or "code" not in r:
                raise DictionaryError(f"{path}: {name}: each code needs code:")
            roles.append(Role(str(r["code"] or ""), _date(r.get("from"), path, name),
                              _date(r.get("to"), path, name)))
        phrases = [name, *_strings(item.get("names"), path, name)]
        only = roles[0].code if len(roles) == 1 and not roles[0].start and not roles[0].end else None
        if only is not None and re.fullmatch(r"[A-Z]{3}", only):
            entry = Entry("country", only, name, origin=origin)
        else:
            undated = [r.code for r in roles if not r.start and not r.end]
            person = Person(name, None, tuple(r for r in roles if r.start or r.end),
                            undated[0] if undated else None)
            entry = Entry("actor", person.code_on(None)[0], name, person=person, origin=origin)
        for phrase in phrases:
            d.add(phrase.lower(), entry, False)


def load_parties(d: ActorDictionary, path: Path) -> None:
    """Political parties: ``{name, names, country, government: [[from, to], ...]}``; the party
    is its country's GOV while in government (alone or in a coalition), OPP otherwise."""
    for n, item, origin in _items(path):
        if not isinstance(item, dict) or not item.get("name"):
            raise DictionaryError(f"{path}: entry {n}: needs a name")
        name = str(item["name"])
        country = str(item.get("country") or "")
        if not re.fullmatch(r"[A-Z]{3}", country):
            raise DictionaryError(f"{origin}: {name}: country must be a 3-letter upper-case code")
        spans = item.get("government") or []
        if not isinstance(spans, list) or not all(isinstance(g, list) and len(g) == 2 for g in spans):
            raise DictionaryError(f"{origin}: {name}: government must be a list of [from, to] pairs")
        roles = []
        for start, end in spans:
            role = Role(country + "GOV", _date(start, path, name), _date(end, path, name), "in government")
            if role.start is None or (role.end and role.end < role.start):
                raise DictionaryError(f"{origin}: {name}: a government span needs a start before its end")
            roles.append(role)
        person = Person(name, country, tuple(roles), country + "OPP", ())
        entry = Entry("party", person.code_on(None)[0], name, person=person, origin=origin)
        for phrase in [name, *_strings(item.get("names"), path, name)]:
            d.add(phrase, entry, True)


def surname_forms(name: str, country: str | None) -> tuple[str, ...]:
    """How a bare surname of ``name`` is written: the first word of an East Asian name
    ("Kim Jong-un" -> Kim), else the last with the capitalised particles before it ("Le
    Drian", "Van Rompuy"; "von der Leyen" -> Leyen), an Arabic article dropped ("al-Assad"
    -> Assad: the coder also finds it inside "al-Assad")."""
    parts = name.split()
    while len(parts) > 2 and parts[-1].lower() in NAME_SUFFIXES:
        parts = parts[:-1]
    if len(parts) < 2:
        return ()
    # a name of no country written like "Ban Ki-moon" is East Asian too
    if country in EAST_ASIAN or (country is None and re.fullmatch(r"[A-Z][a-z]+-[a-z]+", parts[-1])):
        return (parts[0],)
    i = len(parts) - 1
    while i > 1 and parts[i - 1].lower() in PARTICLES and parts[i - 1][:1].isupper():
        i -= 1
    surname = " ".join(parts[i:])
    return (re.sub(r"^(?:[Aa]l|[Ee]l|[Aa][dnrstz]|[Aa]sh)-(?=[A-Z])", "", surname),)


def _check_code(code: str, path: Path, who: str) -> str:
    if not CODE.fullmatch(code):
        raise DictionaryError(f"{path}: {who}: bad actor code {code!r} (upper-case letters, at least three)")
    return code


def _unknown_keys(item: dict, allowed: set[str], path: Path, who: str) -> None:
    unknown = sorted(str(k) for k in item if k not in allowed)
    if unknown:
        raise DictionaryError(f"{path}: {who}: unknown field {unknown[0]!r} (known: {', '.join(sorted(allowed))})")


def _person(item, n: int, path: Path) -> Person:
    """One people.yaml entry, validated."""
    if not isinstance(item, dict) or not item.get("name"):
        raise DictionaryError(f"{path}: entry {n}: needs a name")
    name = str(item["name"])
    _unknown_keys(item, PERSON_KEYS, path, name)
    roles = []
    for r in item.get("roles") or []:
        if not isinstance(r, dict) or not r.get("code"):
            raise DictionaryError(f"{path}: {name}: each role needs a code")
        _unknown_keys(r, ROLE_KEYS, path, name)
        start = _date(r.get("from"), path, name)
        end = _date(r.get("to"), path, name)
        if start and end and end < start:
            raise DictionaryError(f"{path}: {name}: role ends before it starts")
        roles.append(Role(_check_code(str(r["code"]), path, name), start, end, str(r.get("title") or "")))
    country = str(item["country"]) if item.get("country") else None
    if country is not None and not re.fullmatch(r"[A-Z]{3}", country):
        raise DictionaryError(f"{path}: {name}: country must be a 3-letter upper-case code")
    other = _check_code(str(item["other"]), path, name) if item.get("other") else None
    given = item.get("surname", ...)
    forms = surname_forms(name, country) if given is ... else tuple(_strings(given, path, name))
    return Person(name, country, tuple(roles), other, forms)


def load_people(d: ActorDictionary, path: Path) -> None:
    surnames: dict[str, list[tuple[str, Person, Origin]]] = {}
    owner: dict[str, str] = {}  # folded name or alias -> person
    for n, item, origin in _items(path):
        person = _person(item, n, path)
        if fold(person.name) in owner:
            raise DictionaryError(f"{origin}: duplicate person {person.name!r}")
        d.people.append(person)
        entry = Entry("person", person.code_on(None)[0], person.name, person=person, origin=origin)
        for phrase in [person.name, *_strings(item.get("aliases"), path, person.name)]:
            other = owner.setdefault(fold(phrase), person.name)
            if other != person.name:
                raise DictionaryError(f"{origin}: {person.name}: the name {phrase!r} is also {other}'s")
            d.add(phrase, entry, True)
        for surname in person.surnames:
            surnames.setdefault(fold(surname), []).append((surname, person, origin))
    weak = _weak_surnames(d, path.parent / "surnames.yaml")
    for key, found in surnames.items():
        surname, p, origin = found[0]
        last = surname.split()[-1]
        if len(found) != 1 or len(surname) < 2 or not last[:1].isupper() or re.fullmatch(r"[IVXL]+", last) \
                or key in owner:
            continue  # shared surnames are resolved per document (actors.surnames)
        kind = "weak_surname" if key in weak else "surname"
        d.add(surname, Entry(kind, p.code_on(None)[0], p.name, person=p, origin=origin), True)


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
           "features": load_features, "parties": load_parties, "actors": load_actors}


def load_file(d: ActorDictionary, path: Path, loader=None) -> None:
    """Load one actor file (with the loader for its name) and record it among d's sources.
    An entry of the wrong shape (a number where a mapping belongs ...) is a DictionaryError."""
    try:
        (loader or LOADERS.get(path.stem.split(".")[0], load_countries))(d, path)
    except (AttributeError, TypeError, KeyError, ValueError) as exc:
        raise DictionaryError(f"{path}: an entry of the wrong shape ({type(exc).__name__}: {exc})") from None
    d.sources.append(path)


def actor_files(directory: Path | None = None) -> list[tuple[Path, object]]:
    """The actor files of a directory that exist, in load order, with their loaders; the
    built-in directory's features are the shared place list (FEATURES)."""
    directory = directory or ACTOR_DIR
    out = []
    for stem, loader in LOADERS.items():
        path = directory / f"{stem}.yaml"
        if stem == "features" and not path.exists() and directory == ACTOR_DIR:
            path = FEATURES
        if path.exists():
            out.append((path, loader))
    return out


def load_actor_dictionary(directory: Path | None = None,
                          extra: Iterable[Path] = ()) -> ActorDictionary:
    d = ActorDictionary()
    for path, loader in actor_files(directory):
        load_file(d, path, loader)
    for path in extra:
        load_file(d, path)
    return d.build()
