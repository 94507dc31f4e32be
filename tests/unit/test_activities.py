"""Live activities: open/close rules, ballots (no double votes, dot and choice limits), short
answers, hidden results, and winners becoming candidate projects."""
import pytest

from planning import activities, ideas, positioning
from planning.errors import NotFound, PermissionDenied, ValidationError


def make(store, facilitator, workshop, kind="dots", options=("A", "B", "C"), **kw):
    return activities.create_activity(store, facilitator, workshop.id, kind=kind, title="Which first?",
                                      options=list(options or []), **kw)


def opened(store, facilitator, workshop, **kw):
    a = make(store, facilitator, workshop, **kw)
    return activities.open_activity(store, facilitator, workshop.id, a.id)


def ids(store, activity):
    return [o.id for o in activities.options(store, activity.id)]


def test_dots_count_the_latest_ballot_per_participant(store, facilitator, workshop, join):
    a = opened(store, facilitator, workshop, allowance=3)
    x, y, z = ids(store, a)
    p, q = join("p").actor(), join("q").actor()
    activities.submit_ballot(store, p, workshop.id, a.id, {x: 2, y: 1})
    activities.submit_ballot(store, q, workshop.id, a.id, {z: 3})
    activities.submit_ballot(store, p, workshop.id, a.id, {x: 3})  # p changes their mind
    res = activities.results(store, a.id)
    assert [(t.label, t.total, t.people) for t in res.tallies] == [("A", 3, 1), ("C", 3, 1), ("B", 0, 0)]
    assert res.respondents == 2
    assert activities.my_ballot(store, a.id, p.participant_id) == {x: 3}
    assert sum(t.total for t in res.tallies) == 6  # 3 dots each, nothing counted twice


def test_dot_limit_and_bad_ballots_change_nothing(store, facilitator, workshop, join):
    a = opened(store, facilitator, workshop, allowance=3)
    x, y, _ = ids(store, a)
    p = join("p").actor()
    activities.submit_ballot(store, p, workshop.id, a.id, {x: 1})
    with pytest.raises(ValidationError) as e:
        activities.submit_ballot(store, p, workshop.id, a.id, {x: 2, y: 2})
    assert e.value.key == "error.too_many_dots" and e.value.params == {"max": 3, "used": 4}
    for bad in ({x: -1}, {x: 1.5}, {x: True}):
        with pytest.raises(ValidationError):
            activities.submit_ballot(store, p, workshop.id, a.id, bad)
    with pytest.raises(NotFound):
        activities.submit_ballot(store, p, workshop.id, a.id, {"no-such-option": 1})
    assert activities.my_ballot(store, a.id, p.participant_id) == {x: 1}


def test_empty_ballot_withdraws(store, facilitator, workshop, join):
    a = opened(store, facilitator, workshop)
    x = ids(store, a)[0]
    p = join("p").actor()
    activities.submit_ballot(store, p, workshop.id, a.id, {x: 1})
    activities.submit_ballot(store, p, workshop.id, a.id, {})
    res = activities.results(store, a.id)
    assert res.respondents == 0 and all(t.total == 0 for t in res.tallies)


def test_single_and_multiple_choice_limits(store, facilitator, workshop, join):
    single = opened(store, facilitator, workshop, kind="single")
    x, y, z = ids(store, single)
    p = join("p").actor()
    with pytest.raises(ValidationError, match="single_choice"):
        activities.submit_ballot(store, p, workshop.id, single.id, {x: 1, y: 1})
    with pytest.raises(ValidationError, match="one_per_choice"):
        activities.submit_ballot(store, p, workshop.id, single.id, {x: 2})
    activities.submit_ballot(store, p, workshop.id, single.id, {y: 1})
    multi = opened(store, facilitator, workshop, kind="multi", allowance=2)
    a, b, c = ids(store, multi)
    with pytest.raises(ValidationError, match="too_many_choices"):
        activities.submit_ballot(store, p, workshop.id, multi.id, {a: 1, b: 1, c: 1})
    activities.submit_ballot(store, p, workshop.id, multi.id, {a: 1, c: 1})
    assert activities.my_ballot(store, multi.id, p.participant_id) == {a: 1, c: 1}


