"""Schema migrations (Alembic): a database made by the code before migrations (cf864c2) opens,
keeps every row and gains the Alembic version; a new and an upgraded database end on the
same schema; the migrations and analytics/store/schema.py describe the same tables."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from analytics.errors import DatabaseError
from analytics.store import Store, metadata
from analytics.store.migrate import current_revision, head_revision
from tests import legacy_schema_cf864c2 as legacy

LEGACY_DB = Path(__file__).resolve().parent / "data" / "legacy" / "plan_cf864c2.db"
TABLES = ["revisions", "observations", "indicators", "scenarios"]
# What tests/data/legacy/plan_cf864c2.db holds: the seed (146 observation rows, 44 indicators),
# an import of 2 rows (revision 2) and a restore of revision 1 (revision 3: 1 value back + 1 tombstone),
# and one saved scenario: 146 + 2 + 2 = 150 observation rows.
LEGACY_COUNTS = {"revisions": 3, "observations": 150, "indicators": 44, "scenarios": 1}


def rows(url: str, table: sa.Table) -> pd.DataFrame:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            frame = pd.read_sql(sa.select(table).order_by(*table.primary_key.columns), conn)
    finally:
        engine.dispose()
    return frame


def legacy_database(url: str) -> None:
    """Make ``url`` the database cf864c2 left: its tables (the saved DDL) and every row of the file."""
    engine = sa.create_engine(url)
    try:
        legacy.metadata.create_all(engine)
        with engine.begin() as conn:
            for name in TABLES:
                table = legacy.metadata.tables[name]
                records = rows(f"sqlite:///{LEGACY_DB}", table).astype(object)
                records = records.where(records.notna(), None).to_dict("records")
                conn.execute(table.insert(), records)
                if conn.dialect.name == "postgresql":  # ids were copied: move the sequence past them
                    key = "row_id" if name == "indicators" else "id"
                    conn.exec_driver_sql(
                        f"SELECT setval(pg_get_serial_sequence('{name}', '{key}'), (SELECT max({key}) FROM {name}))"
                    )
    finally:
        engine.dispose()


def schema(url: str) -> dict:
    """Every table's columns (name, type, nullable), primary key, unique constraints, indexes and foreign keys."""
    engine = sa.create_engine(url)
    try:
        inspector = sa.inspect(engine)
        return {
            name: {
                "columns": [(c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(name)],
                "primary_key": inspector.get_pk_constraint(name)["constrained_columns"],
                "unique": sorted(sorted(u["column_names"]) for u in inspector.get_unique_constraints(name)),
                "indexes": sorted((i["name"], tuple(i["column_names"])) for i in inspector.get_indexes(name)),
                "foreign_keys": sorted(
                    (tuple(f["constrained_columns"]), f["referred_table"]) for f in inspector.get_foreign_keys(name)
                ),
            }
            for name in sorted(inspector.get_table_names())
        }
    finally:
        engine.dispose()


def version(url: str) -> str | None:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return current_revision(conn)
    finally:
        engine.dispose()


def test_the_committed_sqlite_file_from_cf864c2_opens_and_keeps_every_row(tmp_path):
    copy = tmp_path / "plan.db"
    shutil.copy(LEGACY_DB, copy)
    url = f"sqlite:///{copy}"
    assert version(url) is None and "alembic_version" not in schema(url)
    before = {name: rows(url, legacy.metadata.tables[name]) for name in TABLES}
    assert {name: len(frame) for name, frame in before.items()} == LEGACY_COUNTS
    store = Store(url)
    assert version(url) == head_revision()
    for name in TABLES:
        pd.testing.assert_frame_equal(rows(url, legacy.metadata.tables[name]), before[name])
    assert store.latest_revision() == 3  # not seeded again
    assert store.observations().set_index(["indicator_id", "year"]).loc[("p14-03", 2024), "value"] == 95.9
    assert list(store.scenarios()["name"]) == ["快一半"]


def test_a_database_of_cf864c2_upgrades_in_place_on_both_servers(db_url):
    legacy_database(db_url)
    before = {name: rows(db_url, legacy.metadata.tables[name]) for name in TABLES}
    assert {name: len(frame) for name, frame in before.items()} == LEGACY_COUNTS
    store = Store(db_url)
    assert version(db_url) == head_revision()
    for name in TABLES:
        pd.testing.assert_frame_equal(rows(db_url, legacy.metadata.tables[name]), before[name], check_dtype=False)
    # revision 3 restored revision 1: p14-01 2025 (added by revision 2) is gone, p14-03 2024 is 95.9 again
    now = store.observations().set_index(["indicator_id", "year"])
    assert ("p14-01", 2025) not in now.index and now.loc[("p14-03", 2024), "value"] == 95.9
    assert store.observations(revision=2).set_index(["indicator_id", "year"]).loc[("p14-03", 2024), "value"] == 96.1
    # and it takes new writes: revision 4
    written = store.commit_observations(
        pd.DataFrame({"indicator_id": ["p14-03"], "year": [2025], "value": [96.0]}), author="t"
    )
    assert written.id == 4


def test_a_new_and_an_upgraded_database_end_on_the_same_schema(db_url, tmp_path):
    fresh = f"sqlite:///{tmp_path}/fresh.db"
    legacy_database(db_url)
    Store(db_url)
    Store(fresh)
    if db_url.startswith("sqlite"):
        assert schema(db_url) == schema(fresh)
    upgraded = schema(db_url)
    assert sorted(upgraded) == sorted(["alembic_version", "accounts", "account_events", *TABLES])  # 0003: accounts


def test_new_databases_on_both_servers_have_the_same_tables_and_columns(db_url, tmp_path):
    Store(db_url)
    Store(f"sqlite:///{tmp_path}/other.db")
    on_server, on_sqlite = schema(db_url), schema(f"sqlite:///{tmp_path}/other.db")
    assert sorted(on_server) == sorted(on_sqlite)
    for name in on_server:
        assert [c[0] for c in on_server[name]["columns"]] == [c[0] for c in on_sqlite[name]["columns"]]
        assert on_server[name]["unique"] == on_sqlite[name]["unique"]


def test_the_migrations_build_exactly_the_tables_schema_py_describes(db_url):
    Store(db_url)
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), metadata)
    finally:
        engine.dispose()
    assert differences == [], "schema.py changed without a migration (or the reverse)"


