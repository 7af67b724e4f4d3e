"""The event store: idempotent ingest, kill -9 then resume, re-coding, duplicate handling."""
import dataclasses
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from communique.coder.core import CodedDocument
from communique.readers import ReaderOptions, ReadReport, iter_records
from communique.store.event_store import EventStore
from communique.store.ingest import IngestOptions, ingest, recode

ROOT = Path(__file__).resolve().parents[1]
ACTORS = ["Russia", "China", "Japan", "North Korea", "South Korea", "Iran", "Israel", "France",
          "Germany", "India", "Turkey", "Syria"]
VERBS = ["criticised", "praised", "condemned", "threatened", "met", "accused", "thanked"]


def corpus(n: int) -> list[str]:
    """n JSONL lines: varied two-sentence stories, some reprinted by other sources, one bad line."""
    lines = []
    for i in range(n):
        a, b, c, d = (ACTORS[(i * k + j) % len(ACTORS)] for k, j in ((1, 0), (5, 3), (7, 1), (3, 8)))
        if b == a:
            b = "the United States"
        text = (f"Story {i}: {a} {VERBS[i % len(VERBS)]} {b} on Monday over the talks in week {i}. "
                f"Later {c} {VERBS[(i + 3) % len(VERBS)]} {d}, officials said in report number {i * 7}.")
        day = f"2017-{1 + i % 12:02d}-{1 + i % 28:02d}"
        lines.append(json.dumps({"id": f"s{i}", "text": text, "date": day, "source": "AP"}))
        if i % 10 == 3:  # a reprint by another agency, slightly edited
            lines.append(json.dumps({"id": f"s{i}-r", "text": text + " Reuters reported.",
                                     "date": day, "source": "Reuters"}))
        if i == 5:
            lines.append('{"id": "broken", "text": ')
    return lines


def write_corpus(path: Path, n: int) -> Path:
    path.write_text("\n".join(corpus(n)) + "\n", encoding="utf-8")
    return path


def run_ingest(db: Path, inputs: list[Path], coder, **opts):
    report = ReadReport()
    records = iter_records([str(p) for p in inputs], ReaderOptions(), report)
    with EventStore(db) as store:
        r = ingest(store, records, coder, IngestOptions(**opts))
        return r, report, store.dump()


def test_ingest_twice_adds_nothing(tmp_path, coder):
    src = write_corpus(tmp_path / "c.jsonl", 30)
    r1, rep, dump1 = run_ingest(tmp_path / "ev.duckdb", [src], coder)
    assert r1.stored == 33 and r1.duplicates == 3 and r1.coded == 30 and r1.events > 20
    assert [p.line for p in rep.problems] == [8]
    assert len(dump1["documents"]) == 33 and dump1["events"]
    r2, _, dump2 = run_ingest(tmp_path / "ev.duckdb", [src, src], coder)
    assert (r2.stored, r2.already, r2.repeated, r2.events) == (0, 66, 0, 0)
    assert dump2 == dump1
    with EventStore(tmp_path / "ev.duckdb") as store:
        groups = store.con.execute("SELECT group_id, num_articles, num_sources FROM groups "
                                   "WHERE num_articles > 1 ORDER BY 1").fetchall()
        assert groups == [("s13", 2, 2), ("s23", 2, 2), ("s3", 2, 2)]
        # copies are stored but not coded; their story's events carry the counts
        assert store.con.execute("SELECT count(*) FROM events WHERE doc_id LIKE '%-r'").fetchone()[0] == 0
        assert store.con.execute("SELECT DISTINCT num_articles FROM event_view "
                                 "WHERE doc_id = 's3'").fetchall() == [(2,)]
        (version,) = store.con.execute("SELECT DISTINCT coder_version FROM events").fetchone()
        assert version == coder.version


def test_same_id_with_other_text_is_a_conflict(tmp_path, coder):
    a = tmp_path / "a.jsonl"
    a.write_text(json.dumps({"id": "x", "text": "Russia praised China."}) + "\n")
    b = tmp_path / "b.jsonl"
    b.write_text(json.dumps({"id": "x", "text": "Japan condemned North Korea."}) + "\n")
    run_ingest(tmp_path / "ev.duckdb", [a], coder)
    r, _, dump = run_ingest(tmp_path / "ev.duckdb", [b], coder)
    assert r.stored == 0 and [c.reason for c in r.conflicts] == ["id 'x' already used for a different text"]
    assert [d[0] for d in dump["documents"]] == ["x"]


def test_keep_duplicates_codes_every_copy(tmp_path, coder):
    src = write_corpus(tmp_path / "c.jsonl", 14)
    r, _, dump = run_ingest(tmp_path / "ev.duckdb", [src], coder, keep_duplicates=True)
    assert r.coded == r.stored == 16 and r.duplicates == 2
    docs = {row[0]: row for row in dump["documents"]}
    assert docs["s3-r"][9] == "s3" and docs["s3-r"][11] is True  # group_id, coded
    assert any(e[2] == "s3-r" for e in dump["events"])


