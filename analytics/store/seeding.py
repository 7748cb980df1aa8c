"""The first revision of a new database: the catalogs and observations in ``data/``."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from analytics.catalog import load_catalog
from analytics.changes import normalise_observations
from analytics.store.revisions import add_revision, insert_catalog, insert_observations
from analytics.store.schema import revisions

SEED_AUTHOR = "system"


def seed_if_empty(conn: sa.Connection, seed_dir: Path) -> None:
    """Write ``seed_dir``'s catalog and observations as revision 1 unless there is a revision."""
    if conn.execute(sa.select(sa.func.count()).select_from(revisions)).scalar():
        return
    catalog = load_catalog(seed_dir)
    seed_file = Path(seed_dir) / "observations.csv"
    seed = pd.read_csv(seed_file, dtype={"note": str, "source": str}, keep_default_na=False)
    digest = hashlib.sha256()
    for f in sorted(Path(seed_dir).glob("catalog_*.csv")) + [seed_file]:
        digest.update(f.read_bytes())
    revision = add_revision(
        conn,
        action="seed",
        author=SEED_AUTHOR,
        note="data/",
        file_name="data/observations.csv",
        sha256=digest.hexdigest(),
        row_count=len(seed),
        rows_new=len(seed),
    )
    insert_catalog(conn, catalog, revision.id)
    insert_observations(conn, normalise_observations(seed), revision.id)
