"""The command line, run as a user would (real subprocesses)."""
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "communique", *args], input=stdin,
                          capture_output=True, text=True, cwd=ROOT, timeout=600)


def test_code_txt_and_jsonl_with_a_malformed_line(tmp_path):
    (tmp_path / "a.txt").write_text("China criticized Japan on Monday.", encoding="utf-8")
    lines = [
        json.dumps({"id": "d1", "text": "Russia praised China.", "date": "2017-07-04"}),
        "{this is not json",
        json.dumps({"id": "d2", "text": "Japan condemned North Korea.", "date": "2017-08-29"}),
        json.dumps({"id": "d3", "date": "2017-08-29"}),
        json.dumps({"id": "d4", "text": "Iran praised Syria.", "date": "29/08/2017"}),
    ]
    (tmp_path / "b.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "events.jsonl"
    r = run("code", str(tmp_path / "a.txt"), str(tmp_path / "b.jsonl"), "--date", "2017-07-03",
            "-o", str(out))
    assert r.returncode == 1, r.stderr
    assert "b.jsonl:2: malformed JSON" in r.stderr
    assert "b.jsonl:4: missing or non-string 'text'" in r.stderr
    assert "b.jsonl:5: unparsable date" in r.stderr
    events = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    by_doc = {e["doc_id"]: e for e in events}
    assert set(by_doc) == {"a", "d1", "d2"}
    assert by_doc["a"]["date"] == "2017-07-03"
    assert by_doc["d2"]["source"]["code"] == "JPN" and by_doc["d2"]["target"]["code"] == "PRK"


def test_stdin_and_csv():
    r = run("code", "-", "--date", "2017-09-03", "--format", "csv",
            stdin="Japan condemned North Korea's nuclear test.")
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows and rows[0]["source_code"] == "JPN" and rows[0]["cameo"].startswith("11")
    assert rows[0]["date"] == "2017-09-03"


def test_clean_input_exits_zero_and_missing_file_is_reported(tmp_path):
    r = run("code", str(tmp_path / "nope.txt"))
    assert r.returncode == 1 and "nope.txt" in r.stderr


def test_evaluate_prints_figures(tmp_path):
    gold = tmp_path / "g.jsonl"
    gold.write_text("\n".join(json.dumps(x) for x in [
        {"id": "1", "date": "2017-01-01", "text": "China criticized Japan.",
         "expected": [{"source": "CHN", "target": "JPN", "cameo": "112"}]},
        {"id": "2", "date": "2017-01-01", "text": "It rained in Paris.", "expected": []},
    ]) + "\n", encoding="utf-8")
    r = run("evaluate", str(gold), "--json", str(tmp_path / "s.json"))
    assert r.returncode == 0, r.stderr
    assert "root code, source+target country" in r.stdout
    figures = json.loads((tmp_path / "s.json").read_text())
    assert figures["levels"]["root"]["tp"] == 1 and figures["records"] == 2


def test_bad_date_argument_is_a_clear_error():
    r = run("code", "-", "--date", "yesterday", stdin="x")
    assert r.returncode == 2 and "not a date" in r.stderr


def test_demo_codes_the_bundled_corpus(tmp_path):
    out = tmp_path / "demo.jsonl"
    r = run("demo", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "45 documents" in r.stdout and "Events per dyad" in r.stdout
    events = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(events) >= 100
    docs = {json.loads(x)["id"]: json.loads(x)["text"] for x in
            (ROOT / "src/communique/cli/demo/korea_2016_2018.jsonl").read_text(encoding="utf-8").splitlines()}
    for e in events:
        text = docs[e["doc_id"]]
        for part in (e["source"], e["target"], e["verb"]):
            if part:
                assert text[part["start"]:part["end"]] == part["text"]
    assert any(e["source"]["code"].startswith("PRK") for e in events)
    assert {e["cameo_root"] for e in events} >= {"04", "11", "15"}


def test_workers_give_identical_results(tmp_path):
    demo = ROOT / "src/communique/cli/demo/korea_2016_2018.jsonl"
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run("code", str(demo), "-o", str(one)).returncode == 0
    r = run("code", str(demo), "--workers", "2", "-o", str(two))
    assert r.returncode == 0, r.stderr
    a = one.read_text(encoding="utf-8").splitlines()
    assert a and a == two.read_text(encoding="utf-8").splitlines()
