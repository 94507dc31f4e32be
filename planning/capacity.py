"""Capacity sessions: attendance by sector against the cohort target, and a short pre- and
post-session self-assessment (1-5 per question) whose change is shown per sector.

Attendance and answers are append-only rows; a participant's latest rating per question and
phase counts. Filling in an assessment also records attendance.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planning import live
from planning.errors import NotFound, PermissionDenied, ValidationError
from planning.participants import COHORT_TARGET, SECTORS
from planning.roles import PARTICIPANT, Actor, require_facilitator, require_member
from planning.store import Store, new_id, now
from planning.validation import clean_text
from planning.text import Key

PHASES = ("pre", "post", "closed")   # no phase row yet: not started
NOT_STARTED = "not_started"
TITLE_MAX = 200
QUESTION_MAX = 200
QUESTIONS_MIN, QUESTIONS_MAX = 1, 10
RATINGS = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class Session:
    id: str
    workshop_id: str
    title: str
    held_on: dt.date
    created_at: dt.datetime
    phase: str


@dataclass(frozen=True)
class Question:
    id: str
    position: int
    text: str


@dataclass(frozen=True)
class SectorChange:
    sector: str
    attended: int
    pre_people: int
    post_people: int
    pre_mean: float | None     # mean rating over all questions, 1-5
    post_mean: float | None

    @property
    def change(self) -> float | None:
        if self.pre_mean is None or self.post_mean is None:
            return None
        return self.post_mean - self.pre_mean


@dataclass(frozen=True)
class AttendanceRow:
    name: str
    sector: str
    first_seen: dt.datetime
    pre_done: bool
    post_done: bool


_SESSION_SQL = """
SELECT c.id, c.workshop_id, c.title, c.held_on, c.created_at, coalesce(p.phase, 'not_started')
FROM capacity_session c
LEFT JOIN (SELECT DISTINCT ON (session_id) session_id, phase FROM capacity_phase
           ORDER BY session_id, created_at DESC) p
       ON p.session_id = c.id
