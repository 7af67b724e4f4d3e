"""Clause-level rules that recode events found with communique's own patterns
(data/event_rules.yaml): refusals, reported intentions, requests, protests for a demand,
joint activities, purpose clauses and sponsoring actors."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from communique.actors.resolve import Context, resolve_all
from communique.dictionaries import DATA
from communique.errors import read_yaml
from communique.events.frames import pobjs, subject
from communique.events.modality import Modality
from communique.records import Actor, Mention

PLACE_KINDS = ("country", "place", "metonym")

RULES_FILE = DATA / "event_rules.yaml"


def _modals(tok) -> set[str]:
    """Modal auxiliaries of a verb, or of the verb it is conjoined to."""
    toks = [tok, tok.head] if tok.dep_ == "conj" else [tok]
    return {c.lower_ for t in toks for c in t.children if c.dep_ == "aux"}


def _lookup(table: dict[str, str], code: str) -> str | None:
    return table.get(code) or table.get(code[:3]) or table.get(code[:2])


def infinitive_complement(clause) -> bool:
    """"offered on Thursday to mediate", parsed as an adverbial clause: the infinitive
    is the governor's complement when the governor has no object or complement of its own."""
    head = clause.head
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children) and not any(
        c.dep_ in ("dobj", "xcomp", "ccomp") for c in head.children)


def clause_subject(clause):
    """The subject of a complement clause; in "demanding that Serzh Sargsyan resign" the
    parser may read the verb as a noun and the subject as its modifier."""
    for g in clause.children:
        if g.dep_ in ("nsubj", "nsubjpass"):
            return g
    if clause.pos_ == "NOUN" and any(g.dep_ == "mark" for g in clause.children):
        return next((g for g in clause.children if g.dep_ == "compound" and g.pos_ == "PROPN"), None)
    return None


