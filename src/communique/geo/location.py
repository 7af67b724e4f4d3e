"""Geolocation records: a gazetteer feature, and an event's or actor's location in the text."""
from __future__ import annotations

from dataclasses import asdict, dataclass

# feature kinds and the precision a location of that kind has
PRECISION = {
    "country": "country", "adm1": "adm1", "city": "city", "site": "city",
    "sea": "region", "ocean": "region", "gulf": "region", "strait": "region", "river": "region",
    "lake": "region", "mountain": "region", "region": "region", "island": "region",
}
KINDS = frozenset(PRECISION)

# where a name comes from, best first: it orders candidates that context cannot separate
RANK_COUNTRY = 0  # a country's own name ("Georgia", "Jordan")
RANK_OWN = 1  # communique's place list: seas, regions, sites
RANK_CITY = 2  # a GeoNames city's name
RANK_DIVISION = 3  # a first-level division ("Idlib" the province after "Idlib" the city)
RANK_CITY_ALT = 4  # a GeoNames city's alternate name
RANK_COUNTRY_ALT = 5  # another name of a country in the actor dictionary ("England" -> GBR)


@dataclass(frozen=True, slots=True)
class Feature:
    """A named place in the gazetteer."""

    name: str
    kind: str  # a key of PRECISION
    country: str | None  # ISO 3166-1 alpha-3, None for seas and disputed features
    adm1: str | None  # GeoNames first-level division key "<ISO-2>.<code>", e.g. "KR.14"
    lat: float
    lon: float
    feature_id: str  # a GeoNames id ("1835848") or "communique:<slug>" for the own list
    population: int = 0
    capital: bool = False

    @property
    def precision(self) -> str:
        return PRECISION[self.kind]


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event (or an actor) was, as named in the text.

    ``text`` is the document's words (``doc_text[start:end] == text``); ``name``, ``country``
    (ISO-3), ``adm1``, ``lat``/``lon`` and ``feature_id`` describe the gazetteer feature.
    ``precision`` is "city" (also sites), "adm1", "country", or "region" for seas,
    straits, rivers, mountains, islands and regions (with a country only where they lie in one).
    """

    text: str
    start: int
    end: int
    name: str
    country: str | None
    adm1: str | None
    lat: float
    lon: float
    feature_id: str
    precision: str

    @classmethod
    def of(cls, feature: Feature, text: str, start: int, end: int) -> Location:
        return cls(text, start, end, feature.name, feature.country, feature.adm1,
                   feature.lat, feature.lon, feature.feature_id, feature.precision)

    def to_dict(self) -> dict:
        return asdict(self)