"""


def create_session(store: Store, actor: Actor, workshop_id: str, *, title: str, held_on: dt.date,
                   questions: list[str]) -> Session:
    require_facilitator(actor)
    title = clean_text(title, "field.session_title", TITLE_MAX)
    if not isinstance(held_on, dt.date):
        raise ValidationError("error.required", field=Key("field.session_date"))
    cleaned = [clean_text(q, "field.question", QUESTION_MAX) for q in questions if (q or "").strip()]
    if not QUESTIONS_MIN <= len(cleaned) <= QUESTIONS_MAX:
        raise ValidationError("error.question_count", min=QUESTIONS_MIN, max=QUESTIONS_MAX)
    session_id = new_id()
    with store.transaction() as cur:
        cur.execute("INSERT INTO capacity_session VALUES (?, ?, ?, ?, ?)",
                    [session_id, workshop_id, title, held_on, now()])
        for position, text in enumerate(cleaned, start=1):
            cur.execute("INSERT INTO capacity_question VALUES (?, ?, ?, ?)", [new_id(), session_id, position, text])
    return get_session(store, session_id)


def get_session(store: Store, session_id: str) -> Session:
    with store.cursor() as cur:
        row = cur.execute(_SESSION_SQL + " WHERE c.id = ?", [session_id]).fetchone()
    if row is None:
        raise NotFound("error.session_not_found")
    return Session(*row)


def list_sessions(store: Store, workshop_id: str) -> list[Session]:
    with store.cursor() as cur:
        rows = cur.execute(_SESSION_SQL + " WHERE c.workshop_id = ? ORDER BY c.held_on DESC, c.created_at DESC",
                           [workshop_id]).fetchall()
    return [Session(*r) for r in rows]


def questions(store: Store, session_id: str) -> list[Question]:
    with store.cursor() as cur:
        rows = cur.execute("SELECT id, position, text FROM capacity_question WHERE session_id = ?"
                           " ORDER BY position", [session_id]).fetchall()
    return [Question(*r) for r in rows]


def set_phase(store: Store, actor: Actor, workshop_id: str, session_id: str, phase: str) -> Session:
    """pre -> post -> closed; a phase may be reopened (late arrivals), never skipped backwards
    from a closed session without the facilitator choosing it."""
    require_facilitator(actor)
    if phase not in PHASES:
        raise ValidationError("error.bad_choice", field=Key("field.phase"))
    session = get_session(store, session_id)
    if session.workshop_id != workshop_id:
        raise NotFound("error.session_not_found")
    if session.phase == phase:
        return session
    with store.cursor() as cur:
        cur.execute("INSERT INTO capacity_phase VALUES (?, ?, ?)", [session_id, phase, now()])
    live.changed(store, workshop_id)
    return get_session(store, session_id)


def open_sessions(store: Store, workshop_id: str) -> list[Session]:
    return [s for s in list_sessions(store, workshop_id) if s.phase in ("pre", "post")]


def open_now(store: Store, workshop_id: str) -> tuple[Session, ...]:
    """The sessions in check-in or assessment as the phones see them: one reading shared by every
    phone for a second, read again at once after a phase changes in this process (planning.live).
    A new session starts not yet open; only set_phase opens or closes one, and it calls live.changed."""
    return live.shared(store, workshop_id, "open_sessions", lambda: tuple(open_sessions(store, workshop_id)))


def _for_participant(store: Store, actor: Actor, workshop_id: str, session_id: str) -> Session:
    require_member(actor, workshop_id)
    if actor.role != PARTICIPANT:
        raise PermissionDenied("error.participants_only")
    session = get_session(store, session_id)
    if session.workshop_id != workshop_id:
        raise NotFound("error.session_not_found")
    if session.phase not in ("pre", "post"):
        raise ValidationError("error.session_not_open")
    return session


def check_in(store: Store, actor: Actor, workshop_id: str, session_id: str) -> None:
    _for_participant(store, actor, workshop_id, session_id)
    with store.cursor() as cur:
        cur.execute("INSERT INTO capacity_attendance VALUES (?, ?, ?)", [session_id, actor.participant_id, now()])


def submit_assessment(store: Store, actor: Actor, workshop_id: str, session_id: str,
                      ratings: dict[str, int], phase: str | None = None) -> None:
    """Every question rated 1-5, in the phase that is open now; attendance recorded with it.

    `phase` is the phase the form was shown for: answers given "before the session" are refused,
    not stored as "after", when the facilitator has moved on meanwhile."""
    session = _for_participant(store, actor, workshop_id, session_id)
    if phase is not None and phase != session.phase:
        raise ValidationError("error.session_phase_changed")
    qs = questions(store, session_id)
    if set(ratings or {}) - {q.id for q in qs}:
        raise NotFound("error.question_not_found")
    for q in qs:
        value = (ratings or {}).get(q.id)
        if value not in RATINGS:
            raise ValidationError("error.assessment_range", question=q.position)
    at = now()
    with store.transaction() as cur:
        cur.execute("INSERT INTO capacity_attendance VALUES (?, ?, ?)", [session_id, actor.participant_id, at])
        for q in qs:
            cur.execute("INSERT INTO capacity_answer VALUES (?, ?, ?, ?, ?, ?)",
                        [session_id, actor.participant_id, session.phase, q.id, ratings[q.id], at])


def my_status(store: Store, session_id: str, participant_id: str) -> dict[str, bool]:
    with store.cursor() as cur:
        attended = cur.execute("SELECT count(*) FROM capacity_attendance WHERE session_id = ? AND participant_id = ?",
                               [session_id, participant_id]).fetchone()[0] > 0
        phases = {r[0] for r in cur.execute("SELECT DISTINCT phase FROM capacity_answer"
                                            " WHERE session_id = ? AND participant_id = ?",
                                            [session_id, participant_id]).fetchall()}
    return {"attended": attended, "pre": "pre" in phases, "post": "post" in phases}


def attendance_by_sector(store: Store, session_id: str) -> dict[str, int]:
    """Distinct people per sector, however often they checked in."""
    with store.cursor() as cur:
        rows = cur.execute(
            "SELECT p.sector, count(DISTINCT a.participant_id) FROM capacity_attendance a"
            " JOIN participant p ON p.id = a.participant_id WHERE a.session_id = ? GROUP BY p.sector",
            [session_id]).fetchall()
    counts = dict.fromkeys(SECTORS, 0)
    counts.update(dict(rows))
    return counts


def sector_counts(roster: list["AttendanceRow"]) -> dict[str, int]:
    """People per sector from an attendance list: counts and list shown together come from one read."""
    counts = dict.fromkeys(SECTORS, 0)
    for row in roster:
        counts[row.sector] += 1
    return counts


def target_met(counts: dict[str, int], target: int = COHORT_TARGET) -> bool:
    """At least the cohort target in total and somebody from every sector (seed 002, 3.3)."""
    return sum(counts.values()) >= target and all(counts.get(s, 0) > 0 for s in SECTORS)


_CHANGE_SQL = """
WITH latest AS (
    SELECT DISTINCT ON (participant_id, phase, question_id) participant_id, phase, question_id, rating
    FROM capacity_answer WHERE session_id = ? ORDER BY participant_id, phase, question_id, created_at DESC
)
SELECT p.sector, l.phase, count(DISTINCT l.participant_id), avg(l.rating::DOUBLE PRECISION)
FROM latest l JOIN participant p ON p.id = l.participant_id
GROUP BY p.sector, l.phase
"""


def change_by_sector(store: Store, session_id: str, attended: dict[str, int] | None = None) -> list[SectorChange]:
    """Mean self-rating before and after, per sector, plus everybody as the last row ('all');
    `attended` (people per sector) when the caller has already counted them."""
    attended = attendance_by_sector(store, session_id) if attended is None else attended
    with store.cursor() as cur:
        rows = cur.execute(_CHANGE_SQL, [session_id]).fetchall()
        overall = dict(((ph, (n, m)) for ph, n, m in cur.execute(
            "WITH latest AS (SELECT DISTINCT ON (participant_id, phase, question_id) participant_id, phase, rating"
            " FROM capacity_answer WHERE session_id = ? ORDER BY participant_id, phase, question_id, created_at DESC)"
            " SELECT phase, count(DISTINCT participant_id), avg(rating::DOUBLE PRECISION) FROM latest GROUP BY phase",
            [session_id]).fetchall()))
    by = {(sector, phase): (n, mean) for sector, phase, n, mean in rows}
    out = []
    for s in SECTORS:
        pre, post = by.get((s, "pre"), (0, None)), by.get((s, "post"), (0, None))
        out.append(SectorChange(s, attended[s], pre[0], post[0], pre[1], post[1]))
    pre, post = overall.get("pre", (0, None)), overall.get("post", (0, None))
    out.append(SectorChange("all", sum(attended.values()), pre[0], post[0], pre[1], post[1]))
    return out


def attendance_list(store: Store, session_id: str) -> list[AttendanceRow]:
    """Who attended (for certificates), in the order they arrived."""
    with store.cursor() as cur:
        rows = cur.execute(
            "SELECT p.display_name, p.sector, min(a.created_at),"
            "  EXISTS (SELECT 1 FROM capacity_answer x WHERE x.session_id = ? AND x.participant_id = p.id AND x.phase = 'pre'),"
            "  EXISTS (SELECT 1 FROM capacity_answer x WHERE x.session_id = ? AND x.participant_id = p.id AND x.phase = 'post')"
            " FROM capacity_attendance a JOIN participant p ON p.id = a.participant_id"
            " WHERE a.session_id = ? GROUP BY p.id, p.display_name, p.sector ORDER BY 3",
            [session_id, session_id, session_id]).fetchall()
    return [AttendanceRow(*r) for r in rows]
