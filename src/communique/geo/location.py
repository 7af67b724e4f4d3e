"""Geolocation records: a gazetteer feature, and an event's or actor's location in the text."""
from __future__ import annotations

from dataclasses import dataclass

from communique.records import Location

# feature kinds and the precision a location of that kind has
PRECISION = {
    "country": "country", "adm1": "adm1", "city": "city", "site": "city",
    "sea": "region", "ocean": "region", "gulf": "region", "bay": "region", "strait": "region",
    "channel": "region", "river": "region", "lake": "region", "mountain": "region", "desert": "region",
    "peninsula": "region", "region": "region", "island": "region",
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


def location_of(feature: Feature, text: str, start: int, end: int) -> Location:
    """The location of ``feature`` named by the document's words ``text`` at ``start``."""
    return Location(text, start, end, feature.name, feature.country, feature.adm1,
                    feature.lat, feature.lon, feature.feature_id, feature.precision)
