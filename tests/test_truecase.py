"""Text in one case: caseless dictionary matching and the true-cased copy for the parser."""
import pytest

from communique.coder.core import Coder
from communique.dictionaries.phrases import build_index
from communique.nlp.truecase import TrueCaser, case_of, lexicon_of


@pytest.fixture(scope="module")
def caser(coder):
    return TrueCaser(coder.actors.index, lexicon_of(coder.nlp))


def test_case_of():
    assert case_of("police arrested 20 people in naroda on saturday.") == "lower"
    assert case_of("THE GUATEMALA ARMY DENIED TODAY THAT GUERRILLAS ATTACKED.") == "upper"
    assert case_of("Police arrested 20 people in Naroda on Saturday.") is None
    assert case_of("ok") is None  # too short to tell


def test_caseless_matching_spares_common_words():
    index = build_index([("North Korea", "PRK", True), ("US", "USA", True), ("U.S.", "USA", True),
                         ("NATO", "NATO", True), ("WHO", "WHO", True)])
    text = "north korea told us that u.s. and nato officials met who they wanted"
    found = [(text[m.start:m.end], m.value) for m in index.find(text, caseless=True)]
    assert found == [("north korea", "PRK"), ("u.s.", "USA"), ("nato", "NATO")]
    assert index.find(text) == []  # written in lower case, names need their capitals otherwise


def test_the_true_cased_copy_has_the_same_length_and_capitals(caser):
    text = "ahmedabad: police arrested 20 people in naroda on saturday. the chief minister said i will act."
    cased = caser(text)
    assert len(cased) == len(text) and cased.lower() == text
    assert cased.startswith("Ahmedabad: police arrested 20 people in Naroda on Saturday. The chief")
    assert " I will " in cased
    upper = "THE GUATEMALA ARMY DENIED TODAY THAT GUERRILLAS ATTACKED THE FARM OF PRESIDENT CEREZO."
    assert caser(upper) == "The Guatemala army denied today that guerrillas attacked the farm of president Cerezo."
    mixed = "Police arrested 20 people in Naroda."
    assert caser(mixed) is mixed


def test_words_that_are_only_a_surname_stay_lower_case(caser):
    assert caser("theresa may said she may go to the united states.") == \
        "Theresa May said she may go to the United States."


@pytest.mark.parametrize("change", [str.lower, str.upper])
def test_one_case_text_is_coded_like_the_original(coder, change):
    text = "North Korea condemned the United States. Russian Foreign Minister Sergey Lavrov criticised NATO."
    want = [(e.source_code, e.target_code, e.cameo, e.verb.start) for e in coder.code_text(text, "2017-03-01")]
    got = coder.code_text(change(text), "2017-03-01")
    assert [(e.source_code, e.target_code, e.cameo, e.verb.start) for e in got] == want
    assert got[0].source.span.text == change("North Korea")  # offsets and words of the original


def test_without_true_casing_lower_case_text_loses_its_names(nlp):
    plain = Coder(nlp=nlp, truecase=False)
    assert plain.code_text("north korea condemned the united states.", "2017-03-01") == []
