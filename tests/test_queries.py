"""The workbench's query functions against the hand-computed store of corpus_fixtures.

d1 (AP): RUSGOV->USA 112 (-2.0, Q3) on 2017-01-05; RUS->USAGOV 042 (1.9, Q1) and RUS alone
010 (0.0, Q1) on 2017-01-20. d2 (group of 3, two uncoded copies): RUS->USA 190 (-10.0, Q4)
and USA->RUS 036 (4.0, Q1) on 2017-02-03. d3: CHN->USA 057 (8.0, Q1) on 2017-02-10 and
IGOUNO->PRK 1041 (-6.0, Q3) on 2017-03-01. Coded documents: d1 (January), d2 and d3 (February).
"""
from datetime import date

import pytest

from communique.analysis.alerts import AlertRule, alerts, judge, windows
from communique.analysis.dyads import dyads, top_actors
from communique.analysis.panels import count_periods, dyad_panel, network, periods, quad_series
from communique.analysis.queries import EventFilter, QueryError, actor_profile, find_events, get_document, search_actors


@pytest.fixture(scope="module")
def con(tmp_path_factory, sample_store_builder):
    store = sample_store_builder(tmp_path_factory.mktemp("q") / "ev.duckdb")
    yield store.con
    store.close()


def ids(con, **filters):
    total, events = find_events(con, EventFilter(**filters), limit=100)
    assert total == len(events)
    return sorted(e["event_id"] for e in events)


def test_filters(con):
    assert ids(con, quad_class=(3,)) == ["d1-e1", "d3-e2"]
    assert ids(con, actor=("USA",)) == ["d1-e1", "d1-e2", "d2-e1", "d2-e2", "d3-e1"]
    assert ids(con, source=("RUS",), target=("USA",)) == ["d1-e1", "d1-e2", "d2-e1"]
    assert ids(con, sector=("GOV",)) == ["d1-e1", "d1-e2"]
    assert ids(con, code=("10",)) == ["d3-e2"]           # a prefix: 1041, not 010
    assert ids(con, root=("01", "04")) == ["d1-e2", "d1-e3"]
    assert ids(con, country=("PRK",)) == ["d3-e2"]
    assert ids(con, text="RUSSIA Criticised") == ["d1-e1"]
    assert ids(con, start=date(2017, 2, 3), end=date(2017, 2, 10)) == ["d2-e1", "d2-e2", "d3-e1"]
    assert ids(con, plover=("AGREE",), dyadic=True) == ["d2-e2", "d3-e1"]
    assert ids(con, method=("dictionary",)) == ids(con)
    assert ids(con, method=("model",)) == []


def test_paging_and_sorting(con):
    total, page = find_events(con, EventFilter(), sort="-goldstein", limit=2, offset=1)
    assert total == 7 and [e["event_id"] for e in page] == ["d2-e2", "d1-e2"]   # 8.0, then 4.0, 1.9
    assert page[0]["num_articles"] == 3 and page[0]["publisher"] == "Reuters"
    with pytest.raises(QueryError):
        find_events(con, EventFilter(), sort="loudest")


def test_document_and_its_group(con):
    copy = get_document(con, "d2b")
    assert (copy["group"]["group_id"], copy["group"]["head"], copy["events"]) == ("d2", False, [])
    assert [m["doc_id"] for m in copy["group"]["members"]] == ["d2", "d2b", "d2c"]
    assert (copy["group"]["num_articles"], copy["group"]["num_sources"]) == (3, 2)
    head = get_document(con, "d1")
    assert [e["event_id"] for e in head["events"]] == ["d1-e1", "d1-e2", "d1-e3"]
    assert get_document(con, "nope") is None


def test_panel_is_the_cli_dyads_plus_period_bounds(con):
    rel = dyads(con, by="month")
    cli = [dict(zip(rel.columns, r)) for r in rel.fetchall()]
    panel = dyad_panel(con, by="month")
    assert [{k: r[k] for k in cli[0]} for r in panel] == cli
    assert [(r["period_start"], r["period_end"]) for r in panel][:1] == [("2017-01-01", "2017-01-31")]


def test_filled_and_normalised_panel(con):
    filled = dyad_panel(con, by="month", fill=True)
    assert len(filled) == 3 * 4    # January to March x four dyads
    jan = {(r["source"], r["target"]): r["events"] for r in filled if r["period"] == "2017-01"}
    assert jan == {("RUS", "USA"): 2, ("CHN", "USA"): 0, ("IGOUNO", "PRK"): 0, ("USA", "RUS"): 0}
    normal = {(r["period"], r["source"], r["target"]): r for r in dyad_panel(con, by="month", normalise=True)}
    assert normal[("2017-01", "RUS", "USA")]["events"] == 2.0 and normal[("2017-01", "RUS", "USA")]["documents"] == 1
    feb = normal[("2017-02", "RUS", "USA")]
    assert (feb["events"], feb["articles"], feb["material_conflict"], feb["documents"]) == (0.5, 1.5, 0.5, 2)
    assert feb["goldstein_mean"] == -10.0                   # not divided
    assert normal[("2017-03", "IGOUNO", "PRK")]["events"] is None   # no coded document dated in March
    with pytest.raises(QueryError, match="too large"):
        dyad_panel(con, EventFilter(start=date(1500, 1, 1)), by="day", fill=True, level="actor")


