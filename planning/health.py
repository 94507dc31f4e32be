"""The network health check (seed 001, การสร้างเครือข่าย): a real network has at least seven
components (common perception, common vision, mutual interests/benefits, participation of all
members, complementary relationship, interdependence, interaction). Participants rate each 1-5 on
their phones in a rating activity whose options are the components; the results are means by
sector and for everyone, compared across the checks run over time, and the weakest component is
named with seed 001's advice on what strengthens it. The components and the advice are data
(data/network_components.csv)."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from planning import activities, catalogue
from planning.participants import SECTORS
from planning.store import Store

ALL = "all"


@dataclass(frozen=True)
class Component:
    id: str
    order: int
    name_th: str
    name_en: str
    statement_th: str
    statement_en: str
    advice_th: str
    advice_en: str

    def name(self, lang: str) -> str:
        return self.name_th if lang == "th" else self.name_en

    def statement(self, lang: str) -> str:
        return self.statement_th if lang == "th" else self.statement_en

    def advice(self, lang: str) -> str:
        return self.advice_th if lang == "th" else self.advice_en


@lru_cache(maxsize=1)
def components() -> tuple[Component, ...]:
    with (catalogue.DATA_DIR / "network_components.csv").open(encoding="utf-8", newline="") as fh:
        rows = [Component(**{**r, "order": int(r["order"])}) for r in csv.DictReader(fh)]
    return tuple(sorted(rows, key=lambda c: c.order))


def component(component_id: str) -> Component | None:
    return {c.id: c for c in components()}.get(component_id)


@dataclass(frozen=True)
class HealthResult:
    activity: activities.Activity
    means: dict[str, dict[str, float]]   # ALL or a sector -> component id -> mean rating
    people: dict[str, int]               # ALL or a sector -> people who rated

    def weakest(self) -> Component | None:
        """The component with the lowest mean for everyone (the first in order on a tie)."""
        rated = [(self.means[ALL][c.id], c.order, c) for c in components() if c.id in self.means.get(ALL, {})]
        return min(rated, key=lambda x: (x[0], x[1]))[2] if rated else None


_BY_SECTOR_SQL = """
WITH latest AS (
    SELECT DISTINCT ON (participant_id) participant_id, option_ids, dots AS ratings
    FROM activity_ballot WHERE activity_id = ? ORDER BY participant_id, created_at DESC
), lines AS (
    SELECT participant_id, unnest(option_ids) AS option_id, unnest(ratings) AS rating FROM latest
)
SELECT p.sector, o.ref_id, avg(l.rating::DOUBLE PRECISION), count(DISTINCT l.participant_id)
FROM lines l JOIN activity_option o ON o.id = l.option_id JOIN participant p ON p.id = l.participant_id
GROUP BY GROUPING SETS ((p.sector, o.ref_id), (o.ref_id))
"""


def result(store: Store, activity_id: str) -> HealthResult:
    """Mean rating per component, for everyone and per sector (the newest ballot per person)."""
    activity = activities.get_activity(store, activity_id)
    with store.cursor() as cur:
        rows = cur.execute(_BY_SECTOR_SQL, [activity_id]).fetchall()
        people = dict(cur.execute(
            "WITH latest AS (SELECT DISTINCT ON (participant_id) participant_id, option_ids AS o FROM activity_ballot"
            " WHERE activity_id = ? ORDER BY participant_id, created_at DESC)"
            " SELECT coalesce(p.sector, 'all'), count(*) FROM latest l JOIN participant p ON p.id = l.participant_id"
            " WHERE cardinality(l.o) > 0 GROUP BY ROLLUP (p.sector)", [activity_id]).fetchall())
    means: dict[str, dict[str, float]] = {}
    for sector, component_id, mean, _ in rows:
        means.setdefault(sector or ALL, {})[component_id] = float(mean)
    return HealthResult(activity, means, {k: people.get(k, 0) for k in (ALL, *SECTORS)})


def checks(store: Store, workshop_id: str) -> list[activities.Activity]:
    """The health checks of a workshop that have been opened, oldest first."""
    return sorted((a for a in activities.list_activities(store, workshop_id)
                   if a.source == "health" and a.state_at is not None), key=lambda a: a.created_at)


def history(store: Store, workshop_id: str) -> list[HealthResult]:
    """Every health check's result, oldest first, to compare over time."""
    return [result(store, a.id) for a in checks(store, workshop_id)]


def change(earlier: HealthResult, later: HealthResult) -> dict[str, float]:
    """Per component, how much everyone's mean moved between two checks (only where both rated)."""
    a, b = earlier.means.get(ALL, {}), later.means.get(ALL, {})
    return {c.id: b[c.id] - a[c.id] for c in components() if c.id in a and c.id in b}
