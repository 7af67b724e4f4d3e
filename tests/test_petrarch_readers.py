"""Readers for the TABARI/PETRARCH dictionary formats and validation records.

The first part uses the invented fixtures in tests/fixtures/petrarch; the second
reads the real PETRARCH files in ../shared/data (skipped when absent).
"""
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from communique.dictionaries.petrarch import (
    detect_kind,
    read_actors,
    read_agents,
    read_any,
    read_discards,
    read_environment,
    read_records,
    read_verbs,
)
from communique.errors import DictionaryError

FIX = Path(__file__).resolve().parent / "fixtures" / "petrarch"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def kinds(pattern):
    return [t.kind for t in pattern.tokens]


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def raises(path, reader, line, fragment, **kw):
    with pytest.raises(DictionaryError) as info:
        reader(path, **kw)
    assert str(info.value).startswith(f"{path}:{line}: "), str(info.value)
    assert fragment in str(info.value)


# ---------------------------------------------------------------- actors

def test_actor_entries_codes_and_dates():
    actors = {a.phrases[0].text: a for a in read_actors(FIX / "sample.actors.txt")}
    assert list(actors) == ["ZEMBLA_", "BRAMBLE_ISLES", "PRINCE_ODON_", "QUEEN_DISA",
                            "QUEEN_DISA_OF_ZEMBLA", "KINBOTE", "GRADUS", "SHADE_FAMILY",
                            "NOISE_BAND", "INDENTED_HILLS"]
    zembla = actors["ZEMBLA_"]
    assert (zembla.line, zembla.path) == (6, str(FIX / "sample.actors.txt"))
    assert [(p.normal, p.exact, p.line) for p in zembla.phrases] == [
        ("zembla", True, 6), ("zemblan", False, 7), ("nova zembla", False, 8),
        ("onhava", True, 9), ("zémbla city", False, 10)]
    assert [(c.code, c.start, c.end, c.line) for c in zembla.codes] == [("ZEM", None, None, 6)]
    assert actors["BRAMBLE_ISLES"].codes[0].line == 13
    odon = actors["PRINCE_ODON_"].codes  # YYMMDD and YYYYMMDD, spaces around '-'
    assert [(c.code, c.start, c.end) for c in odon] == [
        ("ZEMREB", None, date(1952, 12, 31)),
        ("ZEMGOV", date(1953, 1, 1), date(1960, 6, 15)),
        ("ZEMELI", date(1960, 6, 16), None)]
    assert [(c.code, c.end) for c in actors["GRADUS"].codes] == [("ZEMSPY", date(2025, 1, 1)),
                                                                 (None, None)]
    assert actors["KINBOTE"].codes[0].code is None  # [---]
    assert actors["SHADE_FAMILY"].codes[0].code == "SHA/DES"
    assert actors["NOISE_BAND"].codes[0].code == "###"
    assert actors["INDENTED_HILLS"].codes[0].code == "ZEMHIL"


def test_codeless_names_written_together_share_the_code_lines():
    actors = {a.phrases[0].text: a for a in read_actors(FIX / "sample.actors.txt")}
    disa, disa_full = actors["QUEEN_DISA"], actors["QUEEN_DISA_OF_ZEMBLA"]
    assert (disa.line, disa_full.line) == (20, 21)
    assert disa.codes == disa_full.codes
    assert [(c.code, c.start, c.end, c.line) for c in disa.codes] == [
        ("ZEMGOV", date(2010, 1, 1), date(2020, 12, 31), 22), ("ZEMELI", None, None, 23)]


def test_latin1_fallback():
    (actor,) = read_actors(FIX / "latin1.actors.txt")
    assert [p.text for p in actor.phrases] == ["CÔTE_D_AZUR_", "NIÇOISE"]
    assert actor.phrases[0].words == ("côte", "d", "azur")


