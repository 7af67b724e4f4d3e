"""Every bad option value and input of issue 14 gives one line and a clear exit status."""
import io
import json
import re
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from communique.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "communique" / "cli" / "demo" / "korea_2016_2018.jsonl"


@pytest.mark.parametrize("argv, names", [
    (["code", "-", "--batch-size", "0"], "'--batch-size': 0 is not in the range x>=1"),
    (["code", "-", "--batch-size", "-1"], "'--batch-size': -1 is not in the range x>=1"),
    (["ingest", "x.jsonl", "--db", "x.duckdb", "--batch-size", "0"], "'--batch-size': 0 is not in the range"),
    (["ingest", "x.jsonl", "--db", "x.duckdb", "--workers", "0"], "'--workers': 0 is not in the range"),
    (["ingest", "x.jsonl", "--db", "x.duckdb", "--commit-every", "0"], "'--commit-every': 0 is not in the range"),
    (["ingest", "x.jsonl", "--db", "x.duckdb", "--dedupe-window", "-1"], "'--dedupe-window': -1 is not in"),
    (["ingest", "x.jsonl", "--db", "x.duckdb", "--partition-size", "0"], "'--partition-size': 0 is not in"),
    (["ingest", "x.jsonl", "--db", "x.duckdb", "--dask-local", "0"], "'--dask-local': 0 is not in"),
    (["ingest", "x.jsonl", "--db", "x.duckdb", "--threshold", "1.5"], "'--threshold': 1.5 is not in the range"),
    (["code", "-", "--encoding", "nosuch"], "'--encoding': unknown text encoding 'nosuch'"),
    (["code", "-", "--delimiter", "ab"], "'--delimiter': must be one character"),
    (["code", "-", "--model", "nosuchmodel"], "'--model': no spaCy pipeline 'nosuchmodel' is installed"),
    (["code", "-", "--model", "en_core_web_trf"], "'--model': no spaCy pipeline 'en_core_web_trf' is installed"),
    (["ingest", "x.jsonl", "--db", "x.duckdb", "--model", "nosuchmodel"], "'--model': no spaCy pipeline"),
    (["snapshot", "--db", "x.duckdb"], "Missing option '-o'"),
])
def test_bad_option_values_are_one_line_usage_errors(argv, names, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and names in err, err
    assert err.startswith("communique: error: ") and "Traceback" not in err
    assert not list(tmp_path.iterdir())


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    assert main(["ingest", str(DEMO), "--db", str(db), "--progress", "none"]) == 0
    return db


@pytest.mark.parametrize("argv, message", [
    (["export", "--format", "gdelt", "-o", "/nonexistent/x.tsv"], "-o: no folder /nonexistent"),
    (["export", "--format", "parquet", "-o", "/nonexistent/x.parquet"], "-o: no folder /nonexistent"),
    (["export", "--format", "csv", "-o", "."], "-o: . is a folder"),
    (["snapshot", "-o", "{db}"], "-o must name another file than --db"),
    (["snapshot", "-o", "/nonexistent/copy.duckdb"], "-o: no folder /nonexistent"),
])
def test_errors_on_a_real_store_are_one_line(argv, message, demo_store, capsys):
    argv = [a.replace("{db}", str(demo_store)) for a in argv]
    assert main([argv[0], "--db", str(demo_store), *argv[1:]]) == 2
    err = capsys.readouterr().err
    assert err.startswith("communique: error: ") and message in err and err.count("\n") == 1, err


def test_a_quarantine_that_cannot_be_written_stops_the_ingest_before_coding(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "Russia praised China."}\n{"text": \n')
    assert main(["ingest", str(src), "--db", str(tmp_path / "x.duckdb"), "--quarantine", "/proc/nope/q.jsonl"]) == 2
    err = capsys.readouterr().err
    assert err == "communique: error: --quarantine: cannot create /proc/nope: No such file or directory\n"
    assert not (tmp_path / "x.duckdb").exists()


def spans_match(text: str, event: dict) -> bool:
    parts = [event["verb"]] + [event[r] for r in ("source", "target") if event[r]]
    return all(text[p["start"]:p["end"]] == p["text"] for p in parts)


def test_lone_surrogates_are_coded_written_and_stored_with_their_offsets(tmp_path, capsys):
    src = tmp_path / "s.jsonl"
    src.write_text('{"id": "a\\ud800", "text": "Russia urged \\ud800 China to halt its drills.", '
                   '"date": "2017-07-04"}\n'
                   '{"id": "b", "text": "Japan praised \\udfff India.", "date": "2017-07-04"}\n', encoding="ascii")
    out = tmp_path / "events.jsonl"
    assert main(["code", str(src), "-o", str(out)]) == 0
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    text = "Russia urged \ufffd China to halt its drills."
    assert {(e["doc_id"], e["target"]["code"]) for e in events} == {("a\ufffd", "CHN"), ("b", "IND")}
    assert all(spans_match(text if e["doc_id"] != "b" else "Japan praised \ufffd India.", e) for e in events)
    db = tmp_path / "s.duckdb"
    assert main(["ingest", str(src), "--db", str(db), "--progress", "none"]) == 0
    con = duckdb.connect(str(db), read_only=True)
    stored = dict(con.execute("SELECT doc_id, text FROM documents").fetchall())
    assert stored == {"a\ufffd": text, "b": "Japan praised \ufffd India."}
    for doc_id, start, end, words in con.execute("SELECT doc_id, start, \"end\", text FROM mentions").fetchall():
        assert stored[doc_id][start:end] == words
    con.close()
    assert "1 document," not in capsys.readouterr().err  # two documents here


def test_dates_at_the_ends_of_the_calendar_are_coded_and_stored(tmp_path, capsys):
    src = tmp_path / "d.jsonl"
    src.write_text('{"text": "Russia attacked Ukraine yesterday.", "date": "0001-01-01"}\n'
                   '{"text": "Russia will attack Ukraine tomorrow.", "date": "9999-12-31"}\n'
                   '{"text": "Russia attacked Ukraine on Monday.", "date": "0001-01-01"}\n')
    db = tmp_path / "d.duckdb"
    assert main(["ingest", str(src), "--db", str(db), "--progress", "none"]) == 0
    assert "stored 3 new documents: 3 coded" in capsys.readouterr().err
    con = duckdb.connect(str(db), read_only=True)
    days = sorted(r[0] for r in con.execute("SELECT date FROM events").fetchall())
    con.close()
    assert days[0] == date.min and days[-1] == date.max and len(days) == 3


def test_messages_count_in_the_singular(tmp_path, capsys):
    src = tmp_path / "one.txt"
    src.write_text("Russia criticised Japan.")
    assert main(["code", str(src), "--date", "2017-01-01", "-o", str(tmp_path / "e.jsonl")]) == 0
    assert capsys.readouterr().err.endswith("communique: 1 document, 1 event\n")


def test_the_readmes_first_example_is_what_the_program_prints(capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```")[1]
    sentence = re.search(r'echo "([^"]+)"', block).group(1)
    stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(sentence.encode() + b"\n"))
    try:
        assert main(["code", "-", "--date", "2017-07-04"]) == 0
    finally:
        sys.stdin = stdin
    out, err = capsys.readouterr()
    events = [json.loads(line) for line in out.splitlines()]
    first = events[0]
    shown = re.search(r'\{"event_id": "(\w+)", "doc_id": "([\w-]+)"', block)
    assert (first["event_id"], first["doc_id"]) == shown.groups()
    assert f'"cameo": "{first["cameo"]}"' in block and f'"goldstein": {first["goldstein"]}' in block
    assert f'"start": {first["target"]["start"]}, "end": {first["target"]["end"]}' in block
    assert [e["source"]["code"] for e in events] == re.findall(r'"source": \{"code": "(\w+)"', block)
    assert err.strip() in block


def test_dedupe_reports_exact_copies_and_stats_names_the_files_of_txt_groups(tmp_path, capsys):
    folder = tmp_path / "bbc"
    folder.mkdir()
    story = ("Russia criticised Japan over the islands dispute on Monday, and the talks in Tokyo "
             "failed again after the two foreign ministers met for three hours.")
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(story)
    (folder / "d.txt").write_text(story.replace("three hours", "three long hours"))
    assert main(["dedupe", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("4 documents, 1 duplicate group, 1 copy beyond the first")
    assert "2 exact copies (the same id and text as an earlier document" in out and "of 1 document" in out
    db = tmp_path / "t.duckdb"
    assert main(["ingest", str(folder), "--db", str(db), "--date", "2017-01-01", "--progress", "none"]) == 0
    capsys.readouterr()
    assert main(["stats", "--db", str(db), "--duplicates", "3"]) == 0
    out = capsys.readouterr().out
    assert str(folder / "a.txt") in out.splitlines()[-1]  # the head's file stands for its title


def test_top_with_a_source_filters_the_actor_table_too(tmp_path, sample_store_builder, capsys):
    sample_store_builder(tmp_path / "s.duckdb").close()
    assert main(["top", "--db", str(tmp_path / "s.duckdb"), "--source", "CHN", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    actors = lines[lines.index(next(x for x in lines if x.startswith("actor,"))) + 1:]
    # d3's CHN->USA 057 is the only event with source CHN: its two actors, once each
    assert sorted(x.split(",")[:4] for x in actors) == [["CHN", "1", "1", "0"], ["USA", "1", "0", "1"]]
