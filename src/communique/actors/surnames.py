"""Bare surnames that several people in the dictionary share ("Trump and Kim met").

A surname only one person has is a dictionary phrase (dictionaries.actors); a shared one
is resolved here, per document: to the person of that surname whose full name came first
in the document before it (the story's principal: "Kim Jong-un ... his sister Kim Yo-jong
... Kim said" is Kim Jong-un), else to the one leading a state or government on the
document's date, else to nobody. Titles before it ("Mr. Kim", "Chairman Kim") are allowed.
"""
from __future__ import annotations

import re
from datetime import date

from communique.actors.resolve import Context, Hit
from communique.dictionaries.actors import ActorDictionary, Entry, Person
from communique.dictionaries.phrases import PhraseIndex, after_pro_or_anti, fold, pieces
from communique.nlp.syntax import TIME_WORDS

# role titles of heads of state, then of government: a shared surname ("Kim") with no full
# name before it resolves to the one person holding the highest such role on the date
STATE_TITLES = ("President", "Supreme Leader", "King", "Emperor", "General Secretary", "Chairman")
GOVERNMENT_TITLES = ("Prime Minister", "Premier", "Chancellor")
LEADER_TITLES = STATE_TITLES + GOVERNMENT_TITLES
# words that may stand before a bare surname without making it part of a longer name
HONORIFICS = {
    "mr", "mrs", "ms", "miss", "dr", "madam", "mme", "sir", "dame", "lord", "lady", "comrade",
    "sheikh", "shaikh", "mullah", "ayatollah", "imam", "prof", "professor", "gen", "general",
    "adm", "admiral", "col", "colonel", "marshal", "prince", "princess", "emir", "president",
    "chairman", "premier", "leader", "minister", "secretary", "ambassador", "envoy", "senator",
    "sen", "rep", "governor", "gov", "mayor", "judge", "chancellor", "al", "el", "-"}
_LETTERS = re.compile(r"[^\W\d_]+")


def leads(person: Person, day: date) -> int:
    """3 for a head of state on ``day``, 2 for a head of government, 1 for a nominal head
    ("nominal", "ceremonial" in the title), else 0. Only government roles count, so not
    "Chancellor of the Exchequer" or a company's chairman."""
    def rank(r) -> int:
        if "nominal" in r.title or "ceremonial" in r.title:
            return 1
        return 3 if r.title.startswith(STATE_TITLES) else 2
    return max((rank(r) for r in person.roles
                if (r.start is None or r.start <= day) and (r.end is None or day <= r.end)
                and r.title.startswith(LEADER_TITLES) and r.code[3:6] == "GOV"
                and "Exchequer" not in r.title), default=0)


def pick(people: list[Person], named_before: list[str], day: date) -> Person | None:
    """The person a shared surname stands for, given the full names named before it (in
    document order): the first of them that has this surname, else the leader of the day."""
    names = {p.name: p for p in people}
    for name in named_before:
        if name in names:
            return names[name]
    rank = {p.name: leads(p, day) for p in people}
    top = max(rank.values())
    found = [p for p in people if top and rank[p.name] == top]
    return found[0] if len(found) == 1 else None


class SharedSurnames:
    """Surnames several people in the dictionary share, indexed once per dictionary."""

    def __init__(self, dictionary: ActorDictionary):
        self.dictionary = dictionary
        groups: dict[str, tuple[str, list[Person]]] = {}
        for person in dictionary.people:
            for form in person.surnames:
                groups.setdefault(fold(form), (form, []))[1].append(person)
        self.groups = {key: found for key, (_, found) in groups.items() if len(found) >= 2}
        self.index: PhraseIndex[list[Person]] = PhraseIndex()
        # the surname's last word (lower case) -> the people: the pre-pass keeps sentences with one
        self.people: dict[str, list[Person]] = {}
        for key, found in self.groups.items():
            form = groups[key][0]
            self.index.add(form, found, proper=True)
            self.people.setdefault(_LETTERS.findall(form)[-1].lower(), []).extend(found)
        self.index.finalize()
        self._memo: tuple[Context, list[tuple[int, str]]] | None = None

    def named(self, ctx: Context) -> list[tuple[int, str]]:
        """(offset, name) of every person named in full in the document, in order."""
        if self._memo is None or self._memo[0] is not ctx:  # one document at a time
            found = [(m.start, m.value.name) for m in self.dictionary.index.find(ctx.text, pieces(ctx.text))
                     if m.value.kind == "person" and not after_pro_or_anti(ctx.text, m.start)]
            self._memo = (ctx, found)
        return self._memo[1]

    def add_hits(self, spacy_doc, ctx: Context) -> None:
        """Add a hit for every bare shared surname of the parsed chunk to ``ctx.hits``."""
        text = spacy_doc.text
        matches = self.index.find(text, pieces(text)) if len(self.index) else []
        for m in matches:
            span = spacy_doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or span.end_char != m.end or not _bare(span, ctx):
                continue
            start = m.start + ctx.offset
            before = [name for offset, name in self.named(ctx) if offset < start]
            p = pick(m.value, before, ctx.day)
            if p is not None:
                hit = Hit(Entry("surname", p.code_on(None)[0], p.name, person=p), start, m.end + ctx.offset,
                          span.start, span.end - 1)
                for i in range(span.start, span.end):
                    ctx.add_hit(i, hit)


def _title(t, ctx: Context) -> bool:
    hit = ctx.hits.get(t.i)
    return (hit is not None and hit.entry.kind == "agent") or t.lower_.rstrip(".") in HONORIFICS


def _bare(span, ctx: Context) -> bool:
    """Is the surname standing alone, not part of a longer (unknown) name such as "Kim
    Kardashian" or "Kim Dong-yub"? Titles and dates before it are fine."""
    if any(t.i in ctx.hits for t in span) or span.root.pos_ != "PROPN":
        return False
    inside = range(span.start, span.end)
    for t in span:
        for c in t.children:
            if c.i not in inside and c.dep_ in ("compound", "flat") and c.pos_ == "PROPN" \
                    and c.lower_ not in TIME_WORDS and not _title(c, ctx):
                return False
    root = span.root
    return not (root.dep_ in ("compound", "flat") and root.head.pos_ == "PROPN"
                and root.head.i not in inside and not _title(root.head, ctx))
