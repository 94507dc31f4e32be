import pytest

from planning import participants
from planning.errors import ValidationError


def count(store):
    with store.cursor() as cur:
        return cur.execute("SELECT count(*) FROM participant").fetchone()[0]


def test_join_and_come_back_with_the_token(store, workshop):
    p, token = participants.join(store, workshop.join_code.lower(), "  สมศรี  ", "civil")
    assert p.display_name == "สมศรี" and p.sector == "civil" and p.workshop_id == workshop.id
    assert participants.by_token(store, token) == p
    assert participants.by_token(store, "not-a-token") is None
    assert participants.by_token(store, None) is None
    with store.cursor() as cur:  # only a hash of the token is stored
        assert cur.execute("SELECT count(*) FROM participant WHERE token_hash = ?", [token]).fetchone()[0] == 0
    actor = p.actor()
    assert actor.role == "participant" and actor.workshop_id == workshop.id


@pytest.mark.parametrize("code, name, sector, key", [
    ("WRONG1", "A", "civil", "error.wrong_join_code"),
    (None, "", "civil", "error.required"),
    (None, "x" * 61, "civil", "error.too_long"),
    (None, "A", "military", "error.bad_choice"),
    (None, "A\x00B", "civil", "error.control_chars"),
])
def test_bad_join_saves_nothing(store, workshop, code, name, sector, key):
    with pytest.raises(ValidationError) as exc:
        participants.join(store, code or workshop.join_code, name, sector)
    assert exc.value.key == key
    assert count(store) == 0


def test_counts_by_sector(store, workshop, join):
    join("a", "government")
    join("b", "government")
    join("c", "academic")
    assert participants.count_by_sector(store, workshop.id) == {
        "government": 2, "local": 0, "private": 0, "civil": 0, "academic": 1}
    assert [p.display_name for p in participants.list_participants(store, workshop.id)] == ["a", "b", "c"]
