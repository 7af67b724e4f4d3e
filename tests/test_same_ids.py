"""`code` and `ingest` read with one reader: the same ids, events and problems for the same records."""
import json

from communique.cli.main import main
from communique.readers import content_id, document_id
from communique.store.event_store import EventStore

RECORDS = [
    {"id": "given-1", "text": "Russia praised China.", "date": "2017-07-04"},
    {"text": "Japan condemned North Korea after the launch.", "date": "2017-08-29"},
    {"text": "Iran praised Syria for its support.", "source": "AP"},
    {"text": "China criticized Japan over the islands.", "url": "https://example.com/x"},
    {"text": "France thanked Germany for the aid.", "source": "Reuters", "url": "https://example.com/y",
     "date": "Tue, 29 Aug 2017 10:00:00 +0000"},
    {"text": "  "},                                           # blank: set aside by both
    {"text": "Turkey accused Greece of provocations.", "date": "29/08/2017"},  # bad date: both
]


def write_inputs(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in RECORDS) + "{broken\n", encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("Egypt welcomed the agreement with Israel.\n", encoding="utf-8")
    table = tmp_path / "table.csv"
    table.write_text("guid,body,outlet\n,India praised Japan for the deal.,PTI\n", encoding="utf-8")
    return str(feed), str(story), str(table)


def test_code_and_ingest_give_the_same_ids_events_and_problems(tmp_path, capsys):
    feed, story, table = write_inputs(tmp_path)
    day = ["--date", "2017-01-01"]
    csv_flags = ["--columns", "id=guid,text=body,source=outlet"]  # CSV field names
    out_feed, out_rest = tmp_path / "feed_events.jsonl", tmp_path / "events.jsonl"
    assert main(["code", feed, *day, "-o", str(out_feed)]) == 1
    code_err = capsys.readouterr().err
    assert main(["code", story, table, *day, *csv_flags, "-o", str(out_rest)]) == 0
    coded = [json.loads(x) for f in (out_feed, out_rest) for x in f.read_text(encoding="utf-8").splitlines()]

    db = tmp_path / "ev.duckdb"
    assert main(["ingest", feed, "--db", str(db), *day, "--progress", "none"]) == 1
    assert main(["ingest", story, table, "--db", str(db), *day, *csv_flags, "--progress", "none"]) == 0
    with EventStore(db, read_only=True) as store:
        stored = store.con.sql("SELECT doc_id, event_id, date::VARCHAR FROM events").fetchall()
        doc_ids = {d for (d,) in store.con.sql("SELECT doc_id FROM documents").fetchall()}

    expected_ids = {"given-1", document_id(RECORDS[1]["text"]), document_id(RECORDS[2]["text"], "AP"),
                    document_id(RECORDS[3]["text"], None, "https://example.com/x"),
                    document_id(RECORDS[4]["text"], "Reuters", "https://example.com/y"),
                    content_id("Egypt welcomed the agreement with Israel.\n"),
                    document_id("India praised Japan for the deal.", "PTI")}
    assert doc_ids == expected_ids
    assert {e["doc_id"] for e in coded} == expected_ids  # every record gives at least one event
    assert sorted((e["doc_id"], e["event_id"], e["date"]) for e in coded) == sorted(stored)
    assert ("given-1", "2017-07-04") in {(e["doc_id"], e["date"]) for e in coded}

    quarantined = [json.loads(x) for x in (tmp_path / "ev.quarantine.jsonl").read_text().splitlines()]
    skipped = sorted(x.removeprefix("communique: skipped ") for x in code_err.splitlines() if "skipped " in x)
    assert skipped == sorted(f"{q['file']}:{q['line']}: {q['reason']}" for q in quarantined)
    assert [q["line"] for q in quarantined] == [6, 7, 8]
    assert quarantined[0]["reason"] == "empty text (field 'text')"
