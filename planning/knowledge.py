"""The knowledge base: lessons and best practices the group learned, and stories participants tell
(seed 000: knowledge base, best practice, storytelling, After Action Review).

Each entry has a title, the situation, what was done, the result and the lesson, tags (dimensions,
a project, partners), a source and an author. Participants submit stories from their phones; the
facilitator curates: a participant's story is proposed until the facilitator publishes it, and
anything can be hidden. After Action Reviews recorded at checkpoints appear as entries by
themselves (read from the checkpoint, not copied). Search finds words in any field, Thai included
(Thai is written without spaces, so a word is found wherever it stands in the text)."""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from planning import audit, catalogue, dates, projects, reading, text
from planning.errors import NotFound, PermissionDenied, ValidationError
from planning.roles import FACILITATOR, PARTICIPANT, Actor, require_facilitator, require_member
from planning.store import Store, new_id, now
from planning.text import Key
from planning.validation import clean_text

KINDS = ("lesson", "best_practice", "story")
SOURCES = ("storytelling", "field_visit", "workshop", "other")
AAR = "aar"                                  # the source of entries read from checkpoints
STATUSES = ("proposed", "published", "hidden")
TITLE_MAX, TEXT_MAX, PARTNER_MAX, PARTNERS_MAX = 200, 2000, 200, 10
STORIES_PER_HOUR = 5                         # a participant's own stories, to keep the list readable


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str
    title: str
    situation: str
    action: str
    result: str
    lesson: str
    dimensions: tuple[str, ...]
    project_id: str | None
    partners: tuple[str, ...]
    source: str                       # one of SOURCES, or AAR
    author: str
    participant_id: str | None
    status: str
    written_at: dt.datetime
    checkpoint_months: int | None = None   # for entries from an After Action Review

    @property
    def text(self) -> str:
        """Every field a search looks in."""
        return "\n".join((self.title, self.situation, self.action, self.result, self.lesson, *self.partners))


def _clean(kind: str, title: str, situation: str, action: str, result: str, lesson: str, dimensions,
           project_id: str | None, partners, source: str, store: Store, workshop_id: str) -> dict:
    if kind not in KINDS:
        raise ValidationError("error.bad_choice", field=Key("knowledge.kind"))
    if source not in SOURCES:
        raise ValidationError("error.bad_choice", field=Key("knowledge.source"))
    unknown = [d for d in dimensions or () if d not in catalogue.dimensions()]
    if unknown:
        raise ValidationError("error.unknown_dimension", code=", ".join(unknown))
    if project_id and project_id not in {p.id for p in projects.list_projects(store, workshop_id)}:
        raise NotFound("error.project_not_found")
    names = [clean_text(n, "knowledge.partners", PARTNER_MAX) for n in partners or () if str(n).strip()]
    if len(names) > PARTNERS_MAX:
        raise ValidationError("error.too_many", field=Key("knowledge.partners"), max=PARTNERS_MAX)
    fields = {"title": clean_text(title, "knowledge.title_field", TITLE_MAX)}
    for name, value in (("situation", situation), ("action", action), ("result", result), ("lesson", lesson)):
        fields[name] = clean_text(value, f"knowledge.{name}", TEXT_MAX, min_len=0)
    if not (fields["situation"] or fields["action"] or fields["result"] or fields["lesson"]):
        raise ValidationError("error.knowledge_empty")
    return {"kind": kind, **fields, "dimensions": list(dict.fromkeys(dimensions or ())),
            "project_id": project_id or None, "partners": list(dict.fromkeys(names)), "source": source}


def _insert(cur, entry_id: str, workshop_id: str, values: dict, actor: Actor, author: str) -> None:
    cur.execute("INSERT INTO knowledge_entry (entry_id, workshop_id, kind, title, situation, action, result,"
                " lesson, dimensions, project_id, partners, source, participant_id, author, created_at)"
                " VALUES (" + ", ".join("?" * 15) + ")",
                [entry_id, workshop_id, values["kind"], values["title"], values["situation"], values["action"],
                 values["result"], values["lesson"], values["dimensions"], values["project_id"], values["partners"],
                 values["source"], actor.participant_id if actor.role == PARTICIPANT else None, author, now()])


def _status(cur, entry_id: str, workshop_id: str, status: str, actor: Actor) -> None:
    cur.execute("INSERT INTO knowledge_status VALUES (?, ?, ?, ?, ?)", [entry_id, workshop_id, status, actor.who, now()])


