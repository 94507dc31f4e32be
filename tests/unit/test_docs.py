"""The README's two commands exist and CI runs the test one."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_readme_commands_exist_and_ci_uses_the_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^(scripts/\S+\.sh)\s*$", readme, flags=re.M)
    assert "scripts/start.sh" in commands and "scripts/test.sh" in commands
    for cmd in commands:
        assert (ROOT / cmd).is_file()
    assert "scripts/test.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_domain_package_never_imports_streamlit():
    for path in (ROOT / "planning").rglob("*.py"):
        assert not re.search(r"^\s*(import|from)\s+streamlit", path.read_text(encoding="utf-8"), re.M), path


def test_pages_hold_no_sql():
    sql = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE)\b\s+\S+.*\b(FROM|INTO|SET|WHERE)\b")
    for path in list((ROOT / "pages").glob("*.py")) + [ROOT / "app.py"]:
        assert not sql.search(path.read_text(encoding="utf-8")), path


def test_page_addresses_are_file_stems():
    """Streamlit resolves the first request against pages/ by file stem (see app.py)."""
    source = (ROOT / "app.py").read_text(encoding="utf-8")
    pairs = re.findall(r'"pages/(\w+)\.py", "[\w.]+", "([\w-]+)"', source)
    assert pairs and all(stem == url for stem, url in pairs)
