"""The pre-pass skips the parse of sentences that cannot yield an event, and loses none."""
import json
from datetime import date

import pytest

from communique.cli.main import DEMO_FILE
from communique.coder.core import Coder
from communique.nlp.prepass import inflections, sentence_spans
from communique.records import Document


def _cut(text):
    return [text[s:e] for s, e in sentence_spans(text)]


def test_sentence_cuts_are_cautious():
    assert _cut("The U.S. Navy sailed. Mr. Kim met Gen. Smith. George W. Bush spoke.") == [
        "The U.S. Navy sailed.", "Mr. Kim met Gen. Smith.", "George W. Bush spoke."]
    assert _cut('He left. "We will return," she said.\n\nNew paragraph') == [
        "He left.", '"We will return," she said.', "New paragraph"]
    assert _cut("") == [] and _cut("   ") == []


def test_inflections_cover_regular_and_irregular_forms():
    assert {"criticizes", "criticized", "criticizing"} <= inflections("criticize")
    assert {"stopped", "stopping"} <= inflections("stop")
    assert {"carries", "carried"} <= inflections("carry")
    assert "met" in inflections("meet", {"met"})
    assert {"cease", "fire"} <= inflections("cease-fire")


@pytest.fixture(scope="module")
def plain(nlp):
    return Coder(nlp=nlp, prepass=False)


def test_plan_skips_sentences_without_actor_or_pattern(coder):
    text = ("Net profit rose 12 pct in the quarter. Russia criticised the United States. "
            "Oil prices fell sharply. Trading was quiet.")
    plan = coder.prepass.plan(text)
    parsed = [text[p.start:p.end] for p in plan.pieces if p.parse]
    assert parsed == ["Russia criticised the United States."]
    assert sum(p.sentences for p in plan.pieces) == 4


def test_pronouns_and_coreference_phrases_keep_a_sentence(coder):
    text = "Russia and China met in Beijing. The two sides condemned the test. They also urged calm."
    plan = coder.prepass.plan(text)
    assert all(p.parse for p in plan.pieces)


def test_skipped_sentences_still_count_and_documents_are_not_lost(coder, plain):
    docs = [Document("a", "Sales rose. Profits fell. Russia criticised the United States.",
                     date(2017, 1, 1)),
            Document("b", "Nothing of interest here. Prices were stable.", date(2017, 1, 1)),
            Document("c", "", date(2017, 1, 1))]
    fast = list(coder.code_documents(docs))
    slow = list(plain.code_documents(docs))
    assert [c.document.id for c in fast] == ["a", "b", "c"]
    assert [c.sentences for c in fast] == [c.sentences for c in slow] == [3, 2, 0]
    assert [e.to_dict() for e in fast[0].events] == [e.to_dict() for e in slow[0].events]
    assert fast[0].events[0].sentence_index == 2


def test_demo_corpus_codes_the_same_with_and_without_the_prepass(coder, plain):
    with open(DEMO_FILE, encoding="utf-8") as fh:
        docs = [Document(r["id"], r["text"], date.fromisoformat(r["date"])) for r in map(json.loads, fh)]
    fast = [e.to_dict() for cd in coder.code_documents(docs) for e in cd.events]
    slow = [e.to_dict() for cd in plain.code_documents(docs) for e in cd.events]
    assert len(slow) > 100
    # the dictionary loses nothing; the learned layer sees the sentences its word gate lets through
    assert [e for e in fast if e["method"] == "dictionary"] == [e for e in slow if e["method"] == "dictionary"]
    model = [e for e in fast if e["method"] == "model"]
    assert model and all(e in slow for e in model)


ZONE_TEST_CHUNKS = 3


def test_memory_zones_keep_the_vocabulary_flat_and_change_nothing(coder, monkeypatch):
    import communique.coder.core as coder_module

    with open(DEMO_FILE, encoding="utf-8") as fh:
        docs = [Document(r["id"], r["text"], date.fromisoformat(r["date"])) for r in map(json.loads, fh)]
    whole = [e.to_dict() for cd in coder.code_documents(docs) for e in cd.events]
    monkeypatch.setattr(coder_module, "ZONE_CHUNKS", ZONE_TEST_CHUNKS)  # many small zones
    zoned = [e.to_dict() for cd in coder.code_documents(docs) for e in cd.events]
    assert zoned == whole

    coder.lemma_cache.extra = 100
    strings = coder.nlp.vocab.strings
    before = len(strings)
    novel = [Document(f"n{i}", f"Russia criticised Zorblax{i}qu and Vemtrik{i}ol. Flarn{i}ex rose.",
                      date(2017, 1, 1)) for i in range(300)]
    coded = list(coder.code_documents(novel))
    assert len(coded) == 300 and all(cd.events for cd in coded)
    assert len(strings) - before < 50  # 900 new word types, none kept
    assert len(coder.lemma_cache.cache) <= len(coder.lemma_cache.base) + 100 + 3 * ZONE_TEST_CHUNKS


def test_a_sector_noun_alone_is_skipped_unless_unnamed_agents_are_coded(coder):
    from communique.nlp.prepass import Prepass

    text = "The ministry criticised the company. The Japanese ministry criticised the company."
    strict = Prepass(coder.patterns, coder.actors, coder.coref, agents_alone=False)
    plan = strict.plan(text)
    assert [text[p.start:p.end] for p in plan.pieces if p.parse] == [
        "The Japanese ministry criticised the company."]
    loose = Prepass(coder.patterns, coder.actors, coder.coref, agents_alone=True)
    assert all(p.parse for p in loose.plan(text).pieces)


def test_hyphenated_heads_need_all_their_words(coder):
    heads = [h for h, plist in coder.patterns.nouns.items()
             if h.count("-") == 1 and any(not p.words for p in plist)]
    assert "sit-in" in heads
    assert coder.prepass.has_pattern({"sit", "in"}) and coder.prepass.has_pattern({"sit", "ins"})
    assert not coder.prepass.has_pattern({"in"}) and not coder.prepass.has_pattern({"sit"})


def test_a_shared_surname_counts_as_an_actor(coder, plain):
    assert "kim" in coder.surnames.people  # several Kims in people.yaml
    text = "Kim criticised the plan on Monday. Sales of kimchi rose."
    plan = coder.prepass.plan(text)
    assert [text[p.start:p.end] for p in plan.pieces if p.parse] == ["Kim criticised the plan on Monday."]
    fast = [e.to_dict() for e in coder.code_text(text, date="2018-05-01")]
    assert fast == [e.to_dict() for e in plain.code_text(text, date="2018-05-01")]
