"""Partner organisations of the network: the list the facilitator keeps, what participants propose,
which organisation each participant comes from, duplicates and merging, projects' lead agency and
partners chosen from the list, and attendance and contributions rolled up by organisation.

Seed 004 asks every city for its key partners; seed 001 says a network is built from
organisations that each bring something (money, land, data, skills, technology, people).
Sectors are DOMAIN.md section 2's five; a provincial city development company counts as private.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass

from planning import audit
from planning.errors import NotFound, PermissionDenied, ValidationError
from planning.participants import SECTORS
from planning.roles import PARTICIPANT, Actor, require_facilitator, require_member
from planning.store import Store, new_id, now
from planning.text import Key
from planning.validation import clean_text

KINDS = ("agency", "local_admin", "company", "city_company", "investor", "university", "community", "other")
BRINGS = ("money", "land", "data", "skills", "technology", "people")
# The sector a kind normally belongs to (a suggestion for forms; the facilitator decides).
KIND_SECTOR = {"agency": "government", "local_admin": "local", "company": "private", "city_company": "private",
               "investor": "private", "university": "academic", "community": "civil"}
NAME_MAX, CONTACT_MAX, NOTE_MAX = 200, 200, 500


@dataclass(frozen=True)
class Partner:
    id: str
    workshop_id: str
    name_th: str
    name_en: str
    sector: str
    kind: str
    contact_person: str
    contact_channel: str
    brings: tuple[str, ...]
    created_at: dt.datetime

    def name(self, lang: str = "th") -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_th


_COLUMNS = ("id, workshop_id, name_th, name_en, sector, kind, contact_person, contact_channel, brings, created_at")


def _partner(row) -> Partner:
    *head, brings, created = row
    return Partner(*head, tuple(brings), created)


# ---- names and duplicates ---------------------------------------------------------------------

# Words that say what kind of body an organisation is rather than which one it is: "บริษัท ก จำกัด"
# and "ก Co., Ltd." are the same company.
_AFFIXES = re.compile(r"บริษัท|จำกัด|\(?มหาชน\)?|บจก\.?|หจก\.?|ห้างหุ้นส่วน"
                      r"|\b(?:company|co|ltd|limited|public|plc|inc|the)\b\.?", re.IGNORECASE)


def name_key(name: str | None) -> str:
    """A name reduced to what identifies it: case, spacing, punctuation and company-form words are
    ignored; Thai vowels and tone marks are kept (they tell names apart)."""
    text = unicodedata.normalize("NFC", name or "").casefold()

    def letters(s: str) -> str:
        return "".join(ch for ch in s if unicodedata.category(ch)[0] in "LNM")

    return letters(_AFFIXES.sub(" ", text)) or letters(text)


def _keys(name_th: str, name_en: str) -> set[str]:
    return {k for k in (name_key(name_th), name_key(name_en)) if k}


def list_partners(store: Store, workshop_id: str) -> list[Partner]:
    """Organisations in the list (merged ones are left out), by sector and Thai name."""
    with store.cursor() as cur:
        rows = cur.execute("SELECT " + _COLUMNS + " FROM partner WHERE workshop_id = ? AND merged_into IS NULL",
                           [workshop_id]).fetchall()
    order = {s: n for n, s in enumerate(SECTORS)}
    return sorted((_partner(r) for r in rows), key=lambda p: (order[p.sector], p.name_th))


def get_partner(store: Store, workshop_id: str, partner_id: str) -> Partner:
    found = {p.id: p for p in list_partners(store, workshop_id)}.get(partner_id)
    if found is None:
        raise ValidationError("error.unknown_partner")
    return found


def find_duplicate(store: Store, workshop_id: str, name_th: str, name_en: str = "",
                   exclude_id: str | None = None) -> Partner | None:
    """An organisation already in the list under the same name, in either language."""
    keys = _keys(name_th, name_en)
    for p in list_partners(store, workshop_id):
        if p.id != exclude_id and keys & _keys(p.name_th, p.name_en):
            return p
    return None


def duplicate_groups(store: Store, workshop_id: str) -> list[list[Partner]]:
    """Organisations in the list that share a name (ignoring case, spacing and Thai/English
    variants), each group in the list's order: candidates for a merge."""
    partners = list_partners(store, workshop_id)
    parent = list(range(len(partners)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[str, int] = {}
    for i, p in enumerate(partners):
        for k in _keys(p.name_th, p.name_en):
            if k in first_with:
                parent[root(i)] = root(first_with[k])
            else:
                first_with[k] = i
    groups: dict[int, list[Partner]] = {}
    for i, p in enumerate(partners):
        groups.setdefault(root(i), []).append(p)
    return [g for g in groups.values() if len(g) > 1]


# ---- the list ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Fields:
    name_th: str
    name_en: str
    sector: str
    kind: str
    contact_person: str
    contact_channel: str
    brings: tuple[str, ...]


def validate(name_th, name_en, sector, kind, contact_person="", contact_channel="", brings=()) -> Fields:
    name_th = clean_text(name_th, "field.partner_name_th", NAME_MAX)
    name_en = clean_text(name_en, "field.partner_name_en", NAME_MAX, min_len=0)
    if sector not in SECTORS:
        raise ValidationError("error.bad_choice", field=Key("field.sector"))
    if kind not in KINDS:
        raise ValidationError("error.bad_choice", field=Key("field.partner_kind"))
    brings = tuple(dict.fromkeys(brings or ()))
    if any(b not in BRINGS for b in brings):
        raise ValidationError("error.bad_choice", field=Key("field.partner_brings"))
    return Fields(name_th, name_en, sector, kind,
                  clean_text(contact_person, "field.contact_person", CONTACT_MAX, min_len=0),
                  clean_text(contact_channel, "field.contact_channel", CONTACT_MAX, min_len=0),
                  tuple(b for b in BRINGS if b in brings))


def _refuse_duplicate(store: Store, workshop_id: str, f: Fields, exclude_id: str | None = None) -> None:
    same = find_duplicate(store, workshop_id, f.name_th, f.name_en, exclude_id)
    if same is not None:
        raise ValidationError("error.partner_duplicate", name=f.name_th, existing=same.name_th)


def _insert(cur, workshop_id: str, f: Fields) -> str:
    pid, stamp = new_id(), now()
    cur.execute("INSERT INTO partner (id, workshop_id, name_th, name_en, sector, kind, contact_person, contact_channel,"
                " brings, merged_into, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
                [pid, workshop_id, f.name_th, f.name_en, f.sector, f.kind, f.contact_person, f.contact_channel,
                 list(f.brings), stamp, stamp])
    return pid


def add_partner(store: Store, actor: Actor, workshop_id: str, *, name_th: str, sector: str, kind: str,
                name_en: str = "", contact_person: str = "", contact_channel: str = "",
                brings: tuple[str, ...] = ()) -> Partner:
    """A new organisation; one already in the list under the same name is refused, naming it."""
    require_facilitator(actor)
    f = validate(name_th, name_en, sector, kind, contact_person, contact_channel, brings)
    _refuse_duplicate(store, workshop_id, f)
    with store.transaction() as cur:
        pid = _insert(cur, workshop_id, f)
        audit.record(cur, workshop_id, actor, "create", "partner", pid, after=f)
    return get_partner(store, workshop_id, pid)


def update_partner(store: Store, actor: Actor, workshop_id: str, partner_id: str, *, name_th: str, sector: str,
                   kind: str, name_en: str = "", contact_person: str = "", contact_channel: str = "",
                   brings: tuple[str, ...] = ()) -> Partner:
    """Changes an organisation; projects that chose it show its new name (and sector) at once."""
    require_facilitator(actor)
    before = get_partner(store, workshop_id, partner_id)
    f = validate(name_th, name_en, sector, kind, contact_person, contact_channel, brings)
    _refuse_duplicate(store, workshop_id, f, exclude_id=partner_id)
    with store.transaction() as cur:
        cur.execute("UPDATE partner SET name_th = ?, name_en = ?, sector = ?, kind = ?, contact_person = ?,"
                    " contact_channel = ?, brings = ?, updated_at = ? WHERE id = ?",
                    [f.name_th, f.name_en, f.sector, f.kind, f.contact_person, f.contact_channel, list(f.brings),
                     now(), partner_id])
        after = Partner(partner_id, workshop_id, f.name_th, f.name_en, f.sector, f.kind, f.contact_person,
                        f.contact_channel, f.brings, before.created_at)
        _rename_in_projects(cur, actor, workshop_id, before, after)
        audit.record(cur, workshop_id, actor, "update", "partner", partner_id, before=before, after=after)
    return after


# Tables that point at an organisation: a merge moves their rows to the one kept.
_REFERENCES = (("project_partner", "project_id, partner_id, role"), ("participant_organisation", None),
               ("link_activity_partner", "activity_id, partner_id"), ("cop_member", "cop_id, partner_id"),
               ("partner_proposal_decision", None))


def merge(store: Store, actor: Actor, workshop_id: str, keep_id: str, drop_id: str) -> Partner:
    """Merge drop into keep: every reference (projects, participants, LINK activities, communities
    of practice, proposals) moves to keep, keep gains what only drop had (English name, contact,
    what it brings), and drop stays in the store pointing at keep. One transaction, audited."""
    require_facilitator(actor)
    if keep_id == drop_id:
        raise ValidationError("error.merge_same")
    keep, drop = get_partner(store, workshop_id, keep_id), get_partner(store, workshop_id, drop_id)
    merged = Partner(keep.id, workshop_id, keep.name_th, keep.name_en or drop.name_en, keep.sector, keep.kind,
                     keep.contact_person or drop.contact_person, keep.contact_channel or drop.contact_channel,
                     tuple(b for b in BRINGS if b in keep.brings or b in drop.brings), keep.created_at)
    with store.transaction() as cur:
        _rename_in_projects(cur, actor, workshop_id, drop, merged)
        for table, distinct in _REFERENCES:
            cur.execute("UPDATE " + table + " SET partner_id = ? WHERE partner_id = ?", [keep_id, drop_id])
            if distinct:   # a project or group that had both now names keep once
                rows = cur.execute("SELECT DISTINCT " + distinct + " FROM " + table + " WHERE partner_id = ?",
                                   [keep_id]).fetchall()
                cur.execute("DELETE FROM " + table + " WHERE partner_id = ?", [keep_id])
                if rows:
                    cur.executemany("INSERT INTO " + table + " (" + distinct + ") VALUES ("
                                    + ", ".join("?" * len(rows[0])) + ")", [list(r) for r in rows])
        # a project where keep led and drop partnered: keep is its lead only
        cur.execute("DELETE FROM project_partner WHERE partner_id = ? AND role = 'partner' AND project_id IN"
                    " (SELECT project_id FROM project_partner WHERE partner_id = ? AND role = 'lead')", [keep_id, keep_id])
        cur.execute("UPDATE partner SET name_en = ?, contact_person = ?, contact_channel = ?, brings = ?, updated_at = ?"
                    " WHERE id = ?", [merged.name_en, merged.contact_person, merged.contact_channel,
                                      list(merged.brings), now(), keep_id])
        cur.execute("UPDATE partner SET merged_into = ?, updated_at = ? WHERE id = ?", [keep_id, now(), drop_id])
        audit.record(cur, workshop_id, actor, "merge", "partner", keep_id, before={"kept": keep, "merged": drop},
                     after=merged)
    return merged


# ---- projects' lead agency and partners ---------------------------------------------------------

def project_links(store: Store, workshop_id: str) -> dict[str, tuple[str | None, tuple[str, ...]]]:
    """project id -> (lead organisation id, partner organisation ids)."""
    with store.cursor() as cur:
        rows = cur.execute("SELECT l.project_id, l.partner_id, l.role FROM project_partner l JOIN project p"
                           " ON p.id = l.project_id WHERE p.workshop_id = ? ORDER BY l.role, l.partner_id",
                           [workshop_id]).fetchall()
    out: dict[str, tuple[str | None, tuple[str, ...]]] = {}
    for project_id, partner_id, role in rows:
        lead, others = out.get(project_id, (None, ()))
        out[project_id] = (partner_id, others) if role == "lead" else (lead, others + (partner_id,))
    return out


def resolve(store: Store, workshop_id: str, lead_partner_id: str | None, partner_ids,
            lead_text: str, partners_text: dict) -> tuple[str, dict[str, tuple[str, ...]]]:
    """A project's lead agency text and {sector: names} filled from the organisations chosen, with
    any names typed in kept beside them (a chosen organisation is not named twice). An organisation
    not in the list is refused."""
    known = {p.id: p for p in list_partners(store, workshop_id)}
    chosen = [lead_partner_id] if lead_partner_id else []
    chosen += list(partner_ids or ())
    if any(pid not in known for pid in chosen):
        raise ValidationError("error.unknown_partner")
    lead = known[lead_partner_id].name_th if lead_partner_id else lead_text
    out: dict[str, list[str]] = {}
    for pid in dict.fromkeys(partner_ids or ()):
        if pid != lead_partner_id:
            out.setdefault(known[pid].sector, []).append(known[pid].name_th)
    taken = {name_key(n) for names in out.values() for n in names}
    for sector, names in (partners_text or {}).items():
        for n in names:
            if str(n).strip() and name_key(n) not in taken:
                out.setdefault(sector, []).append(n)
                taken.add(name_key(n))
    return lead, {s: tuple(v) for s, v in out.items()}


def write_links(cur, project_id: str, lead_partner_id: str | None, partner_ids) -> None:
    """Called by projects.save_project inside its transaction."""
    cur.execute("DELETE FROM project_partner WHERE project_id = ?", [project_id])
    rows = ([[project_id, lead_partner_id, "lead"]] if lead_partner_id else []) + \
        [[project_id, pid, "partner"] for pid in dict.fromkeys(partner_ids or ()) if pid != lead_partner_id]
    if rows:
        cur.executemany("INSERT INTO project_partner (project_id, partner_id, role) VALUES (?, ?, ?)", rows)


def _rename_in_projects(cur, actor: Actor, workshop_id: str, old: Partner, new: Partner) -> None:
    """Projects linked to `old` name `new` instead (its name, and for partners its sector)."""
    rows = cur.execute("SELECT p.id, p.lead_agency, p.partners, l.role FROM project_partner l JOIN project p"
                       " ON p.id = l.project_id WHERE l.partner_id = ? AND p.workshop_id = ?",
                       [old.id, workshop_id]).fetchall()
    for project_id, lead, partners_json, role in rows:
        partners = json.loads(partners_json)
        new_lead = new.name_th if role == "lead" else lead
        names = [n for n in partners.get(old.sector, []) if name_key(n) != name_key(old.name_th)]
        if names:
            partners[old.sector] = names
        else:
            partners.pop(old.sector, None)
        if role == "partner" and name_key(new.name_th) not in {name_key(n) for n in partners.get(new.sector, [])}:
            partners.setdefault(new.sector, []).append(new.name_th)
        if new_lead == lead and partners == json.loads(partners_json):
            continue
        cur.execute("UPDATE project SET lead_agency = ?, partners = ?, updated_at = ? WHERE id = ?",
                    [new_lead, json.dumps(partners, ensure_ascii=False), now(), project_id])
        audit.record(cur, workshop_id, actor, "update", "project", project_id,
                     before={"lead_agency": lead, "partners": json.loads(partners_json)},
                     after={"lead_agency": new_lead, "partners": partners})


@dataclass(frozen=True)
class UnlistedName:
    """A name typed into projects that is not linked to an organisation in the list."""
    name: str
    sector: str | None          # the sector it was typed under as a partner; None for a lead agency only
    project_ids: tuple[str, ...]
    match: Partner | None       # an organisation in the list with the same name


def unlisted_names(store: Store, workshop_id: str) -> list[UnlistedName]:
    partners = list_partners(store, workshop_id)
    by_key = {k: p for p in partners for k in _keys(p.name_th, p.name_en)}
    links = project_links(store, workshop_id)
    linked_names = {pid: {name_key(p.name_th) for p in partners if p.id in ((lead,) + others)}
                    for pid, (lead, others) in links.items()}
    with store.cursor() as cur:
        rows = cur.execute("SELECT id, lead_agency, partners FROM project WHERE workshop_id = ? ORDER BY created_at",
                           [workshop_id]).fetchall()
    found: dict[str, list] = {}
    for project_id, lead, partners_json in rows:
        mine = linked_names.get(project_id, set())
        entries = [(lead, None)] + [(n, s) for s, names in json.loads(partners_json).items() for n in names]
        for name, sector in entries:
            key = name_key(name)
            if not key or key in mine:
                continue
            entry = found.setdefault(key, [name, sector, []])
            entry[1] = entry[1] or sector
            if project_id not in entry[2]:
                entry[2].append(project_id)
    return [UnlistedName(name, sector, tuple(ids), by_key.get(key)) for key, (name, sector, ids) in found.items()]


def adopt_name(store: Store, actor: Actor, workshop_id: str, name: str, *, sector: str | None = None,
               kind: str = "other", partner_id: str | None = None) -> Partner:
    """One step from a name typed into projects to an organisation in the list: a new organisation
    (or, with partner_id, the one already listed under that name), linked to every project that
    names it, as lead where it leads and as partner where it partners. The projects' text stays."""
    require_facilitator(actor)
    target = next((u for u in unlisted_names(store, workshop_id) if name_key(u.name) == name_key(name)), None)
    if target is None:
        raise ValidationError("error.name_not_in_projects", name=name)
    if partner_id is not None:
        partner = get_partner(store, workshop_id, partner_id)
        if name_key(name) not in _keys(partner.name_th, partner.name_en):
            raise ValidationError("error.partner_duplicate_other", name=name, existing=partner.name_th)
        f = None
    else:
        f = validate(target.name, "", sector or target.sector or "", kind, "", "", ())
        _refuse_duplicate(store, workshop_id, f)
    key = name_key(name)
    with store.transaction() as cur:
        if f is not None:
            partner_id = _insert(cur, workshop_id, f)
            audit.record(cur, workshop_id, actor, "create", "partner", partner_id, after=f)
        for project_id in target.project_ids:
            project_name, lead = cur.execute("SELECT name, lead_agency FROM project WHERE id = ?",
                                             [project_id]).fetchone()
            role = "lead" if name_key(lead) == key else "partner"
            if role == "partner" and cur.execute("SELECT 1 FROM project_partner WHERE project_id = ? AND partner_id = ?",
                                                 [project_id, partner_id]).fetchone():
                continue
            if role == "lead":
                cur.execute("DELETE FROM project_partner WHERE project_id = ? AND role = 'lead'", [project_id])
            cur.execute("INSERT INTO project_partner (project_id, partner_id, role) VALUES (?, ?, ?)",
                        [project_id, partner_id, role])
            # Read as "linked project “name · organisation”": the project's own fields do not change.
            audit.record(cur, workshop_id, actor, "link", "project", project_id,
                         after={"name": f"{project_name} · {target.name}", "partner_id": partner_id, "role": role})
    return get_partner(store, workshop_id, partner_id)


# ---- proposals from participants ------------------------------------------------------------------

@dataclass(frozen=True)
class Proposal:
    id: str
    participant_id: str
    proposer: str
    name_th: str
    name_en: str
    sector: str
    kind: str
    brings: tuple[str, ...]
    note: str
    is_own: bool
    created_at: dt.datetime


def propose(store: Store, actor: Actor, workshop_id: str, *, name_th: str, sector: str, kind: str,
            name_en: str = "", brings: tuple[str, ...] = (), note: str = "", is_own: bool = False) -> str:
    """A participant proposes an organisation (append-only; the facilitator accepts or declines).
    One already in the list is refused with its name, so they can choose it instead."""
    require_member(actor, workshop_id)
    if actor.role != PARTICIPANT:
        raise PermissionDenied("error.participants_propose")
    f = validate(name_th, name_en, sector, kind, "", "", brings)
    same = find_duplicate(store, workshop_id, f.name_th, f.name_en)
    if same is not None:
        raise ValidationError("error.partner_exists", name=same.name_th)
    note = clean_text(note, "field.note", NOTE_MAX, min_len=0)
    proposal_id = new_id()
    with store.cursor() as cur:
        cur.execute("INSERT INTO partner_proposal VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [proposal_id, workshop_id, actor.participant_id, f.name_th, f.name_en, f.sector, f.kind,
                     list(f.brings), note, bool(is_own), now()])
    return proposal_id


def pending_proposals(store: Store, workshop_id: str) -> list[Proposal]:
    with store.cursor() as cur:
        rows = cur.execute(
            "SELECT x.id, x.participant_id, coalesce(p.display_name, ''), x.name_th, x.name_en, x.sector, x.kind,"
            " x.brings, x.note, x.is_own, x.created_at FROM partner_proposal x"
            " LEFT JOIN participant p ON p.id = x.participant_id"
            " LEFT JOIN partner_proposal_decision d ON d.proposal_id = x.id"
            " WHERE x.workshop_id = ? AND d.proposal_id IS NULL ORDER BY x.created_at", [workshop_id]).fetchall()
    return [Proposal(*r[:7], tuple(r[7]), *r[8:]) for r in rows]


def _pending(store: Store, workshop_id: str, proposal_id: str) -> Proposal:
    found = {p.id: p for p in pending_proposals(store, workshop_id)}.get(proposal_id)
    if found is None:
        raise NotFound("error.proposal_not_found")
    return found


def accept_proposal(store: Store, actor: Actor, workshop_id: str, proposal_id: str,
                    into_id: str | None = None) -> Partner:
    """The proposal becomes an organisation in the list, or, with into_id, is recognised as one
    already there (a proposal that duplicates one is refused without into_id). A proposer who said
    it is their own organisation is counted under it."""
    require_facilitator(actor)
    x = _pending(store, workshop_id, proposal_id)
    if into_id is None:
        f = validate(x.name_th, x.name_en, x.sector, x.kind, "", "", x.brings)
        _refuse_duplicate(store, workshop_id, f)
    else:
        get_partner(store, workshop_id, into_id)
        f = None
    with store.transaction() as cur:
        partner_id = into_id
        if f is not None:
            partner_id = _insert(cur, workshop_id, f)
            audit.record(cur, workshop_id, actor, "create", "partner", partner_id, after=f)
        cur.execute("INSERT INTO partner_proposal_decision VALUES (?, 'accepted', ?, ?, ?)",
                    [proposal_id, partner_id, actor.who, now()])
        if x.is_own:
            cur.execute("INSERT INTO participant_organisation VALUES (?, ?, ?, ?)",
                        [workshop_id, x.participant_id, partner_id, now()])
        audit.record(cur, workshop_id, actor, "accept", "partner_proposal", proposal_id, before=x,
                     after={"partner_id": partner_id})
    return get_partner(store, workshop_id, partner_id)


def decline_proposal(store: Store, actor: Actor, workshop_id: str, proposal_id: str) -> None:
    require_facilitator(actor)
    x = _pending(store, workshop_id, proposal_id)
    with store.transaction() as cur:
        cur.execute("INSERT INTO partner_proposal_decision VALUES (?, 'declined', NULL, ?, ?)",
                    [proposal_id, actor.who, now()])
        audit.record(cur, workshop_id, actor, "decline", "partner_proposal", proposal_id, before=x)


# ---- which organisation each participant comes from -----------------------------------------------

def set_my_organisation(store: Store, actor: Actor, workshop_id: str, partner_id: str) -> Partner:
    """A participant names the organisation they come from (a new row; the newest counts)."""
    require_member(actor, workshop_id)
    if actor.role != PARTICIPANT:
        raise PermissionDenied("error.participants_only")
    partner = get_partner(store, workshop_id, partner_id)
    with store.cursor() as cur:
        cur.execute("INSERT INTO participant_organisation VALUES (?, ?, ?, ?)",
                    [workshop_id, actor.participant_id, partner_id, now()])
    return partner


def my_organisation(store: Store, workshop_id: str, participant_id: str) -> Partner | None:
    with store.cursor() as cur:
        row = cur.execute("SELECT partner_id FROM participant_organisation WHERE workshop_id = ? AND participant_id = ?"
                          " ORDER BY created_at DESC LIMIT 1", [workshop_id, participant_id]).fetchone()
    if row is None:
        return None
    return {p.id: p for p in list_partners(store, workshop_id)}.get(row[0])


@dataclass(frozen=True)
class OrganisationRollup:
    partner: Partner | None       # None: participants who have not named their organisation
    joined: int                   # people from it who joined the workshop
    contributed: int              # of them, people who added, voted, scored, rated or answered anything
    contributions: int            # everything they put in, counted row by row
    attended_sessions: int        # of them, people checked in at a capacity session


# Each participant's newest organisation, and each participant's input counted row by row.
_ROLLUP_SQL = """
WITH org AS (
    SELECT DISTINCT ON (participant_id) participant_id, partner_id
    FROM participant_organisation WHERE workshop_id = $w ORDER BY participant_id, created_at DESC
), input AS (
    SELECT participant_id FROM swot_item WHERE workshop_id = $w
    UNION ALL SELECT participant_id FROM swot_vote WHERE workshop_id = $w AND active
    UNION ALL SELECT participant_id FROM dimension_idea WHERE workshop_id = $w
    UNION ALL SELECT participant_id FROM idea_score WHERE workshop_id = $w
    UNION ALL SELECT participant_id FROM maturity_rating WHERE workshop_id = $w
    UNION ALL SELECT b.participant_id FROM activity_ballot b JOIN activity a ON a.id = b.activity_id WHERE a.workshop_id = $w
    UNION ALL SELECT x.participant_id FROM activity_answer x JOIN activity a ON a.id = x.activity_id WHERE a.workshop_id = $w
    UNION ALL SELECT c.participant_id FROM capacity_answer c JOIN capacity_session s ON s.id = c.session_id
          WHERE s.workshop_id = $w
    UNION ALL SELECT participant_id FROM partner_proposal WHERE workshop_id = $w
), per_person AS (
    SELECT participant_id, count(*) AS n FROM input WHERE participant_id IS NOT NULL GROUP BY participant_id
), attended AS (
    SELECT DISTINCT a.participant_id FROM capacity_attendance a JOIN capacity_session s ON s.id = a.session_id
    WHERE s.workshop_id = $w
)
SELECT o.partner_id, count(*), count(i.participant_id), coalesce(sum(i.n), 0), count(t.participant_id)
FROM participant p
LEFT JOIN org o ON o.participant_id = p.id
LEFT JOIN per_person i ON i.participant_id = p.id
LEFT JOIN attended t ON t.participant_id = p.id
WHERE p.workshop_id = $w GROUP BY o.partner_id
"""


def rollup_by_organisation(store: Store, workshop_id: str) -> list[OrganisationRollup]:
    """Attendance and contributions per organisation (every organisation in the list, 0 where
    nobody came), then the people who have not named theirs."""
    with store.cursor() as cur:
        rows = {r[0]: r[1:] for r in cur.execute(_ROLLUP_SQL, {"w": workshop_id}).fetchall()}
    out = [OrganisationRollup(p, *(int(v) for v in rows.get(p.id, (0, 0, 0, 0))))
           for p in list_partners(store, workshop_id)]
    if None in rows:
        out.append(OrganisationRollup(None, *(int(v) for v in rows[None])))
    return out
