import pytest

from planning import ideas, summary
from planning.errors import NotFound, PermissionDenied, ValidationError


def test_ideas_ranked_by_mean_impact_times_feasibility(store, workshop, join):
    a, b = join("a", "civil").actor(), join("b", "private").actor()
    low = ideas.add_idea(store, a, workshop.id, "ENV", "pain", "low")
    high = ideas.add_idea(store, b, workshop.id, "ENV", "solution", "high")
    ideas.add_idea(store, a, workshop.id, "ENV", "solution", "unscored")
    ideas.add_idea(store, a, workshop.id, "MOB", "pain", "other dimension")
    ideas.score_idea(store, a, workshop.id, low, 2, 2)
    ideas.score_idea(store, a, workshop.id, high, 5, 4)
    ideas.score_idea(store, b, workshop.id, high, 3, 4)
    results = ideas.idea_results(store, workshop.id, "ENV", a.participant_id)
    assert [r.text for r in results] == ["high", "low", "unscored"]
    top = results[0]
    assert (top.scores, top.impact, top.feasibility, top.priority) == (2, 4.0, 4.0, 16.0)
    assert (top.my_impact, top.my_feasibility) == (5, 4)
    assert results[2].scores == 0 and results[2].priority == 0
    assert len(ideas.idea_results(store, workshop.id)) == 4


def test_rescoring_replaces_the_participants_earlier_score(store, workshop, join):
    a = join("a").actor()
    idea = ideas.add_idea(store, a, workshop.id, "GOV", "pain", "queue")
    ideas.score_idea(store, a, workshop.id, idea, 1, 1)
    ideas.score_idea(store, a, workshop.id, idea, 5, 5)
    (r,) = ideas.idea_results(store, workshop.id, "GOV")
    assert (r.scores, r.impact, r.feasibility) == (1, 5.0, 5.0)
    with store.cursor() as cur:  # append-only: both rows are kept
        assert cur.execute("SELECT count(*) FROM idea_score").fetchone()[0] == 2


@pytest.mark.parametrize("impact, feasibility", [(0, 3), (6, 3), (3, 0), ("3", 3), (True, 3), (2.5, 3)])
def test_scores_outside_one_to_five_are_refused(store, workshop, join, impact, feasibility):
    a = join("a").actor()
    idea = ideas.add_idea(store, a, workshop.id, "GOV", "pain", "x")
    with pytest.raises(ValidationError):
        ideas.score_idea(store, a, workshop.id, idea, impact, feasibility)
    assert ideas.idea_results(store, workshop.id)[0].scores == 0


def test_who_may_score_and_rate(store, facilitator, workshop, join):
    a = join("a").actor()
    idea = ideas.add_idea(store, facilitator, workshop.id, "ENV", "solution", "by facilitator")
    with pytest.raises(PermissionDenied):
        ideas.score_idea(store, facilitator, workshop.id, idea, 3, 3)
    with pytest.raises(PermissionDenied):
        ideas.rate_maturity(store, facilitator, workshop.id, "ENV", 3)
    with pytest.raises(NotFound):
        ideas.score_idea(store, a, workshop.id, "missing", 3, 3)
    with pytest.raises(PermissionDenied):
        ideas.save_focus(store, a, workshop.id, ["ENV", "MOB"], "because")
    for kind, dim, text in (("idea", "ENV", "x"), ("pain", "XXX", "x"), ("pain", "ENV", " ")):
        with pytest.raises(ValidationError):
            ideas.add_idea(store, a, workshop.id, dim, kind, text)


def test_maturity_overall_and_by_sector_with_latest_rating(store, workshop, join):
    gov1, gov2, civ = (join("g1", "government").actor(), join("g2", "government").actor(),
                       join("c", "civil").actor())
    ideas.rate_maturity(store, gov1, workshop.id, "ENV", 1)
    ideas.rate_maturity(store, gov1, workshop.id, "ENV", 4)  # changes their mind
    ideas.rate_maturity(store, gov2, workshop.id, "ENV", 2)
    ideas.rate_maturity(store, civ, workshop.id, "ENV", 5)
    ideas.rate_maturity(store, civ, workshop.id, "GOV", 2)
    rows = {(r.dimension, r.sector): (r.mean, r.raters) for r in ideas.maturity_summary(store, workshop.id)}
    assert rows[("ENV", "all")] == (11 / 3, 3)
    assert rows[("ENV", "government")] == (3.0, 2) and rows[("ENV", "civil")] == (5.0, 1)
    assert rows[("GOV", "all")] == (2.0, 1)
    assert ideas.sector_spread(ideas.maturity_summary(store, workshop.id)) == {"ENV": 2.0, "GOV": 0.0}
    assert ideas.my_maturity(store, workshop.id, gov1.participant_id) == {"ENV": 4}
    with pytest.raises(ValidationError):
        ideas.rate_maturity(store, civ, workshop.id, "ENV", 6)


def test_focus_with_rule_check(store, facilitator, workshop):
    assert ideas.current_focus(store, workshop.id) is None
    f = ideas.save_focus(store, facilitator, workshop.id, ["MOB", "LIV"], "เหตุผล")
    assert f.dimensions == ("MOB", "LIV") and f.rule_warning == "focus.rule.needs_environment"
    f = ideas.save_focus(store, facilitator, workshop.id, ["LIV", "ENV"], "เหตุผล")
    assert f.dimensions == ("ENV", "LIV") and f.rule_warning is None
    for dims, rationale in ((["ENV"], ""), ([], "x"), (["ENV", "XYZ"], "x")):
        with pytest.raises(ValidationError):
            ideas.save_focus(store, facilitator, workshop.id, dims, rationale)
    assert ideas.current_focus(store, workshop.id).dimensions == ("ENV", "LIV")


def test_summary_covers_seven_dimensions(store, facilitator, workshop, join):
    from planning import indicators
    from planning.indicators import IndicatorValues

    a = join("a").actor()
    indicators.save_values(store, facilitator, workshop.id, [IndicatorValues("ENV-PM25", 30.0, 2024, None, 25.0)])
    idea = ideas.add_idea(store, a, workshop.id, "ENV", "solution", "sensors")
    ideas.score_idea(store, a, workshop.id, idea, 4, 4)
    ideas.rate_maturity(store, a, workshop.id, "ENV", 2)
    ideas.save_focus(store, facilitator, workshop.id, ["ENV", "MOB"], "x")
    rows = summary.dimension_summary(store, workshop.id)
    assert [r.dimension.code for r in rows] == ["ENV", "ECO", "MOB", "ENE", "PEO", "LIV", "GOV"]
    env = rows[0]
    assert env.focus and env.maturity == 2.0 and [i.text for i in env.top_ideas] == ["sensors"]
    assert [r.indicator.code for r in env.indicators] == ["ENV-PM25"] and env.indicators[0].gap == -5.0
    assert rows[2].focus and not rows[1].focus and rows[1].indicators == []
