"""The errors' side of the catalogue (analytics.errors.ERRORS): every error a command or a page
can raise is reached here by a bad input, and says what is wrong in Chinese and English."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

import analytics.report.publish  # noqa: F401 - defines the report's error
import analytics.scenario  # noqa: F401 - defines the scenario errors, registering them
from analytics.accounts import InMemoryAccountRepository, Role, access_settings, create_account, update_account
from analytics.cli import build_parser
from analytics.errors import ERRORS, Level, PlanError
from analytics.labels import TEXTS
from analytics.scenario import Scenario, to_json
from analytics.store import Store
from tests.helpers import p15_catalog_file

BAD = Path(__file__).resolve().parent / "data" / "bad"


def command(*argv) -> None:
    """Run one command's handler, so its error reaches the test instead of being printed."""
    args = build_parser().parse_args([str(a) for a in argv])
    args.handler(args)


def broken_database(db: str) -> None:
    store = Store(db)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE observations")
    store.observations()


def commit_on_a_stale_preview(db: str) -> None:
    Store(db).commit_observations(
        pd.DataFrame({"indicator_id": ["p14-03"], "year": [2025], "value": [96.0]}), author="t", expected_revision=0
    )


def save_twice(db: str) -> None:
    Store(db).save_scenario("快一半", to_json(Scenario.of(1.5)), author="t")
    Store(db).save_scenario("快一半", to_json(Scenario.of(2)), author="t")


def add_p15_twice(db: str, folder: Path) -> None:
    command("catalog", "import", p15_catalog_file(folder), "--db", db)
    command("catalog", "import", p15_catalog_file(folder), "--db", db)


def accounts_with_admin() -> InMemoryAccountRepository:
    repo = InMemoryAccountRepository()
    create_account(repo, name="wang", display_name="王", role=Role.ADMIN, email="wang@example.org")
    return repo


def two_different_passwords(db: str) -> None:
    """``user add`` reading two different passwords from getpass (issue 17)."""
    typed = iter(["first-password-1", "other-password-2"])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("getpass.getpass", lambda prompt="": next(typed))
        command("user", "add", "wang", "--role", "admin", "--db", db)


def demote_the_only_admin() -> None:
    repo = accounts_with_admin()
    update_account(repo, replace(repo.get_by_name("wang"), role=Role.VIEWER))


def account(repo=None, **fields) -> None:
    create_account(repo or InMemoryAccountRepository(), **{"display_name": "", "role": Role.VIEWER, **fields})


