"""City positioning: SWOT board with votes, vision and positioning statements, lead dimensions,
and the province profile against the median of all provinces."""
from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

from planning import audit, catalogue, rules
from planning.errors import NotFound, PermissionDenied, ValidationError
from planning.roles import PARTICIPANT, Actor, require_facilitator, require_member
from planning.store import Store, new_id, now
from planning.text import escape_markdown
from planning.validation import clean_text
from planning.text import Key

QUADRANTS = ("S", "W", "O", "T")
SWOT_TEXT_MAX = 200
CHOICE_TEXT_MAX = 60     # an item's text in a vote choice is cut to this many characters
STATEMENT_MAX = 1000
LEAD_DIMENSIONS_MAX = 3


@dataclass(frozen=True)
class SwotItem:
    id: str
    quadrant: str
    text: str
    author: str          # display name, "" when the facilitator added it
    created_at: dt.datetime
    votes: int
    voted_by_me: bool
    number: int          # order of adding within its quadrant: stable, unlike the ranking


@dataclass(frozen=True)
class Statements:
    vision: str
    positioning: str
    lead_dimensions: tuple[str, ...]
    saved_by: str
    saved_at: dt.datetime


@dataclass(frozen=True)
class ProfileRow:
    indicator: catalogue.Indicator
    year: int
    value: float
    source: str
    is_sample: bool
    median: float
    provinces_with_data: int
    comparison: str      # rules.BETTER / WORSE / SAME against the median


def add_swot_item(store: Store, actor: Actor, workshop_id: str, quadrant: str, text: str) -> str:
    require_member(actor, workshop_id)
    if quadrant not in QUADRANTS:
        raise ValidationError("error.bad_choice", field=Key("field.quadrant"))
    text = clean_text(text, "field.swot_text", SWOT_TEXT_MAX)
    item_id = new_id()
    # An item's number is its place in created_at order. Stamping and committing under one lock,
    # later than every item already in the quadrant, means an item never commits behind one
    # stamped after it: a number a phone has shown (and voted by) never shifts. Without the lock,
    # 60 phones adding at once committed about 120 of 300 items out of stamp order.
    key = (store.path, workshop_id, quadrant)
    with _ADD_IN_ORDER, store.cursor() as cur:
        if key not in _last_stamp:  # once per quadrant and process: the clock may be behind the file
            _last_stamp[key] = cur.execute("SELECT max(created_at) FROM swot_item WHERE workshop_id = ?"
                                           " AND quadrant = ?", [workshop_id, quadrant]).fetchone()[0]
        stamp = now()
        last = _last_stamp[key]
        if last is not None and stamp <= last:
            stamp = last + dt.timedelta(microseconds=1)
        cur.execute(
            "INSERT INTO swot_item (id, workshop_id, participant_id, quadrant, text, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [item_id, workshop_id, actor.participant_id, quadrant, text, stamp],
        )
        _last_stamp[key] = stamp
    return item_id


_ADD_IN_ORDER = threading.Lock()  # one store (one DuckDB connection) per process
_last_stamp: dict[tuple[str, str, str], dt.datetime | None] = {}  # newest stamp per quadrant


def choice_label(item: SwotItem) -> str:
    """How an item appears among the vote choices: its stable number and its text, shortened,
    with markdown escaped (choices render markdown). A choice is sent back by this label."""
    shown = item.text if len(item.text) <= CHOICE_TEXT_MAX else item.text[: CHOICE_TEXT_MAX - 1] + "…"
    return f"{item.number}\\. {escape_markdown(shown)}"


def set_vote(store: Store, actor: Actor, workshop_id: str, item_id: str, active: bool) -> bool:
    """Vote for (or withdraw from) an item: appends a row only when the state changes.

    Returns the participant's vote state afterwards.
    """
    require_member(actor, workshop_id)
    if actor.role != PARTICIPANT:
        raise PermissionDenied("error.participants_vote")
    with store.cursor() as cur:
        if not cur.execute("SELECT 1 FROM swot_item WHERE id = ? AND workshop_id = ?",
                           [item_id, workshop_id]).fetchone():
            raise NotFound("error.item_not_found")
        row = cur.execute(
            "SELECT arg_max(active, created_at) FROM swot_vote"
            " WHERE workshop_id = ? AND item_id = ? AND participant_id = ?",
            [workshop_id, item_id, actor.participant_id]).fetchone()
        current = bool(row and row[0])
        if current != bool(active):
            cur.execute(
                "INSERT INTO swot_vote (workshop_id, item_id, participant_id, active, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                [workshop_id, item_id, actor.participant_id, bool(active), now()],
            )
    return bool(active)


_BOARD_SQL = """
WITH latest AS (
    SELECT item_id, participant_id, arg_max(active, created_at) AS active
    FROM swot_vote WHERE workshop_id = ?
    GROUP BY item_id, participant_id
)
SELECT i.id, i.quadrant, i.text, coalesce(p.display_name, ''), i.created_at,
       count(l.item_id) FILTER (WHERE l.active) AS votes,
       coalesce(bool_or(l.active AND l.participant_id = ?), FALSE) AS mine,
       row_number() OVER (PARTITION BY i.quadrant ORDER BY i.created_at, i.id) AS number
FROM swot_item i
LEFT JOIN latest l ON l.item_id = i.id
LEFT JOIN participant p ON p.id = i.participant_id
WHERE i.workshop_id = ?
GROUP BY i.id, i.quadrant, i.text, p.display_name, i.created_at
ORDER BY votes DESC, i.created_at, i.id
"""


