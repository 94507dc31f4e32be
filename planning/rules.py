"""Domain rules in one place: comparisons that respect an indicator's direction."""
from __future__ import annotations

import datetime as dt

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


# ---- checkpoint status ------------------------------------------------------------------------
# DOMAIN.md section 4, "Status colours": progress against what was expected by the checkpoint,
# respecting direction. One rule, used for indicators, projects and roll-ups alike.
ON_TRACK, BEHIND, AT_RISK, NO_DATA = "on_track", "behind", "at_risk", "no_data"
STATUSES = (ON_TRACK, BEHIND, AT_RISK, NO_DATA)
ON_TRACK_MIN = 0.95   # at least 95 % of the expected progress
BEHIND_MIN = 0.85     # 85 % up to 95 %; below 85 % is at risk
STATUS_COLOURS = {ON_TRACK: "#16a34a", BEHIND: "#f59e0b", AT_RISK: "#dc2626", NO_DATA: "#94a3b8"}


def status_of(ratio: float | None) -> str:
    """Status colour of a progress ratio (1.0 = exactly what was expected by now)."""
    if ratio is None:
        return NO_DATA
    if ratio >= ON_TRACK_MIN - 1e-12:
        return ON_TRACK
    if ratio >= BEHIND_MIN - 1e-12:
        return BEHIND
    return AT_RISK


def expected_value(baseline: float | None, t6: float | None, t12: float | None, horizon: float | None,
                   horizon_months: int, months: int) -> float | None:
    """What the indicator should read `months` after the start: the targets at 6 and 12 months and
    at the horizon, straight lines between them (and from the baseline), flat after the last."""
    if baseline is None:
        return None
    points = {0: baseline}
    for m, v in ((6, t6), (12, t12), (horizon_months, horizon)):
        if v is not None and m > 0:
            points[m] = v
    known = sorted(points.items())
    if months >= known[-1][0]:
        return known[-1][1]
    for (m0, v0), (m1, v1) in zip(known, known[1:]):
        if m0 <= months <= m1:
            return v0 + (v1 - v0) * (months - m0) / (m1 - m0)
    return baseline


def indicator_progress(baseline: float | None, expected: float | None, actual: float | None,
                       direction: str) -> float | None:
    """Share of the expected improvement achieved (negative when it moved the wrong way). When no
    improvement was expected (hold the line), the ratio of actual to expected value, capped at 1."""
    if baseline is None or expected is None or actual is None:
        return None
    if direction not in ("higher", "lower"):
        raise ValueError(f"unknown direction {direction!r}")
    sign = 1 if direction == "higher" else -1
    wanted = sign * (expected - baseline)
    achieved = sign * (actual - baseline)
    if wanted > 1e-9 * max(1.0, abs(baseline)):
        return achieved / wanted
    if compare(actual, expected, direction) != WORSE:
        return 1.0
    if direction == "higher":
        return actual / expected if expected > 0 else 0.0
    return expected / actual if actual > 0 else 0.0


def expected_percent(start: dt.date, end: dt.date, day: dt.date) -> float:
    """How far through its period a project should be on `day` (0-100, even pace)."""
    if day <= start:
        return 0.0
    if day >= end:
        return 100.0
    return 100.0 * (day - start).days / max(1, (end - start).days)


def project_progress(percent: float | None, expected_pct: float, state: str | None = None) -> float | None:
    """Percent complete against percent expected; a project not due yet counts as on track."""
    if state == "cancelled":
        return None
    if state == "done":
        return 1.0
    if percent is None:
        return None
    if expected_pct <= 0:
        return 1.0
    return percent / expected_pct


def rollup(items: list[tuple[float | None, float]]) -> float | None:
    """Weighted mean of progress ratios, each held to 0..1 so one item far ahead cannot hide
    another far behind; items without data are left out."""
    scored = [(max(0.0, min(1.0, r)), w) for r, w in items if r is not None and w > 0]
    total = sum(w for _, w in scored)
    if not scored or total <= 0:
        return None
    return sum(r * w for r, w in scored) / total


# ---- plausibility of a checkpoint value --------------------------------------------------------
# An actual ten times its baseline (or a tenth of it), or of the other sign, is far more often a
# slip (a unit, a decimal point, a cell in the wrong row) than a change within six months. Such a
# value is saved only after the facilitator confirms it; it is never refused.
RATIO_DOUBT = 10.0


def implausible_actual(value: float, baseline: float | None) -> tuple[str, dict] | None:
    """A warning (catalogue key, parameters) when `value` is implausible against the baseline."""
    if baseline is None or baseline == 0 or value is None:
        return None
    if (value < 0) != (baseline < 0) and value != 0:
        return "warn.actual_sign", {"value": f"{value:,.6g}", "baseline": f"{baseline:,.6g}"}
    ratio = abs(value) / abs(baseline)
    if ratio >= RATIO_DOUBT:
        return "warn.actual_ratio", {"ratio": f"{ratio:,.0f}", "value": f"{value:,.6g}", "baseline": f"{baseline:,.6g}"}
    if value != 0 and ratio <= 1 / RATIO_DOUBT:
        return "warn.actual_fraction", {"ratio": f"{1 / ratio:,.0f}", "value": f"{value:,.6g}",
                                        "baseline": f"{baseline:,.6g}"}
    return None
