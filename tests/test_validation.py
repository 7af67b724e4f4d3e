"""PETRARCH dictionaries in the coder, convert-dictionary, and `communique validate`."""
import json
from pathlib import Path

import pytest

from communique.cli.main import main
from communique.coder.core import Coder
from communique.scoring.validate import validate

FIX = Path(__file__).parent / "fixtures" / "petrarch"
SAMPLE = [FIX / "sample.actors.txt", FIX / "sample.agents.txt", FIX / "sample.verbs.txt",
          FIX / "sample.discards.txt"]
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
TEXTS = ["Zembla harvested honey for the Bramble Isles.",
         "Queen Disa harvested timber for Zembla.",
         "The Zemblan lighthouse keepers gleaned a ferry from the Bramble Isles."]


def _triples(coder, text, day):
    return sorted((e.source_code, e.target_code, e.cameo)
                  for e in coder.code_text(text, date=day))


@pytest.fixture(scope="module")
def petrarch_coder(nlp):
    return Coder(nlp=nlp, dictionaries=SAMPLE, only_dictionaries=True)


def test_codes_with_petrarch_dictionaries_only(petrarch_coder):
    assert _triples(petrarch_coder, TEXTS[0], "2021-03-04") == [("ZEM", "BRM", "874")]
    # built-in actors are left out: Russia is not known
    assert _triples(petrarch_coder, "Russia harvested honey for Zembla.", "2021-03-04") == []


def test_dated_actor_codes(petrarch_coder):
    assert _triples(petrarch_coder, TEXTS[1], "2015-06-01")[0][0] == "ZEMGOV"
    assert _triples(petrarch_coder, TEXTS[1], "2022-06-01")[0][0] == "ZEMELI"


def test_petrarch_dictionaries_mix_with_the_builtin_ones(nlp):
    coder = Coder(nlp=nlp, dictionaries=SAMPLE)
    assert ("RUS", "ZEM", "874") in _triples(coder, "Russia harvested honey for Zembla.", "2021-03-04")
    assert ("RUS", "USA", "111") in _triples(coder, "Russia criticised the United States.", "2021-03-04")


def test_converted_dictionaries_code_the_same(tmp_path, petrarch_coder, capsys):
    converted = []
    for src in SAMPLE:
        out = tmp_path / (src.name.replace(".txt", "") + ".yaml")
        assert main(["convert-dictionary", str(src), "-o", str(out)]) == 0
        converted.append(out)
    assert "harvest" in (tmp_path / "sample.verbs.yaml").read_text()
    again = Coder(nlp=petrarch_coder.nlp, dictionaries=converted, only_dictionaries=True)
    for text in TEXTS:
        for day in ("2015-06-01", "2022-06-01"):
            a = [e.to_dict() for e in petrarch_coder.code_text(text, date=day)]
            b = [e.to_dict() for e in again.code_text(text, date=day)]
            for e in a + b:
                e.pop("coder_version")
            assert a == b


def test_broken_dictionary_is_reported_with_file_and_line(tmp_path, capsys):
    bad = tmp_path / "broken.verbs.txt"
    bad.write_text("--- HARVEST [871] ---\nHARVEST\n- * &NOSUCHSET [874]\n- * * TWO [875]\n")
    (tmp_path / "in.txt").write_text("Zembla harvested honey.")
    code = main(["code", str(tmp_path / "in.txt"), "--dictionaries", str(bad), "--only-dictionaries"])
    err = capsys.readouterr().err
    assert code == 0
    assert f"{bad}:4" in err and "NOSUCHSET" in err  # both faulty patterns left out, with where


def test_validate_scores_records(tmp_path, petrarch_coder):
    summary = validate(petrarch_coder, FIX / "sample.records.xml")
    f = summary.figures()
    assert f["records"] == len(summary.results) >= 3
    first = summary.results[0]
    assert first.id == "T-01" and first.expected == [("ZEM", "BRM", "874")]
    assert first.correct and first.parts() == 3
    assert 0 < f["fully_correct"] <= f["records"]


# -- the field's suites (../shared/data); floors are the README figures ------------------

RECORDED = {  # README, "Validation suites"
    "petrarch2-unit": {"full": 0.876, "parts": 0.923, "extras": 0.070},
    "petrarch1": {"full": 0.466, "parts": 0.617, "extras": 0.385},
    "gsr-phoenix": {"full": 0.423, "parts": 0.653, "extras": 0.638},
}
SUITES = {
    "petrarch2-unit": ("petrarch2/text/PETR.UnitTest.records.xml", ["petrarch2/dictionaries"]),
    "petrarch1": ("petrarch1-2014-validation/PETR.Validate.records.140226.txt",
                  ["petrarch1-2014-validation"]),
    "gsr-phoenix": ("universalpetrarch/PETR2_GSR_validation.xml",
                    [f"petrarch2/dictionaries/{n}" for n in (
                        "Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                        "Phoenix.MilNonState.actors.txt", "Phoenix.agents.txt", "CAMEO.2.0.txt",
                        "Phoenix.discards.txt")]),
}


@pytest.mark.parametrize("suite", sorted(SUITES))
def test_field_validation_suites(suite, tmp_path, capsys):
    records, dicts = SUITES[suite]
    if not (SHARED / records).exists():
        pytest.skip(f"{SHARED / records} not found (the shared validation data is not beside the project)")
    out = tmp_path / "figures.json"
    args = ["validate", str(SHARED / records), "--failures", "0", "--json", str(out)]
    for d in dicts:
        args += ["--dictionaries", str(SHARED / d)]
    assert main(args) == 0
    figures = json.loads(out.read_text())
    floor = RECORDED[suite]
    assert figures["fully_correct_share"] >= floor["full"] - 1e-9
    assert figures["parts_correct_share"] >= floor["parts"] - 1e-9
    assert figures["extra_share"] <= floor["extras"] + 1e-9


def test_converted_phoenix_dictionaries_code_the_same(tmp_path, nlp):
    names = SUITES["gsr-phoenix"][1]
    if not (SHARED / names[0]).exists():
        pytest.skip(f"{SHARED / names[0]} not found (the shared Phoenix dictionaries are absent)")
    from communique.dictionaries.petrarch import read_records
    direct = [SHARED / n for n in names]
    converted = []
    for src in direct:
        out = tmp_path / (src.stem + ".yaml")
        assert main(["convert-dictionary", str(src), "-o", str(out)]) == 0
        converted.append(out)
    docs = read_records(SHARED / SUITES["gsr-phoenix"][0])
    a_coder = Coder(nlp=nlp, dictionaries=direct, only_dictionaries=True)
    b_coder = Coder(nlp=nlp, dictionaries=converted, only_dictionaries=True)
    a = [(e.doc_id, e.source_code, e.target_code, e.cameo, e.verb.start)
         for cd in a_coder.code_documents([_doc(r) for r in docs]) for e in cd.events]
    b = [(e.doc_id, e.source_code, e.target_code, e.cameo, e.verb.start)
         for cd in b_coder.code_documents([_doc(r) for r in docs]) for e in cd.events]
    assert len(a) > 50
    assert a == b


def _doc(record):
    from communique.records import Document
    return Document(record.id, record.text, record.date)
