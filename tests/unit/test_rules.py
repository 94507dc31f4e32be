import pytest

from planning import rules


@pytest.mark.parametrize("value, bench, direction, expected", [
    (30, 25, "higher", 5), (30, 25, "lower", -5), (20, 25, "lower", 5), (20, 25, "higher", -5),
])
def test_gap_is_positive_when_better(value, bench, direction, expected):
    assert rules.gap(value, bench, direction) == expected


def test_consistent_targets_raise_no_flags():
    assert rules.target_flags(10, 12, 14, 20, "higher") == []
    assert rules.target_flags(30, 28, 26, 20, "lower") == []
    assert rules.target_flags(10, 10, 10, 10, "higher") == []  # holding the line is allowed
    assert rules.target_flags(None, 5, None, 9, "higher") == []


@pytest.mark.parametrize("args, flags", [
    ((10, 9, 12, 20, "higher"), ["target.flag.wrong_way_6m"]),
    ((30, 31, 29, 20, "lower"), ["target.flag.wrong_way_6m"]),
    ((10, 9, 8, 20, "higher"), ["target.flag.wrong_way_6m", "target.flag.wrong_way_12m",
                                "target.flag.12m_behind_6m"]),
    ((10, 12, 11, 20, "higher"), ["target.flag.12m_behind_6m"]),
    ((30, 28, 29, 20, "lower"), ["target.flag.12m_behind_6m"]),
    ((10, 12, 14, 13, "higher"), ["target.flag.horizon_behind_12m"]),
    ((10, 12, None, 11, "higher"), ["target.flag.horizon_behind_6m"]),
    ((10, 12, 14, 8, "higher"), ["target.flag.wrong_way_horizon", "target.flag.horizon_behind_12m"]),
])
def test_wrong_way_and_backward_targets_are_flagged(args, flags):
    assert rules.target_flags(*args) == flags


@pytest.mark.parametrize("focus, expected", [
    (["ENV", "MOB"], None), (["ENV", "ECO", "GOV"], None),
    (["ENV"], "focus.rule.needs_another"), (["MOB", "LIV"], "focus.rule.needs_environment"),
    ([], "focus.rule.needs_environment"),
])
def test_dimension_rule(focus, expected):
    assert rules.dimension_rule(focus) == expected
