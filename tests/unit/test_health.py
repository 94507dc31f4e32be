"""The network health check: a rating activity over seed 001's seven components, means by
sector and for everyone, the weakest component with its advice, and change between checks."""
import pytest

from planning import activities, health
from planning.errors import ValidationError


def health_check(store, facilitator, workshop, title="ตรวจสุขภาพเครือข่าย"):
    a = activities.create_activity(store, facilitator, workshop.id, kind="rating", source="health",
                                   title=title, options=[])
    return activities.open_activity(store, facilitator, workshop.id, a.id)


def option_ids(store, activity):
    """component id -> option id"""
    return {o.ref_id: o.id for o in activities.options(store, activity.id)}


def rate(store, workshop, activity, participant, ratings):
    opts = option_ids(store, activity)
    activities.submit_ballot(store, participant.actor(), workshop.id, activity.id,
                             {opts[c]: r for c, r in ratings.items()})


def test_seven_components_in_seed_order_with_advice_in_both_languages():
    comps = health.components()
    assert [c.id for c in comps] == ["perception", "vision", "benefits", "participation",
                                     "complementary", "interdependence", "interaction"]
    for c in comps:
        assert c.name("th") and c.name("en") and c.statement("th") and c.advice("th") and c.advice("en")
        assert c.name("th") != c.name("en")
    assert health.component("vision").name("th") == "การมีวิสัยทัศน์ร่วมกัน"
    assert health.component("nope") is None


def test_a_health_check_offers_the_components_and_rates_one_to_five(store, facilitator, workshop, join):
    a = health_check(store, facilitator, workshop)
    assert a.kind == "rating" and a.allowance == activities.RATING_MAX
    assert list(option_ids(store, a)) == [c.id for c in health.components()]
    p = join("p")
    opts = option_ids(store, a)
    for bad in (6, -1, 2.5):
        with pytest.raises(ValidationError) as e:
            activities.submit_ballot(store, p.actor(), workshop.id, a.id, {opts["vision"]: bad})
        assert e.value.key in ("error.rating_range", "error.dots_whole")
    rate(store, workshop, a, p, {"vision": 5, "perception": 1, "benefits": 0})   # 0: not rated
    assert activities.my_ballot(store, a.id, p.id) == {opts["vision"]: 5, opts["perception"]: 1}


def test_health_source_only_for_ratings(store, facilitator, workshop):
    with pytest.raises(ValidationError):
        activities.create_activity(store, facilitator, workshop.id, kind="dots", source="health",
                                   title="x", options=[])


def test_means_by_sector_and_for_everyone_count_the_newest_ballot(store, facilitator, workshop, join):
    a = health_check(store, facilitator, workshop)
    gov, gov2, civil = join("g1", "government"), join("g2", "government"), join("c1", "civil")
    rate(store, workshop, a, gov, {"vision": 2, "interaction": 4})
    rate(store, workshop, a, gov, {"vision": 4, "interaction": 4})    # changes their mind: only this counts
    rate(store, workshop, a, gov2, {"vision": 2})                      # skips interaction
    rate(store, workshop, a, civil, {"vision": 1, "interaction": 2})
    r = health.result(store, a.id)
    assert r.means[health.ALL]["vision"] == pytest.approx((4 + 2 + 1) / 3)
    assert r.means[health.ALL]["interaction"] == pytest.approx(3.0)    # over the two who rated it
    assert r.means["government"] == {"vision": pytest.approx(3.0), "interaction": pytest.approx(4.0)}
    assert r.means["civil"] == {"vision": pytest.approx(1.0), "interaction": pytest.approx(2.0)}
    assert r.people[health.ALL] == 3 and r.people["government"] == 2 and r.people["civil"] == 1
    assert r.people["private"] == 0
    assert r.weakest().id == "vision"   # 2.33 against interaction's 3.0
    # the generic results agree: the sum of ratings and the people who rated each component
    tallies = {t.key: t for t in activities.results(store, a.id).tallies}
    opts = option_ids(store, a)
    assert tallies[opts["vision"]].mean == pytest.approx(7 / 3)
    assert tallies[opts["interaction"]].people == 2
    assert [t.key for t in activities.results(store, a.id).tallies] == list(opts.values())  # seed order


def test_weakest_takes_the_first_in_order_on_a_tie_and_none_before_anyone_rates(store, facilitator, workshop, join):
    a = health_check(store, facilitator, workshop)
    assert health.result(store, a.id).weakest() is None
    rate(store, workshop, a, join("p"), {"interaction": 2, "benefits": 2, "vision": 5})
    assert health.result(store, a.id).weakest().id == "benefits"


def test_history_and_change_between_checks(store, facilitator, workshop, join):
    p = join("p")
    first = health_check(store, facilitator, workshop, "ครั้งที่ 1")
    rate(store, workshop, first, p, {"vision": 2, "benefits": 3})
    activities.close_activity(store, facilitator, workshop.id, first.id)
    draft = activities.create_activity(store, facilitator, workshop.id, kind="rating", source="health",
                                       title="ยังไม่เปิด", options=[])
    second = health_check(store, facilitator, workshop, "ครั้งที่ 2")
    rate(store, workshop, second, p, {"vision": 4, "interaction": 5})
    assert [c.id for c in health.checks(store, workshop.id)] == [first.id, second.id]  # not the draft
    assert draft.id not in [c.id for c in health.checks(store, workshop.id)]
    older, newer = health.history(store, workshop.id)
    assert health.change(older, newer) == {"vision": pytest.approx(2.0)}   # only where both rated