@pytest.mark.parametrize("text, line, fragment", [
    ("A [AAA]\n  [950601-990815]\n", 2, "no valid code before the date"),
    ("A [AAA950601-990815]\n", 1, "bad code [AAA950601-990815]"),
    ("# c\nA [AAA 20121204]\n", 2, "date without '<', '>' or '-'"),
    ("A\n\t[AAA >9901]\n", 2, "date '9901' is not YYMMDD"),
    ("A\n\t[AAA 990230-991231]\n", 2, "not a calendar date"),
    ("A [AAA\n", 1, "bad code bracket"),
    ("A [AAA] extra\n", 1, "unexpected text after the code"),
    ("+SYN\nA [AAA]\n", 1, "before any actor entry"),
    ("A\n\nB [BBB]\n", 1, "actor 'A' has no code"),
    ("A\nB [BBB]\n", 1, "actor 'A' has no code"),
    ("A [AAA]\n+FAR]_\n", 2, "bad code bracket"),
])
def test_actor_errors_name_file_and_line(tmp_path, text, line, fragment):
    raises(write(tmp_path, "bad.actors.txt", text), read_actors, line, fragment)


def test_unreadable_and_binary_files(tmp_path):
    raises(tmp_path / "missing.actors.txt", read_actors, 0, "cannot read file")
    binary = tmp_path / "bin.actors.txt"
    binary.write_bytes(b"A [AAA]\nB\x00 [BBB]\n")
    raises(binary, read_actors, 2, "bad encoding")


def test_lenient_mode_collects_problems_and_skips(tmp_path):
    path = write(tmp_path, "x.actors.txt", "A [AAA >9901] [AAB]\nB\n\nC [CCC]\n")
    problems = []
    actors = read_actors(path, problems=problems)
    assert [a.phrases[0].text for a in actors] == ["A", "C"]
    assert [c.code for c in actors[0].codes] == ["AAB"]
    assert [p.split(": ", 1)[0] for p in problems] == [f"{path}:1", f"{path}:2"]
    path = write(tmp_path, "y.actors.txt", "A\n  [AAA >9901]\nB\n  [BBB]\n")
    problems = []
    assert [a.phrases[0].text for a in read_actors(path, problems=problems)] == ["B"]
    assert len(problems) == 1  # A's code is faulty: A is dropped, it does not borrow B's


# ---------------------------------------------------------------- agents

def test_agents():
    agents = read_agents(FIX / "sample.agents.txt")
    assert agents.substitutions == {"GUARD": ("WARDEN", "WARDENS", "KEEPER"),
                                    "PLACE": ("HARBOR", "HARBOUR")}
    by_line = {a.line: a for a in agents.agents}
    assert [p.text for p in by_line[5].phrases] == ["LIGHTHOUSEWARDEN", "LIGHTHOUSEWARDENS",
                                                    "LIGHTHOUSEKEEPER"]
    assert len(by_line[6].phrases) == 6 and by_line[6].plurals == ()
    assert by_line[6].phrases[1].normal == "warden of the harbour"
    assert [p.text for p in by_line[7].phrases] == ["HARBOR_MASTER_AT_THE_HARBOR",
                                                    "HARBOUR_MASTER_AT_THE_HARBOUR"]
    assert [p.text for p in by_line[8].plurals] == ["BEEKEEPERS", "APIARISTS"]
    assert by_line[9].plurals[0].exact and by_line[9].code == "MED"
    assert by_line[10].plurals is None and by_line[10].position == "suffix"
    assert (by_line[11].code, by_line[11].position) == ("ELD", "prefix")
    assert [p.text for p in by_line[12].plurals][0] == "CANALWARDEN_CREW"


@pytest.mark.parametrize("text, line, fragment", [
    ("A [GOV]\n", 1, "bad agent code"),
    ("A [~GOV~]\n", 1, "bad agent code"),
    ("A\n", 1, "malformed agent entry"),
    ("A {B [~GOV]\n", 1, "malformed agent entry"),
    ("A [~ENV}\n", 1, "malformed agent entry"),
    ("!X! = A\nB!Y! [~GOV]\n", 2, "unknown substitution !Y!"),
    ("!X! = A\n!X! = B\n", 2, "defined twice"),
])
def test_agent_errors(tmp_path, text, line, fragment):
    raises(write(tmp_path, "bad.agents.txt", text), read_agents, line, fragment)


# ---------------------------------------------------------------- discards

def test_discards(tmp_path):
    discards = read_discards(FIX / "sample.discards.txt")
    assert [(d.phrase.normal, d.story_level, d.line, d.phrase.exact) for d in discards] == [
        ("cricket test match", True, 2, False), ("tiddlywinks", False, 3, False),
        ("five years later", False, 4, True)]
    assert discards[0].phrase.text == "Cricket Test Match"
    raises(write(tmp_path, "bad.discards.txt", "OK\nA [B]\n"), read_discards, 2, "bracket")


