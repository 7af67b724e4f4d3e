"""Text in one case: how many events the coder finds in lower-cased and upper-cased copies of
real news, with and without the true-cased copy for the parser (issue 11, item 4).

    .venv/bin/python benchmarks/casing.py [--corpus ../shared/data/news/bbc/politics] [--docs N]
    .venv/bin/python benchmarks/casing.py --muc4      # MUC-4 (upper-case FBIS reports) as they come

For a mixed-case corpus, every story is coded as it is (the reference), lower-cased and
upper-cased (same length, so offsets agree); printed per copy and setting: events, and how
many of them agree with the reference's (same verb offset, source and target codes, CAMEO
code), as recall and precision against the reference. For MUC-4, which only exists in capitals,
events with and without true-casing and the share with a coded source. Figures depend on the
shared data in ../shared/data; absent, the script says so and exits 0.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from communique.coder.core import Coder  # noqa: E402
from communique.records import Document  # noqa: E402
from communique.scoring.corpora import find_data_root  # noqa: E402


def events(coder, docs) -> list[set]:
    out = []
    for coded in coder.code_documents(docs):
        out.append({(e.verb.start, e.source_code, e.target_code, e.cameo) for e in coded.events})
    return out


def agreement(ref: list[set], got: list[set]) -> dict:
    both = sum(len(r & g) for r, g in zip(ref, got))
    n_ref, n_got = sum(map(len, ref)), sum(map(len, got))
    return {"events": n_got, "agree": both, "recall": round(both / n_ref, 3) if n_ref else 0.0,
            "precision": round(both / n_got, 3) if n_got else 0.0}


def read_folder(folder: Path, limit: int | None) -> list[Document]:
    files = sorted(folder.rglob("*.txt"))[:limit]
    return [Document(f.stem, f.read_text(encoding="latin-1"), None) for f in files]


def read_muc4(root: Path, limit: int | None) -> list[Document]:
    docs = []
    for part in ("train", "dev", "test"):
        path = root / "conflibert" / "data" / "muc4" / f"{part}.json"
        if path.is_file():
            for doc_id, rec in json.loads(path.read_text(encoding="utf-8")).items():
                docs.append(Document(doc_id, rec["doc"], None))
    return docs[:limit]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, help="a folder of .txt stories (default: BBC politics)")
    ap.add_argument("--docs", type=int, help="only the first N documents")
    ap.add_argument("--muc4", action="store_true", help="code MUC-4 (upper case) instead")
    args = ap.parse_args(argv)
    root = find_data_root(ROOT)
    if root is None and args.corpus is None:
        print("casing: the shared data (../shared/data) was not found; nothing measured")
        return 0
    from datetime import date
    day = date(2005, 1, 1)
    plain, cased = Coder(truecase=False), Coder()
    if args.muc4:
        docs = read_muc4(root, args.docs)
        if not docs:
            print("casing: MUC-4 not found in the shared data; nothing measured")
            return 0
        print(f"MUC-4: {len(docs)} upper-case documents")
        for name, coder in (("without true-casing", plain), ("true-cased for the parser", cased)):
            found = [e for coded in coder.code_documents(docs, day) for e in coded.events]
            coded = sum(1 for e in found if e.source_code)
            print(f"  {name:<28} events {len(found):>6}, with a coded source {coded:>6}")
        return 0
    folder = args.corpus or root / "news" / "bbc" / "politics"
    docs = read_folder(folder, args.docs)
    if not docs:
        print(f"casing: no .txt stories in {folder}; nothing measured")
        return 0
    docs = [Document(d.id, d.text, day) for d in docs]
    ref = events(cased, docs)
    print(f"{folder}: {len(docs)} stories, {sum(map(len, ref))} events as written")
    for style, change in (("lower-cased", str.lower), ("upper-cased", str.upper)):
        copies = [Document(d.id, change(d.text), day) for d in docs]
        copies = [c if len(c.text) == len(d.text) else d for c, d in zip(copies, docs)]
        for name, coder in (("without true-casing", plain), ("true-cased for the parser", cased)):
            f = agreement(ref, events(coder, copies))
            print(f"  {style:<12} {name:<28} events {f['events']:>5}, agree with the original "
                  f"{f['agree']:>5} (recall {f['recall']:.1%}, precision {f['precision']:.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
