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
    author_id: str | None = None   # the participant who added it; None: the facilitator
    edited: bool = False           # its text or quadrant was changed after it was added


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
    if store.shared:  # several processes add to the quadrant: the database hands out the turns
        with store.transaction() as cur:
            store.take_turn(cur, f"swot:{workshop_id}:{quadrant}")
            _insert_item(cur, item_id, actor.participant_id, workshop_id, quadrant, text,
                         _newest_stamp(cur, workshop_id, quadrant))
        return item_id
    key = (store.path, workshop_id, quadrant)
    with _ADD_IN_ORDER, store.cursor() as cur:
        if key not in _last_stamp:  # once per quadrant and process: the clock may be behind the file
            _last_stamp[key] = _newest_stamp(cur, workshop_id, quadrant)
        _last_stamp[key] = _insert_item(cur, item_id, actor.participant_id, workshop_id, quadrant, text,
                                        _last_stamp[key])
    return item_id


def _newest_stamp(cur, workshop_id: str, quadrant: str) -> dt.datetime | None:
    return cur.execute("SELECT max(created_at) FROM swot_item WHERE workshop_id = ? AND quadrant = ?",
                       [workshop_id, quadrant]).fetchone()[0]


def _insert_item(cur, item_id: str, participant_id: str, workshop_id: str, quadrant: str, text: str,
                 newest: dt.datetime | None) -> dt.datetime:
    """Stamped after `newest`, the quadrant's latest item, even when the clock is behind it."""
    stamp = now()
    if newest is not None and stamp <= newest:
        stamp = newest + dt.timedelta(microseconds=1)
    cur.execute("INSERT INTO swot_item (id, workshop_id, participant_id, quadrant, text, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)", [item_id, workshop_id, participant_id, quadrant, text, stamp])
    return stamp


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
        if not cur.execute(_SHOWN_ITEM_SQL, [item_id, workshop_id]).fetchone():
            raise NotFound("error.item_not_found")  # never added, or withdrawn
        row = cur.execute(
            "SELECT active FROM swot_vote WHERE workshop_id = ? AND item_id = ? AND participant_id = ?"
            " ORDER BY created_at DESC LIMIT 1",
            [workshop_id, item_id, actor.participant_id]).fetchone()
        current = bool(row and row[0])
        if current != bool(active):
            cur.execute(
                "INSERT INTO swot_vote (workshop_id, item_id, participant_id, active, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                [workshop_id, item_id, actor.participant_id, bool(active), now()],
            )
    return bool(active)


# An item as it is now: its newest revision (if any) gives quadrant and text; withdrawn items are gone.
_REVISED_CTE = """
rev AS (
    SELECT DISTINCT ON (item_id) item_id, quadrant, text, withdrawn
    FROM swot_item_revision WHERE workshop_id = $w ORDER BY item_id, seq DESC
),
items AS (
    SELECT i.id, coalesce(r.quadrant, i.quadrant) AS quadrant, coalesce(r.text, i.text) AS text,
           i.participant_id, i.created_at, r.item_id IS NOT NULL AS edited
    FROM swot_item i LEFT JOIN rev r ON r.item_id = i.id
    WHERE i.workshop_id = $w AND NOT coalesce(r.withdrawn, FALSE)
)
"""

_SHOWN_ITEM_SQL = ("SELECT 1 FROM swot_item i WHERE i.id = ? AND i.workshop_id = ? AND NOT coalesce("
                   "(SELECT withdrawn FROM swot_item_revision r WHERE r.item_id = i.id ORDER BY seq DESC LIMIT 1), FALSE)")

_BOARD_SQL = """
WITH latest AS (
    SELECT DISTINCT ON (item_id, participant_id) item_id, participant_id, active
    FROM swot_vote WHERE workshop_id = $w
    ORDER BY item_id, participant_id, created_at DESC
),
""" + _REVISED_CTE + """,
counted AS (
    SELECT i.id, i.quadrant, i.text, coalesce(p.display_name, '') AS author, i.created_at,
           count(l.item_id) FILTER (WHERE l.active) AS votes,
           coalesce(bool_or(l.active AND l.participant_id = $me), FALSE) AS mine,
           i.participant_id, i.edited
    FROM items i
    LEFT JOIN latest l ON l.item_id = i.id
    LEFT JOIN participant p ON p.id = i.participant_id
    GROUP BY i.id, i.quadrant, i.text, p.display_name, i.created_at, i.participant_id, i.edited
)
SELECT id, quadrant, text, author, created_at, votes, mine,
       row_number() OVER (PARTITION BY quadrant ORDER BY created_at, id) AS number, participant_id, edited
FROM counted
ORDER BY votes DESC, created_at, id
"""


