"""gold/realtext.jsonl: well formed, and every record resolves to its sentence in the shared data."""
import csv
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from communique.scoring.corpora import CorpusError, CorpusLibrary, find_data_root, reuters_body, sentence_hash

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "gold" / "realtext.jsonl"
ONTOLOGY = ROOT / "src" / "communique" / "dictionaries" / "data" / "cameo.tsv"
sys.path.insert(0, str(ROOT / "benchmarks"))
import draw_realtext  # noqa: E402

DATA = find_data_root(ROOT)
needs_data = pytest.mark.skipif(
    DATA is None or not (DATA / "news").is_dir(),
    reason="shared data (../shared/data with news/ and conflibert/) not found; set COMMUNIQUE_SHARED_DATA")
ACTOR = re.compile(r"^(?:[A-Z]{3}|---)(?:[A-Z]{3})*$")


@pytest.fixture(scope="module")
def records():
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]


def test_records_are_well_formed(records):
    codes = {row[0] for row in csv.reader(ONTOLOGY.open(encoding="utf-8"), delimiter="\t")}
    assert len(records) >= 320
    assert len({r["id"] for r in records}) == len(records)
    assert len({(r["corpus"], json.dumps(r["locator"]), r["start"]) for r in records}) == len(records)
    assert Counter(r["stratum"] for r in records) == draw_realtext.SHARES
    for r in records:
        assert set(r) <= {"id", "stratum", "corpus", "locator", "start", "end", "sha1", "date",
                          "date_from", "expected", "note"}, r["id"]
        assert isinstance(r["locator"], dict) and 0 <= r["start"] < r["end"], r["id"]
        assert re.fullmatch(r"[0-9a-f]{12}", r["sha1"]), r["id"]
        date.fromisoformat(r["date"])
        assert r["date_from"] in ("corpus", "default"), r["id"]
        assert isinstance(r["expected"], list), f"{r['id']} is not coded"
        for event in r["expected"]:
            assert set(event) == {"source", "target", "cameo"}, r["id"]
            assert event["cameo"] in codes, (r["id"], event)
            assert event["source"] or event["target"], r["id"]
            for role in ("source", "target"):
                assert event[role] is None or ACTOR.match(event[role]), (r["id"], event)
        keys = [(e["source"], e["target"], e["cameo"]) for e in r["expected"]]
        assert len(set(keys)) == len(keys), f"{r['id']}: one event per source-target-code"


def test_the_gold_is_not_trivial(records):
    coded = [r for r in records if r["expected"]]
    roots = {e["cameo"][:2] for r in coded for e in r["expected"]}
    assert 80 <= len(coded) <= len(records) - 150  # many real sentences carry no event
    assert len(roots) >= 15


@needs_data
def test_every_record_resolves_to_its_sentence(records):
    library = CorpusLibrary(DATA)
    for r in records:
        doc, sentence = library.sentence(r)  # raises CorpusError when the hash differs
        assert 6 <= len(sentence.split()) <= 70, r["id"]
        if r["date_from"] == "corpus":
            assert doc.date.isoformat() == r["date"], r["id"]


@needs_data
def test_the_draw_reproduces_the_file(records):
    drawn = draw_realtext.draw(DATA)
    assert [(d["corpus"], d["locator"], d["start"], d["end"], d["sha1"], d["date"]) for d in drawn] == \
        [(r["corpus"], r["locator"], r["start"], r["end"], r["sha1"], r["date"]) for r in records]


def test_a_changed_corpus_is_detected(tmp_path):
    folder = tmp_path / "news" / "bbc" / "politics"
    folder.mkdir(parents=True)
    text = "A title\n\nMinisters met on Monday. Talks ended without a deal on Tuesday."
    (folder / "001.txt").write_text(text, encoding="latin-1")
    start = text.index("Talks")
    rec = {"corpus": "news/bbc/politics/001.txt", "locator": {}, "start": start, "end": len(text),
           "sha1": sentence_hash(text[start:])}
    doc, sentence = CorpusLibrary(tmp_path).sentence(rec)
    assert sentence == "Talks ended without a deal on Tuesday." and doc.text == text
    (folder / "001.txt").write_text(text.replace("deal", "pact"), encoding="latin-1")
    with pytest.raises(CorpusError, match="changed"):
        CorpusLibrary(tmp_path).sentence(rec)
    with pytest.raises(CorpusError, match="no such file"):
        CorpusLibrary(tmp_path).sentence({**rec, "corpus": "news/bbc/politics/002.txt"})


