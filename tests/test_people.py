"""People: dated roles in people.yaml, bare surnames, and describe() (actors.lookup).
Every sentence here is written for this file."""
import re
from datetime import date
from pathlib import Path

import pytest

from communique.actors.lookup import describe, format_meanings
from communique.dictionaries.actors import load_actor_dictionary, surname_forms
from communique.errors import DictionaryError


@pytest.fixture(scope="module")
def actors():
    return load_actor_dictionary()


def sources(code, text, day):
    return {(s, t) for s, t, _ in code(text, date=day)}


# -- the named people, inside and outside their terms ---------------------------------
@pytest.mark.parametrize("text, day, source, target", [
    ("Kremlin spokesman Dmitry Peskov accused the United States of fuelling the war.", "2022-03-01",
     "RUSGOV", "USA"),
    ("Dmitri Peskov criticised the United States on Tuesday.", "1998-03-01", "RUS", "USA"),
    ("Russian Defence Minister Sergei Shoigu accused NATO of preparing for war.", "2018-01-10",
     "RUSGOV", "IGOWSTNAT"),
    ("Sergey Shoygu accused NATO of preparing for war.", "2018-01-10", "RUSGOV", "IGOWSTNAT"),
    ("Defence Minister Andrei Belousov visited North Korea.", "2024-11-29", "RUSGOV", "PRK"),
    ("Foreign Ministry spokeswoman Maria Zakharova condemned the British decision.", "2022-04-05",
     "RUSGOV", "GBR"),
    ("Deputy Foreign Minister Sergei Ryabkov warned the United States against deploying missiles.",
     "2019-08-05", "RUSGOV", "USA"),
    ("Belarusian President Alexander Lukashenko accused Poland of provoking a border crisis.",
     "2021-11-10", "BLRGOV", "POL"),
    ("Yevgeny Prigozhin accused the Russian defence ministry of betrayal.", "2023-06-23",
     "RUSUAFWAG", "RUSGOV"),
    ("Chinese Foreign Ministry spokesman Zhao Lijian accused the United States of hypocrisy.",
     "2021-03-18", "CHNGOV", "USA"),
    ("Wang Wenbin criticised the United States.", "2021-09-09", "CHNGOV", "USA"),
    ("Mao Ning criticised Japan over the release of treated water.", "2023-08-24", "CHNGOV", "JPN"),
    ("Lloyd Austin visited Kyiv on Monday.", "2023-01-31", "USAGOV", "UKRGOV"),
    ("Lloyd Austin visited Kyiv on Monday.", "2014-01-31", "USAMIL", "UKRGOV"),  # still a general
    ("Hezbollah leader Hassan Nasrallah threatened Israel.", "2023-11-03", "LBNREBHEZ", "ISR"),
    ("Ismail Haniyeh met Iranian officials in Tehran.", "2006-06-20", "PSEGOV", "IRNGOV"),
    ("Ismail Haniyeh met Iranian officials in Tehran.", "2022-06-20", "PSEREBHMS", "IRNGOV"),
    ("Hibatullah Akhundzada condemned the United States.", "2019-03-20", "AFGREBTAL", "USA"),
    ("Hibatullah Akhundzada condemned the United States.", "2023-03-20", "AFGGOV", "USA"),
    ("Mossad chief David Barnea travelled to Qatar.", "2023-11-28", "ISRSPY", "QAT"),
    ("FSB director Alexander Bortnikov accused Ukraine of plotting attacks.", "2023-11-28",
     "RUSSPY", "UKR"),
    ("Alexei Navalny accused the Kremlin of ordering his poisoning.", "2020-12-21", "RUSOPP", "RUSGOV"),
    ("Sviatlana Tsikhanouskaya urged the European Union to impose sanctions on Belarus.", "2020-09-21",
     "BLROPP", "IGOEUREEC"),
])
def test_people_resolve_with_the_code_of_the_day(code, text, day, source, target):
    assert (source, target) in sources(code, text, day)


def test_a_minister_before_and_after_taking_office(code):
    text = "Shoigu accused Ukraine of shelling civilians."
    assert ("RUSGOV", "UKR") in sources(code, text, "2019-05-01")
    assert ("RUSELI", "UKR") in sources(code, text, "1992-05-01")
    # Mike Pompeo ran the CIA before he ran the State Department
    text = "Mike Pompeo accused Iran of lying."
    assert ("USASPY", "IRN") in sources(code, text, "2017-06-01")
    assert ("USAGOV", "IRN") in sources(code, text, "2019-06-01")
    assert ("USAELI", "IRN") in sources(code, text, "2022-06-01")


# -- bare surnames --------------------------------------------------------------------
def test_bare_surname_after_the_full_name(code):
    text = "Kim Jong Un met Xi Jinping in Beijing. Kim thanked Xi for his support."
    assert ("PRKGOV", "CHNGOV") in {(s, t) for s, t, c in code(text, "2019-01-09") if c.startswith("05")}


