"""The benchmark readers on the real news corpora in ../shared/data/news (skipped without them)."""
import sys
from itertools import islice
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news"
pytestmark = pytest.mark.skipif(not (NEWS / "reuters21578").is_dir() or not (NEWS / "bbc").is_dir(),
                                reason=f"news corpora not found at {NEWS} (shared data absent)")


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import ingest_news
    return ingest_news


def test_reuters_sgml_reader(bench):
    recs = [r for r in bench.reuters_records() if r.file.endswith("reut2-000.sgm")]
    assert len(recs) == 925  # stories with a <BODY> in the first file
    d = recs[0].document
    assert (d.id, d.title, str(d.date), d.source) == ("reuters-1", "BAHIA COCOA REVIEW", "1987-02-26", "Reuters")
    assert d.text.startswith("Showers continued throughout the week in the Bahia cocoa zone")
    assert "\n\nThe dry period" in d.text and not d.text.endswith("Reuter")


def test_bbc_duplicates(bench):
    from communique.store.dedupe import dedupe_text, group_documents
    recs = [r for r in bench.bbc_records() if "/politics/" in r.file]
    assert len(recs) == 417 and recs[0].document.title
    ids = {r.document.id for r in recs}
    groups = list(group_documents((r.document.id, dedupe_text(r.document.title, r.document.text))
                                  for r in recs))
    assert len(ids) < len(recs)  # byte-identical files share a content id
    assert groups and all(len(g.members) >= 2 for g in groups)


def test_ingest_a_slice_of_reuters(bench, coder, tmp_path):
    from communique.store.event_store import EventStore
    from communique.store.ingest import IngestOptions, ingest
    with EventStore(tmp_path / "r.duckdb") as store:
        r = ingest(store, list(islice(bench.reuters_records(), 40)), coder, IngestOptions())
        assert r.stored == 40 and r.sentences > 100
        assert store.counts()["documents"] == 40
