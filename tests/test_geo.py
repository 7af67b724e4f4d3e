"""Geolocation: place phrases in the parse, datelines, disambiguation, offsets, the gazetteer."""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from communique.geo.dateline import find_dateline
from communique.geo.gazetteer import DATA, fold, geonames_dir, load_gazetteer
from communique.geo.locator import DocumentContext, Geolocator, head_token

# shared/ stands beside the repository (and beside the worktrees' folder for a worktree)
BBC = next((p / "shared" / "data" / "news" / "bbc" / "politics" for p in Path(__file__).resolve().parents[2:4]
            if (p / "shared" / "data" / "news" / "bbc" / "politics").is_dir()), Path("shared-data-absent"))


@pytest.fixture(scope="module")
def nlp():
    from communique.nlp.pipeline import load_model
    return load_model()


@pytest.fixture(scope="module")
def geo():
    return Geolocator.load()


def word(doc, text: str, nth: int = 0):
    return [t for t in doc if t.text == text][nth]


def event_place(nlp, geo, text: str, verb: str, offset: int = 0, document: str | None = None):
    """Parse ``text`` (which stands at ``offset`` in ``document``) and locate the event of ``verb``."""
    document = document if document is not None else text
    doc = nlp(text)
    token = word(doc, verb)
    return geo.locate(token.sent, token, offset, geo.document_context(document))


def check_offsets(loc, document: str) -> None:
    assert document[loc.start:loc.end] == loc.text


@pytest.mark.parametrize("text, verb, place, name, country, precision", [
    ("Trump met Kim Jong-un in Singapore on Tuesday.", "met", "Singapore", "Singapore", "SGP", "country"),
    ("Officials from both Koreas met at Panmunjom to discuss the games.", "met", "Panmunjom", "Panmunjom",
     None, "city"),
    ("Gunmen opened fire on a convoy near Samarra on Sunday.", "opened", "Samarra", "Sāmarrā’", "IRQ", "city"),
    ("A Japanese patrol boat spotted a North Korean vessel off the coast of Akita.", "spotted", "Akita",
     "Akita", "JPN", "city"),
    ("China condemned the joint drills in the Yellow Sea.", "condemned", "Yellow Sea", "Yellow Sea", None,
     "region"),
    ("North Korea fired two missiles into the Sea of Japan.", "fired", "Sea of Japan", "Sea of Japan", None,
     "region"),
    ("Iran seized a British tanker in the Strait of Hormuz.", "seized", "Strait of Hormuz", "Strait of Hormuz",
     None, "region"),
    ("Troops clashed with protesters in the northern city of Aleppo.", "clashed", "Aleppo", "Aleppo", "SYR",
     "city"),
    ("Fighting intensified in Idlib province on Friday.", "intensified", "Idlib", "Idlib", "SYR", "adm1"),
    ("Heavy fighting continued in Syria.", "continued", "Syria", "Syria", "SYR", "country"),
    ("The two leaders held talks at the Great Hall of the People in Beijing.", "held",
     "Great Hall of the People", "Great Hall of the People", "CHN", "city"),
    ("Residents protested in Seongju County against the THAAD battery.", "protested", "Seongju County",
     "Seongju", "KOR", "city"),
    ("North Korea conducted a test near the Punggye-ri test site.", "conducted", "Punggye-ri test site",
     "Punggye-ri", "PRK", "city"),
    ("Israeli troops raided homes in the West Bank.", "raided", "West Bank", "West Bank", "PSE", "adm1"),
    ("Russia massed troops in the Donbas.", "massed", "Donbas", "Donbas", "UKR", "region"),
    ("A missile fell into the sea off Japan's coast.", "fell", "Japan", "Japan", "JPN", "country"),
    ("Mr Brown visited slums in the Kenyan capital Nairobi.", "visited", "Nairobi", "Nairobi", "KEN", "city"),
    ("Ri Yong-ho arrived in New York on Wednesday.", "arrived", "New York", "New York City", "USA", "city"),
    ("Tensions rose on the Korean Peninsula.", "rose", "Korean Peninsula", "Korean Peninsula", None, "region"),
    ("Artillery shelled Seongju overnight.", "shelled", "Seongju", "Seongju", "KOR", "city"),
    ("Xi and Putin held talks in the Kremlin and signed agreements.", "signed", "Kremlin", "Kremlin", "RUS",
     "city"),
])
def test_place_phrase_of_the_event(nlp, geo, text, verb, place, name, country, precision):
    loc = event_place(nlp, geo, text, verb)
    assert loc is not None
    assert (loc.text, loc.name, loc.country, loc.precision) == (place, name, country, precision)
    check_offsets(loc, text)