# ---------------------------------------------------------------- verbs

def test_verb_blocks_and_verbs():
    verbs = read_verbs(FIX / "sample.verbs.txt")
    harvest, trade, wave = verbs.blocks
    assert (harvest.name, harvest.code, harvest.line) == ("HARVEST", "871", 17)
    forms = {v.text: v for v in harvest.verbs}
    assert [i.text for i in forms["HARVEST"].irregular] == ["HARVESTED", "HARVESTING"]
    assert forms["GLEAN"].irregular is None and forms["REAP"].irregular == ()
    bring = forms["+BRING_IN"]
    assert (bring.words, bring.verb_index, bring.code) == (("bring", "in"), 0, "872")
    assert [i.words for i in bring.irregular] == [("brings", "in"), ("brought", "in")]
    assert (forms["WOOL_+GATHER"].verb_index, forms["WOOL_+GATHER"].code) == (1, "873")
    assert forms["NOD+AT"].words == ("nod", "at")
    assert (trade.codes, trade.patterns[0].line) == ((":110",), 39)  # "-- *" read as "- *"
    assert wave.codes == ("041", "042:042") and wave.patterns[0].code == "---"
    (tr,) = verbs.transformations
    assert (tr.lhs, tr.rhs, tr.line) == ("a (a b HARVEST) PROMISE", "a b 057", 46)


def test_synsets_nested_and_exact():
    verbs = read_verbs(FIX / "sample.verbs.txt")
    assert verbs.synsets["CARGO"] == (("ferry",), ("raft",), ("canal", "barge"),
                                      ("honey",), ("fig", "jam"), ("timber",))
    assert all(p.exact for p in verbs.synset_members["BOATWORDS"])  # &BOATWORDS_
    assert not any(p.exact for p in verbs.synset_members["SWEETS"])


def test_pattern_tokens():
    pats = {p.code: p for p in read_verbs(FIX / "sample.verbs.txt").blocks[0].patterns}
    assert kinds(pats["874"]) == ["verb", "synset"] and pats["874"].tokens[1].value == "CARGO"
    assert kinds(pats["875"]) == ["source", "verb", "target"]
    assert kinds(pats["876:876"]) == ["compound", "verb", "word"]
    assert kinds(pats["877"]) == ["verb", "skip", "word", "target"]
    seasonal, late = pats["878"].tokens[0], pats["879A"].tokens[0]
    assert (seasonal.joined_to_next, seasonal.exact) == (True, False)
    assert (late.joined_to_next, late.exact) == (False, True)
    assert kinds(pats["880"]) == ["verb", "pp_open", "word", "target", "pp_close",
                                  "np_open", "word", "word", "np_close"]
    assert kinds(pats["881"]) == ["verb", "alt_open", "word", "alt_sep", "word", "alt_close"]
    assert pats["882"].tokens[1].kind == "stem" and pats["882"].tokens[1].value == "EARLY"
    assert pats["883"].tokens[0].joined_to_next  # *ORCHARD
    assert [(t.kind, t.value, t.joined_to_next) for t in pats["884"].tokens[1:]] == [
        ("synset", "BOATWORDS", True), ("word", "LOADS", False)]
    assert pats["885"].tokens[-1].kind == "other"
    assert pats["885"].line == 35 and pats["885"].text == "- * OVER - [885]"
    assert pats["878"].tokens[0].normal == "seasonal"


def test_tabari_layout():
    blocks = read_verbs(FIX / "tabari.verbs.txt").blocks
    assert [(b.name, b.code, b.line) for b in blocks] == [("SCOLD", "121", 2), ("SWIM_", "036", 5),
                                                          ("WAVE HELLO", "041", 8)]
    assert [i.text for i in blocks[1].verbs[0].irregular] == ["SWAM_", "SWUM_", "SWIMMING_"]
    assert kinds(blocks[0].patterns[1]) == ["verb", "alt_open", "word", "alt_sep", "word",
                                            "word", "alt_close"]
    assert blocks[2].verbs[0].words == ("wave", "hello")


