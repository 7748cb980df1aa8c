"""Issue 17's faults, on SQLite and PostgreSQL: a process killed (kill -9) in the middle of a commit
loses nothing, leaves no partial revision, and the next revision number follows without a gap; a
write after a failed one also follows without a gap; the command line names an unreachable
database in both languages, without a traceback. (Two imports at once: tests/test_data_cli.py.)"""

from __future__ import annotations

import multiprocessing
import os
import signal
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from analytics.store import Store
from tests.helpers import run_cli, run_cli_process

ROWS = pd.DataFrame(
    {
        "indicator_id": ["p14-16"] * 4,
        "year": [2021, 2022, 2023, 2024],
        "value": [50.0, 51, 52, 53],
        "note": [""] * 4,
        "source": [""] * 4,
    }
)


def commit_and_hang(url: str, written) -> None:
    """Commit ROWS, but stop inside the transaction once the rows are written (before COMMIT)."""
    import time

    from analytics.store import revisions

    original = revisions.insert_observations

    def insert_then_hang(*args, **kwargs):
        original(*args, **kwargs)
        written.set()  # the revision and its rows are in the open transaction
        time.sleep(600)

    revisions.insert_observations = insert_then_hang
    Store(url).commit_observations(ROWS, author="killed")


def test_a_process_killed_mid_commit_leaves_no_partial_revision_and_no_gap(db_url):
    store = Store(db_url)
    before = store.observations()
    context = multiprocessing.get_context("spawn")
    written = context.Event()
    process = context.Process(target=commit_and_hang, args=(db_url, written))
    process.start()
    assert written.wait(timeout=120), "the commit did not reach its rows"
    os.kill(process.pid, signal.SIGKILL)
    process.join(timeout=30)
    assert process.exitcode == -signal.SIGKILL

    after = Store(db_url)
    assert list(after.revisions()["id"]) == [1]  # no partial revision
    with after.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM observations WHERE revision_id > 1")).scalar() == 0
    pd.testing.assert_frame_equal(after.observations(), before)  # nothing lost
    # the writers' lock is free again, and the next revision is 2: unique and gapless
    assert after.commit_observations(ROWS, author="next").id == 2
    assert list(after.revisions()["id"]) == [2, 1]


def test_the_command_line_names_an_unreachable_database_in_both_languages_without_a_traceback():
    url = "postgresql+psycopg://postgres@127.0.0.1:1/none"  # nothing listens on port 1
    result = run_cli("history", db=url)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("打开数据库时数据库出错：")
    assert "Database error while opening the database" in result.stderr


def test_a_real_process_with_a_database_url_of_another_kind_says_so():
    # was: ModuleNotFoundError: No module named 'MySQLdb', a traceback
    result = run_cli_process("history", "--db", "mysql://u@h/d")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "只支持SQLite和PostgreSQL" in result.stderr and "only SQLite and PostgreSQL are supported" in result.stderr
    empty = run_cli("history", "--db", "")  # was: silently the default file (in process: no import that can fail)
    assert empty.returncode == 1 and "the URL is empty" in empty.stderr


def test_a_read_only_sqlite_file_is_a_bilingual_database_error(tmp_path):
    Store(f"sqlite:///{tmp_path}/plan.db").engine.dispose()
    read_only = f"sqlite:///file:{tmp_path}/plan.db?mode=ro&uri=true"  # read-only even for root
    changed = Path(__file__).resolve().parent / "data" / "good" / "long_utf8.csv"  # 5 rows that change
    result = run_cli("import", str(changed), "--yes", "--db", read_only)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("写入数据时数据库出错：attempt to write a readonly database / Database error while")


def test_a_full_disk_is_a_bilingual_database_error_and_writes_nothing(tmp_path):
    from analytics.errors import DatabaseError

    store = Store(f"sqlite:///{tmp_path}/plan.db")
    pages = store.engine.connect().exec_driver_sql("PRAGMA page_count").scalar()
    store.engine.dispose()
    # the file may not grow: SQLite answers "database or disk is full", as on a full disk
    sa.event.listen(store.engine, "connect", lambda dbapi, _: dbapi.execute(f"PRAGMA max_page_count={pages}"))
    many = pd.DataFrame(
        {"indicator_id": "p14-16", "year": 2021, "value": range(1), "note": "x" * 200_000, "source": ""}
    )
    try:
        store.commit_observations(many, author="t")
    except DatabaseError as error:
        assert str(error).startswith("写入数据时数据库出错：database or disk is full / Database error while writing")
    else:
        raise AssertionError("the write should not fit")
    assert store.latest_revision() == 1


def test_a_database_folder_that_cannot_be_made_is_a_database_error(tmp_path):
    from analytics.errors import DatabaseError

    (tmp_path / "file").write_text("a file, not a folder")
    try:
        Store(f"sqlite:///{tmp_path}/file/plan.db")
    except DatabaseError as error:
        assert str(error).startswith("打开数据库时数据库出错：")
    else:
        raise AssertionError("opening should fail")