def test_location_record(nlp, geo):
    loc = event_place(nlp, geo, "Protesters rallied in Seoul.", "rallied")
    assert loc.to_dict() == {"text": "Seoul", "start": 22, "end": 27, "name": "Seoul", "country": "KOR",
                             "adm1": loc.adm1, "lat": loc.lat, "lon": loc.lon, "feature_id": loc.feature_id,
                             "precision": "city"}
    assert loc.adm1.startswith("KR.") and loc.feature_id.isdigit()
    assert 37 < loc.lat < 38 and 126 < loc.lon < 128


def test_place_of_another_clause_is_not_the_event_place(nlp, geo):
    text = "Speaking in Tokyo, Abe said North Korea fired two missiles."
    assert event_place(nlp, geo, text, "fired") is None  # Tokyo is where he spoke
    assert event_place(nlp, geo, text, "said").name == "Tokyo"
    text = "North Korea criticised the drills, which were held in the Yellow Sea."
    assert event_place(nlp, geo, text, "criticised") is None


def test_sentence_places_before_the_dateline(nlp, geo):
    text = "SEOUL (Reuters) - Syrian officials in Damascus denounced the strike near Samarra."
    loc = event_place(nlp, geo, text, "denounced")
    assert loc.text == "Samarra"  # the clause's own phrase, the subject's last, the dateline after
    doc = nlp(text)
    officials = word(doc, "officials")
    actor = geo.actor_location(officials.sent, officials, 0, geo.document_context(text))
    assert (actor.text, actor.country) == ("Damascus", "SYR")
    text = "SEOUL (Reuters) - South Korean officials denounced the launch."
    officials = word(nlp(text), "officials")  # the dateline is not the actor's place
    assert geo.actor_location(officials.sent, officials, 0, geo.document_context(text)) is None


def test_head_token_of_a_mention(nlp):
    text = "The Syrian foreign ministry in Damascus protested."
    doc = nlp(text)
    start = text.index("Syrian")
    assert head_token(doc[:], start, start + len("Syrian foreign ministry")).text == "ministry"
    assert head_token(doc[:], 500, 510) is None


@pytest.mark.parametrize("text, verb, place, name, country", [
    ("SEOUL (Reuters) - North Korea said it would send a delegation.", "said", "SEOUL", "Seoul", "KOR"),
    ("AHMEDABAD: Police detained two men on Friday.", "detained", "AHMEDABAD", "Ahmedabad", "IND"),
    ("Tripoli, Libya - Gunmen stormed a hotel.", "stormed", "Tripoli", "Tripoli", "LBY"),
    ("WASHINGTON, March 3 (Reuters) - The Senate voted.", "voted", "WASHINGTON", "Washington", "USA"),
    ("Korea talks\nBEIJING (AP) — China urged restraint.", "urged", "BEIJING", "Beijing", "CHN"),
])
def test_dateline(nlp, geo, text, verb, place, name, country):
    context = geo.document_context(text)
    assert (context.dateline.text, context.dateline.name, context.dateline.country) == (place, name, country)
    check_offsets(context.dateline, text)
    token = word(nlp(text), verb)  # an event with no place phrase of its own is where the story was filed
    assert geo.locate(token.sent, token, 0, context) == context.dateline


