"""Each export layout, column by column, on the hand-made store."""
import io
import json
from datetime import date

import duckdb
import pytest

from communique.analysis.export import (
    GDELT_COLUMNS,
    ICEWS_COLUMNS,
    POLECAT_COLUMNS,
    POLECAT_EVIDENCE,
    country_names,
    export,
)
from communique.dictionaries.ontology import load_ontology
from communique.records import Document
from communique.store.event_store import event_number


@pytest.fixture(scope="module")
def store(tmp_path_factory, sample_store_builder):
    s = sample_store_builder(tmp_path_factory.mktemp("ex") / "ev.duckdb")
    yield s
    s.close()


def lines(store, fmt, **filters):
    out = io.StringIO()
    n = export(store, fmt, out, **filters)
    text = out.getvalue()
    assert text.endswith("\n")
    return n, [ln.split("\t") for ln in text.splitlines()]


def by_id(rows, col, value):
    (row,) = [r for r in rows if r[col] == value]
    return row


def test_gdelt_61_columns_no_header(store):
    n, rows = lines(store, "gdelt")
    assert len(GDELT_COLUMNS) == 61 and n == len(rows) == 7
    assert all(len(r) == 61 for r in rows)
    assert rows[0][0].isdigit()  # no header
    g = dict(zip(GDELT_COLUMNS, by_id(rows, 0, str(event_number("d2-e1")))))
    assert (g["SQLDATE"], g["MonthYear"], g["Year"], g["FractionDate"]) == ("20170203", "201702", "2017", "2017.0904")
    assert (g["Actor1Code"], g["Actor1Name"], g["Actor1CountryCode"]) == ("RUS", "NAME OF RUS", "RUS")
    assert all(g[f"Actor1{c}"] == "" for c in ("KnownGroupCode", "EthnicCode", "Religion1Code",
                                               "Religion2Code", "Type1Code", "Type2Code", "Type3Code"))
    assert (g["Actor2Code"], g["Actor2CountryCode"]) == ("USA", "USA")
    assert (g["IsRootEvent"], g["EventCode"], g["EventBaseCode"], g["EventRootCode"]) == ("1", "190", "190", "19")
    assert (g["QuadClass"], g["GoldsteinScale"]) == ("4", "-10.0")
    # the story was printed three times by two publishers
    assert (g["NumMentions"], g["NumSources"], g["NumArticles"], g["AvgTone"]) == ("3", "2", "3", "")
    for p in ("Actor1", "Actor2", "Action"):
        assert g[f"{p}Geo_Type"] == "0"
        assert all(g[f"{p}Geo_{c}"] == "" for c in ("FullName", "CountryCode", "ADM1Code",
                                                    "ADM2Code", "Lat", "Long", "FeatureID"))
    assert (g["DATEADDED"], g["SOURCEURL"]) == ("20170203000000", "d2")
    # zero-padded codes stay strings; sectors and IGOs fill the type/group columns
    g = dict(zip(GDELT_COLUMNS, by_id(rows, 0, str(event_number("d1-e2")))))
    assert (g["EventCode"], g["EventBaseCode"], g["EventRootCode"]) == ("042", "042", "04")
    assert (g["Actor2Code"], g["Actor2Type1Code"], g["IsRootEvent"]) == ("USAGOV", "GOV", "0")
    assert g["SOURCEURL"] == "http://a/1"
    g = dict(zip(GDELT_COLUMNS, by_id(rows, 0, str(event_number("d3-e2")))))
    assert (g["EventCode"], g["EventBaseCode"], g["EventRootCode"]) == ("1041", "104", "10")
    assert (g["Actor1Code"], g["Actor1CountryCode"], g["Actor1KnownGroupCode"], g["Actor1Type1Code"]) == (
        "IGOUNO", "", "UNO", "IGO")
    g = dict(zip(GDELT_COLUMNS, by_id(rows, 0, str(event_number("d1-e3")))))
    assert g["Actor2Code"] == "" and g["Actor2Name"] == ""  # no target


def test_icews_20_columns_with_header(store):
    n, rows = lines(store, "icews")
    assert rows[0] == ICEWS_COLUMNS and len(ICEWS_COLUMNS) == 20
    assert n == len(rows) - 1 == 7 and all(len(r) == 20 for r in rows)
    names, cameo = country_names(), load_ontology()
    r = dict(zip(ICEWS_COLUMNS, by_id(rows[1:], 0, str(event_number("d1-e1")))))
    assert r == {
        "Event ID": str(event_number("d1-e1")), "Event Date": "2017-01-05",
        "Source Name": "name of RUSGOV", "Source Sectors": "Government",
        "Source Country": names.get("RUS", "RUS"), "Event Text": cameo["112"].name,
        "CAMEO Code": "112", "Intensity": "-2.0", "Target Name": "name of USA",
        "Target Sectors": "", "Target Country": names.get("USA", "USA"), "Story ID": "d1",
        "Sentence Number": "1", "Publisher": "AP", "City": "", "District": "", "Province": "",
        "Country": "", "Latitude": "", "Longitude": ""}
    r = dict(zip(ICEWS_COLUMNS, by_id(rows[1:], 0, str(event_number("d3-e2")))))
    assert (r["Source Sectors"], r["Source Country"], r["CAMEO Code"], r["Publisher"]) == (
        "Intergovernmental Organizations", "", "1041", "")