def test_open_close_rules(store, facilitator, workshop, join):
    a = make(store, facilitator, workshop)
    p = join("p").actor()
    x = ids(store, a)[0]
    assert a.state == activities.DRAFT
    with pytest.raises(ValidationError, match="activity_not_open"):  # draft: not yet
        activities.submit_ballot(store, p, workshop.id, a.id, {x: 1})
    with pytest.raises(PermissionDenied):
        activities.open_activity(store, p, workshop.id, a.id)
    activities.open_activity(store, facilitator, workshop.id, a.id)
    with pytest.raises(ValidationError, match="already_open"):
        activities.open_activity(store, facilitator, workshop.id, a.id)
    activities.submit_ballot(store, p, workshop.id, a.id, {x: 1})
    # Opening another closes this one: one question at a time.
    b = opened(store, facilitator, workshop, options=("Yes", "No"), kind="single")
    assert activities.get_activity(store, a.id).state == activities.CLOSED
    assert [o.id for o in activities.open_activities(store, workshop.id)] == [b.id]
    assert activities.on_screen(store, workshop.id).id == b.id
    with pytest.raises(ValidationError, match="activity_not_open"):  # closed: no more votes
        activities.submit_ballot(store, p, workshop.id, a.id, {x: 0})
    activities.close_activity(store, facilitator, workshop.id, b.id)
    activities.open_activity(store, facilitator, workshop.id, a.id)  # reopening is allowed
    assert activities.results(store, a.id).tallies[0].total == 1
    with pytest.raises(PermissionDenied):  # the facilitator does not vote
        activities.submit_ballot(store, facilitator, workshop.id, a.id, {x: 1})


def test_participant_of_another_workshop_cannot_vote(store, facilitator, workshop, join):
    from tests.conftest import make_workshop
    from planning import participants

    other = make_workshop(store, facilitator, name="อื่น")
    stranger = participants.join(store, other.join_code, "s", "civil")[0].actor()
    a = opened(store, facilitator, workshop)
    with pytest.raises(PermissionDenied):
        activities.submit_ballot(store, stranger, workshop.id, a.id, {ids(store, a)[0]: 1})


def test_hidden_results_show_once_closed(store, facilitator, workshop):
    a = opened(store, facilitator, workshop, hide_results=True)
    assert not a.results_visible
    assert activities.close_activity(store, facilitator, workshop.id, a.id).results_visible
    assert opened(store, facilitator, workshop, options=("x", "y")).results_visible


def test_creation_is_validated(store, facilitator, workshop, join):
    with pytest.raises(ValidationError, match="too_few_options"):
        make(store, facilitator, workshop, options=("only",))
    with pytest.raises(ValidationError, match="duplicate_option"):
        make(store, facilitator, workshop, options=("Bus", " bus "))
    with pytest.raises(ValidationError, match="allowance_range"):
        make(store, facilitator, workshop, allowance=activities.DOTS_MAX + 1)
    with pytest.raises(ValidationError, match="allowance_range"):
        make(store, facilitator, workshop, kind="multi", allowance=4)  # 3 options
    with pytest.raises(ValidationError, match="required"):
        activities.create_activity(store, facilitator, workshop.id, kind="text", title=" ")
    with pytest.raises(PermissionDenied):
        make(store, join("p").actor(), workshop)
    assert activities.list_activities(store, workshop.id) == []


