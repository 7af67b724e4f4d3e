"""Grouped k-fold cross-validation over the labelled sentences: near-duplicates (word-bigram
tf-idf cosine >= 0.6) share a group, and a group stays in one fold."""
from __future__ import annotations

import numpy as np
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import StratifiedGroupKFold

SEED = 0


def near_duplicate_groups(texts: list[str], threshold: float = 0.6) -> np.ndarray:
    x = TfidfVectorizer(ngram_range=(1, 2)).fit_transform(texts)
    sim = x @ x.T
    sim.data[sim.data < threshold] = 0
    sim.eliminate_zeros()
    return connected_components(sim, directed=False)[1]


def folds(texts: list[str], labels: list[int], k: int = 5) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train, test) index arrays of k seeded, stratified, grouped folds."""
    groups = near_duplicate_groups(texts)
    y = np.asarray(labels)
    return list(StratifiedGroupKFold(k, shuffle=True, random_state=SEED).split(np.zeros(len(y)), y, groups))
