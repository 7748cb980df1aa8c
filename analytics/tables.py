"""Assessment tables shaped for people: one readable column per figure."""
from __future__ import annotations

import pandas as pd

from analytics.formatting import number


def overview_table(assessment: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The overview's columns: latest "95.9 (2024)", projection "96.2 (96.1-96.3)", and raw figures."""
    latest = [
        f"{number(v)} ({int(y)})" if pd.notna(y) else "—" for v, y in zip(assessment["latest_value"], assessment["latest_year"])
    ]
    projection = [
        "—" if pd.isna(p) else (f"{number(p)} ({number(lo)}-{number(hi)})" if pd.notna(lo) else number(p))
        for p, lo, hi in zip(assessment["projected_value"], assessment["projected_low"], assessment["projected_high"])
    ]
    target = [f"{'≤' if c in ('<=', '<') else '≥'}{number(v)}" for c, v in zip(assessment["comparison"], assessment["target_value"])]
    return pd.DataFrame({
        "id": assessment["id"],
        "status": assessment["status"],
        "seq": assessment["seq"].astype(int),
        "name": assessment["name_en" if lang == "en" else "name_zh"],
        "unit": assessment["unit_en" if lang == "en" else "unit"],
        "baseline_value": assessment["baseline_value"],
        "latest": latest,
        "target": target,
        "gap": assessment["gap"],
        "progress": assessment["progress"],
        "probability": assessment["probability"],
        "projection": projection,
    })
