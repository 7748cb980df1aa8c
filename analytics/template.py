"""The upload template: the current plan's indicators, one column per year to fill.

It is the wide format the reader accepts (序号, 指标, 单位, 2021年 ... 2025年), so a
filled-in template uploads as it is.
"""

from __future__ import annotations

import pandas as pd

from analytics.catalog import plan_catalog, plans


def template_years(catalog: pd.DataFrame, plan: str) -> list[int]:
    """The plan's years after its baseline: 2021-2025 for the 14th plan."""
    row = plans(catalog).set_index("plan").loc[plan]
    return list(range(int(row["start_year"]), int(row["target_year"]) + 1))


def template(catalog: pd.DataFrame, plan: str) -> pd.DataFrame:
    """One row per quantitative indicator of ``plan``; the year columns are blank."""
    indicators = plan_catalog(catalog, plan)
    indicators = indicators[indicators["kind"] != "qualitative"].sort_values("seq")
    frame = pd.DataFrame(
        {
            "序号": indicators["seq"].astype(int).to_numpy(),
            "指标": indicators["name_zh"].to_numpy(),
            "单位": indicators["unit"].to_numpy(),
        }
    )
    for year in template_years(catalog, plan):
        frame[f"{year}年"] = ""
    return frame
