"""The plan catalog: one row per indicator, with its baseline, target and kind.

Catalogs are CSV files named ``catalog_<plan>.csv`` in ``data/`` (see ``data/README.md``);
adding a plan means adding a file, not code.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analytics.kinds import Kind

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

KINDS = tuple(Kind)  # the kinds a catalog may name: see analytics/kinds.py
COMPARISONS = (">=", ">", "<=", "<")
DOMAINS = ("product", "service", "engineering", "environment")

TEXT_COLUMNS = (
    "id",
    "plan",
    "plan_name_zh",
    "plan_name_en",
    "name_zh",
    "name_en",
    "domain",
    "theme",
    "theme_zh",
    "theme_en",
    "unit",
    "unit_en",
    "kind",
    "comparison",
    "target_text",
    "category_zh",
    "category_en",
    "result_text",
    "note_type",
    "reported_outcome",
    "department",
    "continues",
)
NUMBER_COLUMNS = ("baseline_value", "target_value", "min_value", "max_value")
YEAR_COLUMNS = ("seq", "baseline_year", "target_year")
CATALOG_COLUMNS = (
    "id",
    "plan",
    "plan_name_zh",
    "plan_name_en",
    "seq",
    "name_zh",
    "name_en",
    "domain",
    "theme",
    "theme_zh",
    "theme_en",
    "unit",
    "unit_en",
    "kind",
    "comparison",
    "baseline_year",
    "baseline_value",
    "target_year",
    "target_value",
    "target_text",
    "min_value",
    "max_value",
    "category_zh",
    "category_en",
    "result_text",
    "note_type",
    "reported_outcome",
    "department",
    "continues",
)
REQUIRED_COLUMNS = (
    "id",
    "plan",
    "seq",
    "name_zh",
    "name_en",
    "domain",
    "unit",
    "kind",
    "comparison",
    "baseline_year",
    "baseline_value",
    "target_year",
    "target_value",
)


def normalise_catalog(raw: pd.DataFrame) -> pd.DataFrame:
    """Give a catalog frame every column with its proper type (optional columns blank).

    Built column by column into a new frame: the same catalog is normalised again inside every
    assessment, and for a few dozen rows pandas' per-call cost of assigning into a copy and of its
    string methods was most of that work.
    """
    rows = pd.RangeIndex(len(raw))
    columns: dict[str, pd.Series] = {}
    for column in CATALOG_COLUMNS:
        given = raw[column] if column in raw else None
        if column in TEXT_COLUMNS:
            cells = [""] * len(raw) if given is None else [_stripped(cell) for cell in given.tolist()]
            columns[column] = pd.Series(cells, index=rows, dtype=str)
        else:
            values = pd.to_numeric(given, errors="coerce") if given is not None else np.full(len(raw), np.nan)
            typed = "Int64" if column in YEAR_COLUMNS else float
            columns[column] = pd.Series(np.asarray(values), index=rows).astype(typed)
    return pd.DataFrame(columns, index=rows)


def _stripped(cell) -> str:
    """A catalog cell as stripped text; a missing cell is blank."""
    if isinstance(cell, str):
        return cell.strip()
    return "" if pd.isna(cell) else str(cell).strip()


def read_catalog_csv(path: Path | str) -> pd.DataFrame:
    """One catalog CSV file (UTF-8), typed."""
    return normalise_catalog(pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig"))


def load_catalog(path: Path | str = DATA_DIR) -> pd.DataFrame:
    """All plans: every ``catalog_*.csv`` in a folder, or one file."""
    path = Path(path)
    files = sorted(path.glob("catalog_*.csv")) if path.is_dir() else [path]
    return sort_catalog(pd.concat([read_catalog_csv(f) for f in files], ignore_index=True))


def sort_catalog(catalog: pd.DataFrame) -> pd.DataFrame:
    return catalog.sort_values(["target_year", "plan", "seq"]).reset_index(drop=True)


def plans(catalog: pd.DataFrame) -> pd.DataFrame:
    """One row per plan: ``plan, plan_name_zh, plan_name_en, start_year, target_year``, oldest first."""
    grouped = catalog.groupby("plan", sort=False).agg(
        plan_name_zh=("plan_name_zh", "first"),
        plan_name_en=("plan_name_en", "first"),
        baseline_year=("baseline_year", "min"),
        target_year=("target_year", "max"),
    )
    grouped["start_year"] = (grouped["target_year"] - 4).where(
        grouped["baseline_year"].isna(), grouped["baseline_year"] + 1
    )
    return grouped.reset_index().sort_values("target_year").reset_index(drop=True)


def current_plan(catalog: pd.DataFrame) -> str:
    """The plan with the latest target year: the one being monitored now."""
    return str(plans(catalog)["plan"].iloc[-1])


def plan_catalog(catalog: pd.DataFrame, plan: str) -> pd.DataFrame:
    return catalog[catalog["plan"] == plan].reset_index(drop=True)


def is_maintain_target(catalog: pd.DataFrame) -> pd.Series:
    """Level indicators whose target equals the baseline: the level must be held."""
    return (catalog["kind"] == Kind.LEVEL) & np.isclose(
        catalog["target_value"].astype(float), catalog["baseline_value"].astype(float)
    )


def latest_data_year(indicators: pd.DataFrame, observations: pd.DataFrame) -> int:
    """The latest year with an observation of these indicators, else their baseline year.

    The year the dashboards, previews and the command line assess at unless told otherwise.
    """
    years = observations.loc[observations["indicator_id"].isin(indicators["id"]), "year"]
    return int(years.max()) if len(years) else int(indicators["baseline_year"].min())
