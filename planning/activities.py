"""Live activities the facilitator opens and closes: dot voting, single and multiple-choice polls,
ratings (each option 1-5; the network health check is one), short-text answers. Ballots and
answers are append-only; results are queries.

Rules: participants vote only while an activity is open; a new ballot replaces the participant's
previous one (no double votes); dots per person and choices per person are capped; opening an
activity closes any other open one, so the room and the projector follow one question at a time.
An opening may carry a countdown: it is shown, it never closes anything (closing is the
facilitator's act). Short answers the facilitator hides (or, for a moderated activity, has not
shown yet) never reach the results that the projector and phones get.
"""
from __future__ import annotations

import dataclasses
import threading
import datetime as dt
import unicodedata
from dataclasses import dataclass

from planning import ideas, live, positioning, projects
from planning.errors import NotFound, PermissionDenied, ValidationError
from planning.roles import PARTICIPANT, Actor, require_facilitator, require_member
from planning.store import Store, new_id, now
from planning.validation import clean_text
from planning.text import Key

KINDS = ("dots", "single", "multi", "rating", "text")
SOURCES = ("options", "swot", "ideas", "projects", "health")
RATING_MAX = 5         # ratings run 1..RATING_MAX
DISPLAYS = ("ranked", "cloud")
DRAFT, OPEN, CLOSED = "draft", "open", "closed"
TITLE_MAX = 200
OPTION_MAX = 200
ANSWER_MAX = 80
OPTIONS_MIN, OPTIONS_MAX = 2, 40
DOTS_MAX = 10          # dots a facilitator may hand each person
ANSWERS_MAX = 5        # short answers per person
TIMER_MIN, TIMER_MAX = 10, 60 * 60   # seconds a countdown may run


@dataclass(frozen=True)
class Option:
    id: str
    position: int
    label: str
    ref_id: str | None
    dimension: str | None


@dataclass(frozen=True)
class Activity:
    id: str
    workshop_id: str
    kind: str
    title: str
    source: str
    allowance: int
    anonymous: bool
    hide_results: bool
    display: str
    created_at: dt.datetime
    state: str
    state_at: dt.datetime | None
    moderated: bool = False               # answers wait until the facilitator shows them
    ends_at: dt.datetime | None = None    # the countdown of the current opening (UTC), if any

    @property
    def results_visible(self) -> bool:
        """Everyone (projector included) sees results unless they are hidden until closing."""
        return not self.hide_results or self.state == CLOSED

    def seconds_left(self, at: dt.datetime | None = None) -> float | None:
        """Seconds left on the countdown while open (0 once it has run out); None without one."""
        if self.state != OPEN or self.ends_at is None:
            return None
        return max(0.0, (self.ends_at - (at or now())).total_seconds())


@dataclass(frozen=True)
class Tally:
    key: str              # option id, or the normalised answer
    label: str
    total: int            # dots (for ratings: the sum of the ratings), or how many gave the answer
    people: int
    names: tuple[str, ...]  # empty for anonymous activities
    share: float = 0.0    # of all dots given (dot votes), else of the people who responded

    @property
    def mean(self) -> float | None:
        """A rating's mean over the people who rated it."""
        return self.total / self.people if self.people else None


@dataclass(frozen=True)
class Results:
    activity: Activity
    respondents: int
    tallies: tuple[Tally, ...]   # best first


_ACTIVITY_SQL = """
SELECT a.id, a.workshop_id, a.kind, a.title, a.source, a.allowance, a.anonymous, a.hide_results,
       a.display, a.created_at, coalesce(s.state, 'draft'), s.created_at, coalesce(a.moderated, FALSE),
       s.ends_at
FROM activity a
LEFT JOIN (SELECT DISTINCT ON (activity_id) activity_id, state, created_at, ends_at  -- the newest row
           FROM activity_state ORDER BY activity_id, created_at DESC) s ON s.activity_id = a.id
"""


