"""Corrections: rules checked at load, applied by the coder, and re-coding limited to the
documents a changed rule can touch (the result must equal coding everything again)."""
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from communique.coder.core import Coder
from communique.dictionaries.corrections import CorrectionFile, event_id_of, fold, parse_corrections
from communique.dictionaries.ontology import load_ontology
from communique.errors import DictionaryError
from communique.readers import ReaderOptions, ReadReport, iter_records
from communique.store.event_store import COLUMNS, EventStore
from communique.store.ingest import IngestOptions, ingest, recode
from communique.store.revisions import mark_untouched, revision_of

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "communique" / "cli" / "demo" / "korea_2016_2018.jsonl"
TEXT = "Wang Yi called the THAAD deployment the wrong choice and urged Seoul to abandon it."
RULES = """\
actors:
  - name: Ministry of Unification
    codes: [{code: KORGOV}]
corrections:
  - id: appeal
    when: {sentence: ["urged Seoul to abandon"], verb: urged, cameo: "020"}
    then: {cameo: "0256"}
  - id: no-promise
    when: {sentence: ["promised serious negotiations"], target: CHN}
    then: {drop: true}
  - id: the-ministry
    when: {sentence: [Unification Ministry], source_text: the Unification Ministry}
    then: {source: KORGOV, name: Ministry of Unification}
"""


@pytest.fixture(scope="module")
def ontology():
    return load_ontology()


@pytest.mark.parametrize("item, message", [
    ({"when": {"sentence": ["x"]}, "then": {"drop": True}}, "needs an id"),
    ({"id": "a", "when": {"sentence": ["x"]}, "then": {"drop": True}, "extra": 1}, "unknown key 'extra'"),
    ({"id": "a", "when": {"verb": "said"}, "then": {"drop": True}}, "sentence must list"),
    ({"id": "a", "when": {"sentence": ["x"], "lemma": "say"}, "then": {"drop": True}}, "when: unknown key 'lemma'"),
    ({"id": "a", "when": {"sentence": ["x"]}, "then": {"cameo": "042", "drop": True}}, "exactly one of"),
    ({"id": "a", "when": {"sentence": ["x"]}, "then": {}}, "exactly one of"),
    ({"id": "a", "when": {"sentence": ["x"]}, "then": {"cameo": "999"}}, "unknown CAMEO code '999'"),
    ({"id": "a", "when": {"sentence": ["x"], "source": "usa"}, "then": {"drop": True}}, "bad actor code 'usa'"),
    ({"id": "a", "when": {"sentence": ["x"]}, "then": {"cameo": "042", "name": "X"}}, "name goes with"),
])
def test_rules_are_checked_at_load(ontology, item, message):
    with pytest.raises(DictionaryError, match=message) as err:
        parse_corrections([item], ontology, "fixes.yaml")
    assert str(err.value).startswith("fixes.yaml")


def test_duplicate_ids_and_bad_files_are_errors(ontology, tmp_path):
    rule = {"id": "a", "when": {"sentence": ["x"]}, "then": {"drop": True}}
    with pytest.raises(DictionaryError, match="used twice"):
        parse_corrections([rule, rule], ontology, "f.yaml")
    bad = tmp_path / "fixes.yaml"
    bad.write_text("corrections:\n  - id: a\n    when: {sentence: [x]}\n    then: {cameo: '7777'}\n")
    with pytest.raises(DictionaryError, match="fixes.yaml: correction a: then: cameo: unknown CAMEO code"):
        Coder(nlp=object(), prepass=False, dictionaries=[bad])


def test_fold_keeps_phrases_found_in_a_sentence_findable_in_its_document():
    assert fold("Russia’s  envoy\nurged") == "russia's envoy urged"
    doc = "ΟΔΥΣΣΕΑΣΚΑΙ"     # cut out of the document, lower() ends the piece in a final sigma
    sentence = doc[:8]
    assert fold(sentence) in fold(doc) and sentence.lower() not in doc.lower()


