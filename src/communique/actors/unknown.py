"""People and organisations that the dictionaries do not know.

A name that no dictionary entry covers is kept as an actor when something marks it as a
person or a body:

* the parse: a title or sector noun, a party, a country or an honorific in its phrase
  ("Labour MP John Smith", "UK Independence Party leader Roger Knapman", "Iranian lawmaker
  Ali Motahari", "Senator Jim Webb", "Mr Knapman"), or the surname of such a person named
  earlier in the document ("... Knapman said");
* else spaCy's named-entity recogniser, run only on a sentence where an event needs the name
  and only when the coder has it loaded: PERSON and ORG names are kept, places are not.

The actor takes its name from the words and the country and sector the phrase gives
("Labour MP John Smith" -> GBRLEG, "Iranian lawmaker Ali Motahari" -> IRNLEG); a titled name
without a country is placed like a sector noun (see actors.home); anything else has no code.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from communique.records import Actor, Mention, Span

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "baroness",
                        "madam", "monsieur", "herr", "mr.", "mrs.", "ms.", "dr."})
# last words of an organisation's name ("Workers' Union", "Acme Corp")
ORG_HEADS = frozenset({
    "party", "union", "association", "council", "committee", "front", "movement", "corporation",
    "corp", "inc", "ltd", "company", "group", "bank", "university", "institute", "foundation",
    "federation", "league", "organisation", "organization", "agency", "commission", "authority",
    "alliance", "congress", "society", "trust", "network", "coalition", "club", "board", "bureau",
    "church", "centre", "center", "forum", "campaign", "watch", "brigade", "brigades", "army",
    "observatory", "tribunal", "court", "assembly", "service", "times", "post", "news", "daily"})
NER_KINDS = {"PERSON": "unknown_person", "ORG": "unknown_org"}
# mentions whose words a stranger's name may be (not a coreference or a list member)
RENAMED = frozenset({"agent", "country", "adjective", "demonym", "metonym", "place", "name", "actor", "party",
                     "agent_place"})


# "unidentified men", "masked gunmen": people the text does not identify
UNIDENTIFIED = frozenset({"unidentified", "unknown", "masked", "anonymous", "hooded"})
UNIDENTIFIED_SECTORS = frozenset({"CVL", "UAF", "CRM", "REB", "INS"})


def unidentified(entry, code: str, toks) -> bool:
    """Does a sector noun without a country stand for an unknown perpetrator: a noun such as
    "gunmen" (``unknown`` in agents.yaml), or civilians or armed men "unidentified"?"""
    return entry.unknown or code[:3] in UNIDENTIFIED_SECTORS and any(t.lower_ in UNIDENTIFIED for t in toks)


def proper_run(head, ctx) -> list:
    """The proper-noun words ending at ``head`` that no dictionary entry covers ("John Smith"
    in "Labour MP John Smith"; a surname that needs the full name first does not count), or
    [] when ``head`` is no such word."""
    if head.pos_ != "PROPN" or _covered(head, ctx):
        return []
    run = [head]
    i = head.i - 1
    while i >= head.sent.start:
        t = head.doc[i]
        if t.pos_ != "PROPN" or _covered(t, ctx) or t.head.i != head.i and t.head.i not in {r.i for r in run}:
            break
        if t.lower_ in HONORIFICS:
            break
        run.insert(0, t)
        i -= 1
    return run


@dataclass
class UnknownActors:
    """Resolves names the dictionaries do not know; ``ner`` is spaCy's entity recogniser
    (a pipeline component) or None (the parse alone decides)."""

    ner: object | None = None
    sentences: int = 0  # sentences the recogniser was run on
    _doc: object | None = field(default=None, repr=False)
    _labels: dict = field(default_factory=dict, repr=False)

    def label(self, tok) -> str | None:
        """The entity label of ``tok``, running the recogniser on its sentence once."""
        if self.ner is None:
            return None
        if tok.doc is not self._doc:
            self._doc, self._labels = tok.doc, {}
        sent = tok.sent
        if sent.start not in self._labels:
            self.sentences += 1
            sdoc = self.ner(sent.as_doc())
            labels = {}
            for ent in sdoc.ents:
                for k in range(ent.start, ent.end):
                    labels[sent.start + k] = ent.label_
            self._labels[sent.start] = labels
        return self._labels[sent.start].get(tok.i)

    def forget(self) -> None:
        """A new parsed chunk: the labels of the last one are dropped."""
        self._doc, self._labels = None, {}

    def refine(self, head, found: list[Mention], ctx) -> list[Mention]:
        """``found`` (what the dictionaries make of the phrase headed by ``head``), with a
        stranger's name kept: named after the words, or found for a bare name."""
        run = proper_run(head, ctx)
        if not run or len(found) > 1:
            return found
        first, last = run[0].idx + ctx.offset, head.idx + len(head.text) + ctx.offset
        name = ctx.text[first:last]
        titled = _honorific(run[0])
        if found:
            m = found[0]
            if m.kind not in RENAMED:
                return found
            kind = "unknown_person" if titled or _personal(run) or (
                m.kind in ("agent", "agent_place") and head.lower_ not in ORG_HEADS) else "unknown_org"
            code = m.actor.code if m.named else None
            sector = m.actor.code if not m.named else m.actor.sector
            actor = Actor(code, m.actor.country, sector, name)
            start = min(m.span.start, first)
            out = Mention(actor, Span(ctx.text[start:last], start, last), kind)
        else:
            known = ctx.strangers.get(head.lower_)
            if known is not None:
                return [Mention(known, Span(name, first, last), "unknown_person")]
            kind = "unknown_person" if titled else NER_KINDS.get(self.label(head) or "")
            if kind is None:
                return []
            start = titled.idx + ctx.offset if titled else first
            out = Mention(Actor(None, None, None, name), Span(ctx.text[start:last], start, last), kind)
        if out.kind == "unknown_person":
            ctx.strangers.setdefault(head.lower_, out.actor)
        return [out]


def _covered(tok, ctx) -> bool:
    hit = ctx.hits.get(tok.i)
    return hit is not None and not (hit.entry.kind == "weak_surname" and hit.entry.person.name not in ctx.seen_people)


def _honorific(tok):
    """The honorific just before a name ("Mr", "Mrs.", "Dr"), or None."""
    i = tok.i - 1
    prev = tok.doc[i] if i >= tok.sent.start else None
    return prev if prev is not None and prev.lower_ in HONORIFICS else None


def _personal(run: list) -> bool:
    """Two or more words not ending in an organisation word: a person's name."""
    return len(run) >= 2 and run[-1].lower_ not in ORG_HEADS
