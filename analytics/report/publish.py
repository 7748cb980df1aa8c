"""Publishing a report: build it from the store's latest revision, date it, and write the file atomically.

The file is written to a temporary file in the target's folder and moved into place, so a failed
write never leaves a partial file behind (:class:`ReportNotWritten` says why).
"""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from analytics.catalog import current_plan, latest_data_year, plan_catalog
from analytics.errors import PlanError, UnknownPlan
from analytics.report.content import ReportRequest, build
from analytics.report.render import FORMATS
from analytics.scenario import Scenario, from_json
from analytics.store import Store


class ReportNotWritten(PlanError):
    key = "report.error.write"
    code = "report_not_written"


def generation_date(given: date | None = None) -> date:
    """The date given, else SOURCE_DATE_EPOCH (reproducible builds), else today in UTC."""
    if given is not None:
        return given
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return moment.date()


def output_format(path: Path, given: str | None = None) -> str:
    """``given``, else the format the file name's suffix names, else docx."""
    if given:
        return given
    suffix = path.suffix.lower().lstrip(".")
    return {"markdown": "md"}.get(suffix, suffix) if suffix in FORMATS + ("markdown",) else "docx"


def write_atomically(path: Path, content: bytes) -> None:
    """Write ``content`` to a temporary file beside ``path``, then move it into place; no partial file on failure."""
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.resolve().parent)
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, path)
    except OSError as error:
        if temporary:
            Path(temporary).unlink(missing_ok=True)
        raise ReportNotWritten(path, reason=error.strerror or error) from error
    except BaseException:
        if temporary:
            Path(temporary).unlink(missing_ok=True)
        raise


def build_from_store(
    store: Store,
    *,
    plan: str | None,
    as_of: int | None,
    lang: str,
    brief: bool,
    scenario_name: str | None,
    generated: date,
    all_charts: bool = False,
):
    """The report at the store's latest revision (one snapshot for catalog, data and revision number)."""
    revision = store.latest_revision()
    catalog, observations = store.catalog(revision=revision), store.observations(revision=revision)
    plan = plan or current_plan(catalog)
    indicators = plan_catalog(catalog, plan)
    if indicators.empty:
        raise UnknownPlan(plan)
    scenario = from_json(store.load_scenario(scenario_name)) if scenario_name else Scenario()
    request = ReportRequest(
        plan=plan,
        as_of=as_of or latest_data_year(indicators, observations),
        lang=lang,
        brief=brief,
        scenario_name=scenario_name or "",
        generated=generated,
        all_charts=all_charts,
    )
    return build(catalog, observations, request, revision=revision, scenario=scenario)
