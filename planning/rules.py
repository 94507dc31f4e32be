"""Domain rules in one place: comparisons that respect an indicator's direction."""
from __future__ import annotations

BETTER, WORSE, SAME = "better", "worse", "same"


def compare(value: float, reference: float, direction: str, tolerance: float = 1e-9) -> str:
    """Is `value` better, worse or the same as `reference` for an indicator of this direction?"""
    if direction not in ("higher", "lower"):
        raise ValueError(f"unknown direction {direction!r}")
    diff = value - reference
    if abs(diff) <= tolerance * max(1.0, abs(reference)):
        return SAME
    if direction == "lower":
        diff = -diff
    return BETTER if diff > 0 else WORSE


def gap(value: float, benchmark: float, direction: str) -> float:
    """Distance to the benchmark, signed so that positive always means better than it."""
    if direction not in ("higher", "lower"):
        raise ValueError(f"unknown direction {direction!r}")
    return value - benchmark if direction == "higher" else benchmark - value


def target_flags(baseline: float | None, t6: float | None, t12: float | None,
                 horizon: float | None, direction: str) -> list[str]:
    """Catalogue keys of what is wrong with a set of targets (empty when consistent).

    Each target must not move away from the baseline against the indicator's direction, and
    later targets must not fall behind earlier ones.
    """
    flags = []
    sign = 1 if direction == "higher" else -1
    chain = [("6m", t6), ("12m", t12), ("horizon", horizon)]
    if baseline is not None:
        for name, value in chain:
            if value is not None and sign * (value - baseline) < 0:
                flags.append(f"target.flag.wrong_way_{name}")
    present = [(n, v) for n, v in chain if v is not None]
    for (earlier, a), (later, b) in zip(present, present[1:]):
        if sign * (b - a) < 0:
            flags.append(f"target.flag.{later}_behind_{earlier}")
    return flags


# Smart City Steering Committee announcement 1/2562 and the BOI measure for smart-city area
# developers: Smart Environment plus at least one other dimension. A check, not a block.
REQUIRED_DIMENSION = "ENV"
MIN_OTHER_DIMENSIONS = 1


def dimension_rule(focus: list[str] | tuple[str, ...]) -> str | None:
    """None when the focus meets the rule, otherwise the catalogue key of the warning."""
    if REQUIRED_DIMENSION not in focus:
        return "focus.rule.needs_environment"
    if len([d for d in focus if d != REQUIRED_DIMENSION]) < MIN_OTHER_DIMENSIONS:
        return "focus.rule.needs_another"
    return None
