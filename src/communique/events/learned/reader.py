"""numpy-only scoring of the shipped event model (an .npz file; nothing is pickled).

The file holds term blocks (``word``: word 1-2-grams; ``parse``: parse features), each a
vocabulary and its idf, and heads (``gate``: event or not; ``penta``: ConfliBERT's five
classes; ``root``: the 20 CAMEO roots; ``pregate``: event or not from the words alone), each
a coefficient matrix over the blocks it reads and its intercepts. Scoring reproduces
scikit-learn's tf-idf (sublinear tf, smoothed idf, l2 norm per block) and the multinomial
logistic regression it was trained with (`communique.learn`).
"""
from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

FORMAT = 1


@dataclass(frozen=True)
class Block:
    """One kind of term: its vocabulary (term -> column) and idf."""

    name: str
    index: dict[str, int]
    idf: np.ndarray

    def vector(self, terms: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Columns and l2-normalised tf-idf weights of the known terms."""
        counts = Counter(t for t in terms if t in self.index)
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        idx = np.fromiter((self.index[t] for t in counts), dtype=np.int64, count=len(counts))
        val = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float64,
                          count=len(counts)) * self.idf[idx]
        return idx, val / np.sqrt(val @ val)


@dataclass(frozen=True)
class Head:
    """A linear classifier over some blocks: P(label) by softmax."""

    labels: tuple[str, ...]
    blocks: tuple[str, ...]
    offsets: tuple[int, ...]  # first row of each block in coef
    coef: np.ndarray  # rows: features of the blocks, in order; columns: labels (float16)
    intercept: np.ndarray

    def proba(self, vectors: dict[str, tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
        scores = self.intercept.astype(np.float64)
        for name, offset in zip(self.blocks, self.offsets):
            idx, val = vectors[name]
            if len(idx):
                scores = scores + val @ self.coef[idx + offset].astype(np.float64)
        e = np.exp(scores - scores.max())
        return e / e.sum()


def _csr_to_dense(data, indices, indptr, shape) -> np.ndarray:
    out = np.zeros(tuple(int(x) for x in shape), dtype=np.float16)
    rows = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))
    out[rows, indices] = data
    return out


class EventModel:
    """The blocks and heads of one model file."""

    def __init__(self, blocks: dict[str, Block], heads: dict[str, Head], meta: dict):
        self.blocks, self.heads, self.meta = blocks, heads, meta

    @classmethod
    def load(cls, path: str | Path) -> EventModel:
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            if meta.get("format") != FORMAT:
                raise ValueError(f"{path}: event model format {meta.get('format')}, expected {FORMAT}")
            blocks = {}
            for name in meta["blocks"]:
                vocab = str(z[f"{name}.vocab"]).split("\n")
                blocks[name] = Block(name, {w: i for i, w in enumerate(vocab)}, z[f"{name}.idf"].astype(np.float64))
            heads = {}
            for name in meta["heads"]:
                used = tuple(str(z[f"{name}.blocks"]).split(","))
                offsets = tuple(int(x) for x in np.cumsum([0] + [len(blocks[b].index) for b in used])[:-1])
                coef = _csr_to_dense(z[f"{name}.coef.data"], z[f"{name}.coef.indices"],
                                     z[f"{name}.coef.indptr"], z[f"{name}.coef.shape"])
                heads[name] = Head(tuple(str(x) for x in z[f"{name}.labels"]), used, offsets, coef,
                                   z[f"{name}.intercept"].astype(np.float64))
        return cls(blocks, heads, meta)

    def vectors(self, terms: dict[str, list[str]]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        return {name: block.vector(terms[name]) for name, block in self.blocks.items() if name in terms}

    def proba(self, head: str, vectors) -> dict[str, float]:
        h = self.heads[head]
        return dict(zip(h.labels, h.proba(vectors).tolist()))
