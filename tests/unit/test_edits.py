"""Edit and delete: SWOT items and ideas as appended revisions (votes and scores stay with an edited
item and stop counting for a deleted one), and the facilitator's plan content (issues, strategies,
measures) changed in place with the audit trail, never orphaning a project, never changing an
approved version."""
import json

import pytest

from planning import dates, activities, audit, ideas, masterplan, positioning, projects, review
from planning.errors import NotFound, PermissionDenied, ValidationError
from planning.roles import REVIEWER, Actor
from tests.unit.test_projects import project


def table_counts(store, *tables):
    with store.cursor() as cur:
        return [cur.execute("SELECT count(*) FROM " + t).fetchone()[0] for t in tables]


def board_item(store, workshop_id, item_id, participant_id=None):
    return next((i for items in positioning.swot_board(store, workshop_id, participant_id).values()
                 for i in items if i.id == item_id), None)


# ---- SWOT items ------------------------------------------------------------------------------

def test_author_edits_own_item_as_a_new_row_and_votes_stay(store, facilitator, workshop, join):
    ann, bob = join("Ann"), join("Bob")
    item_id = positioning.add_swot_item(store, ann.actor(), workshop.id, "W", "ถนนแคบ")
    positioning.set_vote(store, ann.actor(), workshop.id, item_id, True)  # her own vote does not lock it
    revised = positioning.revise_swot_item(store, ann.actor(), workshop.id, item_id, "T", "ถนนแคบและน้ำท่วม")
    assert (revised.quadrant, revised.text, revised.votes, revised.edited) == ("T", "ถนนแคบและน้ำท่วม", 1, True)
    assert revised.author == "Ann" and revised.author_id == ann.id
    board = positioning.swot_board(store, workshop.id)
    assert board["W"] == [] and [i.id for i in board["T"]] == [item_id]
    with store.cursor() as cur:  # the first row is untouched: the change is an appended revision
        assert cur.execute("SELECT quadrant, text FROM swot_item WHERE id = ?", [item_id]).fetchone() == ("W", "ถนนแคบ")
    assert table_counts(store, "swot_item", "swot_item_revision") == [1, 1]
    entry = audit.entries(store, workshop.id, "swot_item")[0]
    assert (entry.action, entry.who) == ("update", ann.id)
    assert json.loads(entry.before) == {"quadrant": "W", "text": "ถนนแคบ"}
    assert json.loads(entry.after) == {"quadrant": "T", "text": "ถนนแคบและน้ำท่วม"}
    # once someone else has voted, the author may no longer change the words (their vote would
    # then count for words they did not vote for); the facilitator still may, and votes stay
    positioning.set_vote(store, bob.actor(), workshop.id, item_id, True)
    with pytest.raises(PermissionDenied, match="item_has_votes"):
        positioning.revise_swot_item(store, ann.actor(), workshop.id, item_id, "T", "อย่างอื่น")
    fixed = positioning.revise_swot_item(store, facilitator, workshop.id, item_id, "T", "ถนนแคบ น้ำท่วมขัง")
    assert (fixed.text, fixed.votes) == ("ถนนแคบ น้ำท่วมขัง", 2)
    assert positioning.revise_swot_item(store, facilitator, workshop.id, item_id, "T", "ถนนแคบ น้ำท่วมขัง") == fixed
    assert table_counts(store, "swot_item_revision") == [2]  # an unchanged save writes nothing


def test_deleted_item_leaves_board_and_its_votes_stop_counting(store, facilitator, workshop, join):
    ann, bob = join("Ann"), join("Bob")
    kept = positioning.add_swot_item(store, bob.actor(), workshop.id, "S", "มหาวิทยาลัย")
    gone = positioning.add_swot_item(store, ann.actor(), workshop.id, "S", "สนามบิน")
    positioning.set_vote(store, bob.actor(), workshop.id, gone, True)
    positioning.withdraw_swot_item(store, ann.actor(), workshop.id, gone)
    assert [i.id for i in positioning.swot_board(store, workshop.id)["S"]] == [kept]
    assert board_item(store, workshop.id, kept).number == 1
    with pytest.raises(NotFound):  # no voting for, editing or deleting it again
        positioning.set_vote(store, bob.actor(), workshop.id, gone, False)
    with pytest.raises(NotFound):
        positioning.revise_swot_item(store, facilitator, workshop.id, gone, "S", "x")
    assert table_counts(store, "swot_vote", "swot_item") == [1, 2]  # nothing is removed, only appended
    also = positioning.add_swot_item(store, facilitator, workshop.id, "O", "ทางรถไฟ")
    act = activities.create_activity(store, facilitator, workshop.id, kind="dots", title="SWOT", source="swot",
                                     options=[], allowance=2, anonymous=True, hide_results=False, display="ranked")
    assert {o.ref_id for o in activities.options(store, act.id)} == {kept, also}
    entry = audit.entries(store, workshop.id, "swot_item")[0]
    assert entry.action == "delete" and entry.after is None and json.loads(entry.before)["text"] == "สนามบิน"


