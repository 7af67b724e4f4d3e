from datetime import date

import pytest

from communique.dictionaries.actors import load_actor_dictionary, plural
from communique.dictionaries.ontology import load_ontology
from communique.dictionaries.patterns import load_patterns
from communique.errors import DictionaryError


@pytest.fixture(scope="module")
def actors():
    return load_actor_dictionary()


def person(actors, name):
    return next(p for p in actors.people if p.name == name)


def test_every_country_has_a_three_letter_code(actors):
    countries = {e.code for _, e, _ in actors.entries if e.kind == "country"}
    assert len(countries) >= 190
    assert {"USA", "CHN", "RUS", "PRK", "KOR", "JPN", "IRN", "ISR", "UKR"} <= countries


def test_abbreviations_demonyms_and_metonyms(actors):
    def lookup(text):
        return [(m.value.kind, m.value.code, m.value.sector) for m in actors.index.find(text)]
    assert lookup("DPRK")[0][:2] == ("country", "PRK")
    assert lookup("U.S.")[0][:2] == ("country", "USA")
    assert lookup("North Korean")[0][:2] == ("adjective", "PRK")
    assert lookup("the Kremlin")[0] == ("metonym", "RUS", "GOV")
    assert lookup("the Pentagon")[0] == ("metonym", "USA", "MIL")
    assert lookup("Pyongyang")[0] == ("metonym", "PRK", "GOV")


def test_dated_roles(actors):
    kim = person(actors, "Kim Jong-un")
    assert kim.code_on(date(2012, 1, 1))[0] == "PRKGOV"
    assert kim.code_on(date(2011, 1, 1))[0] != "PRKGOV"
    trump = person(actors, "Donald Trump")
    assert trump.code_on(date(2017, 6, 1))[0] == "USAGOV"
    assert trump.code_on(date(2023, 6, 1))[0] != "USAGOV"
    assert trump.code_on(date(2025, 6, 1))[0] == "USAGOV"


def test_required_people_are_present(actors):
    names = {p.name for p in actors.people}
    for who in ("Xi Jinping", "Vladimir Putin", "Sergey Lavrov", "Wang Yi", "Moon Jae-in",
                "Shinzo Abe", "Ban Ki-moon", "Kim Jong-un", "Donald Trump"):
        assert any(who.split()[-1] in n for n in names), who
    assert len(actors.people) >= 150


def test_plural_forms():
    assert plural("ministry") == "ministries"
    assert plural("troop") == "troops"
    assert plural("foreign minister") == "foreign ministers"


def test_malformed_yaml_reports_file_and_line(tmp_path):
    (tmp_path / "countries.yaml").write_text("- code: ABC\n  names: [Abc\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"countries.yaml:\d+"):
        load_actor_dictionary(tmp_path)


def test_bad_entries_are_reported(tmp_path):
    (tmp_path / "countries.yaml").write_text("- code: abcd\n  name: X\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="3-letter"):
        load_actor_dictionary(tmp_path)
    (tmp_path / "countries.yaml").write_text("[]\n", encoding="utf-8")
    (tmp_path / "people.yaml").write_text(
        "- name: A B\n  roles: [{code: ABCGOV, from: 2010-01-02, to: 2009-01-01}]\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="ends before"):
        load_actor_dictionary(tmp_path)


def test_patterns_cover_all_roots():
    ps = load_patterns(load_ontology())
    roots = {p.code[:2] for table in (ps.verbs, ps.nouns) for plist in table.values() for p in plist}
    assert roots == {f"{i:02d}" for i in range(1, 21)}


def test_unknown_code_in_patterns_is_reported(tmp_path):
    f = tmp_path / "verbs.yaml"
    f.write_text('codes:\n  "999":\n    verbs: [frobnicate]\n', encoding="utf-8")
    with pytest.raises(DictionaryError, match="999"):
        load_patterns(load_ontology(), f)
