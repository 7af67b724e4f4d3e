"""Score the coder against hand-coded gold sentences (`communique evaluate`)."""
from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from communique.errors import CommuniqueError
from communique.readers import parse_date
from communique.records import Document, is_organisation
from communique.scoring.corpora import DATA_ENV, CorpusError, CorpusLibrary, find_data_root


def actor_key(code: str | None) -> str:
    """Country part of an actor code (whole organisation code for IGOs and the like)."""
    if not code:
        return "-"
    return code[:6] if is_organisation(code) else code[:3]


def scored_code(mention) -> str | None:
    """A mention's code as scored: None for no actor or an unnamed perpetrator without a code
    ("a roadside bomb killed ...", "gunmen attacked ..."; gold ``null``), "?" for a name the
    coder could not code (never right)."""
    if mention is None:
        return None
    return mention.actor.code or (None if mention.kind == "unnamed" else "?")


LEVELS = {
    "root": lambda s, t, c: (actor_key(s), actor_key(t), c[:2]),
    "code": lambda s, t, c: (actor_key(s), actor_key(t), c),
    "actors": lambda s, t, c: (s or "-", t or "-", c[:2]),
    "source": lambda s, t, c: (actor_key(s),),
    "target": lambda s, t, c: (actor_key(t),),
}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, expected: Counter, got: Counter) -> None:
        both = expected & got
        self.tp += sum(both.values())
        self.fp += sum((got - both).values())
        self.fn += sum((expected - both).values())

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Evaluation:
    levels: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in LEVELS})
    roots: dict[str, Score] = field(default_factory=dict)
    misses: list[dict] = field(default_factory=list)
    records: int = 0
    exact: int = 0


def load_gold(path: str | Path, data_root: str | Path | None = None, report=None) -> list[dict]:
    """The records of a gold file. A record gives its sentence as `text`, or by reference to a
    document of the shared corpora (`corpus`, `locator`, `start`, `end`, `sha1`; see
    scoring.corpora): such records are resolved against ``data_root`` (default: found by
    ``find_data_root``), and left out with a message on ``report`` when they cannot be."""
    records, refs = [], []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                rec["_date"] = parse_date(rec.get("date"))
                if not isinstance(rec.get("expected"), list):
                    raise ValueError("needs an 'expected' list")
                if "corpus" in rec:
                    if not all(isinstance(rec.get(k), int) for k in ("start", "end")):
                        raise ValueError("a corpus reference needs integer 'start' and 'end'")
                    refs.append((n, rec))
                elif not isinstance(rec.get("text"), str):
                    raise ValueError("needs 'text' (or a 'corpus' reference) and an 'expected' list")
            except (ValueError, TypeError, AttributeError) as exc:
                raise CommuniqueError(f"{path}:{n}: {exc}") from None
            rec.setdefault("id", f"line{n}")
            records.append(rec)
    if refs:
        skipped = _resolve(path, refs, data_root, report or sys.stderr)
        records = [r for r in records if id(r) not in skipped]
    return records


def _resolve(path, refs: list[tuple[int, dict]], data_root, report) -> set[int]:
    """Give each corpus record its document text and sentence span; the ids of records left out."""
    root = Path(data_root) if data_root else find_data_root(Path(path).parent)
    if root is None or not root.is_dir():
        print(f"{path}: {len(refs)} records refer to the shared corpora, which were not found "
              f"(set {DATA_ENV}); left out", file=report)
        return {id(rec) for _, rec in refs}
    library, skipped = CorpusLibrary(root), set()
    for n, rec in refs:
        try:
            doc, sentence = library.sentence(rec)
        except CorpusError as exc:
            print(f"{path}:{n}: {exc}; left out", file=report)
            skipped.add(id(rec))
            continue
        rec["text"], rec["sentence"], rec["_span"] = doc.text, sentence, (rec["start"], rec["end"])
        rec["_date"] = rec["_date"] or doc.date
    return skipped