def test_only_the_author_or_the_facilitator_may_change_an_item(store, facilitator, workshop, join):
    ann, bob = join("Ann"), join("Bob")
    mine = positioning.add_swot_item(store, ann.actor(), workshop.id, "O", "ท่องเที่ยว")
    by_facilitator = positioning.add_swot_item(store, facilitator, workshop.id, "O", "รถไฟทางคู่")
    before = table_counts(store, "swot_item_revision", "audit_log")
    for who, item in ((bob, mine), (ann, by_facilitator)):
        with pytest.raises(PermissionDenied, match="not_your_item"):
            positioning.revise_swot_item(store, who.actor(), workshop.id, item, "O", "x")
        with pytest.raises(PermissionDenied, match="not_your_item"):
            positioning.withdraw_swot_item(store, who.actor(), workshop.id, item)
    with pytest.raises(PermissionDenied):
        positioning.withdraw_swot_item(store, Actor(REVIEWER, name="กรรมการ"), workshop.id, mine)
    with pytest.raises(ValidationError):
        positioning.revise_swot_item(store, ann.actor(), workshop.id, mine, "O", "   ")
    assert table_counts(store, "swot_item_revision", "audit_log") == before  # nothing written
    positioning.withdraw_swot_item(store, facilitator, workshop.id, mine)
    assert board_item(store, workshop.id, mine) is None


# ---- ideas -----------------------------------------------------------------------------------

def test_ideas_edit_keeps_scores_delete_drops_them(store, facilitator, workshop, join):
    ann, bob = join("Ann"), join("Bob")
    idea = ideas.add_idea(store, ann.actor(), workshop.id, "MOB", "pain", "รถติดหน้าโรงเรียน")
    other = ideas.add_idea(store, bob.actor(), workshop.id, "MOB", "solution", "รถรับส่งนักเรียน")
    ideas.score_idea(store, ann.actor(), workshop.id, idea, 5, 4)
    changed = ideas.revise_idea(store, ann.actor(), workshop.id, idea, "pain", "รถติดหน้าโรงเรียนตอนเช้า")
    assert (changed.text, changed.scores, changed.impact, changed.edited) == ("รถติดหน้าโรงเรียนตอนเช้า", 1, 5, True)
    ideas.score_idea(store, bob.actor(), workshop.id, idea, 3, 2)
    with pytest.raises(PermissionDenied, match="idea_has_scores"):
        ideas.revise_idea(store, ann.actor(), workshop.id, idea, "pain", "อย่างอื่น")
    with pytest.raises(PermissionDenied, match="not_your_item"):
        ideas.withdraw_idea(store, bob.actor(), workshop.id, idea)
    as_solution = ideas.revise_idea(store, facilitator, workshop.id, idea, "solution", "จัดจราจรหน้าโรงเรียน")
    assert (as_solution.kind, as_solution.scores) == ("solution", 2)
    ideas.withdraw_idea(store, ann.actor(), workshop.id, idea)
    assert [i.id for i in ideas.idea_results(store, workshop.id)] == [other]
    with pytest.raises(NotFound):
        ideas.score_idea(store, bob.actor(), workshop.id, idea, 1, 1)
    assert table_counts(store, "dimension_idea", "idea_revision", "idea_score") == [2, 3, 2]
    assert [e.action for e in audit.entries(store, workshop.id, "idea")] == ["delete", "update", "update"]


# ---- plan content ----------------------------------------------------------------------------

