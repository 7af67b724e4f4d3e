"""Every export read back as analysts read it: Python's csv, pandas and DuckDB's read_csv get
every row and column, also when the text holds quotes, tabs, line breaks, U+0085, U+2028,
form feeds and NULs (issue 14); Parquet reads in pandas; dyads --fill is a full panel."""
import csv
import io
import json
from datetime import date

import duckdb
import pandas as pd
import pytest

from communique.analysis.export import (
    CSV_COLUMNS,
    GDELT_COLUMNS,
    ICEWS_COLUMNS,
    POLECAT_COLUMNS,
    POLECAT_EVIDENCE,
    export,
)
from communique.cli.main import main
from communique.records import Document

NASTY = '"Quoted" start\twith a tab,\nnewlines\r\n, a NEL\x85, U+2028\u2028 U+2029\u2029, form feed\x0c, NUL\x00 end'
LAYOUTS = {  # format: (delimiter, header, columns)
    "gdelt": ("\t", False, len(GDELT_COLUMNS)),
    "icews": ("\t", True, len(ICEWS_COLUMNS)),
    "polecat": ("\t", True, len(POLECAT_COLUMNS) + len(POLECAT_EVIDENCE)),
    "csv": (",", True, len(CSV_COLUMNS)),
}


@pytest.fixture(scope="module")
def nasty_store(tmp_path_factory, store_builder, make_event):
    docs = []
    for i in range(12):
        doc = Document(f'd"{i}\t', NASTY + f" story {i}", date(2017, 1 + i % 3, 1 + i), f'"T{i}"\n\x85',
                       None, 'Pub\t"lisher"\u2028')
        ev = make_event(doc.id, 1, f"2017-{1 + i % 3:02d}-{1 + i:02d}", "RUSGOV", "USA", "112", 3, -2.0,
                        "ACCUSE", "disapprove", sentence=NASTY)
        docs.append((doc, [ev], doc.id))
    db = tmp_path_factory.mktemp("nasty") / "n.duckdb"
    build = store_builder(db, docs)
    build.close()
    return db


def exported(db, fmt, tmp_path):
    path = tmp_path / f"e.{fmt}"
    assert main(["export", "--db", str(db), "--format", fmt, "-o", str(path)]) == 0
    return path


@pytest.mark.parametrize("fmt", list(LAYOUTS))
def test_every_row_and_column_comes_back_in_csv_pandas_and_duckdb(fmt, nasty_store, tmp_path):
    delim, header, ncols = LAYOUTS[fmt]
    path = exported(nasty_store, fmt, tmp_path)
    raw = path.read_bytes()
    assert raw.count(b"\n") == 12 + header  # one line per event: nothing in a field breaks a line
    assert not any(ch in raw.decode("utf-8") for ch in "\x00\x0c\x85\u2028\u2029\r")
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=delim))
    assert len(rows) == 12 + header and {len(r) for r in rows} == {ncols}
    df = pd.read_csv(path, sep=delim, header=0 if header else None, dtype=str, keep_default_na=False)
    assert df.shape == (12, ncols)
    columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(ncols))
    rel = duckdb.sql(f"SELECT * FROM read_csv('{path}', delim='{delim}', header={str(header).lower()}, "
                     f"quote='\"', escape='\"', auto_detect=false, columns={{{columns}}})")
    assert len(rel.fetchall()) == 12 and len(rel.columns) == ncols
    if fmt in ("icews", "polecat", "csv"):  # quoted layouts: the text is all there, one line
        name = {"icews": "Story ID", "polecat": "Story ID", "csv": "doc_id"}[fmt]
        assert set(df[name]) == {f'd"{i} ' for i in range(12)}
    if fmt in ("polecat", "csv"):
        sentence = df["Event Text" if fmt == "polecat" else "sentence"].iloc[0]
        assert len(sentence) == len(NASTY) and sentence.startswith('"Quoted" start with a tab,')
    if fmt == "gdelt":  # no quoting in GDELT: a double quote becomes a single one
        assert set(df[60]) == {f"d'{i} " for i in range(12)}  # SOURCEURL: the doc id (no URL)


def test_json_lines_split_only_where_events_end(nasty_store):
    out = io.StringIO()
    assert export(nasty_store, "jsonl", out) == 12
    text = out.getvalue()
    assert len(text.splitlines()) == 12  # str.splitlines splits at U+2028 and U+0085 too
    rows = [json.loads(line) for line in text.splitlines()]
    assert all(r["sentence"] == NASTY for r in rows)
    assert pd.read_json(io.StringIO(text), lines=True).shape[0] == 12


def test_parquet_reads_in_pandas_with_every_column(nasty_store, tmp_path):
    path = tmp_path / "e.parquet"
    assert main(["export", "--db", str(nasty_store), "--format", "parquet", "-o", str(path)]) == 0
    df = pd.read_parquet(path)
    assert df.shape[0] == 12 and {"event_id", "sentence", "source_start", "num_articles"} <= set(df.columns)
    assert df["sentence"].iloc[0] == NASTY  # Parquet keeps the text exactly


def test_dyads_fill_gives_every_dyad_in_every_period_with_iso_dates(tmp_path, sample_store_builder, capsys):
    sample_store_builder(tmp_path / "s.duckdb").close()
    assert main(["dyads", "--db", str(tmp_path / "s.duckdb"), "--fill", "--format", "csv"]) == 0
    df = pd.read_csv(io.StringIO(capsys.readouterr().out), keep_default_na=False, dtype=str)
    dyads = {("RUS", "USA"), ("USA", "RUS"), ("CHN", "USA"), ("IGOUNO", "PRK")}
    assert set(zip(df.source, df.target)) == dyads
    assert list(df.period.unique()) == ["2017-01", "2017-02", "2017-03"] and len(df) == 12
    assert list(df.period_start.unique()) == ["2017-01-01", "2017-02-01", "2017-03-01"]
    assert list(df.period_end.unique()) == ["2017-01-31", "2017-02-28", "2017-03-31"]
    jan = df[df.period == "2017-01"].set_index(["source", "target"]).events.to_dict()
    assert jan == {("RUS", "USA"): "2", ("USA", "RUS"): "0", ("CHN", "USA"): "0", ("IGOUNO", "PRK"): "0"}