def swot_board(store: Store, workshop_id: str, participant_id: str | None = None
               ) -> dict[str, list[SwotItem]]:
    """Items per quadrant, most votes first (ties: oldest first)."""
    with store.cursor() as cur:
        rows = cur.execute(_BOARD_SQL, {"w": workshop_id, "me": participant_id or ""}).fetchall()
    board: dict[str, list[SwotItem]] = {q: [] for q in QUADRANTS}
    for r in rows:
        board[r[1]].append(SwotItem(*r))
    return board


def _item_for_change(store: Store, actor: Actor, workshop_id: str, item_id: str) -> SwotItem:
    """The item as it is now, if this actor may change it: the facilitator any item, a participant
    only their own."""
    require_member(actor, workshop_id)
    item = next((i for items in swot_board(store, workshop_id).values() for i in items if i.id == item_id), None)
    if item is None:
        raise NotFound("error.item_not_found")
    if actor.role == PARTICIPANT and item.author_id != actor.participant_id:
        raise PermissionDenied("error.not_your_item")
    return item


def _votes_by_others(store: Store, workshop_id: str, item_id: str, participant_id: str | None) -> int:
    with store.cursor() as cur:
        return cur.execute(
            "SELECT count(*) FROM (SELECT DISTINCT ON (participant_id) participant_id, active FROM swot_vote"
            " WHERE workshop_id = ? AND item_id = ? ORDER BY participant_id, created_at DESC) latest"
            " WHERE active AND participant_id IS DISTINCT FROM CAST(? AS VARCHAR)",
            [workshop_id, item_id, participant_id]).fetchone()[0]


def _append_revision(store: Store, actor: Actor, workshop_id: str, item: SwotItem, quadrant: str, text: str,
                     withdrawn: bool) -> None:
    before = {"quadrant": item.quadrant, "text": item.text}
    with store.transaction() as cur:
        cur.execute("INSERT INTO swot_item_revision (id, workshop_id, item_id, quadrant, text, withdrawn, changed_by,"
                    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [new_id(), workshop_id, item.id, quadrant, text, withdrawn, actor.who, now()])
        audit.record(cur, workshop_id, actor, "delete" if withdrawn else "update", "swot_item", item.id,
                     before=before, after=None if withdrawn else {"quadrant": quadrant, "text": text})


def revise_swot_item(store: Store, actor: Actor, workshop_id: str, item_id: str, quadrant: str, text: str) -> SwotItem:
    """Change an item's text or quadrant. Its votes stay with it (a wording fix must not cost the
    room its votes); so that nobody's vote ends up on words they did not vote for, a participant may
    change their own item only until someone else has voted for it. The facilitator may always."""
    item = _item_for_change(store, actor, workshop_id, item_id)
    if quadrant not in QUADRANTS:
        raise ValidationError("error.bad_choice", field=Key("field.quadrant"))
    text = clean_text(text, "field.swot_text", SWOT_TEXT_MAX)
    if (quadrant, text) == (item.quadrant, item.text):
        return item
    if actor.role == PARTICIPANT and _votes_by_others(store, workshop_id, item_id, actor.participant_id):
        raise PermissionDenied("error.item_has_votes")
    _append_revision(store, actor, workshop_id, item, quadrant, text, False)
    return next(i for i in swot_board(store, workshop_id)[quadrant] if i.id == item_id)


def withdraw_swot_item(store: Store, actor: Actor, workshop_id: str, item_id: str) -> None:
    """Delete an item from the board: it leaves the board, the ranking and new activities, and its
    votes no longer count anywhere (they stay stored, as every row does)."""
    item = _item_for_change(store, actor, workshop_id, item_id)
    _append_revision(store, actor, workshop_id, item, item.quadrant, item.text, True)


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
WITH current AS (   -- a re-imported value replaces the earlier one for the same year and kind
    SELECT DISTINCT ON (province_code, indicator_code, year, is_sample)
           province_code, indicator_code, year, is_sample, value, source
    FROM indicator_observation ORDER BY province_code, indicator_code, year, is_sample, created_at DESC
),
own AS (            -- the province's figure: real before sample, then the latest year
    SELECT DISTINCT ON (indicator_code) indicator_code, year, is_sample
    FROM current WHERE province_code = ? ORDER BY indicator_code, is_sample, year DESC
)
SELECT c.indicator_code, c.year, c.value, c.source, c.is_sample,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY peer.value) AS median, count(peer.value) AS n
FROM own
JOIN current c ON c.indicator_code = own.indicator_code AND c.year = own.year AND c.is_sample = own.is_sample
                  AND c.province_code = ?
-- compared with the same year and the same kind: a real figure with real ones, a sample with samples
JOIN current peer ON peer.indicator_code = own.indicator_code AND peer.year = own.year
                     AND peer.is_sample = own.is_sample
GROUP BY c.indicator_code, c.year, c.value, c.source, c.is_sample
"""


def profile(store: Store, province_code: str) -> list[ProfileRow]:
    """Key figures of a province against the median of all provinces: per indicator its real figure
    of the latest year if any, else its sample figure, compared with the provinces that have a figure
    of the same year and kind."""
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