def test_polecat_layout_with_evidence(store):
    n, rows = lines(store, "polecat")
    header = POLECAT_COLUMNS + POLECAT_EVIDENCE
    assert rows[0] == header and len(POLECAT_COLUMNS) == 40
    assert n == len(rows) - 1 == 6  # the 010 event has no PLOVER category
    assert all(len(r) == len(header) for r in rows)
    r = dict(zip(header, by_id(rows[1:], 0, "d1-e1")))
    assert r == {
        "Event ID": "d1-e1", "Event Date": "2017-01-05", "Event Type": "ACCUSE",
        "Event Mode": "disapprove", "Intensity": "-2.0", "Quad Code": "VERBAL CONFLICT",
        "Contexts": "", "Actor Name": "name of RUSGOV", "Actor Country": "RUS", "Actor COW": "",
        "Primary Actor Sector": "Government", "Actor Sectors": "Government", "Actor Title": "",
        "Actor Name Raw": "Src", "Wikipedia Actor ID": "", "Recipient Name": "name of USA",
        "Recipient Country": "USA", "Recipient COW": "", "Primary Recipient Sector": "",
        "Recipient Sectors": "", "Recipient Title": "", "Recipient Name Raw": "Tgt",
        "Wikipedia Recipient ID": "", "Placename": "", "City": "", "District": "", "Province": "",
        "Country": "", "Latitude": "", "Longitude": "", "GeoNames ID": "", "Raw Placename": "",
        "Feature Type": "", "Source": "AP", "Publication Date": "2017-01-05", "Story People": "",
        "Story Organizations": "", "Story Locations": "", "Language": "en", "Version": "test-1",
        # evidence
        "Story ID": "d1", "Headline": "T1", "Event Text": "Russia criticised the US.",
        "Sentence Number": "1", "Sentence Start": "0", "Actor Start": "0", "Actor End": "3",
        "Recipient Start": "8", "Recipient End": "11", "Trigger": "did", "Trigger Start": "4",
        "Trigger End": "7", "CAMEO Code": "112", "Num Articles": "1", "Num Sources": "1"}
    r = dict(zip(header, by_id(rows[1:], 0, "d2-e2")))
    assert (r["Quad Code"], r["Num Articles"], r["Num Sources"], r["Event Mode"]) == (
        "VERBAL COOPERATION", "3", "2", "")


def test_jsonl_keeps_all_evidence(store):
    out = io.StringIO()
    assert export(store, "jsonl", out, source="RUS") == 4
    events = [json.loads(x) for x in out.getvalue().splitlines()]
    e = next(x for x in events if x["event_id"] == "d1-e2")
    assert e["date"] == "2017-01-20" and e["cameo"] == "042" and e["quad_class"] == 1
    assert e["source"] == {"code": "RUS", "country": "RUS", "sector": None, "name": "name of RUS",
                           "text": "Src", "start": 26, "end": 29, "location": None}
    assert e["location"] is None
    assert e["target"]["code"] == "USAGOV" and e["verb"] == {"text": "did", "start": 30, "end": 33}
    assert e["sentence"] == "Somebody did something." and e["sentence_start"] == 26
    assert (e["num_articles"], e["num_sources"], e["publisher"], e["url"]) == (1, 1, "AP", "http://a/1")
    assert next(x for x in events if x["event_id"] == "d1-e3")["target"] is None


def test_parquet_and_filters(store, tmp_path):
    path = tmp_path / "ev.parquet"
    assert export(store, "parquet", path=str(path), start=date(2017, 2, 1)) == 4
    con = duckdb.connect()
    cols = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM '{path}'").fetchall()]
    for c in ("event_id", "cameo", "source_code", "target_code", "goldstein", "sentence",
              "source_start", "verb_start", "num_articles", "num_sources"):
        assert c in cols
    rows = con.execute(f"SELECT event_id, cameo, num_articles FROM '{path}' ORDER BY event_id").fetchall()
    assert rows == [("d2-e1", "190", 3), ("d2-e2", "036", 3), ("d3-e1", "057", 1), ("d3-e2", "1041", 1)]
    with pytest.raises(ValueError):
        export(store, "parquet")


