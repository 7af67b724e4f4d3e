"""Verb and noun patterns over the dependency parse -> coded events (the `events` stage)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from communique.actors.resolve import Context, resolve_all
from communique.dictionaries.ontology import Ontology
from communique.dictionaries.patterns import Pattern, PatternSet
from communique.dictionaries.phrases import build_index
from communique.events.candidates import Candidate, Candidates
from communique.events.frames import (
    Element,
    agent,
    best,
    conditional,
    frame,
    negated,
    negator,
    open_subject,
    pobjs,
    subject,
)
from communique.events.pairs import Pairing, expand
from communique.events.roles import (
    clausal_noun,
    drop_subordinate,
    first_actor_after,
    governing_subject,
    misparsed_subject,
    passive_sources,
)
from communique.events.rules import EventRules, clause_subject, infinitive_complement
from communique.events.sequence_match import match_verb
from communique.events.timing import event_days
from communique.events.transformations import apply_transformations
from communique.events.unnamed import unnamed_perpetrators
from communique.records import Event, Mention

# a non-actor target passes on to these phrases ("the launch by North Korea", "talks with Iran")
PASS_THROUGH = {"by", "with", "against", "to", "toward", "towards", "between", "of", "from"}


def _subject_actors(tok, subj, passive: bool, ctx: Context) -> list[Mention]:
    """Actors of the subject, or of the by-agent of a passive verb."""
    toks = agent(tok) if passive else ([subj] if subj is not None else [])
    return [m for t in toks for m in resolve_all(t, ctx)]


def _weak(m: Mention) -> bool:
    """A sector noun, or a name without a code: any coded actor is a better target."""
    return m.kind == "agent" or m.actor.code is None


class EventExtractor:
    """Finds events in parsed sentences using a pattern set and an ontology."""

    def __init__(self, patterns: PatternSet, ontology: Ontology, version: str,
                 agents: str | bool = "sentence", rules: EventRules | None = None,
                 require_source: bool = False, learned=None):
        self.patterns = patterns
        self.learned = learned  # the learned layer (events.learned.LearnedLayer), or None
        # agents: how "the minister" without a country is coded (pairs.AGENT_MODES; True is
        # "petrarch", ---GOV); require_source: no event without a coded source
        agents = {True: "petrarch", False: "sentence"}.get(agents, agents)
        self.pairing = Pairing(ontology, version, frozenset(patterns.reciprocal),
                               frozenset(patterns.reciprocal_with), agents, require_source)
        self.discards = {kind: build_index((d, kind, False) for d in phrases) if phrases else None
                         for kind, phrases in patterns.discards.items()}
        self.rules = rules or EventRules.load()

    def discarded(self, text: str, kind: str = "sentence") -> bool:
        """Does the text hold a discard phrase ("+" story-level ones for kind "story")?"""
        index = self.discards.get(kind)
        return bool(index and index.find(text))

    # -- candidates -------------------------------------------------------
    def _verb_candidate(self, tok, ctx: Context) -> Candidate | None:
        seq = self._sequence_candidate(tok, ctx) if self.patterns.blocks else None
        if seq is not None and seq.pattern.words:
            return seq  # a specific sequence pattern matched
        return self._frame_candidate(tok, ctx) or seq

    def _sequence_candidate(self, tok, ctx: Context) -> Candidate | None:
        """PETRARCH-style verb blocks: word sequences around the verb."""
        m = match_verb(self.patterns.blocks, tok, lambda t: t.i in ctx.hits or
                       ctx.coref.get(t.lower_) is not None)
        if m is None:
            return None
        subj, passive = subject(tok)
        if m.source is not None:
            sources = resolve_all(m.source, ctx)
        else:
            if subj is None and not passive:
                subj = misparsed_subject(tok)
            sources = []
            if subj is not None and subj.pos_ == "PRON" and not passive:
                sources = governing_subject(tok, lambda t: resolve_all(t, ctx))
            sources = sources or _subject_actors(tok, subj, passive, ctx)
        if m.target is not None:
            targets = resolve_all(m.target, ctx)
        else:
            targets = []
            for option in self._targets(tok, frame(tok), [], passive, subj):
                targets = self._resolve_targets(option, ctx)
                if targets:
                    break
        if not targets:  # the first actor in the rest of the verb phrase, as PETRARCH does
            source_ends = {m.span.end for m in sources}
            near = lambda t: t.i in ctx.hits and ctx.hits[t.i].end not in source_ends  # noqa: E731
            targets = first_actor_after(tok, near, lambda t: [  # a named actor before a bare agent
                m for m in resolve_all(t, ctx) if m.named]) \
                or first_actor_after(tok, near, lambda t: resolve_all(t, ctx))
        code, _, paired = m.code.partition(":")
        if not code:  # ":100": the verb reads as a passive ("X faces pressure from Y": Y on X)
            code, paired = paired, ""
            sources, targets = passive_sources(tok, lambda t: resolve_all(t, ctx)), sources
            if not targets:
                return None  # nobody undergoes it
        compound = m.pattern is not None and m.pattern.compound
        # "A:A" with a compound subject and no target: the members do A to each other
        compound = compound or (paired == code and not targets and len(sources) > 1)
        words = tuple(e.value for e in (m.pattern.before + m.pattern.after)) if m.pattern else ()
        text = m.pattern.text if m.pattern else tok.lower_
        return Candidate(tok, code, Pattern(code, tok.lower_, words, False, text), sources,
                         [] if compound else targets, mutual=compound, paired=paired or None,
                         says_negation=any(negator(t) for t in m.words),
                         reach=min((t.i for t in m.words), default=None))

    def _frame_candidate(self, tok, ctx: Context) -> Candidate | None:
        plist = self.patterns.verbs.get(tok.lemma_.lower())
        if not plist:
            return None
        els = frame(tok, datives=True)
        p, used = best(plist, els)
        if p is None:
            return None
        subj, passive = subject(tok)
        options = self._targets(tok, els, used, passive, subj) + self.rules.relation_targets(tok)
        target_toks = options[0] if options else []
        mutual = any(e.kind == "R" and e.lemma in ("with", "between") and t in pobjs(e.token)
                     for e in els for t in target_toks)
        sources = self.rules.place_sources(tok, _subject_actors(tok, subj, passive, ctx), ctx)
        targets: list[Mention] = []
        home: list[Mention] = []  # "pulled the United States out of the deal": not the target
        for option in options + [self._consumed(used)]:
            found = self._resolve_targets(option, ctx, own=True)
            if found and self.rules.home_country(found, sources):
                home = home or found
                continue
            targets = found or targets
            if targets and not all(_weak(m) for m in targets):
                break
        targets = targets or home or self.rules.stray_targets(tok, p.code, ctx)
        if targets and all(_weak(m) for m in targets):
            # "extradited the drug lord to the United States": prefer a real actor
            better = [m for e in els if e.kind == "R" and e.lemma in ("to", "against", "with")
                      for t in pobjs(e.token) for m in resolve_all(t, ctx) if not _weak(m)]
            targets = better or targets
        if not targets and p.code[:2] in ("02", "10", "13"):
            targets = self._clause_subjects(tok, ctx)
        return Candidate(tok, p.code, p, sources, targets, mutual=mutual, own=True)

    @staticmethod
    def _clause_subjects(tok, ctx: Context) -> list[Mention]:
        """Target of "demanded that Russia withdraw": the complement clause's subject."""
        for c in tok.children:
            if c.dep_ in ("ccomp", "xcomp"):
                subj = clause_subject(c)
                if subj is not None:
                    return resolve_all(subj, ctx)
        return []

    def _resolve_targets(self, toks, ctx: Context, own: bool = False) -> list[Mention]:
        """Actors of the target phrases; a non-actor noun passes on to its
        by/with/against... phrase ("the launch by North Korea")."""
        out: list[Mention] = []
        for t in toks:
            found = self.rules.sponsors(t, ctx) or resolve_all(t, ctx)
            if not found:
                for c in t.children:
                    if c.dep_ == "prep" and c.lower_ in PASS_THROUGH:
                        found = [m for g in pobjs(c) for m in resolve_all(g, ctx)]
                        if found:
                            break
            if not found and own:
                found = self.rules.owners(t, ctx)  # "the government's decision"
            out.extend(found)
        return out

    @staticmethod
    def _consumed(used) -> list:
        """Last resort: the pattern's own prepositional object ("out of the Iran deal")."""
        return [t for e in used if e.kind == "N" for t in [e.token]] if not any(
            e.kind == "R" and e.lemma in ("as",) for e in used) else []

    def _targets(self, tok, els, used, passive, subj) -> list[list]:
        """Candidate target phrases, best first (each a list of tokens)."""
        options: list[list] = []
        consumed = {e.token.i for e in used if e.kind == "N"}
        preps = [e for e in used if e.kind == "R"
                 and not any(p.i in consumed for p in pobjs(e.token))]
        if preps:
            options.append(pobjs(preps[-1].token))
        if passive and subj is not None:
            options.append([subj])
        objs = [e for e in els if e.kind == "O" and e not in used and e.token.dep_ != "nsubjpass"]
        if objs:
            options.append([objs[0].token])
        for e in els:
            if e.kind == "R" and e not in used and e.lemma in self.patterns.target_preps:
                options.append(pobjs(e.token))
        # "seized three Ukrainian navy vessels": the pattern's own object noun
        options.append([e.token for e in used if e.kind == "O" and e.token.dep_ != "nsubjpass"])
        return [o for o in options if o]

    def _noun_candidate(self, tok, ctx: Context) -> Candidate | None:
        plist = self.patterns.nouns.get(tok.lemma_.lower())
        if not plist:
            return None
        els = [Element(c.lower_, c, "R") for c in tok.children if c.dep_ == "prep"]
        els += [Element(c.lemma_.lower(), c, "O") for c in tok.children
                if c.dep_ in ("compound", "amod")]
        p, used = best(plist, els)
        if p is None:
            return None
        by = [t for e in els if e.lemma == "by" for t in pobjs(e.token)]
        sources = [m for t in by for m in resolve_all(t, ctx)]
        if not sources and tok.dep_ == "dobj" and tok.head.lemma_.lower() in self.patterns.light_verbs:
            subj, passive = subject(tok.head)
            if subj is not None and not passive:
                sources = resolve_all(subj, ctx)
        if not sources:
            sources = resolve_all(tok, ctx)
        preps = [e for e in used if e.kind == "R"]
        tgt = pobjs(preps[-1].token) if preps else [
            t for e in els if e.kind == "R" and e.lemma in self.patterns.target_preps
            for t in pobjs(e.token)]
        targets = self._resolve_targets(tgt, ctx, own=True)
        if not sources and len(targets) > 1 and preps and preps[-1].lemma == "between":
            sources = targets  # "talks between Serbia and Kosovo resumed": both sides
        return Candidate(tok, p.code, p, sources, targets, own=True)

    # -- sentences --------------------------------------------------------
    def sentence_events(self, sent, sent_index: int, ctx: Context, doc_id: str,
                        doc_date: date) -> list[Event]:
        if self.discards.get("sentence") and self.discarded(sent.text):
            return []
        cands: dict[int, Candidate] = {}
        for tok in sent:
            cand = None
            if tok.pos_ in ("VERB", "AUX"):
                cand = self._verb_candidate(tok, ctx)
            elif self.patterns.blocks and clausal_noun(tok):
                cand = self._sequence_candidate(tok, ctx) or self._noun_candidate(tok, ctx)
            elif tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("compound",):
                cand = self._noun_candidate(tok, ctx)
            if cand and conditional(tok):
                cand = None
            elif cand and negated(tok) and not cand.says_negation:
                cand = self.rules.refusal(cand, tok, self.patterns)  # "would not accept": 12x
            if cand:
                cands[tok.i] = cand
                ctx.remember(cand.sources)
                ctx.remember(cand.targets)
        fired = bool(cands)  # a pattern matched (even if later steps leave no event)
        cands = self._drop_background_nouns(cands)
        cands = apply_transformations(self.patterns.transformations, self.patterns.blocks, cands,
                                      lambda v: _subject_actors(v, *subject(v), ctx))
        if self.patterns.blocks:
            cands = drop_subordinate(cands)
        cands = self._apply_governors(cands, ctx)
        cands = self.rules.finish(cands)
        cands = self.rules.modality.apply(cands, self._remap, lambda t: self._reporter(t, ctx))
        cands = unnamed_perpetrators(cands)
        events = self._finish(cands, sent, sent_index, ctx, doc_id, doc_date)
        return events if self.learned is None else self._learned_events(sent, sent_index, ctx, doc_id,
                                                                         doc_date, events, fired)

    def _learned_events(self, sent, sent_index: int, ctx: Context, doc_id: str, doc_date: date,
                        events: list[Event], fired: bool) -> list[Event]:
        """The learned layer's say: no candidate keeps the dictionary's events (none in
        model-only mode); a candidate replaces them, through the same last steps."""
        found = self.learned.candidate(sent, ctx, events, fired)
        if found is None:
            return [] if getattr(self.learned, "alone", False) else events
        cand, confidence = found
        ctx.remember(cand.sources)
        ctx.remember(cand.targets)
        cands = self.rules.modality.apply({cand.tok.i: cand}, self._remap, lambda t: self._reporter(t, ctx))
        return [replace(e, method="model", confidence=confidence)
                for e in self._finish(cands, sent, sent_index, ctx, doc_id, doc_date)]

    def _finish(self, cands: Candidates, sent, sent_index: int, ctx: Context, doc_id: str,
                doc_date: date) -> list[Event]:
        days = event_days(sent, cands, doc_date, lambda t: self.rules.modality.mood(t) == "future")
        return expand(cands, self.pairing, sent, sent_index, ctx, doc_id, days, doc_date)

    def _drop_background_nouns(self, cands: Candidates) -> Candidates:
        """Event nouns count only as the topic of a sentence, not as background
        ("during a visit to ...", "condemned the launch")."""
        cands = dict(cands)
        for i, cand in list(cands.items()):
            if not cand.pattern.nominal:
                continue
            tok = cand.tok
            head = tok.head
            background = tok.dep_ == "pobj" or head.i in cands or (head.dep_ == "prep" and head.head.i in cands)
            object_of_verb = tok.dep_ in ("dobj", "conj", "appos", "attr", "npadvmod") and head.pos_ in (
                "VERB", "AUX") and head.lemma_.lower() not in self.patterns.light_verbs
            if background or object_of_verb:
                cands.pop(i)
        return cands

    def _remap(self, kind: str, code: str) -> str | None:
        return self.rules.demand_code(code) if kind == "demand" else self.patterns.remapped(kind, code)

    def _reporter(self, tok, ctx: Context) -> list | None:
        """The named actors of the reporting clause above ``tok``, [] for an unnamed
        reporter ("officials said"), None when ``tok`` is not reported."""
        head, kind = self._governor(tok)
        if kind != "report":
            return None
        subj, _ = subject(head)
        return [m for m in resolve_all(subj, ctx) if m.named] if subj is not None else []

    def _governor(self, tok, own: bool = False):
        """The nearest governing verb of a complement clause, and its kind."""
        cur = tok
        for _ in range(4):
            if cur.dep_ == "conj":
                cur = cur.head
                continue
            if cur.dep_ not in ("xcomp", "ccomp", "advcl") or cur.head.i == cur.i:
                return None, None
            head = cur.head
            kind = self.patterns.governors.get(head.lemma_.lower())
            if kind is not None and (cur.dep_ != "advcl" or kind == "block" or (
                    own and kind == "intend" and infinitive_complement(cur))):
                return head, kind
            if cur.dep_ == "advcl":
                return None, None
            cur = head
        return None, None

    def _apply_governors(self, cands: Candidates, ctx: Context) -> Candidates:
        """Recode verbs embedded under governors: requests, refusals, intentions, threats,
        reports. Each candidate is judged as it was before this step (a governor popped
        earlier still judges its own clause)."""
        out = dict(cands)
        asked: Candidates = {}  # governors turned into specific appeals
        for i, before in cands.items():
            after = self._govern(i, before, out, asked, ctx)
            if after is not before:  # its new value replaces it wherever it still stands
                if out.get(i) is before:
                    out[i] = after
                for k, c in asked.items():
                    if c is before:
                        asked[k] = after
        return out

    def _govern(self, i: int, cand: Candidate, out: Candidates, asked: Candidates,
                ctx: Context) -> Candidate:
        """One candidate under its governor; returns its new value, updating ``out``."""
        tok = cand.tok
        head, kind = self._governor(tok, cand.own)
        if kind is None or cand.transformed or (cand.reach is not None and cand.reach < head.i):
            return cand  # none, or a pattern that reads over the governor ("won't try to *")
        if kind in ("block", "intend"):
            request = self.rules.request(cand, head, out.get(head.i) or asked.get(head.i), ctx)
            if request is not None:  # "urged X to stop fighting": 0256
                asked[head.i] = out.pop(head.i, None) or asked.get(head.i)
                out[i] = request
                return cand
        if kind == "block":
            out.pop(i, None)
            return cand
        if tok.head.i != head.i and kind != "report":
            return cand
        if kind == "report":
            cand = self.rules.reported(cand, self.patterns)  # "said it would send aid": 03x
            head_c = out.get(head.i)
            if open_subject(tok):
                subj, _ = subject(head)
                found = resolve_all(subj, ctx) if subj is not None else []
                if any(m.named for m in found):
                    cand = replace(cand, sources=found)  # not for "an official said": no country
            if head_c and head_c.code[:2] == "01" and cand.sources:
                out.pop(head.i, None)
            return cand
        code = self.patterns.remapped(kind, cand.code)
        if negated(head) or code is None:
            out.pop(i, None)
            return cand
        head_c = out.pop(head.i, None)
        sources = head_c.sources if head_c and head_c.sources else cand.sources
        mutual = cand.mutual or head.lemma_.lower() == "agree"  # "X and Y agreed to ..."
        targets = head_c.targets if not cand.targets and head_c else cand.targets
        return replace(cand, code=code, sources=sources, mutual=mutual, targets=targets)
