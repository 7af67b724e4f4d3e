"""The store under issue 14: defaulted dates, a coder that drops a document, the dedupe window,
readers and snapshots while an ingest writes (real processes)."""
import json
import re
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from communique.cli.main import main
from communique.errors import CommuniqueError
from communique.readers import ReaderOptions, ReadReport, iter_records
from communique.store import locking
from communique.store.dedupe import Deduper
from communique.store.event_store import EventStore
from communique.store.ingest import IngestOptions, ingest
from communique.store.snapshot import snapshot

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))
from test_store import write_corpus  # noqa: E402


def run(db, path, coder, default_date=None, **opts):
    report = ReadReport()
    records = iter_records([str(path)], ReaderOptions(default_date=default_date), report)
    with EventStore(db) as store:
        return ingest(store, records, coder, IngestOptions(default_date=default_date, **opts)), store.dump()


UNDATED = ["Russia criticised Japan on Monday.", "China praised France.", "China praised France!"]


def test_a_forgotten_date_is_marked_and_mended_by_ingesting_with_a_date(tmp_path, coder):
    src = tmp_path / "undated.jsonl"
    src.write_text("".join(json.dumps({"id": f"u{i}", "text": t}) + "\n" for i, t in enumerate(UNDATED)))
    db = tmp_path / "ev.duckdb"
    r, _ = run(db, src, coder, threshold=0.5)
    assert (r.stored, r.undated, r.duplicates) == (3, 2, 1)  # u2 is a copy of u1: not coded
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT DISTINCT date, date_defaulted FROM documents").fetchall() == [(date.today(), True)]
    con.close()
    r, _ = run(db, src, coder, threshold=0.5)  # again without a date: nothing changes
    assert (r.stored, r.already, r.redated) == (0, 3, 0)
    r, dump = run(db, src, coder, default_date=date(2004, 10, 1), threshold=0.5)
    assert (r.stored, r.redated, r.coded) == (0, 3, 2)
    con = duckdb.connect(str(db), read_only=True)
    docs = con.execute("SELECT doc_id, date, date_defaulted, group_id, coded FROM documents ORDER BY 1").fetchall()
    assert docs == [("u0", date(2004, 10, 1), False, "u0", True), ("u1", date(2004, 10, 1), False, "u1", True),
                    ("u2", date(2004, 10, 1), False, "u1", False)]
    # "on Monday" resolves against the new date: Monday 2004-09-27; the events were re-coded
    assert sorted(con.execute("SELECT doc_id, date FROM events").fetchall()) == [
        ("u0", date(2004, 9, 27)), ("u1", date(2004, 10, 1))]
    assert con.execute("SELECT n_events FROM documents WHERE doc_id = 'u0'").fetchone() == (1,)
    con.close()
    r, again = run(db, src, coder, default_date=date(2011, 1, 1), threshold=0.5)
    assert (r.redated, r.already) == (0, 3) and again == dump  # an explicit date is never redone


def test_a_coder_that_drops_a_document_stops_the_ingest_and_stores_nothing_of_it(tmp_path, coder):
    class Dropping:
        version = coder.version

        def code_documents(self, docs, default_date=None):
            for i, cd in enumerate(coder.code_documents(docs, default_date)):
                if i != 3:
                    yield cd

    src = write_corpus(tmp_path / "c.jsonl", 8)
    with pytest.raises(CommuniqueError, match="the coder returned no result for document 's3'"):
        run(tmp_path / "ev.duckdb", src, Dropping(), commit_every=1)
    with EventStore(tmp_path / "ev.duckdb") as store:
        assert [r[0] for r in store.dump()["documents"]] == ["s0", "s1", "s2"]


def test_the_dedupe_window_groups_only_stories_of_nearby_days_and_forgets_old_ones(tmp_path):
    stored: dict = {}
    d = Deduper(window=3, loader=lambda days: [(k, v, w) for k, (v, w) in stored.items() if w in days])
    text = "Russia and Japan signed a fisheries agreement in Tokyo on Monday after long talks"
    day0 = date(2020, 1, 1)
    a = d.assign("a", d.signature(text), day0)
    b = d.assign("b", d.signature(text), day0 + timedelta(days=3))
    c = d.assign("c", d.signature(text), day0 + timedelta(days=4))  # a is 4 days away: own group
    assert (a.group_id, b.group_id, c.group_id) == ("a", "a", "c")
    for doc_id, day in (("a", day0), ("c", day0 + timedelta(days=4))):
        stored[doc_id] = (d.to_bytes(d.signature(text)), day)
        d.saved(day)
    for i in range(60):  # two months of other stories, one a day
        day = day0 + timedelta(days=10 + i)
        other = d.signature(f"story number {i} about something else entirely, day {i}")
        stored[f"x{i}"] = (d.to_bytes(other), day)
        d.assign(f"x{i}", other, day)
        d.saved(day)
    assert d.heads <= 4 * 3 + 2  # only recent days stay in memory
    late = d.assign("z", d.signature(text), day0 + timedelta(days=2))  # an old day: read back
    assert late.group_id == "a"


