"""Patterns over word classes (classes.yaml, verbs_classes.yaml): the mechanism on small
files written here, and the built-in classes on plain news sentences (issue 11)."""
from pathlib import Path

import pytest

from communique.coder.core import Coder
from communique.dictionaries.classes import resolve_classes
from communique.dictionaries.ontology import load_ontology
from communique.dictionaries.patterns import (
    DATA_DIR,
    PATTERN_FILES,
    VERBS_FILE,
    load_patterns,
    pattern_files,
)
from communique.errors import DictionaryError
from communique.events.frames import best, frame, match
from communique.nlp.prepass import Prepass, lemma_exceptions


def triples(coder, text, date="2018-05-10"):
    return {(e.source.actor.code if e.source else None, e.target.actor.code if e.target else None,
             e.cameo) for e in coder.code_text(text, date=date)}


def roots(got):
    """(source country, target country, root) of each event."""
    return {((s or "-")[:3], (t or "-")[:3], c[:2]) for s, t, c in got}


# -- the examples of issue 11 -------------------------------------------------------------

def test_supplied_the_army_with_weapons_is_military_aid_to_the_army(coder):
    got = triples(coder, "Washington has supplied the Iraqi army with helicopters, armoured "
                         "vehicles and rifles.")
    assert {(s[:3], t, c) for s, t, c in got} == {("USA", "IRQMIL", "072")}


def test_shipped_shells_to_is_military_aid_to_the_recipient(coder):
    got = triples(coder, "Pyongyang has shipped artillery shells to Moscow.")
    assert roots(got) == {("PRK", "RUS", "07")} and {c for *_, c in got} == {"072"}


def test_handed_the_army_a_batch_of_jets(coder):
    got = triples(coder, "Moscow has handed Syria's army a new batch of fighter jets.")
    assert {(s[:3], t, c) for s, t, c in got} == {("RUS", "SYRMIL", "072")}


def test_restarted_negotiations_is_a_negotiation_both_ways(coder):
    got = triples(coder, "Ethiopia and Eritrea restarted negotiations over the disputed border town.")
    assert got == {("ETH", "ERI", "046"), ("ERI", "ETH", "046")}


def test_reopened_talks_is_a_consultation_not_an_easing(coder):
    got = triples(coder, "Greece and Turkey reopened talks on their maritime dispute.")
    assert roots(got) == {("GRC", "TUR", "04"), ("TUR", "GRC", "04")}
    assert not any(c.startswith("08") for *_, c in got)


def test_money_set_aside_in_relief_for_a_country_is_aid_to_it(coder):
    got = triples(coder, "The Japanese government said it had set aside 2 million dollars in "
                         "emergency relief for Nepal.")
    assert {(s, t, c[:2]) for s, t, c in got} == {("JPNGOV", "NPL", "07")}


def test_cyber_warfare_against_is_a_cyber_attack(coder):
    got = triples(coder, "Chinese hacker groups have mounted cyber warfare against Taiwan.")
    assert roots(got) == {("CHN", "TWN", "17")} and {c for *_, c in got} == {"176"}


def test_students_across_a_country_staged_rallies(coder):
    got = triples(coder, "Thousands of students across Bangladesh staged rallies to demand "
                         "electoral reform.")
    assert roots(got) == {("BGD", "-", "14")}


def test_must_open_markets_or_face_duties_is_a_demand_toward_china(coder):
    got = triples(coder, "The European Commission said Beijing must open its markets to European "
                         "cars or face retaliatory duties.")
    assert {(s, t[:3], c[:2]) for s, t, c in got} <= {("IGOEUREEC", "CHN", "10"),
                                                     ("IGOEUREEC", "CHN", "13")}
    assert got


# -- direction from the prepositions, and what does not fill a class -----------------------

