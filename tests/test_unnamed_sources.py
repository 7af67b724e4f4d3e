"""Events without a coded source, through every layer: the CLI's JSON and CSV, --require-source,
the store, the exports (GDELT leaves Actor1 empty), dyads (named sources only) and evaluate.
Also `communique actors` and the parties file's checks."""
import csv
import io
import json
from datetime import date

import pytest

from communique.analysis.dyads import dyads, top_actors
from communique.analysis.export import export
from communique.cli.main import main
from communique.dictionaries.actors import ActorDictionary, load_parties
from communique.errors import DictionaryError
from communique.scoring.evaluate import evaluate, scored_code
from communique.store.event_store import EventStore

STORIES = ["A roadside bomb killed three U.S. soldiers near Samarra. Russia criticised the United States.",
           "Gunmen attacked a checkpoint."]  # no country: the gunmen have no code


def _doc(tmp_path):
    path = tmp_path / "story.jsonl"
    path.write_text("".join(json.dumps({"id": f"s{i}", "text": t, "date": "2007-05-01"}) + "\n"
                            for i, t in enumerate(STORIES)), encoding="utf-8")
    return path


def test_code_writes_unnamed_sources_and_require_source_drops_them(tmp_path):
    out = tmp_path / "out.jsonl"
    assert main(["code", str(_doc(tmp_path)), "-o", str(out)]) == 0
    got = [json.loads(line) for line in out.read_text().splitlines()]
    sources = [(e["source"] and e["source"]["code"], e["source"] and e["source"]["text"]) for e in got]
    assert sources == [(None, None), ("RUS", "Russia"), (None, "Gunmen")]
    assert got[0]["source"] is None and got[0]["target"]["code"] == "USAMIL"
    assert main(["code", str(_doc(tmp_path)), "-o", str(out), "--require-source"]) == 0
    assert [json.loads(line)["source"]["code"] for line in out.read_text().splitlines()] == ["RUS"]


def test_csv_leaves_the_cells_of_an_unnamed_source_empty(tmp_path):
    out = tmp_path / "out.csv"
    assert main(["code", str(_doc(tmp_path)), "--format", "csv", "-o", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [(r["source_code"], r["source_text"], r["target_code"]) for r in rows] == [
        ("", "", "USAMIL"), ("RUS", "Russia", "USA"), ("", "Gunmen", "")]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("unnamed")
    db = tmp / "events.duckdb"
    assert main(["ingest", str(_doc(tmp)), "--db", str(db), "--progress", "none"]) == 0
    s = EventStore(db, read_only=True)
    yield s
    s.close()


def test_the_store_keeps_them_and_dyads_count_named_sources_only(store):
    rows = store.con.execute("SELECT source_code, source_text, target_code FROM event_view "
                             "ORDER BY doc_id, verb_start").fetchall()
    assert rows == [(None, None, "USAMIL"), ("RUS", "Russia", "USA"), (None, "Gunmen", None)]
    kinds = store.con.execute("SELECT role, kind FROM mentions ORDER BY start").fetchall()
    assert ("source", "unnamed") in kinds and len(kinds) == 4
    assert [(r[1], r[2]) for r in dyads(store, by="all").fetchall()] == [("RUS", "USA")]
    assert {r[0] for r in top_actors(store).fetchall()} == {"RUS", "USA"}


def test_gdelt_leaves_actor1_empty_and_jsonl_writes_null(store):
    out = io.StringIO()
    assert export(store, "gdelt", out) == 3
    rows = sorted(line.split("\t") for line in out.getvalue().splitlines())
    by_actor2 = {r[15]: r[5:15] for r in rows}
    assert by_actor2["USAMIL"] == [""] * 10 and by_actor2[""] == [""] * 10 and by_actor2["USA"][0] == "RUS"
    out = io.StringIO()
    export(store, "jsonl", out)
    got = {e["verb"]["text"]: e for e in map(json.loads, out.getvalue().splitlines())}
    assert got["killed"]["source"] is None
    assert got["attacked"]["source"]["text"] == "Gunmen" and got["attacked"]["source"]["code"] is None


def test_evaluate_scores_unnamed_sources_as_null_and_unknown_names_as_wrong(coder):
    records = [
        {"id": "a", "text": "A roadside bomb killed three U.S. soldiers near Samarra.", "_date": date(2007, 5, 1),
         "expected": [{"source": None, "target": "USAMIL", "cameo": "190"}]},
        {"id": "b", "text": "John Smith praised Jane Doe.", "_date": date(2007, 5, 1),
         "expected": [{"source": None, "target": None, "cameo": "051"}]},
    ]
    ev = evaluate(records, coder)
    assert (ev.levels["root"].tp, ev.levels["root"].fp, ev.levels["root"].fn) == (1, 1, 1)
    (gunmen,) = coder.code_text("Gunmen attacked a checkpoint.", date="2007-05-01")
    assert scored_code(gunmen.source) is None and scored_code(None) is None
    (smith,) = coder.code_text("John Smith praised Jane Doe.", date="2007-05-01")
    assert scored_code(smith.source) == "?"


def test_actors_command_shows_parties_by_date(capsys):
    assert main(["actors", "Labour", "--date", "2005-05-01"]) == 0
    out = capsys.readouterr().out
    assert "GBRGOV     Labour Party (political party)" in out and "parties.yaml:" in out
    assert main(["actors", "Labour", "--date", "2012-05-01"]) == 0
    assert "GBROPP     Labour Party" in capsys.readouterr().out
    assert main(["actors", "Zyxwv", "Qpon"]) == 0
    assert "'Zyxwv Qpon' (no date: people in their latest role): not in the dictionaries" in capsys.readouterr().out


def test_actors_command_usage_errors(capsys):
    assert main(["actors"]) == 2
    assert main(["actors", "Labour", "--date", "2012-13-01"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "Traceback" not in err


@pytest.mark.parametrize("body, message", [
    ("- name: X Party\n  country: gbr\n", "country must be"),
    ("- name: X Party\n  country: GBR\n  government: [2001-01-01]\n", "list of \\[from, to\\] pairs"),
    ("- name: X Party\n  country: GBR\n  government: [[2005-01-01, 2001-01-01]]\n", "start before its end"),
    ("- country: GBR\n", "needs a name"),
])
def test_parties_file_errors_name_the_entry(tmp_path, body, message):
    path = tmp_path / "parties.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DictionaryError, match=message):
        load_parties(ActorDictionary(), path)
