"""TokenRules gives exactly the annotations of spaCy's attribute ruler and lemmatizer."""
import json
from datetime import date

import pytest
import spacy

from communique.cli.main import DEMO_FILE
from communique.coder.core import Coder
from communique.nlp.token_rules import REPLACED, TokenRules
from communique.records import Document

ODD = ("Y'all gonna let's c'm on, gotta go: ain't nothin' it is. I saw you and it there. "
       "Did he do it? There are   \n\n  cats.  He gets what he got. Which did that? "
       "It's his, not theirs; they'd've gone. \u201cNo,\u201d she said.")


def _texts(gold_path):
    with open(DEMO_FILE, encoding="utf-8") as fh:
        demo = [json.loads(line)["text"] for line in fh]
    with open(gold_path, encoding="utf-8") as fh:
        gold = [json.loads(line)["text"] for line in fh]
    return [*demo, *gold, ODD, "", "   "]


def _annotations(docs):
    return [[(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in d] for d in docs]


def test_same_annotations_as_spacy(coder, gold_path):
    nlp = coder.nlp
    rules = TokenRules.for_pipeline(nlp)
    assert rules is not None
    texts = _texts(gold_path)
    expected = _annotations(nlp.pipe(texts))
    got = _annotations(rules(d) for d in nlp.pipe(texts, disable=list(REPLACED)))
    assert sum(map(len, expected)) > 5000
    assert got == expected
    # and again with warm caches
    assert _annotations(rules(d) for d in nlp.pipe(texts, disable=list(REPLACED))) == expected


def test_patterns_with_operators_fall_back_to_a_matcher():
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler")
    ruler = nlp.get_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "?"}, {"LOWER": "big"}]], {"TAG": "JJ"}, index=-1)
    ruler.add([[{"ORTH": "big"}]], {"TAG": "XX"})   # a later rule wins
    ruler.add([[{"LOWER": "a"}, {"LOWER": "very"}]], {"TAG": "DT"}, index=0)
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    lemmatizer.lookups.set_table("lemma_lookup", {})
    rules = TokenRules(nlp, ruler, lemmatizer)
    assert len(rules.matcher) == 1 and rules.starts
    text = "a very big dog and a big cat"
    tags = [t.tag_ for t in rules(nlp.make_doc(text))]
    assert tags == ["DT", "", "XX", "", "", "", "XX", ""]
    assert tags == [t.tag_ for t in ruler(nlp.make_doc(text))]


def test_other_pipelines_run_unchanged():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    assert TokenRules.for_pipeline(nlp) is None


@pytest.fixture(scope="module")
def spacy_rules(coder):
    return Coder(nlp=coder.nlp, token_rules=False)


def test_coder_codes_the_same_with_spacys_own_components(coder, spacy_rules):
    with open(DEMO_FILE, encoding="utf-8") as fh:
        docs = [Document(r["id"], r["text"], date.fromisoformat(r["date"])) for r in map(json.loads, fh)]
    assert coder.token_rules is not None and spacy_rules.token_rules is None
    fast = [e.to_dict() for cd in coder.code_documents(docs) for e in cd.events]
    slow = [e.to_dict() for cd in spacy_rules.code_documents(docs) for e in cd.events]
    assert len(fast) > 100 and fast == slow