def evaluate(records: list[dict], coder) -> Evaluation:
    ev = Evaluation()
    docs = [Document(str(r["id"]), r["text"], r["_date"]) for r in records]
    for rec, coded in zip(records, coder.code_documents(docs)):
        expected = [(x.get("source"), x.get("target"), str(x["cameo"])) for x in rec["expected"]]
        events = coded.events
        if "_span" in rec:  # a sentence of a whole document: its events only
            start, end = rec["_span"]
            events = [e for e in events if start <= (e.verb.start if e.verb else e.sentence_start) < end]
        got = [(scored_code(e.source), scored_code(e.target), e.cameo) for e in events]
        for name, key in LEVELS.items():
            ev.levels[name].add(Counter(key(*x) for x in expected), Counter(key(*x) for x in got))
        exp_root = Counter(LEVELS["root"](*x) for x in expected)
        got_root = Counter(LEVELS["root"](*x) for x in got)
        for root in {k[2] for k in exp_root} | {k[2] for k in got_root}:
            ev.roots.setdefault(root, Score()).add(
                Counter({k: v for k, v in exp_root.items() if k[2] == root}),
                Counter({k: v for k, v in got_root.items() if k[2] == root}))
        ev.records += 1
        if exp_root == got_root:
            ev.exact += 1
        else:
            ev.misses.append({"id": rec["id"], "text": rec.get("sentence", rec["text"]),
                              "expected": sorted(map(_fmt, expected)), "got": sorted(map(_fmt, got))})
    return ev


def _fmt(x: tuple) -> str:
    return f"{x[0]} -> {x[1] or '-'} {x[2]}"


def report(ev: Evaluation, misses: int, out=None) -> None:
    out = out or sys.stdout
    print(f"records: {ev.records}   fully right at root level: {ev.exact} "
          f"({ev.exact / max(ev.records, 1):.1%})", file=out)
    print(f"\n{'level':<44}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}", file=out)
    labels = {"root": "root code, source+target country",
              "code": "full code, source+target country",
              "actors": "root code, full source+target codes",
              "source": "source actor (country)", "target": "target actor (country)"}
    for name, s in ev.levels.items():
        print(f"{labels[name]:<44}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}"
              f"{s.tp:>6}{s.fp:>6}{s.fn:>6}", file=out)
    print(f"\n{'root':<6}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}", file=out)
    for root in sorted(ev.roots):
        s = ev.roots[root]
        print(f"{root:<6}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.tp:>6}{s.fp:>6}{s.fn:>6}",
              file=out)
    if misses and ev.misses:
        print(f"\nmisses ({len(ev.misses)} records; first {min(misses, len(ev.misses))}):", file=out)
        for m in ev.misses[:misses]:
            print(f"- [{m['id']}] {m['text']}", file=out)
            print(f"    expected: {'; '.join(m['expected']) or 'no event'}", file=out)
            print(f"    got:      {'; '.join(m['got']) or 'no event'}", file=out)


def figures(ev: Evaluation) -> dict:
    """The figures of an evaluation as plain data (what `--json` writes)."""
    return {"records": ev.records, "exact": ev.exact,
            "levels": {k: s.as_dict() for k, s in ev.levels.items()},
            "roots": {k: s.as_dict() for k, s in sorted(ev.roots.items())}}


def run_evaluation(path: str, model: str | None = None, misses: int = 30,
                   json_out: str | None = None, coder_options: dict | None = None) -> int:
    """`communique evaluate`: 0, or 1 when records had to be left out (reported on stderr)."""
    from communique.coder.core import Coder

    with open(path, encoding="utf-8") as fh:
        total = sum(1 for line in fh if line.strip())
    records = load_gold(path)
    if not records:
        print(f"{path}: no records to score", file=sys.stderr)
        return 1
    ev = evaluate(records, Coder(model=model, **(coder_options or {})))
    report(ev, misses)
    if json_out:
        Path(json_out).write_text(json.dumps(figures(ev), indent=2) + "\n", encoding="utf-8")
    return 0 if len(records) == total else 1
