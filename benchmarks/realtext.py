"""Real-text benchmark: how the coder does on news that nobody here wrote (issue 11).

    .venv/bin/python benchmarks/realtext.py [--only class|ner|gsr|gold]... [--json FILE]
        [--no-model] [--coder-option KEY=VALUE]... [--data DIR] [--date YYYY-MM-DD] [--limit N]

Four sets, all read from the shared data folder (../shared/data, found beside the repository,
or $COMMUNIQUE_SHARED_DATA); a set that is absent is skipped with a message:

* `class`: ConfliBERT `conflibert/data/cameo_class/train.tsv`, 1,349 news sentences with a
  5-way "penta" class. The classes, as the annotators' own labels spell them (e.g. "3-16
  Reduce relations", "4-14 Protest" in `cameo_conflibert/annotations/training_round_*`):
  0 make a statement (root 01), 1 verbal cooperation (02-05), 2 material cooperation
  (06-08), 3 verbal conflict (09-13 and 16), 4 material conflict (14, 15, 17-20). The coder's
  class is that of its first event (by verb position); no event is class 0. Printed: 5-way
  accuracy, the share of event sentences (class 1-4) that get any event, a confusion matrix.
* `ner`: ConfliBERT `conflibert/data/cameo_ner/train.txt`, 1,153 sentences as CoNLL tokens
  with source (`B-S`/`I-S`) and target (`B-T`/`I-T`) spans. The tokens are aligned to the
  sentence's text in `cameo_class/train.tsv` when it is there (923), otherwise joined by a
  detokenising rule. Printed: of the sentences with a source span, the share where some event's
  source overlaps it and, where the sentence has a target span, that event's target overlaps
  one; the same for the source alone; the share of sentences with any event.
* `gsr`: the 78 PETRARCH-2 GSR records (`universalpetrarch/PETR2_GSR_validation.xml`), coded
  with communique's built-in dictionaries (not Phoenix) and scored at the root level with
  source and target countries (`IRQGOVMIL` counts as IRQ; IGO codes by their organisation).
* `gold`: `gold/realtext.jsonl`, the 330 hand-coded sentences, scored as `communique evaluate`
  scores them.

`--coder-option KEY=VALUE` passes an option to `communique.coder.core.Coder` (values `true`,
`false`, numbers and strings); `--no-model` is `--coder-option use_model=false`, for the
learned event layer (ignored, with a note, by a coder that has none).
"""
from __future__ import annotations

import argparse
import csv
import inspect
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from communique.coder.core import Coder  # noqa: E402
from communique.records import Document  # noqa: E402
from communique.scoring.corpora import find_data_root  # noqa: E402
from communique.scoring.evaluate import Score, actor_key, evaluate, figures, load_gold  # noqa: E402

SETS = ("class", "ner", "gsr", "gold")
CLASS_FILE = "conflibert/data/cameo_class/train.tsv"
NER_FILE = "conflibert/data/cameo_ner/train.txt"
GSR_FILE = "universalpetrarch/PETR2_GSR_validation.xml"
GOLD = ROOT / "gold" / "realtext.jsonl"
SCRIPT = ".venv/bin/python benchmarks/realtext.py"
PENTA = {"01": 0, **{f"{r:02d}": 1 for r in range(2, 6)}, **{f"{r:02d}": 2 for r in range(6, 9)},
         **{f"{r:02d}": 3 for r in (9, 10, 11, 12, 13, 16)}, **{f"{r:02d}": 4 for r in (14, 15, *range(17, 21))}}
