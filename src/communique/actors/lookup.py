"""What a name resolves to on a date, and which dictionary entry says so.

``describe("Peskov", date(2020, 5, 1))`` lists every entry the name matches (country
names, adjectives, metonyms, places, organisations, sector nouns, named actors, people
and their surnames) with the code it gives on that date, the role held, and the file and
line of the entry; ``format_meanings`` prints them for ``communique actors NAME``.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from communique.actors.surnames import SharedSurnames, pick
from communique.dictionaries.actors import ActorDictionary, Entry, Origin, Role, load_actor_dictionary
from communique.dictionaries.phrases import fold, pieces

KIND_NAMES = {
    "country": "country", "adjective": "country adjective", "demonym": "people of a country",
    "metonym": "seat of power", "place": "place", "igo": "organisation", "agent": "sector noun",
    "actor": "named actor", "person": "person", "surname": "surname", "weak_surname": "surname",
    "shared_surname": "shared surname", "party": "political party",
}


@dataclass(frozen=True)
class Meaning:
    """One dictionary entry a name matches, as it applies on a date."""

    phrase: str  # the words matched (the name looked up, or part of it)
    kind: str  # an Entry kind, or "shared_surname"
    code: str  # the code it gives on the date; a sector noun's sector ("GOV")
    entry: str  # the entry's canonical name ("Dmitry Peskov", "Russia")
    title: str = ""  # the role held on the date (people)
    origin: Origin | None = None  # file and line of the entry
    note: str = ""  # when and how it applies
    roles: tuple[Role, ...] = ()  # all dated roles (people, named actors)
    part: bool = False  # matches only part of the name looked up
    applies: bool = True  # False: matches the words, but not as written or not on its own


def describe(name: str, day: date | None = None,
             dictionary: ActorDictionary | None = None) -> list[Meaning]:
    """Every entry ``name`` matches, exactly (any case) or else within it."""
    d = dictionary or load_actor_dictionary()
    shared = SharedSurnames(d)
    key = _key(name)
    out = [_meaning(phrase, entry, proper, name, day) for phrase, entry, proper in d.entries
           if _key(phrase) == key]
    if fold(name.strip()) in shared.groups:
        out += _shared(name.strip(), shared.groups[fold(name.strip())], day, d)
    if out:
        return _unique(out)
    for m in d.index.find(name, pieces(name)):  # "Kremlin spokesman Dmitry Peskov": its parts
        words = name[m.start:m.end]
        out += [_meaning(words, m.value, True, words, day, part=True)]
    for m in shared.index.find(name, pieces(name)):
        if not any(o.part and o.phrase == name[m.start:m.end] for o in out):
            out += [replace(s, part=True) for s in _shared(name[m.start:m.end], m.value, day, d)]
    return _unique(sorted(out, key=lambda o: name.find(o.phrase)))


def _key(text: str) -> tuple[str, ...]:
    return tuple(fold(p) for p, _, _ in pieces(text))


def _unique(meanings: list[Meaning]) -> list[Meaning]:
    seen, out = set(), []
    for m in meanings:
        k = (m.phrase.lower(), m.kind, m.entry, m.code)
        if k not in seen:
            seen.add(k)
            out.append(m)
    return out


def _as_written(phrase: str, proper: bool, name: str) -> str:
    """Why ``name`` as written would not match ``phrase`` ("" when it would)."""
    if any(c.isalpha() for c in phrase) and phrase.upper() == phrase and name.strip() != phrase:
        return f"matches only as written: {phrase}"
    if proper and not name.strip()[:1].isupper():
        return "matches only with a capital letter"
    return ""


def _meaning(phrase: str, entry: Entry, proper: bool, name: str, day: date | None,
             part: bool = False) -> Meaning:
    case = _as_written(phrase, proper, name)
    code, title, roles = entry.code, "", ()
    note = {
        "adjective": f"'{phrase} troops' is {entry.code} plus the noun's sector",
        "demonym": f"the people of {entry.name}",
        "metonym": f"stands for {entry.name}'s {entry.sector}",
        "place": f"a place in {entry.code}: an actor placed there takes that country",
        "agent": f"a sector noun: takes the country of its phrase ('Russian {phrase.lower()}' is RUS{entry.code})"
                 + ("; written before the actor's code" if entry.prefix else ""),
        "igo": f"an organisation of {entry.sector}" if entry.sector else "an international organisation",
        "surname": "a surname only this person has",
        "weak_surname": "a common word or name: only after the person's full name in the same document",
        "party": f"{entry.person.country if entry.person else ''}GOV while in government, "
                 f"{entry.person.country if entry.person else ''}OPP otherwise; its MPs are LEG",
    }.get(entry.kind, "")
    if entry.kind in ("metonym", "demonym"):
        code = entry.code + (entry.sector or "")
    if entry.person is not None:
        code, title = entry.person.code_on(day)
        roles = entry.person.roles
        if entry.kind == "actor" and not code:
            note = "recognised, never coded"
        elif day is not None and not title:
            note = (note + "; " if note else "") + "holds none of its dated roles on this date"
    return Meaning(phrase, entry.kind, code, entry.name, title, entry.origin, "; ".join(x for x in (note, case) if x),
                   roles, part, not case)


def _shared(phrase: str, people, day: date | None, d: ActorDictionary) -> list[Meaning]:
    """A surname several people share: each of them, and who it stands for with no full name before."""
    origins = {e.person.name: e.origin for _, e, _ in d.entries if e.kind == "person" and e.person}
    default = pick(people, [], day) if day is not None else None
    out = []
    for p in people:
        code, title = p.code_on(day)
        if day is None:
            note = "shared: the person whose full name came first in the document before it"
        elif default is p:
            note = f"shared: this person when no full name came before it (leading on {day})"
        else:
            note = "shared: only after this person's full name in the same document"
        out.append(Meaning(phrase, "shared_surname", code, p.name, title, origins.get(p.name), note,
                           p.roles, applies=default is p or day is None))
    return sorted(out, key=lambda m: m.entry != (default.name if default else None))


def format_meanings(name: str, day: date | None, meanings: list[Meaning], root: Path | None = None) -> str:
    """The text ``communique actors NAME`` prints."""
    when = f" on {day.isoformat()}" if day else " (no date: people in their latest role)"
    if not meanings:
        return (f"{name!r}{when}: not in the dictionaries; in a text, a name marked as a person or body "
                "is kept with the country its sentence or document gives, else with no code\n")
    parts = " (parts of the name)" if all(m.part for m in meanings) else ""
    lines = [f"{name!r}{when}: {len(meanings)} match{'es' if len(meanings) != 1 else ''}{parts}"]
    for m in meanings:
        kind = KIND_NAMES.get(m.kind, m.kind)
        head = f"  {m.code or '-':<10} {m.entry} ({kind})"
        if m.part or m.phrase != m.entry:
            head += f"  from {m.phrase!r}"
        lines.append(head)
        if m.title:
            lines.append(f"{'':13}{m.title}")
        if m.note:
            lines.append(f"{'':13}{m.note}")
        for r in m.roles:
            on = day is not None and (r.start is None or r.start <= day) and (r.end is None or day <= r.end)
            if m.kind == "shared_surname" and not on:
                continue  # several people: only the roles in force
            span = f"{r.start or '…'}..{r.end or ''}"
            lines.append(f"{'':13}{'*' if on else ' '} {r.code:<10} {span:<22} {r.title}")
        if m.origin:
            lines.append(f"{'':13}{_where(m.origin, root)}")
    return "\n".join(lines) + "\n"


def _where(origin: Origin, root: Path | None) -> str:
    path = Path(origin.path)
    for base in (root or Path.cwd(), Path(__file__).parents[3]):
        try:
            path = path.resolve().relative_to(base.resolve())
            break
        except ValueError:
            continue
    return f"{path}:{origin.line}" if origin.line else str(path)
