"""The demo workshop, seeded on first run so the app is never empty.

Everything it creates is flagged `is_sample` and labelled as sample data where it shows.
"""
from __future__ import annotations

import csv
import datetime as dt
import json

from planning import (activities, capacity, catalogue, checkpoints, dates, ideas, indicators, knowledge, masterplan, participants, plan_texts,
                      positioning, projects, review, workshops)
from planning.roles import FACILITATOR, REVIEWER, Actor
from planning.store import Store

DEMO_DIR = catalogue.DATA_DIR / "demo"
_SEEDED_KEY = "demo_seeded"


def _already_seeded(store: Store) -> bool:
    with store.cursor() as cur:
        return cur.execute("SELECT 1 FROM app_setting WHERE key = ?", [_SEEDED_KEY]).fetchone() is not None


def ensure_demo(store: Store) -> None:
    """Seed once per database; a facilitator who later deletes nothing still gets it only once."""
    if _already_seeded(store):
        return
    seed_demo(store)
    with store.cursor() as cur:
        cur.execute("INSERT INTO app_setting VALUES (?, 'yes', ?)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                    [_SEEDED_KEY, dt.datetime.now()])


def seed_demo(store: Store) -> workshops.Workshop:
    spec = json.loads((DEMO_DIR / "workshop.json").read_text(encoding="utf-8"))
    facilitator = Actor(FACILITATOR)
    w = dict(spec["workshop"])
    w["start_date"] = dt.date.fromisoformat(w["start_date"])
    workshop = workshops.create_workshop(store, facilitator, is_sample=True, **w)

    people = [participants.join(store, workshop.join_code, p["display_name"], p["sector"])[0]
              for p in spec["participants"]]
    for item in spec["swot"]:
        item_id = positioning.add_swot_item(store, people[item["by"]].actor(), workshop.id,
                                            item["quadrant"], item["text"])
        for voter in item["voters"]:
            positioning.set_vote(store, people[voter].actor(), workshop.id, item_id, True)
    s = spec["statements"]
    positioning.save_statements(store, facilitator, workshop.id, s["vision"], s["positioning"],
                                s["lead_dimensions"])

    with (DEMO_DIR / "observations.csv").open(encoding="utf-8", newline="") as fh:
        rows = [(r["province_code"], r["indicator_code"], int(r["year"]), float(r["value"]),
                 r["source"], True) for r in csv.DictReader(fh)]
    positioning.add_observations(store, rows)

    source = spec["indicator_source"]
    indicators.save_values(store, facilitator, workshop.id, [
        indicators.IndicatorValues(code, base, dates.ce_year(year_be), source, bench, bench_source, t6, t12, th)
        for code, base, year_be, bench, bench_source, t6, t12, th in spec["indicator_values"]])
    for idea in spec["ideas"]:
        idea_id = ideas.add_idea(store, people[idea["by"]].actor(), workshop.id, idea["dimension"],
                                 idea["kind"], idea["text"])
        for who, impact, feasibility in idea["scores"]:
            ideas.score_idea(store, people[who].actor(), workshop.id, idea_id, impact, feasibility)
    for who, levels in enumerate(spec["maturity"]):
        for dimension, level in zip(catalogue.dimensions(), levels):
            ideas.rate_maturity(store, people[who].actor(), workshop.id, dimension, level)
    ideas.save_focus(store, facilitator, workshop.id, spec["focus"]["dimensions"], spec["focus"]["rationale"])

    issue_ids = [masterplan.add_issue(store, facilitator, workshop.id, title).id for title in spec["provincial_issues"]]
    strategy_ids, measure_ids = [], []
    for s in spec["strategies"]:
        strategy = masterplan.add_strategy(
            store, facilitator, workshop.id, dimension=s["dimension"], title=s["title"],
            provincial_issue_id=None if s["issue"] is None else issue_ids[s["issue"]], indicator_codes=s["indicators"],
            goal=s.get("goal", ""))
        strategy_ids.append(strategy.id)
        measure_ids.append([masterplan.add_measure(store, facilitator, workshop.id, strategy_id=strategy.id,
                                                   title=title, indicator_codes=codes).id
                            for title, codes in s["measures"]])
    held_back = set(spec["review"]["held_back_projects"])
    for n, p in enumerate(spec["projects"]):
        if n not in held_back:
            _save_project(store, facilitator, workshop, p, strategy_ids, measure_ids)
    # The first version went to the committee before the last project was written, and came back.
    _submit_and_return(store, facilitator, workshop, spec["review"])
    for n, p in enumerate(spec["projects"]):
        if n in held_back:
            _save_project(store, facilitator, workshop, p, strategy_ids, measure_ids)
    plan_texts.save(store, facilitator, workshop.id, spec["plan_texts"])
    _seed_knowledge(store, facilitator, workshop, people, spec)
    _seed_health_checks(store, facilitator, workshop, people, spec)
    _seed_capacity(store, facilitator, workshop, people, spec["capacity"])
    _seed_checkpoint(store, facilitator, workshop, spec["checkpoint"])
    seed_network(store, workshop, people, spec["network"])
    # The corrected plan waits for the committee, so the review page has a version to decide on.
    review.submit_version(store, facilitator, workshop.id, spec["review"]["second_note"])
    return workshop


def _save_project(store: Store, facilitator: Actor, workshop, p: dict, strategy_ids, measure_ids) -> None:
    land, design, cost = p["ready"]
    projects.save_project(store, facilitator, workshop.id, projects.Project(
        name=p["name"], strategy_id=strategy_ids[p["strategy"]], measure_id=measure_ids[p["strategy"]][p["measure"]],
        dimensions=tuple(p["dimensions"]), objective=p["objective"], lead_agency=p["lead_agency"],
        partners={k: tuple(v) for k, v in p["partners"].items()}, target_group=p["target_group"],
        fiscal_year_be=p["fiscal_year_be"], last_fiscal_year_be=p.get("last_fiscal_year_be"),
        investment_type=p["investment_type"],
        components=tuple(p["components"]), ready_land=land, ready_design=design, ready_cost=cost,
        budget=tuple(projects.BudgetLine(src, item, projects.to_amount(a), *year) for src, item, a, *year in p["budget"]),
        milestones=tuple(projects.Milestone(q, d, *year) for q, d, *year in p["milestones"]),
        kpis=tuple(projects.Kpi(c, k, float(b), float(tg)) for c, k, b, tg in p["kpis"])))


def _submit_and_return(store: Store, facilitator: Actor, workshop, spec: dict) -> None:
    """Version 1, a committee member's comment on it, and its return with the committee's reason."""
    version = review.submit_version(store, facilitator, workshop.id, spec["first_note"])
    reviewer = Actor(REVIEWER, name=spec["reviewer"])
    review.add_comment(store, reviewer, version.id, *spec["comment"])
    review.decide(store, reviewer, version.id, review.RETURNED, spec["resolution_no"], dates.today(), spec["reason"])


def _seed_capacity(store: Store, facilitator: Actor, workshop, people, spec: dict) -> None:
    """A closed capacity session: every demo participant rated themselves before and after."""
    session = capacity.create_session(store, facilitator, workshop.id, title=spec["title"],
                                      held_on=workshop.start_date + dt.timedelta(days=spec["days_after_start"]),
                                      questions=spec["questions"])
    qs = capacity.questions(store, session.id)
    for phase in ("pre", "post"):
        capacity.set_phase(store, facilitator, workshop.id, session.id, phase)
        for person, ratings in zip(people, spec["before" if phase == "pre" else "after"]):
            capacity.submit_assessment(store, person.actor(), workshop.id, session.id,
                                       {q.id: r for q, r in zip(qs, ratings)})
    capacity.set_phase(store, facilitator, workshop.id, session.id, "closed")


def _seed_checkpoint(store: Store, facilitator: Actor, workshop, spec: dict) -> None:
    """Values measured so far towards the first checkpoint, and its After Action Review."""
    measured = max(workshop.start_date, min(dates.today(), workshop.start_date + dt.timedelta(days=45)))
    checkpoints.record_actuals(store, facilitator, workshop.id, spec["months"],
                               [checkpoints.Actual(code, float(value), measured, source, spec["note"])
                                for code, value, source in spec["actuals"]], confirmed=True)
    checkpoints.save_review(store, facilitator, workshop.id, spec["months"], **spec["aar"])


def _seed_health_checks(store: Store, facilitator: Actor, workshop, people, spec: dict) -> None:
    """Two network health checks, the second after six months, each rated by every demo participant."""
    for check in spec["health_checks"]:
        a = activities.create_activity(store, facilitator, workshop.id, kind="rating", title=check["title"],
                                       source="health")
        activities.open_activity(store, facilitator, workshop.id, a.id)
        opts = activities.options(store, a.id)
        for person, ratings in zip(people, check["ratings"]):
            activities.submit_ballot(store, person.actor(), workshop.id, a.id,
                                     {o.id: r for o, r in zip(opts, ratings)})
        activities.close_activity(store, facilitator, workshop.id, a.id)


def _seed_knowledge(store: Store, facilitator: Actor, workshop, people, spec: dict) -> None:
    """Lessons and best practices the facilitator wrote, and participants' stories (one published,
    one waiting for the facilitator)."""
    plan = projects.list_projects(store, workshop.id)
    for e in spec["knowledge"]:
        knowledge.add_entry(store, facilitator, workshop.id, kind=e["kind"], title=e["title"],
                            situation=e["situation"], action=e["action"], result=e["result"], lesson=e["lesson"],
                            dimensions=e["dimensions"], project_id=plan[e["project"]].id, partners=e["partners"],
                            source=e["source"], author=spec["knowledge_author"])
    for story in spec["stories"]:
        entry_id = knowledge.add_entry(store, people[story["by"]].actor(), workshop.id, kind="story",
                                       title=story["title"], situation=story["situation"], action=story["action"],
                                       result=story["result"], lesson=story["lesson"], dimensions=story["dimensions"])
        if story["publish"]:
            knowledge.set_status(store, facilitator, workshop.id, entry_id, "published")


def seed_network(store: Store, workshop: workshops.Workshop, people: list, spec: dict,
                 today: dt.date | None = None) -> None:
    """The sample partner network: organisations (linked to the projects that name them), who
    comes from where, a proposal waiting, LINK activities, a community of practice, the City Lab
    with its events, and a sustainability plan. Dates count back from `today`."""
    from planning import citylab, communities, partners, sustainability, upkeep

    facilitator = Actor(FACILITATOR)
    today = today or dates.today()
    ago = lambda days: today - dt.timedelta(days=days)  # noqa: E731
    orgs = [partners.add_partner(store, facilitator, workshop.id, **{**p, "brings": tuple(p["brings"])})
            for p in spec["partners"]]
    for u in partners.unlisted_names(store, workshop.id):
        if u.match is not None:
            partners.adopt_name(store, facilitator, workshop.id, u.name, partner_id=u.match.id)
    for who, org in spec["organisations"].items():
        partners.set_my_organisation(store, people[int(who)].actor(), workshop.id, orgs[org].id)
    for x in spec["proposals"]:
        partners.propose(store, people[x["by"]].actor(), workshop.id, name_th=x["name_th"], name_en=x["name_en"],
                         sector=x["sector"], kind=x["kind"], brings=tuple(x["brings"]), note=x["note"],
                         is_own=x["is_own"])
    for a in spec["link_activities"]:
        upkeep.add_activity(store, facilitator, workshop.id, held_on=ago(a["days_ago"]), tag=a["tag"], title=a["title"],
                            partner_ids=[orgs[i].id for i in a["partners"]], people=a["people"],
                            outcome=a["outcome"], held=a.get("held", True), today=today)
    for c in spec["cop"]:
        cop_id = communities.add_group(store, facilitator, workshop.id, c["topic"], [orgs[i].id for i in c["members"]],
                                       c["dimension"])
        for m in c["meetings"]:
            communities.add_meeting(store, facilitator, workshop.id, cop_id, ago(m["days_ago"]), m["notes"],
                                    m["follow_ups"], today=today)
    lab_spec = spec["city_lab"]
    lab = citylab.save_lab(store, facilitator, workshop.id, name=lab_spec["name"],
                           opening_hours=lab_spec["opening_hours"], location=tuple(lab_spec["location"]))
    for e in lab_spec["events"]:
        citylab.add_event(store, facilitator, workshop.id, lab.id, kind=e["kind"], title=e["title"],
                          held_on=ago(e["days_ago"]), held=e["held"], visitors=e["visitors"], today=today)
    plan = projects.list_projects(store, workshop.id)
    for s in spec["sustainability"]:
        sustainability.save(store, facilitator, workshop.id, None if s["project"] is None else plan[s["project"]].id,
                            {aspect: tuple(v) for aspect, v in s["scores"].items()})
