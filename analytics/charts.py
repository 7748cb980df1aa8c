"""The indicator chart: observed values, baseline, target, required path and projection band.

Pure: an assessment row and the indicator's points in, a Vega-Lite spec out. The chart's
layout (marks, encodings, colours, titles) depends only on the language and the unit, so it is
built once with Altair per (language, unit) and reused: building it is ~0.1 s, which every
indicator of every scenario and as-of year would otherwise pay. What differs between
indicators is data: six named datasets, one per layer, and the y range, in two parameters.

Every layer colours by its ``series`` on one shared scale, so the chart has one legend in the
page's language (observed, baseline, target, path to target, projection, 80% band), and the x
range comes from two more parameters (a one-point chart spans its years, not 0-2200).
Each layer carries a ``description`` (observed, baseline, target, required_path, projection,
projection_band) so tests and screen readers can tell them apart; a layer with no data (no
baseline, nothing left to project) is left out. Colours are Okabe-Ito, safe for colour-blind
readers; the 80% band is a light tint of the projection's orange, under every line, with a legend
colour of its own.
"""

from __future__ import annotations

import copy
import functools
import html
import math

import altair as alt
import pandas as pd

from analytics.kinds import rules
from analytics.labels import text

FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, sans-serif"
COLOURS = {
    "observed": "#0072B2",  # blue
    "target": "#D55E00",  # vermillion
    "required_path": "#009E73",  # bluish green
    "projection": "#E69F00",  # orange
    "projection_band": "#F5D08A",  # a light orange fill, its own legend colour: the band is not the line
    "baseline": "#999999",  # grey
}
LAYERS = ("observed", "baseline", "required_path", "projection_band", "projection", "target")


def _finite(value) -> bool:
    return value is not None and value is not pd.NA and not (isinstance(value, float) and math.isnan(value))


def indicator_chart(
    row: pd.Series,
    points: pd.DataFrame,
    *,
    lang: str = "zh",
    unit_label: str = "",
    min_value: float | None = None,
    max_value: float | None = None,
) -> dict:
    """The Vega-Lite spec of one assessed indicator; ``points`` are its ``year, achieved`` observations.

    ``min_value``/``max_value`` (the catalog's possible range; default: the row's, if it has
    them) keep the y axis within what the indicator can be, e.g. 0-100 for a percentage.
    The spec is the caller's own: changing it changes no other chart.
    """
    spec = copy.deepcopy(_layout(lang, unit_label or text("chart.value", lang)))
    # Layers with nothing to draw (no baseline, nothing left to project) are left out.
    spec["datasets"] = {name: records for name, records in layer_data(row, points, lang=lang).items() if records}
    spec["layer"] = [layer for layer in spec["layer"] if layer["data"]["name"] in spec["datasets"]]
    values = [
        value
        for records in spec["datasets"].values()
        for record in records
        for key, value in record.items()
        if key in ("value", "low", "high")
    ]
    bounds = (
        row.get("min_value") if min_value is None else min_value,
        row.get("max_value") if max_value is None else max_value,
    )
    low, high = _domain(values, *bounds)
    years = [record["year"] for records in spec["datasets"].values() for record in records]
    first_year, last_year = min(years), max(years)
    # A one-point chart would otherwise get an axis from 0 to 2200; half a year either side keeps the ends readable.
    spec["params"] = [
        {"name": "y_min", "value": low},
        {"name": "y_max", "value": high},
        {"name": "x_min", "value": first_year - 0.5},
        {"name": "x_max", "value": last_year + 0.5},
    ]
    return spec


