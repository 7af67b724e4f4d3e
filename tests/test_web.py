"""The dashboard in a real browser: Debian's chromium driven by Playwright, against the real
workbench server of api_fixtures. Skipped when /usr/bin/chromium is not installed.

Screenshots go to test-artifacts/ (not versioned); the README's come from there.
"""
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

pytest_plugins = ["api_fixtures"]  # the workbench and api fixtures

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package")
    profile = tmp_path_factory.mktemp("chromium-profile")  # an empty user-data dir
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=FLAGS,
            viewport={"width": 1400, "height": 1000})
        yield context
        context.close()


@pytest.fixture()
def page(browser, workbench):
    page = browser.new_page()
    problems = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
    yield page
    page.close()
    assert not problems, problems  # no script error, no refused request, no CSP violation


def loaded(page, n=1):
    page.wait_for_selector(f'body[data-loaded="{n}"]', state="attached", timeout=30_000)


def shot(page, name, **kw):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), **kw)


def total_shown(page) -> int:
    return int(re.search(r"\d+", page.locator("#total").inner_text()).group())


def bars(api, **params) -> list[dict]:
    return api.get("/charts/timeseries", params=params).json()["datasets"]["counts"]


def marks(page, selector):
    return page.locator(f"{selector} mark[data-spans]").evaluate_all(
        "ms => ms.map(m => ({spans: m.dataset.spans.split(' '), start: +m.dataset.start, end: +m.dataset.end,"
        " text: m.textContent, title: m.title}))")


def check_highlights(found, text, events):
    """Each event's source, verb and target are marked exactly over their character spans."""
    assert events
    for e in events:
        for role in ("source", "verb", "target"):
            span = e[role]
            if span is None:
                continue
            pieces = sorted((m for m in found if f"{e['event_id']}:{role}" in m["spans"]), key=lambda m: m["start"])
            assert pieces, (e["event_id"], role)
            assert pieces[0]["start"] == span["start"] and pieces[-1]["end"] == span["end"]
            assert all(a["end"] == b["start"] for a, b in zip(pieces, pieces[1:]))
            assert "".join(m["text"] for m in pieces) == text[span["start"]:span["end"]] == span["text"]
            assert e["cameo"] in pieces[0]["title"]
            if role != "verb":
                assert span["code"] in pieces[0]["title"]


def test_filter_changes_chart_and_table(page, workbench, api):
    page.goto(workbench.url)
    loaded(page)
    everything = api.get("/events", params={"limit": 1}).json()["total"]
    assert total_shown(page) == everything
    assert page.locator("#chart-ts g.mark-rect path").count() == len(bars(api))
    page.fill("#f-source", "CHN")
    page.press("#f-source", "Enter")
    loaded(page, 2)
    assert parse_qs(urlparse(page.url).query)["source"] == ["CHN"]
    chn = api.get("/events", params={"source": "CHN", "limit": 1000}).json()
    assert total_shown(page) == chn["total"] < everything
    assert page.locator("#chart-ts g.mark-rect path").count() == len(bars(api, source="CHN")) != len(bars(api))
    first_rows = page.locator("#events tbody tr").evaluate_all("rs => rs.map(r => r.dataset.eventId)")
    assert first_rows == [e["event_id"] for e in chn["events"][:25]]
    page.select_option("#f-root", "11")
    loaded(page, 3)
    cells = page.locator("#events tbody tr td:nth-child(4)").all_inner_texts()
    assert cells and all(c.startswith("11") for c in cells)
    assert total_shown(page) == api.get("/events", params={"source": "CHN", "root": "11"}).json()["total"]
    csv_link = page.get_attribute("#download", "href")
    assert parse_qs(urlparse(csv_link).query) == {"source": ["CHN"], "root": ["11"], "sort": ["date"],
                                                  "format": ["csv"]}
    page.click("#reset")
    loaded(page, 4)
    assert total_shown(page) == everything and urlparse(page.url).query == ""
    page.fill("#f-target", "trum")   # autocomplete on names as well as codes
    page.wait_for_selector("#dl-actors option[value='USAGOV']", state="attached")
    page.fill("#f-country", "kor")
    page.wait_for_selector("#dl-countries option[value='KOR']", state="attached")