@pytest.mark.parametrize("text, line, fragment", [
    ("--- A [010] ---\nA\n- * B\n", 3, "no [code]"),
    ("--- A [010] ---\nA\n- * (B [011]\n", 3, "unclosed '('"),
    ("--- A [010] ---\nA\n- * B } [011]\n", 3, "unbalanced '}'"),
    ("--- A [010] ---\nA\n- * B | C [011]\n", 3, "'|' outside"),
    ("--- A [010] ---\nA\n- * B * [011]\n", 3, "2 verb markers"),
    ("--- A [010] ---\nA\n- B [011]\n", 3, "0 verb markers"),
    ("--- A [010] ---\nA\n- * &NOPE [011]\n", 3, "unknown synset &NOPE"),
    ("&S\n+&T\n--- A [010] ---\nA\n", 2, "unknown synset &T"),
    ("&S\n+&T\n&T\n+&S\n", 4, "contains itself"),
    ("&S\n+X\n&S\n+Y\n", 3, "defined twice"),
    ("&S\n+X\n- * Y [010]\n--- A [010] ---\n", 3, "before any verb block"),
    ("--- [010] ---\nA\n", 1, "malformed verb block header"),
    ("--- A [010] ---\nA {B C\n", 2, "malformed verb line"),
    ("--- A [010] ---\n+B_+C\n", 2, "two verb markers"),
    ("--- A [010] ---\nA {B+}\n", 2, "stray '+'"),
    ("--- A [010] ---\n~ a b\n", 2, "malformed transformation"),
])
def test_verb_errors(tmp_path, text, line, fragment):
    raises(write(tmp_path, "bad.verbs.txt", text), read_verbs, line, fragment)


def test_extra_synsets_resolve_references(tmp_path):
    path = write(tmp_path, "ud.verbs.txt", "--- A [010] ---\nA\n- * &CARGO [011]\n")
    extra = read_verbs(FIX / "sample.verbs.txt").synset_members
    verbs = read_verbs(path, extra_synsets=extra)
    assert verbs.blocks[0].patterns[0].tokens[1].value == "CARGO"
    assert ("timber",) in verbs.synsets["CARGO"]


# ---------------------------------------------------------------- records

def test_records():
    records = {r.id: r for r in read_records(FIX / "sample.records.xml")}
    assert list(records) == ["T-01", "T-02", "T-03", "T-04"]  # comments and <Stop> respected
    t1, t2, t3, t4 = records.values()
    assert (t1.date, t1.category, t1.valid, t1.line) == (date(2021, 3, 4), "DEMO", True, 15)
    assert t1.text == "Zembla harvested honey for the Bramble Isles & friends."
    assert [(c.source, c.target, c.event) for c in t1.codings] == [("ZEM", "BRM", "874")]
    assert dict(t1.options) == {"stop_on_error": "True"}
    assert (t2.noevents, t2.evaluate, len(t2.codings)) == (True, False, 1)  # self-closed <Sentence/>
    assert t2.plevents == ({"event": "875", "source": [{"code": "ZEM"}]},)
    assert dict(t2.options)["require_dyad"] == "false"
    assert t3.date == date(1988, 7, 5) and t3.text == "The old ferry swam across to Zembla."
    assert t3.codings[0].source == '"OLD FERRY"'
    assert (t4.error, t4.codings, t4.line) == ("dateline", (), 47)


def test_environment():
    env = read_environment(FIX / "sample.records.xml")
    assert env["Verbfile"] == "sample.verbs.txt"
    assert env["Actorfile"].split(",") == ["sample.actors.txt", "latin1.actors.txt"]
    old = read_environment(FIX / "tabari_env.records.txt")
    assert old == {"Verbfile": "tabari.verbs.txt", "Actorfile": "latin1.actors.txt",
                   "Pause": "Always"}
    (rec,) = read_records(FIX / "tabari_env.records.txt")
    assert rec.text == "Cote d'Azur scolded Zembla sharply." and rec.codings[0].event == "121"


