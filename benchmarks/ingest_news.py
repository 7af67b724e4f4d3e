"""Ingest benchmark on real news: Reuters-21578 (SGML) and BBC News (folder of .txt).

    .venv/bin/python benchmarks/ingest_news.py --db /tmp/news.duckdb [--corpus reuters|bbc|both]
        [--limit N] [--keep-duplicates] [--workers 2]

Reads the corpora from ../shared/data/news (beside the repository), ingests them into a
DuckDB event store with the product's pipeline, and prints the ingest rate, the
near-duplicates found and a dyad table. The Reuters SGML reader lives here, not in the
product. Nothing is copied into the repository.
"""
from __future__ import annotations

import argparse
import html
import re
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from communique.readers import ReaderOptions, ReadReport, Record, iter_records  # noqa: E402

NEWS = ROOT.parent / "shared" / "data" / "news"
BBC_DATE = date(2005, 1, 1)  # the BBC files carry no date; the stories are from 2004-05

_DOC = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
_NEWID = re.compile(r'NEWID="(\d+)"')


def _tag(name: str, body: str) -> str | None:
    m = re.search(rf"<{name}>(.*?)</{name}>", body, re.S)
    return m.group(1) if m else None


def _clean(text: str) -> str:
    """Unescape, drop the closing "Reuter", and unwrap the hard-wrapped lines: an indented
    line starts a paragraph, any other line break is a space."""
    text = html.unescape(re.sub(r"&#\d+;", "", text))
    text = re.sub(r"\s*Reuter\s*$", "", text.strip())
    paragraphs = re.split(r"\n {2,}", text)
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines()) for p in paragraphs)


def reuters_records(folder: Path = NEWS / "reuters21578") -> Iterator[Record]:
    """Stories with a BODY from reut2-000.sgm ... reut2-021.sgm (latin-1 SGML)."""
    from communique.records import Document

    for path in sorted(folder.glob("reut2-*.sgm")):
        data = path.read_bytes().decode("latin-1")
        line, pos = 1, 0
        for m in _DOC.finditer(data):
            line += data.count("\n", pos, m.start())
            pos = m.start()
            attrs, body = m.group(1), m.group(2)
            text = _tag("BODY", body)
            if not text or not text.strip():
                continue
            newid = _NEWID.search(attrs).group(1)
            raw_date = (_tag("DATE", body) or "").strip()
            try:
                day = datetime.strptime(raw_date.split()[0], "%d-%b-%Y").date()
            except (ValueError, IndexError):
                day = None
            title = _tag("TITLE", body)
            yield Record(Document(f"reuters-{newid}", _clean(text), day,
                                  html.unescape(title).strip() if title else None, None, "Reuters"),
                         str(path), line)


def bbc_records(folder: Path = NEWS / "bbc") -> Iterator[Record]:
    options = ReaderOptions(format="txt", title_first_line=True, default_date=BBC_DATE)
    files = sorted(str(p) for p in folder.glob("*/*.txt"))
    yield from iter_records(files, options, ReadReport())


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", required=True, help="event store to create (outside the repository)")
    p.add_argument("--corpus", choices=("reuters", "bbc", "both"), default="both")
    p.add_argument("--limit", type=int, help="only the first N documents of each corpus")
    p.add_argument("--keep-duplicates", action="store_true")
    p.add_argument("--threshold", type=float, default=0.8)
    p.add_argument("--progress", default="auto", choices=("auto", "bar", "lines", "none"))
    p.add_argument("--workers", type=int, default=1, help="coding processes")
    args = p.parse_args(argv)
    if not NEWS.is_dir():
        print(f"benchmark skipped: {NEWS} not found", file=sys.stderr)
        return 0

    from communique.analysis.dyads import duplicate_groups, dyads, top_dyads
    from communique.cli.progress_report import make_progress
    from communique.cli.queries import print_table as _print_table
    from communique.coder.pool import make_coder
    from communique.store.event_store import EventStore
    from communique.store.ingest import IngestOptions, ingest

    t0 = time.monotonic()
    coder = make_coder(args.workers)
    print(f"coder {coder.version} loaded in {time.monotonic() - t0:.1f} s")
    corpora = {"reuters": reuters_records, "bbc": bbc_records}
    names = list(corpora) if args.corpus == "both" else [args.corpus]
    with EventStore(args.db) as store:
        for name in names:
            records = list(islice(corpora[name](), args.limit))
            progress = make_progress(args.progress, total=len(records), label=name)
            opts = IngestOptions(keep_duplicates=args.keep_duplicates, threshold=args.threshold)
            r = ingest(store, records, coder, opts, progress)
            progress.finish()
            secs = max(r.seconds, 1e-9)
            print(f"{name}: {r.read} documents in {secs:.1f} s = {r.read / secs:.1f} docs/s, "
                  f"{r.sentences / secs:.0f} sentences/s (coded {r.coded} documents, "
                  f"{r.sentences} sentences, {r.events} events; {r.duplicates} near-duplicate "
                  f"copies, {r.repeated} exact repeats, {r.already} already stored)")
        c = store.counts()
        print(f"store: {c['documents']} documents, {c['duplicate_groups']} duplicate groups holding "
              f"{c['duplicates']} copies beyond the first, {c['events']} events")
        print("\nLargest duplicate groups")
        _print_table(duplicate_groups(store).limit(8), "table")
        print("\nTop dyads (country level)")
        _print_table(top_dyads(store, 12), "table")
        print("\nDyads by year, USA <-> JPN (Reuters 1987)")
        _print_table(dyads(store, source="USA,JPN", target="USA,JPN", by="year"), "table")
    coder.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
