"""The REST API against a real uvicorn server over a store built from the demo corpus.

Expected figures come from SQL run by the test on the same store file, or from the
analysis functions the CLI uses, never from the API itself.
"""
import csv
import io
import json
import subprocess
from datetime import date, timedelta

import duckdb
import httpx
import pytest
from fastapi import HTTPException
from starlette.requests import Request

from checks import read_sql as sql
from communique.analysis.dyads import dyads as cli_dyads
from communique.api.app import create_app
from communique.api.guard import require_token

pytest_plugins = ["api_fixtures"]  # the workbench and api fixtures


def test_health_reports_the_store(api, workbench):
    h = api.get("/health").json()
    docs, events = sql(workbench.db, "SELECT (SELECT count(*) FROM documents), count(*) FROM events")[0]
    assert (h["status"], h["documents"], h["events"]) == ("ok", docs, events)
    assert docs == 45 and events > 100
    assert h["store"] == "demo.duckdb" and h["writes_enabled"] is False


def test_events_pages_cover_every_event_once(api, workbench):
    total = sql(workbench.db, "SELECT count(*) FROM events")[0][0]
    seen = []
    for offset in range(0, total, 40):
        page = api.get("/events", params={"limit": 40, "offset": offset}).json()
        assert (page["total"], page["limit"], page["offset"]) == (total, 40, offset)
        seen += [e["event_id"] for e in page["events"]]
    assert len(seen) == total and set(seen) == {r[0] for r in sql(workbench.db, "SELECT event_id FROM events")}
    dates = [e["date"] for e in api.get("/events", params={"limit": 1000}).json()["events"]]
    assert dates == sorted(dates)
    scores = [e["goldstein"] for e in api.get("/events", params={"limit": 1000, "sort": "-goldstein"}).json()["events"]]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("params, where, args", [
    ({"source": "CHN"}, "starts_with(source_code, 'CHN') OR source_country = 'CHN'", ()),
    ({"target": "prk,kor"}, "starts_with(target_code, 'PRK') OR target_country = 'PRK' OR "
                            "starts_with(target_code, 'KOR') OR target_country = 'KOR'", ()),
    ({"actor": "RUS"}, "starts_with(source_code, 'RUS') OR source_country = 'RUS' OR "
                       "starts_with(target_code, 'RUS') OR target_country = 'RUS'", ()),
    ({"country": "JPN"}, "source_country = 'JPN' OR target_country = 'JPN'", ()),
    ({"sector": "MIL"}, "starts_with(source_sector, 'MIL') OR starts_with(target_sector, 'MIL')", ()),
    ({"root": "11,12"}, "cameo_root IN ('11', '12')", ()),
    ({"code": "11"}, "starts_with(cameo, '11')", ()),
    ({"quad_class": "3,4"}, "quad_class IN (3, 4)", ()),
    ({"plover": "ACCUSE"}, "plover_event = 'ACCUSE'", ()),
    ({"from": "2017-03-01", "to": "2017-08-31"}, "date BETWEEN ? AND ?", (date(2017, 3, 1), date(2017, 8, 31))),
    ({"text": "THAAD deployment"},
     "contains(lower(sentence), 'thaad') AND contains(lower(sentence), 'deployment')", ()),
    ({"doc": "demo-017"}, "doc_id = 'demo-017'", ()),
    ({"method": "dictionary"}, "method = 'dictionary'", ()),
    ({"method": "model"}, "method = 'model'", ()),
])
def test_each_filter_selects_what_sql_selects(api, workbench, params, where, args):
    expected = {r[0] for r in sql(workbench.db, f"SELECT event_id FROM event_view WHERE {where}", args)}
    page = api.get("/events", params={**params, "limit": 1000}).json()
    assert page["total"] == len(expected)
    assert {e["event_id"] for e in page["events"]} == expected
    if params.get("method") != "model":
        assert expected, f"the demo store has no event for {params}"


