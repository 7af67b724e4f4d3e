"""Draw the sentences of gold/realtext.jsonl from the real news corpora in ../shared/data.

    .venv/bin/python benchmarks/draw_realtext.py [--data DIR] [--out gold/realtext.jsonl] [--check]

The draw is seeded and reproducible; `--check` draws again and fails unless the gold file
holds exactly the drawn sentences. Nothing the coder does takes part in it.

Design
------
* **Strata with fixed shares** (330 sentences):

  - `bbc` (65): BBC News, the politics section (417 files, 2004-05);
  - `ag` (65): AG News test split, class 1 "World" (1,900 rows, 2004);
  - `huffpost` (65): HuffPost News Category, categories POLITICS, WORLD NEWS and U.S. NEWS
    (5,933 records, 2018-22);
  - `pretrain` (75): the 20 ConfliBERT pre-training samples (articles of CFR, FRUS, HRW, UN
    News, ABC, BBC, CNA, CNN, The Conversation, France24, India Times, LA Times, SFGate, The
    News PK, UPI, Xinhua, Gigaword CNA, Phoenix real-time, Wikipedia);
  - `reuters` (60): Reuters-21578, every story with a body (19,043, 1987; mostly economic
    news, unfiltered).

* **Documents** are those of `communique.scoring.corpora`: a Reuters BODY; a BBC file; an AG
  row and a HuffPost record as headline, blank line, description; a pre-training article (a
  run of non-blank lines). The first line of every document but a Reuters body is its title
  and is never drawn (it stays in the document, as context for the coder).
* **Sentences** by this rule: every line of the document is split at `.`, `!` or `?` (with
  any closing quotes or brackets) followed by white space and an upper-case letter, a digit or
  an opening quote, except after an abbreviation (a title such as Mr. or Gen., a month, a
  US state, Inc./Co., a single letter or letters with dots such as U.S.); a line break always
  ends a sentence. A sentence is a candidate when it has 6 to 70 words (white-space
  separated), starts with an upper-case letter, a digit or a quote, and ends with sentence
  punctuation (so headlines, datelines and table rows drop out).
* **Draw**: per stratum, with `random.Random(f"{SEED}:{stratum}")`, the documents (in a
  fixed order) are shuffled; going through them in that order, one candidate sentence is
  picked uniformly from each document that has any, until the stratum's share is reached.
  So no document gives two sentences, and each document with a candidate is equally likely
  to be drawn, however long it is.
* **Dates**: the corpus date where there is one (Reuters `DATE`, HuffPost `date`);
  otherwise a stated default: BBC 2005-01-01 (the stories are from 2004-05), AG 2004-08-15
  (the World rows are from the second half of 2004), and for each pre-training file the
  approximate date of most of its articles, judged from their content (``PRETRAIN_DATES``).

Each record holds the corpus path (relative to the data root), the document's locator, the
sentence's character offsets in the document text and a 12-digit SHA-1 of the sentence; no
corpus text. Running the script again keeps the `expected` and `note` of records already in
the file (matched by address), so the draw can be re-checked after hand-coding.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from communique.scoring.corpora import (  # noqa: E402
    CorpusDocument,
    find_data_root,
    iter_corpus,
    sentence_hash,
)

SEED = 20261204
OUT = ROOT / "gold" / "realtext.jsonl"
SHARES = {"bbc": 65, "ag": 65, "huffpost": 65, "pretrain": 75, "reuters": 60}
DEFAULT_DATES = {"bbc": "2005-01-01", "ag": "2004-08-15"}
HUFFPOST_CATEGORIES = {"POLITICS", "WORLD NEWS", "U.S. NEWS"}
PRETRAIN = "conflibert/pretrain-corpora/Samples"
# Approximate date of most articles in each pre-training sample (the files carry none).
PRETRAIN_DATES = {
    "crf_003.txt": "2013-01-01", "frus_022.txt": "1958-08-01", "hrw_012.txt": "2006-07-01",
    "unnews_006.txt": "2005-11-15", "abc_2001_2021_000.txt": "2001-01-01",
    "bbc_2010_2021_084.txt": "2020-12-07", "cna_007.txt": "2014-07-15", "cnn_001.txt": "2000-12-01",
    "conversation_001.txt": "2017-07-15", "france24_003.txt": "2012-07-15",
    "indiatimes_009.txt": "2016-01-01", "latimes_001_012.txt": "1986-08-15",
    "latimes_026_010.txt": "2011-03-20", "sfgate_021.txt": "1995-04-30",
    "thenewspk_024.txt": "2016-09-01", "upi_011.txt": "1981-11-04", "xinhua_005.txt": "2019-05-28",
    "cna_eng_201009.txt": "2010-09-15", "st_002.txt": "2017-11-11", "wiki_171.txt": "2019-01-01",
}

ABBREVIATIONS = set(re.findall(r"[a-z]+", """
mr mrs ms dr prof gen lt col maj capt sgt cmdr adm brig sen rep gov pres st jr sr rev fr hon
no nos vs etc inc corp co ltd plc bros dept univ assn est approx op vol
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb
nev okla ore pa tenn tex va vt wash wis wyo mt ft
"""))
_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s)")
_NEXT = re.compile(r"\s+[\"'\u201c\u2018(\[]?[A-Z0-9]")
_DOTTED = re.compile(r"^(?:[A-Za-z]\.)+$")
_START = re.compile(r"^[\"'\u201c\u2018(\[]?[A-Z0-9]")
_FINAL = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")


def _abbreviation(line: str, dot: int) -> bool:
    """Is the word that ends with the period at ``dot`` an abbreviation?"""
    word = line[:dot + 1].split()[-1].lstrip("\"'\u201c\u2018([")
    return bool(_DOTTED.match(word)) or word[:-1].lower() in ABBREVIATIONS


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of a document, by the rule in the docstring."""
    spans = []
    offset = 0
    for line in text.split("\n"):
        cuts = [0]
        for m in _END.finditer(line):
            if not _NEXT.match(line, m.end()):
                continue
            if m.group().startswith(".") and len(m.group().rstrip("\"'\u201d\u2019)]")) == 1 \
                    and _abbreviation(line, m.start()):
                continue
            cuts.append(m.end())
        cuts.append(len(line))
        for a, b in zip(cuts, cuts[1:]):
            piece = line[a:b]
            stripped = piece.strip()
            if stripped:
                start = offset + a + (len(piece) - len(piece.lstrip()))
                spans.append((start, start + len(stripped)))
        offset += len(line) + 1
    return spans