@pytest.fixture
def plan(store, facilitator, workshop):
    issue = masterplan.add_issue(store, facilitator, workshop.id, "น้ำท่วม")
    strategy = masterplan.add_strategy(store, facilitator, workshop.id, dimension="ENV", title="ลดน้ำท่วม",
                                       provincial_issue_id=issue.id, indicator_codes=["ENV-PM25"])
    other = masterplan.add_strategy(store, facilitator, workshop.id, dimension="GOV", title="ข้อมูลเปิด",
                                    provincial_issue_id=None, indicator_codes=[])
    measure = masterplan.add_measure(store, facilitator, workshop.id, strategy_id=strategy.id, title="เซนเซอร์น้ำ",
                                     indicator_codes=[])
    spare = masterplan.add_measure(store, facilitator, workshop.id, strategy_id=strategy.id, title="แผนที่เสี่ยง",
                                   indicator_codes=[])
    return issue, strategy, other, measure, spare


def test_edits_are_audited_and_never_change_an_approved_version(store, facilitator, workshop, plan):
    issue, strategy, other, measure, _ = plan
    v1 = review.submit_version(store, facilitator, workshop.id)
    review.decide(store, Actor(REVIEWER, name="กรรมการ"), v1.id, "approved", "1/2569", dates.today(), confirmed=True)
    frozen = review.version_snapshot(store, v1.id)
    masterplan.update_issue(store, facilitator, workshop.id, issue.id, "น้ำท่วมและภัยแล้ง")
    masterplan.update_strategy(store, facilitator, workshop.id, strategy.id, dimension="ENV", title="รับมือน้ำ",
                               provincial_issue_id=issue.id, indicator_codes=["ENV-PM25", "ENV-PM25D"], goal="ลดความเสียหาย")
    masterplan.update_measure(store, facilitator, workshop.id, measure.id, strategy_id=strategy.id,
                              title="เซนเซอร์ระดับน้ำ", indicator_codes=["ENV-PM25D"])
    assert review.version_snapshot(store, v1.id) == frozen
    assert review.get_version(store, v1.id).status == "approved"
    _, diffs = review.draft_changes(store, workshop.id)
    assert {"issues", "strategies", "measures"} <= {d.section for d in diffs}
    assert [i.title for i in masterplan.issues(store, workshop.id)] == ["น้ำท่วมและภัยแล้ง"]
    changed = {s.id: s for s in masterplan.strategies(store, workshop.id)}[strategy.id]
    assert (changed.title, changed.goal, changed.indicator_codes) == ("รับมือน้ำ", "ลดความเสียหาย",
                                                                      ("ENV-PM25", "ENV-PM25D"))
    entries = {e.entity: e for e in audit.entries(store, workshop.id) if e.action == "update"}
    assert json.loads(entries["strategy"].before)["title"] == "ลดน้ำท่วม"
    assert json.loads(entries["strategy"].after)["title"] == "รับมือน้ำ"
    assert json.loads(entries["measure"].after)["title"] == "เซนเซอร์ระดับน้ำ"
    assert json.loads(entries["provincial_issue"].before)["title"] == "น้ำท่วม"
    masterplan.add_issue(store, facilitator, workshop.id, "ภัยแล้ง")
    with pytest.raises(ValidationError, match="duplicate_title"):
        masterplan.update_issue(store, facilitator, workshop.id, issue.id, "ภัยแล้ง")


def test_wrong_role_changes_nothing(store, workshop, plan, join):
    issue, strategy, _, measure, _ = plan
    before = table_counts(store, "audit_log", "strategy", "measure", "provincial_issue")
    for who in (join("Ann").actor(), Actor(REVIEWER, name="กรรมการ")):
        calls = [lambda: masterplan.update_issue(store, who, workshop.id, issue.id, "x"),
                 lambda: masterplan.delete_issue(store, who, workshop.id, issue.id),
                 lambda: masterplan.update_strategy(store, who, workshop.id, strategy.id, dimension="ENV", title="x",
                                                    provincial_issue_id=None, indicator_codes=[]),
                 lambda: masterplan.delete_strategy(store, who, workshop.id, strategy.id),
                 lambda: masterplan.update_measure(store, who, workshop.id, measure.id, strategy_id=strategy.id,
                                                   title="x", indicator_codes=[]),
                 lambda: masterplan.delete_measure(store, who, workshop.id, measure.id)]
        for call in calls:
            with pytest.raises(PermissionDenied, match="facilitator_only"):
                call()
    assert table_counts(store, "audit_log", "strategy", "measure", "provincial_issue") == before
    assert masterplan.strategies(store, workshop.id)[0].title == "ลดน้ำท่วม"


