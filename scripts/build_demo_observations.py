"""Rebuild data/demo/observations.csv: SAMPLE indicator values for all 77 provinces.

These numbers are generated, not measured. They exist so the demo workshop's profile has
something to compare against, and every screen that shows them labels them as sample data.
Deterministic (fixed seed), so a rebuild gives the same file.
"""
from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from planning import catalogue  # noqa: E402

OUT = catalogue.DATA_DIR / "demo" / "observations.csv"
YEAR = 2024  # พ.ศ. 2567
SOURCE = "ข้อมูลตัวอย่าง"

# indicator: (low, high, decimals) of the generated range
RANGES = {
    "ENV-PM25": (15, 40, 1),
    "ENV-RECYC": (10, 45, 1),
    "ECO-UNEMP": (0.4, 2.5, 2),
    "ECO-GPPPC": (70000, 450000, -3),
    "MOB-ROADDEATH": (12, 45, 1),
    "ENE-RENEW": (5, 35, 1),
    "PEO-INTERNET": (70, 95, 1),
    "LIV-BROADBAND": (30, 85, 1),
    "LIV-EMS": (8, 18, 1),
    "GOV-COMPLAINT": (60, 98, 1),
}


def main() -> None:
    rng = random.Random(2569)
    rows = []
    for code in sorted(catalogue.provinces()):
        for ind, (low, high, decimals) in RANGES.items():
            rows.append({"province_code": code, "indicator_code": ind, "year": YEAR,
                         "value": round(rng.uniform(low, high), decimals), "source": SOURCE})
    with OUT.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} sample observations to {OUT}")


if __name__ == "__main__":
    main()