def add_entry(store: Store, actor: Actor, workshop_id: str, *, kind: str, title: str, situation: str = "",
              action: str = "", result: str = "", lesson: str = "", dimensions=(), project_id: str | None = None,
              partners=(), source: str = "workshop", author: str = "") -> str:
    """A lesson, best practice or story. The facilitator's entries are published at once; a
    participant's are stories from storytelling, proposed until the facilitator publishes them."""
    require_member(actor, workshop_id)
    if actor.role == PARTICIPANT:
        kind, source = "story", "storytelling"
        if len([e for e in entries(store, workshop_id, include_unpublished=True)
                if e.participant_id == actor.participant_id and now() - e.written_at < dt.timedelta(hours=1)]) \
                >= STORIES_PER_HOUR:
            raise ValidationError("error.stories_per_hour", n=STORIES_PER_HOUR)
        from planning.participants import list_participants
        author = next((p.display_name for p in list_participants(store, workshop_id)
                       if p.id == actor.participant_id), "")
    else:
        author = clean_text(author, "knowledge.author", PARTNER_MAX, min_len=0) or actor.who
    values = _clean(kind, title, situation, action, result, lesson, dimensions, project_id, partners, source,
                    store, workshop_id)
    entry_id = new_id()
    with store.transaction() as cur:
        _insert(cur, entry_id, workshop_id, values, actor, author)
        _status(cur, entry_id, workshop_id, "published" if actor.role == FACILITATOR else "proposed", actor)
        audit.record(cur, workshop_id, actor, "create", "knowledge_entry", entry_id, after=values)
    return entry_id


def edit_entry(store: Store, actor: Actor, workshop_id: str, entry_id: str, **changes) -> Entry:
    """The facilitator corrects an entry: a new row, the earlier wording stays in the history."""
    require_facilitator(actor)
    old = _entry(store, workshop_id, entry_id)
    if old.source == AAR:
        raise PermissionDenied("error.knowledge_from_checkpoint")
    merged = {k: changes.get(k, getattr(old, k)) for k in ("kind", "title", "situation", "action", "result",
                                                            "lesson", "dimensions", "project_id", "partners",
                                                            "source")}
    values = _clean(store=store, workshop_id=workshop_id, **merged)
    with store.transaction() as cur:
        _insert(cur, entry_id, workshop_id, values, actor, old.author)
        audit.record(cur, workshop_id, actor, "update", "knowledge_entry", entry_id,
                     before={k: getattr(old, k) for k in values}, after=values)
    return _entry(store, workshop_id, entry_id)


def set_status(store: Store, actor: Actor, workshop_id: str, entry_id: str, status: str) -> Entry:
    """Publish or hide an entry (the facilitator's curation)."""
    require_facilitator(actor)
    if status not in ("published", "hidden"):
        raise ValidationError("error.bad_choice", field=Key("knowledge.status"))
    old = _entry(store, workshop_id, entry_id)
    if old.source == AAR:
        raise PermissionDenied("error.knowledge_from_checkpoint")
    if old.status != status:
        with store.transaction() as cur:
            _status(cur, entry_id, workshop_id, status, actor)
            audit.record(cur, workshop_id, actor, "update", "knowledge_status", entry_id,
                         before=old.status, after=status)
    return _entry(store, workshop_id, entry_id)


_ENTRIES_SQL = """
WITH latest AS (
    SELECT DISTINCT ON (entry_id) * FROM knowledge_entry WHERE workshop_id = ? ORDER BY entry_id, created_at DESC
), status AS (
    SELECT DISTINCT ON (entry_id) entry_id, status FROM knowledge_status WHERE workshop_id = ?
    ORDER BY entry_id, created_at DESC
)
SELECT l.entry_id, l.kind, l.title, l.situation, l.action, l.result, l.lesson, l.dimensions, l.project_id,
       l.partners, l.source, l.author, l.participant_id, coalesce(s.status, 'proposed'), l.created_at
FROM latest l LEFT JOIN status s USING (entry_id)
ORDER BY l.created_at DESC
"""


def _aar_entries(store: Store, workshop_id: str) -> list[Entry]:
    with store.cursor() as cur:
        rows = cur.execute("SELECT DISTINCT ON (months) months, planned, happened, why, next_steps, recorded_by,"
                           " created_at FROM checkpoint_review WHERE workshop_id = ?"
                           " ORDER BY months DESC, created_at DESC", [workshop_id]).fetchall()
    # planned / happened / why / next steps read as situation / action / result / lesson
    return [Entry(id=f"{AAR}-{months}", kind="lesson", title="", situation=planned, action=happened, result=why,
                  lesson=next_steps, dimensions=(), project_id=None, partners=(), source=AAR, author=who,
                  participant_id=None, status="published", written_at=at, checkpoint_months=months)
            for months, planned, happened, why, next_steps, who, at in rows]


