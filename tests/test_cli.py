"""``python -m analytics`` as a script would use it: real processes, real output."""
import json
import subprocess
import sys

import pytest


def run(*args, env_db=None, tmp_path=None):
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": "."}
    if env_db:
        env["PLAN_DB_URL"] = env_db
    import os

    env = {**os.environ, **env}
    return subprocess.run([sys.executable, "-m", "analytics", *args], capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def db(tmp_path):
    return f"sqlite:///{tmp_path}/cli.db"


def test_assess_json_has_numbers_as_numbers_and_missing_as_null(db):
    result = run("assess", "--format", "json", env_db=db)
    assert result.returncode == 0, result.stderr
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert len(rows) == 26
    assert rows["p14-03"]["latest_value"] == 95.9 and rows["p14-03"]["target_value"] == 96
    assert rows["p14-03"]["latest_year"] == 2024 and isinstance(rows["p14-03"]["n_observations"], int)
    assert rows["p14-05"]["projected_low"] is None  # maintain-type: no band
    assert "示意" in result.stderr  # illustrative figures are flagged, off stdout for json


def test_assess_table_in_chinese_and_english_with_as_of(db):
    zh = run("assess", "--as-of", "2022", env_db=db)
    assert zh.returncode == 0 and "制造业产品质量平均合格率" in zh.stdout and "示意数据" in zh.stdout
    en = run("assess", "--lang", "en", "--plan", "p13", env_db=db)
    assert en.returncode == 0 and "Achieved" in en.stdout and "Qualitative" in en.stdout


def test_assess_from_file_uses_no_database(tmp_path):
    observations = tmp_path / "obs.csv"
    observations.write_text("指标,年份,数值\n3,2021,95\n制造业产品质量平均合格率,2022,95.5\np14-03,2023,96.2\n", encoding="utf-8")
    db_file = tmp_path / "untouched.db"
    result = run("assess", "--observations", str(observations), "--format", "csv", env_db=f"sqlite:///{db_file}")
    assert result.returncode == 0, result.stderr
    assert not db_file.exists()
    line = next(l for l in result.stdout.splitlines() if l.startswith("p14-03,"))
    assert ",2023,96.2," in line and ",achieved," in line
    assert "示意" not in result.stderr  # the file is not illustrative


def test_errors_are_one_bilingual_line_and_exit_1(tmp_path, db):
    unknown = run("assess", "--plan", "p99", env_db=db)
    assert unknown.returncode == 1 and unknown.stderr.strip() == "未知规划：p99 / Unknown plan: p99"
    missing = run("assess", "--observations", str(tmp_path / "none.csv"))
    assert missing.returncode == 1 and "Traceback" not in missing.stderr and len(missing.stderr.strip().splitlines()) == 1
    year = run("assess", "--as-of", "2031", env_db=db)
    assert year.returncode == 1 and "2031" in year.stderr and "Traceback" not in year.stderr


def test_catalog_lists_a_plan_as_csv(db):
    result = run("catalog", "--plan", "p13", "--format", "csv", env_db=db)
    assert result.returncode == 0
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 19 and lines[0].startswith("id,plan,plan_name_zh")
    assert "'{15}家" not in result.stdout and "{15}家" in result.stdout
