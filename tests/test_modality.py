"""Modality, dates and shows of force (issue 11, items 5 and 6), on the issue's own examples
and sentences written here."""
from datetime import date

from communique.events.dates import find_dates


def coded(coder, text, day="2017-07-04"):
    return [(e.source_code, e.target_code, e.cameo, e.date) for e in coder.code_text(text, date=day)]


def test_a_future_meeting_is_an_intention_dated_forward(coder):
    got = coded(coder, "Donald Trump will meet Kim Jong Un on June 12 in Singapore.", "2018-05-10")
    assert got == [("USAGOV", "PRKGOV", "036", date(2018, 6, 12))]


def test_a_possible_sanction_is_a_threat_not_the_act(coder):
    got = coded(coder, "The United States could impose new sanctions on North Korea, officials said.")
    assert [(s, t, c[:2]) for s, t, c, _ in got] == [("USA", "PRK", "13")]
    assert coded(coder, "The United States imposed new sanctions on North Korea.")[0][2] == "163"


def test_an_obligation_voiced_by_a_reporter_is_a_demand(coder):
    got = coded(coder, "The European Commission said Beijing must open its markets to European "
                       "cars or face retaliatory duties.")
    assert [(s, t, c[:2]) for s, t, c, _ in got] == [("IGOEUREEC", "CHNGOV", "10")]
    assert coded(coder, "North Korea must stop its missile tests.") == []  # nobody voices it


def test_scheduled_and_is_to_are_future(coder):
    for text in ("Xi Jinping is scheduled to visit Moscow next week.", "Xi Jinping is to visit Moscow."):
        assert [(s, t, c) for s, t, c, _ in coded(coder, text)] == [("CHNGOV", "RUSGOV", "036")]
    assert [c for _, _, c, _ in coded(coder, "Xi Jinping visited Moscow.")] == ["042"]


def test_a_date_that_modifies_a_noun_dates_nothing(coder):
    got = coded(coder, "Russia and China endorsed the Joint Statement of September 19, 2005.")
    assert got and all(day == date(2017, 7, 4) for *_, day in got)
    got = coded(coder, "Russia criticised the statement of July 4, 2017.", "2018-01-10")
    assert got == [("RUS", None, "111", date(2018, 1, 10))]


def test_a_date_on_the_verb_dates_the_event(coder):
    got = coded(coder, "On July 4, 2017, North Korea fired a missile.", "2017-07-10")
    assert [day for *_, day in got] == [date(2017, 7, 4)]
    got = coded(coder, "China condemned North Korea's July 4 missile launch.", "2017-07-10")
    assert [day for *_, day in got] == [date(2017, 7, 10)]  # the date is the launch's


def test_an_anniversary_does_not_date_the_commemoration(coder):
    got = coded(coder, "France thanked Britain on the 75th anniversary of the D-Day "
                       "landings of June 6, 1944.", "2019-06-06")
    assert got and all(day == date(2019, 6, 6) for *_, day in got)


def test_missiles_fired_into_a_sea_are_a_show_of_force(coder):
    got = coded(coder, "North Korea fired two short-range ballistic missiles into the Sea of Japan.")
    assert [(s, t, c) for s, t, c, _ in got] == [("PRK", None, "150")]
    got = coded(coder, "North Korea test-fired an intercontinental ballistic missile on Friday.")
    assert [(s, t, c) for s, t, c, _ in got] == [("PRK", None, "150")]
    got = coded(coder, "Hamas fired rockets into Israel.")  # at a named actor: an attack
    assert [(t, c[:2]) for _, t, c, _ in got] == [("ISR", "19")]


def test_a_sea_is_never_an_actor(coder):
    got = coded(coder, "A U.S. Navy destroyer sailed through the South China Sea.")
    assert [(s, t) for s, t, _, _ in got] == [("USAMIL", None)]
    got = coded(coder, "China warned against any provocation on the Korean Peninsula.")
    assert got and all(t is None for _, t, _, _ in got)


def test_dates_at_the_ends_of_the_calendar_do_not_overflow():
    for mention in find_dates("They met yesterday and will meet tomorrow, on Friday."):
        for ref in (date(1, 1, 1), date(9999, 12, 31)):
            assert mention.resolve(ref) is not None and mention.resolve(ref, forward=True) is not None
