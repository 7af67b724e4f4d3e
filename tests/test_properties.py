"""Property-based tests (hypothesis) of issue 14: readers in every format and gzipped, both
dictionary formats' loaders, the date resolver over the whole calendar, and the coder on random
and adversarial text. CI runs the short profile; `make fuzz` runs HYPOTHESIS_PROFILE=fuzz."""
import csv
import gzip
import io
import json
import os
import string
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from checks import assert_spans_hold
from communique.errors import CommuniqueError
from communique.events.dates import WEEKDAYS, find_dates, sentence_date
from communique.readers import ReaderOptions, ReadReport, iter_records
from communique.readers.unicode import replace_surrogates

settings.register_profile("ci", max_examples=25, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("fuzz", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
pytestmark = pytest.mark.fuzz

# every Unicode category, lone surrogates included
ANY_CHAR = st.characters(exclude_categories=())
ODD = ["\u0301", "\u200f", "\u202e", "\u200b", "\x00", "\ufeff", "\u2028", "\x85", "\ud800", "\udfff",
       "\r", "\t", "\x0c", '"', "'", "\u201c", "\u2019s", "U.S.", "Mr.", "Kim Jong-un", "...", "\n\n",
       "\U0001f1f0\U0001f1f7", "e\u0301", "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", " "]
GOOD = ["Russia criticised Japan.", "China praised France.", "Iran condemned Israel.",
        "North Korea threatened South Korea."]
text_st = st.lists(st.one_of(st.text(ANY_CHAR, max_size=30), st.sampled_from(ODD), st.sampled_from(GOOD)),
                   max_size=12).map("".join)


def read(paths, **options):
    report = ReadReport()
    return list(iter_records([str(p) for p in paths], ReaderOptions(**options), report)), report.problems


def good(text) -> bool:
    return isinstance(text, str) and bool(text.strip())


def write(path: Path, data: bytes, gz: bool) -> Path:
    if gz:
        path = path.with_name(path.name + ".gz")
        data = gzip.compress(data)
    path.write_bytes(data)
    return path


record_st = st.fixed_dictionaries({"text": st.one_of(text_st, st.none(), st.integers())},
                                  optional={"id": st.text(ANY_CHAR, min_size=1, max_size=10),
                                            "title": text_st, "date": st.dates().map(date.isoformat)})


@given(st.lists(record_st, max_size=8), st.booleans())
def test_jsonl_every_record_comes_back_or_is_reported(records, gz):
    with tempfile.TemporaryDirectory() as tmp:
        data = "".join(json.dumps(r) + "\n" for r in records).encode("ascii")
        out, problems = read([write(Path(tmp) / "r.jsonl", data, gz)])
    wanted = [r for r in records if good(r["text"])]
    assert [o.document.text for o in out] == [replace_surrogates(r["text"]) for r in wanted]
    assert len(out) + len(problems) == len(records)
    for o, r in zip(out, wanted):
        if r.get("id"):
            assert o.document.id == replace_surrogates(r["id"])
        assert o.document.date == (date.fromisoformat(r["date"]) if "date" in r else None)
        o.document.text.encode("utf-8")


cell_st = st.text(ANY_CHAR.filter(lambda c: not "\ud800" <= c <= "\udfff"), max_size=40)


@given(st.lists(st.tuples(cell_st, st.one_of(cell_st, st.sampled_from(GOOD))), max_size=8),
       st.sampled_from([",", "\t", ";"]), st.booleans())
def test_csv_and_tsv_rows_come_back_as_written(rows, delimiter, gz):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=delimiter)
    w.writerow(["id", "text"])
    w.writerows(rows)
    suffix = "tsv" if delimiter == "\t" else "csv"
    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp) / f"r.{suffix}", buf.getvalue().encode("utf-8"), gz)
        out, problems = read([path], delimiter=None if delimiter != ";" else ";")
    wanted = [(i, t) for i, t in rows if good(t)]
    assert [o.document.text for o in out] == [t for _, t in wanted]
    assert all(o.document.id == i for o, (i, _) in zip(out, wanted) if i)
    assert len(problems) <= len(rows) - len(wanted)


@given(text_st, st.booleans(), st.booleans())
def test_a_text_file_is_one_document(text, gz, title_first_line):
    data = text.encode("utf-8", "surrogatepass")
    with tempfile.TemporaryDirectory() as tmp:
        out, problems = read([write(Path(tmp) / "a.txt", data, gz)], title_first_line=title_first_line)
    valid = not any("\ud800" <= c <= "\udfff" for c in text)
    body = text[1:] if text.startswith("\ufeff") else text
    if valid and good(body):
        assert [o.document.text for o in out] == [body] and not problems
    else:
        assert not out and len(problems) == 1


@given(st.binary(max_size=600), st.sampled_from(["jsonl", "csv", "tsv", "txt", "html", "bin"]), st.booleans())
@example(b"\xef\xbb\xbf{\"text\": \"a\"}\n\xff\n", "jsonl", False)
def test_any_bytes_in_any_format_never_raise(data, fmt, gz):
    with tempfile.TemporaryDirectory() as tmp:
        out, problems = read([write(Path(tmp) / f"r.{fmt}", data, gz)])
    for o in out:
        o.document.text.encode("utf-8") and o.file.encode("utf-8")
    for p in problems:
        json.dumps(p.__dict__, ensure_ascii=False).encode("utf-8")


# -- dictionaries ---------------------------------------------------------------------------

