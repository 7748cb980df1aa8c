"""The repo's shape as the README describes it (issue 12): every module says its one job in an opening
docstring, and the README's layout block names every module of the two packages and nothing that is gone."""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("analytics", "dashboard")


def layout_block() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    return section.split("```", 2)[1]


def modules() -> list[Path]:
    """The packages' modules, leaving out package markers, thin page files and Alembic revisions."""
    found = []
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            relative = path.relative_to(REPO)
            if path.name == "__init__.py" or "pages" in relative.parts or "versions" in relative.parts:
                continue
            found.append(relative)
    return found


def test_every_module_opens_with_a_docstring_saying_its_job():
    top_level = [REPO / "app.py", REPO / "serve.py"]
    missing = [
        str(path.relative_to(REPO))
        for path in [*top_level, *(REPO / m for m in modules())]
        if not (ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or "").strip()
    ]
    assert missing == []


def test_the_readme_layout_names_every_module_and_only_files_that_exist():
    block = layout_block()
    named = set(re.findall(r"[\w.]+\.py\b", block))
    unnamed = [str(m) for m in modules() if m.name not in named]
    assert unnamed == []
    everything = {p.name for p in REPO.rglob("*.py") if ".git" not in p.parts}
    assert sorted(named - everything) == []


def test_the_page_benchmark_still_finds_the_menu_in_app_py(tmp_path):
    # bench_pages adds a blank page to a copy of app.py's st.navigation list: a reformatted app.py broke it once.
    spec = importlib.util.spec_from_file_location("bench_pages", REPO / "benchmarks" / "bench_pages.py")
    bench_pages = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_pages)
    copy = bench_pages.app_with_blank_page(tmp_path).read_text(encoding="utf-8")
    original = (REPO / "app.py").read_text(encoding="utf-8")
    assert (
        copy.count('st.Page("blank.py"') == 1
        and copy.replace('    st.Page("blank.py", title="blank", url_path="blank"),\n', "") == original
    )
    compile(copy, "app.py", "exec")  # still Python