@pytest.mark.parametrize("text, expected", [
    ("Iran delivered drones to Russia.", {("IRN", "RUS", "072")}),
    ("Germany provided Ukraine with tanks.", {("DEU", "UKR", "072")}),
    ("Turkey gave Azerbaijan drones.", {("TUR", "AZE", "072")}),
    ("China sent medicine and tents to Pakistan.", {("CHN", "PAK", "073")}),
    ("Kenya expelled two Ugandan diplomats.", {("KEN", "UGA", "161")}),
    ("France lifted its sanctions on Iran.", {("FRA", "IRN", "085")}),
    ("Egypt slapped Israel with sanctions.", {("EGY", "ISR", "163")}),
    ("India voiced concern over Nepal's new map.", {("IND", "NPL", "110")}),
    ("Serbia denied the allegations by Croatia.", {("SRB", "HRV", "016")}),
    ("Russia accused Ukraine of war crimes.", {("RUS", "UKR", "1124")}),
    ("Japan and Australia signed a defence pact.", {("JPN", "AUS", "05"), ("AUS", "JPN", "05")}),
    ("Germany has pledged 50 million euros in humanitarian aid to Syria.", {("DEU", "SYR", "0333")}),
    ("Japan will provide 100 million dollars in aid to Ukraine.", {("JPN", "UKR", "03")}),
    ("Talks between Serbia and Kosovo resumed in Brussels.", {("SRB", "KSV", "046"),
                                                             ("KSV", "SRB", "046")}),
    ("The United States approved a 1 billion dollar arms sale to Taiwan.", {("USA", "TWN", "072")}),
])
def test_class_patterns_take_the_direction_from_the_words(coder, text, expected):
    got = {(s[:3], (t or "-")[:3], c) for s, t, c in triples(coder, text)}
    if all(len(c) == 2 for *_, c in expected):
        got = {(s, t, c[:2]) for s, t, c in got}
    assert got == expected


def test_a_modifier_or_a_company_name_is_not_a_class_word(coder):
    assert not any(c.startswith("07") for *_, c in triples(
        coder, "Iraq shipped weapons inspectors to Iran."))
    assert not any(c.startswith("07") for *_, c in triples(
        coder, "France supplied Shell with crude oil."))


def test_a_class_word_under_another_preposition_does_not_fill_it(coder):
    # the rifles are what the soldiers carried, not what was handed over
    got = triples(coder, "Russia handed the town to soldiers with rifles.")
    assert not any(c == "072" for *_, c in got)


# -- the mechanism, on small files ---------------------------------------------------------

def write(tmp_path: Path, text: str) -> Path:
    f = tmp_path / "verbs_test.yaml"
    f.write_text(text, encoding="utf-8")
    return f


def test_phrase_members_and_classes_inside_classes():
    classes = resolve_classes({
        "GOODS": (["rice", "drinking water", "&TOOLS"], "x.yaml"),
        "TOOLS": (["hammer", "cease-fire"], "x.yaml")})
    goods = classes["GOODS"]
    assert goods.lemmas == {"rice", "hammer"}
    assert ("drinking", "water") in goods.phrases and ("cease", "fire") in goods.phrases
    assert goods.size("rice") == 1 and goods.size("water") == 0  # a phrase needs its words
    assert goods.heads >= {"drinking", "water", "cease", "fire", "hammer"}


def test_unknown_or_circular_classes_are_errors():
    with pytest.raises(DictionaryError, match="unknown class"):
        resolve_classes({"A": (["&B"], "x.yaml")})
    with pytest.raises(DictionaryError, match="each other"):
        resolve_classes({"A": (["&B"], "x.yaml"), "B": (["&A"], "x.yaml")})


def test_a_head_class_gives_one_pattern_per_member(tmp_path):
    f = write(tmp_path, 'classes:\n  GIVE: [donate, hand over]\n  GOODS: [rice, drinking water]\n'
                        'codes:\n  "073":\n    verbs: ["&GIVE &GOODS to"]\n    nouns: ["&GOODS to"]\n')
    ps = load_patterns(load_ontology(), VERBS_FILE, extra=[f])
    donate = [p for p in ps.verbs["donate"] if p.code == "073"]
    hand = [p for p in ps.verbs["hand"] if p.text == "&GIVE &GOODS to"]
    assert donate[0].words == ("&goods", "to") and donate[0].general == 2
    assert hand[0].words == ("over", "&goods", "to") and hand[0].sets[0] is None
    assert {"rice", "water"} <= set(ps.nouns)  # a noun phrase member is keyed on its last word
    assert ps.nouns["water"][0].words == ("drinking", "to")