def title(entry: Entry, lang: str) -> str:
    """The entry's title; an After Action Review is named by its checkpoint."""
    if entry.source != AAR:
        return entry.title
    return text.t("knowledge.aar_title", lang, checkpoint=text.t("checkpoints.short", lang,
                                                                  months=entry.checkpoint_months))


def entries(store: Store, workshop_id: str, include_unpublished: bool = False) -> list[Entry]:
    """Every entry, newest first, After Action Reviews included; published ones only unless asked."""
    with store.cursor() as cur:
        rows = cur.execute(_ENTRIES_SQL, [workshop_id, workshop_id]).fetchall()
    found = [Entry(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(r[7]), r[8], tuple(r[9]), r[10], r[11], r[12],
                   r[13], r[14]) for r in rows] + _aar_entries(store, workshop_id)
    return [e for e in found if include_unpublished or e.status == "published"]


def _entry(store: Store, workshop_id: str, entry_id: str) -> Entry:
    found = {e.id: e for e in entries(store, workshop_id, include_unpublished=True)}.get(entry_id)
    if found is None:
        raise NotFound("error.knowledge_not_found")
    return found


def _folded(value: str) -> str:
    """Text as a search compares it: NFC, case folded, spaces squeezed (Thai has no case)."""
    return " ".join(unicodedata.normalize("NFC", value).casefold().split())


def search(found: list[Entry], words: str = "", dimension: str | None = None, project_id: str | None = None,
           partner: str | None = None, kind: str | None = None, source: str | None = None) -> list[Entry]:
    """Entries containing every word (in any field; Thai words are found inside running text) and
    matching every tag given."""
    terms = _folded(words).split()
    out = []
    for e in found:
        haystack = _folded(e.text)
        if terms and not all(t in haystack for t in terms):
            continue
        if dimension and dimension not in e.dimensions:
            continue
        if project_id and e.project_id != project_id:
            continue
        if partner and _folded(partner) not in {_folded(p) for p in e.partners}:
            continue
        if kind and e.kind != kind:
            continue
        if source and e.source != source:
            continue
        out.append(e)
    return out


def booklet(store: Store, workshop_id: str, lang: str = "th") -> bytes:
    """The published knowledge as a Thai Word booklet: entries by kind, each with its situation,
    what was done, the result and the lesson, its tags, source and author."""
    from planning.plan_document import load
    from planning.word import TABLE_PT, WordDocument

    p = load(store, workshop_id, lang)
    t = p.t
    title_text = t("knowledge.booklet_title", area=p.workshop.target_area)
    doc = WordDocument(header_text=title_text)
    doc.core_properties(title_text, p.texts["prepared_by"] or t("app.title"))
    doc.paragraph(title_text, bold=True, size=24, align="center", space_before=120)
    doc.paragraph(t("doc.cover_province", province=p.province.name(lang)), size=20, align="center")
    doc.paragraph(p.date(p.today), size=16, align="center")
    if p.workshop.is_sample:
        doc.paragraph(t("sample.banner"), size=14, align="center", grey=True)
    doc.page_break()
    doc.paragraph(t("doc.contents"), bold=True, size=20, align="center", space_after=8)
    doc.contents_here()
    doc.page_break()
    project_name = {q.id: q.name for q in p.projects}
    published = entries(store, workshop_id)
    groups = [(f"knowledge.kind.{k}", [e for e in published if e.kind == k and e.source != AAR]) for k in KINDS]
    groups.append(("knowledge.from_aar", [e for e in published if e.source == AAR]))
    number = 0
    for heading, mine in groups:
        if not mine:
            continue
        number += 1
        doc.heading(f"{number}. {t(heading)}", 1)
        for e in mine:
            doc.heading(title(e, lang), 2)
            for field, value in (("situation", e.situation), ("action", e.action), ("result", e.result),
                                 ("lesson", e.lesson)):
                if value:
                    doc.label_value(t(f"knowledge.{field}" if e.source != AAR else f"knowledge.aar.{field}"), value)
            tags = [p.dim(d) for d in e.dimensions] + ([project_name[e.project_id]] if e.project_id in project_name
                                                       else []) + list(e.partners)
            if tags:
                doc.label_value(t("knowledge.tags"), ", ".join(tags))
            doc.paragraph(t("knowledge.byline", source=t(f"knowledge.source.{e.source}"),
                            author=reading.person(e.author, lang),
                            date=dates.format_date(dates.local_day(e.written_at), lang)), grey=True, size=TABLE_PT)
    if not number:
        doc.placeholder(t("knowledge.none_yet"))
    doc.write_contents(None)
    doc.update_fields_on_open()
    return doc.to_bytes()
