"""Actors found from context and clause rules added for news text (actors.py, frames.py,
event_rules.py); every sentence is written here."""


def pairs(got):
    return {(s[:3], (t or "-")[:3], c[:2]) for s, t, c in got}


# -- actors -------------------------------------------------------------------------
def test_crowd_of_residents_of_a_place(code):
    got = code("Thousands of residents of the Japanese city of Nago rallied against the government's plan.")
    assert any(s == "JPNCVL" and (t or "").startswith("JPN") and c[:2] == "14" for s, t, c in got)


def test_people_rallying_in_a_city_take_its_country(code):
    got = code("Tens of thousands of people rallied in Madrid on Sunday to protest against the government.")
    assert any(s == "ESPCVL" and c[:2] == "14" for s, t, c in got)


def test_international_body_is_not_placed_by_its_seat(code):
    got = code("Vietnam said it would not recognize the ruling of an international court in The Hague.")
    assert [(s, t, c[:2]) for s, t, c in got] == [("VNM", None, "12")]


def test_era_adjective_is_not_an_actor(code):
    got = code("Police said a Soviet-era weapon was used to kill the farmer.")
    assert not any((s or "").startswith(("USR", "RUS")) for s, t, c in got)


def test_ethnic_group_codes_as_its_country_civilians(code):
    got = code("Myanmar's army attacked Rohingya villages and expelled Rohingya Muslims from Rakhine.")
    assert any(s == "MMRMIL" and t == "MMRCVL" for s, t, c in got)


def test_shared_surname_resolves_to_the_leader_of_the_day(code):
    got = code("Trump and Kim met in Singapore on Tuesday.", date="2018-06-12")
    assert ("USAGOV", "PRKGOV", "040") in {(s, t, c[:3]) for s, t, c in got}
    assert ("PRKGOV", "USAGOV", "040") in {(s, t, c[:3]) for s, t, c in got}


def test_shared_surname_after_the_full_name(code):
    got = code("Moon Jae-in praised Kim Yo-jong on Friday. On Saturday Kim criticized Japan.",
               date="2018-02-10")
    assert any(t == "JPN" and c[:2] == "11" and s.startswith("PRK") for s, t, c in got)


def test_the_country_refers_to_the_country_named_before(code):
    got = code("Belgium admitted abuses in colonial-era Congo and asked the country for forgiveness.")
    assert any(s == "BEL" and t == "COD" and c == "055" for s, t, c in got)


# -- targets --------------------------------------------------------------------------
def test_dangling_preposition_takes_the_next_clause_subject(code):
    got = code("Belarusian riot police fired tear gas at opposition supporters gathering in Minsk.")
    assert any(s == "BLRCOP" and t == "BLROPP" for s, t, c in got)


def test_shared_object_of_a_dangling_particle(code):
    got = code("Iranian boats fired on and seized two British tankers in the Gulf.")
    assert ("IRN", "GBR", "19") in pairs(got)


def test_strike_in_a_dispute_with_the_government(code):
    got = code("Thousands of teachers in France went on strike in a dispute with the government over pensions.")
    assert any(s.startswith("FRA") and t == "FRAGOV" and c[:2] == "14" for s, t, c in got)


def test_possessor_of_a_non_actor_target(code):
    got = code("Hundreds of farmers in India protested against the government's decision.")
    assert any(t == "INDGOV" and c[:2] == "14" for s, t, c in got)


def test_misattached_recipient_of_a_transfer(code):
    got = code("Turkey has given recordings related to the death of the journalist to France and Germany.")
    assert {("TUR", "FRA"), ("TUR", "DEU")} <= {(s[:3], (t or "-")[:3]) for s, t, c in got}


def test_state_of_emergency_targets_the_own_country(code):
    got = code("Peru's president declared a state of emergency on Monday.")
    assert any(s == "PERGOV" and t == "PER" and c == "1724" for s, t, c in got)


# -- codes ----------------------------------------------------------------------------
def test_killing_an_official_is_an_assassination(code):
    got = code("Iraq's ambassador to Jordan was shot dead in Amman by gunmen from Syria.")
    assert any(t == "IRQGOV" and c == "186" for s, t, c in got)


def test_offer_parsed_as_adverbial_clause_is_an_intention(code):
    got = code("Swiss President Ueli Maurer offered on Monday to mediate between Iran and the United States.")
    assert any(t == "IRN" and c[:2] == "03" for s, t, c in got)
    assert not any(c[:2] == "04" for s, t, c in got)


def test_demand_that_a_leader_resign(code):
    got = code("Thousands of Russians marched through Moscow demanding that Vladimir Putin resign.")
    assert any(s == "RUSCVL" and t == "RUSGOV" and c[:2] == "14" for s, t, c in got)


def test_trip_gives_way_to_its_purpose(code):
    got = code("Indian Prime Minister Narendra Modi flew to Kabul on Friday to meet Afghan President Ashraf Ghani.")
    codes = {c[:3] for s, t, c in got}
    assert "042" not in codes and any(t == "AFGGOV" and c[:2] == "04" for s, t, c in got)


def test_participle_without_target_is_an_aside(code):
    got = code("Syrian artillery shelled the Turkish town of Akcakale on Wednesday, killing five soldiers.")
    assert ("SYR", "TUR", "19") in pairs(got)
    assert not any(t is None and c[:2] in ("18", "19") for s, t, c in got)


def test_one_way_delivery_is_not_mirrored(code):
    got = code("Russia began delivering parts of the missile defense system to India on Friday.")
    assert ("RUS", "IND", "06") in pairs(got) and ("IND", "RUS", "06") not in pairs(got)