@dataclass
class EventRules:
    refusal_modals: set[str] = field(default_factory=set)
    refusal_roots: set[str] = field(default_factory=set)
    future_modals: set[str] = field(default_factory=set)
    intent_roots: set[str] = field(default_factory=set)
    request_governors: set[str] = field(default_factory=set)
    suggest_governors: set[str] = field(default_factory=set)
    request_codes: dict[str, str] = field(default_factory=dict)
    protest_demand_codes: dict[str, str] = field(default_factory=dict)
    joint_codes: dict[str, str] = field(default_factory=dict)
    purpose_governors: set[str] = field(default_factory=set)
    sponsor_words: set[str] = field(default_factory=set)
    demand_governors: set[str] = field(default_factory=set)
    travel_codes: set[str] = field(default_factory=set)
    self_target_codes: set[str] = field(default_factory=set)
    relation_nouns: set[str] = field(default_factory=set)
    relation_preps: set[str] = field(default_factory=set)
    transfer_roots: set[str] = field(default_factory=set)
    killing_verbs: set[str] = field(default_factory=set)
    leader_sectors: set[str] = field(default_factory=set)
    launch_verbs: set[str] = field(default_factory=set)
    weapon_nouns: set[str] = field(default_factory=set)
    show_of_force_code: str = "150"
    modality: Modality | None = None
    source: Path | None = None  # the file read

    @classmethod
    def load(cls, path: Path = RULES_FILE) -> EventRules:
        data = read_yaml(path) or {}
        sets = {k: {str(v).lower() for v in data.get(k) or []} for k in (
            "refusal_modals", "refusal_roots", "future_modals", "intent_roots", "request_governors",
            "suggest_governors", "purpose_governors", "sponsor_words", "demand_governors",
            "travel_codes", "self_target_codes", "relation_nouns", "relation_preps", "transfer_roots",
            "killing_verbs", "leader_sectors", "launch_verbs", "weapon_nouns")}
        tables = {k: {str(a): str(b) for a, b in (data.get(k) or {}).items()} for k in (
            "request_codes", "protest_demand_codes", "joint_codes")}
        return cls(**sets, **tables, show_of_force_code=str(data.get("show_of_force_code", "150")),
                   modality=Modality.from_rules(data), source=Path(path))

    def demand_code(self, code: str) -> str:
        """The demand (10x) for the act ``code``: the appeal's code with 10 for 02."""
        appeal = _lookup(self.request_codes, code)
        return "10" + appeal[2:] if appeal else "100"

    # -- single candidates ---------------------------------------------------
    def refusal(self, cand, tok, patterns):
        """A negated candidate: a refusal with a modal ("would not accept"), else nothing."""
        if not cand.own or cand.code[:2] not in self.refusal_roots \
                or not (_modals(tok) & self.refusal_modals):
            return None
        code = patterns.remapped("refuse", cand.code)
        return replace(cand, code=code) if code else None

    def reported(self, cand, patterns):
        """"X said it would send aid": the reported future is an intention or a threat."""
        if cand.own and cand.code[:2] in self.intent_roots and _modals(cand.tok) & self.future_modals:
            code = patterns.remapped("intend", cand.code)
            if code:
                return replace(cand, code=code)
        return cand

    def request(self, cand, head, head_c, ctx: Context):
        """The appeal made by a governor of a requested event, or None."""
        if not cand.own:
            return None
        lemma = head.lemma_.lower()
        code = _lookup(self.request_codes, cand.code)
        if lemma in self.demand_governors and head_c is not None and head_c.code[:2] == "10":
            if code is None:  # "demanded that X release ...": the demand for a release, 1053
                return None
            own = {m.key for m in head_c.sources}
            asked = [m for m in cand.sources if m.key not in own]
            return replace(head_c, code="10" + code[2:], targets=head_c.targets or asked)
        if lemma in self.request_governors and head_c is not None and head_c.code == "020":
            if code is None:
                return None
            own = {m.key for m in head_c.sources}
            asked = [m for m in cand.sources if m.key not in own]  # "appeal for NATO to ..."
            return replace(head_c, code=code, targets=head_c.targets or asked)
        if lemma in self.suggest_governors:
            # "proposed that North Korea suspend its tests": the clause's subject is asked
            subj = next((c for c in cand.tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None or subj.pos_ == "PRON" or not cand.sources:
                return None
            hs, _ = subject(head)
            sources = resolve_all(hs, ctx) if hs is not None else []
            if not sources:
                return None
            own = {m.key for m in sources}
            if all(m.key in own for m in cand.sources):
                return None
            pattern = head_c.pattern if head_c else cand.pattern
            return replace(cand, tok=head, code=code or "020", pattern=pattern, sources=sources,
                           targets=cand.sources, mutual=False, paired=None)
        return None

    # -- the candidates of a sentence ----------------------------------------
    def finish(self, cands: dict) -> dict:
        """Rules over pairs of candidates: purpose clauses, protests for a demand, joint acts."""
        out = dict(cands)
        for i in cands:
            cand = out.get(i)
            if cand is None or not cand.own:
                continue
            tok = cand.tok
            head_i = tok.head.i
            head_c = out.get(head_i) if head_i != tok.i else None
            if head_c is not None and tok.dep_ in ("advcl", "xcomp") and head_c.own:
                if cand.code[:2] == "10" and head_c.code[:2] == "14":
                    out[head_i] = self._protest_for(head_c, cand)
                    out.pop(i)
                    continue
                purpose = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
                if purpose and head_c.code in self.travel_codes and cand.code not in self.travel_codes:
                    # "flew to Jeddah to meet King Salman": the purpose is the event
                    out[i] = replace(cand, targets=cand.targets or head_c.targets)
                    out.pop(head_i)
                    continue
                if purpose and (cand.code[:2] == head_c.code[:2]
                                or head_c.tok.lemma_.lower() in self.purpose_governors):
                    if not head_c.targets:
                        out[head_i] = replace(head_c, targets=cand.targets)
                    out.pop(i)  # "spoke with Xi to discuss ...": one consultation
                    continue
            out[i] = self._recode(cand)
        return self._drop_asides(out)

    def _recode(self, cand):
        """Assassinations, self-targeted acts and joint acts of one candidate."""
        if cand.code[:2] in ("18", "19") and cand.tok.lemma_.lower() in self.killing_verbs \
                and cand.targets and all(self._leader(m) for m in cand.targets):
            cand = replace(cand, code="186")  # killing a politically significant person
        if not cand.targets and cand.code in self.self_target_codes:
            cand = replace(cand, targets=self._home(cand.sources))  # "declared a state of emergency"
        if self._weapon_launch(cand):  # "fired two missiles into the sea": a show of force
            cand = replace(cand, code=self.show_of_force_code, targets=[], mutual=False)
        joint = self.joint_codes.get(cand.code)
        if joint and not cand.targets and len({m.actor.country for m in cand.sources
                                               if m.actor.country}) > 1:
            cand = replace(cand, code=joint, mutual=True)
        return cand

    def _weapon_launch(self, cand) -> bool:
        """An attack code of a launch verb on a weapon object, aimed at no named actor."""
        tok = cand.tok
        if cand.code[:2] not in ("18", "19", "20") or any(m.named for m in cand.targets):
            return False
        if tok.lemma_.lower() not in self.launch_verbs:
            return False
        objects = {c.lemma_.lower() for c in tok.children if c.dep_ in ("dobj", "nsubjpass")}
        return bool(objects & self.weapon_nouns)  # "a missile", not "a missile attack"

    def _leader(self, m) -> bool:
        sector = (m.actor.sector or "").lower()
        return m.kind in ("person", "surname") or (sector[:3] in self.leader_sectors and len(sector) == 3)

    @staticmethod
    def _home(sources: list) -> list:
        return [Mention(Actor(m.actor.country, m.actor.country, None, m.actor.name), m.span, "country")
                for m in sources[:1] if m.actor.country]

    @staticmethod
    def _drop_asides(cands: dict) -> dict:
        """An own event with no target beside one of the same source that has one: the
        same root ("dissolved the party and banned its leaders"), or a participle or
        infinitive under it ("shelled the island, killing two marines")."""
        def aimed(c) -> bool:
            return any(m.named for m in c.targets) or len(c.sources) > 1

        for i, cand in list(cands.items()):
            if not cand.own or aimed(cand) or not cand.sources:
                continue
            codes = {m.key for m in cand.sources}
            others = [c for j, c in cands.items() if j != i and c.own and aimed(c)
                      and codes & {m.key for m in c.sources}]
            if any(c.code[:2] == cand.code[:2] for c in others):
                cands.pop(i)
                continue
            above, tok = set(), cand.tok
            for _ in range(4):
                if tok.dep_ not in ("advcl", "acl", "xcomp") or tok.head.i == tok.i:
                    break
                tok = tok.head
                above.add(tok.i)
            if any(c.tok.i in above for c in others):
                cands.pop(i)
        return cands

    # -- actors around the verb -------------------------------------------------
    @staticmethod
    def place_sources(tok, sources: list, ctx: Context) -> list:
        """Sector nouns without a country placed by the verb's "in" phrase
        ("people rallied in Barcelona" -> ESPCVL)."""
        if not any(m.kind == "agent" and not m.actor.country for m in sources):
            return sources
        place = None
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "in":
                place = next((h for g in pobjs(c) if (h := ctx.hits.get(g.i))
                              and h.entry.kind in PLACE_KINDS), None) or place
        if place is None:
            return sources
        code = place.entry.code
        return [Mention(Actor(code + m.actor.code, code, m.actor.sector, m.actor.name), m.span, "agent_place")
                if m.kind == "agent" and not m.actor.country else m for m in sources]

    def relation_targets(self, tok) -> list[list]:
        """Target phrases of "in a dispute with the government", "in protest against X"."""
        out = []
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "in":
                for noun in pobjs(c):
                    if noun.lemma_.lower() in self.relation_nouns:
                        out.extend(pobjs(g) for g in noun.children
                                   if g.dep_ == "prep" and g.lower_ in self.relation_preps)
        return [o for o in out if o]

    def stray_targets(self, tok, code: str, ctx: Context) -> list:
        """"gave recordings related to the killing of X to Saudi Arabia": the recipient's
        "to" phrase attached inside a long object."""
        if code[:2] not in self.transfer_roots:
            return []
        for obj in (c for c in tok.children if c.dep_ == "dobj"):
            stray = [t for t in obj.subtree if t.dep_ == "prep" and t.lower_ == "to" and t.head.i != obj.i]
            for prep in reversed(stray):
                found = [m for g in pobjs(prep) for m in resolve_all(g, ctx)]
                if found:
                    return found
        return []

    def owners(self, tok, ctx: Context) -> list:
        """The possessor of a non-actor target ("the government's decision")."""
        return [m for c in tok.children if c.dep_ == "poss" and c.pos_ != "PRON"
                for m in resolve_all(c, ctx)]

    def _protest_for(self, protest, demand):
        """A protest with a demand clause: the protest for that demand, aimed at its target."""
        digit = self.protest_demand_codes.get(demand.code)
        if digit and protest.code[:3] in ("140", "141", "142", "143", "144", "145"):
            base = "141" if protest.code[:3] == "140" else protest.code[:3]
            protest = replace(protest, code=base + digit)
        if demand.targets:
            protest = replace(protest, targets=demand.targets)
        return protest

    # -- targets ---------------------------------------------------------------
    @staticmethod
    def home_country(targets: list, sources: list) -> bool:
        """Targets that are only the bare country of the source ("Trump pulled the
        United States out of ..."): a later target option is preferred."""
        countries = {m.actor.country for m in sources if m.actor.country}
        return bool(countries) and all(m.kind != "agent" and not m.actor.sector
                                       and m.actor.country in countries for m in targets)

    def sponsors(self, tok, ctx: Context) -> list:
        """Actors behind an object: "a British-drafted resolution" -> Britain."""
        for c in tok.children:
            if c.dep_ not in ("amod", "compound", "npadvmod", "nmod"):
                continue
            word = c.lower_.rsplit("-", 1)
            if len(word) == 2 and word[1] in self.sponsor_words and c.i in ctx.hits:
                found = resolve_all(c, ctx)  # "U.S.-led" is one token
                if found:
                    return found
            if c.lemma_.lower() in self.sponsor_words or c.lower_ in self.sponsor_words:
                for g in c.children:
                    if g.dep_ in ("npadvmod", "compound", "advmod", "amod", "nmod") and g.i in ctx.hits:
                        found = resolve_all(g, ctx)
                        if found:
                            return found
        return []