def _options_from_source(store: Store, workshop_id: str, source: str, labels: list[str] | None
                         ) -> list[tuple[str, str | None, str | None]]:
    if source == "options":
        cleaned = [clean_text(x, "field.option", OPTION_MAX) for x in (labels or []) if (x or "").strip()]
        keys = [unicodedata.normalize("NFC", x).casefold() for x in cleaned]
        if len(set(keys)) != len(keys):
            raise ValidationError("error.duplicate_option")
        return [(x, None, None) for x in cleaned]
    if source == "swot":
        board = positioning.swot_board(store, workshop_id)
        return [(f"{q}{i.number}. {i.text}", i.id, None) for q in positioning.QUADRANTS for i in board[q]]
    if source == "ideas":
        return [(i.text, i.id, i.dimension) for i in ideas.idea_results(store, workshop_id) if i.kind == "solution"]
    if source == "health":   # the seven components of a network (seed 001); labels are shown from the catalogue
        from planning import health
        return [(c.name_th, c.id, None) for c in health.components()]
    return [(p.name, p.id, p.dimensions[0] if p.dimensions else None)
            for p in projects.list_projects(store, workshop_id)]


def create_activity(store: Store, actor: Actor, workshop_id: str, *, kind: str, title: str,
                    source: str = "options", options: list[str] | None = None, allowance: int = 1,
                    anonymous: bool = True, hide_results: bool = False, display: str = "ranked",
                    moderated: bool = False) -> Activity:
    """moderated (short answers only): answers reach the screen once the facilitator shows them."""
    require_facilitator(actor)
    if kind not in KINDS:
        raise ValidationError("error.bad_choice", field=Key("field.activity_kind"))
    if source not in SOURCES or (kind == "text" and source != "options") or (source == "health" and kind != "rating"):
        raise ValidationError("error.bad_choice", field=Key("field.activity_source"))
    if display not in DISPLAYS:
        raise ValidationError("error.bad_choice", field=Key("field.activity_display"))
    title = clean_text(title, "field.activity_title", TITLE_MAX)
    if kind == "single":
        allowance = 1
    if kind == "rating":
        allowance = RATING_MAX
    limit = ANSWERS_MAX if kind == "text" else RATING_MAX if kind == "rating" else DOTS_MAX
    if not isinstance(allowance, int) or isinstance(allowance, bool) or not 1 <= allowance <= limit:
        raise ValidationError("error.allowance_range", max=limit)
    opts = [] if kind == "text" else _options_from_source(store, workshop_id, source, options)
    if kind != "text":
        if len(opts) < OPTIONS_MIN:
            raise ValidationError("error.too_few_options", min=OPTIONS_MIN)
        if len(opts) > OPTIONS_MAX:
            raise ValidationError("error.too_many_options", max=OPTIONS_MAX)
        if kind == "multi" and allowance > len(opts):
            raise ValidationError("error.allowance_range", max=len(opts))
    activity_id = new_id()
    with store.transaction() as cur:
        cur.execute("INSERT INTO activity (id, workshop_id, kind, title, source, allowance, anonymous,"
                    " hide_results, display, created_at, moderated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [activity_id, workshop_id, kind, title, source, allowance, bool(anonymous),
                     bool(hide_results), display, now(), bool(moderated) and kind == "text"])
        for position, (label, ref_id, dimension) in enumerate(opts, start=1):
            cur.execute("INSERT INTO activity_option VALUES (?, ?, ?, ?, ?, ?)",
                        [new_id(), activity_id, position, label[:OPTION_MAX], ref_id, dimension])
    return get_activity(store, activity_id)


def get_activity(store: Store, activity_id: str) -> Activity:
    with store.cursor() as cur:
        row = cur.execute(_ACTIVITY_SQL + " WHERE a.id = ?", [activity_id]).fetchone()
    if row is None:
        raise NotFound("error.activity_not_found")
    return Activity(*row)