def test_movements_are_organisations_in_every_layout(tmp_path, store_builder, make_event):
    """NGM (nongovernmental movements) is an organisation prefix like IGO and NGO."""
    doc = Document("m1", "A movement accused Russia.", date(2017, 5, 1))
    s = store_builder(tmp_path / "m.duckdb", [(doc, [make_event("m1", 1, "2017-05-01", "NGMHRW", "RUS",
                                                                "112", 3, -2.0, "ACCUSE", "disapprove")], "m1")])
    try:
        _, (row,) = lines(s, "gdelt")
        g = dict(zip(GDELT_COLUMNS, row))
        assert (g["Actor1Code"], g["Actor1CountryCode"], g["Actor1KnownGroupCode"],
                g["Actor1Type1Code"]) == ("NGMHRW", "", "HRW", "NGM")
        _, (_, row) = lines(s, "icews")
        r = dict(zip(ICEWS_COLUMNS, row))
        assert (r["Source Sectors"], r["Source Country"]) == ("Nongovernmental Movements", "")
    finally:
        s.close()


# -- geo columns ----------------------------------------------------------------------------

PLACES_TEXT = ("Officials from Los Angeles and California met at Panmunjom. Troops in Idlib shelled Gaza. "
               "Fighting went on in Syria. Ships sailed the Yellow Sea.")


def place(name: str, kind: str, country: str | None = None):
    """A gazetteer feature as the location named by ``name`` in PLACES_TEXT."""
    from communique.geo.gazetteer import fold, load_gazetteer
    from communique.geo.location import location_of
    feature = next(f for _, f in load_gazetteer().candidates(fold(name))
                   if f.kind == kind and (country is None or f.country == country))
    start = PLACES_TEXT.index(name)
    return location_of(feature, name, start, start + len(name))


@pytest.fixture(scope="module")
def placed(tmp_path_factory, store_builder, make_event):
    from dataclasses import replace
    doc = Document("p1", PLACES_TEXT, date(2018, 4, 27))
    la, cal = place("Los Angeles", "city", "USA"), place("California", "adm1")
    idlib, gaza = place("Idlib", "adm1"), place("Gaza", "city", "PSE")
    e1 = make_event("p1", 1, "2018-04-27", "USAGOV", "KORGOV", "040", 1, 1.0, "CONSULT", None)
    e1 = replace(e1, location=place("Panmunjom", "site"), source=replace(e1.source, location=la),
                 target=replace(e1.target, location=cal))
    e2 = make_event("p1", 2, "2018-04-27", "SYRMIL", "PSE", "190", 4, -10.0, "ASSAULT", None)
    e2 = replace(e2, location=gaza, source=replace(e2.source, location=idlib))
    e3 = replace(make_event("p1", 3, "2018-04-27", "SYR", None, "190", 4, -10.0, "ASSAULT", None),
                 location=place("Syria", "country"))
    e4 = replace(make_event("p1", 4, "2018-04-27", "CHN", None, "150", 4, -7.2, "MOBILIZE", None),
                 location=place("Yellow Sea", "sea"))
    s = store_builder(tmp_path_factory.mktemp("geo") / "g.duckdb", [(doc, [e1, e2, e3, e4], "p1")])
    yield s, {"p1-e1": e1, "p1-e2": e2, "p1-e3": e3, "p1-e4": e4}
    s.close()


def gdelt_geo(row: dict, prefix: str) -> tuple:
    return tuple(row[f"{prefix}Geo_{c}"] for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code",
                                                 "Lat", "Long", "FeatureID"))


