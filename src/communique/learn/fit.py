"""Fit the event model with scikit-learn and write it as the runtime reads it.

One tf-idf vectorizer per term block (``word``, ``parse``), fitted on every training
sentence, and four logistic regressions over them (C=10, lbfgs, one BLAS thread, fixed
seed): ``gate`` (event or not), ``penta`` (ConfliBERT's classes), ``root`` (CAMEO roots) and
``pregate`` (event or not from the words alone, for the pre-pass). The file is a zip of
.npy arrays written with fixed timestamps, so the same data gives the same bytes.
"""
from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from communique.events.learned.reader import FORMAT

SEED = 0
C = 10.0
PRUNE = 1e-3  # weights below this are dropped from the file
BLOCKS = ("word", "parse")
HEAD_BLOCKS = {"gate": BLOCKS, "penta": BLOCKS, "root": BLOCKS, "pregate": ("word",)}


@dataclass
class HeadData:
    """The training sentences of one head (indices into TrainingSet.terms) and labels."""

    rows: list[int] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)

    def add(self, row: int, label: str) -> None:
        self.rows.append(row)
        self.labels.append(label)


@dataclass
class TrainingSet:
    terms: list[dict[str, list[str]]] = field(default_factory=list)  # per sentence, per block
    heads: dict[str, HeadData] = field(default_factory=lambda: {h: HeadData() for h in HEAD_BLOCKS})
    meta: dict = field(default_factory=dict)

    def sentence(self, terms: dict[str, list[str]]) -> int:
        self.terms.append(terms)
        return len(self.terms) - 1


def _identity(x):
    return x


@dataclass
class Fitted:
    vectorizers: dict[str, TfidfVectorizer]
    classifiers: dict[str, LogisticRegression]

    def matrix(self, terms: list[dict[str, list[str]]], blocks) -> sparse.csr_matrix:
        return sparse.hstack([self.vectorizers[b].transform([t[b] for t in terms]) for b in blocks]).tocsr()

    def proba(self, head: str, terms: list[dict[str, list[str]]]) -> np.ndarray:
        return self.classifiers[head].predict_proba(self.matrix(terms, HEAD_BLOCKS[head]))


def fit(data: TrainingSet, heads=None) -> Fitted:
    """The vectorizers and the heads (all, or those named in ``heads``)."""
    with threadpool_limits(limits=1):
        vecs = {b: TfidfVectorizer(analyzer=_identity, sublinear_tf=True, lowercase=False).fit(
            [t[b] for t in data.terms]) for b in BLOCKS}
        mats = {b: v.transform([t[b] for t in data.terms]) for b, v in vecs.items()}
        models = {}
        for head, hd in data.heads.items():
            if heads is not None and head not in heads:
                continue
            x = sparse.hstack([mats[b][hd.rows] for b in HEAD_BLOCKS[head]]).tocsr()
            models[head] = LogisticRegression(C=C, max_iter=3000, random_state=SEED).fit(x, hd.labels)
    return Fitted(vecs, models)


def arrays(fitted: Fitted, meta: dict) -> dict[str, np.ndarray]:
    """The model as named arrays (the reader's format)."""
    out: dict[str, np.ndarray] = {}
    for b, vec in fitted.vectorizers.items():
        vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
        if any("\n" in t for t in vocab):
            raise ValueError("a term holds a line break")
        out[f"{b}.vocab"] = np.array("\n".join(vocab))
        out[f"{b}.idf"] = vec.idf_.astype(np.float32)
    for head, clf in fitted.classifiers.items():
        coef, intercept = clf.coef_, clf.intercept_
        if coef.shape[0] == 1:  # binary: a softmax over (-s/2, s/2) is the sigmoid of s
            coef, intercept = np.vstack([-coef / 2, coef / 2]), np.array([-intercept[0] / 2, intercept[0] / 2])
        coef = coef.T.copy()
        coef[np.abs(coef) < PRUNE] = 0
        csr = sparse.csr_matrix(coef.astype(np.float16).astype(np.float32))
        out[f"{head}.coef.data"] = csr.data.astype(np.float16)
        out[f"{head}.coef.indices"] = csr.indices.astype(np.int32)
        out[f"{head}.coef.indptr"] = csr.indptr.astype(np.int32)
        out[f"{head}.coef.shape"] = np.array(csr.shape, dtype=np.int64)
        out[f"{head}.intercept"] = intercept.astype(np.float32)
        out[f"{head}.labels"] = np.array([str(c) for c in clf.classes_])
        out[f"{head}.blocks"] = np.array(",".join(HEAD_BLOCKS[head]))
    full = {"format": FORMAT, "blocks": list(BLOCKS), "heads": list(fitted.classifiers), **meta}
    out["meta"] = np.array(json.dumps(full, sort_keys=True))
    return out


def write(named: dict[str, np.ndarray], path: Path) -> None:
    """A .npz (zip of .npy) with fixed timestamps and order: the same arrays, the same bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(named):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.asanyarray(named[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, buf.getvalue())