PETRARCH_LINES = ["RUSSIA [RUS]", "+RUSSIAN", "ZEMBLA_ [ZEM 20010101-20121231]", "--- KILL [180] ---",
                  "- * ATTACK [190]", "- $ * % TALKS [040] # comment", "&BOATS", "+FERRY", "!GUARD! = WARDEN",
                  "LIGHTHOUSE!GUARD! [~LGT]", "<!-- a comment -->", "# comment", "[NOT A CODE", "~~FINISH",
                  "- {A | B} * C [0x]", "KILL {KILLED KILLING}", "", "+", "[]", "--- [] ---", "- [999]"]


@given(st.lists(st.one_of(st.sampled_from(PETRARCH_LINES), st.text(ANY_CHAR, max_size=25)), max_size=15),
       st.sampled_from(["x.actors.txt", "x.agents.txt", "x.verbs.txt", "x.discards.txt"]))
def test_petrarch_dictionaries_load_or_say_why(lines, name):
    from communique.dictionaries.loader import convert, load_dictionaries
    from communique.dictionaries.ontology import load_ontology

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
        for load in (lambda: convert(path), lambda: load_dictionaries(load_ontology(), [path], only=True)):
            try:
                load()
            except CommuniqueError as exc:
                assert str(exc)


yaml_value = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.text(string.printable, max_size=12),
                                    st.sampled_from(["RUS", "GOV", "2017-01-01", "criticise", "112"])),
                          lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                  st.dictionaries(st.sampled_from(
                                                      ["code", "name", "names", "country", "roles", "from", "to",
                                                       "verbs", "patterns", "words", "sector", "aliases", "x"]),
                                                      inner, max_size=4)), max_leaves=20)


@given(yaml_value, st.sampled_from(["actors.yaml", "agents.yaml", "people.yaml", "verbs_x.yaml", "countries.yaml"]))
def test_yaml_dictionaries_load_or_say_why(data, name):
    import yaml

    from communique.dictionaries.loader import load_dictionaries
    from communique.dictionaries.ontology import load_ontology

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_text(yaml.safe_dump(data), encoding="utf-8")
        try:
            load_dictionaries(load_ontology(), [path], only=True)
        except CommuniqueError as exc:
            assert str(exc)


# -- dates ----------------------------------------------------------------------------------

RELATIVE = (["yesterday", "today", "tonight", "tomorrow"] + [w.capitalize() for w in WEEKDAYS]
            + [f"{p} {w}" for p in ("last", "this", "next", "on", "late", "early") for w in WEEKDAYS])
EXPLICIT = ["on June 12", "on 12 June", "on February 29", "on 29 Feb", "on Dec. 31", "on 1 January",
            "on July 4, 2017", "on 2017-07-04", "on 31 December 9999", "on January 1, 0001"]


@given(st.dates(), st.sampled_from(RELATIVE + EXPLICIT), st.booleans())
@example(date.min, "yesterday", False)
@example(date.max, "tomorrow", True)
@example(date.max, "next Monday", False)
@example(date.min, "last Sunday", False)
@example(date.min, "on Dec. 31", False)
@example(date.max, "on 1 January", True)
def test_every_phrase_resolves_on_every_day_of_the_calendar(ref, phrase, forward):
    sentence = f"Russia attacked Ukraine {phrase}."
    day = sentence_date(sentence, ref)
    assert isinstance(day, date)
    (mention,) = [m for m in find_dates(sentence) if m.end - m.start > 0][:1]
    resolved = mention.resolve(ref, forward)
    assert resolved is None or date.min <= resolved <= date.max
    word = phrase.split()[-1].lower()
    near = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
    if word in near:
        want = ref.toordinal() + near[word]
        assert resolved == date.fromordinal(min(max(want, 1), date.max.toordinal()))
    elif word in WEEKDAYS and date.min + timedelta(days=7) < ref < date.max - timedelta(days=7):
        assert resolved.weekday() == WEEKDAYS.index(word) and abs((resolved - ref).days) <= 7


# -- the coder ------------------------------------------------------------------------------

@given(text_st)
@example("." * 200)
@example("\ud800 Russia criticised Japan. \x00\u202e")
def test_the_coder_on_any_text_keeps_offsets_and_is_deterministic(coder, text):
    first = coder.code_text(text, date="2017-07-04")
    assert_spans_hold(text, first)
    assert [e.to_dict() for e in coder.code_text(text, date="2017-07-04")] == [e.to_dict() for e in first]


@given(st.lists(st.sampled_from(ODD + [" ", "the", "said", "."]), max_size=8).map("".join),
       st.sampled_from(GOOD), st.lists(st.sampled_from(ODD + ["the", "."]), max_size=8).map("".join))
def test_a_good_sentence_among_junk_paragraphs_keeps_its_event(coder, before, sentence, after):
    # the junk paragraph ends a sentence: a blank line alone does not end one for the parser
    # ("Talks with the U.S.\n\nRussia criticised Japan." is one sentence; see docs/reliability.md)
    text = f"{before} end.\n\n{sentence}\n\n{after}"
    alone = {(e.source.actor.code, e.target.actor.code, e.cameo) for e in coder.code_text(sentence, date="2017-07-04")}
    events = coder.code_text(text, date="2017-07-04")
    assert_spans_hold(text, events)
    start = text.index(sentence)
    inside = {(e.source.actor.code, e.target.actor.code if e.target else None, e.cameo) for e in events
              if start <= e.verb.start < start + len(sentence)}
    assert alone and alone <= inside


def test_ten_thousand_sentences_of_a_full_stop(coder):
    text = ". " * 10_000
    assert coder.code_text(text, date="2017-07-04") == []
    text = ". " * 5_000 + "Russia criticised Japan. " + ". " * 5_000
    events = coder.code_text(text, date="2017-07-04")
    assert [(e.source.actor.code, e.target.actor.code) for e in events] == [("RUS", "JPN")]
    assert_spans_hold(text, events)
