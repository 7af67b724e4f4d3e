"""Places in the store and the analysis: schema 3 (actor locations in mentions), filters by
the event's country, map points, GET /locations. Expected figures come from SQL on the same
store (the demo corpus, coded), never from the functions under test."""
from __future__ import annotations

import json

import duckdb
import pytest

from checks import read_sql as sql
from communique.analysis.dyads import dyads, top_actors, top_dyads
from communique.analysis.maps import event_points, place_points
from communique.analysis.queries import EventFilter, QueryError
from communique.cli.main import main
from communique.errors import CommuniqueError
from communique.store.event_store import SCHEMA_VERSION, EventStore

pytest_plugins = ["api_fixtures"]  # the workbench (a server over the coded demo corpus)
PLACE_COLUMNS = ("text", "start", "end", "name", "country", "adm1", "lat", "lon", "feature_id", "precision")


def test_a_schema_3_store_is_upgraded(tmp_path, sample_store_builder):
    path = tmp_path / "old.duckdb"
    sample_store_builder(path).close()
    con = duckdb.connect(str(path))  # what schema 3 had: no places in mentions
    con.execute("DROP VIEW event_view")
    for c in PLACE_COLUMNS:
        con.execute(f'ALTER TABLE mentions DROP COLUMN "location_{c}"')
    con.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(CommuniqueError, match=f"store schema 3, now {SCHEMA_VERSION}.*communique ingest --recode"):
        EventStore(path, read_only=True)
    with EventStore(path) as store:
        assert store.meta("schema_version") == SCHEMA_VERSION == "5"
        got = store.con.execute("SELECT count(*), count(source_code), count(source_location_name), "
                                "count(target_location_lat) FROM event_view").fetchone()
        mentions = {r[0] for r in store.con.execute("DESCRIBE mentions").fetchall()}
    assert got == (7, 7, 0, 0)
    assert {f"location_{c}" for c in PLACE_COLUMNS} <= mentions


@pytest.fixture(scope="module")
def demo(workbench):
    """The coded demo corpus in a store (read-only here)."""
    return workbench.db


def test_the_demo_store_holds_places(demo):
    located, regions, actors = sql(demo, "SELECT count(location_lat), count(*) FILTER (WHERE location_precision "
                                         "= 'region'), (SELECT count(location_name) FROM mentions) FROM events")[0]
    assert located > 20 and regions > 0 and actors > 0
    # the actor's place is stored with its mention and joined back in event_view
    rows = sql(demo, "SELECT m.location_name, v.source_location_name FROM mentions m JOIN event_view v "
                     "USING (event_id) WHERE m.role = 'source' AND m.location_name IS NOT NULL")
    assert rows and all(a == b for a, b in rows)
    text = sql(demo, "SELECT d.text, e.location_start, e.location_end, e.location_text FROM events e "
                     "JOIN documents d USING (doc_id) WHERE e.location_start IS NOT NULL")
    assert all(t[s:e] == w for t, s, e, w in text)


def test_dyads_and_top_by_location_country(demo):
    want = sql(demo, "SELECT count(*) FROM events WHERE location_country = 'CHN' AND source_code IS NOT NULL "
                     "AND target_code IS NOT NULL")[0][0]
    assert want > 0
    with EventStore(demo, read_only=True) as store:
        got = dyads(store, by="all", location_country="CHN").df()
        assert got["events"].sum() == want
        assert top_dyads(store, 1000, location_country=["chn"]).df()["events"].sum() == want
        roles = sql(demo, "SELECT count(source_code) + count(target_code) FROM events WHERE location_country "
                          "IN ('KOR', 'RUS')")[0][0]
        assert top_actors(store, 10_000, location_country="KOR,RUS").df()["events"].sum() == roles > want