def candidates(text: str, titled: bool = True) -> list[tuple[int, int]]:
    out = []
    first_line = text.find("\n") if titled else -1
    for start, end in split_sentences(text):
        if titled and (first_line < 0 or start < first_line):
            continue  # the title line is never drawn
        sentence = text[start:end]
        if 6 <= len(sentence.split()) <= 70 and _START.match(sentence) and _FINAL.search(sentence):
            out.append((start, end))
    return out


def stratum_documents(root: Path, stratum: str) -> list[CorpusDocument]:
    if stratum == "bbc":
        files = sorted((root / "news/bbc/politics").glob("*.txt"))
        return [d for f in files for d in iter_corpus(root, f.relative_to(root).as_posix())]
    if stratum == "ag":
        return [d for d in iter_corpus(root, "news/ag_news_csv/test.csv") if d.meta["class"] == "1"]
    if stratum == "huffpost":
        corpus = "news/news_category_dataset/News_Category_Dataset_v3.json"
        return [d for d in iter_corpus(root, corpus) if d.meta["category"] in HUFFPOST_CATEGORIES]
    if stratum == "pretrain":
        files = sorted((root / PRETRAIN).glob("*/*.txt"))
        return [d for f in files for d in iter_corpus(root, f.relative_to(root).as_posix())]
    if stratum == "reuters":
        files = sorted((root / "news/reuters21578").glob("reut2-*.sgm"))
        return [d for f in files for d in iter_corpus(root, f.relative_to(root).as_posix())]
    raise ValueError(stratum)


def document_date(doc: CorpusDocument, stratum: str) -> tuple[str, str]:
    if doc.date:
        return doc.date.isoformat(), "corpus"
    if stratum == "pretrain":
        return PRETRAIN_DATES[doc.corpus.rsplit("/", 1)[1]], "default"
    return DEFAULT_DATES[stratum], "default"


def draw(root: Path) -> list[dict]:
    records = []
    for stratum, share in SHARES.items():
        rng = random.Random(f"{SEED}:{stratum}")
        docs = stratum_documents(root, stratum)
        rng.shuffle(docs)
        picked = 0
        for doc in docs:
            spans = candidates(doc.text, titled=stratum != "reuters")
            if not spans:
                continue
            start, end = spans[rng.randrange(len(spans))]
            day, origin = document_date(doc, stratum)
            picked += 1
            records.append({"id": f"{stratum}-{picked:03d}", "stratum": stratum, "corpus": doc.corpus,
                            "locator": doc.locator, "start": start, "end": end,
                            "sha1": sentence_hash(doc.text[start:end]), "date": day, "date_from": origin})
            if picked == share:
                break
    return records


def _address(rec: dict) -> tuple:
    return rec["corpus"], json.dumps(rec["locator"], sort_keys=True), rec["start"], rec["end"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", help="shared data root (default: found beside the repository)")
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--check", action="store_true", help="verify the gold file against a new draw")
    args = ap.parse_args(argv)
    root = Path(args.data) if args.data else find_data_root(ROOT)
    if root is None or not root.is_dir():
        print("draw_realtext: the shared data folder was not found (use --data)", file=sys.stderr)
        return 2
    records = draw(root)
    out = Path(args.out)
    old = {}
    if out.exists():
        old = {_address(r): r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    if args.check:
        same = [_address(r) for r in records] == list(old)
        print(f"{len(records)} drawn, {len(old)} in {out}: {'identical' if same else 'DIFFERENT'}")
        return 0 if same else 1
    with open(out, "w", encoding="utf-8") as fh:
        for rec in records:
            prev = old.get(_address(rec), {})
            rec["expected"] = prev.get("expected")
            if prev.get("note"):
                rec["note"] = prev["note"]
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} records to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