@pytest.mark.parametrize("head, body, fragment", [
    ('id="X" category="C"', "", "without a date"),
    ('date="2021013" id="X"', "", "bad record date"),
    ('date="20210230" id="X"', "", "bad record date"),
    ('date="20210101"', "", "without an id"),
    ('date="20210101" id="X"', '<EventCoding sourcecode="A" eventcode="1">', "incomplete EventCoding"),
    ('date="20210101" id="X"', "<PLEvent {bad json}>", "bad JSON"),
])
def test_record_errors(tmp_path, head, body, fragment):
    path = write(tmp_path, "bad.records.xml", f"<Sentences>\n\n<Sentence {head}>\n{body}\n</Sentence>\n")
    raises(path, read_records, 3, fragment)


# ---------------------------------------------------------------- read_any

def test_read_any_by_name_and_content(tmp_path):
    assert detect_kind(FIX / "sample.actors.txt") == "actors"
    assert detect_kind(Path("CAMEO.2.0.txt")) == "verbs"
    assert detect_kind(Path("PETR_Validate_agents_2_02.txt")) == "agents"
    assert len(read_any(FIX / "sample.records.xml")) == 4
    for name, kind in [("sample.verbs.txt", "verbs"), ("sample.agents.txt", "agents"),
                       ("sample.actors.txt", "actors"), ("sample.records.xml", "records")]:
        copy = tmp_path / f"unclear_{kind}.dat"
        copy.write_bytes((FIX / name).read_bytes())
        assert detect_kind(copy) == kind
    assert read_any(tmp_path / "unclear_agents.dat").substitutions["PLACE"] == ("HARBOR", "HARBOUR")
    raises(write(tmp_path, "notes.dat", "just some words\n"), read_any, 0, "cannot tell")


# ---------------------------------------------------------------- real PETRARCH files
# Counts were checked with grep: e.g. Phoenix.Countries has 18390 primary lines
# (grep -cvE '^\s*([+\[#]|$)'): two have no code and one (DAVID_CAMERON_, line
# 18007) only a code with a 9-digit date, so 18387 are read; CAMEO.2.0 has 397
# '---' headers, 40 '&' synsets, 8 '~' lines and 4668 '- ' patterns, 4 of them faulty.

needs_shared = pytest.mark.skipif(not (SHARED / "petrarch2" / "dictionaries").is_dir(),
                                  reason=f"real PETRARCH files not found at {SHARED} "
                                         "(shared data absent): real-file tests skipped")
P2, P1, UD = "petrarch2/dictionaries/", "petrarch1-2014-validation/", "universalpetrarch/"


@pytest.fixture(scope="module")
def real():
    """read(reader, relative path) -> (result, problem line numbers), read once per module."""
    cache = {}

    def read(reader, rel, **kw):
        key = (reader.__name__, rel, tuple(kw))
        if key not in cache:
            problems = []
            result = reader(SHARED / rel, problems=problems, **kw)
            assert all(p.startswith(f"{SHARED / rel}:") for p in problems)
            cache[key] = result, sorted(int(p.split(":")[1]) for p in problems), problems
        return cache[key]
    return read


@needs_shared
@pytest.mark.parametrize("rel, count, problem_lines", [
    (P2 + "PETR.Validate.actors.txt", 128, []),
    (P2 + "Phoenix.Countries.actors.txt", 18387,
     [2039, 15346, 18010, 22508, 22519, 31715, 43613, 50802, 50839, 51384]),
    (P2 + "Phoenix.International.actors.txt", 7838, [22, 40, 266, 3694, 3696, 3726, 6605]),
    (P2 + "Phoenix.MilNonState.actors.txt", 1021, []),
    (P1 + "PETR.Validate.actors.txt", 155, []),
    (UD + "validate/PETR_Validate_actors_2_02.txt", 5962,
     [245, 367, 739, 821, 1631, 2617, 8806, 8816, 8818, 8980, 8990, 9003]),
])
def test_real_actor_files(real, rel, count, problem_lines):
    actors, lines, _ = real(read_actors, rel)
    assert len(actors) == count and lines == problem_lines