def layer_data(row: pd.Series, points: pd.DataFrame, *, lang: str) -> dict[str, list[dict]]:
    """Each layer's records, by layer name; empty where the layer has nothing to draw."""
    data: dict[str, list[dict]] = {name: [] for name in LAYERS}
    observed = text("chart.observed", lang)
    data["observed"] = [
        {"year": int(year), "value": float(value), "series": observed}
        for year, value in zip(points["year"], points["achieved"], strict=False)
    ]
    # A new-in-period indicator sums its additions from 0: its catalog baseline is the previous period's total.
    start_value = 0.0 if rules(row["kind"]).sums_additions else row["baseline_value"]
    start_year, target_year = row["baseline_year"], int(row["target_year"])
    if _finite(start_value) and _finite(start_year):
        years = [int(start_year), target_year]
        data["baseline"] = [
            {"year": year, "value": float(start_value), "series": text("chart.baseline", lang)} for year in years
        ]
        data["required_path"] = [
            {"year": year, "value": float(value), "series": text("chart.required_path", lang)}
            for year, value in zip(years, [start_value, row["target_value"]], strict=False)
        ]
    if _finite(row["projected_value"]) and _finite(row["latest_year"]) and int(row["latest_year"]) < target_year:
        years, latest = [int(row["latest_year"]), target_year], float(row["latest_value"])
        if _finite(row["projected_low"]) and _finite(row["projected_high"]):
            band = text("chart.band", lang)
            data["projection_band"] = [
                {"year": year, "low": low, "high": high, "series": band}
                for year, low, high in zip(
                    years, [latest, float(row["projected_low"])], [latest, float(row["projected_high"])], strict=False
                )
            ]
        data["projection"] = [
            {"year": year, "value": value, "series": text("chart.projection", lang)}
            for year, value in zip(years, [latest, float(row["projected_value"])], strict=False)
        ]
    label = f"{text('chart.target', lang)} {text('comparison.' + row['comparison'], lang)} {row['target_value']:g}"
    data["target"] = [
        {"year": target_year, "value": float(row["target_value"]), "label": label, "series": text("chart.target", lang)}
    ]
    return data