def test_gdelt_geo_columns(placed):
    store, events = placed
    _, rows = lines(store, "gdelt")
    g = {r[0]: dict(zip(GDELT_COLUMNS, r)) for r in rows}
    e1, e2, e3, e4 = (g[str(event_number(f"p1-e{i}"))] for i in range(1, 5))
    la, cal, site = events["p1-e1"].source.location, events["p1-e1"].target.location, events["p1-e1"].location
    # type 3 a US city, 2 a US state, 4 a site or a city elsewhere, 5 a division elsewhere, 1 a country
    assert gdelt_geo(e1, "Actor1") == ("3", "Los Angeles, California, United States", "US", "USCA", "",
                                       repr(la.lat), repr(la.lon), la.feature_id)
    assert gdelt_geo(e1, "Actor2") == ("2", "California, United States", "US", "USCA", "",
                                       repr(cal.lat), repr(cal.lon), "USCA")
    assert gdelt_geo(e1, "Action") == ("4", "Panmunjom", "", "", "", "37.956", "126.677", "communique:panmunjom")
    gaza, idlib = events["p1-e2"].location, events["p1-e2"].source.location
    assert gdelt_geo(e2, "Action") == ("4", "Gaza, Gaza Strip, Palestine", "GZ", "GZ", "",
                                       repr(gaza.lat), repr(gaza.lon), gaza.feature_id)
    assert gaza.adm1 == "PS.GZ" and gaza.feature_id.isdigit()
    assert gdelt_geo(e2, "Actor1") == ("5", "Idlib, Syria", "SY", "SY" + idlib.adm1[3:], "",
                                       repr(idlib.lat), repr(idlib.lon), "SY" + idlib.adm1[3:])
    assert gdelt_geo(e2, "Actor2")[0] == "0" and set(gdelt_geo(e2, "Actor2")[1:]) == {""}  # no place
    assert gdelt_geo(e3, "Action") == ("1", "Syria", "SY", "SY", "", "35.0", "38.5", "SY")
    assert gdelt_geo(e3, "Actor2") == ("0", "", "", "", "", "", "", "")  # no target, no place
    assert gdelt_geo(e4, "Action") == ("4", "Yellow Sea", "", "", "", "35.5", "123.5", "communique:yellow-sea")
    assert site.country is None and all(len(r) == 61 for r in rows)


def test_icews_geo_columns(placed):
    store, events = placed
    _, rows = lines(store, "icews")
    r = {x[0]: dict(zip(ICEWS_COLUMNS, x)) for x in rows[1:]}
    geo = ("City", "District", "Province", "Country", "Latitude", "Longitude")
    names = country_names()
    gaza = events["p1-e2"].location
    assert tuple(r[str(event_number("p1-e2"))][c] for c in geo) == (
        "Gaza", "", "Gaza Strip", names["PSE"], repr(gaza.lat), repr(gaza.lon))
    assert tuple(r[str(event_number("p1-e3"))][c] for c in geo) == ("", "", "", names["SYR"], "35.0", "38.5")
    assert tuple(r[str(event_number("p1-e1"))][c] for c in geo) == ("Panmunjom", "", "", "", "37.956", "126.677")
    assert tuple(r[str(event_number("p1-e4"))][c] for c in geo) == ("", "", "", "", "35.5", "123.5")


def test_polecat_geo_columns(placed):
    store, events = placed
    _, rows = lines(store, "polecat")
    header = rows[0]
    r = {x[0]: dict(zip(header, x)) for x in rows[1:]}
    geo = ("Placename", "City", "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
           "Raw Placename", "Feature Type")
    gaza = events["p1-e2"].location
    assert tuple(r["p1-e2"][c] for c in geo) == ("Gaza", "Gaza", "", "Gaza Strip", "PSE", repr(gaza.lat),
                                                 repr(gaza.lon), gaza.feature_id, "Gaza", "PPL")
    assert tuple(r["p1-e3"][c] for c in geo) == ("Syria", "", "", "", "SYR", "35.0", "38.5",
                                                 events["p1-e3"].location.feature_id, "Syria", "PCLI")
    assert tuple(r["p1-e1"][c] for c in geo) == ("Panmunjom", "Panmunjom", "", "", "", "37.956", "126.677",
                                                 "", "Panmunjom", "S")
    assert tuple(r["p1-e4"][c] for c in geo) == ("Yellow Sea", "", "", "", "", "35.5", "123.5", "",
                                                 "Yellow Sea", "SEA")


def test_jsonl_and_parquet_carry_every_place(placed, tmp_path):
    store, events = placed
    out = io.StringIO()
    export(store, "jsonl", out)
    for x in map(json.loads, out.getvalue().splitlines()):
        e = events[x["event_id"]]
        assert x["location"] == e.location.to_dict()
        assert x["source"] == e.source.to_dict()
        assert x["source"]["location"] == (e.source.location.to_dict() if e.source.location else None)
    path = tmp_path / "g.parquet"
    export(store, "parquet", path=str(path))
    got = duckdb.connect().execute(f"SELECT event_id, location_name, source_location_name, "
                                   f"target_location_precision FROM '{path}' ORDER BY event_id").fetchall()
    assert got == [("p1-e1", "Panmunjom", "Los Angeles", "adm1"), ("p1-e2", "Gaza", "Idlib", None),
                   ("p1-e3", "Syria", None, None), ("p1-e4", "Yellow Sea", None, None)]


def test_exports_filter_by_location_country(placed):
    store, _ = placed
    assert [r[0] for r in lines(store, "polecat", location_country="SYR,PSE")[1][1:]] == ["p1-e2", "p1-e3"]
    out = io.StringIO()
    assert export(store, "gdelt", out, location_country="KOR") == 0 and out.getvalue() == ""