@needs_shared
def test_real_actor_spot_checks(real):
    phoenix = {a.phrases[0].text: a for a in real(read_actors, P2 + "Phoenix.Countries.actors.txt")[0]}
    sisi = phoenix["ABDEL_FATTAH_EL_SISI"]
    assert [(p.text, p.exact) for p in sisi.phrases][-2:] == [("SISI_", True), ("EL_SISI_", True)]
    assert [(c.code, c.start, c.end) for c in sisi.codes] == [
        ("EGYMIL", date(1977, 1, 1), date(2012, 8, 12)),
        ("EGYGOVMIL", date(2012, 8, 12), date(2014, 3, 26)),
        ("EGYGOV", date(2014, 6, 8), None), ("EGYELI", None, None)]
    karzai = phoenix["HAMID_KARZAI_"]
    assert [p.text for p in karzai.phrases] == ["HAMID_KARZAI_", "KARZAI_", "PRESIDENT_KARZAI_"]
    assert (karzai.codes[0].start, karzai.codes[0].end) == (date(1975, 1, 1), date(2000, 1, 1))
    assert phoenix["PRESIDENT_JOSIPOVIC_"].codes == phoenix["JOSIPOVIC_"].codes  # shared group
    assert "DAVID_CAMERON_" not in phoenix  # its only code is faulty: it must not borrow one
    old = read_actors(SHARED / P2 / "PETR.Validate.actors.txt")
    gollum = next(a for a in old if a.phrases[0].text == "GOLLUM")
    assert [(c.code, c.start, c.end) for c in gollum.codes] == [
        ("HOB", None, date(1995, 6, 1)), ("HOBGOV", date(1995, 6, 1), date(1999, 8, 15)),
        ("HOBREB", date(1999, 8, 16), None)]


@needs_shared
def test_real_agent_files(real):
    phoenix, lines, _ = real(read_agents, P2 + "Phoenix.agents.txt")
    assert (len(phoenix.agents), lines) == (2243, [544, 1927])
    assert phoenix.substitutions["PERSON"] == ("MAN", "MEN", "WOMAN", "WOMEN", "PERSON")
    police = {p.normal: a for a in phoenix.agents for p in a.phrases}
    assert police["policewoman"].code == "COP" and police["police"].plurals == ()
    validate, lines, _ = real(read_agents, P2 + "PETR.Validate.agents.txt")
    assert (len(validate.agents), lines) == (88, [])
    assert Counter(a.position for a in validate.agents) == {"suffix": 85, "prefix": 3}
    assert len(real(read_agents, P1 + "PETR.Validate.agents.txt")[0].agents) == 88
    ud, lines, _ = real(read_agents, UD + "validate/PETR_Validate_agents_2_02.txt")
    assert (len(ud.agents), len(lines)) == (2003, 7)


@needs_shared
def test_real_discards(real):
    discards, lines, _ = real(read_discards, P2 + "Phoenix.discards.txt")
    assert (len(discards), sum(d.story_level for d in discards), lines) == (506, 64, [])
    assert len(real(read_discards, P2 + "PETR.Validate.discards.txt")[0]) == 9


@needs_shared
@pytest.mark.parametrize("rel, blocks, patterns, synsets, problem_lines", [
    (P2 + "PETR.Validate.verbs.txt", 261, 474, 17, []),
    (P2 + "CAMEO.2.0.txt", 397, 4664, 40, [2374, 7606, 8443, 8444]),
    (P2 + "CAMEO.verbpatterns.150430.txt", 396, 11005, 38,
     [2568, 4387, 5860, 8056, 8394, 8733, 10843]),
    (P1 + "PETR.Validate.verbs.txt", 284, 404, 0, [566]),
])
def test_real_verb_files(real, rel, blocks, patterns, synsets, problem_lines):
    verbs, lines, _ = real(read_verbs, rel)
    assert (len(verbs.blocks), sum(len(b.patterns) for b in verbs.blocks)) == (blocks, patterns)
    assert (len(verbs.synsets), lines) == (synsets, problem_lines)


