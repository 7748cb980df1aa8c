"""The audit trail (issue 17): every revision and saved scenario records its account, the history
reads who / when (北京时间) / what / why, and no role - not even the database's owner - can change
or delete an audit row: the database's own triggers refuse, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import sqlalchemy as sa

from analytics.audit import audit_headers, audit_table, beijing_time
from analytics.scenario import Scenario, to_json
from analytics.store import Store
from analytics.store.schema import APPEND_ONLY_TABLES
from tests.helpers import run_cli

RAISE = pd.DataFrame({"indicator_id": ["p14-03", "p14-03"], "year": [2024, 2025], "value": [96.5, 97.0]})


def test_revisions_and_saved_scenarios_record_the_account_and_old_rows_keep_their_author(db_url):
    store = Store(db_url)  # revision 1: the seed, by "system"
    store.commit_observations(RAISE, author="王主任", account="wang", note="县统计局年报")
    store.save_scenario("快一半", to_json(Scenario.of(1.5)), author="王主任", account="wang")
    history = store.revisions()
    assert history[["id", "author", "account"]].astype(object).where(history.notna(), None).values.tolist() == [
        [2, "王主任", "wang"],
        [1, "system", None],
    ]  # the seed: no account
    assert store.scenarios()[["name", "author", "account"]].values.tolist() == [["快一半", "王主任", "wang"]]


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
def test_no_update_or_delete_of_an_audit_row_gets_through_on_either_database(db_url, table):
    store = Store(db_url)
    store.commit_observations(RAISE, author="t", account="wang")
    store.save_scenario("快一半", to_json(Scenario.of(1.5)), author="t")
    store.accounts(actor="root").add(_viewer())  # one account_events row
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as conn:
            before = conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()
        assert before >= 1
        column = {
            "revisions": "author",
            "observations": "note",
            "indicators": "name_en",
            "scenarios": "author",
            "account_events": "detail",
        }[table]
        for statement in (f"UPDATE {table} SET {column} = 'forged'", f"DELETE FROM {table}"):
            with pytest.raises(sa.exc.DBAPIError, match="append-only"), engine.begin() as conn:
                conn.exec_driver_sql(statement)
        if db_url.startswith("postgresql"):
            with pytest.raises(sa.exc.DBAPIError, match="append-only"), engine.begin() as conn:
                conn.exec_driver_sql(f"TRUNCATE {table} CASCADE")
        with engine.connect() as conn:
            assert conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one() == before
            assert conn.execute(sa.text(f"SELECT count(*) FROM {table} WHERE {column} = 'forged'")).scalar_one() == 0
    finally:
        engine.dispose()


def _viewer():
    from datetime import UTC, datetime

    from analytics.accounts import Account, Role

    return Account("li", "李", Role.VIEWER, None, "li@example.org", "", False, datetime(2026, 1, 5, tzinfo=UTC))


def test_beijing_time_is_utc_plus_8_across_midnight():
    # 2026-01-05 17:30 UTC + 8 h = 2026-01-06 01:30 in Beijing; a naive time is read as UTC.
    moments = pd.Series([pd.Timestamp("2026-01-05 17:30", tz="UTC"), pd.Timestamp("2026-07-01 00:00")])
    assert list(beijing_time(moments)) == ["2026-01-06 01:30", "2026-07-01 08:00"]


def test_the_audit_table_says_who_when_what_and_why():
    revisions = pd.DataFrame(
        {
            "id": [3, 2, 1],
            "created_at": pd.to_datetime(["2026-03-01 02:00", "2026-02-01 16:15", "2026-01-01 00:00"], utc=True),
            "action": ["restore", "import", "seed"],
            "author": ["王主任", "张三", "system"],
            "account": ["wang", None, None],
            "note": ["退回错误数据", "县统计局", "data/"],
            "rows_new": [0, 3, 146],
            "rows_changed": [2, 1, 0],
            "rows_removed": [3, 0, 0],
        }
    )
    table = audit_table(revisions, "zh")
    assert table.to_dict("list") == {
        "id": [3, 2, 1],
        "created_at": ["2026-03-01 10:00", "2026-02-02 00:15", "2026-01-01 08:00"],  # UTC + 8 h
        # the account; older rows only their author text; the seed is the app's own, said in words
        "who": ["wang (王主任)", "张三", "系统"],
        "action": ["恢复", "导入", "初始数据"],
        "rows_new": [0, 3, 146],
        "rows_changed": [2, 1, 0],
        "rows_removed": [3, 0, 0],
        "note": ["退回错误数据", "县统计局", "随应用提供的初始数据"],
    }
    assert audit_headers("zh")["created_at"] == "时间（北京时间）" and "北京时间" in audit_headers("en")["created_at"]


def test_the_history_command_shows_beijing_time_the_account_and_the_counts(tmp_path):
    db = f"sqlite:///{tmp_path}/plan.db"
    Store(db).commit_observations(RAISE, author="王主任", account="wang", note="县统计局年报")
    shown = run_cli("history", db=db)
    assert shown.returncode == 0, shown.stderr
    header, newest = shown.stdout.splitlines()[:2]
    assert "时间（北京时间）" in header and "操作人" in header and "新增行" in header
    # p14-03 2024 existed in the seed (changed) and 2025 did not (added): 1 added, 1 changed, 0 removed
    assert newest.split()[0] == "2" and "wang (王主任)" in newest and "县统计局年报" in newest
    assert newest.split()[-4:-1] == ["1", "1", "0"]
    records = json.loads(run_cli("history", "--format", "json", db=db).stdout)
    assert [(r["id"], r["account"]) for r in records] == [(2, "wang"), (1, None)]
