"""Moving a workshop between a DuckDB file and PostgreSQL, both ways; these run on both stores
whatever --store says."""
import pytest

from planning import demo, exports, positioning, transfer
from planning.roles import FACILITATOR, Actor
from planning.store import Store


def rows_of(store: Store, workshop_id: str) -> dict[str, list[str]]:
    """Every row of the workshop, join tokens included, in an order that does not depend on the engine."""
    with store.cursor() as cur:
        found = exports.all_rows(cur, workshop_id)
    return {t: sorted(repr(dict(zip(cols, r))) for r in rows) for t, (cols, rows) in found.items()}


def seeded(store: Store):
    """The demo workshop, with one SWOT item edited (revisions carry sequence numbers)."""
    w = demo.seed_demo(store)
    item = positioning.swot_board(store, w.id)["S"][0]
    positioning.revise_swot_item(store, Actor(FACILITATOR), w.id, item.id, "S", item.text + " (แก้)")
    return w


@pytest.fixture(params=[("duckdb", "postgresql"), ("postgresql", "duckdb")], ids=lambda p: "-to-".join(p))
def stores(request, new_location):
    source_kind, target_kind = request.param
    source, target = Store(new_location(source_kind, "source")), Store(new_location(target_kind, "target"))
    yield source, target
    source.close()
    target.close()


def test_a_copied_workshop_has_every_row_once_and_copying_again_changes_nothing(stores):
    source, target = stores
    w = seeded(source)
    before = rows_of(source, w.id)
    assert sum(map(len, before.values())) > 300 and all(before[t] for t in ("participant", "swot_item_revision",
                                                                            "activity_ballot", "project_budget"))
    first = transfer.copy_workshop(source, target, w.id)
    assert rows_of(target, w.id) == before and first.total == sum(map(len, before.values()))
    again = transfer.copy_workshop(source, target, w.id)
    assert rows_of(target, w.id) == before and again.rows == first.rows


def test_rows_written_on_the_target_since_are_replaced_and_new_edits_still_win(stores):
    source, target = stores
    w = seeded(source)
    transfer.copy_workshop(source, target, w.id)
    facilitator = Actor(FACILITATOR)
    positioning.add_swot_item(target, facilitator, w.id, "O", "เขียนบนเครื่องกลาง")
    transfer.copy_workshop(source, target, w.id)
    assert rows_of(target, w.id) == rows_of(source, w.id)
    # an edit made after the copy is newer than every copied revision (the sequence moved on)
    edited = next(i for i in positioning.swot_board(target, w.id)["S"] if i.edited)
    positioning.revise_swot_item(target, facilitator, w.id, edited.id, "S", "แก้หลังย้าย")
    assert [i.text for i in positioning.swot_board(target, w.id)["S"] if i.id == edited.id] == ["แก้หลังย้าย"]


def test_the_script_moves_a_workshop_there_and_back_exactly(new_location, capsys):
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "move_workshop", Path(__file__).resolve().parents[2] / "scripts" / "move_workshop.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    laptop, server, back = new_location("duckdb", "laptop"), new_location("postgresql"), new_location("duckdb", "back")
    store = Store(laptop)
    w = seeded(store)
    before = rows_of(store, w.id)
    store.close()
    for _ in range(2):
        assert script.main([str(laptop), server, "--workshop", w.join_code]) == 0
    assert script.main([server, str(back), "--workshop", w.id]) == 0
    assert f"({w.id})" in capsys.readouterr().out
    copy = Store(back)
    assert rows_of(copy, w.id) == before
    copy.close()
    assert script.main([str(laptop), server, "--all"]) == 0  # the demo is a sample: nothing to copy
    assert capsys.readouterr().out == ""
    assert script.main([str(laptop), server, "--workshop", "NOSUCH"]) == 1


def test_a_different_workshop_with_the_same_name_stops_the_copy(stores):
    source, target = stores
    w = demo.seed_demo(source)
    demo.seed_demo(target)  # the target's own demo: same name, another id
    with pytest.raises(transfer.NameTaken):
        transfer.copy_workshop(source, target, w.id)
    assert rows_of(target, w.id)["participant"] == []