def test_options_from_swot_items_and_ideas(store, facilitator, workshop, join):
    p = join("p").actor()
    positioning.add_swot_item(store, p, workshop.id, "S", "river port")
    positioning.add_swot_item(store, p, workshop.id, "W", "floods")
    swot = make(store, facilitator, workshop, source="swot", options=None)
    assert [o.label for o in activities.options(store, swot.id)] == ["S1. river port", "W1. floods"]
    ideas.add_idea(store, p, workshop.id, "MOB", "solution", "smart bus stops")
    ideas.add_idea(store, p, workshop.id, "ENV", "solution", "PM2.5 sensors")
    ideas.add_idea(store, p, workshop.id, "ENV", "pain", "haze")  # pain points are not options
    idea_vote = make(store, facilitator, workshop, source="ideas", options=None)
    opts = activities.options(store, idea_vote.id)
    assert sorted((o.label, o.dimension) for o in opts) == [("PM2.5 sensors", "ENV"), ("smart bus stops", "MOB")]


def test_short_answers_grouped_ranked_and_limited(store, facilitator, workshop, join):
    a = activities.open_activity(store, facilitator, workshop.id, activities.create_activity(
        store, facilitator, workshop.id, kind="text", title="One word for the city", allowance=2,
        anonymous=False, display="cloud").id)
    p, q, r = join("Pim").actor(), join("Quan").actor(), join("Ratana").actor()
    activities.add_answer(store, p, workshop.id, a.id, "Green")
    activities.add_answer(store, q, workshop.id, a.id, " green ")
    activities.add_answer(store, r, workshop.id, a.id, "สะอาด")
    activities.add_answer(store, p, workshop.id, a.id, "สะอาด")
    with pytest.raises(ValidationError, match="duplicate_answer"):
        activities.add_answer(store, q, workshop.id, a.id, "GREEN")
    with pytest.raises(ValidationError, match="too_many_answers"):
        activities.add_answer(store, p, workshop.id, a.id, "safe")
    with pytest.raises(ValidationError, match="too_long"):
        activities.add_answer(store, r, workshop.id, a.id, "x" * (activities.ANSWER_MAX + 1))
    res = activities.results(store, a.id)
    assert [(t.label, t.total) for t in res.tallies] == [("Green", 2), ("สะอาด", 2)]
    assert res.tallies[0].names == ("Pim", "Quan") and res.respondents == 3


def test_anonymous_results_carry_no_names(store, facilitator, workshop, join):
    a = opened(store, facilitator, workshop)
    activities.submit_ballot(store, join("Pim").actor(), workshop.id, a.id, {ids(store, a)[0]: 1})
    assert activities.results(store, a.id).tallies[0].names == ()


def test_winning_ideas_become_candidate_projects_once(store, facilitator, workshop, join):
    p, q = join("p").actor(), join("q").actor()
    ideas.add_idea(store, p, workshop.id, "MOB", "solution", "smart bus stops")
    ideas.add_idea(store, p, workshop.id, "ENV", "solution", "PM2.5 sensors")
    ideas.add_idea(store, p, workshop.id, "LIV", "solution", "telehealth kiosks")
    a = make(store, facilitator, workshop, source="ideas", options=None, allowance=3)
    activities.open_activity(store, facilitator, workshop.id, a.id)
    by_label = {o.label: o.id for o in activities.options(store, a.id)}
    activities.submit_ballot(store, p, workshop.id, a.id, {by_label["PM2.5 sensors"]: 3})
    activities.submit_ballot(store, q, workshop.id, a.id, {by_label["smart bus stops"]: 2,
                                                          by_label["PM2.5 sensors"]: 1})
    with pytest.raises(ValidationError, match="close_first"):
        activities.promote_winners(store, facilitator, workshop.id, a.id, top=5)
    activities.close_activity(store, facilitator, workshop.id, a.id)
    assert activities.promote_winners(store, facilitator, workshop.id, a.id, top=5) == 2  # unvoted idea left out
    assert activities.promote_winners(store, facilitator, workshop.id, a.id, top=5) == 0
    cands = activities.candidates(store, workshop.id)
    assert [(c.title, c.dimension, c.votes) for c in cands] == [("PM2.5 sensors", "ENV", 4), ("smart bus stops", "MOB", 2)]
    activities.use_candidate(store, facilitator, workshop.id, cands[0].id, "project-1")
    assert [c.title for c in activities.candidates(store, workshop.id)] == ["smart bus stops"]
