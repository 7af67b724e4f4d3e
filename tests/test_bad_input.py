"""Bad input never crashes the coder or breaks offsets."""
import random

from checks import assert_spans_hold


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
        assert_spans_hold(text, coder.code_text(text, date="2017-01-01"))


def test_odd_unicode_keeps_offsets(coder):
    text = ("Ще\u0301 \u201cRussia\u201d criticised Japan\u2019s navy. "
            "Presidente António Guterres praised the Cafe\u0301 talks. "
            "China\u2019s foreign ministry condemned the US \u2014 again.")
    events = coder.code_text(text, date="2018-01-01")
    assert events
    assert_spans_hold(text, events)


def test_one_megabyte_document(coder):
    unit = "Russia criticised Japan on Monday. The weather was calm and the markets were quiet. "
    text = unit * (1_000_000 // len(unit) + 1)
    events = coder.code_text(text, date="2017-05-05")
    assert len(text) >= 1_000_000
    assert len(events) >= 1_000_000 // len(unit)
    assert_spans_hold(text, events[:50] + events[-50:])


def read_all(paths, **options):
    from communique.readers import ReaderOptions, ReadReport, iter_records
    report = ReadReport()
    return list(iter_records([str(p) for p in paths], ReaderOptions(**options), report)), report.problems


def test_binary_junk_in_every_format_is_set_aside_with_a_reason(tmp_path):
    rng = random.Random(11)
    junk = bytes(rng.randrange(256) for _ in range(5000))
    names = ["junk.txt", "junk.jsonl", "junk.csv", "junk.html", "junk.bin", "junk.jsonl.gz"]
    for name in names:
        (tmp_path / name).write_bytes(junk)
    records, problems = read_all([tmp_path / n for n in names])
    assert records == []  # nothing of this is a document
    by_file = {}
    for p in problems:
        by_file.setdefault(p.file.rsplit("/", 1)[1], []).append(p.reason)
    assert set(by_file) == set(names)
    assert by_file["junk.txt"][0].startswith("invalid UTF-8 at byte")
    assert by_file["junk.bin"][0].startswith("invalid UTF-8 at byte")  # unknown suffix: read as text
    assert len(by_file["junk.jsonl.gz"]) == 1 and "unreadable file" in by_file["junk.jsonl.gz"][0]
    assert all(r.startswith(("invalid UTF-8", "malformed JSON")) for r in by_file["junk.jsonl"])
    assert by_file["junk.html"][0].startswith(("missing text", "unreadable HTML"))


def test_blank_and_empty_inputs_are_set_aside_the_same_way(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\t\n")
    (tmp_path / "blank.jsonl").write_text('{"text": ""}\n{"text": " \\n "}\n{"text": 7}\n\n')
    (tmp_path / "blank.csv").write_text("text,date\n   ,2017-01-01\n")
    _, problems = read_all(sorted(tmp_path.iterdir()))
    assert sorted((p.file.rsplit("/", 1)[1], p.line, p.reason) for p in problems) == [
        ("blank.csv", 2, "empty text (field 'text')"),
        ("blank.jsonl", 1, "empty text (field 'text')"),
        ("blank.jsonl", 2, "empty text (field 'text')"),
        ("blank.jsonl", 3, "non-string text (field 'text')"),
        ("blank.txt", 0, "empty text (field 'text')"),
        ("empty.txt", 0, "empty text (field 'text')"),
    ]


def test_documents_read_from_files_keep_offsets(tmp_path, coder):
    f = tmp_path / "crlf.txt"
    f.write_bytes("\ufeffRussia criticised Japan\u2019s navy.\r\n\r\nChina praised the \u201cUnited States\u201d.\r\n"
                  .encode("utf-8"))
    (record,), problems = read_all([f])
    assert not problems and not record.document.text.startswith("\ufeff")
    coded = next(coder.code_documents([record.document]))
    assert coded.events
    assert_spans_hold(record.document.text, coded.events)
