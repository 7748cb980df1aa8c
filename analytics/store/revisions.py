"""Revisions: reading the catalog and observations as they stood at any revision, and the
writes that each add one revision (an import, a restore, a new plan's catalog).

The state at revision R is, for every key, the row with the highest revision <= R; a row
removed by a restore is written as a tombstone, so nothing is ever updated or deleted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import cast

import numpy as np
import pandas as pd
import sqlalchemy as sa

from analytics.catalog import CATALOG_COLUMNS, normalise_catalog, sort_catalog
from analytics.changes import compare_observations, normalise_observations
from analytics.errors import DatabaseError, NothingChanged, PlanError, PlanExists, UnknownRevision
from analytics.ingest.cells import shown_number
from analytics.labels import text
from analytics.problems import ExtremeNumber, ValidationFailed
from analytics.store.engine import Database, short_error
from analytics.store.schema import indicators, observations, revisions


class NothingToRestore(NothingChanged):
    """The data and catalog are already those of the revision to restore."""

    key = "error.nothing_to_restore"


class StaleRevision(PlanError):
    """Another commit landed after the preview this commit was confirmed on."""

    key = "error.stale_revision"


class FieldTooLong(PlanError):
    """A text longer than its database column (checked before writing, on SQLite as on PostgreSQL:
    SQLite would store it, PostgreSQL refuse it without naming the field)."""

    key = "error.field_too_long"

    def message(self, lang: str) -> str:
        return text(self.key, lang, **{**self.values, "field": text(f"field.{self.value}", lang)})


LIMITED_FIELDS = {
    "author": revisions.c.author,
    "file_name": revisions.c.file_name,
    "indicator_id": observations.c.indicator_id,
}


def check_length(field: str, values: str | Iterable[str]) -> None:
    """``FieldTooLong`` when any of ``values`` (a text or texts) is longer than ``field``'s column."""
    limit = int(cast(sa.String, LIMITED_FIELDS[field].type).length or 0)  # every limited field is a String(n)
    longest = max((len(v) for v in ([values] if isinstance(values, str) else values)), default=0)
    if longest > limit:
        raise FieldTooLong(field, length=longest, limit=limit)


def check_finite(rows: pd.DataFrame) -> None:
    """``ValidationFailed`` for an infinite value: no path writes one (export would write ``inf``,
    JSON ``Infinity``)."""
    values = pd.to_numeric(rows["value"], errors="coerce").to_numpy(dtype=float)
    infinite = rows["value"][np.isinf(values)]
    if not infinite.empty:
        raise ValidationFailed([ExtremeNumber(None, "value", shown_number(v)) for v in infinite])


@dataclass(frozen=True)
class Revision:
    id: int
    action: str
    rows_new: int
    rows_changed: int
    rows_unchanged: int
    rows_removed: int


def latest_rows(table: sa.Table, key: list[str], revision: int | None) -> sa.Select:
    """Rows of ``table`` that are current at ``revision`` (tombstones included)."""
    keys = [table.c[k] for k in key]
    newest = sa.select(*keys, sa.func.max(table.c.revision_id).label("newest")).group_by(*keys)
    if revision is not None:
        newest = newest.where(table.c.revision_id <= revision)
    latest = newest.subquery()
    joined = sa.and_(*(table.c[k] == latest.c[k] for k in key), table.c.revision_id == latest.c.newest)
    return sa.select(table).join(latest, joined)


def latest_revision_in(conn: sa.Connection) -> int:
    return int(conn.execute(sa.select(sa.func.max(revisions.c.id))).scalar() or 0)


def observations_in(conn: sa.Connection, revision: int | None = None) -> pd.DataFrame:
    rows = pd.read_sql(latest_rows(observations, ["indicator_id", "year"], revision), conn)
    return normalise_observations(rows[~rows["deleted"].astype(bool)])


def catalog_in(conn: sa.Connection, revision: int | None = None) -> pd.DataFrame:
    rows = pd.read_sql(latest_rows(indicators, ["id"], revision), conn)
    return normalise_catalog(rows[~rows["deleted"].astype(bool)].loc[:, list(CATALOG_COLUMNS)])


def add_revision(conn: sa.Connection, **fields) -> Revision:
    """Add the next revision, numbered one above the latest: called under the writers' lock, so
    numbers are unique and gapless (a sequence would leave a gap for every failed write)."""
    fields = {
        "note": "",
        "file_name": "",
        "sha256": "",
        "rows_new": 0,
        "rows_changed": 0,
        "rows_unchanged": 0,
        "rows_removed": 0,
        "restored_from": None,
        "account": None,
        **fields,
    }
    check_length("author", fields["author"])
    check_length("file_name", fields["file_name"])
    new_id = latest_revision_in(conn) + 1
    conn.execute(revisions.insert().values(id=new_id, created_at=datetime.now(UTC), **fields))
    if conn.dialect.name == "postgresql":  # keep the id sequence level, for any insert that relies on it
        conn.execute(sa.text("SELECT setval(pg_get_serial_sequence('revisions', 'id'), :id)"), {"id": new_id})
    return Revision(
        new_id,
        fields["action"],
        fields["rows_new"],
        fields["rows_changed"],
        fields["rows_unchanged"],
        fields["rows_removed"],
    )