def test_deleting_what_projects_use_is_refused_or_moves_them(store, facilitator, workshop, plan):
    issue, strategy, other, measure, spare = plan
    first = projects.save_project(store, facilitator, workshop.id, project(strategy, measure_id=measure.id))
    second = projects.save_project(store, facilitator, workshop.id, project(strategy, name="แผนที่น้ำ",
                                                                            measure_id=measure.id))
    with pytest.raises(ValidationError, match="issue_in_use") as refused:
        masterplan.delete_issue(store, facilitator, workshop.id, issue.id)
    assert refused.value.params["n"] == 1
    with pytest.raises(ValidationError, match="measure_in_use") as refused:
        masterplan.delete_measure(store, facilitator, workshop.id, measure.id)
    assert refused.value.params["n"] == 2 and "2 โครงการ" in refused.value.message("th")
    with pytest.raises(ValidationError, match="strategy_in_use") as refused:
        masterplan.delete_strategy(store, facilitator, workshop.id, strategy.id)
    assert refused.value.params["n"] == 2 and "2 projects" in refused.value.message("en")
    with pytest.raises(ValidationError, match="measure_moves_projects"):
        masterplan.update_measure(store, facilitator, workshop.id, measure.id, strategy_id=other.id, title="x",
                                  indicator_codes=[])
    with pytest.raises(ValidationError, match="move_to_itself"):
        masterplan.delete_strategy(store, facilitator, workshop.id, strategy.id, move_projects_to=strategy.id)
    other_measure = masterplan.add_measure(store, facilitator, workshop.id, strategy_id=other.id, title="API",
                                           indicator_codes=[])
    with pytest.raises(ValidationError, match="move_other_strategy"):
        masterplan.delete_measure(store, facilitator, workshop.id, measure.id, move_projects_to=other_measure.id)
    assert {p.measure_id for p in projects.list_projects(store, workshop.id)} == {measure.id}

    # a measure's projects move to a sibling measure, in one transaction with the deletion
    masterplan.delete_measure(store, facilitator, workshop.id, measure.id, move_projects_to=spare.id)
    assert {p.measure_id for p in projects.list_projects(store, workshop.id)} == {spare.id}
    # the strategy's projects move to another strategy, where they have no measure yet; its measures go with it
    masterplan.delete_strategy(store, facilitator, workshop.id, strategy.id, move_projects_to=other.id)
    moved = {p.id: p for p in projects.list_projects(store, workshop.id)}
    assert {(p.strategy_id, p.measure_id) for p in moved.values()} == {(other.id, None)}
    assert set(moved) == {first.id, second.id}
    assert [m.strategy_id for m in masterplan.measures(store, workshop.id)] == [other.id]
    moves = [e for e in audit.entries(store, workshop.id, "project") if e.action == "update"]
    assert len(moves) == 4 and all(json.loads(e.after)["strategy_id"] in (strategy.id, other.id) for e in moves)
    deleted = {(e.entity, e.entity_id) for e in audit.entries(store, workshop.id) if e.action == "delete"}
    assert {("strategy", strategy.id), ("measure", measure.id), ("measure", spare.id)} <= deleted
    masterplan.delete_issue(store, facilitator, workshop.id, issue.id)  # nothing links to it now
    assert masterplan.issues(store, workshop.id) == []


def test_measure_projects_can_stay_under_their_strategy_without_a_measure(store, facilitator, workshop, plan):
    _, strategy, _, measure, _ = plan
    p = projects.save_project(store, facilitator, workshop.id, project(strategy, measure_id=measure.id))
    masterplan.delete_measure(store, facilitator, workshop.id, measure.id, move_projects_to=masterplan.NO_MEASURE)
    after = projects.list_projects(store, workshop.id)[0]
    assert (after.id, after.strategy_id, after.measure_id) == (p.id, strategy.id, None)
    with pytest.raises(NotFound, match="measure_missing"):
        masterplan.delete_measure(store, facilitator, workshop.id, measure.id)