@pytest.mark.parametrize("title", ["Mr. Kim", "Mr Kim", "Chairman Kim", "North Korean leader Kim"])
def test_bare_surname_after_a_title(code, title):
    text = f"Kim Jong Un was in a good mood on Monday. {title} criticised Japan."
    assert ("PRKGOV", "JPN") in sources(code, text, "2018-05-10")


def test_shared_surname_is_the_person_named_first_before_it(code):
    # two Kims named: a bare "Kim" is the story's principal, the first of them
    text = ("North Korean leader Kim Jong Un oversaw a missile launch. His sister Kim Yo Jong "
            "warned Seoul. Kim later criticised the United States.")
    assert ("PRKGOV", "USA") in sources(code, text, "2022-03-25")
    text = ("South Korean Defence Minister Kim Kwan-jin visited Washington on Tuesday. "
            "Kim criticised North Korea.")
    assert ("KORGOV", "PRK") in sources(code, text, "2012-06-12")


def test_a_full_name_after_the_surname_does_not_count(code):
    # with no full name before it, "Kim" is the leader of the day, not the minister named later
    text = "Kim criticised the United States. South Korean Defence Minister Kim Kwan-jin visited Washington."
    got = code(text, "2012-06-12")
    assert ("PRKGOV", "USA") in {(s, t) for s, t, _ in got}
    assert not any(s == "KORGOV" and t == "USA" and c.startswith("11") for s, t, c in got)


def test_shared_surname_of_non_korean_people(code):
    bill = "Former president Bill Clinton visited Pyongyang. Clinton praised North Korea."
    hillary = "Hillary Clinton visited Seoul. Clinton praised South Korea."
    assert ("USAELI", "PRK") in sources(code, bill, "2009-08-04")
    assert ("USAGOV", "KOR") in sources(code, hillary, "2009-08-04")
    # neither leads the country that year: with no full name before, nobody
    assert not any((s or "").startswith("USA") for s, _, _ in code("Clinton praised South Korea.", "2010-08-04"))


def test_surname_forms_with_particles_and_articles(code):
    assert ("FRAGOV", "RUS") in sources(code, "Le Drian criticised Russia on Monday.", "2019-03-04")
    assert ("SYRGOV", "TUR") in sources(code, "Assad accused Turkey of backing the rebels.", "2019-03-04")
    assert ("SYRELI", "TUR") in sources(code, "Assad accused Turkey of backing the rebels.", "2025-03-04")
    assert ("LBNREBHEZ", "ISR") in sources(code, "Nasrullah threatened Israel.", "2006-07-20")
    assert ("BLRGOV", "LTU") in sources(code, "Lukashenka accused Lithuania of hosting the opposition.",
                                          "2021-06-01")


def test_a_common_word_surname_needs_the_full_name(code):
    assert not any((s or "").startswith("USA") for s, _, _ in code("Austin criticised Russia.", "2022-05-01"))
    text = "Lloyd Austin arrived in Kyiv. Austin criticised Russia."
    assert ("USAGOV", "RUS") in sources(code, text, "2022-05-01")


def test_surname_rules():
    assert surname_forms("Kim Jong-un", "PRK") == ("Kim",)
    assert surname_forms("Ban Ki-moon", None) == ("Ban",)
    assert surname_forms("Jean-Yves Le Drian", "FRA") == ("Le Drian",)
    assert surname_forms("Ursula von der Leyen", "DEU") == ("Leyen",)
    assert surname_forms("Ayman al-Zawahiri", "EGY") == ("Zawahiri",)
    assert surname_forms("Ahmed Abdi Godane", None) == ("Godane",)
    assert surname_forms("Lloyd Austin III", "USA") == ("Austin",)


# -- the data follows the documented code rules ---------------------------------------
SPY_TITLE = re.compile(r"Intelligence Service|Intelligence Agency|Director of National Intelligence|"
                       r"Director of the CIA|Central Intelligence|Mossad|Shin Bet|\(MI5\)|\(MI6\)|GCHQ|"
                       r"\(FSB\)|\(SVR\)|\(GRU\)|\(KGB\)|Minister of State Security|Intelligence Minister|"
                       r"\(DGSE\)|\(DGSI\)|\(SBU\)|\(HUR\)|National Security Agency|Cabinet Intelligence")
UN_TITLE = re.compile(r"Ambassador to the United Nations|Representative of .+ to the United Nations")
DEFENCE_TITLE = re.compile(r"^(Defence Minister|US Secretary of Defense|Defence Secretary|Minister of the "
                           r"Armed Forces|Minister of National Defence|Minister of the People's Armed Forces|"
                           r"Director General of the Defence Agency|Acting US Secretary of Defense)")


def test_roles_follow_the_code_rules(actors):
    wrong = []
    for p in actors.people:
        for r in p.roles:
            sector = r.code[3:6]
            if SPY_TITLE.search(r.title) and sector != "SPY":
                wrong.append((p.name, r.code, r.title))
            if (UN_TITLE.search(r.title) or DEFENCE_TITLE.search(r.title)) and sector != "GOV":
                wrong.append((p.name, r.code, r.title))
            if "Leader of the Opposition" in r.title and sector != "OPP":
                wrong.append((p.name, r.code, r.title))
            if UN_TITLE.search(r.title) and p.country and r.code[:3] != p.country:
                wrong.append((p.name, r.code, r.title))  # a country's UN ambassador is its GOV
    assert not wrong


