"""A table as text for paper: every row and column of what a page shows in a canvas grid.

A canvas grid (st.dataframe) prints only the rows and columns in its view, so each leader page also
draws its tables as plain text tables that only print shows. This module makes those tables' cells:
the page's column labels, figures formatted as the grid formats them, missing cells as a dash, and
every cell escaped, since the text table renders Markdown and the cells hold catalog and user text.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd

from analytics.formatting import escape_markdown, number, percent

MISSING = "—"


def cell(value: object, number_format: str | None = None) -> str:
    """One cell as text: ``number_format`` is the grid's ("%d", "%.4g", "%+.3g", "percent"); without one a
    figure reads as :func:`analytics.formatting.number` prints it (95.9, 0.88, 6) and anything else as text."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, int | float) and not isinstance(value, bool):
        if number_format == "percent":
            return percent(float(value))
        if number_format and number_format.startswith("%"):
            return number_format % value
        return str(value) if isinstance(value, int) else number(float(value))
    return str(value)


def printed_table(
    frame: pd.DataFrame,
    labels: Mapping[str, str],
    formats: Mapping[str, str | None] | None = None,
    *,
    columns: Sequence[str] | None = None,
    index_label: str | None = None,
) -> pd.DataFrame:
    """``frame``'s ``columns`` (default: all) as escaped text under their ``labels`` (default: the column's
    name), in order; with ``index_label`` the index comes first as a column of that name."""
    formats = formats or {}
    shown = list(columns) if columns is not None else list(frame.columns)
    texts = {
        escape_markdown(labels.get(c, c)): [escape_markdown(cell(v, formats.get(c))) for v in frame[c].tolist()]
        for c in shown
    }
    if index_label is not None:
        texts = {escape_markdown(index_label): [escape_markdown(cell(v)) for v in frame.index.tolist()], **texts}
    return pd.DataFrame(texts)
