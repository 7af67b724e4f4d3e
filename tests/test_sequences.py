"""Verb-block patterns (the TABARI/PETRARCH pattern language) on small dictionaries of our own."""
import pytest

from communique.dictionaries.loader import convert
from communique.dictionaries.sequences import Member, parse_sequence

ACTORS = """\
ZAMBARA [ZAM]
KORVIA [KOR]
TESSEL [TES]
OLDEN [OLD]
"""

# PETRARCH-2 layout: `---` block headers
PETRARCH2_VERBS = """\
&CROPS
+OAT
+RYE_

&NEGAUX
+DID N'T
+WILL NOT

--- ABANDON [345] ---
ABANDON
- * EFFORT [987]
- * &CROPS [061]

--- CLASH [190] ---
CLASH
- &NEGAUX * OVER QUOTAS [131]

--- FEAST [045] ---
FEAST
- * HARVEST AT ^ + [046]

--- SIDE [031] ---
SIDE
- * WITH % [036]

--- DEPLORE [122] ---
DEPLORE
- INDICATED * [123]

--- FACE [040] ---
FACE
- * PRESSURE [:100]
- * BLAME [+++]

--- RESTORE [064] ---
RESTORE
- * FULLEST [###]

--- SNUB [---] ---
SNUB
- *_AND_MOCK [125]

--- SNUB [111] ---
SNUB
- + WAS * AT $ [112]

--- MEND [---] ---
MEND
- * TIES [064:064]

--- EXPLAIN [010] ---
SAY {SAID SAYS SAYING}

--- FIGHT [190] ---
RAID

~ a (a b RAID) SAY = a b 138
~ a (b . RAID) SAY = a b 112
"""

# TABARI / PETRARCH-1 layout: one block per verb line; words are stems unless `_` ends them
TABARI_VERBS = """\
ABANDON [345]
- * EFFORT [987]
- * PLAN_ [988]
ASK [090]
- * FOR { SANCTIONS | TOTAL_BOYCOTT } [172]
"""


@pytest.fixture(scope="module")
def make(coder, tmp_path_factory):
    """make(verbs_text, name) -> code(text) -> sorted (source, target, cameo) triples."""
    def build(verbs, name):
        d = tmp_path_factory.mktemp(name)
        (d / "test.actors.txt").write_text(ACTORS)
        (d / "test.verbs.txt").write_text(verbs)
        from communique.coder.core import Coder
        c = Coder(nlp=coder.nlp, dictionaries=[d], only_dictionaries=True)

        def code(text):
            return sorted((e.source_code, e.target_code, e.cameo)
                          for e in c.code_text(text, date="2020-01-01"))
        return code
    return build


@pytest.fixture(scope="module")
def petrarch2(make):
    return make(PETRARCH2_VERBS, "p2")


@pytest.fixture(scope="module")
def tabari(make):
    return make(TABARI_VERBS, "tabari")


def test_parse_alternatives_and_exact_words():
    p = parse_sequence("* FOR { ECONOMIC_SANCTIONS | BOYCOTT_ } IN_ +", "172", "test")
    kinds = [e.kind for e in p.after]
    assert kinds == ["word", "alt", "word", "target"]
    assert p.after[1].options == (Member(("economic", "sanctions")), Member(("boycott",), True))
    assert p.after[2].exact and not p.after[0].exact


def test_petrarch2_words_match_as_written(petrarch2):
    # "* EFFORT" is not "efforts"; the block's own code applies
    assert petrarch2("Zambara abandoned efforts with Korvia.") == [("ZAM", "KOR", "345")]
    assert petrarch2("Zambara abandoned the effort with Korvia.") == [("ZAM", "KOR", "987")]


def test_petrarch2_synset_members_match_their_plural_unless_exact(petrarch2):
    assert petrarch2("Zambara abandoned oats with Korvia.") == [("ZAM", "KOR", "061")]
    assert petrarch2("Zambara abandoned ryes with Korvia.") == [("ZAM", "KOR", "345")]


