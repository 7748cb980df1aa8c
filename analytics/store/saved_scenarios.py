"""Saved what-if scenarios (issue 6). A saved scenario is not data: saving one adds no revision.

Like everything else it is never overwritten: saving, replacing and deleting each add a row
(a deletion is a tombstone), and the scenario called NAME is its newest row. ``assumptions``
is the JSON of analytics.scenario.to_json.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import sqlalchemy as sa

from analytics.store.engine import Database
from analytics.store.schema import SCENARIO_NAME_LENGTH, scenarios


class ScenarioStore(Database):
    """The saved scenarios of a :class:`~analytics.store.Store`."""

    def save_scenario(
        self, name: str, assumptions: str, *, author: str, replace: bool = False, account: str | None = None
    ) -> None:
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
            self._add_scenario_row(conn, name, assumptions, author=author, account=account)

    def scenarios(self) -> pd.DataFrame:
        """Every saved scenario as it stands: ``name, author, account, created_at, assumptions``, by name."""
        newest = sa.select(sa.func.max(scenarios.c.id)).group_by(scenarios.c.name).scalar_subquery()
        query = (
            sa.select(
                scenarios.c.name,
                scenarios.c.author,
                scenarios.c.account,
                scenarios.c.created_at,
                scenarios.c.assumptions,
            )
            .where(scenarios.c.id.in_(newest), scenarios.c.deleted.is_(False))
            .order_by(scenarios.c.name)
        )
        with self._read("read_scenarios") as conn:
            return pd.read_sql(query, conn)

    def scenario_history(self, name: str) -> pd.DataFrame:
        """Every version of one scenario, oldest first, deletions included (``deleted`` true)."""
        query = sa.select(scenarios).where(scenarios.c.name == name).order_by(scenarios.c.id)
        with self._read("read_scenarios") as conn:
            return pd.read_sql(query, conn)

    def load_scenario(self, name: str) -> str:
        """The assumptions JSON saved under ``name``; ``UnknownScenario`` if there is none."""
        from analytics.scenario import UnknownScenario

        with self._read("read_scenarios") as conn:
            found = self._current_scenario(conn, name)
        if found is None:
            raise UnknownScenario(name)
        return found

    def delete_scenario(self, name: str, *, author: str = "", account: str | None = None) -> None:
        """Take a scenario off the list (a tombstone row: its versions stay in its history)."""
        from analytics.scenario import UnknownScenario

        with self._write() as conn:
            current = self._current_scenario(conn, name)
            if current is None:
                raise UnknownScenario(name)
            self._add_scenario_row(conn, name, current, author=author, account=account, deleted=True)

    @staticmethod
    def _current_scenario(conn, name: str) -> str | None:
        """The newest assumptions saved under ``name``, or None if it was never saved or is deleted."""
        newest = conn.execute(
            sa.select(scenarios.c.assumptions, scenarios.c.deleted)
            .where(scenarios.c.name == name)
            .order_by(scenarios.c.id.desc())
            .limit(1)
        ).first()
        return None if newest is None or newest.deleted else newest.assumptions

    @staticmethod
    def _add_scenario_row(
        conn, name: str, assumptions: str, *, author: str, account: str | None = None, deleted: bool = False
    ) -> None:
        conn.execute(
            scenarios.insert().values(
                name=name,
                author=(author or "")[:200],
                created_at=datetime.now(UTC),
                assumptions=assumptions,
                deleted=deleted,
                account=account,
            )
        )
