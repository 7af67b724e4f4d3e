"""`communique validate`: score the coder on TABARI/PETRARCH validation records.

A record is fully correct when the coder produces exactly its expected set of
(source, target, code) codings (none for "no event" records). Parts: each expected
coding has three parts (source, target, code); it is paired with the produced event
that shares the most parts, and the shared parts count as correct. Extra events are
produced events that match no expected coding exactly.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from communique.records import Document

Triple = tuple[str, str, str]


@dataclass
class RecordResult:
    id: str
    category: str
    text: str
    expected: list[Triple]
    produced: list[Triple]

    @property
    def correct(self) -> bool:
        return set(self.expected) == set(self.produced)

    def parts(self) -> int:
        left = list(self.produced)
        total = 0
        for e in self.expected:
            best = max(left, key=lambda p: _shared(e, p), default=None)
            if best is not None and _shared(e, best):
                total += _shared(e, best)
                left.remove(best)
        return total

    def extras(self) -> int:
        return len(set(self.produced) - set(self.expected))


def _shared(a: Triple, b: Triple) -> int:
    return sum(x == y for x, y in zip(a, b))


@dataclass
class Summary:
    results: list[RecordResult] = field(default_factory=list)

    def figures(self) -> dict:
        n = len(self.results)
        expected = sum(len(r.expected) for r in self.results)
        by_cat: dict[str, list[int]] = {}
        for r in self.results:
            c = by_cat.setdefault(r.category or "-", [0, 0])
            c[0] += r.correct
            c[1] += 1
        return {
            "records": n,
            "fully_correct": sum(r.correct for r in self.results),
            "fully_correct_share": round(sum(r.correct for r in self.results) / n, 4) if n else 0.0,
            "expected_codings": expected,
            "parts_correct_share": round(sum(r.parts() for r in self.results) / (3 * expected), 4)
            if expected else 0.0,
            "extra_events": sum(r.extras() for r in self.results),
            "extra_share": round(sum(r.extras() for r in self.results) / expected, 4) if expected else 0.0,
            "categories": {k: {"correct": v[0], "records": v[1]} for k, v in sorted(by_cat.items())},
        }


def environment_files(records_path: Path, directories: list[Path]) -> list[Path]:
    """The dictionary files a records file names in its <Environment>, found in the
    given directories; empty when it names none or they are not there."""
    from communique.dictionaries.petrarch import read_environment

    env = read_environment(records_path)
    wanted = [name.strip() for k in ("Actorfile", "Agentfile", "Verbfile", "Discardfile")
              for name in str(env.get(k) or "").split(",") if name.strip()]
    found = []
    for name in wanted:
        for d in directories:
            if (d / name).is_file():
                found.append(d / name)
                break
    return found if found and len(found) == len(wanted) else []


def validate(coder, records_path: Path) -> Summary:
    from communique.dictionaries.petrarch import read_records

    records = read_records(records_path)
    docs = [Document(r.id, r.text, r.date) for r in records]
    summary = Summary()
    # a file that sets require_dyad follows PETRARCH's default (on) where it does not
    dyads = any("require_dyad" in dict(r.options) for r in records)
    for rec, coded in zip(records, coder.code_documents(docs)):
        events = [e for e in coded.events if e.source_code is not None]  # PETRARCH codes named sources only
        if _option(rec.options, "require_dyad", dyads):  # no event without a target
            events = [e for e in events if e.target is not None]
        elif not dyads:  # unstated: an event names at least one actor with a country
            events = [e for e in events if e.target is not None or e.source.actor.country
                      or not e.source.actor.code.startswith("---")]
        produced = sorted({(e.source.actor.code, e.target.actor.code if e.target else "---", e.cameo)
                           for e in events})
        expected = [] if rec.noevents else sorted({(c.source, c.target, c.event) for c in rec.codings})
        summary.results.append(RecordResult(rec.id, rec.category, rec.text, expected, produced))
    return summary


def _option(options, name: str, default: bool = False) -> bool:
    """A record's boolean <Config> option."""
    value = dict(options).get(name)
    return default if value is None else str(value).strip().lower() == "true"


def print_summary(summary: Summary, out=sys.stdout, failures: int = 40) -> None:
    f = summary.figures()
    print(f"records: {f['records']}   fully correct: {f['fully_correct']} "
          f"({f['fully_correct_share']:.1%})", file=out)
    print(f"parts (source, target, code) correct: {f['parts_correct_share']:.1%} of "
          f"{3 * f['expected_codings']}   extra events: {f['extra_events']} "
          f"({f['extra_share']:.1%} of {f['expected_codings']} expected)", file=out)
    print("\ncategory        correct  records", file=out)
    for cat, c in f["categories"].items():
        print(f"{cat:14} {c['correct']:8} {c['records']:8}", file=out)
    failed = [r for r in summary.results if not r.correct]
    if failed and failures:
        print(f"\nfailing records ({len(failed)}; first {min(failures, len(failed))}):", file=out)
        for r in failed[:failures]:
            print(f"- {r.id} [{r.category}] {r.text[:110]}", file=out)
            print(f"    expected: {_show(r.expected)}", file=out)
            print(f"    produced: {_show(r.produced)}", file=out)


def _result_dict(r: RecordResult) -> dict:
    return {"id": r.id, "category": r.category, "correct": r.correct, "text": r.text,
            "expected": [list(t) for t in r.expected], "produced": [list(t) for t in r.produced]}


def _show(triples: list[Triple]) -> str:
    return "; ".join(" ".join(t) for t in triples) or "(no events)"


def validation_coder(records: Path, dictionaries: list[Path], with_builtin: bool = False,
                     model: str | None = None):
    """The coder for a records file: the dictionaries given (a directory gives the files the
    records' <Environment> names, or all its dictionaries), with or without the built-in ones;
    agents without a country are coded as ---GOV (PETRARCH's convention), names the
    dictionaries do not know are not actors, and the learned layer is off: validation scores
    dictionaries."""
    from communique.coder.core import Coder

    files = environment_files(records, [d for d in dictionaries if d.is_dir()]) if dictionaries else []
    files = files + [d for d in dictionaries if d.is_file()] if files else list(dictionaries)
    return Coder(model=model, dictionaries=files, only_dictionaries=bool(dictionaries) and not with_builtin,
                 unnamed_agents=True, unknown_actors=False, event_model=None), files


def write_json(summary: Summary, path: str | Path, records: Path, files: list[Path]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"records_file": str(records), "dictionaries": [str(p) for p in files],
                   **summary.figures(), "results": [_result_dict(r) for r in summary.results]},
                  fh, indent=2)