def test_event_records_have_the_code_form_and_the_store_extras(api, workbench):
    (eid,) = sql(workbench.db, "SELECT event_id FROM events WHERE target_code IS NOT NULL AND method = 'dictionary' "
                               "ORDER BY event_id LIMIT 1")[0]
    e = api.get(f"/events/{eid}").json()
    row = dict(zip(["doc_id", "cameo", "source_code", "target_code", "verb_start", "num_articles"], sql(
        workbench.db, "SELECT doc_id, cameo, source_code, target_code, verb_start, num_articles FROM event_view "
                      "WHERE event_id = ?", [eid])[0]))
    assert (e["doc_id"], e["cameo"], e["source"]["code"], e["target"]["code"], e["verb"]["start"],
            e["num_articles"]) == tuple(row.values())
    assert e["cameo_name"] and e["method"] == "dictionary" and "sentence" in e and "title" in e
    missing = api.get("/events/no-such-event")
    assert missing.status_code == 404 and "no-such-event" in missing.json()["error"]


def test_csv_and_jsonl_downloads(api, workbench):
    total = sql(workbench.db, "SELECT count(*) FROM events WHERE cameo_root = '11'")[0][0]
    r = api.get("/events", params={"root": "11", "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.headers["x-total-count"] == str(total) and "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == total and {x["cameo_root"] for x in rows} == {"11"}
    view = [c[0] for c in sql(workbench.db, "SELECT column_name FROM information_schema.columns WHERE "
                                            "table_name = 'event_view' ORDER BY ordinal_position")]
    assert list(rows[0]) == view
    lines = api.get("/events", params={"root": "11", "format": "jsonl", "limit": 5, "offset": 2}).text.splitlines()
    listed = api.get("/events", params={"root": "11", "limit": 5, "offset": 2}).json()["events"]
    assert [json.loads(x) for x in lines] == listed
    empty = api.get("/events", params={"text": "no such words anywhere", "format": "csv"})
    assert empty.text.splitlines() == [",".join(view)] and empty.headers["x-total-count"] == "0"


def test_document_spans_slice_its_text(api, workbench):
    doc = api.get("/documents/demo-017").json()
    (text,) = sql(workbench.db, "SELECT text FROM documents WHERE doc_id = 'demo-017'")[0]
    assert doc["text"] == text and doc["group"]["head"] and doc["group"]["num_articles"] == 1
    assert len(doc["events"]) == sql(workbench.db, "SELECT count(*) FROM events WHERE doc_id = 'demo-017'")[0][0] > 0
    for e in doc["events"]:
        assert text[e["verb"]["start"]:e["verb"]["end"]] == e["verb"]["text"]
        assert text[e["source"]["start"]:e["source"]["end"]] == e["source"]["text"]
        if e["target"]:
            assert text[e["target"]["start"]:e["target"]["end"]] == e["target"]["text"]
        assert text[e["sentence_start"]:e["sentence_start"] + len(e["sentence"])] == e["sentence"]
    assert api.get("/documents/nope").status_code == 404


def test_dyads_match_the_cli_and_fill_and_normalise(api, workbench):
    got = api.get("/dyads", params={"source": "USA", "target": "PRK", "by": "month"}).json()["rows"]
    con = duckdb.connect(str(workbench.db), read_only=True)
    rel = cli_dyads(con, source="USA", target="PRK", by="month")
    cli = [dict(zip(rel.columns, r)) for r in rel.fetchall()]
    con.close()
    assert [{k: r[k] for k in cli[0]} for r in got] == [{**r} for r in cli]
    filled = api.get("/dyads", params={"source": "USA", "target": "PRK", "fill": "true"}).json()["rows"]
    months = [r["period"] for r in filled]
    assert months[0] == cli[0]["period"] and months[-1] == cli[-1]["period"] and len(set(months)) == len(months)
    first = date.fromisoformat(cli[0]["period"] + "-01")
    last = date.fromisoformat(cli[-1]["period"] + "-01")
    assert len(months) == (last.year - first.year) * 12 + last.month - first.month + 1
    assert sum(r["events"] for r in filled) == sum(r["events"] for r in cli)
    assert all(r["events"] == 0 for r in filled if r["period"] not in {c["period"] for c in cli})
    normal = api.get("/dyads", params={"source": "USA", "target": "PRK", "normalise": "true"}).json()["rows"]
    docs = dict(sql(workbench.db, "SELECT strftime(date, '%Y-%m'), count(*) FROM documents WHERE coded GROUP BY 1"))
    for n, c in zip(normal, cli):
        assert n["documents"] == docs[c["period"]]
        assert n["events"] == pytest.approx(c["events"] / docs[c["period"]])


def test_actors_search_and_profile(api, workbench):
    found = api.get("/actors", params={"q": "trump", "level": "actor"}).json()["actors"]
    assert found[0]["code"] == "USAGOV" and "Donald Trump" in found[0]["names"]
    as_source, as_target = sql(workbench.db, "SELECT count(*) FILTER (WHERE source_code = 'USAGOV'), "
                                             "count(*) FILTER (WHERE target_code = 'USAGOV') FROM events")[0]
    assert (found[0]["as_source"], found[0]["as_target"]) == (as_source, as_target)
    countries = api.get("/actors", params={"q": "ko", "level": "country"}).json()["actors"]
    assert "KOR" in [a["code"] for a in countries]
    assert all(a["code"].startswith("KO") or any("ko" in n.lower() for n in a["names"]) for a in countries)
    rus = api.get("/actors/rus").json()
    expected = sql(workbench.db,
                   "SELECT count(*) FILTER (WHERE starts_with(source_code, 'RUS') OR source_country = 'RUS'), "
                   "count(*) FILTER (WHERE starts_with(target_code, 'RUS') OR target_country = 'RUS') FROM events")[0]
    assert (rus["as_source"], rus["as_target"]) == expected and rus["name"] == "Russia"
    assert sum(t["as_source"] + t["as_target"] for t in rus["timeline"]) == rus["events"] == sum(expected)
    assert rus["partners"] and all(p["partner"] != "RUS" or p["events"] for p in rus["partners"])
    assert api.get("/actors/ZZZ").status_code == 404


def test_alerts_compare_two_windows(api, workbench):
    data = api.get("/alerts", params={"weeks": 26, "floor": 3, "count_change": 0.5}).json()
    (last,) = sql(workbench.db, "SELECT max(date) FROM events")[0]
    assert data["as_of"] == last.isoformat()
    recent = (last - timedelta(weeks=26) + timedelta(days=1), last)
    previous = (recent[0] - timedelta(weeks=26), recent[0] - timedelta(days=1))
    assert data["recent"] == {"start": recent[0].isoformat(), "end": recent[1].isoformat()}
    assert data["previous"] == {"start": previous[0].isoformat(), "end": previous[1].isoformat()}
    assert data["alerts"], "the demo corpus changes a lot in 2018"
    for a in data["alerts"]:
        assert max(a["recent"], a["previous"]) >= 3
        if a["kind"] == "dyad":
            where = "coalesce(source_country, source_code) = ? AND coalesce(target_country, target_code) = ?"
            args = a["key"]
        else:
            where = "(coalesce(source_country, source_code) = ? OR (target_code IS NOT NULL AND " \
                    "coalesce(target_country, target_code) = ?))"
            args = [a["key"][0], a["key"][0]]
        counts = [sql(workbench.db, f"SELECT count(*) FROM events WHERE {where} AND date BETWEEN ? AND ?",
                      [*args, lo, hi])[0][0] for lo, hi in (recent, previous)]
        if a["kind"] == "dyad":
            assert [a["recent"], a["previous"]] == counts
        assert a["reasons"]
    assert api.get("/alerts", params={"weeks": 0}).status_code == 422


def test_code_a_text_stores_nothing(api, workbench):
    before = sql(workbench.db, "SELECT count(*) FROM events")[0][0]
    text = "Russia and China urged the United States to halt its military drills."
    r = api.post("/code", json={"text": text, "date": "2017-07-04"})
    assert r.status_code == 200, r.text
    body = r.json()
    found = {(e["source"]["code"], e["target"]["code"] if e["target"] else None, e["cameo_root"])
             for e in body["events"]}
    assert {("RUS", "USA", "02"), ("CHN", "USA", "02")} <= found
    for e in body["events"]:
        assert text[e["source"]["start"]:e["source"]["end"]] == e["source"]["text"]
        assert text[e["verb"]["start"]:e["verb"]["end"]] == e["verb"]["text"]
        assert e["date"] == "2017-07-04" and e["cameo_name"]
    assert sql(workbench.db, "SELECT count(*) FROM events")[0][0] == before
    assert api.get("/health").json()["coder_loaded"] is True


@pytest.mark.parametrize("kwargs, status, words", [
    ({"content": b"text=hi", "headers": {"content-type": "application/x-www-form-urlencoded"}}, 415, "JSON"),
    ({"json": {"text": "   "}}, 422, "text is empty"),
    ({"json": {"text": "Russia praised China.", "date": "2017-02-30"}}, 422, "date"),
    ({"json": {"text": "Russia praised China.", "store": True}}, 422, "store"),
    ({"json": {"date": "2017-01-01"}}, 422, "text"),
    ({"json": {"text": "a " * 50_001}}, 422, "at most 100000 characters"),
    ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 422, "not valid JSON"),
    ({"content": b"x" * 1_100_000, "headers": {"content-type": "application/json"}}, 413, "1,048,576"),
])
def test_code_refuses_bad_bodies(api, kwargs, status, words):
    r = api.post("/code", **kwargs)
    assert r.status_code == status and words in r.json()["error"]


def test_body_cap_holds_without_a_length(api):
    def chunks():
        for _ in range(40):
            yield b"x" * 50_000
    r = api.post("/code", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413 and "request body over" in r.json()["error"]


BAD = [
    "/events?limit=0", "/events?limit=5000", "/events?limit=abc", "/events?offset=-1", "/events?format=xml",
    "/events?sort=random", "/events?source=R%24S", "/events?source=" + ",".join(["RUS"] * 60),
    "/events?root=21", "/events?root=1", "/events?code=1a", "/events?quad_class=5", "/events?plover=accuse!",
    "/events?from=2017-13-01", "/events?from=20170101", "/events?from=2018-01-01&to=2017-01-01",
    "/events?text=" + "x" * 300, "/events?method=Model!", "/events?sector=GOVERNMENT",
    "/events/" + "x" * 300, "/documents/" + "x" * 300, "/dyads?by=fortnight", "/dyads?level=planet",
    "/dyads?fill=maybe", "/dyads?by=day&fill=true&from=1900-01-01&to=2099-12-31&level=actor",
    "/actors?limit=0", "/actors?q=" + "x" * 200, "/actors/R%24S", "/actors/RUS?by=hour",
    "/alerts?weeks=-1", "/alerts?weeks=1000", "/alerts?floor=0", "/alerts?count_change=-1", "/alerts?as_of=yesterday",
    "/charts/timeseries?by=day&from=1000-01-01&to=2999-01-01", "/charts/network?edges=0", "/nothing-here",
    "/static/../../etc/passwd", "/static/%2e%2e%2fapp.py", "/static/assets.py", "/docs", "/redoc",
]


@pytest.mark.parametrize("path", BAD)
def test_bad_requests_get_a_clear_4xx(api, path):
    r = api.get(path)
    assert 400 <= r.status_code < 500, (r.status_code, r.text[:300])
    assert r.json()["error"].strip()


def test_security_defaults(api, workbench):
    r = api.get("/health", headers={"Origin": "http://elsewhere.example"})
    assert "access-control-allow-origin" not in r.headers
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"
    pre = api.options("/code", headers={"Origin": "http://elsewhere.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in pre.headers and pre.status_code >= 400
    assert api.get("/health", headers={"Host": "attacker.example"}).status_code == 400
    assert api.get("/health", headers={"Host": f"localhost:{workbench.url.rsplit(':', 1)[1]}"}).status_code == 200
    schema = api.get("/openapi.json").json()
    assert {"/code", "/events", "/events/{event_id}", "/documents/{doc_id}", "/dyads", "/actors",
            "/actors/{actor_code}", "/alerts", "/health"} <= set(schema["paths"])


def test_write_token_rules():
    def request(app, auth=None):
        headers = [(b"authorization", auth.encode())] if auth else []
        return Request({"type": "http", "method": "POST", "path": "/x", "headers": headers, "app": app})
    closed, open_ = create_app("unused.duckdb"), create_app("unused.duckdb", token="s3cret")
    with pytest.raises(HTTPException) as no_token:
        require_token(request(closed, "Bearer s3cret"))
    assert no_token.value.status_code == 403 and "--token" in no_token.value.detail
    for auth in (None, "Bearer wrong", "Basic s3cret", "s3cret"):
        with pytest.raises(HTTPException) as refused:
            require_token(request(open_, auth))
        assert refused.value.status_code == 401
    require_token(request(open_, "Bearer s3cret"))


def test_dashboard_files_are_served_from_the_package(api):
    page = api.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<script src="/static/vega.js">' in page.text and "http" not in page.text.split("<body>")[0].replace(
        'http-equiv', '')
    vega = api.get("/static/vega.js")
    assert vega.status_code == 200 and "vegaEmbed" in vega.text and len(vega.content) > 500_000
    again = api.get("/static/app.js", headers={"If-None-Match": api.get("/static/app.js").headers["etag"]})
    assert again.status_code == 304


def test_chart_specs_hold_the_filtered_counts(api, workbench):
    spec = api.get("/charts/timeseries", params={"source": "USA", "by": "year"}).json()
    counts = spec["datasets"]["counts"]
    expected = sql(workbench.db, "SELECT strftime(date, '%Y'), quad_class, count(*) FROM events WHERE "
                                 "starts_with(source_code, 'USA') OR source_country = 'USA' GROUP BY ALL")
    assert sorted((c["period"], c["quad_class"], c["events"]) for c in counts) == sorted(expected)
    assert all(c["period_start"].startswith(c["period"]) and c["period_end"].endswith("12-31") for c in counts)
    net = api.get("/charts/network", params={"edges": 5}).json()
    edges = [(e["source"], e["target"], e["events"]) for e in net["datasets"]["edges"]]
    top = api.get("/dyads", params={"by": "all"}).json()["rows"][:5]
    assert edges == [(r["source"], r["target"], r["events"]) for r in top]


def test_a_store_being_written_gets_503_then_recovers(api, workbench):
    writer = duckdb.connect(str(workbench.db))
    try:
        r = api.get("/events")
        assert r.status_code == 503 and "being written" in r.json()["error"]
    finally:
        writer.close()
    assert api.get("/events").status_code == 200


@pytest.mark.parametrize("args, words", [
    ([], "'--db'"),
    (["--db", "/nonexistent/x.duckdb"], "no event store"),
    (["--db", "x.duckdb", "--port", "0"], "'--port'"),
    (["--db", "x.duckdb", "--port", "eighty"], "not a valid integer"),
    (["--db", "x.duckdb", "--log-level", "loud"], "'--log-level'"),
    (["--db", "{db}", "--corrections", "/nonexistent/fixes.yaml"], "--corrections: no folder"),
    (["--db", "{db}", "--dictionaries", "/nonexistent/d.yaml"], "--dictionaries: no such file"),
    (["--db", "{db}", "--port", "{port}"], "cannot listen there"),
])
def test_serve_usage_errors_are_one_line(args, words, workbench, communique_command):
    port = workbench.url.rsplit(":", 1)[1]  # taken by the session's server
    args = [a.format(db=workbench.db, port=port) for a in args]
    r = subprocess.run([*communique_command, "serve", *args], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and words in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "Traceback" not in r.stderr


def test_server_is_local_by_default(workbench):
    host = workbench.url.split("//")[1].rsplit(":", 1)[0]
    assert host == "127.0.0.1"
    with pytest.raises(httpx.HTTPError):
        httpx.get(workbench.url.replace("127.0.0.1", "127.0.0.2"), timeout=2)


def _auth():
    from api_fixtures import TOKEN
    return {"Authorization": f"Bearer {TOKEN}"}


def _thaad_appeal(db):
    (row,) = sql(db, "SELECT event_id, doc_id FROM event_view WHERE sentence LIKE '%urged Seoul to abandon%' "
                     "AND cameo = '020'")
    return row


def test_corrections_need_the_token(api, writable_workbench):
    body = {"kind": "not_event", "event_id": "x"}
    assert api.post("/corrections", json=body).status_code == 403      # the session's server has no token
    assert api.post("/corrections/apply", json={}).status_code == 403
    with writable_workbench.client() as c:
        assert c.post("/corrections", json=body).status_code == 401
        assert c.post("/corrections", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.delete("/corrections/x").status_code == 401
        assert c.get("/corrections").json()["writes_enabled"] is True


def test_a_correction_recodes_its_documents_and_keeps_before_and_after(writable_workbench):
    db = writable_workbench.db
    event_id, doc_id = _thaad_appeal(db)
    others = dict(sql(db, "SELECT event_id, cameo FROM events WHERE doc_id <> ?", [doc_id]))
    with writable_workbench.client(headers=_auth()) as c:
        bad = c.post("/corrections", json={"kind": "code", "event_id": event_id, "code": "0256",
                                           "words": ["not in this sentence"]})
        assert bad.status_code == 422 and "not in the event's sentence" in bad.json()["error"]
        assert c.post("/corrections", json={"kind": "code", "event_id": event_id, "code": "9999"}).status_code == 422
        assert c.post("/corrections", json={"kind": "code", "event_id": "nope", "code": "0256"}).status_code == 404
        made = c.post("/corrections", json={"kind": "code", "event_id": event_id, "code": "0256",
                                            "words": ["urged Seoul to abandon"], "note": "an appeal to Seoul"})
        assert made.status_code == 201, made.text
        rule = made.json()["rule"]
        assert rule["then"] == {"cameo": "0256"} and rule["when"]["sentence"] == ["urged Seoul to abandon"]
        assert made.json()["pending"] == 1
        again = c.post("/corrections", json={"kind": "code", "event_id": event_id, "code": "0256",
                                             "words": ["urged Seoul to abandon"]})
        assert again.status_code == 409
        text = (db.parent / "fixes.yaml").read_text()
        assert rule["id"] in text and "urged Seoul to abandon" in text and "an appeal to Seoul" in text
        done = c.post("/corrections/apply", json={}).json()
        containing = sql(db, "SELECT count(*) FROM documents WHERE contains(lower(text), 'urged seoul to abandon')")
        assert done["recoded"] == containing[0][0] == 1 and done["marked"] == 44
        assert sql(db, "SELECT count(DISTINCT coder_version) FROM documents")[0][0] == 1
        assert dict(sql(db, "SELECT event_id, cameo FROM events WHERE doc_id <> ?", [doc_id])) == others
        old = c.get(f"/events/{event_id}").json()
        assert old["cameo"] == "020" and old["replaced"]["revision"] == 1
        (new_id,) = [r[0] for r in sql(db, "SELECT event_id FROM events WHERE doc_id = ? AND cameo = '0256' AND "
                                           "contains(pattern, ?)", [doc_id, rule["id"]])]
        new = c.get(f"/events/{new_id}").json()
        assert new["history"]["before"][0]["event_id"] == event_id and new["pattern"].endswith(f"{rule['id']}]")
        doc = c.get(f"/documents/{doc_id}").json()
        (revision,) = doc["history"]
        assert [e["event_id"] for e in revision["removed"]] == [event_id]
        assert [e["event_id"] for e in revision["added"]] == [new_id]
        assert c.get("/corrections").json()["pending"] == 0
        # taking the rule back and re-coding restores the event
        assert c.delete(f"/corrections/{rule['id']}").json()["removed"] == 1
        assert c.post("/corrections/apply", json={}).json()["recoded"] == 1
        assert sql(db, "SELECT cameo FROM events WHERE event_id = ?", [event_id]) == [("020",)]
        assert len(c.get(f"/documents/{doc_id}").json()["history"]) == 2


def test_a_missing_actor_name_is_checked_against_the_document(writable_workbench):
    with writable_workbench.client(headers=_auth()) as c:
        r = c.post("/corrections", json={"kind": "actor_name", "doc_id": "demo-013", "text": "no such words",
                                         "code": "KORGOV"})
        assert r.status_code == 422 and "is not in document" in r.json()["error"]
        r = c.post("/corrections", json={"kind": "actor_name", "doc_id": "demo-013", "text": "THAAD",
                                         "code": "kor gov"})
        assert r.status_code == 422 and "actor code" in r.json()["error"]
        r = c.post("/corrections", json={"kind": "actor_name", "doc_id": "demo-015", "text": "Lotte Mart",
                                         "code": "KORBUS"})
        assert r.status_code == 201 and r.json()["actors"][0]["name"] == "Lotte Mart"
        done = c.post("/corrections/apply", json={}).json()
        with_words = sql(writable_workbench.db, "SELECT count(*) FROM documents WHERE contains(lower(text), 'lotte') "
                                                "AND contains(lower(text), 'mart')")[0][0]
        assert (done["recoded"], done["marked"]) == (with_words, 45 - with_words) and with_words >= 1


def test_the_map_shows_located_events(api, located_workbench):
    empty = api.get("/charts/map", params={"source": "ZZZ"}).json()  # no such actor: no points
    assert empty["datasets"]["points"] == [] and empty["title"]["subtitle"].startswith("No event")
    assert api.get("/charts/map").json()["datasets"]["points"]  # the coder places the demo's events
    assert empty["projection"]["type"] == "equalEarth" and any("graticule" in layer["data"] for layer in empty["layer"])
    with located_workbench.client() as c:
        spec = c.get("/charts/map").json()
        expected = sql(located_workbench.db, "SELECT location_feature_id, count(*) FROM events WHERE location_lat "
                                             "IS NOT NULL GROUP BY ALL")
        points = spec["datasets"]["points"]
        assert sorted((p["place"], p["events"]) for p in points) == sorted(expected)
        seoul = next(p for p in points if p["name"] == "Seoul")
        assert abs(seoul["lat"] - 37.57) < 0.1 and abs(seoul["lon"] - 126.98) < 0.1 and seoul["country"] == "KOR"
        at = c.get("/events", params={"place": seoul["place"], "limit": 1000}).json()
        assert at["total"] == seoul["events"] and all(e["location"]["name"] == "Seoul" for e in at["events"])
        usa = c.get("/charts/map", params={"source": "USA"}).json()
        assert sum(p["events"] for p in usa["datasets"]["points"]) == sql(
            located_workbench.db, "SELECT count(*) FROM events WHERE location_lat IS NOT NULL AND "
                                  "(starts_with(source_code, 'USA') OR source_country = 'USA')")[0][0]
