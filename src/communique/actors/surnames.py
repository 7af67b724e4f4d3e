"""Bare surnames that several people in the dictionary share ("Trump and Kim met")."""
from __future__ import annotations

from datetime import date

from communique.actors.resolve import Context, Hit
from communique.dictionaries.actors import EAST_ASIAN, ActorDictionary, Entry, Person
from communique.nlp.syntax import TIME_WORDS

# role titles of heads of state or government: a shared surname ("Kim") resolves to the one
# person holding such a role on the document's date
LEADER_TITLES = ("President", "Prime Minister", "Supreme Leader", "Chancellor", "Premier", "King",
                 "Emperor", "General Secretary", "Chairman")


def _surname(person: Person) -> str | None:
    parts = person.name.split()
    if len(parts) < 2:
        return None
    east = person.country in EAST_ASIAN or (person.country is None and "-" in parts[-1])
    return (parts[0] if east else parts[-1]).lower()


def _leads(person: Person, day: date) -> int:
    """2 for a head of state or government on ``day``, 1 for a nominal one, else 0."""
    return max((1 if "nominal" in r.title or "ceremonial" in r.title else 2 for r in person.roles
                if (r.start is None or r.start <= day) and (r.end is None or day <= r.end)
                and r.title.startswith(LEADER_TITLES)), default=0)


class SharedSurnames:
    """Surnames several people in the dictionary share, indexed once per dictionary."""

    def __init__(self, dictionary: ActorDictionary):
        self.people: dict[str, list[Person]] = {}
        for person in dictionary.people:
            key = _surname(person)
            if key:
                self.people.setdefault(key, []).append(person)
        self.people = {k: v for k, v in self.people.items() if len(v) >= 2}

    def add_hits(self, spacy_doc, ctx: Context) -> None:
        """Bare surnames several people share ("Trump and Kim met"): the one named earlier in
        the document, else the one leading a state on the document's date."""
        for t in spacy_doc:
            people = self.people.get(t.lower_)
            if people and _bare(t, ctx):
                _add_hit(t, people, ctx)


def _bare(t, ctx: Context) -> bool:
    return (t.pos_ == "PROPN" and t.i not in ctx.hits and t.text[:1].isupper() and len(t.text) > 1
            and not any(c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"
                        and c.lower_ not in TIME_WORDS for c in t.children)
            and not (t.dep_ in ("compound", "flat") and t.head.pos_ == "PROPN"))


def _add_hit(t, people: list[Person], ctx: Context) -> None:
    pick = [p for p in people if p.name in ctx.seen_people]
    if not pick:
        rank = {p.name: _leads(p, ctx.day) for p in people}
        top = max(rank.values())
        pick = [p for p in people if top and rank[p.name] == top]
    if len(pick) == 1:
        p = pick[0]
        start = t.idx + ctx.offset
        ctx.add_hit(t.i, Hit(Entry("surname", p.code_on(None)[0], p.name, person=p),
                             start, start + len(t.text), t.i, t.i))
