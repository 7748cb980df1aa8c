"""``python -m analytics``: the catalog and assess commands, in process (``main(argv)``), and the
entry point as a script uses it: a real process, its exit code, a closed pipe."""

import json
import subprocess
import sys

import pytest

from analytics.store import Store
from tests.helpers import REPO, p15_catalog_file, run_cli, run_cli_process


@pytest.fixture
def db(demo_db_url):
    """A copy of the seeded demo database: seeding it afresh in every test (or process) would cost ~1 s each."""
    return demo_db_url


def row_of(table: str, seq: str) -> list[str]:
    """The cells of the terminal table's row whose first cell is ``seq`` (names have no spaces)."""
    return next(line.split() for line in table.splitlines() if line.split()[:1] == [seq])


def test_assess_json_has_numbers_as_numbers_and_missing_as_null(db):
    result = run_cli("assess", "--format", "json", db=db)
    assert result.returncode == 0, result.stderr
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert len(rows) == 26
    assert rows["p14-03"]["latest_value"] == 95.9 and rows["p14-03"]["target_value"] == 96
    assert rows["p14-03"]["latest_year"] == 2024 and isinstance(rows["p14-03"]["n_observations"], int)
    assert rows["p14-05"]["projected_low"] is None  # maintain-type: no band
    assert "示意" in result.stderr  # illustrative figures are flagged, off stdout for json


def test_assess_table_in_chinese_and_english_with_as_of(db):
    zh = run_cli("assess", "--as-of", "2022", db=db)
    assert zh.returncode == 0 and "制造业产品质量平均合格率" in zh.stdout and "示意数据" in zh.stdout
    # #3 as of 2022: latest 95.3 (2022), gap 96 - 95.3 = 0.7, progress (95.3 - 94.4) / (96 - 94.4) = 56%
    assert row_of(zh.stdout, "3")[:9] == [
        "3",
        "制造业产品质量平均合格率",
        "%",
        "94.4",
        "2022",
        "95.3",
        "96",
        "0.7",
        "56%",
    ]
    latest = run_cli("assess", db=db)
    # without --as-of: the latest year with data, 2024 (95.9; gap 0.1; (95.9 - 94.4) / 1.6 = 94%)
    assert row_of(latest.stdout, "3")[4:9] == ["2024", "95.9", "96", "0.1", "94%"]
    en = run_cli("assess", "--lang", "en", "--plan", "p13", db=db)
    assert en.returncode == 0 and "Achieved" in en.stdout and "Qualitative" in en.stdout


def test_assess_from_a_file_uses_the_file_s_figures_and_the_database_s_catalog(tmp_path, db):
    observations = tmp_path / "obs.csv"
    observations.write_text(
        "指标,年份,数值\n3,2021,95\n制造业产品质量平均合格率,2022,95.5\np14-03,2023,96.2\n", encoding="utf-8"
    )
    result = run_cli("assess", "--observations", observations, "--format", "csv", db=db)
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("p14-03,"))
    assert ",2023,96.2," in line and ",achieved," in line
    assert "示意" not in result.stderr  # the file is not illustrative
    # A plan added to the database (not in data/) is assessed from a file too.
    assert run_cli("catalog", "import", p15_catalog_file(tmp_path), db=db).returncode == 0
    (tmp_path / "p15.csv").write_text("indicator,year,value\n3,2026,96.5\n", encoding="utf-8")
    p15 = run_cli("assess", "--observations", tmp_path / "p15.csv", "--plan", "p15", "--format", "json", db=db)
    assert p15.returncode == 0, p15.stderr
    rows = {r["id"]: r for r in json.loads(p15.stdout)}
    assert len(rows) == 26 and rows["p15-03"]["latest_year"] == 2026 and rows["p15-03"]["latest_value"] == 96.5


def test_errors_are_one_bilingual_line_and_exit_1(tmp_path, db):
    unknown = run_cli("assess", "--plan", "p99", db=db)
    assert unknown.returncode == 1 and unknown.stderr.strip() == "未知规划：p99 / Unknown plan: p99"
    missing = run_cli("assess", "--observations", tmp_path / "none.csv", db=db)
    assert missing.returncode == 1 and missing.stderr.strip() == (
        f"找不到文件：{tmp_path / 'none.csv'} / File not found: {tmp_path / 'none.csv'}"
    )
    year = run_cli("assess", "--as-of", "2031", db=db)
    assert year.returncode == 1 and year.stderr.strip() == (
        "评估年份2031不在2020-2025之间 / As-of year 2031 is outside 2020-2025"
    )


def test_a_broken_database_is_one_bilingual_line_naming_what_failed(tmp_path):
    url = f"sqlite:///{tmp_path}/plan.db"
    store = Store(url)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE indicators")
    store.engine.dispose()
    result = run_cli("catalog", db=url)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip() == (
        "读取指标目录时数据库出错：no such table: indicators / "
        "Database error while reading the catalog: no such table: indicators"
    )


def test_catalog_lists_a_plan_as_csv(db):
    result = run_cli("catalog", "--plan", "p13", "--format", "csv", db=db)
    assert result.returncode == 0
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 19 and lines[0].startswith("id,plan,plan_name_zh")  # header + 18 indicators
    assert "'{15}家" not in result.stdout and "{15}家" in result.stdout


# --- the entry point, as a real process --------------------------------------------------------
def test_the_entry_point_prints_json_and_exits_0(db):
    result = run_cli_process("assess", "--format", "json", db=db)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 26


def test_the_entry_point_exits_1_with_one_line_and_no_traceback(db):
    result = run_cli_process("assess", "--plan", "p99", db=db)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", "未知规划：p99 / Unknown plan: p99\n")


def test_a_reader_that_has_gone_ends_the_output_quietly_with_exit_0(db):
    # db is seeded already, so the process below only reads.
    # The reading end is closed before the process writes a byte: every write meets a broken pipe.
    process = subprocess.Popen(
        [sys.executable, "-m", "analytics", "assess"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={"PATH": "/usr/bin:/bin", "PLAN_DB_URL": db, "PYTHONPATH": str(REPO)},
    )
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert (process.wait(timeout=120), stderr) == (0, "")


def test_the_readme_example_with_head_prints_seven_lines_and_no_error(db):
    shell = subprocess.run(
        ["bash", "-o", "pipefail", "-c", f"{sys.executable} -m analytics assess | head -7"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PLAN_DB_URL": db},
        timeout=120,
        check=False,
    )
    assert shell.returncode == 0 and shell.stderr == ""
    assert len(shell.stdout.splitlines()) == 7 and shell.stdout.startswith("注意：")