@functools.lru_cache(maxsize=64)
def _layout(lang: str, unit_label: str) -> dict:
    """Every layer, reading its named dataset, with the y range taken from parameters y_min and y_max."""
    year_title, value_title = text("chart.year", lang), unit_label
    x_scale = alt.Scale(domainMin=alt.ExprRef("x_min"), domainMax=alt.ExprRef("x_max"), nice=False, zero=False)
    x = alt.X("year:Q", title=year_title, scale=x_scale, axis=alt.Axis(format="d", tickMinStep=1))
    # One legend in the page's language, readable without hovering: every layer colours by its series.
    series = [
        text(f"chart.{name}", lang)
        for name in ("observed", "baseline", "target", "required_path", "projection", "band")
    ]
    colours = [
        COLOURS[name] for name in ("observed", "baseline", "target", "required_path", "projection", "projection_band")
    ]
    colour = alt.Color(
        "series:N",
        title=None,
        scale=alt.Scale(domain=series, range=colours),
    )
    scale = alt.Scale(domainMin=alt.ExprRef("y_min"), domainMax=alt.ExprRef("y_max"), nice=False, zero=False)
    # The unit sits level above the axis: a rotated Chinese unit (个) reads as an arrow.
    y_axis = alt.Axis(titleAngle=0, titleAlign="left", titleBaseline="bottom", titleX=-30, titleY=-8)
    y = alt.Y("value:Q", title=value_title, scale=scale, axis=y_axis)
    tooltip = [
        alt.Tooltip("year:Q", title=year_title, format="d"),
        alt.Tooltip("value:Q", title=value_title, format=",.4~g"),
    ]

    def chart(name: str) -> alt.Chart:
        return alt.Chart(alt.NamedData(name=name), description=name)

    # x and y are shared by every layer (given once, on the layer chart); the band draws low to high.
    baseline = (
        chart("baseline")
        .mark_line(color=COLOURS["baseline"], strokeDash=[2, 3], strokeWidth=1.5)
        .encode(color=colour, tooltip=tooltip + ["series:N"])
    )
    required_path = (
        chart("required_path")
        .mark_line(color=COLOURS["required_path"], strokeDash=[6, 4], strokeWidth=2)
        .encode(color=colour, tooltip=tooltip + ["series:N"])
    )
    band = (
        chart("projection_band")
        .mark_area(color=COLOURS["projection_band"], opacity=0.6)
        .encode(
            y=alt.Y("low:Q", scale=scale, title=value_title, axis=y_axis),
            y2="high:Q",
            color=colour,
            tooltip=[
                alt.Tooltip("low:Q", title=text("col.projected_low", lang), format=",.4~g"),
                alt.Tooltip("high:Q", title=text("col.projected_high", lang), format=",.4~g"),
            ],
        )
    )
    projection = (
        chart("projection")
        .mark_line(
            color=COLOURS["projection"],
            strokeDash=[4, 2],
            strokeWidth=2.5,
            point=alt.OverlayMarkDef(color=COLOURS["projection"], shape="diamond", size=60),
        )
        .encode(color=colour, tooltip=tooltip + ["series:N"])
    )
    target_marker = (
        chart("target")
        .mark_point(shape="cross", size=260, strokeWidth=3, color=COLOURS["target"], filled=True)
        .encode(color=colour, tooltip=[alt.Tooltip("label:N", title=text("chart.target", lang))])
    )
    # The target's words sit above the plot's top right corner, level with the unit at the top left: outside
    # the plot, no line can run through them (next to the cross they collided with the path and the projection).
    target_label = (
        chart("target")
        .mark_text(align="right", baseline="bottom", color=COLOURS["target"], fontSize=13, font=FONT)
        .encode(text="label:N", x=alt.value({"expr": "width"}), y=alt.value(-8))
    )
    observed = (
        chart("observed")
        .mark_line(
            point=alt.OverlayMarkDef(size=70, filled=True, color=COLOURS["observed"]),
            color=COLOURS["observed"],
            strokeWidth=3,
        )
        .encode(color=colour, tooltip=tooltip + [alt.Tooltip("series:N", title=text("chart.series", lang))])
    )

    # The band first, under every line; observed last, drawn on top. One configure call: each one deep-copies
    # the whole chart.
    layered = (
        alt.layer(band, baseline, required_path, projection, target_marker, target_label, observed)
        .encode(x=x, y=y)
        .add_params(
            alt.param(name="y_min", value=0),
            alt.param(name="y_max", value=1),
            alt.param(name="x_min", value=2020),
            alt.param(name="x_max", value=2025),
        )
        .properties(height=280)
        .configure(
            font=FONT,
            axis=alt.AxisConfig(labelFont=FONT, titleFont=FONT),
            legend=alt.LegendConfig(orient="bottom", columns=3, labelFont=FONT, symbolStrokeWidth=3, symbolOpacity=1),
            view=alt.ViewConfig(strokeWidth=0),
        )
    )
    return layered.to_dict()


def _domain(values: list, min_value, max_value) -> list[float]:
    """A y range around every value shown, kept within the indicator's possible range."""
    finite = [float(v) for v in values if _finite(v)]
    low, high = min(finite), max(finite)
    pad = max((high - low) * 0.12, abs(high) * 0.01, 0.5)
    low, high = low - pad, high + pad
    if _finite(min_value):
        low = max(low, float(min_value))
    if _finite(max_value):
        high = min(high, float(max_value))
    return [low, high]


def share_bar(share: float, label: str) -> str:
    """One share (0-1) as an HTML progress bar, in the observed series' blue: it does not turn red
    (Streamlit's st.progress takes the theme's red), it prints (its colour kept on paper), screen
    readers read it as a progress bar, and it needs no chart library in the browser (the overview's
    two bars were the only charts there). ``label`` is escaped; the share is clamped to 0-1."""
    value = min(max(share, 0.0), 1.0) if share == share else 0.0
    shown = round(value * 100, 1)
    return (
        f'<div role="progressbar" aria-label="{html.escape(label)}" aria-valuemin="0" aria-valuemax="100" '
        f'aria-valuenow="{shown:g}" style="height:14px;border-radius:3px;background:#E8EEF4;'
        f'print-color-adjust:exact;-webkit-print-color-adjust:exact">'
        f'<div style="width:{shown:g}%;height:100%;border-radius:3px;background:{COLOURS["observed"]}"></div></div>'
    )