def swot_board(store: Store, workshop_id: str, participant_id: str | None = None
               ) -> dict[str, list[SwotItem]]:
    """Items per quadrant, most votes first (ties: oldest first)."""
    with store.cursor() as cur:
        rows = cur.execute(_BOARD_SQL, [workshop_id, participant_id or "", workshop_id]).fetchall()
    board: dict[str, list[SwotItem]] = {q: [] for q in QUADRANTS}
    for r in rows:
        board[r[1]].append(SwotItem(*r))
    return board


def save_statements(store: Store, actor: Actor, workshop_id: str, vision: str, positioning: str,
                    lead_dimensions: list[str]) -> Statements:
    require_facilitator(actor)
    vision = clean_text(vision, "field.vision", STATEMENT_MAX, min_len=0)
    positioning = clean_text(positioning, "field.positioning", STATEMENT_MAX, min_len=0)
    dims = catalogue.dimensions()
    lead = [d for d in dims if d in set(lead_dimensions or [])]  # catalogue order, no repeats
    unknown = set(lead_dimensions or []) - set(dims)
    if unknown:
        raise ValidationError("error.unknown_dimension", code=", ".join(sorted(unknown)))
    if len(lead) > LEAD_DIMENSIONS_MAX:
        raise ValidationError("error.too_many_lead_dimensions", max=LEAD_DIMENSIONS_MAX)
    before = current_statements(store, workshop_id)
    with store.transaction() as cur:
        cur.execute(
            "INSERT INTO positioning_statement"
            " (workshop_id, vision, positioning, lead_dimensions, saved_by, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [workshop_id, vision, positioning, lead, actor.label, now()],
        )
        audit.record(cur, workshop_id, actor, "update" if before else "create", "statements", workshop_id,
                     before=before and {"vision": before.vision, "positioning": before.positioning,
                                        "lead_dimensions": before.lead_dimensions},
                     after={"vision": vision, "positioning": positioning, "lead_dimensions": lead})
    return current_statements(store, workshop_id)


def current_statements(store: Store, workshop_id: str) -> Statements | None:
    with store.cursor() as cur:
        row = cur.execute(
            "SELECT vision, positioning, lead_dimensions, saved_by, created_at"
            " FROM positioning_statement WHERE workshop_id = ?"
            " ORDER BY created_at DESC LIMIT 1", [workshop_id]).fetchone()
    if row is None:
        return None
    return Statements(row[0], row[1], tuple(row[2]), row[3], row[4])


def statement_versions(store: Store, workshop_id: str) -> int:
    with store.cursor() as cur:
        return cur.execute("SELECT count(*) FROM positioning_statement WHERE workshop_id = ?",
                           [workshop_id]).fetchone()[0]


_PROFILE_SQL = """
WITH current AS (   -- a re-imported value replaces the earlier one for the same year
    SELECT province_code, indicator_code, year,
           arg_max(value, created_at) AS value, arg_max(source, created_at) AS source,
           arg_max(is_sample, created_at) AS is_sample
    FROM indicator_observation GROUP BY province_code, indicator_code, year
),
own AS (
    SELECT indicator_code, arg_max(year, year) AS year FROM current
    WHERE province_code = ? GROUP BY indicator_code
)
SELECT c.indicator_code, c.year, c.value, c.source, c.is_sample,
       median(peer.value) AS median, count(peer.value) AS n
FROM own
JOIN current c ON c.indicator_code = own.indicator_code AND c.year = own.year AND c.province_code = ?
JOIN current peer ON peer.indicator_code = own.indicator_code AND peer.year = own.year
GROUP BY c.indicator_code, c.year, c.value, c.source, c.is_sample
"""


def profile(store: Store, province_code: str) -> list[ProfileRow]:
    """Key figures of a province, latest year each, against the median of all provinces."""
    with store.cursor() as cur:
        rows = cur.execute(_PROFILE_SQL, [province_code, province_code]).fetchall()
    indicators = catalogue.indicators()
    order = {code: i for i, code in enumerate(indicators)}
    out = []
    for code, year, value, source, is_sample, median, n in sorted(rows, key=lambda r: order.get(r[0], 1e9)):
        ind = indicators.get(code)
        if ind is None:
            continue
        out.append(ProfileRow(ind, year, value, source, is_sample, median, n,
                              rules.compare(value, median, ind.direction)))
    return out


def add_observations(store: Store, rows: list[tuple[str, str, int, float, str, bool]]) -> int:
    """Province-level observations (province, indicator, year, value, source, is_sample), all or none."""
    indicators, provinces = catalogue.indicators(), catalogue.provinces()
    for i, (prov, ind, year, value, source, _sample) in enumerate(rows, start=1):
        if prov not in provinces:
            raise ValidationError("error.unknown_province", code=prov)
        if ind not in indicators:
            raise ValidationError("error.unknown_indicator", code=ind)
    stamp = now()
    with store.transaction() as cur:
        cur.executemany(
            "INSERT INTO indicator_observation"
            " (province_code, indicator_code, year, value, source, is_sample, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [list(r) + [stamp] for r in rows],
        )
    return len(rows)
