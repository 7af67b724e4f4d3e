"""The learned layer in the coder: where no dictionary pattern gave an event, a confident
model gives one at root level ("070", "190"), with source and target from the parse.

Decision, per sentence without a dictionary event: the gate's P(event) must reach
``Thresholds.gate``; the class is the five-way head's best (its probability at least
``Thresholds.klass``); the root is the root head's best root inside that class. The event's
``confidence`` is P(event) x P(class); where a pattern matched but the later steps (governors,
modality, actors) left no event, it must reach ``Thresholds.fired``. Negated and conditional
predicates give nothing; the modality rules then treat the event as they treat a dictionary
event ("will attack": 13x).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from communique.actors.resolve import Context, resolve_all
from communique.dictionaries.patterns import Pattern
from communique.events.candidates import Candidate
from communique.events.frames import conditional, negated
from communique.events.learned.classes import CLASS_OF_ROOT, root_code
from communique.events.learned.features import ActorTypes, parse_terms, predicate, word_terms
from communique.events.learned.reader import EventModel
from communique.events.learned.roles import roles

MODEL_FILE = Path(__file__).resolve().parent / "data" / "event_model.npz"


@dataclass(frozen=True)
class Thresholds:
    gate: float = 0.5  # P(event) of the gate head
    klass: float = 0.0  # P(class) of the five-way head
    confidence: float = 0.0  # P(event) x P(class)
    fired: float = 0.7  # the confidence needed where a pattern matched but gave no event
    pregate: float = 0.5  # P(event) from the words alone: parse a sentence that has no pattern
    words: float = 0.1  # P(event) from the words alone below which the parse is not even read
    statements: bool = True  # class 0 (roots 01, 02) gives events too
    override: float = 0.6  # mode "override": P(class) above which the model replaces a dictionary event

MODES = ("combined", "alone", "override")


@dataclass(frozen=True)
class Judgement:
    root: str
    klass: int
    gate: float
    class_p: float

    @property
    def confidence(self) -> float:
        return round(self.gate * self.class_p, 3)


def judge(model: EventModel, vectors: dict, th: Thresholds) -> Judgement | None:
    """The model's root for a sentence's term vectors, or None where it abstains."""
    gate = model.proba("gate", vectors).get("1", 0.0)
    if gate < th.gate:
        return None
    penta = model.proba("penta", vectors)
    label, class_p = max(penta.items(), key=lambda kv: (kv[1], kv[0]))
    klass = int(label)
    if class_p < th.klass or gate * class_p < th.confidence or (klass == 0 and not th.statements):
        return None
    roots = model.proba("root", vectors)
    inside = [(p, r) for r, p in roots.items() if CLASS_OF_ROOT.get(r) == klass]
    if not inside:
        return None
    return Judgement(max(inside)[1], klass, gate, class_p)


class LearnedLayer:
    """Model events for the extractor (``candidate``) and a text gate for the pre-pass."""

    def __init__(self, model: EventModel, actors, thresholds: Thresholds = Thresholds(), mode: str = "combined"):
        if mode not in MODES:
            raise ValueError(f"model mode {mode!r}: expected one of {', '.join(MODES)}")
        self.model, self.thresholds, self.mode = model, thresholds, mode
        self.alone = mode == "alone"  # model-only: the dictionary's events are dropped
        self.types = ActorTypes(actors)

    @classmethod
    def load(cls, path: str | Path, actors, thresholds: Thresholds = Thresholds(),
             mode: str = "combined") -> LearnedLayer:
        return cls(EventModel.load(path), actors, thresholds, mode)

    def vectors(self, sent, ctx: Context) -> dict | None:
        """The sentence's term vectors; None when its words alone make an event unlikely."""
        words = self.model.vectors({"word": word_terms(sent.text)})
        if self.model.proba("pregate", words).get("1", 0.0) < self.thresholds.words:
            return None
        return {**words, **self.model.vectors({"parse": parse_terms(sent, ctx, self.types)})}

    def wants_parse(self, text: str) -> bool:
        """Pre-pass gate: is a sentence with an actor but no pattern worth parsing?"""
        p = self.model.proba("pregate", self.model.vectors({"word": word_terms(text)}))
        return p.get("1", 0.0) >= self.thresholds.pregate

    def candidate(self, sent, ctx: Context, events: list, fired: bool = False) -> tuple[Candidate, float] | None:
        """The model's candidate for a sentence whose patterns gave no ``events``, surer
        (``Thresholds.fired``) where a pattern ``fired`` and later steps left nothing; in
        mode "alone", whatever they gave; in mode "override", also where the model is sure
        of another class than the first dictionary event's."""
        if self.mode == "combined" and events:
            return None
        pred, report = predicate(sent)
        if pred is None or negated(pred) or conditional(pred):
            return None
        vectors = self.vectors(sent, ctx)
        found = judge(self.model, vectors, self.thresholds) if vectors is not None else None
        if found is None or (fired and not events and self.mode != "alone"
                                 and found.confidence < self.thresholds.fired):
            return None
        if events and self.mode == "override":
            first = min(events, key=lambda e: e.verb.start)
            if found.class_p < self.thresholds.override or CLASS_OF_ROOT.get(first.cameo_root) == found.klass:
                return None
        source, target = roles(sent, pred, report, lambda t: self.types.is_actor(t, ctx))
        sources = resolve_all(source, ctx) if source is not None else []
        if not sources:
            return None
        own = {m.actor.code for m in sources}
        targets = [m for m in resolve_all(target, ctx) if m.actor.code not in own] if target is not None else []
        code = root_code(found.root)
        pattern = Pattern(code, pred.lemma_.lower(), (), False, None)
        return Candidate(pred, code, pattern, sources, targets, own=True), found.confidence
