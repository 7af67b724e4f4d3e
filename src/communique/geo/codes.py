"""What the export layouts say about a location: FIPS codes, GDELT types, division names.

    codes = place_codes()                       # from the process's gazetteer
    codes.gdelt(location)                       # GDELT's 8 geo columns
    codes.fips_country(location)                # "KS"; Gaza "GZ", the West Bank "WE"

A location here is the flat mapping of communique.serialize (``name``, ``country``, ``adm1``,
``lat``, ``lon``, ``feature_id``, ``precision``), as the store's rows give it.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from communique.geo.gazetteer import load_gazetteer

# GDELT's geographic resolution types
GDELT_COUNTRY, GDELT_US_STATE, GDELT_US_CITY, GDELT_WORLD_CITY, GDELT_WORLD_STATE = 1, 2, 3, 4, 5
# GeoNames feature codes of the own list's kinds (POLECAT's "Feature Type")
FEATURE_CODES = {
    "country": "PCLI", "adm1": "ADM1", "city": "PPL", "site": "S", "sea": "SEA", "ocean": "OCN",
    "gulf": "GULF", "bay": "BAY", "strait": "STRT", "channel": "CNL", "river": "STM", "lake": "LK",
    "mountain": "MT", "desert": "DSRT", "peninsula": "PEN", "region": "RGN", "island": "ISL",
}
PRECISION_CODES = {"country": "PCLI", "adm1": "ADM1", "city": "PPL", "region": "RGN"}
# FIPS 10-4 names the two Palestinian territories apart; ISO 3166 has one code (PSE)
PALESTINE = {"PS.GZ": "GZ", "PS.WE": "WE"}
NO_GDELT_PLACE = (0, "", "", "", "", "", "", "")  # GDELT's geo columns without a place


@dataclass(frozen=True)
class PlaceCodes:
    countries: dict[str, str]  # ISO-3 -> country name
    fips: dict[str, str]  # ISO-3 -> FIPS 10-4
    divisions: dict[str, str]  # adm1 key ("US.CA", "SY.13") -> division name
    kinds: dict[str, str]  # feature id -> kind, for countries, divisions and the own list

    def fips_country(self, loc: Mapping) -> str:
        """The FIPS 10-4 country code (empty for a feature of no country)."""
        if loc.get("country") == "PSE":
            return PALESTINE.get(loc.get("adm1") or "", self.fips.get("PSE", ""))
        return self.fips.get(loc.get("country") or "", "")

    def adm1_code(self, loc: Mapping) -> str:
        """GDELT's ADM1Code: the FIPS country code and the GeoNames division code ("KS14", "USCA")."""
        adm1, fips = loc.get("adm1"), self.fips_country(loc)
        if not adm1 or not fips or adm1 in PALESTINE:
            return fips  # as GDELT does where no division is known
        return fips + adm1.split(".", 1)[1]

    def division(self, loc: Mapping) -> str:
        """The first-level division's name, where the gazetteer has it."""
        if loc.get("precision") == "adm1":
            return loc.get("name") or ""
        return self.divisions.get(loc.get("adm1") or "", "")

    def country_name(self, loc: Mapping) -> str:
        return self.countries.get(loc.get("country") or "", "")

    def full_name(self, loc: Mapping) -> str:
        """"City, Division, Country" as far as known: "Damascus, Syria", "Idlib, Syria"."""
        parts = [] if loc.get("precision") == "country" else [loc.get("name") or ""]
        if loc.get("precision") == "city":
            parts.append(self.division(loc))
        parts.append(self.country_name(loc))
        return ", ".join(dict.fromkeys(p for p in parts if p))

    def gdelt_type(self, loc: Mapping) -> int:
        precision, us = loc.get("precision"), loc.get("country") == "USA"
        if precision == "country":
            return GDELT_COUNTRY
        if precision == "adm1":
            return GDELT_US_STATE if us else GDELT_WORLD_STATE
        return GDELT_US_CITY if us else GDELT_WORLD_CITY  # cities, sites, and seas and regions

    def gdelt(self, loc: Mapping | None) -> list:
        """Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID; Type 0 without a place."""
        if loc is None:
            return list(NO_GDELT_PLACE)
        kind = self.gdelt_type(loc)
        feature = {GDELT_COUNTRY: self.fips_country(loc), GDELT_US_STATE: self.adm1_code(loc),
                   GDELT_WORLD_STATE: self.adm1_code(loc)}.get(kind, loc.get("feature_id") or "")
        return [kind, self.full_name(loc), self.fips_country(loc), self.adm1_code(loc), "",
                coordinate(loc.get("lat")), coordinate(loc.get("lon")), feature]

    def icews(self, loc: Mapping | None, country: str = "") -> list:
        """City, District, Province, Country, Latitude, Longitude (``country``: its display name)."""
        if loc is None:
            return [""] * 6
        city = loc.get("name") if loc.get("precision") == "city" else ""
        return [city, "", self.division(loc), country or self.country_name(loc),
                coordinate(loc.get("lat")), coordinate(loc.get("lon"))]

    def polecat(self, loc: Mapping | None) -> list:
        """Placename, City, District, Province, Country (ISO-3), Latitude, Longitude, GeoNames ID,
        Raw Placename, Feature Type."""
        if loc is None:
            return [""] * 10
        feature = loc.get("feature_id") or ""
        return [loc.get("name"), *self.icews(loc, loc.get("country") or "")[:6],
                feature if feature.isdigit() else "", loc.get("text"), self.feature_code(loc)]

    def feature_code(self, loc: Mapping) -> str:
        """The GeoNames feature code of the place's kind (PPL, ADM1, PCLI, SEA, ...)."""
        kind = self.kinds.get(loc.get("feature_id") or "")
        return FEATURE_CODES[kind] if kind else PRECISION_CODES.get(loc.get("precision") or "", "")


def coordinate(value: float | None) -> str:
    """Degrees as written in the gazetteer (no rounding to 6 digits)."""
    return "" if value is None else repr(float(value))


@lru_cache(maxsize=1)
def place_codes() -> PlaceCodes:
    gz = load_gazetteer()
    divisions: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for entries in gz.names.values():
        for _, f in entries:
            if f.kind == "adm1" and f.adm1:
                divisions.setdefault(f.adm1, f.name)
            if f.kind != "city":
                kinds[f.feature_id] = f.kind
    for f in gz.countries.values():
        kinds[f.feature_id] = "country"
    return PlaceCodes({iso3: f.name for iso3, f in gz.countries.items()}, dict(gz.fips), divisions, kinds)