class OldCoder:
    """The real coder behind an older dictionary: no 11x (disapprove) events."""

    version = "communique-old+dtest"

    def __init__(self, real):
        self.real = real

    def code_documents(self, docs, default_date=None):
        for cd in self.real.code_documents(docs, default_date):
            events = [dataclasses.replace(e, coder_version=self.version)
                      for e in cd.events if e.cameo_root != "11"]
            yield CodedDocument(cd.document, events, cd.sentences)


def test_recode_after_dictionary_change(tmp_path, coder):
    src = write_corpus(tmp_path / "c.jsonl", 24)
    _, _, clean = run_ingest(tmp_path / "clean.duckdb", [src], coder)
    _, _, old = run_ingest(tmp_path / "old.duckdb", [src], OldCoder(coder))
    assert len(old["events"]) < len(clean["events"])
    with EventStore(tmp_path / "old.duckdb") as store:
        assert store.count_stale(coder.version) == 24
        r = recode(store, coder, batch_size=7)
        assert r.recoded == 24 and store.count_stale(coder.version) == 0
        assert recode(store, coder).recoded == 0
        assert store.dump() == clean


def _ingest_cmd(db: Path, src: Path) -> list[str]:
    return [sys.executable, "-m", "communique", "ingest", str(src), "--db", str(db),
            "--commit-every", "4", "--progress", "lines", "--progress-interval", "0"]


def _kill_after(cmd: list[str], stored: int, required: bool = True) -> int:
    """Run ``cmd``, SIGKILL it once it reports ``stored`` documents; returns what it reported."""
    proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    seen = 0
    deadline = time.monotonic() + 300
    try:
        for line in proc.stderr:
            m = re.search(r"([\d,]+) stored", line)
            if m:
                seen = int(m.group(1).replace(",", ""))
            if seen >= stored or time.monotonic() > deadline:
                os.kill(proc.pid, signal.SIGKILL)
                break
    finally:
        proc.wait(timeout=60)
        proc.stderr.close()
    if required:
        assert proc.returncode == -signal.SIGKILL, f"ingest ended before it could be killed ({seen} stored)"
    return seen


def test_kill_9_mid_ingest_then_resume_gives_identical_store(tmp_path, coder):
    src = write_corpus(tmp_path / "c.jsonl", 160)
    _, _, clean = run_ingest(tmp_path / "clean.duckdb", [src], coder)
    db = tmp_path / "killed.duckdb"
    _kill_after(_ingest_cmd(db, src), 24)
    with EventStore(db) as store:
        partial = store.counts()["documents"]
    assert 24 <= partial < len(clean["documents"])
    # killed again while resuming (best effort: a fast machine may finish first)
    _kill_after(_ingest_cmd(db, src), 20, required=False)
    done = subprocess.run(_ingest_cmd(db, src), cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 1, done.stderr  # 1: the broken line was quarantined
    with EventStore(db) as store:
        assert store.dump() == clean
    again = subprocess.run(_ingest_cmd(db, src), cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert "stored 0 new documents" in again.stderr
    with EventStore(db) as store:
        assert store.dump() == clean
    quarantined = [json.loads(x) for x in (tmp_path / "killed.quarantine.jsonl").read_text().splitlines()]
    assert [(q["file"], q["line"]) for q in quarantined] == [(str(src), 8)]
    assert quarantined[0]["reason"].startswith("malformed JSON")


@pytest.mark.parametrize("bad", ["not a database", ""])
def test_bad_store_file_is_a_clear_error(tmp_path, bad):
    from communique.errors import CommuniqueError
    p = tmp_path / "x.duckdb"
    if bad:
        p.write_text(bad)
        with pytest.raises(CommuniqueError, match="cannot open"):
            EventStore(p)
    else:
        with pytest.raises(CommuniqueError, match="no event store"):
            EventStore(p, read_only=True)


def test_two_worker_processes_store_the_same(tmp_path, coder):
    from communique.coder.pool import ParallelCoder
    src = write_corpus(tmp_path / "c.jsonl", 40)
    _, _, single = run_ingest(tmp_path / "one.duckdb", [src], coder)
    with ParallelCoder(2, chunk=3) as pc:
        assert pc.version == coder.version
        _, _, multi = run_ingest(tmp_path / "two.duckdb", [src], pc, commit_every=5)
    assert multi == single


def test_releasing_memory_and_small_lookups_during_an_ingest_change_nothing(tmp_path, coder, monkeypatch):
    import communique.store.event_store
    src = write_corpus(tmp_path / "c.jsonl", 40)
    _, _, plain = run_ingest(tmp_path / "plain.duckdb", [src], coder)
    monkeypatch.setattr(communique.store.event_store, "RELEASE_EVERY", 3)
    r, _, small = run_ingest(tmp_path / "small.duckdb", [src], coder, commit_every=2, lookup_every=3)
    assert r.stored == len(plain["documents"]) and small == plain
    r, _, again = run_ingest(tmp_path / "small.duckdb", [src, src], coder, commit_every=2, lookup_every=5)
    assert (r.stored, r.already, r.repeated) == (0, 2 * len(plain["documents"]), 0) and again == plain