def test_reload_restores_the_view(page, workbench, api):
    page.goto(f"{workbench.url}/?source=USA&quad_class=1,2&by=year&level=sector&offset=25")
    loaded(page)
    assert page.input_value("#f-source") == "USA" and page.input_value("#f-by") == "year"
    assert page.input_value("#f-level") == "sector"
    assert page.is_checked("#f-quads input[value='1']") and not page.is_checked("#f-quads input[value='3']")
    expected = api.get("/events", params={"source": "USA", "quad_class": "1,2", "limit": 25, "offset": 25}).json()
    assert total_shown(page) == expected["total"]
    assert page.locator("#page-info").inner_text().startswith("26–")
    rows = page.locator("#events tbody tr").evaluate_all("rs => rs.map(r => r.dataset.eventId)")
    assert rows == [e["event_id"] for e in expected["events"]]
    yearly = bars(api, source="USA", quad_class="1,2", by="year")
    assert page.locator("#chart-ts g.mark-rect path").count() == len(yearly)
    assert {b["period"] for b in yearly} <= {"2016", "2017", "2018"}
    page.reload()
    loaded(page)
    assert total_shown(page) == expected["total"] and page.input_value("#f-source") == "USA"


def test_drill_down_from_chart_network_and_table(page, workbench, api):
    page.goto(f"{workbench.url}/?source=USA")
    loaded(page)
    page.locator("#chart-ts g.mark-rect path").nth(2).click()
    page.wait_for_selector("#drill-title")
    period, quad = page.inner_text("#drill-title").split(" · ")
    (bar,) = [b for b in bars(api, source="USA") if b["period"] == period and b["quad"] == quad]
    behind = api.get("/events", params={"source": "USA", "from": bar["period_start"], "to": bar["period_end"],
                                        "quad_class": bar["quad_class"], "limit": 50}).json()
    assert behind["total"] == bar["events"] and page.inner_text("#drill-count").startswith(f"{bar['events']} event")
    cards = page.locator("#drill-events .event-card")
    assert cards.count() == len(behind["events"])
    for i, e in enumerate(behind["events"]):
        assert cards.nth(i).get_attribute("data-event-id") == e["event_id"]
        assert cards.nth(i).locator(".sentence").inner_text() == e["sentence"]
        assert cards.nth(i).locator("mark.hl-verb").first.inner_text() == e["verb"]["text"]
    shot(page, "drill-down.png")
    page.click("#drawer-close")

    page.locator("#chart-net g.mark-rule line").first.click(force=True)
    page.wait_for_selector("#drill-title")
    source, target = page.inner_text("#drill-title").split(" → ")
    edges = api.get("/charts/network", params={"source": "USA"}).json()["datasets"]["edges"]
    (edge,) = [x for x in edges if (x["source"], x["target"]) == (source, target)]
    assert page.inner_text("#drill-count").startswith(f"{edge['events']} event")
    page.click("#drawer-close")

    row = page.locator("#events tbody tr").nth(3)
    event = api.get(f"/events/{row.get_attribute('data-event-id')}").json()
    row.click()
    card = page.locator("#drawer .event-card")
    assert card.locator(".sentence").inner_text() == event["sentence"]
    assert card.locator("mark.hl-source").first.inner_text() == event["source"]["text"]
    assert parse_qs(urlparse(page.url).query)["event"] == [event["event_id"]]


