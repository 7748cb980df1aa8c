"""Evaluation report: the same choices as ``python -m analytics report``, a preview of the text, and downloads.

The content comes from ``analytics.report``; a Word or PDF file is built only when its button is clicked.
"""
import streamlit as st

import ui
from analytics.report import ReportRequest, build, render
from analytics.report.command import generation_date
from analytics.report.markdown import to_text
from analytics.report.render import FORMATS, MEDIA_TYPES
from analytics.scenario import Scenario, from_json

FORMAT_NAMES = {"docx": "Word", "pdf": "PDF", "md": "Markdown"}


@st.cache_data(show_spinner=False, max_entries=32)
def report_for(revision: int, request: ReportRequest, scenario_json: str):
    scenario = from_json(scenario_json) if scenario_json else Scenario()
    return build(ui.catalog(revision), ui.observations(revision), request, revision=revision, scenario=scenario)


revision, plan, as_of = ui.data_revision(), ui.selected_plan(), ui.selected_as_of()
st.title(ui.t("report.page"))
st.caption(ui.t("report.ui.intro"))
ui.illustrative_notice(plan, as_of)

left, middle, right = st.columns(3)
languages = {"zh": "中文", "en": "English"}
lang = left.segmented_control(ui.t("report.ui.lang"), list(languages), default=ui.lang(), format_func=languages.get,
                              key="report_lang") or ui.lang()
brief = middle.segmented_control(ui.t("report.ui.kind"), [False, True], default=False, key="report_brief",
                                 format_func=lambda b: ui.t("report.ui.kind.brief" if b else "report.ui.kind.full"))
saved = ui.store().scenarios()
names = [""] + list(saved["name"])
chosen = right.selectbox(ui.t("report.ui.scenario"), names, key="report_scenario",
                         format_func=lambda n: n or ui.t("report.ui.no_scenario"))
scenario_json = dict(zip(saved["name"], saved["assumptions"])).get(chosen, "")

request = ReportRequest(plan=plan, as_of=as_of, lang=lang, brief=bool(brief), scenario_name=chosen,
                        generated=generation_date())
report = report_for(revision, request, scenario_json)

stem = f"report_{plan}_{as_of}_{lang}{'_brief' if brief else ''}"
for column, fmt in zip(st.columns(len(FORMATS)), FORMATS):
    column.download_button(ui.t("report.ui.download", format=FORMAT_NAMES[fmt]), lambda fmt=fmt: render(report, fmt),
                           f"{stem}.{fmt}", MEDIA_TYPES[fmt], key=f"report_download_{fmt}")

st.subheader(ui.t("report.ui.preview"))
with st.container(border=True):
    st.markdown(to_text(report))
