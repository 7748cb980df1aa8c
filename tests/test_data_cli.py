"""The data workflow on the command line (in process, ``main(argv)``), and two processes committing at once."""

from __future__ import annotations

import hashlib
import io
import json
import multiprocessing
from pathlib import Path

import pandas as pd
import pytest

from analytics.store import Store
from tests.helpers import p15_catalog_file, run_cli

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def db(tmp_path):
    """SQLite only: for commands that read files, not the database's writes."""
    return f"sqlite:///{tmp_path}/cli.db"


@pytest.fixture
def any_db(db_url):
    """Commands that write (import, restore) and read history: on SQLite and on PostgreSQL."""
    return db_url


def test_validate_a_good_file_exits_0(db):
    result = run_cli("validate", str(DATA / "good" / "wide_gbk.csv"), db=db)
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.strip()
        == "wide_gbk.csv：按规划p14检查通过，5行数据。 / wide_gbk.csv: valid against plan p14, 5 rows."
    )


def test_validate_a_bad_file_exits_1_and_prints_every_problem_one_bilingual_line_each(db):
    result = run_cli("validate", str(DATA / "bad" / "many_problems_gbk.csv"), db=db)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 5
    assert lines[1] == (
        "第2行“2022年”列：“abc”不是数字；请只填写数值（可以带%或千位分隔符，如96.3%、1,234） / "
        "Row 2, column “2022年”: “abc” is not a number; write only the figure (a % sign or thousands separators are fine: 96.3%, 1,234)"
    )
    assert [line.split("：")[0] for line in lines] == [
        "第1行“目标”列",
        "第2行“2022年”列",
        "第3行“指标名称”列",
        "第4行“2021年”列",
        "第5行“2022年”列",
    ]


def test_validate_with_a_sheet_and_a_png(db):
    assert run_cli("validate", str(DATA / "good" / "multi_sheet.xlsx"), "--sheet", "数据", db=db).returncode == 0
    png = run_cli("validate", str(DATA / "bad" / "png_renamed.csv"), db=db)
    assert png.returncode == 1 and png.stderr.count("\n") == 1 and "not a CSV or Excel" in png.stderr


