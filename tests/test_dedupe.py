"""The compact near-duplicate index: same groups as datasketch's MinHashLSH, less memory."""
import random
import tracemalloc

import pytest
from datasketch import MinHashLSH

from communique.store.dedupe import Deduper

WORDS = ["minister", "talks", "border", "trade", "sanctions", "missile", "summit", "envoy", "troops",
         "ceasefire", "treaty", "parliament", "vote", "election", "protest", "rally", "statement",
         "meeting", "visit", "aid", "loan"]


def stories(n: int, seed: int = 7) -> list[tuple[str, str]]:
    """n texts: fresh stories, light edits of earlier ones, and empty ones."""
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    for i in range(n):
        earlier = [text for _, text in out if text]
        if earlier and rng.random() < 0.3:
            words = rng.choice(earlier).split()
            for _ in range(rng.randint(0, 2)):
                words[rng.randrange(len(words))] = rng.choice(WORDS)
            text = " ".join(words)
        elif rng.random() < 0.02:
            text = ""
        else:
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60)))
        out.append((f"d{i}", text))
    return out


def reference(docs, threshold):
    """The previous index: datasketch's LSH over MinHash objects."""
    d = Deduper(threshold=threshold)
    lsh, heads, out = MinHashLSH(threshold=threshold, num_perm=d.num_perm), {}, []
    for doc_id, text in docs:
        m = d.signature(text)
        best = None
        if not m.is_empty():
            for cand in lsh.query(m):
                sim = float(m.jaccard(heads[cand]))
                if sim >= threshold and (best is None or (-sim, cand) < (-best[0], best[1])):
                    best = (sim, cand)
        if best is None:
            heads[doc_id] = m
            lsh.insert(doc_id, m)
            out.append((doc_id, 1.0))
        else:
            out.append((best[1], round(best[0], 4)))
    return out


@pytest.mark.parametrize("threshold", [0.5, 0.8, 0.9])
def test_same_groups_as_datasketch_lsh(threshold):
    docs = stories(1500)
    d = Deduper(threshold=threshold)
    got = [(a.group_id, a.similarity) for a in (d.assign(i, d.signature(t)) for i, t in docs)]
    assert got == reference(docs, threshold)
    assert sum(g != i for (g, _), (i, _) in zip(got, docs)) > 100


def test_a_group_head_costs_under_two_kilobytes():
    d = Deduper()
    sigs = [(f"d{i}", d.signature(f"story {i} " + " ".join(WORDS[i % 7:]) + f" number {i}"))
            for i in range(3000)]
    tracemalloc.start()
    try:
        for doc_id, m in sigs:
            d.add_head(doc_id, m)
        used, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert d.heads == 3000
    assert used / d.heads < 2048