def test_a_database_migrated_by_a_newer_app_is_refused_with_a_clear_error(tmp_path):
    url = f"sqlite:///{tmp_path}/plan.db"
    Store(url)
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    engine.dispose()
    with pytest.raises(DatabaseError) as refused:
        Store(url)
    assert str(refused.value).startswith("升级数据库结构时数据库出错：") and "9999" in str(refused.value)
    assert version(url) == "9999"  # left as it was


def open_store(url: str, ready, start, results) -> None:
    """One app process: say it is ready (its imports done), wait for the start signal, then open
    (create, migrate, seed) the database."""
    ready.put(True)
    start.wait()
    try:
        results.put(Store(url).latest_revision())
    except Exception as error:  # noqa: BLE001 - reported to the test, which fails on it
        results.put(repr(error))


OPENING_PROCESSES = 8  # issue 17: with 8, some failed with raw "duplicate key" or "database is locked"


def test_eight_processes_opening_a_new_database_at_once_create_and_seed_it_once(db_url):
    # Separate processes, each with its own engine and connections, as eight app servers would be. A fork
    # server that has imported the store once starts them in milliseconds (eight fresh interpreters took
    # 20-25 s on two busy cores), and it holds none of pytest's threads or connections.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["analytics.store", "tests.test_migrations"])
    ready, start, results = context.Queue(), context.Event(), context.Queue()
    workers = [
        context.Process(target=open_store, args=(db_url, ready, start, results)) for _ in range(OPENING_PROCESSES)
    ]
    for process in workers:
        process.start()
    for _ in workers:  # starting 8 interpreters on a busy machine can take minutes: not part of the race
        ready.get(timeout=600)
    start.set()  # all eight open the new database at the same moment
    opened = [results.get(timeout=120) for _ in workers]
    for process in workers:
        process.join(timeout=60)
    assert opened == [1] * OPENING_PROCESSES  # every one sees the one seed revision
    assert version(db_url) == head_revision()
    assert len(Store(db_url).revisions()) == 1