def test_reuters_body_is_unwrapped():
    raw = "Japan said it would\nopen its markets &amp; cut tariffs.\n    Officials welcomed\nthe move.\n Reuter\n&#3;"
    assert reuters_body(raw) == "Japan said it would open its markets & cut tariffs.\n\nOfficials welcomed the move."


def test_sentence_rule():
    text = 'Title line\nMr. Smith met U.S. officials in Washington. "We agreed," he said! Talks resume on Jan. 5.'
    pieces = [text[a:b] for a, b in draw_realtext.split_sentences(text)]
    assert pieces == ["Title line", "Mr. Smith met U.S. officials in Washington.", '"We agreed," he said!',
                      "Talks resume on Jan. 5."]
    # the title line is never drawn, and short sentences are not candidates
    assert [text[a:b] for a, b in draw_realtext.candidates(text)] == [
        "Mr. Smith met U.S. officials in Washington."]


# -- the gold reader of `communique evaluate` and the benchmark's helpers ---------------------------

def _corpus_gold(tmp_path):
    """A data root with one BBC-style document and a gold file pointing at its second sentence."""
    folder = tmp_path / "data" / "news" / "bbc" / "politics"
    folder.mkdir(parents=True)
    text = ("Diplomatic row\n\nJapan protested to China on Monday. "
            "Russia and China urged the United States to halt its military drills.")
    (folder / "001.txt").write_text(text, encoding="latin-1")
    start = text.index("Russia")
    rec = {"id": "t1", "corpus": "news/bbc/politics/001.txt", "locator": {}, "start": start, "end": len(text),
           "sha1": sentence_hash(text[start:]), "date": "2017-07-04",
           "expected": [{"source": "RUS", "target": "USA", "cameo": "025"},
                        {"source": "CHN", "target": "USA", "cameo": "025"}]}
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(rec) + "\n" + json.dumps({"id": "t2", "text": "It rained.", "expected": []}) + "\n",
                    encoding="utf-8")
    return gold, tmp_path / "data"


def test_evaluate_scores_only_the_referenced_sentence(tmp_path, coder):
    from communique.scoring.evaluate import evaluate, load_gold

    gold, data = _corpus_gold(tmp_path)
    records = load_gold(gold, data)
    assert [r["id"] for r in records] == ["t1", "t2"]
    assert records[0]["sentence"].startswith("Russia") and records[0]["text"].startswith("Diplomatic row")
    ev = evaluate(records, coder)
    # the protest in the first sentence of the document is not counted
    assert ev.levels["root"].tp == 2 and ev.levels["root"].fp == 0 and ev.exact == 2


def test_evaluate_leaves_out_unresolvable_records(tmp_path, capsys, monkeypatch):
    import io

    from communique.scoring.evaluate import load_gold, run_evaluation

    gold, _ = _corpus_gold(tmp_path)
    report = io.StringIO()
    records = load_gold(gold, tmp_path / "nowhere", report=report)
    assert [r["id"] for r in records] == ["t2"]
    assert "1 records refer to the shared corpora, which were not found" in report.getvalue()
    # the command exits 1 when records were left out, and still scores the others
    monkeypatch.setenv("COMMUNIQUE_SHARED_DATA", str(tmp_path / "nowhere"))
    assert run_evaluation(str(gold), misses=0) == 1
    captured = capsys.readouterr()
    assert "records: 1" in captured.out and "left out" in captured.err


def test_benchmark_aligns_conll_tokens():
    import realtext

    tokens = ["Croatian", "government", "'s", "request", ",", "said", "Erdogan", "."]
    original = "Croatian government\u02bcs request, said Erdogan."
    text, spans = realtext.align(tokens, {realtext._norm(original): original})
    assert text == original and [text[a:b] for a, b in spans][:3] == ["Croatian", "government", "\u02bcs"]
    text, spans = realtext.align(["He", "said", '"', "no", '"', "(", "twice", ")", "."], {})
    assert text == 'He said "no" (twice).' and text[spans[3][0]:spans[3][1]] == "no"
    tags = ["B-S", "I-S", "O", "B-T", "O", "O", "O", "O"]
    assert realtext.tag_spans(tags, [(0, 1), (2, 3), (4, 5), (6, 7)] + [(8, 9)] * 4, "S") == [(0, 3)]
    assert realtext.PENTA["16"] == 3 and realtext.PENTA["14"] == 4 and realtext.PENTA["01"] == 0
