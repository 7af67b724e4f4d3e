"""Place phrases in a spaCy parse: the names a preposition of place governs, and their clause.

Only the parse is used (dependency labels, tags, capitals): the coder's pipeline has no NER.
"""
from __future__ import annotations

from dataclasses import dataclass

PLACE_PREPS = frozenset({
    "in", "at", "near", "off", "into", "inside", "outside", "across", "along", "around", "within",
    "on", "over", "through", "throughout", "onto", "beside", "towards",
})
ACTOR_PREPS = PLACE_PREPS | {"from"}  # "officials from Damascus": where the actor is from
# nouns whose "of" phrase names the place: "off the coast of Akita", "the city of Aleppo"
CONTAINERS = frozenset({
    "coast", "coasts", "shore", "shores", "waters", "outskirts", "city", "town", "village", "capital",
    "province", "region", "district", "county", "state", "area", "suburb", "suburbs", "border",
    "borders", "center", "centre", "heart", "north", "south", "east", "west", "northeast",
    "northwest", "southeast", "southwest", "part", "parts", "port", "island", "islands",
    "territory", "streets", "governorate", "prefecture", "municipality", "vicinity", "edge",
    "outskirt", "downtown", "rest", "kingdom", "republic", "archipelago",
})
# a common noun after a name that says what kind of place it is: "Idlib province"
KIND_WORDS = {
    "province": "adm1", "provinces": "adm1", "governorate": "adm1", "prefecture": "adm1",
    "state": "adm1", "oblast": "adm1", "region": "adm1",
    "city": "city", "town": "city", "village": "city", "county": "city", "district": "city",
    "municipality": "city", "port": "city",
}
# nouns an adjective of nationality makes a place of: "over Japanese territory"
TERRITORY = frozenset({"territory", "soil", "waters", "airspace", "coast", "mainland", "border",
                       "side", "town", "city", "village", "province", "region", "capital", "port"})
# capitalised words that are not places even where a small town bears the name
NOT_PLACES = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "christmas", "easter", "parliament", "congress", "government", "police",
    "court", "senate", "assembly", "council", "commons", "lords", "cabinet", "conference", "summit",
    "office", "ministry", "labour", "tory", "tories", "party",
})
DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                        "central", "northeast", "northwest", "southeast", "southwest"})  # not alone
# a name right after a title is a person's: "Mrs Dixon", "President Bush"
TITLES = frozenset({"mr", "mrs", "ms", "dr", "sir", "president", "king", "queen", "prince", "princess",
                    "lord", "lady", "general", "gen", "minister", "senator", "sen", "governor", "mayor",
                    "judge", "pope", "chancellor", "premier", "secretary", "ambassador", "envoy"})
WEAK_PREPS = frozenset({"on"})  # "sanctions on North Korea": only a sea or region ("on the Korean Peninsula")
# verbs whose direct object is a place: "shelled Seongju", "visited Manchester"
PLACE_VERBS = frozenset({
    "visit", "tour", "shell", "bomb", "attack", "raid", "storm", "capture", "seize", "enter", "besiege",
    "hit", "strike", "occupy", "invade", "recapture", "retake", "liberate", "evacuate", "reach",
    "overrun", "encircle", "surround", "blockade", "flee", "leave", "bombard", "target",
})
CLAUSES = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "relcl", "acl", "parataxis", "csubj",
                     "csubjpass", "pcomp"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
MAX_NAME = 7  # tokens


@dataclass(frozen=True)
class PlaceName:
    """A stretch of tokens that may name a place, best reading first."""

    spans: tuple[tuple[int, int], ...]  # token [start, end) candidates, longest first
    kind: str | None = None  # "adm1" or "city" when a word such as "province" says so
    country: tuple[int, int] | None = None  # an apposition naming the country: "Tripoli, Libya"
    adjective: int | None = None  # a nationality adjective: "the Syrian town of ..."
    the: bool = False  # the name follows "the" ("the Gulf")


def capitalised(token) -> bool:
    text = token.text
    return text[:1].isupper() and token.lower_ not in NOT_PLACES


def clause_head(token):
    """The head of the clause a token belongs to (a verb, or the sentence root)."""
    while not _starts_clause(token):
        if token.head.i == token.i:
            break
        token = token.head
    return token


def governed_name(prep, depth: int = 0) -> PlaceName | None:
    """The place name the preposition ``prep`` governs, or None."""
    obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    return noun_name(obj, depth) if obj is not None else None


