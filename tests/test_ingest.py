"""Readers and the quarantine (no coder needed)."""
import gzip
import io
import json
import os
import sys
from datetime import date

import pytest

from communique.readers import (
    Problem,
    Quarantine,
    ReaderOptions,
    ReadReport,
    count_records,
    default_path,
    document_id,
    iter_records,
    parse_columns,
    parse_date,
    read_as_prose,
)

PAGE = """<!DOCTYPE html><html><head><title>Japan condemns launch | World</title>
<meta property="og:title" content="Japan condemns North Korean missile launch">
<meta property="og:site_name" content="Example Times">
<meta property="article:published_time" content="2017-08-29T08:00:00Z">
<link rel="canonical" href="https://example.com/world/japan-missile"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav><article>
<h1>Japan condemns North Korean missile launch</h1>
<p>Japan condemned North Korea on Tuesday after a ballistic missile flew over the northern
island of Hokkaido, calling the launch an unprecedented threat to the region.</p>
<p>Prime Minister Shinzo Abe said Tokyo would work with the United States and South Korea to
increase pressure on Pyongyang, and asked the United Nations Security Council to meet.</p>
<p>China urged restraint from all sides and called for talks to resume as soon as possible.</p>
</article><footer>Related: <a href="/x">Japan condemns missile launch</a></footer></body></html>"""


def read(paths, **opts):
    report = ReadReport()
    recs = list(iter_records([str(p) for p in paths], ReaderOptions(**opts), report))
    return recs, report.problems


