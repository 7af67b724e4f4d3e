"""Clause-level rules that recode events found with communique's own patterns
(data/event_rules.yaml): refusals, reported intentions, requests, protests for a demand,
joint activities, purpose clauses and sponsoring actors."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .actors import Context, resolve_all
from .errors import read_yaml
from .frames import subject

RULES_FILE = Path(__file__).parent / "data" / "event_rules.yaml"


def _modals(tok) -> set[str]:
    """Modal auxiliaries of a verb, or of the verb it is conjoined to."""
    toks = [tok, tok.head] if tok.dep_ == "conj" else [tok]
    return {c.lower_ for t in toks for c in t.children if c.dep_ == "aux"}


def _lookup(table: dict[str, str], code: str) -> str | None:
    return table.get(code) or table.get(code[:3]) or table.get(code[:2])


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

    @classmethod
    def load(cls, path: Path = RULES_FILE) -> "EventRules":
        data = read_yaml(path) or {}
        sets = {k: {str(v).lower() for v in data.get(k) or []} for k in (
            "refusal_modals", "refusal_roots", "future_modals", "intent_roots", "request_governors",
            "suggest_governors", "purpose_governors", "sponsor_words")}
        tables = {k: {str(a): str(b) for a, b in (data.get(k) or {}).items()} for k in (
            "request_codes", "protest_demand_codes", "joint_codes")}
        return cls(**sets, **tables)

    # -- single candidates ---------------------------------------------------
    def refusal(self, cand, tok, patterns):
        """A negated candidate: a refusal with a modal ("would not accept"), else nothing."""
        if not cand.own or cand.code[:2] not in self.refusal_roots \
                or not (_modals(tok) & self.refusal_modals):
            return None
        code = patterns.remapped("refuse", cand.code)
        return replace(cand, code=code) if code else None

    def reported(self, cand, patterns) -> None:
        """"X said it would send aid": the reported future is an intention or a threat."""
        if cand.own and cand.code[:2] in self.intent_roots and _modals(cand.tok) & self.future_modals:
            code = patterns.remapped("intend", cand.code)
            if code:
                cand.code = code

    def request(self, cand, head, head_c, ctx: Context):
        """The appeal made by a governor of a requested event, or None."""
        if not cand.own:
            return None
        lemma = head.lemma_.lower()
        code = _lookup(self.request_codes, cand.code)
        if lemma in self.request_governors and head_c is not None and head_c.code == "020":
            if code is None:
                return None
            own = {m.actor.code for m in head_c.sources}
            asked = [m for m in cand.sources if m.actor.code not in own]  # "appeal for NATO to ..."
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
            own = {m.actor.code for m in sources}
            if all(m.actor.code in own for m in cand.sources):
                return None
            pattern = head_c.pattern if head_c else cand.pattern
            return replace(cand, tok=head, code=code or "020", pattern=pattern, sources=sources,
                           targets=cand.sources, mutual=False, paired=None)
        return None

    # -- the candidates of a sentence ----------------------------------------
    def finish(self, cands: dict) -> None:
        """Rules over pairs of candidates: purpose clauses, protests for a demand, joint acts."""
        for i, cand in list(cands.items()):
            if not cand.own or i not in cands:
                continue
            tok = cand.tok
            head_c = cands.get(tok.head.i) if tok.head.i != tok.i else None
            if head_c is not None and tok.dep_ in ("advcl", "xcomp") and head_c.own:
                if cand.code[:2] == "10" and head_c.code[:2] == "14":
                    self._protest_for(head_c, cand)
                    cands.pop(i)
                    continue
                purpose = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
                if purpose and (cand.code[:2] == head_c.code[:2]
                                or head_c.tok.lemma_.lower() in self.purpose_governors):
                    if not head_c.targets:
                        head_c.targets = cand.targets
                    cands.pop(i)  # "spoke with Xi to discuss ...": one consultation
                    continue
            joint = self.joint_codes.get(cand.code)
            if joint and not cand.targets and len({m.actor.country for m in cand.sources
                                                   if m.actor.country}) > 1:
                cand.code, cand.mutual = joint, True

    def _protest_for(self, protest, demand) -> None:
        digit = self.protest_demand_codes.get(demand.code)
        if digit and protest.code[:3] in ("140", "141", "142", "143", "144", "145"):
            base = "141" if protest.code[:3] == "140" else protest.code[:3]
            protest.code = base + digit
        if demand.targets:
            protest.targets = demand.targets

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
