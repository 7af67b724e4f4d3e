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
`false`, `none`, numbers and strings). The learned event layer: `--no-model` is
`--coder-option event_model=none` (dictionary only), `--model-only` is `--coder-option
model_mode=alone`; `--modes` runs every set four times: dictionary only, model only,
combined (the default coder), and combined with `model_mode=override` (a model at least 0.6
sure of another class replaces a dictionary event). The shipped model was trained on the class file, so `--cv K`
scores the class set by grouped K-fold cross-validation instead: each fold's model is
trained (`communique.learn`) without the fold's sentences, which are then coded with it
(`--examples FILE` caches the collected training examples between runs). cameo_ner (923 of
its sentences are class-file sentences), GSR and the gold file are coded with the shipped
model; GSR and the gold file were not trained on (the gold file's sentences are held out of
the weak labels).
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
from communique.events.learned.classes import CLASS_NAMES, CLASS_OF_ROOT  # noqa: E402
from communique.records import Document  # noqa: E402
from communique.scoring.corpora import find_data_root  # noqa: E402
from communique.scoring.evaluate import Score, actor_key, evaluate, figures, load_gold  # noqa: E402

SETS = ("class", "ner", "gsr", "gold")
CLASS_FILE = "conflibert/data/cameo_class/train.tsv"
NER_FILE = "conflibert/data/cameo_ner/train.txt"
GSR_FILE = "universalpetrarch/PETR2_GSR_validation.xml"
GOLD = ROOT / "gold" / "realtext.jsonl"
SCRIPT = ".venv/bin/python benchmarks/realtext.py"
PENTA, PENTA_NAMES = CLASS_OF_ROOT, CLASS_NAMES  # one mapping: the learned layer's
MODES = {"dictionary": {"event_model": None}, "model": {"model_mode": "alone"}, "combined": {},
         "override": {"model_mode": "override"}}
