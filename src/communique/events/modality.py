"""Modality: future, possible and obliged acts are statements of intent, threats or
demands, never the act itself ("Trump will meet Kim" is an intention to meet; "the United
States could impose sanctions" a threat of sanctions; "Beijing must open its markets, the
Commission said" the Commission's demand on Beijing)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from communique.events.candidates import Candidate, Candidates

INTENT_ROOTS = ("03", "12", "13")  # already statements of intent, refusals ("would not") or threats


@dataclass(frozen=True)
class Modality:
    future_auxiliaries: frozenset[str]
    possibility_modals: frozenset[str]
    future_governors: frozenset[str]
    obligation_modals: frozenset[str]
    obligation_verbs: frozenset[str]
    intent_roots: frozenset[str]

    @classmethod
    def from_rules(cls, data: dict) -> Modality:
        def words(key: str) -> frozenset[str]:
            return frozenset(str(v).lower() for v in data.get(key) or [])
        return cls(words("future_auxiliaries"), words("possibility_modals"), words("future_governors"),
                   words("obligation_modals"), words("obligation_verbs"), words("intent_roots"))

    def mood(self, tok) -> str | None:
        """"future", "possible", "obliged" or None (an act) for an event verb."""
        toks = [tok, tok.head] if tok.dep_ == "conj" else [tok]
        aux = {c.lower_ for t in toks for c in t.children if c.dep_ in ("aux", "auxpass")}
        if aux & self.obligation_modals:
            return "obliged"
        if aux & self.future_auxiliaries:
            return "future"
        if aux & self.possibility_modals:
            return "possible"
        head = tok.head
        to = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        if to and tok.dep_ == "xcomp" and head.i != tok.i:
            lemma = head.lemma_.lower()
            if lemma in self.obligation_verbs:  # "has to withdraw", "needs to stop"
                return "obliged"
            if lemma in self.future_governors and (lemma not in ("be", "go") or _going_or_be(head)):
                return "future"  # "is scheduled to", "is to meet", "is going to"
        return None

    def apply(self, cands: Candidates, remap: Callable[[str, str], str | None],
              reporter: Callable[[object], list | None]) -> Candidates:
        """Recode the own candidates by the mood of their verbs. ``remap(kind, code)`` gives
        the intent/threat code; ``reporter(tok)`` the actors of the reporting clause above
        ``tok`` (None when it is not reported)."""
        out: Candidates = {}
        for i, cand in cands.items():
            mood = self.mood(cand.tok) if cand.own and not cand.pattern.nominal else None
            new = cand if mood is None else self._recode(cand, mood, remap, reporter)
            if new is not None:
                out[i] = new
        return out

    def _recode(self, cand: Candidate, mood: str, remap, reporter) -> Candidate | None:
        root = cand.code[:2]
        if root in INTENT_ROOTS:
            return cand
        if mood == "obliged":
            speakers = reporter(cand.tok)
            code = remap("demand", cand.code)
            if not speakers or not code:
                return None  # an obligation nobody voices is no event
            return replace(cand, code=code, sources=speakers, targets=cand.sources, mutual=False,
                           paired=None)
        if root not in self.intent_roots and root != "15":
            return None  # "protesters will march on Sunday": not yet an event
        if mood == "possible" and reporter(cand.tok) is None and cand.tok.dep_ != "ROOT":
            return None  # "if X could ...", "X, which might ...": no statement of intent
        code = remap("threaten" if root >= "15" else "intend", cand.code)
        return replace(cand, code=code, mutual=False, paired=None) if code else None


def _going_or_be(head) -> bool:
    """"is to meet" (be with a to-infinitive) or "is going to meet"."""
    if head.lemma_.lower() == "be":
        return head.pos_ == "AUX" or head.dep_ == "ROOT"
    return head.lemma_.lower() == "go" and head.tag_ == "VBG"