OBSERVATION_INSERT = ("revision_id", "indicator_id", "year", "value", "note", "source", "deleted")


def insert_observations(conn: sa.Connection, rows: pd.DataFrame, revision_id: int, *, deleted: bool = False) -> None:
    """Write ``rows`` for ``revision_id`` in bulk: one ``executemany`` of plain tuples on SQLite,
    ``COPY`` on PostgreSQL (312,000 rows through SQLAlchemy's per-row parameters took minutes)."""
    if rows.empty:
        return
    check_length("indicator_id", rows["indicator_id"].astype(str))
    count = len(rows)
    columns = (
        [revision_id] * count,
        rows["indicator_id"].astype(str).tolist(),
        rows["year"].astype(int).tolist(),
        [None] * count if deleted else rows["value"].astype(float).tolist(),
        [""] * count if deleted else rows["note"].astype(str).tolist(),
        [""] * count if deleted else rows["source"].astype(str).tolist(),
        [deleted] * count,
    )
    records = list(zip(*columns, strict=False))
    if conn.dialect.name == "postgresql":
        _copy_rows(conn, "observations", OBSERVATION_INSERT, records)
    else:
        placeholders = ", ".join("?" * len(OBSERVATION_INSERT))
        conn.exec_driver_sql(
            f"INSERT INTO observations ({', '.join(OBSERVATION_INSERT)}) VALUES ({placeholders})", records
        )


def _copy_rows(conn: sa.Connection, table: str, columns: tuple[str, ...], records: list[tuple]) -> None:
    """``COPY table FROM STDIN`` inside the connection's open transaction (psycopg)."""
    driver = conn.connection.driver_connection
    if driver is None:  # a connection from the pool always has one; this says so to the type checker
        raise RuntimeError("the database connection has no driver connection")
    cursor = driver.cursor()
    try:
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for record in records:
                copy.write_row(record)
    except Exception as error:  # psycopg.Error and friends: the store's error, as every other write
        raise DatabaseError(short_error(error), action="write") from error
    finally:
        cursor.close()


def insert_catalog(conn: sa.Connection, rows: pd.DataFrame, revision_id: int, *, deleted: bool = False) -> None:
    if rows.empty:
        return
    records = rows.loc[:, list(CATALOG_COLUMNS)].astype(object).where(rows.notna(), None).to_dict("records")
    conn.execute(indicators.insert(), [{**r, "revision_id": revision_id, "deleted": deleted} for r in records])


