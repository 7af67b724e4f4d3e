"""Geolocation wired into the coder: every event's place and its actors' own places, with
exact document offsets, counted in coder_version; the one place list both stages read."""
from __future__ import annotations

import pytest

from communique.coder.core import Coder
from communique.dictionaries.actors import FEATURES, load_actor_dictionary
from communique.errors import DictionaryError, read_yaml
from communique.geo.gazetteer import SOURCES, build_gazetteer, fold, load_gazetteer

DOCUMENT = ("SEOUL (Reuters) \u2014 South Korea condemned the launch.\n\n"
            "\u00abΕλλάδα\u00bb \U0001F600 Cafe\u0301 owners in 北京 said \u201cno\u201d. "
            "Syrian officials in Damascus denounced the strike near Samarra.\n"
            "On Tuesday North Korea fired two missiles into the Sea of Japan.")


@pytest.fixture(scope="module")
def events(coder):
    return {e.verb.text: e for e in coder.code_text(DOCUMENT, date="2017-07-04")}


def spans(event):
    """Every location of an event and its actors."""
    return [loc for loc in (event.location, *(m.location for m in (event.source, event.target) if m)) if loc]


def test_every_event_gets_its_place(events):
    fired, denounced, condemned = events["fired"], events["denounced"], events["condemned"]
    assert (fired.source.actor.code, fired.cameo[:2]) == ("PRK", "15")
    assert (fired.location.name, fired.location.country, fired.location.precision) == ("Sea of Japan", None, "region")
    assert (denounced.location.text, denounced.location.country) == ("Samarra", "IRQ")
    # the actor's own phrase places it; the event happened elsewhere
    assert denounced.source.actor.country == "SYR"
    assert (denounced.source.location.name, denounced.source.location.precision) == ("Damascus", "city")
    # no place phrase of its own: where the story was filed
    assert (condemned.location.text, condemned.location.name) == ("SEOUL", "Seoul")
    assert fired.source.location is None  # the dateline is not an actor's place


def test_offsets_are_document_offsets(events):
    located = [loc for e in events.values() for loc in spans(e)]
    assert len(located) >= 4
    for loc in located:
        assert DOCUMENT[loc.start:loc.end] == loc.text  # after an emoji, combining marks, CJK


def test_the_json_form_carries_the_places(events):
    d = events["denounced"].to_dict()
    assert d["location"]["name"] == "Sāmarrā’" and d["location"]["feature_id"].isdigit()
    assert d["source"]["location"]["text"] == "Damascus" and d["source"]["location"]["country"] == "SYR"
    assert d["target"] is None or d["target"]["location"] is None


def test_geo_files_count_in_the_version(nlp):
    on, off = Coder(nlp=nlp), Coder(nlp=nlp, geolocate=False)
    assert set(SOURCES) <= set(on.sources)
    assert len(on.sources) == len(set(on.sources))  # each file once
    assert on.version != off.version
    events = off.code_text(DOCUMENT)
    assert events and all(e.location is None and e.source.location is None for e in events)


def test_a_document_without_places(coder):
    events = coder.code_text("Russia criticised the United States.")
    assert events and events[0].location is None


# -- the one place list ---------------------------------------------------------------------

def test_one_place_list_for_actors_and_gazetteer():
    entries = read_yaml(FEATURES)
    gz = load_gazetteer()
    for entry in entries:  # every entry and each of its names is a place of the gazetteer
        for name in [entry["name"], *(entry.get("names") or ())]:
            assert any(f.name == entry["name"] for _, f in gz.candidates(fold(name))), name
    kinds = {e["kind"] for e in entries}
    assert {"sea", "strait", "region", "site", "adm1", "river", "peninsula"} <= kinds


def test_actor_dictionary_uses_the_natural_features():
    d = load_actor_dictionary()
    assert FEATURES in d.sources
    found = [(m.value.name, m.value.kind, m.value.code) for m in d.index.find(
        "Ships sailed the Sea of Japan and the Dnieper, near Punggye-ri and the White House.")]
    assert found == [("Sea of Japan", "feature", ""),  # never an actor, not JPN
                     ("Dnieper", "place", "UKR"),  # in one country: a place of it
                     # sites are the gazetteer's: the actor files' own entries still decide
                     ("Punggye-ri", "place", "PRK"), ("United States", "metonym", "USA")]


@pytest.mark.parametrize("line, message", [
    ('- {name: "X Sea", kind: ocean_floor, lat: 1, lon: 2}', "kind must be one of"),
    ('- {name: "X Sea", kind: sea, lat: north, lon: 2}', "lat must be a number"),
    ('- {name: "X Sea", kind: sea, country: Korea, lat: 1, lon: 2}', "ISO-3"),
])
def test_bad_place_entries_are_reported(tmp_path, line, message):
    path = tmp_path / "features.yaml"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=message):
        load_actor_dictionary(tmp_path)


def test_gazetteer_reads_the_names_of_a_place_list(tmp_path):
    path = tmp_path / "features.yaml"
    path.write_text('- {name: "Quiet Sea", names: ["Still Water"], kind: sea, lat: 1.5, lon: 2.5}\n',
                    encoding="utf-8")
    gz = build_gazetteer(path)
    (rank, sea), = gz.candidates("still water")
    assert (sea.name, sea.precision, sea.lat, sea.feature_id) == ("Quiet Sea", "region", 1.5, "communique:quiet-sea")
