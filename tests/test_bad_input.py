"""Bad input never crashes the coder or breaks offsets."""
import random


def check_offsets(text, events):
    for e in events:
        for m in (e.source, e.target):
            if m is not None:
                assert text[m.span.start:m.span.end] == m.span.text
        assert text[e.verb.start:e.verb.end] == e.verb.text


def test_empty_and_whitespace(coder):
    assert coder.code_text("") == []
    assert coder.code_text("   \n\n\t ") == []


def test_no_events(coder):
    assert coder.code_text("The weather in Paris was mild and sunny all week.") == []


def test_non_english_and_binary_junk(coder):
    rng = random.Random(7)
    junk = "".join(chr(rng.randrange(0, 0x3000)) for _ in range(3000))
    for text in ("Der Bundestag hat heute das Gesetz verabschiedet.", "北京反对美国的决定。",
                 junk, "\x00\x01\x02 \ufffd\ufffd", "\ud800 lone surrogate"):
        check_offsets(text, coder.code_text(text, date="2017-01-01"))


def test_odd_unicode_keeps_offsets(coder):
    text = ("Ще\u0301 \u201cRussia\u201d criticised Japan\u2019s navy. "
            "Presidente António Guterres praised the Cafe\u0301 talks. "
            "China\u2019s foreign ministry condemned the US \u2014 again.")
    events = coder.code_text(text, date="2018-01-01")
    assert events
    check_offsets(text, events)


def test_one_megabyte_document(coder):
    unit = "Russia criticised Japan on Monday. The weather was calm and the markets were quiet. "
    text = unit * (1_000_000 // len(unit) + 1)
    events = coder.code_text(text, date="2017-05-05")
    assert len(text) >= 1_000_000
    assert len(events) >= 1_000_000 // len(unit)
    check_offsets(text, events[:50] + events[-50:])