def catalog_differences(current: pd.DataFrame, target: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``target`` that are missing from or differ from ``current``."""
    merged = target.merge(current, on="id", how="left", suffixes=("", "_now"), indicator=True)
    differs = merged["_merge"] == "left_only"
    for column in CATALOG_COLUMNS:
        if column != "id":
            a, b = merged[column], merged[f"{column}_now"]
            differs |= ~((a == b) | (a.isna() & b.isna()))
    return target[differs.to_numpy()]


class RevisionStore(Database):
    """The versioned catalog and observations of a :class:`~analytics.store.Store`."""

    # --- reading -------------------------------------------------------------------------
    def latest_revision(self) -> int:
        with self._read("read_revisions") as conn:
            return latest_revision_in(conn)

    def _check_revision(self, revision: int | None) -> None:
        """``UnknownRevision`` for a number no revision has (a gap too: it is no earlier state)."""
        if revision is None:
            return
        with self._read("read_revisions") as conn:
            found = conn.execute(sa.select(revisions.c.id).where(revisions.c.id == int(revision))).first()
        if found is None:
            raise UnknownRevision(revision)

    def catalog(self, *, revision: int | None = None) -> pd.DataFrame:
        """The catalog as it stood at ``revision`` (default: now)."""
        self._check_revision(revision)
        with self._read("read_catalog") as conn:
            return sort_catalog(catalog_in(conn, revision))

    def observations(self, *, revision: int | None = None) -> pd.DataFrame:
        """``indicator_id, year, value, note, source, revision_id`` at ``revision`` (default: now)."""
        self._check_revision(revision)
        query = latest_rows(observations, ["indicator_id", "year"], revision)
        with self._read("read_observations") as conn:
            rows = pd.read_sql(query, conn)
        rows = rows[~rows["deleted"].astype(bool)]
        typed = normalise_observations(rows).assign(revision_id=rows["revision_id"].astype(int).to_numpy())
        return typed.sort_values(["indicator_id", "year"]).reset_index(drop=True)

    def revisions(self) -> pd.DataFrame:
        """Every revision, newest first."""
        with self._read("read_revisions") as conn:
            return pd.read_sql(sa.select(revisions).order_by(revisions.c.id.desc()), conn)

    def revision_rows(self, revision: int) -> pd.DataFrame:
        """The observation rows written by one revision (tombstones have ``deleted`` true)."""
        self._check_revision(revision)
        query = (
            sa.select(observations)
            .where(observations.c.revision_id == revision)
            .order_by(observations.c.indicator_id, observations.c.year)
        )
        with self._read("read_observations") as conn:
            return pd.read_sql(query, conn)

    # --- writing -------------------------------------------------------------------------
    def commit_observations(
        self,
        incoming: pd.DataFrame,
        *,
        author: str,
        note: str = "",
        file_name: str = "",
        sha256: str = "",
        expected_revision: int | None = None,
        account: str | None = None,
    ) -> Revision:
        """Write the new and changed rows of ``incoming`` as one revision.

        ``expected_revision`` is the revision the analyst's preview was computed against:
        when another commit has landed since, nothing is written and ``StaleRevision`` is
        raised (checked inside the write transaction, so no commit can slip in between).
        """
        check_length("author", author)
        check_length("file_name", file_name)
        check_finite(incoming)
        with self._write() as conn:
            latest = latest_revision_in(conn)
            if expected_revision is not None and latest != expected_revision:
                raise StaleRevision(expected_revision, latest=latest)
            changes = compare_observations(observations_in(conn), incoming)
            written = changes[changes["change"] != "unchanged"]
            if written.empty:
                raise NothingChanged()
            counts = changes["change"].value_counts()
            revision = add_revision(
                conn,
                action="import",
                author=author,
                account=account,
                note=note,
                file_name=file_name,
                sha256=sha256,
                row_count=len(changes),
                rows_new=int(counts.get("new", 0)),
                rows_changed=int(counts.get("changed", 0)),
                rows_unchanged=int(counts.get("unchanged", 0)),
            )
            insert_observations(conn, written, revision.id)
            return revision

    def restore(self, revision: int, *, author: str, note: str = "", account: str | None = None) -> Revision:
        """Make the data and catalog of ``revision`` current again, as a new revision."""
        check_length("author", author)
        self._check_revision(revision)
        with self._write() as conn:
            target_obs = observations_in(conn, revision)
            current_obs = observations_in(conn)
            changes = compare_observations(current_obs, target_obs, exact=True)
            written = changes[changes["change"] != "unchanged"]
            removed = current_obs.merge(target_obs[["indicator_id", "year"]], how="left", indicator=True)
            removed = removed[removed["_merge"] == "left_only"]
            target_cat = catalog_in(conn, revision)
            current_cat = catalog_in(conn)
            catalog_changed = catalog_differences(current_cat, target_cat)
            catalog_removed = current_cat[~current_cat["id"].isin(target_cat["id"])]
            if written.empty and removed.empty and catalog_changed.empty and catalog_removed.empty:
                raise NothingToRestore(revision)
            counts = changes["change"].value_counts()
            new_revision = add_revision(
                conn,
                action="restore",
                author=author,
                account=account,
                note=note,
                row_count=len(written) + len(removed),
                rows_new=int(counts.get("new", 0)),
                rows_changed=int(counts.get("changed", 0)),
                rows_unchanged=int(counts.get("unchanged", 0)),
                rows_removed=len(removed),
                restored_from=revision,
            )
            insert_observations(conn, written, new_revision.id)
            insert_observations(conn, removed, new_revision.id, deleted=True)
            insert_catalog(conn, catalog_changed, new_revision.id)
            insert_catalog(conn, catalog_removed, new_revision.id, deleted=True)
            return new_revision

    def add_plan(
        self,
        catalog: pd.DataFrame,
        *,
        author: str,
        note: str = "",
        file_name: str = "",
        sha256: str = "",
        account: str | None = None,
    ) -> Revision:
        """Add the indicators of a new plan (a validated catalog frame) as one revision."""
        check_length("author", author)
        check_length("file_name", file_name)
        check_length("indicator_id", catalog["id"].astype(str))
        catalog = normalise_catalog(catalog)
        with self._write() as conn:
            existing = catalog_in(conn)
            clash = sorted(set(catalog["plan"]) & set(existing["plan"])) or sorted(
                set(catalog["id"]) & set(existing["id"])
            )
            if clash:
                raise PlanExists(", ".join(clash))
            revision = add_revision(
                conn,
                action="catalog",
                author=author,
                account=account,
                note=note,
                file_name=file_name,
                sha256=sha256,
                row_count=len(catalog),
                rows_new=len(catalog),
            )
            insert_catalog(conn, catalog, revision.id)
            return revision
