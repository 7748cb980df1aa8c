"""The database: revisions, and the versioned catalog and observations they write.

Nothing is ever updated or deleted. Each write (seed, import, restore, catalog import) is
one transaction that adds one revision and the rows it changed; a row removed by a
restore is written as a tombstone. The state at revision R is, for every key, the row
with the highest revision <= R. SQLite (the default, a file created and seeded from
``data/`` on first use) and PostgreSQL run the same portable SQL.
"""
from __future__ import annotations

import hashlib
import os
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from analytics.catalog import CATALOG_COLUMNS, DATA_DIR, NUMBER_COLUMNS, YEAR_COLUMNS, load_catalog, normalise_catalog, sort_catalog
from analytics.changes import OBSERVATION_COLUMNS, compare_observations, normalise_observations
from analytics.errors import DatabaseError, NothingChanged, PlanError, PlanExists, UnknownRevision

class NothingToRestore(NothingChanged):
    """The data and catalog are already those of the revision to restore."""

    key = "error.nothing_to_restore"


class StaleRevision(PlanError):
    """Another commit landed after the preview this commit was confirmed on."""

    key = "error.stale_revision"


DEFAULT_DB_PATH = Path(__file__).resolve().parent.parent / "instance" / "plan.db"
SEED_AUTHOR = "system"

metadata = sa.MetaData()

revisions = sa.Table(
    "revisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("action", sa.String(16), nullable=False),  # seed | import | restore | catalog
    sa.Column("author", sa.String(200), nullable=False),
    sa.Column("note", sa.Text, nullable=False, default=""),
    sa.Column("file_name", sa.String(500), nullable=False, default=""),
    sa.Column("sha256", sa.String(64), nullable=False, default=""),
    sa.Column("row_count", sa.Integer, nullable=False, default=0),
    sa.Column("rows_new", sa.Integer, nullable=False, default=0),
    sa.Column("rows_changed", sa.Integer, nullable=False, default=0),
    sa.Column("rows_unchanged", sa.Integer, nullable=False, default=0),
    sa.Column("rows_removed", sa.Integer, nullable=False, default=0),
    sa.Column("restored_from", sa.Integer, nullable=True),
)

