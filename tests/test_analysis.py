"""Dyad figures against a small hand-computed case (see conftest.sample_docs)."""
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from communique.analysis.dyads import duplicate_groups, dyads, top_actors, top_dyads

ROOT = Path(__file__).resolve().parents[1]
COLS = ["period", "source", "target", "events", "verbal_coop", "material_coop", "verbal_conflict",
        "material_conflict", "goldstein_mean", "goldstein_sum", "articles"]


@pytest.fixture(scope="module")
def store(tmp_path_factory, sample_store_builder):
    s = sample_store_builder(tmp_path_factory.mktemp("an") / "ev.duckdb")
    yield s
    s.close()


def rows(rel):
    return [dict(zip(rel.columns, r)) for r in rel.fetchall()]


def test_monthly_country_dyads(store):
    rel = dyads(store, by="month")
    assert rel.columns == COLS
    got = [(r["period"], r["source"], r["target"], r["events"], r["verbal_coop"],
            r["material_coop"], r["verbal_conflict"], r["material_conflict"],
            round(r["goldstein_mean"], 4), round(r["goldstein_sum"], 4), r["articles"])
           for r in rows(rel)]
    assert got == [
        # Jan: 112 RUSGOV->USA (-2.0) + 042 RUS->USAGOV (+1.9); the target-less 010 is left out
        ("2017-01", "RUS", "USA", 2, 1, 0, 1, 0, -0.05, -0.1, 2),
        # Feb: the d2 story was printed 3 times: events count once, articles three times
        ("2017-02", "CHN", "USA", 1, 1, 0, 0, 0, 8.0, 8.0, 1),
        ("2017-02", "RUS", "USA", 1, 0, 0, 0, 1, -10.0, -10.0, 3),
        ("2017-02", "USA", "RUS", 1, 1, 0, 0, 0, 4.0, 4.0, 3),
        # IGOs have no country and keep their code
        ("2017-03", "IGOUNO", "PRK", 1, 0, 0, 1, 0, -6.0, -6.0, 1),
    ]


def test_filters_whole_period_and_prefix_match(store):
    (r,) = rows(dyads(store, source="RUS", target="USA", by="all"))
    assert (r["events"], r["verbal_coop"], r["verbal_conflict"], r["material_conflict"]) == (3, 1, 1, 1)
    assert r["goldstein_mean"] == pytest.approx((-2.0 + 1.9 - 10.0) / 3)
    assert r["goldstein_sum"] == pytest.approx(-10.1)
    assert r["articles"] == 5
    feb = rows(dyads(store, by="all", start=date(2017, 2, 1), end=date(2017, 2, 28)))
    assert [(r["source"], r["target"]) for r in feb] == [("CHN", "USA"), ("RUS", "USA"), ("USA", "RUS")]
    assert rows(dyads(store, source="CHN,IGO", by="all"))[0]["source"] == "CHN"
    assert len(rows(dyads(store, source=["CHN", "IGOUNO"], by="all"))) == 2


def test_levels_and_periods(store):
    jan = rows(dyads(store, by="week", level="sector", end=date(2017, 1, 31)))
    assert [(r["period"], r["source"], r["target"]) for r in jan] == [
        ("2017-W01", "RUSGOV", "USA"), ("2017-W03", "RUS", "USAGOV")]
    actors = rows(dyads(store, by="day", level="actor", start=date(2017, 3, 1)))
    assert [(r["period"], r["source"]) for r in actors] == [("2017-03-01", "IGOUNO")]
    assert [r["period"] for r in rows(dyads(store, by="year"))] == ["2017"] * 4


def test_top_dyads_and_actors(store):
    top = rows(top_dyads(store, n=2))
    assert [(r["source"], r["target"], r["events"]) for r in top] == [("RUS", "USA", 3), ("CHN", "USA", 1)]
    actors = rows(top_actors(store, n=10))
    assert [(r["actor"], r["events"], r["as_source"], r["as_target"]) for r in actors] == [
        ("RUS", 5, 4, 1), ("USA", 5, 1, 4), ("CHN", 1, 1, 0), ("IGOUNO", 1, 1, 0), ("PRK", 1, 0, 1)]
    assert rows(top_actors(store, n=1))[0]["goldstein_mean"] == pytest.approx((-2 + 1.9 + 0 - 10 + 4) / 5)


def test_duplicate_groups_and_dataframes(store):
    (g,) = rows(duplicate_groups(store))
    assert (g["group_id"], g["num_articles"], g["num_sources"], g["sources"]) == ("d2", 3, 2, ["AFP", "Reuters"])
    df = dyads(store, by="month").df()
    assert list(df.columns) == COLS and len(df) == 5 and df["events"].sum() == 6


def test_dyads_and_top_commands(tmp_path, sample_store_builder):
    db = tmp_path / "ev.duckdb"
    sample_store_builder(db).close()
    run = lambda *a: subprocess.run([sys.executable, "-m", "communique", *a], cwd=ROOT,  # noqa: E731
                                    capture_output=True, text=True, timeout=120)
    r = run("dyads", "--db", str(db), "--source", "RUS", "--target", "USA", "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        ",".join(COLS), "2017-01,RUS,USA,2,1,0,1,0,-0.05,-0.1,2", "2017-02,RUS,USA,1,0,0,0,1,-10.0,-10.0,3"]
    r = run("top", "--db", str(db), "-n", "3")
    assert r.returncode == 0 and "Top 3 dyads" in r.stdout and "Top 3 actors" in r.stdout
    r = run("stats", "--db", str(db))
    assert "near-duplicate groups: 1 holding 2 copies" in r.stdout
    r = run("dyads", "--db", str(tmp_path / "missing.duckdb"))
    assert r.returncode == 2 and "no event store" in r.stderr