def test_the_coder_applies_corrections(nlp, tmp_path, coder):
    fixes = tmp_path / "fixes.yaml"
    fixes.write_text(RULES, encoding="utf-8")
    fixed = Coder(nlp=nlp, dictionaries=[fixes])
    plain = {(e.source_code, e.target_code, e.cameo): e for e in coder.code_text(TEXT, date="2017-03-08")}
    after = {(e.source_code, e.target_code, e.cameo): e for e in fixed.code_text(TEXT, date="2017-03-08")}
    old = next(e for k, e in plain.items() if k[2] == "020")
    new = after[(old.source_code, old.target_code, "0256")]
    assert (old.source_code, old.target_code, "020") not in after
    code = load_ontology()["0256"]
    assert (new.cameo_root, new.quad_class, new.goldstein, new.plover_event) == (
        code.root, code.quad_class, code.goldstein, code.plover_event)
    assert new.pattern.endswith("[correction appeal]") and new.verb == old.verb and new.sentence == old.sentence
    # ids are made as the coder makes them: an event coded 0256 from the start would have this id
    assert new.event_id == event_id_of(new.doc_id, new.sentence_index, new.source_code, new.target_code, "0256",
                                       new.verb.start)
    for e in plain.values():
        assert e.event_id == event_id_of(e.doc_id, e.sentence_index, e.source_code, e.target_code, e.cameo,
                                         e.verb.start)
    assert fixed.version != coder.version and fixes in fixed.sources


def _store(path: Path, coder) -> EventStore:
    store = EventStore(path)
    ingest(store, iter_records([str(DEMO)], ReaderOptions(), ReadReport()), coder, IngestOptions())
    return store


def _tables(store: EventStore) -> dict:
    return {t: rows for t, rows in store.dump().items() if t != "meta"}


def _containing(store, phrases) -> set[str]:
    rows = store.con.execute("SELECT doc_id, text FROM documents").fetchall()
    return {d for d, text in rows if any(all(fold(p) in fold(text) for p in alt) for alt in phrases)}


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory, coder):
    path = tmp_path_factory.mktemp("corrections") / "demo.duckdb"
    _store(path, coder).close()
    return path


def test_recode_touches_only_the_documents_with_the_rules_words(demo_store, nlp, tmp_path, coder):
    fixes = tmp_path / "fixes.yaml"
    fixes.write_text(RULES, encoding="utf-8")
    fixed = Coder(nlp=nlp, dictionaries=[fixes])
    db = tmp_path / "store.duckdb"
    shutil.copyfile(demo_store, db)
    with EventStore(db) as store:
        before = _tables(store)
        plan = mark_untouched(store, revision_of(fixed))
        touched = _containing(store, [["urged seoul to abandon", "urged"], ["promised serious negotiations"],
                                      ["unification ministry", "the unification ministry"],
                                      ["ministry", "of", "unification"]])
        assert plan.changed_rules == 4 and plan.full == 0
        assert (plan.to_recode, plan.marked) == (len(touched), 45 - len(touched)) and 0 < len(touched) < 10
        report = recode(store, fixed)
        assert report.recoded == len(touched)
        after = _tables(store)
        history = store.con.execute("SELECT DISTINCT doc_id FROM events_history").fetchall()
        assert {d for (d,) in history} <= touched and history
        # the two corrections that match demo sentences changed events; nothing else moved
        at = COLUMNS["events"].index("coder_version")
        content = lambda rows: {r[:at] + r[at + 1:] for r in rows}  # noqa: E731
        changed = {e[0] for e in content(before["events"]) ^ content(after["events"])}
        assert changed
        assert changed <= {r[0] for r in store.con.execute("SELECT event_id FROM events_history").fetchall()}
        versions = store.con.execute("SELECT DISTINCT coder_version FROM events").fetchall()
        assert versions == [(fixed.version,)]
    with _store(tmp_path / "fresh.duckdb", fixed) as fresh:   # coding everything again gives the same
        assert _tables(fresh) == after
    # taking a rule back re-codes its documents again, to the events they had before it
    fixes.write_text(RULES.replace("  - id: appeal\n    when: {sentence: [\"urged Seoul to abandon\"], verb: urged, "
                                   "cameo: \"020\"}\n    then: {cameo: \"0256\"}\n", ""), encoding="utf-8")
    fewer = Coder(nlp=nlp, dictionaries=[fixes])
    with EventStore(db) as store:
        plan = mark_untouched(store, revision_of(fewer))
        assert plan.changed_rules == 1 and plan.to_recode == len(_containing(store, [["urged seoul to abandon"]]))
        recode(store, fewer)
        ids = {r[0] for r in store.con.execute("SELECT event_id FROM events WHERE cameo = '020'").fetchall()}
        assert {e[0] for e in before["events"] if e[0] in ids} == ids and ids
        revisions = store.con.execute("SELECT max(revision) FROM events_history WHERE change = 'added' AND "
                                      "(event->>'cameo') = '020'").fetchone()[0]
        assert revisions == 2