def test_document_reader_highlights_every_span(page, workbench, api):
    page.goto(f"{workbench.url}/?text=THAAD")
    loaded(page)
    page.locator("#events tbody tr").first.click()
    page.click("#drawer .open-doc")
    page.wait_for_selector("#doc-text")
    doc_id = parse_qs(urlparse(page.url).query)["doc"][0]
    doc = api.get(f"/documents/{doc_id}").json()
    assert page.inner_text("#doc-title") == doc["title"]
    assert page.locator("#doc-text").evaluate("n => n.textContent") == doc["text"]
    check_highlights(marks(page, "#doc-text"), doc["text"], doc["events"])
    assert page.locator("#reader .doc-events li").count() == len(doc["events"])
    page.locator("#reader .doc-events li").nth(1).click()
    focused = page.locator("#doc-text mark.focus").evaluate_all("ms => ms.map(m => m.dataset.spans)")
    assert focused and all(doc["events"][1]["event_id"] in f for f in focused)
    page.locator("#doc-text mark.hl-source").first.hover()
    shot(page, "document-reader.png")
    page.reload()   # a shared link to a document opens it again
    page.wait_for_selector("#doc-text")
    assert page.inner_text("#doc-title") == doc["title"]


def test_code_a_pasted_text(page, workbench, api):
    text = ("Update 📰: Russia and China urged the United States to halt its military drills. "
            "Japan’s Prime Minister Shinzo Abe condemned North Korea's missile launch.")
    page.goto(workbench.url)
    loaded(page)
    page.click("#tab-btn-code")
    page.fill("#code-text", text)
    page.fill("#code-date", "2017-07-04")
    page.click("#code-run")
    page.wait_for_selector("#coded-text", timeout=60_000)
    assert parse_qs(urlparse(page.url).query)["tab"] == ["code"]
    expected = api.post("/code", json={"text": text, "date": "2017-07-04"}).json()["events"]
    assert {(e["source"]["code"], e["cameo_root"]) for e in expected} >= {("RUS", "02"), ("CHN", "02")}
    assert page.locator("#coded-text").evaluate("n => n.textContent") == text
    check_highlights(marks(page, "#coded-text"), text, expected)   # offsets after an emoji: code points
    assert page.locator("#code-result .doc-events li").count() == len(expected)
    shot(page, "code-a-text.png")


def test_dashboard_screenshot(page, workbench):
    page.goto(f"{workbench.url}/?weeks=26&floor=3")
    loaded(page)
    assert page.locator("#alerts li").count() > 0
    shot(page, "dashboard.png", full_page=True)


def test_network_spec_geometry():
    from communique.web.specs import network_spec, timeseries_spec

    edges = [{"source": "USA", "target": "PRK", "events": 6, "cooperation": 1, "conflict": 5, "goldstein_mean": -4.0},
             {"source": "PRK", "target": "USA", "events": 2, "cooperation": 2, "conflict": 0, "goldstein_mean": 3.0},
             {"source": "KOR", "target": "KOR", "events": 1, "cooperation": 1, "conflict": 0, "goldstein_mean": 1.0}]
    spec = network_spec(edges)
    lines = {(e["source"], e["target"]): e for e in spec["datasets"]["edges"]}
    nodes = {n["node"]: n for n in spec["datasets"]["nodes"]}
    assert list(nodes) == ["PRK", "USA", "KOR"] and (nodes["PRK"]["x"], nodes["PRK"]["y"]) == (0.0, 1.0)  # 8, 8, 1
    there, back = lines[("USA", "PRK")], lines[("PRK", "USA")]
    assert (there["kind"], back["kind"]) == ("conflict", "cooperation")
    assert (there["x"], there["y"]) != (back["x2"], back["y2"])       # A->B and B->A drawn apart
    # the arrowhead sits on the line, 82 % of the way, turned toward the target
    assert there["ax"] == pytest.approx(there["x"] + 0.82 * (there["x2"] - there["x"]), abs=1e-3)
    import math
    assert there["angle"] == pytest.approx(math.degrees(math.atan2(there["x2"] - there["x"],
                                                                   there["y2"] - there["y"])) % 360, abs=0.01)
    assert lines[("KOR", "KOR")]["events"] == 1
    empty = timeseries_spec([], "month")
    assert empty["datasets"] == {"counts": [], "goldstein": []}