def list_activities(store: Store, workshop_id: str) -> list[Activity]:
    with store.cursor() as cur:
        rows = cur.execute(_ACTIVITY_SQL + " WHERE a.workshop_id = ? ORDER BY a.created_at DESC",
                           [workshop_id]).fetchall()
    return [Activity(*r) for r in rows]


def open_activities(store: Store, workshop_id: str) -> list[Activity]:
    return [a for a in list_activities(store, workshop_id) if a.state == OPEN]


def open_now(store: Store, workshop_id: str) -> tuple[Activity, ...]:
    """The open activities as the phones see them: one reading shared by every phone for a second,
    read again at once after an activity opens or closes in this process (see planning.live). An
    activity changes only by opening and closing, which call live.changed."""
    return live.shared(store, workshop_id, "open_activities", lambda: tuple(open_activities(store, workshop_id)))


_options_kept: dict[str, tuple[Option, ...]] = {}
_options_lock = threading.Lock()


def options(store: Store, activity_id: str) -> list[Option]:
    """An activity's options, fixed when it is created (nothing changes or deletes them): kept per
    process by the activity's id (unique across databases), so sixty phones drawing the same ballot
    do not each read them."""
    kept = _options_kept.get(activity_id)
    if kept is None:
        with store.cursor() as cur:
            rows = cur.execute("SELECT id, position, label, ref_id, dimension FROM activity_option"
                               " WHERE activity_id = ? ORDER BY position", [activity_id]).fetchall()
        kept = tuple(Option(*r) for r in rows)
        if kept:  # an activity not (yet) there is read again next time
            with _options_lock:
                if len(_options_kept) > 2000:
                    _options_kept.clear()
                _options_kept[activity_id] = kept
    return list(kept)


