"""Bad input the readers must survive (issue 14): lone surrogates, file names that are not
UTF-8, a BOM on standard input, unterminated CSV quotes, the quarantine file. No coder."""
import gzip
import io
import json
import os
import sys
from datetime import date

from communique.readers import Problem, Quarantine, ReaderOptions, ReadReport, count_records, iter_records
from communique.readers.dates import parse_date


def read(paths, **options):
    report = ReadReport()
    return list(iter_records([str(p) for p in paths], ReaderOptions(**options), report)), report.problems


def test_a_lone_surrogate_becomes_one_replacement_character(tmp_path):
    f = tmp_path / "s.jsonl"
    f.write_text('{"id": "a\\ud800", "text": "Russia urged \\ud800 China to halt drills.", '
                 '"title": "T\\udfff"}\n', encoding="ascii")
    (rec,), problems = read([f])
    text = rec.document.text
    assert not problems
    assert text == "Russia urged \ufffd China to halt drills."  # same length: offsets unchanged
    assert text.index("China") == "Russia urged \ud800 China".index("China")
    assert rec.document.id == "a\ufffd" and rec.document.title == "T\ufffd"
    text.encode("utf-8"), rec.document.id.encode("utf-8")  # both can be written


def test_file_names_that_are_not_utf8_are_shown_escaped_and_kept_apart(tmp_path):
    folder = os.fsencode(tmp_path)
    for n, raw in enumerate((b"x\xff.txt", b"x\xfe.txt")):
        with open(folder + b"/" + raw, "wb") as fh:
            fh.write(b"Russia criticised Japan %d." % n)
    records, problems = read([tmp_path])
    assert not problems
    files = sorted(r.file.rsplit("/", 1)[1] for r in records)
    assert files == ["x\\xfe.txt", "x\\xff.txt"]
    for r in records:
        r.file.encode("utf-8")


def test_the_quarantine_writes_every_entry_even_with_undecodable_bytes(tmp_path):
    q = Quarantine(tmp_path / "q.jsonl")
    bad = [Problem("x\udcff.csv", 2, "broken line: x", "a,\udcffb"),
           Problem("s.jsonl", 3, "malformed JSON", "{\"text\": \"\ud800\""),
           Problem("ok.jsonl", 4, "missing text")]
    assert q.add(bad) == 3
    rows = [json.loads(line) for line in (tmp_path / "q.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["file"], r["line"]) for r in rows] == [("x\\xff.csv", 2), ("s.jsonl", 3), ("ok.jsonl", 4)]
    assert rows[0]["raw"] == "a,\\xffb" and rows[1]["raw"] == '{"text": "\\ud800"'


def test_the_quarantine_compares_files_by_absolute_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    q = Quarantine(tmp_path / "q.jsonl")
    assert q.add([Problem("feed.jsonl", 3, "missing text")]) == 1
    assert q.add([Problem(str(tmp_path / "feed.jsonl"), 3, "missing text")]) == 0
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    again = Quarantine(tmp_path / "q.jsonl")  # another folder, another spelling
    assert again.add([Problem("../feed.jsonl", 3, "missing text")]) == 0
    assert len((tmp_path / "q.jsonl").read_text().splitlines()) == 1


def test_a_quarantine_that_cannot_be_written_is_an_error_before_anything_runs(tmp_path):
    import pytest

    from communique.errors import CommuniqueError
    with pytest.raises(CommuniqueError, match="--quarantine"):
        Quarantine("/proc/nope/q.jsonl")
    (tmp_path / "dir.jsonl").mkdir()
    with pytest.raises(CommuniqueError, match="cannot write"):
        Quarantine(tmp_path / "dir.jsonl")


def test_a_bom_before_json_lines_on_standard_input(monkeypatch):
    data = b'\xef\xbb\xbf{"text": "Russia criticised Japan."}\n{"text": "China praised France."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    records, problems = read(["-"])
    assert not problems
    assert [r.document.text for r in records] == ["Russia criticised Japan.", "China praised France."]


def test_an_unterminated_quote_costs_its_own_line_only(tmp_path):
    f = tmp_path / "u.csv"
    f.write_text('id,text\na,"Russia criticised Japan.\nb,China praised France.\nc,India praised Japan.\n')
    records, problems = read([f])
    assert [r.document.id for r in records] == ["b", "c"]
    assert [(p.line, p.raw) for p in problems] == [(2, 'a,"Russia criticised Japan.')]
    assert problems[0].reason.startswith("broken line")


def test_an_unclosed_quote_closed_by_a_later_one_and_a_good_multiline_field(tmp_path):
    f = tmp_path / "u.csv"
    f.write_text('id,text\na,"Russia ""criticised""\nJapan."\nb,China praised France.\n'
                 'c,"India praised Japan.\nd,Egypt praised Japan.\ne,"x" y\nf,Peru praised Chile.\n')
    records, problems = read([f])
    assert [(r.document.id, r.line) for r in records] == [("a", 2), ("b", 4), ("d", 6), ("f", 8)]
    assert records[0].document.text == 'Russia "criticised"\nJapan.'
    assert [p.line for p in problems] == [5, 7]
    assert all(p.raw for p in problems)


def test_line_counts_for_progress_include_a_last_line_without_newline(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_bytes(b'{"text": "a"}\n' * 9 + b'{"text": "b"}')
    g = tmp_path / "b.jsonl.gz"
    g.write_bytes(gzip.compress(b'{"text": "a"}\n' * 4))
    assert count_records([str(f)], ReaderOptions()) == 10
    assert count_records([str(g)], ReaderOptions()) == 4


def test_dates_at_the_ends_of_the_calendar():
    assert parse_date("0001-01-01") == date.min and parse_date("99991231") == date.max
    for bad in ("Fri, 31 Dec 99999 23:00:00 +0000", "0000-01-01", "10000-01-01"):
        try:
            parse_date(bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} was accepted")