def test_make_a_correction_and_see_before_and_after(page, writable_workbench, api):
    from api_fixtures import TOKEN

    bench = writable_workbench
    (event_id, doc_id), = [(e["event_id"], e["doc_id"]) for e in api.get(
        "/events", params={"text": "urged Seoul to abandon", "code": "020"}).json()["events"]]
    page.goto(f"{bench.url}/?event={event_id}")
    loaded(page)
    page.wait_for_selector("#mark-wrong")
    page.fill("#token", TOKEN)
    page.press("#token", "Enter")
    page.dispatch_event("#token", "change")
    page.click("#mark-wrong")
    page.select_option("#fix-kind", "code")
    page.select_option("#fix-cameo", "0256")
    page.fill("#fix-words", "urged Seoul to abandon")
    page.fill("#fix-note", "an appeal to Seoul, not a general one")
    page.click("#fix-save")
    page.wait_for_selector("#rule-written")
    assert "urged Seoul to abandon" in (bench.db.parent / "fixes.yaml").read_text()
    shot(page, "correction.png")
    page.click("#apply-now")
    page.wait_for_selector("#doc-history", timeout=60_000)   # the reader opens on the re-coded document
    with bench.client() as c:
        doc = c.get(f"/documents/{doc_id}").json()
    (revision,) = doc["history"]
    before = page.locator("#doc-history .before .event-card").evaluate_all("cs => cs.map(c => c.dataset.eventId)")
    after = page.locator("#doc-history .after .event-card").evaluate_all("cs => cs.map(c => c.dataset.eventId)")
    assert before == [event_id] == [e["event_id"] for e in revision["removed"]]
    assert after == [e["event_id"] for e in revision["added"]] and len(after) == 1
    assert "0256" in page.locator("#doc-history .after .event-line").inner_text()
    assert "020 " in page.locator("#doc-history .before .event-line").inner_text()
    check_highlights(marks(page, "#doc-text"), doc["text"], doc["events"])   # the text shows the new events
    page.locator("#doc-history").scroll_into_view_if_needed()
    shot(page, "before-after.png")
    page.goto(f"{bench.url}/?event={after[0]}")         # the event view shows what it replaced
    page.wait_for_selector("#event-before .event-card")
    assert page.get_attribute("#event-before .event-card", "data-event-id") == event_id
    page.goto(f"{bench.url}/?tab=corrections")
    page.wait_for_selector("#corrections-body tr[data-rule-id]")
    assert page.locator("#corrections-body tbody tr").count() == 1
    assert page.locator("#corrections-body tbody tr td").nth(4).inner_text() == "applied"


def test_the_map_renders_located_events(page, located_workbench):
    page.goto(located_workbench.url)
    loaded(page)
    with located_workbench.client() as c:
        points = c.get("/charts/map").json()["datasets"]["points"]
    page.wait_for_selector("#chart-map g.places_marks path", state="attached")
    assert page.locator("#chart-map g.places_marks path").count() == len(points) > 3
    assert page.locator("#chart-map").get_by_text("have a location").count() == 1
    def apart(p):  # the place farthest from any other, so that no circle covers it
        return min(abs(p["lat"] - q["lat"]) + abs(p["lon"] - q["lon"]) for q in points if q is not p)
    busiest = max(points, key=apart)
    page.locator("#chart-map g.places_marks path").nth(points.index(busiest)).click(force=True)
    page.wait_for_selector("#drill-title")
    assert page.inner_text("#drill-title").startswith(busiest["name"])
    assert page.inner_text("#drill-count").startswith(f"{busiest['events']} event")
    page.click("#drawer-close")
    page.locator("#chart-map").scroll_into_view_if_needed()
    shot(page, "map.png")


def test_the_map_without_locations(page, workbench):
    page.goto(f"{workbench.url}/?source=ZZZ")  # no such actor: no located event
    loaded(page)
    assert page.locator("#chart-map").get_by_text("No event under these filters has a location yet").count() == 1
