"""The command line, run as a user would: the real main() in-process, or the console script."""
import csv
import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from communique.cli.main import DEMO_FILE, main
from communique.readers import content_id, document_id

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(sys.executable).with_name("communique")  # the console script of this environment


def run(*args, stdin=None, script=False):
    cmd = [str(SCRIPT)] if script else [sys.executable, "-m", "communique"]
    return subprocess.run([*cmd, *args], input=stdin, capture_output=True, text=True, cwd=ROOT,
                          timeout=600)


def events_of(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_code_reads_txt_and_jsonl_and_skips_bad_records(tmp_path, capsys):
    text_a = "China criticized Japan on Monday."
    (tmp_path / "a.txt").write_text(text_a, encoding="utf-8")
    lines = [
        json.dumps({"id": "d1", "text": "Russia praised China.", "date": "2017-07-04"}),
        "{this is not json",
        json.dumps({"id": "d2", "text": "Japan condemned North Korea.", "date": "20170829"}),
        json.dumps({"id": "d3", "date": "2017-08-29"}),
        json.dumps({"id": "d4", "text": "Iran praised Syria.", "date": "29/08/2017"}),
        json.dumps({"id": "d5", "text": "   \n "}),
    ]
    (tmp_path / "b.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "events.jsonl"
    status = main(["code", str(tmp_path / "a.txt"), str(tmp_path / "b.jsonl"), "--date", "2017-07-03",
                   "-o", str(out)])
    err = capsys.readouterr().err
    assert status == 1, err
    b = tmp_path / "b.jsonl"
    assert f"skipped {b}:2: malformed JSON" in err
    assert f"skipped {b}:4: missing text (field 'text')" in err
    assert f"skipped {b}:5: unparsable date '29/08/2017'" in err
    assert f"skipped {b}:6: empty text (field 'text')" in err
    assert "communique: 3 documents, " in err and "4 records skipped" in err
    by_doc = {}
    for e in events_of(out):
        by_doc.setdefault(e["doc_id"], []).append(e)
    assert set(by_doc) == {content_id(text_a), "d1", "d2"}
    assert {e["date"] for e in by_doc[content_id(text_a)]} == {"2017-07-03"}
    assert {(e["source"]["code"], e["target"]["code"], e["cameo_root"], e["date"]) for e in by_doc["d2"]} \
        == {("JPN", "PRK", "11", "2017-08-29")}


def test_clean_input_exits_zero_and_a_missing_file_exits_one(tmp_path, capsys):
    clean = tmp_path / "clean.jsonl"
    clean.write_text(json.dumps({"id": "c1", "text": "Russia praised China.", "date": "2017-07-04"}) + "\n")
    out = tmp_path / "out.jsonl"
    assert main(["code", str(clean), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "skipped" not in err and "communique: 1 document, " in err
    assert [(e["doc_id"], e["source"]["code"], e["target"]["code"]) for e in events_of(out)] == [
        ("c1", "RUS", "CHN")]
    assert main(["code", str(clean), str(tmp_path / "nope.txt"), "-o", str(out)]) == 1
    assert f"skipped {tmp_path / 'nope.txt'}:0: no such file" in capsys.readouterr().err
    assert len(events_of(out)) == 1  # the good file is still coded


def test_stdin_plain_text_to_csv_with_the_console_script():
    text = "Japan condemned North Korea's nuclear test."
    r = run("code", "-", "--date", "2017-09-03", "--format", "csv", stdin=text, script=True)
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [(x["doc_id"], x["source_code"], x["target_code"], x["cameo_root"], x["date"]) for x in rows] \
        == [(content_id(text), "JPN", "PRK", "11", "2017-09-03")]


def test_stdin_json_lines():
    lines = [json.dumps({"text": "Russia praised China.", "date": "2017-07-04", "source": "AP"}), "{oops"]
    r = run("code", "-", stdin="\n".join(lines) + "\n")
    assert r.returncode == 1
    assert "skipped <stdin>:2: malformed JSON" in r.stderr
    events = [json.loads(x) for x in r.stdout.splitlines()]
    assert {(e["doc_id"], e["date"]) for e in events} == {(document_id("Russia praised China.", "AP"), "2017-07-04")}


def test_huffpost_style_json_file(tmp_path, capsys):
    rows = [{"link": "https://example.com/a", "headline": "Japan Protests To China",
             "short_description": "Japan protested to China over the islands.", "date": "2022-09-23"},
            {"link": "https://example.com/b", "headline": "Russia And China",
             "short_description": "Russia praised China for its help.", "date": "2022-09-22"}]
    f = tmp_path / "News_Category.json"
    f.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["code", str(f), "-o", str(out)]) == 0
    err = capsys.readouterr().err  # read as prose: the whole file is one document
    assert err.count("warning:") == 1 and f"{f} is read as one plain-text document" in err
    assert "add --input-format jsonl" in err and "communique: 1 document, " in err
    assert {e["doc_id"] for e in events_of(out)} <= {content_id(f.read_text(encoding="utf-8"))}
    assert main(["code", str(f), "--input-format", "jsonl", "--columns",
                 "text=short_description,title=headline,url=link", "-o", str(out)]) == 0
    assert "warning" not in capsys.readouterr().err
    got = {(e["doc_id"], e["date"], e["source"]["code"], e["target"]["code"]) for e in events_of(out)}
    ids = [document_id(r["short_description"], None, r["link"]) for r in rows]
    assert got >= {(ids[0], "2022-09-23", "JPN", "CHN"), (ids[1], "2022-09-22", "RUS", "CHN")}
    assert {e["doc_id"] for e in events_of(out)} == set(ids)


def test_evaluate_prints_figures(tmp_path):
    gold = tmp_path / "g.jsonl"
    gold.write_text("\n".join(json.dumps(x) for x in [
        {"id": "1", "date": "2017-01-01", "text": "China criticized Japan.",
         "expected": [{"source": "CHN", "target": "JPN", "cameo": "112"}]},
        {"id": "2", "date": "2017-01-01", "text": "It rained in Paris.", "expected": []},
    ]) + "\n", encoding="utf-8")
    r = run("evaluate", str(gold), "--json", str(tmp_path / "s.json"))  # its report binds sys.stdout
    assert r.returncode == 0, r.stderr
    assert "root code, source+target country" in r.stdout
    figures = json.loads((tmp_path / "s.json").read_text())
    assert figures["levels"]["root"]["tp"] == 1 and figures["records"] == 2


def test_demo_codes_the_bundled_corpus(tmp_path, capsys):
    out = tmp_path / "demo.jsonl"
    assert main(["demo", "-o", str(out)]) == 0
    stdout = capsys.readouterr().out
    assert "45 documents" in stdout and "Events per dyad" in stdout
    events = events_of(out)
    assert len(events) >= 100
    docs = {json.loads(x)["id"]: json.loads(x)["text"] for x in DEMO_FILE.read_text(encoding="utf-8").splitlines()}
    for e in events:
        text = docs[e["doc_id"]]
        for part in (e["source"], e["target"], e["verb"]):
            if part:
                assert text[part["start"]:part["end"]] == part["text"]
    assert any(e["source"]["code"].startswith("PRK") for e in events)
    assert {e["cameo_root"] for e in events} >= {"04", "11", "15"}


def test_workers_give_identical_results(tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["code", str(DEMO_FILE), "-o", str(one)]) == 0
    assert main(["code", str(DEMO_FILE), "--workers", "2", "-o", str(two)]) == 0
    a = one.read_text(encoding="utf-8").splitlines()
    assert len(a) >= 100 and a == two.read_text(encoding="utf-8").splitlines()


def test_dictionary_error_is_one_line_and_exit_two(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - [unclosed\n")
    (tmp_path / "in.txt").write_text("Russia praised China.")
    assert main(["code", str(tmp_path / "in.txt"), "--dictionaries", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"communique: error: {bad}:") and err.count("\n") == 1


def test_a_closed_stdout_ends_quietly():
    proc = subprocess.Popen([str(SCRIPT), "code", str(DEMO_FILE)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=ROOT)
    first = proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    err = proc.stderr.read().decode()
    proc.wait(timeout=300)
    assert json.loads(first)["doc_id"] == "demo-001"
    assert proc.returncode == 0 and "Traceback" not in err and "Error" not in err, err
    assert "events" not in err  # it stopped at the broken pipe, before the summary line


def test_interrupt_exits_130(tmp_path):
    broken = tmp_path / "broken.verbs.txt"  # its warning shows that the coder is loaded
    broken.write_text("--- HARVEST [871] ---\nHARVEST\n- * &NOSUCHSET [874]\n")
    proc = subprocess.Popen([str(SCRIPT), "code", "-", "--dictionaries", str(broken)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, text=True)
    try:
        assert "warning" in proc.stderr.readline()  # now it waits for standard input
        os.kill(proc.pid, signal.SIGINT)
        assert proc.wait(timeout=60) == 130
        assert proc.stderr.read().strip() == "communique: interrupted"
    finally:
        if proc.poll() is None:
            proc.kill()
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            stream.close()


@pytest.mark.parametrize("script", [False, True])
def test_version(script):
    r = run("--version", script=script)
    assert r.returncode == 0 and r.stdout.strip().startswith("communique 0.")
