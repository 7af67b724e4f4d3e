"""Compound actor phrases, agent combination and unnamed agents (PETRARCH conventions)."""
import json

import pytest

from communique.actors.agent_codes import agent_code, compose
from communique.cli.main import main
from communique.coder.core import Coder
from communique.dictionaries.actors import Entry
from communique.scoring.validate import validate

ACTORS = """ZEMBLA_ [ZEM]
+ZEMBLAN
BRAMBLE_ISLES [BRM]
ONHAVA [ONH]
LILLIPUT [LIL]
+LILLIPUTIAN
HARBOR_HOUSE [ZEMGOV]
THE_HERON_KINGDOM [HRN]
"""
AGENTS = """MINISTER [~GOV]
OFFICIAL [~GOV]
GOVERNMENT [~GOV]
LAWMAKER [~LEG]
CLERIC [~REL]
MEDIA {} [~MED]
ISLAMIST [~MUS]
RELIEF_WORKER [NGO~]
"""
VERBS = """--- PRAISE [051] ---
PRAISE
"""
RECORDS = """<Sentences>
<Config option="require_dyad" value="false"></Config>
<Sentence date="20200101" id="T-1" category="DYAD">
<EventCoding sourcecode="ZEM" targetcode="---" eventcode="051"></EventCoding>
<Text>Zembla praised warmly.</Text>
</Sentence>
<Config option="require_dyad" value="true"></Config>
<Sentence date="20200101" id="T-2" category="DYAD">
<EventCoding sourcecode="ZEM" targetcode="ONH" eventcode="051"></EventCoding>
<Text>Zembla praised Onhava, and Lilliput praised warmly.</Text>
</Sentence>
</Sentences>
"""


def _agent(code: str, prefix: bool = False) -> Entry:
    return Entry("agent", code, code.lower(), sector=code, prefix=prefix)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("dicts")
    for name, text in (("t.actors.txt", ACTORS), ("t.agents.txt", AGENTS), ("t.verbs.txt", VERBS)):
        (d / name).write_text(text, encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def coder(files, nlp):
    return Coder(nlp=nlp, dictionaries=[files], only_dictionaries=True, unnamed_agents=True)


def _codes(coder, text):
    return sorted({(e.source_code, e.target_code, e.cameo)
                   for e in coder.code_text(text, date="2020-01-01")})


def test_compose_agents():
    assert compose("ARN", [_agent("NGO", prefix=True), _agent("GOV")]) == "NGOARNGOV"
    assert compose("DNK", [_agent("MUS"), _agent("MED")]) == "DNKMUSMED"
    assert compose("HGWGOVMED", [_agent("GOVMED")]) == "HGWGOVMED"  # already in the code
    assert compose("USAGOV", [_agent("GOV")]) == "USAGOV"
    assert compose("RUS", [_agent("LEG"), _agent("GOV")]) == "RUSGOV"  # one primary role
    assert compose("GON", [_agent("JUD")], former=True) == "GONELI"
    assert compose("FRO/BIL", [_agent("GOV")]) == "FRO/BIL"
    assert agent_code([_agent("GOV")], former=True) == "ELI"


def test_list_of_actors_read_from_the_words(coder):
    assert _codes(coder, "Zembla and the proud old Lilliput praised Onhava.") == [
        ("LIL", "ONH", "051"), ("ZEM", "ONH", "051")]
    assert _codes(coder, "Bramble Isles, Zembla, and Lilliput praised Onhava.") == [
        ("BRM", "ONH", "051"), ("LIL", "ONH", "051"), ("ZEM", "ONH", "051")]


def test_country_carries_over_to_agents(coder):
    assert _codes(coder, "Zemblan media and government praised Onhava.") == [
        ("ZEMGOV", "ONH", "051"), ("ZEMMED", "ONH", "051")]
    assert _codes(coder, "The Zemblan Islamist media and government praised Onhava.") == [
        ("ZEMMUSGOV", "ONH", "051"), ("ZEMMUSMED", "ONH", "051")]


def test_agents_combine_with_each_place(coder):
    assert _codes(coder, "Lawmakers and officials in Zembla and Lilliput praised Onhava.") == [
        ("LILGOV", "ONH", "051"), ("LILLEG", "ONH", "051"),
        ("ZEMGOV", "ONH", "051"), ("ZEMLEG", "ONH", "051")]


def test_several_agents_and_former(coder):
    assert _codes(coder, "A relief worker Zemblan minister praised Onhava.") == [("NGOZEMGOV", "ONH", "051")]
    assert _codes(coder, "Former Zemblan officials praised Onhava.") == [("ZEMELI", "ONH", "051")]
    assert _codes(coder, "Former officials in Harbor House praised Onhava.") == [("ZEMGOVELI", "ONH", "051")]


def test_a_name_is_not_a_reference_back(coder):
    # "the kingdom" refers back to a country; "The Heron Kingdom" is a name
    assert _codes(coder, "The Heron Kingdom praised Onhava.") == [("HRN", "ONH", "051")]


def test_unnamed_agents_are_an_option(files, coder):
    assert _codes(coder, "Clerics and lawmakers praised Onhava.") == [
        ("---LEG", "ONH", "051"), ("---REL", "ONH", "051")]
    # by default they take the country the document names (here the only one)
    default = Coder(dictionaries=[files], only_dictionaries=True, nlp=coder.nlp)
    assert _codes(default, "Clerics and lawmakers praised Onhava.") == [
        ("ONHLEG", "ONH", "051"), ("ONHREL", "ONH", "051")]
    plain = Coder(dictionaries=[files], only_dictionaries=True, nlp=coder.nlp, agents="sentence")
    assert _codes(plain, "Clerics and lawmakers praised Onhava.") == []


def test_validate_applies_require_dyad(files, coder, tmp_path):
    records = tmp_path / "t.records.xml"
    records.write_text(RECORDS, encoding="utf-8")
    results = {r.id: r for r in validate(coder, records).results}
    assert results["T-1"].produced == [("ZEM", "---", "051")]
    assert results["T-2"].produced == [("ZEM", "ONH", "051")]  # no targetless event


def test_cli_unnamed_agents_flag(files, tmp_path):
    doc = tmp_path / "d.txt"
    doc.write_text("Clerics praised Onhava.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = ["code", str(doc), "--date", "2020-01-01", "--dictionaries", str(files),
            "--only-dictionaries", "-o", str(out)]
    assert main(args + ["--agents", "sentence"]) == 0
    assert out.read_text() == ""
    for extra, code in (([], "ONHREL"), (["--unnamed-agents"], "---REL"), (["--agents", "petrarch"], "---REL")):
        assert main(args + extra) == 0
        events = [json.loads(line) for line in out.read_text().splitlines()]
        assert [(e["source"]["code"], e["target"]["code"]) for e in events] == [(code, "ONH")]