PENTA_NAMES = ("statement/none", "verbal coop", "material coop", "verbal conflict", "material conflict")
_QUOTES = str.maketrans({"\u02bc": "'", "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "`": "'"})
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'", "n't", "'re", "'ve", "'ll", "'d",
                    "'m", "'S"}


def first_event(events):
    return min(events, key=lambda e: e.verb.start if e.verb else e.sentence_start, default=None)


# -- class -------------------------------------------------------------------------------------------

def read_class(path: Path) -> list[tuple[str, int]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [(row[0], int(row[1])) for row in csv.reader(fh, delimiter="\t") if len(row) == 2]


def run_class(coder, rows, day) -> dict:
    confusion = [[0] * 5 for _ in range(5)]
    with_event = [0] * 5  # per gold class: sentences that get any event
    docs = [Document(f"class-{i}", text, day) for i, (text, _) in enumerate(rows)]
    for (_, gold), coded in zip(rows, coder.code_documents(docs)):
        event = first_event(coded.events)
        confusion[gold][PENTA[event.cameo[:2]] if event else 0] += 1
        with_event[gold] += event is not None
    n = sum(map(sum, confusion))
    events = sum(sum(row) for row in confusion[1:])
    return {"sentences": n, "accuracy": round(sum(confusion[i][i] for i in range(5)) / n, 4),
            "event_sentences": events, "event_sentences_coded": sum(with_event[1:]),
            "event_sentences_coded_share": round(sum(with_event[1:]) / events, 4),
            "any_event_share": round(sum(with_event) / n, 4), "confusion": confusion}


def print_class(f: dict, out) -> None:
    print(f"5-way accuracy {f['accuracy']:.1%} of {f['sentences']} sentences; event sentences (class 1-4) "
          f"that get any event: {f['event_sentences_coded']} of {f['event_sentences']} "
          f"({f['event_sentences_coded_share']:.1%}); sentences with any event {f['any_event_share']:.1%}",
          file=out)
    head = "gold \\ coder"
    print(f"  {head:<20}" + "".join(f"{i:>7}" for i in range(5)) + "  total", file=out)
    for i, row in enumerate(f["confusion"]):
        print(f"  {i} {PENTA_NAMES[i]:<18}" + "".join(f"{v:>7}" for v in row) + f"{sum(row):>7}", file=out)


# -- ner ---------------------------------------------------------------------------------------------

def read_ner(path: Path) -> list[list[tuple[str, str]]]:
    sentences, current = [], []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
            continue
        token, _, tag = line.rpartition(" ")
        current.append((token, tag) if token else (tag, "O"))
    if current:
        sentences.append(current)
    return sentences


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text.translate(_QUOTES)).replace("''", '"')


def align(tokens: list[str], originals: dict[str, str]) -> tuple[str, list[tuple[int, int]]]:
    """The sentence text and each token's offsets: the original text when it is known, else
    the tokens joined (no space before closing punctuation and clitics, none after an opening
    bracket or quote)."""
    original = originals.get(_norm("".join(tokens)))
    widths = [len(_norm(token)) for token in tokens]
    chars = [i for i, ch in enumerate(original or "") if not ch.isspace()]
    if original is not None and sum(widths) == len(chars) and all(widths):
        spans, k = [], 0
        for width in widths:
            spans.append((chars[k], chars[k + width - 1] + 1))
            k += width
        return original, spans
    text, spans, quote_open = "", [], False
    for token in tokens:
        glue = not text or token in _NO_SPACE_BEFORE or text.endswith(("(", "[", "$")) or \
            (text.endswith('"') and quote_open) or (token == '"' and quote_open)
        if token == '"':
            quote_open = not quote_open
        text += ("" if glue else " ")
        spans.append((len(text), len(text) + len(token)))
        text += token
    return text, spans


def tag_spans(tags: list[str], spans: list[tuple[int, int]], role: str) -> list[tuple[int, int]]:
    out = []
    for tag, (a, b) in zip(tags, spans):
        if tag == f"B-{role}" or (tag == f"I-{role}" and not out):
            out.append((a, b))
        elif tag == f"I-{role}":
            out[-1] = (out[-1][0], b)
    return out


def _overlaps(mention, spans) -> bool:
    return mention is not None and any(mention.span.start < b and a < mention.span.end for a, b in spans)


def run_ner(coder, sentences, originals, day) -> dict:
    items, c = [], Counter()
    for tokens_tags in sentences:
        tokens, tags = [t for t, _ in tokens_tags], [g for _, g in tokens_tags]
        text, spans = align(tokens, originals)
        c["aligned_to_original"] += text == originals.get(_norm("".join(tokens)))
        items.append((text, tag_spans(tags, spans, "S"), tag_spans(tags, spans, "T")))
    docs = [Document(f"ner-{i}", text, day) for i, (text, _, _) in enumerate(items)]
    for (_, s_spans, t_spans), coded in zip(items, coder.code_documents(docs)):
        c["sentences"] += 1
        c["with_event"] += bool(coded.events)
        if not s_spans:
            continue
        c["with_source_span"] += 1
        c["with_target_span"] += bool(t_spans)
        sources = [e for e in coded.events if _overlaps(e.source, s_spans)]
        c["source_agrees"] += bool(sources)
        c["both_agree"] += any(not t_spans or _overlaps(e.target, t_spans) for e in sources)
    n = c["with_source_span"]
    return {**c, "both_share": round(c["both_agree"] / n, 4), "source_share": round(c["source_agrees"] / n, 4),
            "any_event_share": round(c["with_event"] / c["sentences"], 4), "aligned_to_original":
            sum(1 for s in sentences if _norm("".join(t for t, _ in s)) in originals)}


def print_ner(f: dict, out) -> None:
    print(f"of {f['with_source_span']} sentences with a source span ({f['with_target_span']} also with a target "
          f"span): source and target agree {f['both_agree']} ({f['both_share']:.1%}), source agrees "
          f"{f['source_agrees']} ({f['source_share']:.1%}); sentences with any event {f['with_event']} of "
          f"{f['sentences']} ({f['any_event_share']:.1%})", file=out)


# -- gsr ---------------------------------------------------------------------------------------------

def _gsr_key(source: str, target: str | None, code: str) -> tuple:
    target = None if not target or target.strip("-") == "" else target
    return actor_key(source), actor_key(target), code[:2]


def run_gsr(coder, path: Path, cut: slice = slice(None)) -> dict:
    from communique.dictionaries.petrarch import read_records

    records = read_records(path)[cut]
    score, exact = Score(), 0
    docs = [Document(r.id, r.text, r.date) for r in records]
    for rec, coded in zip(records, coder.code_documents(docs)):
        expected = Counter() if rec.noevents else Counter({_gsr_key(c.source, c.target, c.event)
                                                           for c in rec.codings})
        got = Counter({_gsr_key(e.source.actor.code if e.source else "", e.target.actor.code if e.target else None,
                                e.cameo) for e in coded.events})
        score.add(expected, got)
        exact += expected == got
    return {"records": len(records), "exact": exact, **score.as_dict()}


def print_score(f: dict, out, what: str) -> None:
    print(f"{what}: P {f['precision']:.3f}  R {f['recall']:.3f}  F1 {f['f1']:.3f}  (TP {f['tp']}, FP {f['fp']}, "
          f"FN {f['fn']}); records fully right {f['exact']} of {f['records']}", file=out)


# -- driver ------------------------------------------------------------------------------------------

class UsageError(Exception):
    """A bad option: one line on stderr, exit status 2."""


def parse_options(pairs: list[str], no_model: bool) -> tuple[dict, list[str]]:
    accepted = set(inspect.signature(Coder.__init__).parameters) - {"self"}
    options, notes = {}, []
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise UsageError(f"--coder-option wants KEY=VALUE, not {pair!r}")
        options[key] = {"true": True, "false": False}.get(value.lower(), value)
        if isinstance(options[key], str) and re.fullmatch(r"-?\d+", value):
            options[key] = int(value)
    if no_model:
        options["use_model"] = False
    for key in list(options):
        if key not in accepted:
            if key == "use_model" and not options[key]:
                notes.append("--no-model: this coder has no learned layer (no use_model option); ignored")
                del options[key]
            else:
                raise UsageError(f"the coder has no option {key!r} (it has: {', '.join(sorted(accepted))})")
    return options, notes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", action="append", choices=SETS, help="run only these sets (repeatable)")
    ap.add_argument("--json", dest="json_out", help="write all figures to this file")
    ap.add_argument("--no-model", action="store_true", help="turn the learned event layer off")
    ap.add_argument("--coder-option", action="append", default=[], metavar="KEY=VALUE")
    ap.add_argument("--data", help="shared data root (default: found beside the repository)")
    ap.add_argument("--date", default="2019-06-30", help="date of the undated ConfliBERT sentences")
    ap.add_argument("--limit", type=int, help="use only the first N sentences of each set (quick runs)")
    args = ap.parse_args(argv)
    from datetime import date
    day = date.fromisoformat(args.date)
    try:
        options, notes = parse_options(args.coder_option, args.no_model)
    except UsageError as exc:
        print(f"realtext: {exc}", file=sys.stderr)
        return 2
    root = Path(args.data) if args.data else find_data_root(ROOT)
    flags = "".join(f" --coder-option {p}" for p in args.coder_option) + (" --no-model" if args.no_model else "") \
        + (f" --limit {args.limit}" if args.limit else "")
    coder = Coder(**options)
    out = sys.stdout
    result = {"coder_version": coder.version, "coder_options": options, "data": str(root) if root else None}
    print(f"coder {coder.version}, options {options or 'default'}; shared data: {root or 'not found'}", file=out)
    for note in notes:
        print(note, file=out)
    cut = slice(None, args.limit)
    for name in args.only or SETS:
        print(f"\n== {name}: {SCRIPT} --only {name}{flags}", file=out)
        path = root / {"class": CLASS_FILE, "ner": NER_FILE, "gsr": GSR_FILE}.get(name, "") if root else None
        if name != "gold" and (path is None or not path.is_file()):
            print(f"skipped: {path or name + ' data'} not found (the shared data is absent)", file=out)
            continue
        if name == "class":
            result["class"] = run_class(coder, read_class(path)[cut], day)
            print_class(result["class"], out)
        elif name == "ner":
            originals = {_norm(text): text for text, _ in read_class(root / CLASS_FILE)} \
                if (root / CLASS_FILE).is_file() else {}
            result["ner"] = run_ner(coder, read_ner(path)[cut], originals, day)
            print_ner(result["ner"], out)
        elif name == "gsr":
            result["gsr"] = run_gsr(coder, path, cut)
            print_score(result["gsr"], out, "root code, source+target country")
        else:
            print(f"(the same figures: communique evaluate {GOLD.relative_to(ROOT)})", file=out)
            records = load_gold(GOLD, root, report=out)[cut]
            if not records:
                print("skipped: no gold record could be resolved", file=out)
                continue
            f = figures(evaluate(records, coder))
            result["gold"] = f
            print(f"records {f['records']}, fully right at the root level {f['exact']}", file=out)
            for level, label in (("root", "root code, source+target country"),
                                 ("code", "full code, source+target country"),
                                 ("actors", "root code, full actor codes"),
                                 ("source", "source actor (country)"), ("target", "target actor (country)")):
                g = f["levels"][level]
                print(f"  {label:<36} P {g['precision']:.3f}  R {g['recall']:.3f}  F1 {g['f1']:.3f}  "
                      f"(TP {g['tp']}, FP {g['fp']}, FN {g['fn']})", file=out)
            result["gold_strata"] = {}
            for stratum in sorted({r.get("stratum", "") for r in records}):
                sub = figures(evaluate([r for r in records if r.get("stratum", "") == stratum], coder))
                result["gold_strata"][stratum] = sub
                g = sub["levels"]["root"]
                print(f"  stratum {stratum or '-':<10} {sub['records']:>4} records, root level P {g['precision']:.3f}  "
                      f"R {g['recall']:.3f}  F1 {g['f1']:.3f}  (TP {g['tp']}, FP {g['fp']}, FN {g['fn']})", file=out)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
