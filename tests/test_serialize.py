"""One serialisation of an event: JSON lines, CSV, the store's rows and the JSONL export
all say the same about every event."""
import csv
import io
import json
from datetime import date

import pytest

from communique.analysis.export import export
from communique.dictionaries.sectors import load_sectors
from communique.errors import DictionaryError
from communique.records import Actor, Document
from communique.scoring.evaluate import actor_key
from communique.serialize import EVENT_COLUMNS, EventWriter
from communique.store.event_store import Batch, EventStore, StoredDocument

TEXTS = ["Russia and China urged the United States to halt its military drills.",
         "North Korea said on Wednesday that it had tested a hydrogen bomb.",
         "Japanese Prime Minister Shinzo Abe condemned it as a serious threat to Japan's security.",
         "UN Secretary-General Antonio Guterres met Moon Jae-in in Seoul."]


@pytest.fixture(scope="module")
def coded(coder):
    docs = [Document(f"doc{i}", t, date(2017, 7, 4), title=f"T{i}", source="AP")
            for i, t in enumerate(TEXTS)]
    return list(coder.code_documents(docs))


def flatten(obj: dict, prefix: str = "") -> dict:
    """The JSON form flattened by hand: nested keys joined with '_'."""
    out = {}
    for k, v in obj.items():
        if isinstance(v, dict):
            out.update(flatten(v, f"{prefix}{k}_"))
        elif v is None and k in ("source", "target"):
            out.update({f"{prefix}{k}_{f}": None for f in ("code", "country", "sector", "name",
                                                           "text", "start", "end")})
            out.update(flatten({"location": None}, f"{prefix}{k}_"))
        elif v is None and k == "location":
            out.update({f"{prefix}{k}_{f}": None for f in ("text", "start", "end", "name", "country",
                                                           "adm1", "lat", "lon", "feature_id", "precision")})
        else:
            out[f"{prefix}{k}"] = v
    return out


def test_csv_carries_every_json_field(coded):
    events = [e for c in coded for e in c.events]
    assert any(e.target is None for e in events) and any(e.target for e in events)
    out = io.StringIO()
    assert EventWriter(out, "csv").write(events) == len(events)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == EVENT_COLUMNS
    for e, row in zip(events, rows, strict=True):
        want = {k: "" if v is None else str(v) for k, v in flatten(e.to_dict()).items()}
        assert row == want
    assert {"source_country", "source_sector", "target_country", "target_sector", "pattern",
            "sentence_start", "source_text"} <= set(EVENT_COLUMNS)


def test_jsonl_is_the_json_form(coded):
    events = [e for c in coded for e in c.events]
    out = io.StringIO()
    EventWriter(out, "jsonl").write(events)
    assert [json.loads(x) for x in out.getvalue().splitlines()] == [e.to_dict() for e in events]
    with pytest.raises(ValueError, match="unknown output format"):
        EventWriter(io.StringIO(), "xml")


def test_the_store_and_the_jsonl_export_give_back_the_json_form(coded, tmp_path):
    with EventStore(tmp_path / "ev.duckdb") as store:
        batch = Batch()
        for c in coded:
            batch.add(StoredDocument(c.document, "t.jsonl", 1, c.document.id, 1.0, b"", True,
                                     "v", c.events, c.sentences))
        store.write(batch)
        out = io.StringIO()
        n = export(store, "jsonl", out)
    exported = [json.loads(x) for x in out.getvalue().splitlines()]
    events = {e.event_id: e for c in coded for e in c.events}
    assert n == len(events) == len(exported)
    extras = ("event_num", "title", "url", "publisher", "group_id", "num_articles", "num_sources")
    for x in exported:
        assert {k: v for k, v in x.items() if k not in extras} == events[x["event_id"]].to_dict()
        assert x["publisher"] == "AP" and x["title"].startswith("T")


def test_organisation_codes_have_no_country():
    assert Actor.from_code("RUSGOV", "n") == Actor("RUSGOV", "RUS", "GOV", "n")
    assert Actor.from_code("PRK", "n") == Actor("PRK", "PRK", None, "n")
    for code in ("IGOUNO", "NGOAMN", "NGMHRW", "MNCSAM", "IMGHEZ"):
        assert Actor.from_code(code, "n") == Actor(code, None, code[:3], "n")
        assert actor_key(code) == code[:6]
    assert actor_key("NGMHRWGOV") == "NGMHRW" and actor_key("USAGOV") == "USA"


def test_sectors_file_is_checked(tmp_path):
    sectors = load_sectors()
    assert sectors.name("GOV") == "Government" and "NGM" in sectors and "XYZ" not in sectors
    cases = {"code\tname\nGOV\tGovernment\nGOV\tAgain\n": ":3: sector GOV listed twice",
             "code\tname\ngov\tGovernment\n": ":2: bad sector code 'gov'",
             "code\tname\nGOV\t\n": ":2: sector GOV has no name",
             "GOV\tGovernment\n": ":1: expected the header",
             "code\tname\nGOV Government\n": ":2: expected code<TAB>name"}
    for text, message in cases.items():
        path = tmp_path / "sectors.tsv"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(DictionaryError, match=message):
            load_sectors(path)