observations = sa.Table(
    "observations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("revision_id", sa.Integer, sa.ForeignKey("revisions.id"), nullable=False),
    sa.Column("indicator_id", sa.String(64), nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("value", sa.Float, nullable=True),
    sa.Column("note", sa.Text, nullable=False, default=""),
    sa.Column("source", sa.Text, nullable=False, default=""),
    sa.Column("deleted", sa.Boolean, nullable=False, default=False),
    sa.UniqueConstraint("indicator_id", "year", "revision_id"),
)

_catalog_types = {c: sa.Float for c in NUMBER_COLUMNS} | {c: sa.Integer for c in YEAR_COLUMNS}
indicators = sa.Table(
    "indicators",
    metadata,
    sa.Column("row_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("revision_id", sa.Integer, sa.ForeignKey("revisions.id"), nullable=False),
    sa.Column("deleted", sa.Boolean, nullable=False, default=False),
    *(sa.Column(c, _catalog_types.get(c, sa.Text), nullable=True) for c in CATALOG_COLUMNS),
    sa.UniqueConstraint("id", "revision_id"),
)


# --- saved scenarios (issue 6) ---------------------------------------------------------------
# A saved what-if scenario is not data: saving one adds no revision. Like everything else it is
# never overwritten: saving, replacing and deleting each add a row (a deletion is a tombstone),
# and the scenario called NAME is its newest row. ``assumptions`` is the JSON of
# analytics.scenario.to_json.
scenarios = sa.Table(
    "scenarios",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(100), nullable=False, index=True),
    sa.Column("author", sa.String(200), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("assumptions", sa.Text, nullable=False),
    sa.Column("deleted", sa.Boolean, nullable=False, default=False),
)
SCENARIO_NAME_LENGTH = 100
# --- (end of saved scenarios table) ------------------------------------------------------------


@dataclass(frozen=True)
class Revision:
    id: int
    action: str
    rows_new: int
    rows_changed: int
    rows_unchanged: int
    rows_removed: int


def database_url(url: str | None = None) -> str:
    """The URL given, else ``PLAN_DB_URL``, else the embedded SQLite file."""
    return url or os.environ.get("PLAN_DB_URL") or f"sqlite:///{DEFAULT_DB_PATH}"


def file_sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _latest_rows(table: sa.Table, key: list[str], revision: int | None) -> sa.Select:
    """Rows of ``table`` that are current at ``revision`` (tombstones included)."""
    keys = [table.c[k] for k in key]
    newest = sa.select(*keys, sa.func.max(table.c.revision_id).label("newest")).group_by(*keys)
    if revision is not None:
        newest = newest.where(table.c.revision_id <= revision)
    newest = newest.subquery()
    joined = sa.and_(*(table.c[k] == newest.c[k] for k in key), table.c.revision_id == newest.c.newest)
    return sa.select(table).join(newest, joined)


class Store:
    """The plan database. ``Store()`` opens (and on first use creates and seeds) it."""

    def __init__(self, url: str | None = None, *, seed_dir: Path = DATA_DIR) -> None:
        self.url = database_url(url)
        try:
            self.engine = _make_engine(self.url)
            metadata.create_all(self.engine)
            self._seed_if_empty(seed_dir)
        except SQLAlchemyError as error:
            raise DatabaseError(_short(error)) from error

    # --- reading -------------------------------------------------------------------------
    def latest_revision(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.max(revisions.c.id))).scalar() or 0)

    def _check_revision(self, revision: int | None) -> None:
        if revision is not None and not 1 <= revision <= self.latest_revision():
            raise UnknownRevision(revision)

    def catalog(self, *, revision: int | None = None) -> pd.DataFrame:
        """The catalog as it stood at ``revision`` (default: now)."""
        self._check_revision(revision)
        query = _latest_rows(indicators, ["id"], revision)
        with self.engine.connect() as conn:
            rows = pd.read_sql(query, conn)
        rows = rows[~rows["deleted"].astype(bool)]
        return sort_catalog(normalise_catalog(rows.loc[:, list(CATALOG_COLUMNS)]))

    def observations(self, *, revision: int | None = None) -> pd.DataFrame:
        """``indicator_id, year, value, note, source, revision_id`` at ``revision`` (default: now)."""
        self._check_revision(revision)
        query = _latest_rows(observations, ["indicator_id", "year"], revision)
        with self.engine.connect() as conn:
            rows = pd.read_sql(query, conn)
        rows = rows[~rows["deleted"].astype(bool)]
        typed = normalise_observations(rows).assign(revision_id=rows["revision_id"].astype(int).to_numpy())
        return typed.sort_values(["indicator_id", "year"]).reset_index(drop=True)

    def revisions(self) -> pd.DataFrame:
        """Every revision, newest first."""
        with self.engine.connect() as conn:
            return pd.read_sql(sa.select(revisions).order_by(revisions.c.id.desc()), conn)

    def revision_rows(self, revision: int) -> pd.DataFrame:
        """The observation rows written by one revision (tombstones have ``deleted`` true)."""
        self._check_revision(revision)
        query = sa.select(observations).where(observations.c.revision_id == revision).order_by(
            observations.c.indicator_id, observations.c.year
        )
        with self.engine.connect() as conn:
            return pd.read_sql(query, conn)

    # --- writing -------------------------------------------------------------------------
    def commit_observations(
        self, incoming: pd.DataFrame, *, author: str, note: str = "", file_name: str = "", sha256: str = "",
        expected_revision: int | None = None,
    ) -> Revision:
        """Write the new and changed rows of ``incoming`` as one revision.

        ``expected_revision`` is the revision the analyst's preview was computed against:
        when another commit has landed since, nothing is written and ``StaleRevision`` is
        raised (checked inside the write transaction, so no commit can slip in between).
        """
        with self._write() as conn:
            latest = int(conn.execute(sa.select(sa.func.max(revisions.c.id))).scalar() or 0)
            if expected_revision is not None and latest != expected_revision:
                raise StaleRevision(expected_revision, latest=latest)
            current = self._observations_in(conn)
            changes = compare_observations(current, incoming)
            written = changes[changes["change"] != "unchanged"]
            if written.empty:
                raise NothingChanged()
            counts = changes["change"].value_counts()
            revision = self._add_revision(
                conn, action="import", author=author, note=note, file_name=file_name, sha256=sha256,
                row_count=len(changes), rows_new=int(counts.get("new", 0)),
                rows_changed=int(counts.get("changed", 0)), rows_unchanged=int(counts.get("unchanged", 0)),
            )
            self._insert_observations(conn, written, revision.id)
            return revision

    def restore(self, revision: int, *, author: str, note: str = "") -> Revision:
        """Make the data and catalog of ``revision`` current again, as a new revision."""
        self._check_revision(revision)
        with self._write() as conn:
            target_obs = self._observations_in(conn, revision)
            current_obs = self._observations_in(conn)
            changes = compare_observations(current_obs, target_obs, exact=True)
            written = changes[changes["change"] != "unchanged"]
            removed = current_obs.merge(target_obs[["indicator_id", "year"]], how="left", indicator=True)
            removed = removed[removed["_merge"] == "left_only"]
            target_cat = self._catalog_in(conn, revision)
            current_cat = self._catalog_in(conn)
            catalog_changed = _catalog_differences(current_cat, target_cat)
            catalog_removed = current_cat[~current_cat["id"].isin(target_cat["id"])]
            if written.empty and removed.empty and catalog_changed.empty and catalog_removed.empty:
                raise NothingToRestore(revision)
            counts = changes["change"].value_counts()
            new_revision = self._add_revision(
                conn, action="restore", author=author, note=note, row_count=len(written) + len(removed),
                rows_new=int(counts.get("new", 0)), rows_changed=int(counts.get("changed", 0)),
                rows_unchanged=int(counts.get("unchanged", 0)), rows_removed=len(removed), restored_from=revision,
            )
            self._insert_observations(conn, written, new_revision.id)
            self._insert_observations(conn, removed, new_revision.id, deleted=True)
            self._insert_catalog(conn, catalog_changed, new_revision.id)
            self._insert_catalog(conn, catalog_removed, new_revision.id, deleted=True)
            return new_revision

    def add_plan(self, catalog: pd.DataFrame, *, author: str, note: str = "", file_name: str = "", sha256: str = "") -> Revision:
        """Add the indicators of a new plan (a validated catalog frame) as one revision."""
        catalog = normalise_catalog(catalog)
        with self._write() as conn:
            existing = self._catalog_in(conn)
            clash = sorted(set(catalog["plan"]) & set(existing["plan"])) or sorted(set(catalog["id"]) & set(existing["id"]))
            if clash:
                raise PlanExists(", ".join(clash))
            revision = self._add_revision(
                conn, action="catalog", author=author, note=note, file_name=file_name, sha256=sha256,
                row_count=len(catalog), rows_new=len(catalog),
            )
            self._insert_catalog(conn, catalog, revision.id)
            return revision

    # --- saved scenarios (issue 6) --------------------------------------------------------
    def save_scenario(self, name: str, assumptions: str, *, author: str, replace: bool = False) -> None:
        """Save ``assumptions`` (scenario JSON) under ``name`` in one transaction.

        Raises ``ScenarioExists`` when the name is taken, unless ``replace`` (the earlier
        version is kept in the scenario's history).
        """
        from analytics.scenario import ScenarioExists, ScenarioNameInvalid

        name = (name or "").strip()
        if not 1 <= len(name) <= SCENARIO_NAME_LENGTH:
            raise ScenarioNameInvalid(name[:SCENARIO_NAME_LENGTH])
        with self._write() as conn:
            if self._current_scenario(conn, name) is not None and not replace:
                raise ScenarioExists(name)
            self._add_scenario_row(conn, name, assumptions, author=author)

    def scenarios(self) -> pd.DataFrame:
        """Every saved scenario as it stands: ``name, author, created_at, assumptions``, by name."""
        newest = sa.select(sa.func.max(scenarios.c.id)).group_by(scenarios.c.name).scalar_subquery()
        query = (sa.select(scenarios.c.name, scenarios.c.author, scenarios.c.created_at, scenarios.c.assumptions)
                 .where(scenarios.c.id.in_(newest), scenarios.c.deleted.is_(False)).order_by(scenarios.c.name))
        try:
            with self.engine.connect() as conn:
                return pd.read_sql(query, conn)
        except SQLAlchemyError as error:
            raise DatabaseError(_short(error)) from error

    def scenario_history(self, name: str) -> pd.DataFrame:
        """Every version of one scenario, oldest first, deletions included (``deleted`` true)."""
        query = sa.select(scenarios).where(scenarios.c.name == name).order_by(scenarios.c.id)
        try:
            with self.engine.connect() as conn:
                return pd.read_sql(query, conn)
        except SQLAlchemyError as error:
            raise DatabaseError(_short(error)) from error

    def load_scenario(self, name: str) -> str:
        """The assumptions JSON saved under ``name``; ``UnknownScenario`` if there is none."""
        from analytics.scenario import UnknownScenario

        try:
            with self.engine.connect() as conn:
                found = self._current_scenario(conn, name)
        except SQLAlchemyError as error:
            raise DatabaseError(_short(error)) from error
        if found is None:
            raise UnknownScenario(name)
        return found

    def delete_scenario(self, name: str, *, author: str = "") -> None:
        """Take a scenario off the list (a tombstone row: its versions stay in its history)."""
        from analytics.scenario import UnknownScenario

        with self._write() as conn:
            current = self._current_scenario(conn, name)
            if current is None:
                raise UnknownScenario(name)
            self._add_scenario_row(conn, name, current, author=author, deleted=True)

    @staticmethod
    def _current_scenario(conn, name: str) -> str | None:
        """The newest assumptions saved under ``name``, or None if it was never saved or is deleted."""
        newest = conn.execute(
            sa.select(scenarios.c.assumptions, scenarios.c.deleted)
            .where(scenarios.c.name == name).order_by(scenarios.c.id.desc()).limit(1)
        ).first()
        return None if newest is None or newest.deleted else newest.assumptions

    @staticmethod
    def _add_scenario_row(conn, name: str, assumptions: str, *, author: str, deleted: bool = False) -> None:
        conn.execute(scenarios.insert().values(
            name=name, author=(author or "")[:200], created_at=datetime.now(timezone.utc),
            assumptions=assumptions, deleted=deleted,
        ))

    # --- internals -----------------------------------------------------------------------
    @contextmanager
    def _write(self):
        """One write transaction, serialised against other writers (other processes too)."""
        try:
            with self.engine.connect() as conn:
                conn.info["writing"] = True
                try:
                    with conn.begin():
                        if conn.dialect.name == "postgresql":
                            conn.exec_driver_sql("LOCK TABLE revisions IN SHARE ROW EXCLUSIVE MODE")
                        yield conn
                finally:
                    conn.info["writing"] = False
        except SQLAlchemyError as error:
            raise DatabaseError(_short(error)) from error

    def _observations_in(self, conn, revision: int | None = None) -> pd.DataFrame:
        rows = pd.read_sql(_latest_rows(observations, ["indicator_id", "year"], revision), conn)
        return normalise_observations(rows[~rows["deleted"].astype(bool)])

    def _catalog_in(self, conn, revision: int | None = None) -> pd.DataFrame:
        rows = pd.read_sql(_latest_rows(indicators, ["id"], revision), conn)
        return normalise_catalog(rows[~rows["deleted"].astype(bool)].loc[:, list(CATALOG_COLUMNS)])

    def _add_revision(self, conn, **fields) -> Revision:
        fields = {"note": "", "file_name": "", "sha256": "", "rows_new": 0, "rows_changed": 0,
                  "rows_unchanged": 0, "rows_removed": 0, "restored_from": None, **fields}
        new_id = conn.execute(
            revisions.insert().values(created_at=datetime.now(timezone.utc), **fields).returning(revisions.c.id)
        ).scalar_one()
        return Revision(new_id, fields["action"], fields["rows_new"], fields["rows_changed"],
                        fields["rows_unchanged"], fields["rows_removed"])

    @staticmethod
    def _insert_observations(conn, rows: pd.DataFrame, revision_id: int, *, deleted: bool = False) -> None:
        if rows.empty:
            return
        records = [
            {"revision_id": revision_id, "indicator_id": r.indicator_id, "year": int(r.year),
             "value": None if deleted else float(r.value), "note": "" if deleted else r.note,
             "source": "" if deleted else r.source, "deleted": deleted}
            for r in rows.loc[:, OBSERVATION_COLUMNS].itertuples(index=False)
        ]
        conn.execute(observations.insert(), records)

    @staticmethod
    def _insert_catalog(conn, rows: pd.DataFrame, revision_id: int, *, deleted: bool = False) -> None:
        if rows.empty:
            return
        records = rows.loc[:, list(CATALOG_COLUMNS)].astype(object).where(rows.notna(), None).to_dict("records")
        conn.execute(indicators.insert(), [{**r, "revision_id": revision_id, "deleted": deleted} for r in records])

    def _seed_if_empty(self, seed_dir: Path) -> None:
        with self._write() as conn:
            if conn.execute(sa.select(sa.func.count()).select_from(revisions)).scalar():
                return
            catalog = load_catalog(seed_dir)
            seed_file = Path(seed_dir) / "observations.csv"
            seed = pd.read_csv(seed_file, dtype={"note": str, "source": str}, keep_default_na=False)
            digest = hashlib.sha256()
            for f in sorted(Path(seed_dir).glob("catalog_*.csv")) + [seed_file]:
                digest.update(f.read_bytes())
            revision = self._add_revision(
                conn, action="seed", author=SEED_AUTHOR, note="data/", file_name="data/observations.csv",
                sha256=digest.hexdigest(), row_count=len(seed), rows_new=len(seed),
            )
            self._insert_catalog(conn, catalog, revision.id)
            self._insert_observations(conn, normalise_observations(seed), revision.id)


def _catalog_differences(current: pd.DataFrame, target: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``target`` that are missing from or differ from ``current``."""
    merged = target.merge(current, on="id", how="left", suffixes=("", "_now"), indicator=True)
    differs = merged["_merge"] == "left_only"
    for column in CATALOG_COLUMNS:
        if column != "id":
            a, b = merged[column], merged[f"{column}_now"]
            differs |= ~((a == b) | (a.isna() & b.isna()))
    return target[differs.to_numpy()]


def _make_engine(url: str) -> sa.Engine:
    if not url.startswith("sqlite"):
        return sa.create_engine(url, pool_pre_ping=True)
    path = sa.make_url(url).database
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": 60})

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # let SQLAlchemy's "begin" below open transactions
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        dbapi_connection.execute("PRAGMA busy_timeout=60000")

    @sa.event.listens_for(engine, "begin")
    def _begin(conn):
        # A writer takes the write lock at the start, so two writers queue instead of
        # failing with "database is locked" when both try to upgrade a read lock.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("writing") else "BEGIN")

    return engine


def _short(error: Exception) -> str:
    return str(getattr(error, "orig", error)).splitlines()[0][:300]
