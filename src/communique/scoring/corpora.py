"""The real-news corpora of the shared data folder, read the way gold/realtext.jsonl addresses them.

A gold record names a corpus file (its path relative to the data root), a locator for one
document in it and the character offsets of a sentence in that document's text. Each corpus
has one well-defined document text:

- `news/reuters21578/reut2-NNN.sgm` (latin-1 SGML), locator `{"newid": N, "field": "BODY"}`:
  the story's BODY, unescaped, without the closing "Reuter", hard-wrapped lines joined (an
  indented line starts a paragraph; paragraphs are separated by a blank line);
- `news/bbc/SECTION/NNN.txt`, locator `{}`: the whole file (the title is its first line);
- `news/ag_news_csv/test.csv`, locator `{"row": N, "field": "description"}`: the 1-based
  CSV row's title, a blank line and its description;
- `news/news_category_dataset/*.json` (JSON lines), locator
  `{"line": N, "field": "short_description"}`: the 1-based line's headline, a blank line and
  its short description;
- `conflibert/pretrain-corpora/Samples/*/*.txt`, locator `{"line": N}`: the article that
  starts on line N, a run of non-blank lines joined with "\n".

Nothing of these texts is stored in the repository; ``sentence_hash`` detects a corpus that
changed under a record.
"""
from __future__ import annotations

import csv
import hashlib
import html
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from communique.errors import CommuniqueError

DATA_ENV = "COMMUNIQUE_SHARED_DATA"
_REUTERS_DOC = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
_NEWID = re.compile(r'NEWID="(\d+)"')


class CorpusError(CommuniqueError):
    """A corpus reference that cannot be resolved (missing file or document, changed text)."""


@dataclass(frozen=True)
class CorpusDocument:
    corpus: str            # path relative to the data root, with forward slashes
    locator: dict
    text: str
    date: date | None
    meta: dict = field(default_factory=dict)  # e.g. the AG class or HuffPost category

    def key(self) -> str:
        return f"{self.corpus}#{json.dumps(self.locator, sort_keys=True)}"