def test_required_people_and_offices(actors):
    names = {p.name for p in actors.people}
    for who in ("Sergei Shoigu", "Andrei Belousov", "Dmitry Peskov", "Maria Zakharova", "Sergei Ryabkov",
                "Alexander Lukashenko", "Yevgeny Prigozhin", "Zhao Lijian", "Wang Wenbin", "Mao Ning",
                "Lloyd Austin", "Hassan Nasrallah", "Abu Bakr al-Baghdadi", "Osama bin Laden"):
        assert who in names, who
    titles = [(p.country, r.title) for p in actors.people for r in p.roles]
    for country in ("USA", "RUS", "CHN", "GBR", "FRA", "KOR", "PRK", "JPN", "IRN", "ISR", "UKR", "BLR"):
        mine = [t for c, t in titles if c == country]
        assert any(DEFENCE_TITLE.search(t) for t in mine), country
        assert any(SPY_TITLE.search(t) for t in mine), country


# -- describe() -----------------------------------------------------------------------
def test_describe_a_person_by_surname(actors):
    found = describe("Peskov", date(2020, 5, 1), actors)
    assert [(m.kind, m.code, m.entry) for m in found] == [("surname", "RUSGOV", "Dmitry Peskov")]
    m = found[0]
    assert "Press Secretary of the President" in m.title
    lines = Path(m.origin.path).read_text(encoding="utf-8").splitlines()
    assert lines[m.origin.line - 1] == "- name: Dmitry Peskov"
    text = format_meanings("Peskov", date(2020, 5, 1), found)
    assert "RUSGOV" in text and f"people.yaml:{m.origin.line}" in text
    assert describe("Peskov", date(1995, 1, 1), actors)[0].code == "RUS"  # before any role


def test_describe_a_shared_surname_and_names_of_places(actors):
    kim = describe("Kim", date(2018, 5, 1), actors)
    assert kim[0].entry == "Kim Jong-un" and kim[0].applies and kim[0].kind == "shared_surname"
    assert len(kim) > 10 and not any(m.applies for m in kim[1:])
    kremlin = describe("the Kremlin", None, actors)
    assert [(m.kind, m.code, m.part) for m in kremlin] == [("metonym", "RUSGOV", True)]
    troops = describe("troops", None, actors)
    assert troops[0].kind == "agent" and troops[0].code == "MIL"
    un = describe("un", None, actors)
    assert un[0].code == "IGOUNO" and not un[0].applies  # "UN" matches only in capitals
    parts = describe("Russian Foreign Minister Sergey Lavrov", date(2010, 1, 1), actors)
    assert [m.kind for m in parts] == ["adjective", "agent", "person"]
    assert describe("Zorgon Blatt", None, actors) == []
    assert "not in the dictionaries" in format_meanings("Zorgon Blatt", None, [])


# -- the loader's checks ---------------------------------------------------------------
def people_file(tmp_path, body):
    (tmp_path / "countries.yaml").write_text("[]\n", encoding="utf-8")
    (tmp_path / "people.yaml").write_text(body, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("body, message", [
    ("- name: Ann Bee\n  alias: [A. Bee]\n  roles: [{code: ABCGOV, from: 2001-01-01}]\n", "unknown field 'alias'"),
    ("- name: Ann Bee\n  roles: [{code: ABCGOV, form: 2001-01-01}]\n", "unknown field 'form'"),
    ("- name: Ann Bee\n  roles: [{code: abcgov}]\n", "bad actor code"),
    ("- name: Ann Bee\n  country: Abc\n  roles: [{code: ABCGOV}]\n", "3-letter"),
    ("- name: Ann Bee\n  roles: [{code: ABCGOV}]\n- name: Cy Dee\n  aliases: [ann bee]\n  roles: [{code: ABCGOV}]\n",
     "also Ann Bee's"),
    ("- name: Ann Bee\n  roles: [{code: ABCGOV}]\n- name: Ann Bee\n  roles: [{code: ABCMIL}]\n", "duplicate"),
])
def test_bad_people_entries_are_reported_with_their_line(tmp_path, body, message):
    with pytest.raises(DictionaryError, match=re.escape(message)):
        load_actor_dictionary(people_file(tmp_path, body))


def test_explicit_surname_forms(tmp_path):
    body = ("- name: Ann Bee\n  surname: [Bee, Bea]\n  country: ABC\n  roles: [{code: ABCGOV}]\n"
            "- name: Cy Dee\n  surname: []\n  country: ABC\n  roles: [{code: ABCMIL}]\n")
    d = load_actor_dictionary(people_file(tmp_path, body))
    assert {p.name: p.surnames for p in d.people} == {"Ann Bee": ("Bee", "Bea"), "Cy Dee": ()}
    assert [(m.value.kind, m.value.name) for m in d.index.find("Bea said")] == [("surname", "Ann Bee")]
    assert d.index.find("Dee said") == []
    assert describe("Bea", None, d)[0].origin.line == 1
