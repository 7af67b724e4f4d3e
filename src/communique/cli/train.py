"""`communique train`: retrain the learned event layer from the shared data (offline)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from communique.cli.common import say
from communique.errors import CommuniqueError


def train(
    output: Annotated[str | None, typer.Option(
        "-o", "--output", help="model file to write (default: the one the package ships)")] = None,
    data: Annotated[str | None, typer.Option(
        "--data", help="shared data folder (default: $COMMUNIQUE_SHARED_DATA or shared/data found above)")] = None,
    per_corpus: Annotated[int, typer.Option("--per-corpus", min=1, help="news documents per corpus")] = 3000,
    negatives: Annotated[int, typer.Option("--negatives", min=0, help="news sentences without an event")] = 12000,
    cache: Annotated[str | None, typer.Option(
        "--cache", help="JSON-lines file of collected examples: read if present, else written")] = None,
    hold_out: Annotated[list[str] | None, typer.Option(
        "--hold-out", metavar="GOLD.jsonl", help="gold file whose sentences stay out of training (repeatable)")] = None,
) -> int:
    """Train the learned event layer (scikit-learn, one thread, fixed seeds) and write it."""
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    try:
        from communique.learn.train import train as run
    except ImportError as exc:
        raise CommuniqueError(f"training needs scikit-learn ({exc}); pip install -r requirements.lock") from None
    from communique.events.learned import MODEL_FILE
    from communique.scoring.corpora import find_data_root
    from communique.scoring.evaluate import load_gold

    root = Path(data) if data else find_data_root()
    if root is None or not (root / "conflibert/data/cameo_class/train.tsv").is_file():
        raise CommuniqueError(f"no training data: {root or 'shared/data'} lacks conflibert/data/cameo_class/train.tsv"
                              " (give --data DIR)")
    held = [r.get("sentence", r["text"]) for g in hold_out or [] for r in load_gold(g, root)]
    out = Path(output) if output else MODEL_FILE
    result = run(root, out, per_corpus, negatives, Path(cache) if cache else None, held, say=say)
    worst = max(result["reader_difference"].values())
    say(f"trained on {result['sentences']} sentences ({result['news_events']} weak events, "
        f"{result['negatives']} negatives, {result['held_out_news']} held-out news sentences left out); "
        f"numpy reader vs scikit-learn: max |dP| {worst:.5f}")
    return 0


def register(app: typer.Typer) -> None:
    app.command("train")(train)