@needs_shared
def test_real_verb_spot_checks(real):
    cameo = real(read_verbs, P2 + "CAMEO.2.0.txt")[0]
    assert ("dollar",) in cameo.synsets["CURRENCY"] and len(cameo.transformations) == 8
    assert next(p for p in cameo.synset_members["CURRENCY"] if p.text == "CASH_").exact
    blocks = {b.name: b for b in cameo.blocks}
    assert blocks["OFFEND"].codes == (":110",) and blocks["ADD"].code == "---"
    assert kinds(blocks["ADD"].patterns[1]) == ["verb", "pp_open", "word", "word", "pp_close",
                                                "pp_open", "word", "np_open", "word", "word",
                                                "np_close", "pp_close"]
    old = {p.line: p for b in real(read_verbs, P2 + "CAMEO.verbpatterns.150430.txt")[0].blocks
           for p in b.patterns}
    assert kinds(old[733]) == ["source", "verb", "word", "word", "synset", "word", "target", "word"]
    assert kinds(old[737])[:2] == ["compound", "verb"] and old[737].code == "050"
    found = Counter(t.kind for rel in (P2 + "PETR.Validate.verbs.txt", P2 + "CAMEO.2.0.txt",
                                       P2 + "CAMEO.verbpatterns.150430.txt", P1 + "PETR.Validate.verbs.txt")
                    for b in real(read_verbs, rel)[0].blocks for p in b.patterns for t in p.tokens)
    assert set(found) == {"word", "verb", "source", "target", "compound", "skip", "synset", "stem",
                          "alt_open", "alt_sep", "alt_close", "np_open", "np_close",
                          "pp_open", "pp_close"}


@needs_shared
def test_real_ud_verbs_need_cameo_synsets(real):
    cameo = real(read_verbs, P2 + "CAMEO.2.0.txt")[0]
    rel = UD + "validate/PETR_Validate_verbs_2_02.txt"
    ud, lines, problems = real(read_verbs, rel, extra_synsets=cameo.synset_members)
    assert (len(ud.blocks), sum(len(b.patterns) for b in ud.blocks), len(lines)) == (213, 3039, 32)
    assert all("unbalanced" in p or "unclosed" in p for p in problems)
    alone = []
    read_verbs(SHARED / rel, problems=alone)
    assert any("unknown synset &MILITARY" in p for p in alone)


@needs_shared
@pytest.mark.parametrize("rel, count, codings, noevents, errors", [
    ("petrarch2/text/PETR.UnitTest.records.xml", 284, 359, 19, 7),  # 385 EventCoding tags
    (P1 + "PETR.Validate.records.140226.txt", 405, 406, 0, 0),
    (UD + "PETR2_GSR_validation.xml", 78, 80, 12, 0),
    (UD + "validate/PETR_Validate_records_2_02.xml", 274, 322, 20, 7),
    (UD + "PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml", 284, 349, 19, 7),
])
def test_real_records(real, rel, count, codings, noevents, errors):
    records, lines, _ = real(read_records, rel)
    assert (len(records), lines) == (count, [])
    assert sum(len(r.codings) for r in records) == codings
    assert (sum(r.noevents for r in records), sum(r.error is not None for r in records)) == (noevents, errors)


@needs_shared
def test_real_records_details(real):
    unit = real(read_records, "petrarch2/text/PETR.UnitTest.records.xml")[0]
    demo = next(r for r in unit if r.id == "DEMO-01")
    assert [(c.source, c.target, c.event) for c in demo.codings] == [("ARN", "GON", "064")]
    assert demo.text.startswith("Arnor is about to restore full diplomatic ties with Gondor almost five")
    cats = Counter(r.category for r in unit)
    assert (cats["SYNSET"], cats["COMPOUND"], cats["DEMO"], cats["PATTERN"]) == (52, 42, 36, 29)
    old = real(read_records, P1 + "PETR.Validate.records.140226.txt")[0]
    assert sum(r.valid is True for r in old) == 50 and all(r.text for r in old)
    ud = real(read_records, UD + "validate/PETR_Validate_records_2_02.xml")[0]
    assert sum(len(r.plevents) for r in ud) == 38  # the 39th <PLEvent is in the header comment
    env = read_environment(SHARED / UD / "PETR2_GSR_validation.xml")
    assert env["Verbfile"] == "CAMEO.2.0.txt"
    for name in env["Actorfile"].split(",") + [env["Agentfile"], env["Discardfile"]]:
        assert (SHARED / P2 / name).is_file()


@needs_shared
def test_real_file_kinds():
    for rel in (P2 + "CAMEO.2.0.txt", P2 + "CAMEO.verbpatterns.150430.txt",
                UD + "validate/PETR_Validate_verbs_2_02.txt"):
        assert detect_kind(SHARED / rel) == "verbs"
    assert detect_kind(SHARED / P1 / "PETR.Validate.records.140226.txt") == "records"
    assert detect_kind(SHARED / UD / "validate/PETR_Validate_agents_2_02.txt") == "agents"
