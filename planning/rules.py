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
