"""Behaviour of the event coder on the constructions the field needs."""
from checks import assert_spans_hold


def has(events, src, tgt, root):
    return any(s == src and t == tgt and c.startswith(root) for s, t, c in events)


def test_simple_criticism(code):
    ev = code("China criticised the United States on Monday.")
    assert has(ev, "CHN", "USA", "11")


def test_passive_voice(code):
    ev = code("North Korea was criticised by Russia.")
    assert has(ev, "RUS", "PRK", "11")
    assert not has(ev, "PRK", "RUS", "11")


def test_conjoined_subjects_give_one_event_each(code):
    ev = code("Russia and China urged the United States to show restraint.")
    assert has(ev, "RUS", "USA", "02") and has(ev, "CHN", "USA", "02")


def test_urged_action_is_not_an_event_of_the_target(code):
    ev = code("China urged the US to halt its military exercises.")
    assert has(ev, "CHN", "USA", "02")
    assert not any(s == "USA" for s, _, _ in ev)


def test_title_and_apposition_resolve_to_government(code):
    ev = code("Russian Foreign Minister Sergey Lavrov criticized Japan.")
    assert has(ev, "RUSGOV", "JPN", "11")


def test_possessive_agent(code):
    ev = code("China's state media criticized South Korea.")
    assert [(s, t, c[:2]) for s, t, c in ev] == [("CHNMED", "KOR", "11")]


def test_of_phrase_with_two_countries(code):
    ev = code("The foreign ministries of Russia and China condemned the missile launch by North Korea.")
    assert sorted((s, t, c[:2]) for s, t, c in ev) == [("CHNGOV", "PRK", "11"), ("RUSGOV", "PRK", "11")]


def test_metonyms(code):
    ev = code("Beijing condemned Washington's decision.")
    assert has(ev, "CHNGOV", "USAGOV", "11")
    ev = code("The Kremlin praised Pyongyang.")
    assert has(ev, "RUSGOV", "PRKGOV", "05")


def test_reported_speech_codes_the_embedded_event(code):
    ev = code("Lavrov said Russia opposes the deployment of THAAD in South Korea.", date="2017-03-01")
    assert any(s.startswith("RUS") and c.startswith("11") for s, _, c in ev)
    assert not any(c.startswith("01") for _, _, c in ev)


def test_negation_produces_no_positive_event(code):
    assert code("Russia did not condemn the test.") == []
    assert not any(c.startswith("11") for _, _, c in code("China never criticized Russia."))


def test_refusal_maps_to_reject(code):
    ev = code("North Korea refused to hold talks with the United States.")
    assert any(s == "PRK" and c.startswith("12") for s, _, c in ev)
    assert not any(c.startswith("04") for _, _, c in ev)
    ev = code("Iran rejected the European proposal.")
    assert any(s == "IRN" and c.startswith("12") for s, _, c in ev)


def test_phrasal_and_verb_object_patterns(code):
    assert has(code("The Security Council imposed new sanctions on North Korea."), "IGOUNO", "PRK", "163")
    assert has(code("The United States pulled out of the agreement with Iran."), "USA", "IRN", "16")
    assert has(code("Japan called on China to respect the ruling."), "JPN", "CHN", "02")
    assert has(code("South Korea held talks with North Korea."), "KOR", "PRK", "046")


def test_dated_roles(code):
    assert has(code("Kim Jong-un visited Beijing.", date="2018-03-27"), "PRKGOV", "CHNGOV", "042")
    ev = code("Kim Jong-un visited Beijing.", date="2010-05-04")
    assert not any(s == "PRKGOV" for s, _, _ in ev)
    assert has(code("Donald Trump criticized China.", date="2018-05-01"), "USAGOV", "CHN", "11")
    ev = code("Donald Trump criticized China.", date="2022-05-01")
    assert not any(s == "USAGOV" for s, _, _ in ev)
    assert has(code("Donald Trump criticized China.", date="2025-03-01"), "USAGOV", "CHN", "11")


def test_coreference_two_sides_and_pronouns(code):
    text = ("Russia and China issued a joint statement on Tuesday. "
            "The two sides condemned the missile launch by North Korea.")
    ev = code(text)
    assert any(s == "RUS" and c.startswith("11") for s, _, c in ev)
    assert any(s == "CHN" and c.startswith("11") for s, _, c in ev)
    text = "Japanese Prime Minister Shinzo Abe arrived in Washington. He criticized North Korea."
    ev = code(text, date="2017-02-10")
    assert has(ev, "JPNGOV", "PRK", "11")


def test_nominal_visit(code):
    ev = code("Xi Jinping's visit to Moscow was a success.", date="2017-07-04")
    assert has(ev, "CHNGOV", "RUSGOV", "042")


def test_one_event_per_source_target_code_per_sentence(code):
    ev = code("China criticized and criticized the United States.")
    assert len(ev) == 1 and has(ev, "CHN", "USA", "11")


def test_sentence_date_overrides_document_date(coder):
    ev = coder.code_text("North Korea fired a missile on July 4, 2017.", date="2017-07-10")
    assert ev and ev[0].date.isoformat() == "2017-07-04"


def test_evidence_offsets_are_exact(coder):
    text = ("\u201cWe oppose it,\u201d said Beijing.  Russian Foreign Minister Sergey Lavrov "
            "criticised the United States on 25 June 2016. Moon Jae-in welcomed Kim Jong-un.")
    events = coder.code_text(text, date="2018-04-27")
    assert events
    assert_spans_hold(text, events)


def test_event_json_fields(coder):
    e = coder.code_text("China criticized Japan.", date="2017-01-02")[0].to_dict()
    for key in ("event_id", "doc_id", "sentence_index", "date", "source", "target", "cameo",
                "cameo_root", "quad_class", "goldstein", "plover", "verb", "sentence", "coder_version"):
        assert key in e
    assert e["cameo"] == "111" and e["cameo_root"] == "11" and e["quad_class"] == 3
    assert set(e["source"]) >= {"code", "country", "sector", "name", "text", "start", "end"}
    assert e["plover"]["event"] == "ACCUSE"


def test_the_parties_and_both_countries(code):
    text = ("The Russian Federation and the People's Republic of China issued a joint statement. "
            "The Parties oppose the deployment of THAAD by the United States. "
            "Both countries urged Pyongyang to halt its missile tests.")
    ev = code(text)
    assert has(ev, "RUS", "USA", "11") and has(ev, "CHN", "USA", "11")
    assert has(ev, "RUS", "PRKGOV", "02") and has(ev, "CHN", "PRKGOV", "02")


def test_hypothetical_clause_is_not_coded(code):
    assert has(code("NATO attacked Belarus."), "IGOWSTNAT", "BLR", "18")  # the act itself is coded
    ev = code("Russia will retaliate if NATO attacks Belarus.")
    assert not any(s == "IGOWSTNAT" for s, _, _ in ev)


def test_nominal_event_as_sentence_topic(code):
    ev = code("North Korea's missile launch on Tuesday drew condemnation.")
    assert has(ev, "PRK", None, "15")
