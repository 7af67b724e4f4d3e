"""Held-out root-code agreement on real news sentences communique was not tuned on.

Reads the ConfliBERT CAMEO annotator-training rounds in
../shared/data/cameo_conflibert/annotations/training_round_*/summary*.csv (200 unique news
sentences, each coded at the root level by 3-5 raters; nothing is copied into the repo).

Per sentence, each rater's latest annotation counts once: the set of CAMEO roots of their
Action1..4 columns ("3-11 Disapprove" -> 11), or none when they marked it not relevant. The
majority root is the root named by more than half of the raters who completed the sentence.

Prints:
  * majority sentences: how many have a majority root; how many communique codes (gives at
    least one event); of those, how often its event roots include the majority root;
  * events whose root no rater gave (a precision-like figure over all coded sentences);
  * no-event sentences: most raters found no event; how many of them communique codes.

    .venv/bin/python benchmarks/heldout.py [--data DIR] [--date YYYY-MM-DD] [--show N] [--json FILE]
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _data_root() -> Path:
    from communique.scoring.corpora import find_data_root

    return find_data_root(HERE) or HERE.parent.parent / "shared" / "data"


DEFAULT_DATA = _data_root() / "cameo_conflibert" / "annotations"
# summary file versions within a round, latest first
VERSION_ORDER = ("summary_v2.csv", "summary.csv", "summary_v1.csv")
CAMEO_COL = re.compile(r"^Action\d+_CAMEO_(\d+)$")
ROOT_VALUE = re.compile(r"^\s*\d+\s*-\s*(\d+)\b")


@dataclass
class Sentence:
    text: str
    ratings: dict[str, set[str]] = field(default_factory=dict)  # rater -> roots

    @property
    def raters(self) -> int:
        return len(self.ratings)

    def root_votes(self) -> Counter:
        return Counter(r for roots in self.ratings.values() for r in roots)

    def majority_root(self) -> str | None:
        votes = self.root_votes()
        if not votes:
            return None
        root, n = max(votes.items(), key=lambda kv: (kv[1], kv[0]))
        return root if n * 2 > self.raters else None

    def mostly_irrelevant(self) -> bool:
        empty = sum(1 for roots in self.ratings.values() if not roots)
        return empty * 2 > self.raters


def round_number(path: Path) -> int:
    return int(path.parent.name.rsplit("_", 1)[1])


def summary_file(round_dir: Path) -> Path | None:
    for name in VERSION_ORDER:
        if (round_dir / name).exists():
            return round_dir / name
    return None


def rater_roots(row: dict, rater: str) -> set[str] | None:
    """The rater's roots for this row, or None when they did not complete it."""
    if (row.get(f"anncomplete_{rater}") or "").strip().lower() != "true":
        return None
    if (row.get(f"1_Relevant_{rater}") or "").strip().lower() != "true":
        return set()
    roots = set()
    for key, value in row.items():
        m = CAMEO_COL.match(key or "")
        if m and m.group(1) == rater and value:
            v = ROOT_VALUE.match(value)
            if v:
                roots.add(f"{int(v.group(1)):02d}")
    return roots


def load_sentences(data: Path) -> list[Sentence]:
    """Every sentence with each rater's latest completed annotation."""
    rounds = sorted((d for d in data.glob("training_round_*") if d.is_dir()),
                    key=lambda d: int(d.name.rsplit("_", 1)[1]))
    by_text: dict[str, Sentence] = {}
    for d in rounds:
        path = summary_file(d)
        if path is None:
            continue
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                text = " ".join((row.get("sentences") or "").split())
                if not text:
                    continue
                sent = by_text.setdefault(text, Sentence(text))
                raters = {k.rsplit("_", 1)[1] for k in row if k and k.startswith("anncomplete_")}
                for rater in raters:
                    roots = rater_roots(row, rater)
                    if roots is not None:
                        sent.ratings[rater] = roots  # later rounds overwrite earlier ones
    return [s for s in by_text.values() if s.raters]


def run(sentences: list[Sentence], coder, day: str) -> dict:
    from communique.readers import parse_date
    from communique.records import Document

    docs = [Document(f"s{n}", s.text, parse_date(day)) for n, s in enumerate(sentences)]
    coded = {c.document.id: c.events for c in coder.code_documents(docs)}
    out = {"sentences": len(sentences), "majority": 0, "majority_coded": 0, "majority_hit": 0,
           "events": 0, "events_unrated_root": 0, "no_event": 0, "no_event_coded": 0,
           "records": []}
    for n, s in enumerate(sentences):
        events = coded.get(f"s{n}", [])
        roots = sorted({e.cameo_root for e in events})
        votes = s.root_votes()
        major = s.majority_root()
        out["events"] += len(events)
        out["events_unrated_root"] += sum(1 for e in events if e.cameo_root not in votes)
        rec = {"text": s.text, "raters": s.raters, "votes": dict(votes), "majority": major,
               "coded": [f"{e.source.actor.code}->{e.target.actor.code if e.target else '-'} "
                         f"{e.cameo}" for e in events]}
        if major:
            out["majority"] += 1
            if events:
                out["majority_coded"] += 1
                out["majority_hit"] += major in roots
        elif s.mostly_irrelevant():
            out["no_event"] += 1
            out["no_event_coded"] += bool(events)
        out["records"].append(rec)
    return out


def pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100.0 * a / b:.1f}%)" if b else f"{a}/0"


def report(r: dict) -> str:
    return "\n".join([
        f"sentences with raters:                       {r['sentences']}",
        f"with a majority root:                        {r['majority']}",
        f"  coded by communique (>= 1 event):          {pct(r['majority_coded'], r['majority'])}",
        f"  of those, event roots include the majority: {pct(r['majority_hit'], r['majority_coded'])}",
        f"events whose root no rater gave:             {pct(r['events_unrated_root'], r['events'])}",
        f"mostly 'not relevant' sentences coded:       {pct(r['no_event_coded'], r['no_event'])}",
    ])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--date", default="2019-06-30",
                    help="document date for the sentences (the snapshot has none)")
    ap.add_argument("--show", type=int, default=0, help="print N majority sentences missed")
    ap.add_argument("--json", type=Path, help="write the per-sentence results here")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"no annotations at {args.data}", file=sys.stderr)
        return 2
    from communique import Coder

    result = run(load_sentences(args.data), Coder(), args.date)
    print(report(result))
    if args.show:
        shown = 0
        for rec in result["records"]:
            if rec["majority"] and not any(c.split()[-1][:2] == rec["majority"] for c in rec["coded"]):
                print(f"- [{rec['majority']}] {rec['text']}\n    votes {rec['votes']}  got {rec['coded']}")
                shown += 1
                if shown >= args.show:
                    break
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
