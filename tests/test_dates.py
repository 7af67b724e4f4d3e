from datetime import date

from communique.events.dates import sentence_date

REF = date(2017, 7, 7)  # a Friday


def test_no_date_mentioned_uses_document_date():
    assert sentence_date("China criticised the test.", REF) == REF


def test_month_day_year():
    assert sentence_date("on July 4, 2017, North Korea fired a missile", REF) == date(2017, 7, 4)


def test_day_month_year():
    assert sentence_date("The council met on 25 June 2016 in New York.", REF) == date(2016, 6, 25)


def test_month_day_without_year_is_in_the_recent_past():
    assert sentence_date("On December 30 the talks resumed.", date(2018, 1, 3)) == date(2017, 12, 30)


def test_weekdays_resolve_backwards():
    assert sentence_date("Russia said on Tuesday that ...", REF) == date(2017, 7, 4)
    assert sentence_date("Seoul protested last Friday.", REF) == date(2017, 6, 30)
    assert sentence_date("Tokyo protested on Friday.", REF) == REF


def test_yesterday_and_today():
    assert sentence_date("Beijing said yesterday it objects.", REF) == date(2017, 7, 6)
    assert sentence_date("Beijing said today it objects.", REF) == REF


def test_modal_may_is_not_a_month():
    assert sentence_date("China may 5 times increase ...", REF) == REF


def test_invalid_day_is_ignored():
    assert sentence_date("on February 30, 2017 nothing happened", REF) == REF