_QUOTES = str.maketrans({"\u02bc": "'", "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "`": "'"})
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'", "n't", "'re", "'ve", "'ll", "'d",
                    "'m", "'S"}


def first_event(events):
    return min(events, key=lambda e: e.verb.start if e.verb else e.sentence_start, default=None)


# -- class -------------------------------------------------------------------------------------------

def read_class(path: Path) -> list[tuple[str, int]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [(row[0], int(row[1])) for row in csv.reader(fh, delimiter="\t") if len(row) == 2]


def run_class(coder, rows, day, only=None, tally=None) -> dict:
    """Figures over the rows (those whose indices are in ``only``), added to ``tally`` if given
    (a confusion matrix and, per gold class, the sentences that get any event)."""
    tally = tally or {"confusion": [[0] * 5 for _ in range(5)], "with_event": [0] * 5, "firsts": []}
    only = range(len(rows)) if only is None else only
    docs = [Document(f"class-{i}", rows[i][0], day) for i in only]
    for i, coded in zip(only, coder.code_documents(docs)):
        event, gold = first_event(coded.events), rows[i][1]
        tally["confusion"][gold][PENTA[event.cameo[:2]] if event else 0] += 1
        tally["with_event"][gold] += event is not None
        tally["firsts"].append((gold, PENTA[event.cameo[:2]] if event else None, event and event.confidence))
    return class_figures(tally)


def sweep(firsts, out) -> dict:
    """Accuracy and coded share had model events below a confidence been left out."""
    table = {}
    for t in (0.0, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7):
        kept = [(g, c if c is not None and (conf is None or conf >= t) else None) for g, c, conf in firsts]
        acc = sum(g == (c or 0) for g, c in kept) / len(kept)
        ev = [c for g, c in kept if g]
        table[t] = {"accuracy": round(acc, 4), "coded": round(sum(c is not None for c in ev) / len(ev), 4)}
        print(f"  model events with confidence >= {t:.2f}: accuracy {acc:.1%}, event sentences coded "
              f"{table[t]['coded']:.1%}", file=out)
    return table


def class_figures(tally) -> dict:
    confusion, with_event = tally["confusion"], tally["with_event"]
    n = sum(map(sum, confusion))
    events = sum(sum(row) for row in confusion[1:])
    return {"sentences": n, "accuracy": round(sum(confusion[i][i] for i in range(5)) / n, 4),
            "event_sentences": events, "event_sentences_coded": sum(with_event[1:]),
            "event_sentences_coded_share": round(sum(with_event[1:]) / events, 4),
            "any_event_share": round(sum(with_event) / n, 4), "confusion": confusion, "with_event": with_event,
            "firsts": tally.get("firsts", [])}


_FOLD_MODELS: dict[tuple[int, int], Path] = {}  # (k, fold) -> model file, shared by the modes of one run


def run_class_cv(rows, day, options: dict, k: int, examples: Path | None, root: Path, out) -> dict:
    """The class set by grouped k-fold CV: each fold coded by a model trained without it."""
    import tempfile

    from communique.learn.fit import arrays, fit, write
    from communique.learn.folds import folds
    from communique.learn.train import collect_all, training_set

    collected = None
    tmp = Path(tempfile.mkdtemp(prefix="realtext-cv-"))
    tally = None
    for n, (_, test) in enumerate(folds([t for t, _ in rows], [c for _, c in rows], k)):
        path = _FOLD_MODELS.get((k, n))
        if path is None:
            collected = collected or collect_all(root, cache=examples, say=lambda m: print(f"  {m}", file=out))
            data = training_set(collected, exclude=set(test.tolist()))
            path = _FOLD_MODELS[(k, n)] = tmp / f"fold{n}.npz"
            write(arrays(fit(data), data.meta), path)
        coder = Coder(**{**options, "event_model": path})
        f = run_class(coder, rows, day, test.tolist(), tally)
        tally = {"confusion": f["confusion"], "with_event": f["with_event"], "firsts": f["firsts"]}
        print(f"  fold {n + 1}/{k}: {len(test)} sentences, running accuracy {f['accuracy']:.1%}", file=out)
    return f


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


def parse_options(pairs: list[str], no_model: bool, model_only: bool = False) -> tuple[dict, list[str]]:
    accepted = set(inspect.signature(Coder.__init__).parameters) - {"self"}
    options, notes = {}, []
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise UsageError(f"--coder-option wants KEY=VALUE, not {pair!r}")
        options[key] = {"true": True, "false": False, "none": None}.get(value.lower(), value)
        if isinstance(options[key], str) and re.fullmatch(r"-?\d+", value):
            options[key] = int(value)
    if no_model and model_only:
        raise UsageError("--no-model and --model-only exclude each other")
    options.update(MODES["dictionary"] if no_model else MODES["model"] if model_only else {})
    for key in options:
        if key not in accepted:
            raise UsageError(f"the coder has no option {key!r} (it has: {', '.join(sorted(accepted))})")
    return options, notes


def run_sets(args, options: dict, flags: str, root, day, out) -> dict:
    """Every set asked for, coded with one coder configuration."""
    coder = Coder(**options)
    result = {"coder_version": coder.version, "coder_options": {k: str(v) for k, v in options.items()}}
    print(f"coder {coder.version}, options {options or 'default'}", file=out)
    cut = slice(None, args.limit)
    for name in args.only or SETS:
        print(f"\n== {name}: {SCRIPT} --only {name}{flags}", file=out)
        path = root / {"class": CLASS_FILE, "ner": NER_FILE, "gsr": GSR_FILE}.get(name, "") if root else None
        if name != "gold" and (path is None or not path.is_file()):
            print(f"skipped: {path or name + ' data'} not found (the shared data is absent)", file=out)
            continue
        if name == "class" and args.cv and options.get("event_model", True) is not None:
            print(f"(grouped {args.cv}-fold cross-validation: a model trained per fold)", file=out)
            result["class"] = run_class_cv(read_class(path)[cut], day, options, args.cv,
                                           Path(args.examples) if args.examples else None, root, out)
            print_class(result["class"], out)
            if args.sweep:
                result["class_sweep"] = sweep(result["class"]["firsts"], out)
        elif name == "class":
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
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", action="append", choices=SETS, help="run only these sets (repeatable)")
    ap.add_argument("--json", dest="json_out", help="write all figures to this file")
    ap.add_argument("--no-model", action="store_true", help="turn the learned event layer off")
    ap.add_argument("--model-only", action="store_true", help="the learned layer alone, no dictionary events")
    ap.add_argument("--modes", action="store_true", help="dictionary only, model only and combined, in turn")
    ap.add_argument("--cv", type=int, metavar="K", help="score the class set by grouped K-fold cross-validation")
    ap.add_argument("--examples", metavar="FILE", help="cache of the training examples for --cv")
    ap.add_argument("--sweep", action="store_true", help="with --cv: figures by least model confidence")
    ap.add_argument("--coder-option", action="append", default=[], metavar="KEY=VALUE")
    ap.add_argument("--data", help="shared data root (default: found beside the repository)")
    ap.add_argument("--date", default="2019-06-30", help="date of the undated ConfliBERT sentences")
    ap.add_argument("--limit", type=int, help="use only the first N sentences of each set (quick runs)")
    args = ap.parse_args(argv)
    from datetime import date
    day = date.fromisoformat(args.date)
    try:
        options, notes = parse_options(args.coder_option, args.no_model, args.model_only)
        if args.cv is not None and args.cv < 2:
            raise UsageError("--cv wants at least 2 folds")
    except UsageError as exc:
        print(f"realtext: {exc}", file=sys.stderr)
        return 2
    root = Path(args.data) if args.data else find_data_root(ROOT)
    out = sys.stdout
    print(f"shared data: {root or 'not found'}", file=out)
    for note in notes:
        print(note, file=out)
    result = {"data": str(root) if root else None}
    common = "".join(f" --coder-option {p}" for p in args.coder_option) + (f" --cv {args.cv}" if args.cv else "") \
        + (f" --limit {args.limit}" if args.limit else "")
    flags = {"dictionary": " --no-model", "model": " --model-only", "combined": "",
             "override": " --coder-option model_mode=override"}
    single = (" --no-model" if args.no_model else "") + (" --model-only" if args.model_only else "")
    runs = {m: ({**options, **MODES[m]}, flags[m]) for m in MODES} if args.modes else {"": (options, single)}
    for mode, (opts, flag) in runs.items():
        if mode:
            print(f"\n###### {mode}{' only' if mode in ('dictionary', 'model') else ''}", file=out)
        figures_ = run_sets(args, opts, flag + common, root, day, out)
        if mode:
            result[mode] = figures_
        else:
            result.update(figures_)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
