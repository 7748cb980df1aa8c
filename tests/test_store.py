"""The store on SQLite and PostgreSQL: seeding, revisions, restores that never rewrite history."""

import pandas as pd
import pytest
import sqlalchemy as sa

from analytics.errors import DatabaseError, NothingChanged, PlanExists, UnknownRevision
from analytics.store import Store
from analytics.store import observations as observations_table


def test_first_use_seeds_catalog_and_observations(db_url):
    store = Store(db_url)
    assert store.latest_revision() == 1
    catalog = store.catalog()
    assert sorted(catalog["plan"].unique()) == ["p13", "p14"]
    assert len(catalog[catalog["plan"] == "p14"]) == 26 and len(catalog[catalog["plan"] == "p13"]) == 18
    seeded = pd.read_csv("data/observations.csv")
    assert len(store.observations()) == len(seeded)
    revision = store.revisions().iloc[0]
    assert revision["action"] == "seed" and revision["row_count"] == len(seeded) and len(revision["sha256"]) == 64
    assert Store(db_url).latest_revision() == 1  # opening again does not seed twice


def test_commit_writes_one_revision_with_counts(db_url):
    store = Store(db_url)
    incoming = pd.DataFrame(
        {"indicator_id": ["p14-01", "p14-02", "p14-03"], "year": [2025, 2024, 2024], "value": [6, 36, 95.9]}
    )
    revision = store.commit_observations(
        incoming, author="王分析", note="2025快报", file_name="a.csv", sha256="ab" * 32
    )
    assert (revision.id, revision.rows_new, revision.rows_changed, revision.rows_unchanged) == (2, 1, 1, 1)
    current = store.observations().set_index(["indicator_id", "year"])
    assert current.loc[("p14-01", 2025), "value"] == 6 and current.loc[("p14-01", 2025), "revision_id"] == 2
    assert current.loc[("p14-02", 2024), "value"] == 36
    assert current.loc[("p14-02", 2024), "source"] == ""  # a new value does not inherit "illustrative"
    assert current.loc[("p14-03", 2024), "revision_id"] == 1  # unchanged rows are not rewritten
    row = store.revisions().iloc[0]
    assert (row["author"], row["note"], row["file_name"], row["row_count"]) == ("王分析", "2025快报", "a.csv", 3)


def test_restore_brings_back_exactly_the_earlier_data_as_a_new_revision(db_url):
    store = Store(db_url)
    before = store.observations().drop(columns="revision_id")
    store.commit_observations(
        pd.DataFrame({"indicator_id": ["p14-01", "p14-02"], "year": [2025, 2024], "value": [6, 36]}), author="a"
    )
    restored = store.restore(1, author="b", note="undo")
    assert (restored.id, restored.rows_changed, restored.rows_removed) == (3, 1, 1)
    pd.testing.assert_frame_equal(store.observations().drop(columns="revision_id"), before)
    # History is kept: revision 2's data can still be read, and nothing was deleted.
    assert store.observations(revision=2).set_index(["indicator_id", "year"]).loc[("p14-02", 2024), "value"] == 36
    with store.engine.connect() as conn:
        stored_rows = conn.execute(sa.select(sa.func.count()).select_from(observations_table)).scalar()
    assert stored_rows == len(before) + 2 + 2  # seed + two written + one restored value + one tombstone
    assert store.revisions()["restored_from"].iloc[0] == 1


def test_nothing_changed_makes_no_revision(db_url):
    store = Store(db_url)
    with pytest.raises(NothingChanged):
        store.commit_observations(
            pd.DataFrame({"indicator_id": ["p14-03"], "year": [2024], "value": [95.9]}), author="a"
        )
    with pytest.raises(NothingChanged):
        store.restore(1, author="a")
    assert store.latest_revision() == 1


def test_unknown_revision_is_refused(db_url):
    store = Store(db_url)
    with pytest.raises(UnknownRevision):
        store.observations(revision=9)


def test_adding_a_plan_is_a_revision_that_a_restore_can_undo(db_url):
    store = Store(db_url)
    p15 = (
        store.catalog()
        .query("plan == 'p14'")
        .assign(id=lambda c: c["id"].str.replace("p14", "p15"), plan="p15", baseline_year=2025, target_year=2030)
    )
    revision = store.add_plan(p15, author="a", file_name="catalog_p15.csv")
    assert revision.rows_new == 26
    assert sorted(store.catalog()["plan"].unique()) == ["p13", "p14", "p15"]
    with pytest.raises(PlanExists):
        store.add_plan(p15, author="a")
    store.restore(1, author="a")
    assert sorted(store.catalog()["plan"].unique()) == ["p13", "p14"]
    assert sorted(store.catalog(revision=revision.id)["plan"].unique()) == ["p13", "p14", "p15"]


def test_a_failing_read_is_a_bilingual_database_error_naming_what_was_read(tmp_path):
    url = f"sqlite:///{tmp_path}/plan.db"
    store = Store(url)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE observations RENAME TO observations_lost")
    with pytest.raises(DatabaseError) as failed:
        store.observations()
    assert str(failed.value).startswith(
        "读取观测数据时数据库出错：no such table: observations / "
        "Database error while reading the observations: no such table: observations"
    )
    with store.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE revisions RENAME TO revisions_lost")
    with pytest.raises(DatabaseError, match="reading the revision history"):
        store.revisions()
    with pytest.raises(DatabaseError, match="reading the revision history"):
        store.latest_revision()