def test_tabari_words_are_stems_unless_underscored(tabari):
    assert tabari("Zambara abandoned efforts with Korvia.") == [("ZAM", "KOR", "987")]
    assert tabari("Zambara abandoned plans with Korvia.") == [("ZAM", "KOR", "345")]
    assert tabari("Zambara abandoned the plan with Korvia.") == [("ZAM", "KOR", "988")]


def test_tabari_alternatives(tabari):
    assert tabari("Zambara asked for sanctions against Korvia.") == [("ZAM", "KOR", "172")]
    assert tabari("Zambara asked for a total boycott against Korvia.") == [("ZAM", "KOR", "172")]
    assert tabari("Zambara asked for help from Korvia.") == [("ZAM", "KOR", "090")]


def test_negation_written_in_the_pattern_is_coded(petrarch2):
    assert petrarch2("Zambara didn't clash over quotas with Korvia.") == [("ZAM", "KOR", "131")]
    # a negated verb that no pattern speaks of is no event
    assert petrarch2("Zambara did not clash with Korvia.") == []
    assert petrarch2("Zambara clashed with Korvia.") == [("ZAM", "KOR", "190")]


def test_skip_marker_passes_over_one_noun_phrase(petrarch2):
    assert petrarch2("Zambara feasted the harvest at Tessel with Korvia.") == [("ZAM", "KOR", "046")]


def test_compound_after_the_verb_gives_each_member_as_target(petrarch2):
    assert petrarch2("Zambara sided with Korvia and Olden on the matter.") == [
        ("ZAM", "KOR", "036"), ("ZAM", "OLD", "036")]


def test_pronoun_subject_takes_the_governing_clause_subject(petrarch2):
    assert petrarch2("Zambara indicated it deplored Korvia.") == [("ZAM", "KOR", "123")]


def test_converted_verbs_say_how_words_match(tmp_path):
    (tmp_path / "a.verbs.txt").write_text(PETRARCH2_VERBS)
    (tmp_path / "b.verbs.txt").write_text(TABARI_VERBS)
    p2 = convert(tmp_path / "a.verbs.txt").data
    tab = convert(tmp_path / "b.verbs.txt").data
    assert p2["pattern_words"] == "exact" and tab["pattern_words"] == "stems"
    assert p2["synsets"]["CROPS"] == ["oat", "rye_"]


def test_passive_code_swaps_source_and_target(petrarch2):
    assert petrarch2("Zambara faces pressure from Korvia.") == [("KOR", "ZAM", "100")]
    assert petrarch2("The plan faces pressure from Korvia.") == []  # nobody undergoes it


def test_pattern_with_a_garbage_code_is_left_out_but_discard_code_blocks(petrarch2):
    assert petrarch2("Zambara faces blame from Korvia.") == [("ZAM", "KOR", "040")]
    assert petrarch2("Zambara restored the fullest ties with Korvia.") == []
    assert petrarch2("Zambara restored ties with Korvia.") == [("ZAM", "KOR", "064")]


def test_transformations_merge_an_event_with_its_governing_verb(petrarch2):
    assert petrarch2("Zambara said it would raid Korvia.") == [("ZAM", "KOR", "138")]
    assert petrarch2("Zambara said that Korvia raided Tessel.") == [("ZAM", "KOR", "112")]
    # a report after the event is no governing verb of it
    assert petrarch2("Korvia raided Tessel, Zambara said.") == [("KOR", "TES", "190")]


def test_converted_transformations(tmp_path):
    (tmp_path / "a.verbs.txt").write_text(PETRARCH2_VERBS)
    assert convert(tmp_path / "a.verbs.txt").data["transformations"] == [
        "a (a b RAID) SAY = a b 138", "a (b . RAID) SAY = a b 112"]


def test_patterns_of_every_block_that_lists_the_verb_are_tried(petrarch2):
    assert petrarch2("Zambara was snubbed at Korvia.") == [("KOR", "ZAM", "112")]


def test_symmetric_paired_code_with_a_compound_subject(petrarch2):
    assert petrarch2("Zambara and Korvia mended ties.") == [("KOR", "ZAM", "064"), ("ZAM", "KOR", "064")]