# code -> (the bad input, the start of its Chinese / English message)
CASES = {
    "unknown_plan": (lambda db, tmp: command("assess", "--plan", "p99", "--db", db), "未知规划：p99 / Unknown plan"),
    "file_not_found": (lambda db, tmp: command("validate", tmp / "none.csv", "--db", db), "找不到文件："),
    "database_failed": (lambda db, tmp: broken_database(db), "读取观测数据时数据库出错：no such table: observations"),
    "as_of_out_of_range": (
        lambda db, tmp: command("assess", "--as-of", "2031", "--db", db),
        "评估年份2031不在2020-2025之间 / As-of year 2031 is outside 2020-2025",
    ),
    "unknown_revision": (lambda db, tmp: command("restore", "99", "--db", db), "没有版本99 / There is no revision 99"),
    "nothing_changed": (
        lambda db, tmp: Store(db).commit_observations(
            pd.DataFrame({"indicator_id": ["p14-03"], "year": [2024], "value": [95.9]}), author="t"
        ),
        "文件中的数据与当前数据完全相同",
    ),
    "nothing_to_restore": (lambda db, tmp: command("restore", "1", "--db", db), "当前数据已与版本1完全相同"),
    "plan_exists": (add_p15_twice, "规划p15已存在"),
    "confirm_needed": (
        lambda db, tmp: command("import", BAD / "cumulative_decrease.csv", "--db", db),
        "有2个需要确认的警告",
    ),  # #9: 15 < 17 in the file; #12: 2024 = 20 < 26 stored for 2023
    "xlsx_needs_output": (
        lambda db, tmp: command("export", "--format", "xlsx", "--db", db),
        "xlsx格式需要 --output 文件名 / The xlsx format needs --output FILE",
    ),
    "validation_failed": (
        lambda db, tmp: command("import", BAD / "not_a_number.csv", "--db", db),
        "文件有3个问题，未写入任何数据 / The file has 3 problems",
    ),
    "scenario_invalid": (lambda db, tmp: command("assess", "--pace", "abc", "--db", db), "情景参数无效：abc"),
    "scenario_domain": (lambda db, tmp: command("assess", "--pace-domain", "moon=1.2", "--db", db), "未知领域：moon"),
    "scenario_indicator": (
        lambda db, tmp: command("assess", "--assume", "99=1", "--db", db),
        "未知指标：99 / Unknown indicator: 99",
    ),
    "scenario_unknown": (
        lambda db, tmp: command("assess", "--scenario", "nope", "--db", db),
        "没有名为“nope”的情景 / There is no scenario named “nope”",
    ),
    "scenario_exists": (lambda db, tmp: save_twice(db), "情景“快一半”已存在"),
    "scenario_name": (lambda db, tmp: Store(db).save_scenario("  ", "{}", author="t"), "情景名称需为1-100个字符"),
    "account_exists": (
        lambda db, tmp: account(accounts_with_admin(), name="wang", email="w2@example.org"),
        "账号wang已存在 / Account wang already exists",
    ),
    "account_unknown": (
        lambda db, tmp: update_account(
            InMemoryAccountRepository(), replace(accounts_with_admin().get_by_name("wang"), name="li")
        ),
        "没有账号li / There is no account li",
    ),
    "account_email_in_use": (
        lambda db, tmp: account(accounts_with_admin(), name="li", email="WANG@example.org"),
        "邮箱wang@example.org已被其他账号使用",
    ),
    "account_invalid_name": (lambda db, tmp: account(name="wang fang", email="w@example.org"), "账号名“wang fang”无效"),
    "account_reserved_name": (
        lambda db, tmp: account(name="Passcode", email="w@example.org"),
        "账号名Passcode为旧版共享口令保留",
    ),
    "department_required": (
        lambda db, tmp: account(name="li", role=Role.DEPARTMENT_ANALYST, email="li@example.org"),
        "责任单位分析员账号li必须指定责任单位",
    ),
    "no_credential": (lambda db, tmp: account(name="li"), "账号li需要密码或单点登录邮箱"),
    "password_rejected": (
        lambda db, tmp: account(name="li", password="12345"),
        "密码不符合要求：密码至少需要10个字符；密码不能全是数字",
    ),
    "last_admin": (lambda db, tmp: demote_the_only_admin(), "wang是唯一启用的管理员，不能停用或降级"),
    "invalid_setting": (
        lambda db, tmp: access_settings({"PLAN_READ_REQUIRES_LOGIN": "maybe"}),
        "设置PLAN_READ_REQUIRES_LOGIN应为 true 或 false，而不是“maybe”",
    ),
    "report_not_written": (
        lambda db, tmp: command("report", "--brief", "-o", tmp / "no" / "folder" / "r.md", "--db", db),
        "无法写入",
    ),
    "stale_revision": (
        lambda db, tmp: commit_on_a_stale_preview(db),
        "预览之后数据已被他人更新（预览基于版本0，现在是版本1）",
    ),
    "passwords_differ": (
        lambda db, tmp: two_different_passwords(db),
        "两次输入的密码不一致 / The two passwords typed differ",
    ),
    "field_too_long": (
        lambda db, tmp: command("restore", "1", "--author", "x" * 201, "--db", db),
        "作者有201个字符，超过200个字符的上限",
    ),
    "bad_database_url": (
        lambda db, tmp: command("history", "--db", "mysql://u@h/d"),
        "无法使用数据库地址“mysql://u@h/d”（只支持SQLite和PostgreSQL）",
    ),
}


def test_every_error_code_has_a_bad_input():
    assert sorted(ERRORS) == sorted(CASES), "add a case that raises each new PlanError"


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_bad_input_raises_its_error_with_a_message_in_both_languages(code, tmp_path):
    db = f"sqlite:///{tmp_path}/plan.db"
    bad_input, message = CASES[code]
    with pytest.raises(PlanError) as raised:
        bad_input(db, tmp_path)
    error = raised.value
    assert (error.code, error.level, type(error)) == (code, Level.ERROR, ERRORS[code])
    zh, en = error.message("zh"), error.message("en")
    assert zh and en and zh != en and "{" not in zh + en and str(error) == f"{zh} / {en}"
    assert str(error).startswith(message)
    assert error.key in TEXTS
