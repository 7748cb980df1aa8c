"""How commands print a frame: JSON (numbers as numbers, missing as null), CSV safe for
spreadsheets, or a terminal table in Chinese or English."""

from __future__ import annotations

import json
import math
import sys

import pandas as pd

from analytics.export import neutralise
from analytics.formatting import figure, percent
from analytics.labels import text


def emit(frame: pd.DataFrame, fmt: str, *, lang: str, table_columns: list[str] | None) -> None:
    if fmt == "json":
        print_json(frame.to_dict("records"))
    elif fmt == "csv":
        sys.stdout.write(neutralise(frame).to_csv(index=False))
    else:
        print(terminal_table(frame, lang=lang, columns=table_columns))


def print_json(records: list[dict]) -> None:
    print(json.dumps([json_record(r) for r in records], ensure_ascii=False, indent=1))


def json_record(record: dict) -> dict:
    """Numbers as numbers, missing as null."""
    clean: dict[str, object] = {}
    for key, value in record.items():
        if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
            clean[key] = None
        elif hasattr(value, "item"):
            clean[key] = value.item()
        else:
            clean[key] = value
    return clean


def terminal_table(frame: pd.DataFrame, *, lang: str, columns: list[str] | None) -> str:
    shown = frame.copy()
    names = shown["name_en" if lang == "en" else "name_zh"].astype(str)
    shown["name"] = [n if len(n) <= 32 else n[:31] + "…" for n in names]
    if lang == "en" and "unit_en" in shown:
        shown["unit"] = shown["unit_en"]
    if "kind" in shown:
        shown["kind"] = [text(f"kind.{k}", lang) for k in shown["kind"]]
    if "status" in shown:
        shown["status"] = [text(f"status.{s}", lang) for s in shown["status"]]
    for share in ("progress", "probability"):  # whole percentages, >99% and <1% at the ends, as the pages
        if share in shown:
            shown[share] = [percent(p) if pd.notna(p) else "" for p in shown[share]]
    if "projected_value" in shown and "kind" in frame:  # a count's projection is a whole number of things
        shown["projected_value"] = [
            "" if pd.isna(v) else figure(v, k) for v, k in zip(frame["projected_value"], frame["kind"], strict=True)
        ]
    if "latest_year" in shown:
        shown["latest_year"] = shown["latest_year"].astype("Int64")
    columns = columns or ["id", "seq", "name", "unit", "kind", "comparison", "baseline_value", "target_value"]
    shown = shown.loc[:, columns]
    shown.columns = [text(f"col.{c}", lang) for c in columns]
    with pd.option_context("display.unicode.east_asian_width", True, "display.width", 250):
        return shown.to_string(index=False, na_rep="", float_format=lambda v: f"{v:.4g}")
