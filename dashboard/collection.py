"""The data page's collection board: for a chosen year, which indicators of the sidebar's plan have a
figure, which are missing, the unit answerable and when each was last changed (Beijing time)."""

from __future__ import annotations

import streamlit as st

from analytics.catalog import plan_catalog
from analytics.collection import board_summary, collection_board
from analytics.formatting import number
from dashboard import data, state
from dashboard.state import t

SHOWN = {
    "seq": "col.seq",
    "name": "col.name",
    "unit": "col.unit",
    "department": "col.department",
    "reported": "col.reported",
    "value": "col.value",
    "changed_at": "col.changed_at",
}


def collection_section() -> None:
    """The board in an expander (data_page.py calls this with one line)."""
    revision, plan = state.data_revision(), state.selected_plan()
    indicators = plan_catalog(data.catalog(revision), plan)
    if indicators.empty:
        return
    first, last = int(indicators["baseline_year"].min()) + 1, int(indicators["target_year"].max())
    years = list(range(last, first - 1, -1))
    latest = data.latest_data_year(revision, plan)
    with st.expander(t("collection.header"), icon="📋", expanded=True):
        year = st.selectbox(
            t("collection.year"),
            years,
            index=years.index(min(latest + 1, last)) if min(latest + 1, last) in years else 0,
            key=f"collection_year_{plan}",
            placeholder=t("shell.choose"),
        )
        board = collection_board(indicators, data.observations(revision), data.revisions(revision), year=year)
        summary = board_summary(board, year)
        st.write(
            t(
                "collection.summary",
                year=year,
                expected=summary.expected,
                reported=summary.reported,
                missing=len(summary.missing),
            )
        )
        if st.toggle(t("collection.only_missing"), key=f"collection_missing_{plan}"):
            board = board[~board["reported"]]
        lang = state.lang()
        shown = board.assign(
            name=board["name_en" if lang == "en" else "name_zh"],
            unit=board["unit_en" if lang == "en" else "unit"],
            reported=[t("collection.yes" if r else "collection.no") for r in board["reported"]],
            value=[number(v) for v in board["value"]],  # a figure not sent yet reads "—", not the grid's "None"
        ).loc[:, ["id", *SHOWN]]
        st.dataframe(
            shown,
            hide_index=True,
            width="stretch",
            column_order=list(SHOWN),
            key="collection_board",
            column_config={c: st.column_config.Column(t(key)) for c, key in SHOWN.items()},
        )
        st.caption(t("collection.department_help"))