def test_ingests_with_a_window_are_resumable_and_group_reprints(tmp_path, coder):
    src = write_corpus(tmp_path / "c.jsonl", 30)
    _, whole = run(tmp_path / "a.duckdb", src, coder, dedupe_window=2)
    lines = src.read_text().splitlines(keepends=True)
    first, rest = tmp_path / "first.jsonl", tmp_path / "rest.jsonl"
    first.write_text("".join(lines[:17]))
    rest.write_text("".join(lines))
    run(tmp_path / "b.duckdb", first, coder, dedupe_window=2)
    _, resumed = run(tmp_path / "b.duckdb", rest, coder, dedupe_window=2)
    strip = lambda dump: {k: v for k, v in dump.items() if k != "documents"} | {  # noqa: E731
        "documents": [row[:7] + row[8:] for row in dump["documents"]]}  # origin_file differs
    assert strip(resumed) == strip(whole)
    groups = {row[0]: row[9] for row in whole["documents"]}
    assert groups["s3-r"] == "s3" and groups["s13-r"] == "s13"  # same-day reprints still join


def _ingest(db: Path, src: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "communique", "ingest", str(src), "--db", str(db), "--commit-every", "2",
           "--progress", "lines", "--progress-interval", "0"]
    return subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)


def _wait_stored(proc: subprocess.Popen, n: int) -> None:
    for line in proc.stderr:
        m = re.search(r"([\d,]+) stored", line)
        if m and int(m.group(1).replace(",", "")) >= n:
            return
    raise AssertionError("the ingest ended early")


def test_readers_and_snapshots_while_an_ingest_writes(tmp_path, coder):
    src = write_corpus(tmp_path / "c.jsonl", 90)
    _, clean = run(tmp_path / "clean.duckdb", src, coder)
    db = tmp_path / "busy.duckdb"
    proc = _ingest(db, src)
    try:
        _wait_stored(proc, 6)
        seen, copies = [], 0
        while proc.poll() is None and copies < 6:
            r = subprocess.run([sys.executable, "-m", "communique", "stats", "--db", str(db)],
                               cwd=ROOT, capture_output=True, text=True, timeout=120)
            if proc.poll() is not None:
                break
            seen.append((r.returncode, r.stderr, r.stdout))
            snap = snapshot(db, tmp_path / "copy.duckdb")
            copies += 1
            with EventStore(snap.path, read_only=True) as store:  # whole documents only
                bad = store.con.execute(
                    "SELECT count(*) FROM documents d WHERE coded AND n_events <> "
                    "(SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id)").fetchone()[0]
                assert bad == 0 and 0 < snap.documents <= len(clean["documents"])
    finally:
        rest = proc.stderr.read()
        proc.wait(timeout=600)
        proc.stderr.close()
    assert proc.returncode == 1, rest  # 1: its broken line was quarantined; never killed by a reader
    assert copies >= 1 and seen
    for status, err, out in seen:
        if status == 0:  # the ingest had closed the store and was exiting: all of it is there
            assert f"documents: {len(clean['documents'])} " in out, out
            continue
        assert status == 2 and err.count("\n") == 1, err
        assert "the store is being written" in err and "try again" in err and "communique snapshot" in err
    assert any(status == 2 for status, _, _ in seen)
    with EventStore(db) as store:
        assert store.dump() == clean


def test_a_writer_waits_for_readers_then_says_who_holds_the_store(tmp_path, sample_store_builder, monkeypatch,
                                                                   capsys):
    db = tmp_path / "s.duckdb"
    sample_store_builder(db).close()
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; "
                               f"c = duckdb.connect({str(db)!r}); print('ready', flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        monkeypatch.setattr(locking, "WAIT_FOR_READERS", 0.5)
        started = time.monotonic()
        with pytest.raises(locking.StoreBusy, match=f"is open in process {holder.pid}"):
            EventStore(db)
        assert time.monotonic() - started >= 0.5
        assert main(["dyads", "--db", str(db)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("communique: error: the store is being written") and err.count("\n") == 1
    finally:
        holder.kill()
        holder.wait()
    with EventStore(db, read_only=True) as store:
        assert store.counts()["documents"] == 5


def test_a_coder_stopped_mid_batch_keeps_working(nlp):
    """A run that stops mid-batch (an error in the ingest, close()) must not leave spaCy's
    memory zone half done: later runs then failed with E064 in the tokenizer."""
    from communique.coder.core import ZONE_CHUNKS, Coder
    from communique.records import Document

    coder = Coder(nlp=nlp)
    warm = [Document(f"w{i}", f"Russia criticised Japan in report {i} number{i}x.") for i in range(ZONE_CHUNKS + 20)]
    assert sum(len(c.events) for c in coder.code_documents(warm)) == len(warm)  # from here on, zones

    def batch(tag: str) -> list[Document]:
        return [Document(f"{tag}{i}", f"China praised France in note {tag}{i} word{tag}{i}.") for i in range(40)]

    for n in range(3):
        results = coder.code_documents(batch(f"a{n}z"))
        next(results), next(results)
        results.close()
        assert sum(len(c.events) for c in coder.code_documents(batch(f"b{n}z"))) == 40
