"""The catalogue stays complete: every key the code uses exists in Thai and English."""
import re
from pathlib import Path

from planning import text

ROOT = Path(__file__).resolve().parents[2]
KEY_USE = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""")
ERROR_KEY = re.compile(r"""(?:Error|Denied|NotFound)\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""")
FIELD_KEY = re.compile(r"""(?:field=|Key\()\s*["']((?:field|col)\.[a-z_]+)["']""")


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
    assert text.t("error.required", "en", field=text.Key("field.display_name")) == "“Display name” is required"
    assert text.t("no.such.key") == "no.such.key"


def test_user_text_equal_to_a_key_is_never_translated():
    """A participant named `role.facilitator` must not show as the facilitator."""
    assert text.t("sidebar.participant_as", "th", name="role.facilitator", sector="x") == "role.facilitator · x"
    assert text.t("error.too_long", "en", field="field.display_name", max=60, length=61).startswith(
        "“field.display_name”")
    from planning.errors import ValidationError

    assert "role.facilitator" in ValidationError("error.duplicate_title", title="role.facilitator").message("th")


def test_key_parameters_in_the_code_are_marked():
    """Field and column names inside messages are catalogue keys and must say so with Key(...);
    a bare string would now be shown as the raw key."""
    bare = re.compile(r"""\b(?:field|source)=f?["'][a-z_]+\.|problems\.append\(\(\w+, f?["']col\.""")
    found = [f"{path.name}:{n}" for path in (ROOT / "planning").glob("*.py")
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if bare.search(line)]
    assert found == []


MARKUP = ("**x** __u__ *i* :red[y] :rainbow[r] :blue-background[b] :material/home: :smile: [l](http://e.com) "
          "http://e.com https://x.org/a_b www.e.com a@b.co $$x$$ $y$ <b>b</b> <script>s</script> `c` ~~s~~ "
          "![i](http://e.com/i.png) \\ \\* &amp; role.facilitator\n# h\n- li\n1. one\n> q\n| a | b |\n---")


def unescape(escaped: str) -> str:
    return re.sub(r"\\(.)", r"\1", escaped.replace("\u2060", "").replace("  \n", "\n"))


def test_escape_markdown_neutralises_markup():
    escaped = text.escape_markdown(MARKUP)
    for token in ("<b>", "<script>", "**", "[l](", ":red[", ":material/", ":smile:", "$$", "$y$", "`c`",
                  "http://", "https://", "www.e", "a@b", " &amp;", "\n#", "\n-", "\n1.", "\n>", "\n|"):
        assert token not in escaped, token
    assert unescape(escaped) == MARKUP  # nothing lost, only escaped


def test_escape_plotly():
    assert text.escape_plotly("<b>b</b> & %{x} 50%") == "&lt;b&gt;b&lt;/b&gt; &amp; &#37;{x} 50&#37;"
    assert text.escape_plotly(None) == ""


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
