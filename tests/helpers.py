"""Small builders for hand-computed test cases."""
from __future__ import annotations

import pandas as pd

from analytics.catalog import normalise_catalog


def indicator(**fields) -> dict:
    """One catalog row with sensible defaults: a ">=" level indicator, 2020 -> 2025."""
    row = {
        "id": "x", "plan": "t", "seq": 1, "name_zh": "测试", "name_en": "test", "domain": "product",
        "unit": "", "kind": "level", "comparison": ">=", "baseline_year": 2020, "baseline_value": 0.0,
        "target_year": 2025, "target_value": 1.0, "min_value": 0.0, "max_value": float("nan"),
    }
    row.update(fields)
    return row


def catalog_of(*rows: dict) -> pd.DataFrame:
    return normalise_catalog(pd.DataFrame(list(rows)))


def observations_of(indicator_id: str, values_by_year: dict[int, float]) -> pd.DataFrame:
    return pd.DataFrame(
        {"indicator_id": indicator_id, "year": list(values_by_year), "value": list(values_by_year.values())}
    )
