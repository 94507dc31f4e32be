"""A frozen plan version and the audit trail as the committee reads them: every field under its
label in the reader's language, in the order the plan reads, B.E. years, baht with separators,
indicator and dimension names instead of codes, changes field by field, and the audit trail as
sentences in Thailand's time. User text (titles, names, notes) is returned as it was typed; the
screen escapes it."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from planning import catalogue, criteria, dates, indicators
from planning.exports import neutralise
from planning.projects import baht
from planning.roles import FACILITATOR, PARTICIPANT, REVIEWER
from planning.text import t

THAILAND = ZoneInfo("Asia/Bangkok")

# The fields of each section, in the order the plan reads; anything else a snapshot holds is left
# out rather than shown under an internal name.
FIELDS = {
    "statements": ("vision", "positioning", "lead_dimensions"),
    "focus": ("dimensions", "rationale"),
    "indicators": ("baseline", "baseline_year", "target_6m", "target_12m", "target_horizon"),
    "issues": (),
    "strategies": ("dimension", "goal", "issue", "indicators"),
    "measures": ("strategy", "indicators"),
    "projects": ("fiscal_year", "last_fiscal_year", "strategy", "objective", "lead_agency", "dimensions",
                 "budget", "total", "milestones", "kpis"),
    "texts": ("text",),
    "criteria": ("complete", "why"),
}
_DIMENSION_FIELDS = {"dimension", "dimensions", "lead_dimensions"}
_NAME_KEYS = ("name", "title", "label", "name_th", "text", "topic")


@dataclass(frozen=True)
class Line:
    label: str
    value: str


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class Sentence:
    when: str      # local date and time, Thai style in Thai
    who: str       # as typed
    what: str      # the verb and the kind of thing, from the catalogue
    name: str      # the thing's own name as typed, or ""
    changes: tuple[Change, ...]
    more: int      # changed fields not listed (nested data)


class Reader:
    """Formats one workshop's plan data for one language."""

    def __init__(self, store, workshop_id: str, lang: str):
        self.lang = lang
        self.dims = catalogue.dimensions()
        self.inds = indicators.indicator_map(store, workshop_id)

    # ---- values ------------------------------------------------------------------------------

    def number(self, v) -> str:
        if isinstance(v, bool) or v is None:
            return self.plain(v)
        text = f"{float(v):,.2f}".rstrip("0").rstrip(".")
        return text

    def dimension(self, code: str) -> str:
        d = self.dims.get(code)
        return d.name(self.lang) if d else code

    def indicator(self, code: str) -> str:
        i = self.inds.get(code)
        return i.name(self.lang) if i else code

    def unit(self, code: str) -> str:
        i = self.inds.get(code)
        return i.unit_name(self.lang) if i else ""

    def fiscal_year(self, be: int | str | None) -> str:
        if be in (None, ""):
            return "–"
        be = int(be)
        return str(be) if self.lang == "th" else str(dates.ce_year(be))

    def plain(self, v) -> str:
        if v is None or v == "" or v == []:
            return "–"
        if isinstance(v, bool):
            return t("common.yes" if v else "common.no", self.lang)
        if isinstance(v, float):
            return self.number(v)
        if isinstance(v, list):
            return ", ".join(self.plain(x) for x in v)
        return str(v)

    def value(self, section: str, field: str, v, item: dict | None = None) -> str:
        if v is None or v == "" or v == [] or v == {}:
            return "–"
        if field in _DIMENSION_FIELDS:
            return ", ".join(self.dimension(c) for c in (v if isinstance(v, list) else [v]))
        if field == "indicators":
            return ", ".join(self.indicator(c) for c in v)
        if field == "baseline_year":
            return dates.format_year(int(v), self.lang)
        if field in ("fiscal_year", "last_fiscal_year"):
            return self.fiscal_year(v)
        if field in ("baseline", "target_6m", "target_12m", "target_horizon"):
            code = (item or {}).get("_code", "")
            unit = self.unit(code)
            return f"{self.number(v)} {unit}".strip()
        if field == "total":
            return t("read.baht", self.lang, amount=baht(v))
        if field == "budget":  # source -> fiscal year (B.E.) -> amount
            parts = []
            for source, years in v.items():
                by_year = ", ".join(t("read.year_amount", self.lang, year=self.fiscal_year(y), amount=baht(a))
                                    for y, a in sorted(years.items()))
                parts.append(f"{t(f'source.{source}', self.lang)}: {by_year}")
            return "; ".join(parts)
        if field == "milestones":  # "year/quarter" -> description
            return "; ".join(t("read.milestone", self.lang, quarter=k.split("/")[1],
                               year=self.fiscal_year(k.split("/")[0]), text=d) for k, d in sorted(v.items()))
        if field == "kpis":  # [code, kind, baseline, target]
            return "; ".join(t("read.kpi", self.lang, name=self.indicator(c), kind=t(f"actionplan.kpi_kind.{k}", self.lang),
                               baseline=self.number(b), target=self.number(g), unit=self.unit(c)).strip()
                             for c, k, b, g in v)
        if field == "complete":
            return t("read.met" if v else "read.not_met", self.lang)
        if field == "why":
            return "; ".join(v.get(self.lang, [])) or "–"
        return self.plain(v)

    # ---- a version's items ------------------------------------------------------------------

    def title(self, section: str, key: str, item: dict) -> str:
        label = item.get("label", key)
        if section == "statements":
            return t("read.item.statements", self.lang)
        if section == "focus":
            return t("read.item.focus", self.lang)
        if section == "indicators":
            return self.indicator(key)
        if section == "texts":
            return t("doc.mission" if key == "mission" else f"plantext.{key}", self.lang)
        if section == "criteria":
            return t(label, self.lang) if label.startswith("component.") else criteria.item_name(label, self.lang)
        return label

    def lines(self, section: str, key: str, item: dict) -> list[Line]:
        item = {**item, "_code": key}
        fields = FIELDS.get(section, ())
        if section == "projects" and item.get("last_fiscal_year") in (None, item.get("fiscal_year")):
            fields = tuple(f for f in fields if f != "last_fiscal_year")
        if section == "criteria" and item.get("complete"):
            fields = ("complete",)
        return [Line(t(f"read.field.{f}", self.lang), self.value(section, f, item.get(f), item))
                for f in fields if f in item]

    def change(self, section: str, key: str, field: str, before, after) -> Change | None:
        if field not in FIELDS.get(section, ()):
            return None
        item = {"_code": key}
        return Change(t(f"read.field.{field}", self.lang), self.value(section, field, before, item),
                      self.value(section, field, after, item))

    # ---- the audit trail --------------------------------------------------------------------

    def person(self, who: str | None) -> str:
        return person(who, self.lang)

    def name_of(self, value) -> str:
        if isinstance(value, dict) and isinstance(value.get("indicator_code"), str):
            return self.indicator(value["indicator_code"])
        return _name_of(value)

    def local_time(self, utc: dt.datetime) -> str:
        return local_time(utc, self.lang)

    def sentence(self, entry) -> Sentence:
        before, after = _json(entry.before), _json(entry.after)
        entity = t(f"audit.entity.{entry.entity}", self.lang)
        if self.lang == "th" and entity[:1].isascii() and entity[:1].isalpha():
            entity = " " + entity  # Thai runs words together, but not into a Latin name: "เพิ่ม City Lab"
        what = t("read.audit", self.lang, action=t(f"audit.action.{entry.action}", self.lang), entity=entity)
        name = self.name_of(after) or self.name_of(before)
        changes, more = [], 0
        if isinstance(before, dict) and isinstance(after, dict):
            for field in sorted(set(before) | set(after)):
                a, b = before.get(field), after.get(field)
                if a == b or field in ("id", "workshop_id", "created_at", "updated_at"):
                    continue
                label = _field_label(field, self.lang)
                if label is None or isinstance(a, (dict, list)) and any(isinstance(x, (dict, list)) for x in a) \
                        or isinstance(b, (dict, list)) and any(isinstance(x, (dict, list)) for x in b):
                    more += 1
                    continue
                changes.append(Change(label, self._audit_value(field, a), self._audit_value(field, b)))
        return Sentence(self.local_time(entry.at), self.person(entry.who), what, name, tuple(changes), more)

    def audit_csv(self, entries) -> bytes:
        """The whole trail for a spreadsheet, in the reader's language: Thailand's time, who, what,
        the thing's name and the changed fields in words (formula cells neutralised). The stored
        records themselves, with their ids, are in the data export (planning.exports)."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([t(f"audit.csv.{c}", self.lang) for c in
                         ("when", "who", "what", "name", "changes")])
        for e in entries:
            s = self.sentence(e)
            changes = "; ".join(f"{c.label}: {c.before} → {c.after}" for c in s.changes)
            if s.more:
                changes = "; ".join(x for x in (changes, t("read.more_fields", self.lang, n=s.more)) if x)
            writer.writerow([neutralise(x) for x in
                             (s.when, s.who, s.what, s.name, changes)])
        return out.getvalue().encode("utf-8-sig")

    def _audit_value(self, field: str, v) -> str:
        if field in _DIMENSION_FIELDS:
            return self.value("", field, v)
        if field in ("indicator_codes", "indicators"):
            return ", ".join(self.indicator(c) for c in (v or [])) or "–"
        if field in ("fiscal_year_be", "last_fiscal_year_be"):
            return self.fiscal_year(v)
        if field == "baseline_year" and v is not None:
            return dates.format_year(int(v), self.lang)
        if isinstance(v, str) and len(v) == 10 and v[4] == "-" and v[7] == "-":
            try:
                return dates.format_date(dt.date.fromisoformat(v), self.lang)
            except ValueError:
                pass
        return self.plain(v)


def person(who: str | None, lang: str) -> str:
    """Who, as the store records it ("facilitator", "reviewer: name", a participant's id), in
    words: the role from the catalogue, a name as it was typed; any other text as it is."""
    if not who:
        return "–"
    role, sep, name = who.partition(": ")
    if sep and role in (FACILITATOR, REVIEWER, PARTICIPANT) and name:
        return f"{name} ({t(f'role.{role}', lang)})"
    if who in (FACILITATOR, REVIEWER, PARTICIPANT):
        return t(f"role.{who}", lang)
    if re.fullmatch(r"[0-9a-f]{32}", who):  # a participant's id
        return t("role.participant", lang)
    return who


def local_time(utc: dt.datetime, lang: str) -> str:
    """A stored UTC time as Thailand's date and clock: '22 พ.ย. 2569 เวลา 19:52 น.'."""
    here = utc.replace(tzinfo=dt.timezone.utc).astimezone(THAILAND)
    return t("read.at", lang, date=dates.format_date(here.date(), lang), time=here.strftime("%H:%M"))


def _json(raw: str | None):
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None


def _name_of(value) -> str:
    if not isinstance(value, dict):
        return ""
    for key in _NAME_KEYS:
        if isinstance(value.get(key), str) and value[key].strip():
            return value[key]
    return ""


# Audit fields that have a label; others (ids, nested data) are counted, not named.
_AUDIT_FIELDS = {
    "name": "read.field.name", "title": "read.field.title", "text": "read.field.text", "goal": "read.field.goal",
    "objective": "read.field.objective", "lead_agency": "read.field.lead_agency", "note": "read.field.note",
    "dimension": "read.field.dimension", "dimensions": "read.field.dimensions",
    "lead_dimensions": "read.field.lead_dimensions", "vision": "read.field.vision",
    "positioning": "read.field.positioning", "rationale": "read.field.rationale",
    "indicator_codes": "read.field.indicators", "fiscal_year_be": "read.field.fiscal_year",
    "last_fiscal_year_be": "read.field.last_fiscal_year", "target_group": "read.field.target_group",
    "baseline_value": "read.field.baseline", "baseline_year": "read.field.baseline_year",
    "target_6m": "read.field.target_6m", "target_12m": "read.field.target_12m",
    "target_horizon": "read.field.target_horizon", "value": "read.field.value",
    "measured_on": "read.field.measured_on", "percent": "read.field.percent",
    "number": "read.field.number", "resolution_no": "read.field.resolution_no",
    "resolution_date": "read.field.resolution_date",
    # a sustainability score, one per aspect (planning.sustainability.ASPECTS)
    "people": "aspect.people", "money": "aspect.money", "knowledge": "aspect.knowledge",
    "management": "aspect.management",
}


def _field_label(field: str, lang: str) -> str | None:
    key = _AUDIT_FIELDS.get(field)
    return t(key, lang) if key else None