@pytest.mark.parametrize("text", [
    "Ms Hewitt said: we will raise maternity pay.",
    "Labour plans maternity pay rise\n\nMaternity pay is to rise.",
    "Kim Jong-un - the leader - spoke.",
])
def test_no_dateline(geo, text):
    assert geo.document_context(text).dateline is None


def test_dateline_offsets_after_a_title():
    text = "A title\nNEW YORK (Reuters) - Stocks fell."
    found = find_dateline(text)
    assert text[found.start:found.end] == "NEW YORK"


@pytest.mark.parametrize("text, verb, country", [
    ("Lebanese troops clashed with gunmen in Tripoli.", "clashed", "LBN"),
    ("Lebanon's army said gunmen killed two soldiers in Tripoli.", "killed", "LBN"),
    ("Libyan militias clashed with rivals in Tripoli.", "clashed", "LBY"),
    ("Militias clashed with rivals in Tripoli.", "clashed", "LBY"),  # no context: the larger city
])
def test_tripoli_by_the_sentence(nlp, geo, text, verb, country):
    loc = event_place(nlp, geo, text, verb)
    assert (loc.name, loc.country) == ("Tripoli", country)


def test_tripoli_by_the_document(nlp, geo):
    document = ("Beirut and Lebanon's government faced new protests. The army in Lebanon was on alert.\n"
                "Gunmen clashed with soldiers in Tripoli.")
    offset = document.index("Gunmen")
    loc = event_place(nlp, geo, document[offset:], "clashed", offset, document)
    assert (loc.country, loc.text) == ("LBN", "Tripoli")
    check_offsets(loc, document)


def test_tripoli_by_the_actors(nlp, geo):
    doc = nlp("Gunmen clashed with soldiers in Tripoli.")
    clashed = word(doc, "clashed")
    assert geo.locate(clashed.sent, clashed, 0, None, {"LBN"}).country == "LBN"
    assert geo.locate(clashed.sent, clashed, 0, None, ()).country == "LBY"


def test_apposition_and_small_towns(nlp, geo):
    loc = event_place(nlp, geo, "Protesters rallied in Tripoli, Libya, against the government.", "rallied")
    assert loc.country == "LBY"
    british = "The British prime minister said in London that she would fly to Washington. She spoke in Washington."
    doc = nlp(british)
    spoke = word(doc, "spoke")
    loc = geo.locate(spoke.sent, spoke, 0, geo.document_context(british))
    assert (loc.country, loc.adm1) == ("USA", "US.DC")  # a capital, not Washington in Tyne and Wear


@pytest.mark.parametrize("text, verb", [
    ("The council imposed new sanctions on North Korea.", "imposed"),  # "on" a country is no place
    ("Abe agreed to increase pressure on Pyongyang.", "increase"),
    ("Trump thanked Kim for freeing the detainees.", "thanked"),  # a person, not Kim in Gujarat
    ("He met President George W Bush.", "met"),
    ("Police used Mrs Dixon as a human shield.", "used"),
    ("Moon urged the North to resume dialogue.", "urged"),
])
def test_not_places(nlp, geo, text, verb):
    assert event_place(nlp, geo, text, verb) is None


def test_unknown_place_is_no_location(nlp, geo):
    assert event_place(nlp, geo, "Police arrested protesters in Xyzzyville.", "arrested") is None
    assert event_place(nlp, geo, "Ministers met in March to discuss the budget.", "met") is None


def test_country_when_the_town_is_unknown(nlp, geo):
    loc = event_place(nlp, geo, "Police arrested protesters in Xyzzyville, Syria.", "arrested")
    assert (loc.text, loc.country, loc.precision) == ("Syria", "SYR", "country")
    loc = event_place(nlp, geo, "Rebels attacked a checkpoint in the Syrian town of Xyzabad.", "attacked")
    assert (loc.text, loc.country, loc.precision) == ("Syrian", "SYR", "country")