def test_another_dictionary_base_recodes_everything(demo_store, nlp, tmp_path):
    extra = tmp_path / "verbs_more.yaml"   # a patterns file: not local, so not phrase-bound
    extra.write_text('codes:\n  "042":\n    verbs: ["pay a call on"]\n', encoding="utf-8")
    other = Coder(nlp=nlp, prepass=False, dictionaries=[extra])
    db = tmp_path / "store.duckdb"
    shutil.copyfile(demo_store, db)
    with EventStore(db) as store:
        plan = mark_untouched(store, revision_of(other))
        assert (plan.full, plan.marked, plan.to_recode) == (45, 0, 0)
        assert store.count_stale(other.version) == 45


def test_ingest_cli_recode_with_dictionaries(demo_store, tmp_path):
    fixes = tmp_path / "fixes.yaml"
    fixes.write_text(RULES, encoding="utf-8")
    db = tmp_path / "store.duckdb"
    shutil.copyfile(demo_store, db)
    cli = Path(sys.executable).with_name("communique")
    r = subprocess.run([str(cli), "ingest", "--db", str(db), "--dictionaries", str(fixes), "--recode",
                        "--progress", "none"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    con = duckdb.connect(str(db), read_only=True)
    try:
        recoded = con.execute("SELECT count(DISTINCT doc_id) FROM events_history").fetchone()[0]
        (version,) = con.execute("SELECT DISTINCT coder_version FROM documents").fetchone()
    finally:
        con.close()
    assert "4 local rules changed;" in r.stderr and "others keep their events" in r.stderr
    assert f"re-coded {recoded} documents" in r.stderr or recoded == 0
    again = subprocess.run([str(cli), "ingest", "--db", str(db), "--dictionaries", str(fixes), "--recode",
                            "--progress", "none"], capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and "no documents of another coder version" in again.stderr
    assert version in again.stderr


def test_correction_file_round_trip(ontology, tmp_path):
    path = tmp_path / "fixes.yaml"
    f = CorrectionFile(path, ontology)
    f.add({"id": "c-1", "when": {"sentence": ["x y"], "cameo": "020"}, "then": {"cameo": "0256"}, "note": "n"})
    f.add({"id": "a-1", "name": "Ministry of Unification", "codes": [{"code": "KORGOV"}]}, "actors")
    with pytest.raises(DictionaryError, match="already"):
        f.add({"id": "c-1", "when": {"sentence": ["z"]}, "then": {"drop": True}})
    with pytest.raises(DictionaryError, match="unknown CAMEO"):
        f.add({"id": "c-2", "when": {"sentence": ["z"]}, "then": {"cameo": "0000"}})
    again = CorrectionFile(path, ontology)
    assert [r.id for r in again.rules] == ["c-1"] and again.actors[0]["name"] == "Ministry of Unification"
    assert path.read_text().startswith("# communique corrections")
    assert again.remove("c-1") and not again.remove("c-1")
    assert CorrectionFile(path, ontology).rules == []