def test_import_needs_yes_for_warnings_then_commits_one_revision(any_db):
    db = any_db
    path = DATA / "bad" / "cumulative_decrease.csv"
    refused = run_cli("import", str(path), "--author", "张三", db=db)
    assert refused.returncode == 1 and "--yes" in refused.stderr
    assert len(Store(db).revisions()) == 1  # nothing written
    done = run_cli("import", str(path), "--author", "张三", "--note", "县局报送", "--yes", db=db)
    assert done.returncode == 0, done.stderr
    assert "新增0行，修改3行，不变0行。" in done.stdout
    assert "已按规划p14提交为版本2。 / Committed against plan p14 as revision 2." in done.stdout
    revision = Store(db).revisions().iloc[0]
    assert (revision["author"], revision["note"], revision["file_name"], revision["rows_changed"]) == (
        "张三",
        "县局报送",
        "cumulative_decrease.csv",
        3,
    )
    assert revision["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_import_refuses_a_bad_file_and_writes_nothing(any_db):
    db = any_db
    result = run_cli("import", str(DATA / "bad" / "conflicting_duplicate.csv"), db=db)
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 2
    assert len(Store(db).revisions()) == 1


def test_history_restore_and_export_round_trip(any_db, tmp_path):
    db = any_db
    assert run_cli("import", str(DATA / "good" / "long_utf8.csv"), "--author", "a", db=db).returncode == 0
    history = json.loads(run_cli("history", "--format", "json", db=db).stdout)
    assert [(h["id"], h["action"], h["rows_changed"]) for h in history] == [(2, "import", 5), (1, "seed", 0)]
    exported = run_cli("export", "--revision", "2", db=db)
    rows = pd.read_csv(io.StringIO(exported.stdout))
    assert rows.set_index(["indicator_id", "year"]).loc[("p14-03", 2021), "value"] == 95.1
    restored = run_cli("restore", "1", "--author", "b", db=db)
    assert restored.returncode == 0 and "新版本3" in restored.stdout
    again = run_cli("export", "--format", "xlsx", "--output", str(tmp_path / "now.xlsx"), db=db)
    assert again.returncode == 0
    now = pd.read_excel(tmp_path / "now.xlsx")
    assert now.set_index(["indicator_id", "year"]).loc[("p14-03", 2021), "value"] == 94.9  # the seed's value again
    # the export of revision 2 re-imports with no problem and changes exactly the five rows back
    (tmp_path / "r2.csv").write_text(exported.stdout, encoding="utf-8")
    reimport = run_cli("import", str(tmp_path / "r2.csv"), "--author", "c", db=db)
    assert reimport.returncode == 0 and "新增0行，修改5行" in reimport.stdout
    assert run_cli("export", "--format", "xlsx", db=db).stderr.strip() == (
        "xlsx格式需要 --output 文件名 / The xlsx format needs --output FILE"
    )
    unknown = run_cli("restore", "99", db=db)
    assert unknown.returncode == 1 and unknown.stderr.strip() == "没有版本99 / There is no revision 99"


def test_catalog_import_adds_a_new_plan_and_refuses_a_bad_one(any_db, tmp_path):
    db = any_db
    p15_catalog_file(tmp_path)
    bad = run_cli("catalog", "import", str(DATA / "bad" / "catalog_bad.csv"), db=db)
    assert bad.returncode == 1 and len(bad.stderr.strip().splitlines()) == 5
    added = run_cli("catalog", "import", str(tmp_path / "catalog_p15.csv"), "--author", "规划科", db=db)
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "已添加规划p15（26个指标），版本2。 / Added plan p15 (26 indicators) as revision 2."
    listed = run_cli("catalog", "--plan", "p15", "--format", "csv", db=db)
    assert listed.stdout.count("\np15-") == 26
    twice = run_cli("catalog", "import", str(tmp_path / "catalog_p15.csv"), db=db)
    assert twice.returncode == 1 and twice.stderr.startswith("规划p15已存在")


def test_figures_for_2025_are_filed_under_the_plan_asked_for_and_the_plan_is_named(any_db, tmp_path):
    db = any_db
    assert run_cli("catalog", "import", str(p15_catalog_file(tmp_path)), db=db).returncode == 0  # revision 2
    (tmp_path / "one.csv").write_text("indicator,year,value\n3,2025,96\n", encoding="utf-8")
    # Without --plan the number 3 is the current plan's (p15, latest target year), and the line says so.
    checked = run_cli("validate", str(tmp_path / "one.csv"), db=db)
    assert checked.stdout.strip() == "one.csv：按规划p15检查通过，1行数据。 / one.csv: valid against plan p15, 1 row."
    done = run_cli("import", str(tmp_path / "one.csv"), "--plan", "p14", "--author", "a", db=db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == (
        "已按规划p14提交为版本3。 / Committed against plan p14 as revision 3."
    )
    written = Store(db).revision_rows(3)
    assert written[["indicator_id", "year", "value"]].values.tolist() == [["p14-03", 2025, 96.0]]
    unknown = run_cli("validate", str(tmp_path / "one.csv"), "--plan", "p99", db=db)
    assert unknown.returncode == 1 and unknown.stderr.strip() == "未知规划：p99 / Unknown plan: p99"


def test_the_help_says_the_command_line_is_trusted(db):
    assert "PLAN_ADMIN_PASSCODE" in run_cli("import", "--help", db=db).stdout


# --- two processes committing at the same time -------------------------------------------------
COMMITS_EACH = 4


def commit_many(url: str, worker: int, start, results) -> None:
    """One analyst: wait for the start signal, then commit COMMITS_EACH revisions."""
    store = Store(url)
    start.wait()
    ids = []
    for i in range(COMMITS_EACH):
        # worker 0 writes p14-16 for 2021-2024, worker 1 writes p14-22: distinct keys, so every commit changes data
        rows = pd.DataFrame(
            {"indicator_id": [f"p14-{16 + 6 * worker}"], "year": [2021 + i], "value": [50.0 + worker + i]}
        )
        ids.append(store.commit_observations(rows, author=f"analyst{worker}", note=str(i)).id)
    results.put((worker, ids))


def test_two_processes_committing_at_once_both_get_their_revisions(db_url):
    Store(db_url)  # create and seed once, as the app would have
    context = multiprocessing.get_context("spawn")
    start, results = context.Event(), context.Queue()
    workers = [context.Process(target=commit_many, args=(db_url, w, start, results)) for w in (0, 1)]
    for process in workers:
        process.start()
    start.set()
    got = dict(results.get(timeout=120) for _ in workers)
    for process in workers:
        process.join(timeout=60)
        assert process.exitcode == 0
    every = sorted(got[0] + got[1])
    assert every == list(range(2, 2 + 2 * COMMITS_EACH))  # each commit its own revision, none lost
    store = Store(db_url)
    revisions = store.revisions()
    assert len(revisions) == 1 + 2 * COMMITS_EACH
    for worker in (0, 1):
        mine = revisions[revisions["author"] == f"analyst{worker}"]
        assert sorted(mine["id"]) == sorted(got[worker]) and set(mine["rows_changed"]) == {1}
    now = store.observations().set_index(["indicator_id", "year"])["value"]
    assert [now[("p14-16", y)] for y in range(2021, 2025)] == [50.0, 51.0, 52.0, 53.0]
    assert [now[("p14-22", y)] for y in range(2021, 2025)] == [51.0, 52.0, 53.0, 54.0]
    for revision in got[0] + got[1]:
        assert len(store.revision_rows(revision)) == 1  # nothing half-written


def test_validate_as_json_lists_every_problem_for_scripts_and_exits_1_on_errors(db):
    result = run_cli("validate", DATA / "bad" / "many_problems_gbk.csv", "--format", "json", db=db)
    assert result.returncode == 1 and result.stderr == ""
    problems = json.loads(result.stdout)
    assert [(p["code"], p["level"], p["row"], p["column"]) for p in problems] == [
        ("ignored_column", "warning", 1, "目标"),
        ("not_a_number", "error", 2, "2022年"),
        ("unknown_indicator", "error", 3, "指标名称"),
        ("negative_count", "error", 4, "2021年"),
        ("value_out_of_range", "error", 5, "2022年"),
    ]
    assert problems[1]["value"] == "abc" and problems[1]["message_zh"].startswith("第2行“2022年”列：“abc”不是数字")
    assert problems[1]["message_en"].startswith("Row 2, column “2022年”: “abc” is not a number")
    # Warnings alone do not fail: the cumulative count that falls is listed, exit 0.
    warned = run_cli("validate", DATA / "bad" / "cumulative_decrease.csv", "--format", "json", db=db)
    assert warned.returncode == 0 and {p["level"] for p in json.loads(warned.stdout)} == {"warning"}
    good = run_cli("validate", DATA / "good" / "long_utf8.csv", "--format", "json", db=db)
    assert (good.returncode, json.loads(good.stdout)) == (0, [])