def test_unknown_class_in_a_pattern_is_an_error(tmp_path):
    f = write(tmp_path, 'codes:\n  "073":\n    verbs: ["give &NOSUCH to"]\n')
    with pytest.raises(DictionaryError, match="unknown class &nosuch"):
        load_patterns(load_ontology(), VERBS_FILE, extra=[f])


def test_classes_among_governors_and_light_verbs(tmp_path):
    f = write(tmp_path, 'classes:\n  ASKING: [beseech, entreat]\n  DOING: [effectuate]\n'
                        'governors:\n  block: ["&ASKING"]\nlight_verbs: ["&DOING"]\n')
    ps = load_patterns(load_ontology(), VERBS_FILE, extra=[f])
    assert ps.governors["beseech"] == "block" and ps.governors["entreat"] == "block"
    assert "effectuate" in ps.light_verbs


def test_a_later_class_replaces_an_earlier_one(tmp_path):
    f = write(tmp_path, 'classes:\n  ARMS: [slingshot]\n')
    ps = load_patterns(load_ontology(), None, extra=[f])
    assert ps.classes["ARMS"].lemmas == {"slingshot"}


def test_the_longest_reading_wins_and_plain_words_break_ties(nlp, tmp_path):
    f = write(tmp_path, 'classes:\n  GOODS: [aid, military aid]\n'
                        'codes:\n  "070":\n    verbs: ["provide &GOODS"]\n'
                        '  "073":\n    verbs: ["provide aid"]\n')
    ps = load_patterns(load_ontology(), VERBS_FILE, extra=[f])
    tok = nlp("Spain provided military aid.")[1]
    els = frame(tok, datives=True)
    plist = ps.verbs["provide"]
    p, _ = best([q for q in plist if q.code in ("070", "073")], els)
    assert p.text == "provide &GOODS"  # "military aid" takes two words, "aid" one
    tok = nlp("Spain provided aid.")[1]
    p, _ = best([q for q in plist if q.code in ("070", "073")], frame(tok, datives=True))
    assert p.text == "provide aid"  # one word each: the plain pattern first
    assert match(p, frame(tok, datives=True)) is not None


def test_the_files_load_in_the_declared_order():
    assert [p.name for p in pattern_files()] == list(PATTERN_FILES)
    assert pattern_files()[0] == VERBS_FILE  # the grammar (governors, tables) is read first
    listed = set(PATTERN_FILES)
    # every pattern file beside them is listed, so none is left out by accident
    assert {p.name for p in DATA_DIR.glob("verbs*.yaml")} <= listed
    assert all((DATA_DIR / name).exists() for name in PATTERN_FILES)


def test_class_patterns_cover_every_root():
    ps = load_patterns(load_ontology())
    general = {p.code[:2] for t in (ps.verbs, ps.nouns) for pl in t.values() for p in pl if p.general}
    assert general == {f"{i:02d}" for i in range(1, 21)}


def test_prepass_keeps_a_sentence_with_a_class_member_and_drops_one_without(nlp, coder):
    assert isinstance(coder.prepass, Prepass)
    # the dictionaries' own pre-pass (the learned layer's word gate may let more through)
    pre = Prepass(coder.patterns, coder.actors, coder.coref, lemma_exceptions(nlp),
                  agents_alone=coder.prepass.agents_alone, surnames=coder.prepass.surnames)
    kept = "Russia shipped howitzers to Syria."
    dropped = "Russia shipped pianos to Syria."
    assert any(p.parse for p in pre.plan(kept).pieces)
    assert not any(p.parse for p in pre.plan(dropped).pieces)
    plain = Coder(nlp=nlp, prepass=False)
    assert triples(coder, kept) == triples(plain, kept)
    assert roots(triples(coder, kept)) == {("RUS", "SYR", "07")}
