"""The hand-coded gold file must keep scoring at least what the README records."""
from pathlib import Path

from communique.evaluate import evaluate, load_gold

GOLD = Path(__file__).resolve().parents[1] / "gold" / "gold.jsonl"


def test_gold_file_is_broad():
    records = load_gold(GOLD)
    assert len(records) >= 150
    roots = {x["cameo"][:2] for r in records for x in r["expected"]}
    assert roots >= {f"{i:02d}" for i in range(1, 21)}


def test_gold_root_level_f1(coder):
    ev = evaluate(load_gold(GOLD), coder)
    root = ev.levels["root"]
    assert root.f1 >= 0.75, (root.precision, root.recall)