def test_cli_filters_by_location_country(demo, capsys):
    assert main(["export", "--db", str(demo), "--format", "jsonl", "--location-country", "kor,rus"]) == 0
    events = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    want = sql(demo, "SELECT count(*) FROM events WHERE location_country IN ('KOR', 'RUS')")[0][0]
    assert len(events) == want > 0 and {e["location"]["country"] for e in events} == {"KOR", "RUS"}
    assert main(["dyads", "--db", str(demo), "--by", "all", "--format", "jsonl", "--location-country", "PRK"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert sum(r["events"] for r in rows) == sql(
        demo, "SELECT count(*) FROM events WHERE location_country = 'PRK' AND target_code IS NOT NULL "
              "AND source_code IS NOT NULL")[0][0]
    assert main(["top", "--db", str(demo), "--format", "csv", "--location-country", "USA"]) == 0


@pytest.mark.parametrize("command", ["dyads", "top", "export"])
def test_a_bad_country_code_is_a_usage_error(command, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    extra = ["--format", "jsonl"] if command == "export" else []
    assert main([command, "--db", "x.duckdb", *extra, "--location-country", "KOR,Korea"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert "'--location-country': 'KOREA' is not an ISO-3 country code" in err
    assert not list(tmp_path.iterdir())


def test_map_points(demo):
    with EventStore(demo, read_only=True) as store:
        total, points = event_points(store, limit=5)
        assert total == sql(demo, "SELECT count(location_lat) FROM events")[0][0]
        assert len(points) == 5 and all(-90 <= p["location"]["lat"] <= 90 for p in points)
        first = sql(demo, "SELECT event_id, location_name, location_lon FROM events WHERE location_lat IS NOT NULL "
                          "ORDER BY date, doc_id, sentence_index, verb_start, event_id LIMIT 1")[0]
        assert (points[0]["event_id"], points[0]["location"]["name"], points[0]["location"]["lon"]) == first
        cities, _ = event_points(store, EventFilter(source=("PRK",)), precision=("city",), limit=1)
        assert cities == sql(demo, "SELECT count(*) FROM events WHERE location_precision = 'city' AND "
                                   "(starts_with(source_code, 'PRK') OR source_country = 'PRK')")[0][0]
        n, places = place_points(store, limit=1000)
        want = sql(demo, "SELECT location_feature_id, count(*) FROM events WHERE location_lat IS NOT NULL "
                         "GROUP BY ALL ORDER BY 2 DESC, 1")
        assert n == len(want) == len(places)
        assert sum(p["events"] for p in places) == total
        assert places[0]["events"] == want[0][1]
        assert places[0]["events"] == sum(places[0][q] for q in ("verbal_coop", "material_coop",
                                                                  "verbal_conflict", "material_conflict"))
        with pytest.raises(QueryError, match="unknown precision"):
            event_points(store, precision=("street",))


def test_locations_endpoint(api, demo):
    body = api.get("/locations", params={"limit": 3}).json()
    assert (body["by"], body["limit"], len(body["points"])) == ("event", 3, 3)
    assert body["total"] == sql(demo, "SELECT count(location_lat) FROM events")[0][0]
    kor = api.get("/locations", params={"location_country": "KOR", "by": "place", "limit": 1000}).json()
    assert {p["country"] for p in kor["points"]} == {"KOR"}
    assert sum(p["events"] for p in kor["points"]) == sql(
        demo, "SELECT count(*) FROM events WHERE location_country = 'KOR' AND location_lat IS NOT NULL")[0][0]
    regions = api.get("/locations", params={"precision": "region", "limit": 1000}).json()
    assert regions["total"] > 0 and {p["location"]["precision"] for p in regions["points"]} == {"region"}
    r = api.get("/locations", params={"precision": "street"})
    assert r.status_code == 422 and "precision" in r.json()["error"]
    r = api.get("/locations", params={"location_country": "Korea"})
    assert r.status_code == 422 and "ISO-3" in r.json()["error"]


def test_events_endpoint_nests_the_places(api, demo):
    body = api.get("/events", params={"location_country": "PRK", "limit": 1000}).json()
    assert body["total"] == sql(demo, "SELECT count(*) FROM events WHERE location_country = 'PRK'")[0][0] > 0
    for e in body["events"]:
        assert e["location"]["country"] == "PRK" and "location_country" not in e
        assert e["source"] is None or "location" in e["source"]