def test_offsets_on_odd_unicode(nlp, geo):
    prefix = "«Ελλάδα» — Cafe\u0301 owners in 北京 said “no” ‘twice’.\n"
    sentence = "“We will meet,” the envoy said, and the delegates met in Sa\u0304marra\u0301 near Καλαμάτα."
    document = prefix + sentence
    loc = event_place(nlp, geo, sentence, "met", len(prefix), document)
    assert loc.country == "IRQ" and loc.text == "Sa\u0304marra\u0301"
    check_offsets(loc, document)
    loc = event_place(nlp, geo, "Minsk and Kyiv said talks in Ürümqi began.", "began")
    assert loc.name == "Ürümqi" and loc.text == "Ürümqi"


def test_document_countries(geo):
    context = geo.document_context("North Korea's leader met South Korean officials. Pyongyang and Seoul agreed.")
    assert context.countries["PRK"] == 2 and context.countries["KOR"] == 2
    assert DocumentContext().countries == {}


def test_gazetteer_is_loaded_once():
    assert load_gazetteer() is load_gazetteer()
    assert Geolocator.load().gazetteer is Geolocator.load().gazetteer


def test_own_places(geo):
    gz = geo.gazetteer
    sea = [f for _, f in gz.candidates(fold("Yellow Sea"))]
    assert [(f.kind, f.country, f.precision) for f in sea] == [("sea", None, "region")]
    scotland = min(gz.candidates(fold("Scotland")), key=lambda c: c[0])[1]
    assert (scotland.kind, scotland.adm1) == ("adm1", "GB.SCT")
    california = [f for _, f in gz.candidates("california") if f.kind == "adm1"]
    assert california and california[0].adm1 == "US.CA" and 32 < california[0].lat < 42


def test_country_table_agrees_with_geonames():
    """The FIPS codes written here match GeoNames'; each centre lies near the country's cities."""
    rows = [line.split("\t") for line in (DATA / "countries.tsv").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")][1:]
    info = json.loads((geonames_dir() / "countries.json").read_text(encoding="utf-8"))
    by_iso3 = {c["iso3"]: c for c in info.values()}
    assert {r[0] for r in rows} == set(by_iso3)
    for iso3, iso2, fips, *_ in rows:
        assert (iso2, "" if fips == "-" else fips) == (by_iso3[iso3]["iso"], by_iso3[iso3]["fips"]), iso3
    cities = json.loads((geonames_dir() / "cities15000.json").read_text(encoding="utf-8"))
    points = defaultdict(list)
    for city in cities.values():
        points[city["countrycode"]].append((city["latitude"], city["longitude"]))
    for iso3, iso2, _, lat, lon, _ in rows:
        if len(points[iso2]) >= 3:
            lats, lons = zip(*points[iso2])
            assert min(lats) - 3 <= float(lat) <= max(lats) + 3, iso3
            assert min(lons) - 3 <= float(lon) <= max(lons) + 3, iso3


def test_a_bad_name_never_fails_the_document(nlp, geo):
    text = ("In In, at At, near the the, off of Of. Mr Of met Ms March in May at No 10 in the "
            "North. They fled into ... and into “”, near -, in 123, in the U.S.-Mexico border area.")
    doc = nlp(text)
    context = geo.document_context(text)
    for token in doc:
        for loc in (geo.locate(token.sent, token, 0, context), geo.actor_location(token.sent, token, 0, context)):
            if loc is not None:
                check_offsets(loc, text)


@pytest.mark.skipif(not BBC.is_dir(), reason="BBC News corpus not found at ../shared/data/news/bbc")
def test_real_news_offsets(nlp, geo):
    files = sorted(BBC.glob("*.txt"))[:15]
    located = 0
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        context = geo.document_context(text)
        for sent in nlp(text).sents:
            for token in sent:
                if token.pos_ == "VERB":
                    loc = geo.locate(sent, token, 0, context)
                    if loc is not None:
                        located += 1
                        check_offsets(loc, text)
    assert located > 0
