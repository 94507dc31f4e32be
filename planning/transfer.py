"""Moving workshops between stores: a consultant runs a workshop offline on a laptop's DuckDB file
and publishes it to the central PostgreSQL database afterwards (or takes one back the other way).

A copy makes the target's rows of the workshop exactly the source's, in one transaction on the
target: its earlier copy is taken out and every row is written again, so copying twice gives the
same rows, nothing duplicated, and rows written only on the target since are replaced by the
source's. Join tokens travel with the participants, so phones that joined on the laptop come back
as the same participants on the server. Settings (passwords), sign-ins and the province figures
are not a workshop's and stay where they are.
"""
from __future__ import annotations

from dataclasses import dataclass

from planning import exports
from planning.errors import NotFound
from planning.store import Store

# Sequences whose numbers travel with copied rows: sequence -> tables and column that hold them.
_SEQUENCES = {"input_revision_seq": (("swot_item_revision", "idea_revision"), "seq")}


@dataclass(frozen=True)
class Copied:
    workshop_id: str
    name: str
    rows: dict[str, int]      # table -> rows of the workshop now in the target

    @property
    def total(self) -> int:
        return sum(self.rows.values())


class NameTaken(Exception):
    """The target holds a different workshop with the same name or join code."""


def find_workshop(store: Store, id_or_code: str) -> tuple[str, str]:
    """(id, name) of the workshop with this id or join code."""
    with store.cursor() as cur:
        row = cur.execute("SELECT id, name FROM workshop WHERE id = ? OR join_code = ?",
                          [id_or_code, id_or_code.strip().upper()]).fetchone()
    if row is None:
        raise NotFound("error.workshop_not_found")
    return row


def workshop_ids(store: Store, include_samples: bool = False) -> list[str]:
    with store.cursor() as cur:
        return [r[0] for r in cur.execute("SELECT id FROM workshop WHERE ? OR NOT is_sample ORDER BY created_at, id",
                                          [include_samples]).fetchall()]


def copy_workshop(source: Store, target: Store, workshop_id: str) -> Copied:
    with source.cursor() as cur:
        found = exports.all_rows(cur, workshop_id)
    if not found["workshop"][1]:
        raise NotFound("error.workshop_not_found")
    name = found["workshop"][1][0][found["workshop"][0].index("name")]
    tables = exports.workshop_tables()
    try:
        with target.transaction() as cur:
            for table in reversed(tables):  # rows reached through a parent go before the parent
                cur.execute("DELETE FROM " + table + " WHERE " + tables[table], [workshop_id])
            for table, (columns, rows) in found.items():
                if rows:
                    cur.executemany("INSERT INTO " + table + " (" + ", ".join(columns) + ") VALUES ("
                                    + ", ".join("?" * len(columns)) + ")", rows)
            for sequence, (holders, column) in _SEQUENCES.items():
                numbers = [r[found[t][0].index(column)] for t in holders for r in found[t][1]]
                if numbers:
                    target.raise_sequence(cur, sequence, max(numbers))
    except target.ConstraintError as exc:
        if "name_key" in str(exc) or "join_code" in str(exc):
            raise NameTaken(f"the target already has another workshop named {name!r} or with its join code") from None
        raise
    return Copied(workshop_id, name, {t: len(rows) for t, (_, rows) in found.items()})


def copy_workshops(source: Store, target: Store, ids: list[str]) -> list[Copied]:
    return [copy_workshop(source, target, w) for w in ids]
