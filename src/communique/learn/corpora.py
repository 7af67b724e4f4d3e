"""The training data, read by path from the shared data folder (nothing is copied).

* ConfliBERT ``conflibert/data/cameo_class/train.tsv`` (GPL-3.0 annotations): 1,349 news
  sentences with a five-way class;
* the CAMEO manual's example sentences in ``cameo-reference/andybega-icews/cameo-codes.csv``
  (MIT): one per code, with its root;
* news for weak labels (research use): Reuters-21578, BBC News, the ConfliBERT pre-training
  samples, SATP and InsightCrime summaries, GLOCON documents, AG News (World) and HuffPost
  (politics, world and U.S. news), the first ``per_corpus`` documents of each.
"""
from __future__ import annotations

import csv
import html
import json
import re
from collections.abc import Iterator
from datetime import date
from itertools import islice
from pathlib import Path

from communique.events.learned.classes import CLASS_OF_ROOT
from communique.records import Document

CLASS_FILE = "conflibert/data/cameo_class/train.tsv"
MANUAL_FILE = "cameo-reference/andybega-icews/cameo-codes.csv"
DAY = date(2019, 6, 30)  # the date of undated labelled sentences (as benchmarks/realtext.py)
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)


def class_sentences(root: Path) -> list[tuple[str, int]]:
    """(text, class) of ConfliBERT's cameo_class file."""
    with open(root / CLASS_FILE, encoding="utf-8", newline="") as fh:
        return [(row[0], int(row[1])) for row in csv.reader(fh, delimiter="\t") if len(row) == 2]


def manual_examples(root: Path) -> list[tuple[str, str]]:
    """(example sentence, CAMEO root) of every code in the ICEWS CAMEO table that has one."""
    out = []
    with open(root / MANUAL_FILE, encoding="utf-8", errors="replace", newline="") as fh:
        for row in csv.DictReader(fh):
            text, code = (row.get("example") or "").strip(), (row.get("code") or "").strip()
            if text and text != "NA" and code[:2] in CLASS_OF_ROOT:
                out.append((text, code[:2]))
    return out


def _tsv(path: Path, name: str) -> Iterator[Document]:
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        for i, row in enumerate(csv.reader(fh, delimiter="\t")):
            if row and row[0].strip():
                yield Document(f"{name}-{path.stem}-{i}", row[0], None)


def _reuters(root: Path) -> Iterator[Document]:
    for path in sorted((root / "news/reuters21578").glob("reut2-*.sgm")):
        for i, m in enumerate(_BODY.finditer(path.read_bytes().decode("latin-1"))):
            text = html.unescape(m.group(1)).replace("\x03", "").strip()
            if text:
                yield Document(f"reuters-{path.stem}-{i}", text, date(1987, 3, 1))


def _files(paths, name: str, day: date | None = None) -> Iterator[Document]:
    for p in paths:
        yield Document(f"{name}-{p.parent.name}-{p.stem}", p.read_text(encoding="utf-8", errors="replace"), day)


def _jsonl(path: Path, name: str, text) -> Iterator[Document]:
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if line.strip() and (t := text(json.loads(line))):
                yield Document(f"{name}-{i}", t, None)


def _ag(path: Path) -> Iterator[Document]:
    with open(path, encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.reader(fh)):
            if row and row[0] == "1":  # World
                yield Document(f"ag-{i}", f"{row[1]}. {row[2]}", None)


def news_documents(root: Path, per_corpus: int) -> Iterator[tuple[str, Document]]:
    """(corpus name, document) of every news corpus present, ``per_corpus`` of each."""
    c = root / "conflibert/data"
    corpora = {
        "reuters": lambda: _reuters(root),
        "bbc": lambda: _files(sorted((root / "news/bbc").glob("*/*.txt")), "bbc", date(2005, 1, 1)),
        "pretrain": lambda: _files(sorted((c.parent / "pretrain-corpora/Samples").glob("*/*.txt")), "pretrain"),
        "satp": lambda: (d for s in ("train", "dev", "test") for d in _tsv(c / f"satp_relevant/{s}.tsv", "satp")),
        "insightcrime": lambda: (d for s in ("train", "dev", "test")
                                 for d in _tsv(c / f"insightCrime/{s}.tsv", "insightcrime")),
        "glocon": lambda: _jsonl(root / "glocongold/sample/document/Sabinet_R.json", "glocon",
                                 lambda r: r.get("text")),
        "ag": lambda: _ag(root / "news/ag_news_csv/test.csv"),
        "huffpost": lambda: _jsonl(root / "news/news_category_dataset/News_Category_Dataset_v3.json", "huffpost",
                                   lambda r: f"{r['headline']}. {r['short_description']}" if r.get("category") in (
                                       "POLITICS", "WORLD NEWS", "U.S. NEWS") else None),
    }
    for name, docs in corpora.items():
        try:
            for doc in islice(docs(), per_corpus):
                yield name, doc
        except FileNotFoundError:
            continue  # a corpus that is absent is left out
