"""Catalogues shipped in data/: provinces (DOPA codes), province shapes, dimensions, indicators.

Loaded once per process: they never change while the app runs.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

DIRECTIONS = ("higher", "lower")


@dataclass(frozen=True)
class Province:
    code: str
    name_th: str
    name_en: str
    region_th: str
    region_en: str
    lat: float
    lon: float

    def name(self, lang: str) -> str:
        return self.name_th if lang == "th" else self.name_en


@dataclass(frozen=True)
class Dimension:
    code: str
    order: int
    name_th: str
    name_en: str
    goal_th: str
    goal_en: str

    def name(self, lang: str) -> str:
        return self.name_th if lang == "th" else self.name_en

    def goal(self, lang: str) -> str:
        return self.goal_th if lang == "th" else self.goal_en


@dataclass(frozen=True)
class Indicator:
    code: str
    dimension: str
    name_th: str
    name_en: str
    unit: str
    direction: str  # "higher" or "lower" is better
    definition_th: str
    definition_en: str
    source: str
    framework_code: str
    custom: bool = False  # added by the facilitator for one workshop
    unit_th: str = ""     # the unit in Thai; a custom indicator's unit is shown as typed

    def name(self, lang: str) -> str:
        return self.name_th if lang == "th" else self.name_en

    def unit_name(self, lang: str) -> str:
        return self.unit_th if lang == "th" and self.unit_th else self.unit

    def definition(self, lang: str) -> str:
        return self.definition_th if lang == "th" else self.definition_en

    @property
    def is_percent(self) -> bool:
        return self.unit.strip().casefold().startswith(("%", "ร้อยละ", "percent"))  # custom units are typed in Thai too


def _rows(name: str) -> list[dict]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=1)
def provinces() -> dict[str, Province]:
    out = {}
    for r in _rows("provinces.csv"):
        out[r["code"]] = Province(r["code"], r["name_th"], r["name_en"], r["region_th"],
                                  r["region_en"], float(r["lat"]), float(r["lon"]))
    return out


def province(code: str) -> Province | None:
    return provinces().get(str(code))


@lru_cache(maxsize=1)
def province_shapes() -> dict:
    return json.loads((DATA_DIR / "provinces.geojson").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def dimensions() -> dict[str, Dimension]:
    rows = sorted(_rows("dimensions.csv"), key=lambda r: int(r["order"]))
    return {r["code"]: Dimension(r["code"], int(r["order"]), r["name_th"], r["name_en"],
                                 r["goal_th"], r["goal_en"]) for r in rows}


@lru_cache(maxsize=1)
def indicators() -> dict[str, Indicator]:
    return {r["code"]: Indicator(**r) for r in _rows("indicators.csv")}


def indicators_of(dimension: str) -> list[Indicator]:
    return [i for i in indicators().values() if i.dimension == dimension]
