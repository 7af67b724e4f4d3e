"""Two families for the learned event layer, by the same grouped k-fold CV on ConfliBERT's
class file: the linear model the package ships (logistic regression over word n-grams and
parse features, `communique.learn`) and spaCy's own textcat trained with a spaCy config
(`benchmarks/configs/textcat_bow.cfg`, a bag of 1-2-grams).

    nice -n 10 .venv/bin/python benchmarks/model_families.py [--folds 5] [--examples FILE]
        [--config benchmarks/configs/textcat_bow.cfg] [--data DIR] [--json FILE]

Both families are trained per fold on the same sentences (the fold's training sentences and
the CAMEO manual examples) and scored on the fold's test sentences: five-way accuracy of the
model alone (its best class) and combined with the dictionary (the dictionary's first event
where it has one, else the model's class). Near-duplicates stay in one fold; spaCy runs
single-threaded with seed 0 and 10% of each training fold (seeded) as its dev set.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from communique.events.learned.classes import CLASS_OF_ROOT  # noqa: E402
from communique.learn.corpora import class_sentences  # noqa: E402
from communique.learn.fit import fit  # noqa: E402
from communique.learn.folds import folds  # noqa: E402
from communique.learn.train import collect_all, training_set  # noqa: E402
from communique.scoring.corpora import find_data_root  # noqa: E402

LABELS = [f"C{i}" for i in range(5)]
SINGLE = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "BLIS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def linear_fold(collected, test, examples) -> np.ndarray:
    data = training_set(collected, exclude=set(test.tolist()))
    fitted = fit(data, heads=("penta",))
    terms = [{"word": examples[i].word, "parse": examples[i].parse} if examples[i] else {"word": [], "parse": []}
             for i in test]
    p = fitted.proba("penta", terms)
    order = [list(fitted.classifiers["penta"].classes_).index(str(c)) for c in range(5)]
    return p[:, order]


def _docbin(nlp, texts, labels, path: Path) -> None:
    from spacy.tokens import DocBin
    db = DocBin()
    for t, y in zip(texts, labels):
        d = nlp.make_doc(t)
        d.cats = {c: float(i == y) for i, c in enumerate(LABELS)}
        db.add(d)
    db.to_disk(path)


def textcat_fold(rows, manual, train, test, config: Path, work: Path, n: int) -> np.ndarray:
    import spacy
    blank = spacy.blank("en")
    train = np.random.default_rng(n).permutation(train)
    dev, tr = train[:len(train) // 10], train[len(train) // 10:]
    texts = [rows[i][0] for i in tr] + [t for t, _ in manual]
    labels = [rows[i][1] for i in tr] + [CLASS_OF_ROOT[r] for _, r in manual]
    _docbin(blank, texts, labels, work / f"train{n}.spacy")
    _docbin(blank, [rows[i][0] for i in dev], [rows[i][1] for i in dev], work / f"dev{n}.spacy")
    out = work / f"fold{n}"
    subprocess.run([sys.executable, "-m", "spacy", "train", str(config), "--output", str(out),
                    "--paths.train", str(work / f"train{n}.spacy"), "--paths.dev", str(work / f"dev{n}.spacy")],
                   check=True, env={**os.environ, **SINGLE}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    nlp = spacy.load(out / "model-best")
    return np.array([[d.cats[c] for c in LABELS] for d in nlp.pipe([rows[i][0] for i in test])])


def scores(proba: np.ndarray, gold: np.ndarray, dictionary: np.ndarray) -> dict:
    model = proba.argmax(1)
    combined = np.where(dictionary >= 0, dictionary, model)
    left = dictionary < 0
    return {"model_only": round(float((model == gold).mean()), 4),
            "combined": round(float((combined == gold).mean()), 4),
            "model_on_dictionary_misses": round(float((model[left] == gold[left]).mean()), 4)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--examples", help="cache of the collected training examples (JSON lines)")
    ap.add_argument("--config", type=Path, default=ROOT / "benchmarks/configs/textcat_bow.cfg")
    ap.add_argument("--data", type=Path)
    ap.add_argument("--json", dest="json_out")
    args = ap.parse_args(argv)
    root = args.data or find_data_root(ROOT)
    if root is None or not (root / "conflibert/data/cameo_class/train.tsv").is_file():
        print("model_families: the shared data is absent (conflibert/data/cameo_class/train.tsv)", file=sys.stderr)
        return 2
    collected = collect_all(root, cache=Path(args.examples) if args.examples else None)
    rows = class_sentences(root)
    gold = np.array([k for _, k in rows])
    examples = [ex for ex, _ in collected.labelled]
    dictionary = np.array([CLASS_OF_ROOT[ex.roots[0]] if ex and ex.roots else -1 for ex in examples])
    manual = [(ex.text, r) for ex, r in collected.manual]
    proba = {"linear": np.zeros((len(rows), 5)), "textcat": np.zeros((len(rows), 5))}
    seconds = {"linear": 0.0, "textcat": 0.0}
    with tempfile.TemporaryDirectory() as tmp:
        for n, (train, test) in enumerate(folds([t for t, _ in rows], gold.tolist(), args.folds)):
            t0 = time.perf_counter()
            proba["linear"][test] = linear_fold(collected, test, examples)
            t1 = time.perf_counter()
            proba["textcat"][test] = textcat_fold(rows, manual, train, test, args.config, Path(tmp), n)
            t2 = time.perf_counter()
            seconds["linear"] += t1 - t0
            seconds["textcat"] += t2 - t1
            print(f"fold {n + 1}/{args.folds}: linear {t1 - t0:.0f}s, textcat {t2 - t1:.0f}s", flush=True)
    d_acc = float((np.where(dictionary >= 0, dictionary, 0) == gold).mean())
    result = {"sentences": len(rows), "folds": args.folds, "dictionary_only": round(d_acc, 4),
              **{f: {**scores(p, gold, dictionary), "train_seconds": round(seconds[f])} for f, p in proba.items()}}
    print(f"dictionary only: 5-way accuracy {d_acc:.1%}")
    for f in proba:
        r = result[f]
        print(f"{f:8s} model only {r['model_only']:.1%}  combined {r['combined']:.1%}  "
              f"(on the dictionary's misses {r['model_on_dictionary_misses']:.1%}; {r['train_seconds']}s of training)")
    best = max(proba, key=lambda f: (result[f]["combined"], result[f]["model_only"]))
    print(f"kept: {best}")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