def test_jsonl_every_kind_of_bad_record(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_bytes(b"\n".join([
        json.dumps({"id": "ok1", "text": "Russia praised China.", "date": "2017-07-04"}).encode(),
        b'{"id": "bad-utf8", "text": "caf\xe9 au lait"}',
        b'{"id": "broken", "text": ',
        json.dumps({"id": "notext", "date": "2017-07-04"}).encode(),
        json.dumps({"id": "empty", "text": "   "}).encode(),
        json.dumps({"id": "baddate", "text": "Iran praised Syria.", "date": "29/08/2017"}).encode(),
        json.dumps(["not", "an", "object"]).encode(),
        json.dumps({"text": "No id here.", "date": "Tue, 29 Aug 2017 10:00:00 +0000"}).encode(),
    ]) + b"\n")
    recs, problems = read([f], default_date=date(2000, 1, 1))
    assert [(r.document.id, r.line) for r in recs] == [("ok1", 1), (document_id("No id here."), 8)]
    assert recs[1].document.date == date(2017, 8, 29)
    got = {(p.line, p.reason.split(" (")[0].split(":")[0]) for p in problems}
    assert got == {(2, "invalid UTF-8 at byte 31"), (3, "malformed JSON"), (4, "missing text"),
                   (5, "empty text"), (6, "unparsable date '29/08/2017'"), (7, "expected a JSON object")}
    assert all(p.file == str(f) for p in problems)
    assert next(p for p in problems if p.line == 2).raw.startswith('{"id": "bad-utf8"')


def test_csv_columns_and_bad_rows(tmp_path):
    f = tmp_path / "news.csv"
    f.write_bytes(
        b"guid,body,published,headline,outlet\n"
        b"a1,\"China criticised Japan,\nsaid the ministry.\",2017-07-04,T,AP\n"
        b"a2,Japan praised India.,2017-07-05\n"            # too few fields
        b"a3,\"caf\xe9\",2017-07-05,T,AP\n"                  # invalid UTF-8
        b"a4,,2017-07-05,T,AP\n"                            # empty text
        b"a5,Iran praised Syria.,July 5th,T,AP\n"           # unparsable date
        b"a6,\"quoted\"junk,2017-07-05,T,AP\n"              # broken quoting
        b"a7,Russia thanked Iran.,20170706,T7,\n"
        b"a8,\"never closed,2017-07-05,T,AP\n")
    cols = {"id": "guid", "text": "body", "date": "published", "title": "headline", "source": "outlet"}
    recs, problems = read([f], columns=cols)
    assert [(r.document.id, r.line) for r in recs] == [("a1", 2), ("a7", 9)]
    d = recs[0].document
    assert (d.text, d.date, d.title, d.source) == ("China criticised Japan,\nsaid the ministry.",
                                                   date(2017, 7, 4), "T", "AP")
    assert recs[1].document.source is None and recs[1].document.date == date(2017, 7, 6)
    reasons = {p.line: p.reason for p in problems}
    assert set(reasons) == {4, 5, 6, 7, 8, 10}
    assert reasons[4].startswith("broken line: 3 fields, header has 5")
    assert reasons[5].startswith("invalid UTF-8")
    assert reasons[6].startswith("empty text")
    assert reasons[7].startswith("unparsable date")
    assert reasons[8].startswith("broken line") and reasons[10].startswith("broken line")


def test_csv_without_header_and_tsv(tmp_path):
    f = tmp_path / "ag.csv"
    f.write_text('"1","Title one","Russia praised China."\n"2","Title two","Iran praised Syria."\n')
    recs, problems = read([f], header=False, columns={"title": "2", "text": "3"})
    assert not problems and [r.document.title for r in recs] == ["Title one", "Title two"]
    t = tmp_path / "x.tsv"
    t.write_text("text\tdate\nRussia praised China.\t2017-01-02\n")
    recs, _ = read([t])
    assert recs[0].document.date == date(2017, 1, 2)
    bad = tmp_path / "nocol.csv"
    bad.write_text("body\nhello\n")
    recs, problems = read([bad])
    assert not recs and "no column 'text'" in problems[0].reason


def test_txt_folder_gzip_and_html(tmp_path):
    (tmp_path / "politics").mkdir()
    (tmp_path / "politics" / "001.txt").write_text("Labour plans rise\n\nThe Tories dismissed it.\n")
    (tmp_path / "politics" / "002.txt").write_bytes(b"Bad \xff byte\n")
    (tmp_path / "politics" / "003.txt").write_text("  \n")
    (tmp_path / "README.md").write_text("not read")
    (tmp_path / "politics" / "NOTES.TXT").write_text("not read either")
    with gzip.open(tmp_path / "more.jsonl.gz", "wt") as fh:
        fh.write(json.dumps({"id": "g1", "text": "Japan condemned North Korea."}) + "\n")
    with gzip.open(tmp_path / "page.html.gz", "wt") as fh:
        fh.write(PAGE)
    (tmp_path / "empty.html").write_text("<html><head><title>x</title></head><body></body></html>")
    (tmp_path / "trunc.jsonl.gz").write_bytes(gzip.compress(b'{"text": "x"}\n' * 50)[:30])
    recs, problems = read([tmp_path], title_first_line=True, default_date=date(2005, 1, 1))
    by_file = {r.file.split("/")[-1]: r.document for r in recs}
    assert set(by_file) == {"001.txt", "more.jsonl.gz", "page.html.gz", "trunc.jsonl.gz"}
    assert 0 < sum(r.file.endswith("trunc.jsonl.gz") for r in recs) < 50  # read up to the break
    txt = by_file["001.txt"]
    assert txt.title == "Labour plans rise" and txt.id == document_id(txt.text) and txt.date == date(2005, 1, 1)
    page = by_file["page.html.gz"]
    assert page.title == "Japan condemns North Korean missile launch"
    assert page.date == date(2017, 8, 29) and page.source == "Example Times"
    assert page.url == "https://example.com/world/japan-missile"
    assert "Japan condemned North Korea on Tuesday" in page.text and "Related" not in page.text
    reasons = {p.file.split("/")[-1]: p.reason for p in problems}
    assert reasons["002.txt"].startswith("invalid UTF-8 at byte 4")
    assert reasons["003.txt"].startswith("empty text")
    assert reasons["empty.html"].startswith("missing text")
    assert reasons["trunc.jsonl.gz"].startswith("unreadable file")
    assert count_records([str(tmp_path)], ReaderOptions()) >= 5


def test_one_date_parser_for_every_input():
    for text in ("2017-07-04", "2017-07-04T10:00:00Z", "2017-07-04 10:00", "20170704",
                 "Tue, 04 Jul 2017 10:00:00 +0000", " 2017-07-04 ", date(2017, 7, 4)):
        assert parse_date(text) == date(2017, 7, 4), text
    assert parse_date(None) is None and parse_date("") is None and parse_date("  ") is None
    for bad in ("29/08/2017", "July 5th", "2017-13-01", "20171301"):
        with pytest.raises(ValueError, match=f"unparsable date '{bad}' \\(expected YYYY-MM-DD"):
            parse_date(bad)


def test_ids_from_content_source_and_url():
    assert document_id("x") == document_id("x") != document_id("x", source="AP")
    assert document_id("x", "AP") != document_id("x", None, "https://a") != document_id("x", "AP", "https://a")
    assert document_id("x").startswith("doc-") and len(document_id("x")) == 20


def test_columns_option_and_joined_fields(tmp_path):
    assert parse_columns("text=body, date=published") == {"text": "body", "date": "published"}
    for bad in ("body", "txt=body", "text=", "text=a+"):
        with pytest.raises(ValueError, match="expected FIELD=COLUMN"):
            parse_columns(bad)
    f = tmp_path / "h.jsonl"
    f.write_text(json.dumps({"headline": "Talks resume", "short_description": "Japan met China.",
                             "link": "https://e/1"}) + "\n" + json.dumps({"headline": "", "link": "x"}) + "\n")
    recs, problems = read([f], columns=parse_columns("text=headline+short_description,url=link"))
    assert [r.document.text for r in recs] == ["Talks resume\n\nJapan met China."]
    assert recs[0].document.id == document_id("Talks resume\n\nJapan met China.", None, "https://e/1")
    assert [(p.line, p.reason) for p in problems] == [(2, "missing text (field 'headline+short_description')")]
    c = tmp_path / "h.csv"
    c.write_text("a,b\nOne.,Two.\n")
    recs, problems = read([c], columns={"text": "a+b"})
    assert not problems and recs[0].document.text == "One.\n\nTwo."


def test_columns_do_not_apply_to_whole_file_formats(tmp_path):
    (tmp_path / "s.txt").write_text("Egypt welcomed the deal.")
    (tmp_path / "t.csv").write_text("body\nIndia praised Japan.\n")
    recs, problems = read([tmp_path / "s.txt", tmp_path / "t.csv"], columns={"text": "body"})
    assert not problems and [r.document.text for r in recs] == ["Egypt welcomed the deal.", "India praised Japan."]


def test_a_json_file_is_read_as_prose_unless_told(tmp_path):
    f = tmp_path / "news.json"
    f.write_text(json.dumps({"text": "Russia praised China."}) + "\n")
    assert read_as_prose([str(f), str(tmp_path / "missing.json"), "-"], ReaderOptions()) == [str(f)]
    assert read_as_prose([str(f)], ReaderOptions(format="jsonl")) == []
    recs, _ = read([f])
    assert [r.document.text for r in recs] == [f.read_text()]
    recs, _ = read([f], format="jsonl")
    assert [r.document.text for r in recs] == ["Russia praised China."]


@pytest.mark.parametrize("data, fmt, texts", [
    (b'{"text": "Russia praised China."}\n{"text": "Iran praised Syria."}\n', "auto",
     ["Russia praised China.", "Iran praised Syria."]),
    (b"  Japan protested to China.\n", "auto", ["  Japan protested to China.\n"]),
    (b'{"text": "as prose"}\n', "txt", ['{"text": "as prose"}\n']),
    (b"text,date\nRussia praised China.,2017-01-02\n", "csv", ["Russia praised China."]),
])
def test_standard_input(data, fmt, texts, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    recs, problems = read(["-"], format=fmt)
    assert not problems and [r.document.text for r in recs] == texts
    assert {r.file for r in recs} == {"<stdin>"}


def test_quarantine_appends_each_problem_once(tmp_path):
    q = Quarantine(default_path(tmp_path / "ev.duckdb"))
    assert q.path.name == "ev.quarantine.jsonl"
    assert q.add([Problem("a.jsonl", 3, "malformed JSON", "{x")]) == 1
    again = Quarantine(q.path)
    assert again.add([Problem("a.jsonl", 3, "malformed JSON"), Problem("a.jsonl", 4, "missing text")]) == 1
    rows = [json.loads(x) for x in q.path.read_text().splitlines()]
    where = os.path.realpath("a.jsonl")  # entries also carry the absolute path they are compared by
    assert rows == [{"file": "a.jsonl", "line": 3, "reason": "malformed JSON", "path": where, "raw": "{x"},
                    {"file": "a.jsonl", "line": 4, "reason": "missing text", "path": where}]
