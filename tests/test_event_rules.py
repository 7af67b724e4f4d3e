"""Clause-level event rules (event_rules.py / data/event_rules.yaml) on sentences written here."""
import importlib.util
import sys
from pathlib import Path

import pytest

from communique.events.rules import EventRules

ROOT = Path(__file__).resolve().parents[1]


def roots(triples):
    return {(s[:3], (t or "-")[:3], c[:2]) for s, t, c in triples}


def test_rules_file_loads():
    rules = EventRules.load()
    assert rules.request_codes["087"] == "0256"
    assert "would" in rules.refusal_modals and "summon" in rules.purpose_governors


def test_modal_negation_is_a_refusal(code):
    got = code("Turkey said it would not recognize the new government of Libya.")
    assert any(s == "TUR" and c[:2] == "12" for s, t, c in got)
    assert not any(c[:2] == "05" for s, t, c in got)


def test_plain_negation_gives_no_event(code):
    assert [(s, t, c[:2]) for s, t, c in code("France recognized the new government of Libya.")] == [
        ("FRA", "LBYGOV", "05")]
    assert code("France did not recognize the new government of Libya.") == []


def test_urge_to_stop_fighting_is_an_appeal_for_deescalation(code):
    got = code("The European Union urged Ethiopia and Eritrea to stop fighting.")
    assert {(t, c) for s, t, c in got} >= {("ETH", "0256"), ("ERI", "0256")}


def test_proposal_that_another_actor_acts_targets_that_actor(code):
    got = code("Japan proposed that Russia suspend its military exercises.")
    assert any(s.startswith("JPN") and t == "RUS" and c[:2] == "02" for s, t, c in got)


def test_march_to_demand_resignation(code):
    got = code("Thousands of Brazilians marched in Sao Paulo on Sunday to demand President "
               "Dilma Rousseff's resignation.", date="2016-03-13")
    assert any(c == "1411" for s, t, c in got)
    assert not any(c.startswith("104") for s, t, c in got)


def test_joint_exercise_of_two_countries(code):
    got = roots(code("Indian and Japanese forces began a naval exercise on Monday."))
    assert {("IND", "JPN", "06"), ("JPN", "IND", "06")} <= got


def test_drafted_resolution_targets_the_drafter(code):
    got = code("China vetoed a French-drafted Security Council resolution on Tuesday.")
    assert ("CHN", "FRA") in {(s[:3], (t or "-")[:3]) for s, t, c in got}


def test_purpose_clause_of_a_consultation_is_not_a_second_event(code):
    got = code("Macron spoke by telephone with Merkel on Monday to discuss Iran's nuclear programme.",
               date="2018-05-07")
    assert sorted((s, t, c[:2]) for s, t, c in got) == [("DEUGOV", "FRAGOV", "04"), ("FRAGOV", "DEUGOV", "04")]


def test_dative_recipient_of_money(code):
    got = code("Qatar agreed to give Egypt $2 billion in financial support.")
    assert any(s == "QAT" and t == "EGY" and c.startswith("033") for s, t, c in got)


def test_home_country_is_not_the_target(code):
    got = code("Trump pulled the United States out of the Iran nuclear deal.", date="2018-05-08")
    assert [(s, t, c[:2]) for s, t, c in got] == [("USAGOV", "IRN", "16")]


def _heldout():
    spec = importlib.util.spec_from_file_location("heldout", ROOT / "benchmarks" / "heldout.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["heldout"] = mod
    spec.loader.exec_module(mod)
    return mod


def test_heldout_majority_root_and_rater_parsing():
    h = _heldout()
    row = {"anncomplete_1": "True", "1_Relevant_1": "True", "Action1_CAMEO_1": "3-11 Disapprove",
           "Action2_CAMEO_1": "0-1 Make Public Statement", "anncomplete_2": "True",
           "1_Relevant_2": "False", "anncomplete_3": "False"}
    assert h.rater_roots(row, "1") == {"11", "01"}
    assert h.rater_roots(row, "2") == set() and h.rater_roots(row, "3") is None
    s = h.Sentence("x", {"1": {"11"}, "2": {"11", "01"}, "3": set()})
    assert s.majority_root() == "11"
    assert h.Sentence("y", {"1": {"11"}, "2": {"01"}}).majority_root() is None


def test_heldout_reads_the_conflibert_rounds():
    h = _heldout()
    if not h.DEFAULT_DATA.is_dir():
        pytest.skip("../shared/data/cameo_conflibert not available")
    sentences = h.load_sentences(h.DEFAULT_DATA)
    assert len(sentences) == 200
    assert sum(1 for s in sentences if s.majority_root()) > 50