def test_periods():
    weeks = periods(date(2016, 12, 30), date(2017, 1, 10), "week")
    assert [p[0] for p in weeks] == ["2016-W52", "2017-W01", "2017-W02"]
    last = periods(date(2017, 11, 15), date(2018, 1, 1), "month")[-1]
    assert last == ("2018-01", date(2018, 1, 1), date(2018, 1, 31))
    lo, hi = date(2015, 3, 4), date(2017, 2, 1)
    for by in ("day", "week", "month", "year"):
        assert count_periods(lo, hi, by) == len(periods(lo, hi, by))


def test_quad_series_and_network(con):
    series = quad_series(con, by="month")
    assert [(r["period"], r["events"], r["verbal_coop"], r["verbal_conflict"], r["material_conflict"])
            for r in series] == [("2017-01", 3, 2, 1, 0), ("2017-02", 3, 2, 0, 1), ("2017-03", 1, 0, 1, 0)]
    assert series[0]["goldstein_mean"] == pytest.approx((-2.0 + 1.9 + 0.0) / 3)
    filled = quad_series(con, EventFilter(start=date(2016, 11, 1)), by="month", fill=True)
    assert [r["period"] for r in filled] == ["2016-11", "2016-12", "2017-01", "2017-02", "2017-03"]
    assert filled[0]["events"] == 0 and filled[0]["goldstein_mean"] is None
    edges = network(con)
    assert [(e["source"], e["target"], e["events"], e["cooperation"], e["conflict"]) for e in edges] == [
        ("RUS", "USA", 3, 1, 2), ("CHN", "USA", 1, 1, 0), ("IGOUNO", "PRK", 1, 0, 1), ("USA", "RUS", 1, 1, 0)]


def test_actor_search_agrees_with_top_actors(con):
    rel = top_actors(con, n=10)
    top = [dict(zip(rel.columns, r)) for r in rel.fetchall()]
    found = search_actors(con, level="country")
    assert [(a["code"], a["events"], a["as_source"], a["as_target"]) for a in found] == \
        [(t["actor"], t["events"], t["as_source"], t["as_target"]) for t in top]
    assert [a["code"] for a in search_actors(con, "igo", level="country")] == ["IGOUNO"]
    assert [a["code"] for a in search_actors(con, "of prk", level="actor")] == ["PRK"]
    assert search_actors(con, "USAGOV", level="actor")[0]["names"] == ["name of USAGOV"]


def test_actor_profile(con):
    usa = actor_profile(con, "USA")
    assert (usa["events"], usa["as_source"], usa["as_target"], usa["first"], usa["last"]) == \
        (5, 1, 4, "2017-01-05", "2017-02-10")
    assert [(t["period"], t["as_source"], t["as_target"]) for t in usa["timeline"]] == [
        ("2017-01", 0, 2), ("2017-02", 1, 2)]
    assert [(p["partner"], p["events"], p["as_source"], p["as_target"], p["conflict"]) for p in usa["partners"]] == [
        ("RUS", 4, 1, 3, 2), ("CHN", 1, 0, 1, 0)]
    assert actor_profile(con, "FRA") is None


def test_alerts_by_hand(con):
    out = alerts(con, AlertRule(weeks=4, floor=2))
    assert out["as_of"] == "2017-03-01"
    assert out["recent"] == {"start": "2017-02-02", "end": "2017-03-01"}
    assert out["previous"] == {"start": "2017-01-05", "end": "2017-02-01"}
    assert (out["series"], out["quiet"]) == (9, 6)
    got = [(a["kind"], a["key"], a["recent"], a["previous"], a["reasons"]) for a in out["alerts"]]
    assert got == [("actor", ["RUS"], 2, 3, ["fall", "goldstein_down"]), ("actor", ["USA"], 3, 2, ["rise"]),
                   ("dyad", ["RUS", "USA"], 1, 2, ["fall"])]
    rus = out["alerts"][0]
    assert rus["goldstein_recent"] == pytest.approx(-3.0) and rus["goldstein_previous"] == pytest.approx(-0.1 / 3)
    assert alerts(con, AlertRule(weeks=4, floor=4))["alerts"] == []
    only_conflict = alerts(con, AlertRule(weeks=4, floor=1), EventFilter(quad_class=(3, 4)))
    assert {tuple(a["key"]) for a in only_conflict["alerts"]} >= {("IGOUNO", "PRK")}


def test_judge_and_windows():
    rule = AlertRule(floor=5, count_change=0.25, goldstein_change=2.0)
    assert judge("dyad", ["A", "B"], 6, 0, 1.0, None, rule).reasons == ["new"]
    assert judge("dyad", ["A", "B"], 4, 0, 1.0, None, rule) is None               # quiet
    assert judge("dyad", ["A", "B"], 11, 10, 1.0, 1.5, rule) is None             # +10 %: unchanged
    assert judge("dyad", ["A", "B"], 10, 10, -4.0, 1.0, rule).reasons == ["goldstein_down"]
    recent, previous = windows(date(2017, 3, 1), 1)
    assert (recent, previous) == ((date(2017, 2, 23), date(2017, 3, 1)), (date(2017, 2, 16), date(2017, 2, 22)))