def sentence_hash(text: str) -> str:
    """Short fingerprint of a sentence (12 hex digits of its UTF-8 SHA-1)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def find_data_root(*starts: str | Path) -> Path | None:
    """The shared data folder: $COMMUNIQUE_SHARED_DATA, else the first `shared/data` found in
    or above the given paths (e.g. the gold file) or the working directory."""
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env) if Path(env).is_dir() else None
    for start in (*starts, Path.cwd()):
        here = Path(start).resolve()
        for folder in (here, *here.parents):
            candidate = folder / "shared" / "data"
            if candidate.is_dir():
                return candidate
    return None


def corpus_kind(corpus: str) -> str:
    if corpus.startswith("news/reuters21578/") and corpus.endswith(".sgm"):
        return "reuters"
    if corpus.startswith("news/bbc/") and corpus.endswith(".txt"):
        return "bbc"
    if corpus.startswith("news/ag_news_csv/") and corpus.endswith(".csv"):
        return "ag"
    if corpus.startswith("news/news_category_dataset/"):
        return "huffpost"
    if corpus.startswith("conflibert/pretrain-corpora/") and corpus.endswith(".txt"):
        return "pretrain"
    raise CorpusError(f"unknown corpus {corpus!r}")


def reuters_body(raw: str) -> str:
    """A Reuters BODY as plain text: entities unescaped, control characters and the closing
    "Reuter" dropped, each paragraph on one line, paragraphs separated by a blank line."""
    text = html.unescape(re.sub(r"&#\d+;", "", raw))
    text = re.sub(r"\s*Reuter\s*$", "", text.strip())
    paragraphs = re.split(r"\n {2,}", text)
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines()) for p in paragraphs)


def _tag(name: str, body: str) -> str | None:
    m = re.search(rf"<{name}>(.*?)</{name}>", body, re.S)
    return m.group(1) if m else None


def _iter_reuters(path: Path, corpus: str) -> Iterator[CorpusDocument]:
    data = path.read_bytes().decode("latin-1")
    for m in _REUTERS_DOC.finditer(data):
        body = _tag("BODY", m.group(2))
        if not body or not body.strip():
            continue
        raw_date = (_tag("DATE", m.group(2)) or "").strip()
        try:
            day = datetime.strptime(raw_date.split()[0], "%d-%b-%Y").date()
        except (ValueError, IndexError):
            day = None
        title = _tag("TITLE", m.group(2))
        yield CorpusDocument(corpus, {"newid": int(_NEWID.search(m.group(1)).group(1)), "field": "BODY"},
                             reuters_body(body), day, {"title": html.unescape(title).strip() if title else ""})


def _iter_ag(path: Path, corpus: str) -> Iterator[CorpusDocument]:
    with open(path, encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.reader(fh), start=1):
            yield CorpusDocument(corpus, {"row": n, "field": "description"}, f"{row[1]}\n\n{row[2]}", None,
                                 {"class": row[0], "title": row[1]})


def _iter_huffpost(path: Path, corpus: str) -> Iterator[CorpusDocument]:
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            rec = json.loads(line)
            text = f"{rec.get('headline') or ''}\n\n{rec.get('short_description') or ''}"
            yield CorpusDocument(corpus, {"line": n, "field": "short_description"},
                                 text, date.fromisoformat(rec["date"][:10]),
                                 {"category": rec.get("category"), "title": rec.get("headline") or ""})


def _iter_pretrain(path: Path, corpus: str) -> Iterator[CorpusDocument]:
    lines = path.read_text(encoding="utf-8").split("\n")
    block: list[str] = []
    first = 0
    for n, line in enumerate([*lines, ""], start=1):
        if line.strip():
            if not block:
                first = n
            block.append(line)
        elif block:
            yield CorpusDocument(corpus, {"line": first}, "\n".join(block), None, {"title": block[0]})
            block = []


_READERS = {"reuters": _iter_reuters, "ag": _iter_ag, "huffpost": _iter_huffpost,
            "pretrain": _iter_pretrain}


def iter_corpus(root: Path, corpus: str) -> Iterator[CorpusDocument]:
    """Every document of one corpus file, in file order."""
    kind = corpus_kind(corpus)
    path = Path(root) / corpus
    if not path.is_file():
        raise CorpusError(f"{corpus}: no such file under {root}")
    if kind == "bbc":
        yield CorpusDocument(corpus, {}, path.read_bytes().decode("latin-1"), None, {})
        return
    yield from _READERS[kind](path, corpus)


@dataclass
class CorpusLibrary:
    """Resolves gold-record references against one data root, reading each file once."""

    root: Path
    _docs: dict[str, dict[str, CorpusDocument]] = field(default_factory=dict)

    def document(self, corpus: str, locator: dict) -> CorpusDocument:
        if corpus not in self._docs:
            self._docs[corpus] = {d.key(): d for d in iter_corpus(self.root, corpus)}
        key = f"{corpus}#{json.dumps(locator, sort_keys=True)}"
        doc = self._docs[corpus].get(key)
        if doc is None:
            raise CorpusError(f"{corpus}: no document at {json.dumps(locator)}")
        return doc

    def sentence(self, rec: dict) -> tuple[CorpusDocument, str]:
        """The document and sentence a gold record points to; the hash must match."""
        doc = self.document(rec["corpus"], rec.get("locator") or {})
        start, end = rec["start"], rec["end"]
        if not (0 <= start < end <= len(doc.text)):
            raise CorpusError(f"{rec['corpus']}: offsets {start}-{end} outside the document")
        text = doc.text[start:end]
        if sentence_hash(text) != rec.get("sha1"):
            raise CorpusError(f"{rec['corpus']}: the text at {start}-{end} changed (hash "
                              f"{sentence_hash(text)}, expected {rec.get('sha1')})")
        return doc, text
