"""The indicator chart: observed values, baseline, target, required path and projection band.

Pure: an assessment row and the indicator's points in, an Altair chart out. Each layer carries a
``description`` (observed, baseline, target, required_path, projection, projection_band) so tests
and screen readers can tell them apart. Colours are Okabe-Ito, safe for colour-blind readers.
"""
from __future__ import annotations

import math

import altair as alt
import pandas as pd

from analytics.labels import text

FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, sans-serif"
COLOURS = {
    "observed": "#0072B2",  # blue
    "target": "#D55E00",  # vermillion
    "required_path": "#009E73",  # bluish green
    "projection": "#E69F00",  # orange
    "baseline": "#999999",  # grey
}


def _finite(value) -> bool:
    return value is not None and value is not pd.NA and not (isinstance(value, float) and math.isnan(value))


def indicator_chart(row: pd.Series, points: pd.DataFrame, *, lang: str = "zh", unit_label: str = "",
                    min_value: float | None = None, max_value: float | None = None) -> alt.LayerChart:
    """The chart of one assessed indicator; ``points`` are its ``year, achieved`` observations.

    ``min_value``/``max_value`` (the catalog's possible range; default: the row's, if it has
    them) keep the y axis within what the indicator can be, e.g. 0-100 for a percentage.
    """
    year_title, value_title = text("chart.year", lang), unit_label or text("chart.value", lang)
    start_value = 0.0 if row["kind"] == "new_in_period" else row["baseline_value"]
    start_year = row["baseline_year"] if _finite(row["baseline_year"]) else None
    x = alt.X("year:Q", title=year_title, axis=alt.Axis(format="d", tickMinStep=1))
    values = list(points["achieved"]) + [row["target_value"]]
    if _finite(start_value):
        values.append(start_value)
    for key in ("projected_low", "projected_high", "projected_value"):
        if _finite(row[key]):
            values.append(row[key])
    bounds = (row.get("min_value") if min_value is None else min_value, row.get("max_value") if max_value is None else max_value)
    scale = alt.Scale(domain=_domain(values, *bounds), nice=False)
    # The unit sits level above the axis: a rotated Chinese unit (个) reads as an arrow.
    y_axis = alt.Axis(titleAngle=0, titleAlign="left", titleBaseline="bottom", titleX=-30, titleY=-8)
    y = alt.Y("value:Q", title=value_title, scale=scale, axis=y_axis)
    tooltip = [alt.Tooltip("year:Q", title=year_title, format="d"), alt.Tooltip("value:Q", title=value_title, format=",.4~g")]

    observed_data = pd.DataFrame({"year": points["year"].astype(int), "value": points["achieved"].astype(float)})
    observed_data["series"] = text("chart.observed", lang)
    observed = alt.Chart(observed_data, description="observed").mark_line(
        point=alt.OverlayMarkDef(size=70, filled=True, color=COLOURS["observed"]), color=COLOURS["observed"], strokeWidth=3
    ).encode(x=x, y=y, tooltip=tooltip + [alt.Tooltip("series:N", title=text("chart.series", lang))])

    layers = []
    if _finite(start_value) and start_year is not None:
        baseline_data = pd.DataFrame({"year": [int(start_year), int(row["target_year"])], "value": [float(start_value)] * 2,
                                      "series": text("chart.baseline", lang)})
        layers.append(alt.Chart(baseline_data, description="baseline").mark_line(
            color=COLOURS["baseline"], strokeDash=[2, 3], strokeWidth=1.5
        ).encode(x=x, y=y, tooltip=tooltip + ["series:N"]))
        required_data = pd.DataFrame({"year": [int(start_year), int(row["target_year"])],
                                      "value": [float(start_value), float(row["target_value"])],
                                      "series": text("chart.required_path", lang)})
        layers.append(alt.Chart(required_data, description="required_path").mark_line(
            color=COLOURS["required_path"], strokeDash=[6, 4], strokeWidth=2
        ).encode(x=x, y=y, tooltip=tooltip + ["series:N"]))

    if _finite(row["projected_value"]) and _finite(row["latest_year"]) and int(row["latest_year"]) < int(row["target_year"]):
        latest = float(row["latest_value"])
        if _finite(row["projected_low"]) and _finite(row["projected_high"]):
            band = pd.DataFrame({"year": [int(row["latest_year"]), int(row["target_year"])],
                                 "low": [latest, float(row["projected_low"])], "high": [latest, float(row["projected_high"])]})
            layers.append(alt.Chart(band, description="projection_band").mark_area(
                color=COLOURS["projection"], opacity=0.25
            ).encode(x=x, y=alt.Y("low:Q", scale=scale, title=value_title, axis=y_axis), y2="high:Q",
                     tooltip=[alt.Tooltip("low:Q", title=text("col.projected_low", lang), format=",.4~g"),
                              alt.Tooltip("high:Q", title=text("col.projected_high", lang), format=",.4~g")]))
        projection_data = pd.DataFrame({"year": [int(row["latest_year"]), int(row["target_year"])],
                                        "value": [latest, float(row["projected_value"])],
                                        "series": text("chart.projection", lang)})
        layers.append(alt.Chart(projection_data, description="projection").mark_line(
            color=COLOURS["projection"], strokeDash=[4, 2], strokeWidth=2.5, point=alt.OverlayMarkDef(color=COLOURS["projection"], shape="diamond", size=60)
        ).encode(x=x, y=y, tooltip=tooltip + ["series:N"]))

    target_label = f"{text('chart.target', lang)} {text('comparison.' + row['comparison'], lang)} {row['target_value']:g}"
    target_data = pd.DataFrame({"year": [int(row["target_year"])], "value": [float(row["target_value"])], "label": [target_label]})
    target = alt.Chart(target_data, description="target")
    layers.append(target.mark_point(shape="cross", size=260, strokeWidth=3, color=COLOURS["target"], filled=True).encode(
        x=x, y=y, tooltip=[alt.Tooltip("label:N", title=text("chart.target", lang))]))
    layers.append(target.mark_text(align="right", dx=-10, dy=-12, color=COLOURS["target"], fontSize=13, font=FONT).encode(
        x=x, y=y, text="label:N"))

    # One configure call: each one deep-copies the whole chart.
    return alt.layer(*layers, observed).properties(height=280).configure(
        font=FONT, axis=alt.AxisConfig(labelFont=FONT, titleFont=FONT), view=alt.ViewConfig(strokeWidth=0)
    )


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
