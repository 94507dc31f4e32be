"""The catalogue stays complete: every key the code uses exists in Thai and English."""
import re
from pathlib import Path

from planning import text

ROOT = Path(__file__).resolve().parents[2]
KEY_USE = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""")
ERROR_KEY = re.compile(r"""(?:Error|Denied|NotFound)\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""")
FIELD_KEY = re.compile(r"""field=["'](field\.[a-z_]+)["']""")


def used_keys():
    keys = set()
    for path in list((ROOT / "pages").glob("*.py")) + list((ROOT / "planning").glob("*.py")) + [ROOT / "app.py"]:
        source = path.read_text(encoding="utf-8")
        for pattern in (KEY_USE, ERROR_KEY, FIELD_KEY):
            keys.update(pattern.findall(source))
    return keys


def test_every_used_key_is_in_the_catalogue():
    keys = used_keys()
    assert len(keys) > 50
    assert sorted(k for k in keys if k not in text.CATALOGUE) == []


def test_every_entry_has_thai_and_english_with_the_same_placeholders():
    for key, (th, en) in text.CATALOGUE.items():
        assert th.strip() and en.strip(), key
        assert set(re.findall(r"{(\w+)}", th)) == set(re.findall(r"{(\w+)}", en)), key


def test_translation_and_nested_field_names():
    assert text.t("positioning.title") == "ตำแหน่งเมือง"
    assert text.t("positioning.title", "en") == "City positioning"
    assert text.t("error.required", "en", field="field.display_name") == "“Display name” is required"
    assert text.t("no.such.key") == "no.such.key"


def test_escape_markdown_neutralises_markup():
    raw = "<script>alert(1)</script> **b** [x](http://e.x) :red[y] $z$ `c`"
    escaped = text.escape_markdown(raw)
    for token in ("<script>", "**", "](", ":red[", "$z$", "`c`"):
        assert token not in escaped
    assert re.sub(r"\\(.)", r"\1", escaped) == raw  # nothing lost, only escaped


def test_keys_built_from_choices_exist():
    from planning import catalogue, ideas, participants, positioning, rules, workshops

    keys = [f"sector.{s}" for s in participants.SECTORS] + [f"level.{v}" for v in workshops.LEVELS]
    keys += [f"city_type.{v}" for v in workshops.CITY_TYPES] + [f"swot.quadrant.{q}" for q in positioning.QUADRANTS]
    keys += [f"direction.{d}" for d in catalogue.DIRECTIONS] + [f"ideas.kind.{k}" for k in ideas.KINDS]
    keys += [f"comparison.{c}" for c in (rules.BETTER, rules.WORSE, rules.SAME)]
    keys += [f"maturity.level.{n}" for n in ideas.SCALE] + ["role.facilitator", "role.participant"]
    keys += rules.target_flags(10, 5, 4, 3, "higher") + rules.target_flags(10, 11, 12, 13, "lower")
    keys += rules.target_flags(0, 5, 4, 3, "higher") + [rules.dimension_rule([]), rules.dimension_rule(["ENV"])]
    for c in ("code", "name", "unit", "direction", "baseline_value", "baseline_year", "baseline_source",
              "benchmark_value", "benchmark_source", "gap", "gap_status", "target_6m", "target_12m",
              "target_horizon", "indicator_code"):
        keys.append(f"col.{c}")
    from planning import criteria, projects

    keys += [f"source.{s}" for s in projects.BUDGET_SOURCES] + [f"rule.{r}" for r in criteria.RULES]
    keys += [f"investment.{v}" for v in projects.INVESTMENT_TYPES] + [f"component.{n}" for n in range(1, 6)]
    keys += [f"projectcomponent.{c}" for c in projects.COMPONENTS] + ["nav.positioning", "nav.actionplan"]
    assert sorted(k for k in keys if k not in text.CATALOGUE) == []


def test_keys_the_plan_document_builds_exist():
    from planning import criteria, plan_document, plan_texts, projects, rules

    source = (ROOT / "planning" / "plan_document.py").read_text(encoding="utf-8")
    keys = re.findall(r"""missing\(\s*["']([a-z_.]+)["']""", source)
    assert len(keys) > 15
    keys += [f"source_short.{s}" for s in projects.BUDGET_SOURCES] + [f"doc.status.{s}" for s in rules.STATUSES]
    keys += [f"doc.half.{h}" for h in (1, 2)] + [f"doc.quarter_months.{q}" for q in (1, 2, 3, 4)]
    keys += [f"plantext.{k}" for k in plan_texts.KEYS]
    keys += [f"component.missing.participation.{g}" for g in criteria.PARTICIPATION_GROUPS]
    keys += [f"nav.{c.fix_page}" for c in criteria.checklist_items()]
    assert sorted(k for k in keys if k not in text.CATALOGUE) == []
    assert plan_document  # the module the keys come from imports cleanly
