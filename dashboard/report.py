"""The /report page: the same choices as ``python -m analytics report``, a preview of the text, and downloads.

The content comes from ``analytics.report``; a Word or PDF file is built only when its button is clicked.
"""

from __future__ import annotations

import streamlit as st

from analytics.report import ReportRequest, build, render
from analytics.report.markdown import to_text
from analytics.report.publish import generation_date
from analytics.report.render import FORMATS, MEDIA_TYPES
from analytics.scenario import Scenario, from_json
from dashboard import data, state, widgets

FORMAT_NAMES = {"docx": "Word", "pdf": "PDF", "md": "Markdown"}
LANGUAGES = {"zh": "中文", "en": "English"}


@st.cache_data(show_spinner=False, max_entries=32)
def report_for(revision: int, request: ReportRequest, scenario_json: str):
    scenario = from_json(scenario_json) if scenario_json else Scenario()
    return build(data.catalog(revision), data.observations(revision), request, revision=revision, scenario=scenario)


def render_page() -> None:
    t = state.t
    revision, plan, as_of = state.data_revision(), state.selected_plan(), state.selected_as_of()
    st.title(t("report.page"))
    st.caption(t("report.ui.intro"))
    widgets.illustrative_notice(plan, as_of)

    left, middle, right = st.columns(3)
    lang = (
        left.segmented_control(
            t("report.ui.lang"), list(LANGUAGES), default=state.lang(), format_func=LANGUAGES.get, key="report_lang"
        )
        or state.lang()
    )
    brief = middle.segmented_control(
        t("report.ui.kind"),
        [False, True],
        default=False,
        key="report_brief",
        format_func=lambda b: t("report.ui.kind.brief" if b else "report.ui.kind.full"),
    )
    saved = data.store().scenarios()
    names = [""] + list(saved["name"])
    chosen = right.selectbox(
        t("report.ui.scenario"),
        names,
        key="report_scenario",
        placeholder=t("shell.choose"),
        format_func=lambda n: n or t("report.ui.no_scenario"),
    )
    scenario_json = dict(zip(saved["name"], saved["assumptions"], strict=True)).get(chosen, "")

    request = ReportRequest(
        plan=plan, as_of=as_of, lang=lang, brief=bool(brief), scenario_name=chosen, generated=generation_date()
    )
    report = report_for(revision, request, scenario_json)

    stem = f"report_{plan}_{as_of}_{lang}{'_brief' if brief else ''}"
    for column, fmt in zip(st.columns(len(FORMATS)), FORMATS, strict=True):
        column.download_button(
            t("report.ui.download", format=FORMAT_NAMES[fmt]),
            lambda fmt=fmt: render(report, fmt),
            f"{stem}.{fmt}",
            MEDIA_TYPES[fmt],
            key=f"report_download_{fmt}",
        )

    st.subheader(t("report.ui.preview"))
    with st.container(border=True):
        st.markdown(to_text(report))