def _set_state(store: Store, actor: Actor, workshop_id: str, activity_id: str, state: str,
               timer_seconds: int | None = None) -> Activity:
    require_facilitator(actor)
    if timer_seconds is not None and (not isinstance(timer_seconds, int) or isinstance(timer_seconds, bool)
                                      or not TIMER_MIN <= timer_seconds <= TIMER_MAX):
        raise ValidationError("error.timer_range", min=TIMER_MIN, max=TIMER_MAX // 60)
    activity = get_activity(store, activity_id)
    if activity.workshop_id != workshop_id:
        raise NotFound("error.activity_not_found")
    if activity.state == state:
        raise ValidationError(f"error.activity_already_{state}")
    insert = "INSERT INTO activity_state (activity_id, state, created_at, ends_at) VALUES (?, ?, ?, ?)"
    with store.transaction() as cur:
        at = now()
        if state == OPEN:  # one question at a time: close whatever else is open
            for other in open_activities(store, workshop_id):
                cur.execute(insert, [other.id, CLOSED, at, None])
            at = at + dt.timedelta(microseconds=1)
        ends_at = at + dt.timedelta(seconds=timer_seconds) if timer_seconds else None
        cur.execute(insert, [activity_id, state, at, ends_at])
    live.changed(store, workshop_id)
    return get_activity(store, activity_id)


def open_activity(store: Store, actor: Actor, workshop_id: str, activity_id: str,
                  timer_seconds: int | None = None) -> Activity:
    """Opens it for voting; timer_seconds starts a countdown the room sees (it closes nothing)."""
    return _set_state(store, actor, workshop_id, activity_id, OPEN, timer_seconds)


def close_activity(store: Store, actor: Actor, workshop_id: str, activity_id: str) -> Activity:
    return _set_state(store, actor, workshop_id, activity_id, CLOSED)


def _open_for_participant(store: Store, actor: Actor, workshop_id: str, activity_id: str) -> Activity:
    require_member(actor, workshop_id)
    if actor.role != PARTICIPANT:
        raise PermissionDenied("error.participants_vote")
    activity = get_activity(store, activity_id)
    if activity.workshop_id != workshop_id:
        raise NotFound("error.activity_not_found")
    if activity.state != OPEN:
        raise ValidationError("error.activity_not_open")
    return activity


def submit_ballot(store: Store, actor: Actor, workshop_id: str, activity_id: str,
                  allocation: dict[str, int]) -> dict[str, int]:
    """Dots (or choices) per option id; replaces the participant's previous ballot."""
    activity = _open_for_participant(store, actor, workshop_id, activity_id)
    if activity.kind == "text":
        raise ValidationError("error.bad_choice", field=Key("field.activity_kind"))
    known = {o.id for o in options(store, activity_id)}
    clean: dict[str, int] = {}
    for option_id, dots in (allocation or {}).items():
        if option_id not in known:
            raise NotFound("error.option_not_found")
        if not isinstance(dots, int) or isinstance(dots, bool) or dots < 0:
            raise ValidationError("error.dots_whole")
        if dots:
            clean[option_id] = dots
    used = sum(clean.values())
    if activity.kind == "dots":
        if used > activity.allowance:
            raise ValidationError("error.too_many_dots", max=activity.allowance, used=used)
    elif activity.kind == "rating":
        if any(not 1 <= d <= activity.allowance for d in clean.values()):
            raise ValidationError("error.rating_range", max=activity.allowance)
    else:
        if any(d != 1 for d in clean.values()):
            raise ValidationError("error.one_per_choice")
        if activity.kind == "single" and len(clean) > 1:
            raise ValidationError("error.single_choice")
        if len(clean) > activity.allowance:
            raise ValidationError("error.too_many_choices", max=activity.allowance)
    with store.cursor() as cur:
        cur.execute("INSERT INTO activity_ballot VALUES (?, ?, ?, ?, ?, ?)",
                    [new_id(), activity_id, actor.participant_id, list(clean), list(clean.values()), now()])
    return clean


def my_ballot(store: Store, activity_id: str, participant_id: str) -> dict[str, int]:
    with store.cursor() as cur:
        row = cur.execute("SELECT option_ids, dots FROM activity_ballot WHERE activity_id = ? AND participant_id = ?"
                          " ORDER BY created_at DESC LIMIT 1",
                          [activity_id, participant_id]).fetchone()
    if not row or row[0] is None:
        return {}
    return dict(zip(row[0], row[1]))


def normalise_answer(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def add_answer(store: Store, actor: Actor, workshop_id: str, activity_id: str, text: str) -> str:
    activity = _open_for_participant(store, actor, workshop_id, activity_id)
    if activity.kind != "text":
        raise ValidationError("error.bad_choice", field=Key("field.activity_kind"))
    text = clean_text(text, "field.answer", ANSWER_MAX)
    mine = my_answers(store, activity_id, actor.participant_id)
    if normalise_answer(text) in {normalise_answer(a) for a in mine}:
        raise ValidationError("error.duplicate_answer")
    if len(mine) >= activity.allowance:
        raise ValidationError("error.too_many_answers", max=activity.allowance)
    answer_id = new_id()
    with store.cursor() as cur:
        cur.execute("INSERT INTO activity_answer VALUES (?, ?, ?, ?, ?)",
                    [answer_id, activity_id, actor.participant_id, text, now()])
    return answer_id


def my_answers(store: Store, activity_id: str, participant_id: str) -> list[str]:
    with store.cursor() as cur:
        rows = cur.execute("SELECT text FROM activity_answer WHERE activity_id = ? AND participant_id = ?"
                           " ORDER BY created_at", [activity_id, participant_id]).fetchall()
    return [r[0] for r in rows]


_BALLOT_RESULTS_SQL = """
WITH latest AS (
    SELECT DISTINCT ON (participant_id) participant_id, option_ids, dots
    FROM activity_ballot WHERE activity_id = ? ORDER BY participant_id, created_at DESC
), lines AS (
    SELECT participant_id, unnest(option_ids) AS option_id, unnest(dots) AS dots FROM latest
)
SELECT o.id, o.label, coalesce(sum(l.dots), 0)::INTEGER, count(l.participant_id),
       array_agg(p.display_name ORDER BY p.display_name) FILTER (WHERE p.display_name IS NOT NULL),
       (SELECT count(*) FROM latest WHERE cardinality(option_ids) > 0)
FROM activity_option o
LEFT JOIN lines l ON l.option_id = o.id
LEFT JOIN participant p ON p.id = l.participant_id
WHERE o.activity_id = ?
GROUP BY o.id, o.label, o.position
ORDER BY 3 DESC, o.position
"""

_ANSWER_RESULTS_SQL = """
SELECT a.text, a.participant_id, p.display_name
FROM activity_answer a LEFT JOIN participant p ON p.id = a.participant_id
WHERE a.activity_id = ? ORDER BY a.created_at, a.id
"""


def _shared(tallies: list[Tally], whole: int) -> tuple[Tally, ...]:
    return tuple(dataclasses.replace(t, share=t.total / whole if whole else 0.0) for t in tallies)


def _answer_groups(cur, activity_id: str) -> dict[str, list[tuple[str, str, str]]]:
    """Answers grouped as the word cloud shows them (same text after normalising), first seen first."""
    grouped: dict[str, list] = {}
    for text, participant_id, name in cur.execute(_ANSWER_RESULTS_SQL, [activity_id]).fetchall():
        grouped.setdefault(normalise_answer(text), []).append((text, participant_id, name or ""))
    return grouped


def _shown_keys(cur, activity: Activity, keys) -> set[str]:
    """The answers the facilitator lets reach the screen: the newest decision per answer, else
    shown (hidden while waiting, for a moderated activity)."""
    decided = dict(cur.execute(
        "SELECT DISTINCT ON (answer_key) answer_key, visible FROM activity_answer_review WHERE activity_id = ?"
        " ORDER BY answer_key, created_at DESC", [activity.id]).fetchall())
    return {k for k in keys if decided.get(k, not activity.moderated)}


def results(store: Store, activity_id: str) -> Results:
    """What the projector and phones show. Short answers the facilitator has not let through are
    left out entirely (from the counts and the respondents too)."""
    activity = get_activity(store, activity_id)
    tallies: list[Tally] = []
    with store.cursor() as cur:
        if activity.kind != "text":
            rows = cur.execute(_BALLOT_RESULTS_SQL, [activity_id, activity_id]).fetchall()
            respondents = rows[0][5] if rows else 0
            for option_id, label, total, people, names, _ in rows:
                tallies.append(Tally(option_id, label, total, people,
                                     () if activity.anonymous else tuple(names or ())))
            if activity.kind == "rating":   # ratings read in the options' order, each with its mean
                position = {o.id: o.position for o in options(store, activity_id)}
                tallies.sort(key=lambda t: position[t.key])
            whole = sum(t.total for t in tallies) if activity.kind == "dots" else respondents
        else:
            grouped = _answer_groups(cur, activity_id)
            shown = _shown_keys(cur, activity, grouped)
            grouped = {k: v for k, v in grouped.items() if k in shown}
            respondents = len({pid for entries in grouped.values() for _, pid, _ in entries})
            for key, entries in grouped.items():
                names = tuple(sorted({n for _, _, n in entries}))
                tallies.append(Tally(key, entries[0][0], len(entries), len({pid for _, pid, _ in entries}),
                                     () if activity.anonymous else names))
            first_seen = {key: n for n, key in enumerate(grouped)}
            tallies.sort(key=lambda t: (-t.total, first_seen[t.key]))
            whole = respondents
    return Results(activity, respondents, _shared(tallies, whole))


@dataclass(frozen=True)
class AnswerGroup:
    key: str          # the normalised answer
    label: str        # as first typed
    count: int
    shown: bool


def answers_for_review(store: Store, actor: Actor, workshop_id: str, activity_id: str) -> list[AnswerGroup]:
    """Every short answer (the same text once), first given first, and whether it reaches the
    screen: what the facilitator moderates."""
    require_facilitator(actor)
    activity = get_activity(store, activity_id)
    if activity.workshop_id != workshop_id:
        raise NotFound("error.activity_not_found")
    with store.cursor() as cur:
        grouped = _answer_groups(cur, activity_id)
        shown = _shown_keys(cur, activity, grouped)
    return [AnswerGroup(k, v[0][0], len(v), k in shown) for k, v in grouped.items()]


def set_answer_shown(store: Store, actor: Actor, workshop_id: str, activity_id: str, answer_key: str,
                     shown: bool) -> None:
    """Show or hide an answer (every answer that reads the same, now and later) on the projector
    and phones. Appends a decision; the newest counts."""
    require_facilitator(actor)
    activity = get_activity(store, activity_id)
    if activity.workshop_id != workshop_id or activity.kind != "text":
        raise NotFound("error.activity_not_found")
    with store.cursor() as cur:
        cur.execute("INSERT INTO activity_answer_review VALUES (?, ?, ?, ?)",
                    [activity_id, normalise_answer(answer_key), bool(shown), now()])


def my_answers_shown(store: Store, activity: Activity, texts: list[str]) -> list[bool]:
    """For a phone's own answers: whether each reaches the screen."""
    with store.cursor() as cur:
        shown = _shown_keys(cur, activity, {normalise_answer(t) for t in texts})
    return [normalise_answer(t) in shown for t in texts]


def promote_winners(store: Store, actor: Actor, workshop_id: str, activity_id: str, top: int = 3) -> int:
    """The top options (or answers) of a closed activity become candidate projects in the action
    plan, carrying their text and dimension; returns how many were added (repeats are skipped)."""
    require_facilitator(actor)
    res = results(store, activity_id)
    if res.activity.workshop_id != workshop_id:
        raise NotFound("error.activity_not_found")
    if res.activity.state != CLOSED:
        raise ValidationError("error.activity_close_first")
    if res.activity.source in ("projects", "swot"):
        raise ValidationError("error.promote_not_ideas")
    dims = {o.id: o.dimension for o in options(store, activity_id)}
    winners = [t for t in res.tallies if t.total > 0][:max(0, int(top))]
    added = 0
    with store.transaction() as cur:
        done = {r[0] for r in cur.execute("SELECT option_key FROM candidate_project WHERE activity_id = ?",
                                          [activity_id]).fetchall()}
        for tally in winners:
            if tally.key in done:
                continue
            cur.execute("INSERT INTO candidate_project VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                        [new_id(), workshop_id, activity_id, tally.key, tally.label[:projects.NAME_MAX],
                         dims.get(tally.key), tally.total, now()])
            added += 1
    return added


@dataclass(frozen=True)
class Candidate:
    id: str
    title: str
    dimension: str | None
    votes: int
    activity_title: str


def candidates(store: Store, workshop_id: str) -> list[Candidate]:
    """Candidate projects not yet turned into a project."""
    with store.cursor() as cur:
        rows = cur.execute(
            "SELECT c.id, c.title, c.dimension, c.votes, a.title FROM candidate_project c"
            " JOIN activity a ON a.id = c.activity_id"
            " WHERE c.workshop_id = ? AND c.project_id IS NULL ORDER BY c.votes DESC, c.created_at",
            [workshop_id]).fetchall()
    return [Candidate(*r) for r in rows]


def use_candidate(store: Store, actor: Actor, workshop_id: str, candidate_id: str, project_id: str) -> None:
    require_facilitator(actor)
    with store.cursor() as cur:
        cur.execute("UPDATE candidate_project SET project_id = ? WHERE id = ? AND workshop_id = ?",
                    [project_id, candidate_id, workshop_id])


def on_screen(store: Store, workshop_id: str) -> Activity | None:
    """What the projector shows: the open activity, else the one most recently closed."""
    started = [a for a in list_activities(store, workshop_id) if a.state_at is not None]
    if not started:
        return None
    return max(started, key=lambda a: (a.state == OPEN, a.state_at))