def noun_name(head, depth: int = 0) -> PlaceName | None:
    """The name a noun phrase headed by ``head`` may give (descending "the coast of X")."""
    doc = head.doc
    of = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    if head.lower_ in CONTAINERS and not capitalised(head) and of is not None and depth < 2:
        inner = governed_name(of, depth + 1)
        if inner is not None and inner.adjective is None:
            adj = _adjective(head)
            return PlaceName(inner.spans, inner.kind or KIND_WORDS.get(head.lower_), inner.country,
                             adj, inner.the) if adj is not None else inner
        return inner if inner is not None else _adjective_only(head)
    if head.lower_ in CONTAINERS and not capitalised(head) and depth < 2:
        poss = next((c for c in head.lefts if c.dep_ == "poss" and capitalised(c)), None)
        if poss is not None:  # "off Japan's coast"
            return noun_name(poss, depth + 1)
        appos = _apposition(head)
        if appos is not None:  # "the Kenyan capital, Nairobi"
            inner = noun_name(doc[appos[1] - 1], depth + 1)
            if inner is not None:
                return inner if inner.adjective is not None else PlaceName(
                    inner.spans, inner.kind, inner.country, _adjective(head), inner.the)
    left = head.left_edge.i
    ends: list[int] = []
    kind = None
    if capitalised(head):
        ends.append(head.i + 1)
    elif head.lower_ in KIND_WORDS and head.i > left and capitalised(doc[head.i - 1]):
        ends.append(head.i)
        kind = KIND_WORDS[head.lower_]
    if not ends:
        if head.i > left:  # "the Punggye-ri test site": the whole phrase may be a listed name
            ends.append(head.i + 1)
        else:
            return _adjective_only(head)
    spans: list[tuple[int, int]] = []
    if of is not None and capitalised(head):  # "Sea of Japan", "Great Hall of the People"
        obj = next((c for c in of.children if c.dep_ == "pobj"), None)
        if obj is not None and capitalised(obj) and obj.i - left < MAX_NAME:
            spans += [s for s in _starts(doc, left, obj.i + 1) if s[0] <= head.i]
    for end in ends:
        spans += _starts(doc, left, end)
    country = _apposition(head)
    the = any(t.lower_ == "the" for t in doc[left:head.i])
    if not spans:
        return _adjective_only(head)
    adjective = _adjective(head) if head.lower_ in TERRITORY else None
    return PlaceName(tuple(spans), kind, country, adjective, the)


def _starts(doc, left: int, end: int) -> list[tuple[int, int]]:
    """Spans ending at ``end`` that start with a capitalised word, longest first."""
    out = []
    for start in range(max(left, end - MAX_NAME), end):
        token = doc[start]
        if not capitalised(token) or token.lower_ in TITLES:
            continue
        if start > 0 and doc[start - 1].lower_ in TITLES:
            continue
        if end - start == 1 and token.lower_ in DIRECTIONS:
            continue
        out.append((start, end))
    return out


def _apposition(head) -> tuple[int, int] | None:
    for child in head.rights:
        if child.dep_ in ("appos", "npadvmod") and capitalised(child):
            return child.left_edge.i, child.i + 1
    return None


def _adjective(head) -> int | None:
    return next((c.i for c in head.lefts if c.dep_ in ("amod", "compound") and c.pos_ in ("ADJ", "PROPN")
                 and capitalised(c)), None)


def _adjective_only(head) -> PlaceName | None:
    if head.lower_ in TERRITORY:
        adj = _adjective(head)
        if adj is not None:
            return PlaceName((), None, None, adj)
    return None


def place_preps(token, preps=PLACE_PREPS):
    """Prepositions of place attached to ``token`` itself, in text order."""
    return [c for c in token.children if c.dep_ == "prep" and c.lower_ in preps]


def clause_preps(event, skip: set[int]) -> list:
    """Other prepositions of place in the event's own clause, nearest first, subjects' last.

    A participial clause without its own subject ("Speaking in Tokyo, Abe said") counts as
    the event's; a clause with its own verb ("..., which were held in X") does not.
    """
    own = clause_head(event)
    found = []
    stack = [(own, False)]
    while stack:
        token, in_subject = stack.pop()
        for child in token.children:
            dep = child.dep_
            if _starts_clause(child) and not (dep == "advcl" and token.i == own.i and not _has_subject(child)):
                continue
            subject = in_subject or (token.i == own.i and dep in SUBJECTS)
            if dep == "prep" and child.lower_ in PLACE_PREPS and child.i not in skip:
                found.append((subject, abs(child.i - event.i), child))
            stack.append((child, subject))
    return [t for _, _, t in sorted(found, key=lambda f: (f[0], f[1]))]


def _starts_clause(token) -> bool:
    return token.dep_ in CLAUSES or (token.dep_ == "conj" and token.pos_ in ("VERB", "AUX"))


def _has_subject(verb) -> bool:
    return any(c.dep_ in SUBJECTS for c in verb.children)


def object_names(event) -> list:
    """Direct objects that may be places, of verbs such as "shelled" or "visited" ("shelled Seongju")."""
    if event.lemma_.lower() not in PLACE_VERBS:
        return []
    return [c for c in event.children if c.dep_ in ("dobj", "npadvmod") and c.pos_ == "PROPN"]
