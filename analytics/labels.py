"""Every user-facing string, in Chinese and English, looked up by key.

Pages, the command line and error messages never hold UI text of their own: they call
``text(key, lang, **values)``. Keep keys grouped by where they are used. An English count picks its
word by the count's value: "{n} {n|indicator|indicators}" reads "1 indicator", "2 indicators".
"""

from __future__ import annotations

import re

LANGUAGES = ("zh", "en")

TEXTS: dict[str, tuple[str, str]] = {
    # --- statuses -------------------------------------------------------------------
    "status.achieved": ("已达标", "Achieved"),
    "status.not_achieved": ("未达标", "Not achieved"),
    "status.on_track": ("进度正常", "On track"),
    "status.at_risk": ("存在风险", "At risk"),
    "status.off_track": ("进度滞后", "Off track"),
    "status.insufficient_data": ("数据不足", "Insufficient data"),
    "status.qualitative": ("定性指标", "Qualitative"),
    "status.must_hold": ("已达标，需保持至{year}年", "Met; must hold through {year}"),
    # --- indicator kinds and comparisons -----------------------------------------
    "kind.cumulative": ("累计", "Cumulative"),
    "kind.new_in_period": ("期内新增", "New in period"),
    "kind.level": ("水平值", "Level"),
    "kind.qualitative": ("定性", "Qualitative"),
    "comparison.>=": ("不低于", "at least"),
    "comparison.>": ("大于", "more than"),
    "comparison.<=": ("不高于", "at most"),
    "comparison.<": ("低于", "less than"),
    # --- projection methods ---------------------------------------------------------
    "method.drift": ("带漂移随机游走", "Random walk with drift"),
    "method.drift_logit": ("带漂移随机游走（logit尺度）", "Random walk with drift (logit scale)"),
    "method.increments": ("年度增量（累计值不减）", "Yearly increments (never falls)"),
    "method.period_sum": ("年度新增之和", "Sum of yearly additions"),
    "method.maintain_frequency": ("保持频率", "Frequency the level held"),
    "method.indicative_two_points": ("两点示意外推", "Indicative, from two points"),
    "method.observed": ("已观测目标年", "Target year observed"),
    "method.none": ("无法估计", "Cannot estimate"),
    "method.qualitative": ("定性记录", "Qualitative record"),
    # --- domains ----------------------------------------------------------------------
    "domain.product": ("产品质量", "Product quality"),
    "domain.service": ("服务质量", "Service quality"),
    "domain.engineering": ("工程质量", "Engineering quality"),
    "domain.environment": ("环境质量", "Environmental quality"),
    # --- assessment columns -------------------------------------------------------------
    "col.id": ("编号", "ID"),
    "col.plan": ("规划", "Plan"),
    "col.seq": ("序号", "No."),
    "col.name": ("指标", "Indicator"),
    "col.domain": ("领域", "Domain"),
    "col.unit": ("单位", "Unit"),
    "col.kind": ("类型", "Kind"),
    "col.comparison": ("比较", "Comparison"),
    "col.baseline_year": ("基期年", "Baseline year"),
    "col.baseline_value": ("基期值", "Baseline"),
    "col.target_year": ("目标年", "Target year"),
    "col.target_value": ("目标值", "Target"),
    "col.latest_year": ("最新年份", "Latest year"),
    "col.latest_value": ("最新值", "Latest"),
    "col.gap": ("差距", "Gap"),
    "col.progress": ("完成进度", "Progress"),
    "col.required_annual_change": ("每年需变化", "Required per year"),
    "col.actual_annual_change": ("实际年均变化", "Actual per year"),
    "col.projected_value": ("预测值", "Projected"),
    "col.projected_low": ("预测下限(80%)", "Projected low (80%)"),
    "col.projected_high": ("预测上限(80%)", "Projected high (80%)"),
    "col.probability": ("达标概率", "Probability"),
    "col.status": ("状态", "Status"),
    "col.method": ("方法", "Method"),
    "col.n_observations": ("观测数", "Observations"),
    # --- notices ----------------------------------------------------------------------
    "notice.illustrative": (
        "注意：部分数据为示意数据（2021-2024年），并非官方统计，仅用于演示。",
        "Note: some figures (2021-2024) are illustrative, not official statistics.",
    ),
    # --- data workflow (issue 5) -----------------------------------------------------------
    # problems of an uploaded file (analytics/ingest.py): "<where><what, and what to do>"
    "problem.at_row_column": ("第{row}行“{column}”列：", "Row {row}, column “{column}”: "),
    "problem.at_row": ("第{row}行：", "Row {row}: "),
    "problem.level_error": ("错误", "Error"),
    "problem.level_warning": ("警告", "Warning"),
    "problem.too_large": (
        "文件{value}有{size_mb} MB，超过{limit_mb} MB的上限；请删去无关的工作表或拆分后再上传",
        "File {value} is {size_mb} MB, over the {limit_mb} MB limit; remove unrelated sheets or split it, then upload again",
    ),
    "problem.empty_file": (
        "文件{value}是空的；请选择填好数据的文件",
        "File {value} is empty; choose the file with the figures",
    ),
    "problem.no_data_rows": (
        "文件只有表头，没有数据行；请在表头下填写数据",
        "The file has a header but no data rows; fill in the rows under the header",
    ),
    "problem.binary_file": (
        "文件{value}不是CSV或Excel（.xlsx）表格（可能是图片、压缩包或旧版.xls）；请在Excel中另存为.xlsx或CSV",
        "File {value} is not a CSV or Excel (.xlsx) table (an image, an archive or an old .xls?); save it from Excel as .xlsx or CSV",
    ),
    "problem.unreadable_encoding": (
        "无法识别文件{value}的编码（可接受UTF-8、带BOM的UTF-16、GBK/GB18030）；请在Excel中另存为“CSV UTF-8”或.xlsx",
        "Cannot read the text encoding of {value} (accepted: UTF-8, UTF-16 with a BOM, GBK/GB18030); save it from Excel as “CSV UTF-8” or .xlsx",
    ),
    "problem.not_a_table": (
        "无法从文件{value}读出表格（{reason}）；请另存为CSV或.xlsx",
        "Cannot read a table from {value} ({reason}); save it as CSV or .xlsx",
    ),
    "problem.unknown_sheet": (
        "没有名为“{value}”的工作表；现有工作表：{sheets}",
        "There is no sheet “{value}”; the sheets are: {sheets}",
    ),
    "problem.missing_column": (
        "缺少列“{value}”；请使用模板中的列名（长表：指标、年份、数值；宽表：指标或序号，以及2021年等年份列）",
        "missing column “{value}”; use the template's headers (long: indicator, year, value; wide: indicator or No., and year columns such as 2021)",
    ),
    "problem.unknown_indicator": (
        "未知指标“{value}”；最接近的指标：{suggestions}。请填写指标编号、序号或规划中的指标名称",
        "unknown indicator “{value}”; closest: {suggestions}. Use the indicator's id, its number or its name in the plan",
    ),
    "problem.unknown_indicator_no_match": (
        "未知指标“{value}”；规划{plan}中没有名称相近的指标。请填写指标编号、序号或规划中的指标名称",
        "unknown indicator “{value}”; no similar name in plan {plan}. Use the indicator's id, its number or its name in the plan",
    ),
    "problem.ambiguous_indicator": (
        "编号、序号与指标名称指向不同的指标（{value}）；请核对后改正其一",
        "the id, number and name point to different indicators ({value}); check them and correct one",
    ),
    "problem.bad_year": (
        "“{value}”不是年份；请填写四位年份，如2024",
        "“{value}” is not a year; write a four-digit year such as 2024",
    ),
    "problem.not_a_number": (
        "“{value}”不是数字；请只填写数值（可以带%或千位分隔符，如96.3%、1,234）",
        "“{value}” is not a number; write only the figure (a % sign or thousands separators are fine: 96.3%, 1,234)",
    ),
    "problem.year_out_of_range": (
        "年份{value}不在该指标的规划期{low}-{high}内；请检查年份",
        "year {value} is outside the indicator's plan period {low}-{high}; check the year",
    ),
    "problem.value_out_of_range": (
        "数值{value}超出该指标可能的范围{low}至{high}（百分比为0-100）；请检查数值和单位",
        "{value} is outside the indicator's possible range {low} to {high} (percentages are 0-100); check the figure and its unit",
    ),
    "problem.negative_count": (
        "计数不能为负数（{value}）；请检查数值",
        "a count cannot be negative ({value}); check the figure",
    ),
    "problem.conflicting_duplicate": (
        "与第{first_row}行是同一指标、同一年份，但数值不同（{first_value}和{value}）；请只保留正确的一行",
        "same indicator and year as row {first_row} but a different value ({first_value} and {value}); keep only the right one",
    ),
    "problem.repeated_row": (
        "与第{first_row}行完全相同（{value}），只导入一次",
        "identical to row {first_row} ({value}); it is imported once",
    ),
    "problem.ignored_column": (
        "无法识别列“{value}”，该列不会导入；如需导入，请把列名改为年份（如2024年）",
        "column “{value}” is not recognised and will not be imported; to import it, name it as a year (such as 2024)",
    ),
    "problem.cumulative_decrease": (
        "{year}年为{value}，低于{earlier_year}年的{earlier_value}；累计数和已建成的项目一般不会减少，请确认是否正确",
        "the figure for {year} is {value}, lower than {earlier_value} in {earlier_year}; a running total or a "
        "milestone once built rarely falls, confirm it is right",
    ),
    "problem.bad_choice": ("“{value}”不是可用的值；可用：{allowed}", "“{value}” is not allowed; use one of: {allowed}"),
    "problem.duplicate_id": (
        "编号“{value}”与第{first_row}行重复；每个指标的编号必须唯一",
        "id “{value}” repeats row {first_row}; every indicator needs its own id",
    ),
    "problem.id_in_use": (
        "编号“{value}”已被另一规划的指标使用；请换一个编号",
        "id “{value}” is already used by another plan's indicator; choose another id",
    ),
    "problem.missing_cell": ("此项不能为空", "this cell must not be blank"),
    "problem.target_before_baseline": (
        "目标年份{value}早于基期年份{baseline_year}；请检查两个年份",
        "target year {value} is before the baseline year {baseline_year}; check both years",
    ),
    "problem.bounds_reversed": (
        "最小值{value}大于最大值{high}；请对调或改正",
        "the minimum {value} is above the maximum {high}; swap or correct them",
    ),
    "problem.outside_bounds": (
        "{value}超出该指标可能的范围{low}至{high}（百分比为0-100）；请检查数值、单位和上下限",
        "{value} is outside the indicator's possible range {low} to {high} (percentages are 0-100); check the figure, the unit and the bounds",
    ),
    "problem.duplicate_seq": (
        "序号{value}与第{first_row}行重复；同一规划内每个指标的序号必须唯一",
        "number {value} repeats row {first_row}; every indicator of a plan needs its own number",
    ),
    # the /data page
    "data.title": ("数据管理", "Data"),
    "data.intro": (
        "上传各部门报送的年度数据（CSV或Excel，支持GBK编码）：先检查、预览将发生的变化，确认后提交为一个新版本；任何版本都可以查看、下载和恢复，数据不会被删除。",
        "Upload the yearly figures sent by departments (CSV or Excel, GBK too): check them, preview what would change, then commit them as a new revision. Any revision can be viewed, downloaded and restored; nothing is ever deleted.",
    ),
    "data.upload_header": ("上传数据", "Upload figures"),
    "data.formats": (
        "可接受：CSV（UTF-8、UTF-8 BOM、带BOM的UTF-16、GBK；逗号、分号或制表符分隔）和Excel .xlsx；长表（指标、年份、数值、备注）或宽表（每行一个指标，每个年份一列，如模板）；指标可用编号、序号或名称；数值可写96.3%、１,２３４。上限{limit_mb} MB。",
        "Accepted: CSV (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GBK; comma, semicolon or tab) and Excel .xlsx; long format (indicator, year, value, note) or wide (one row per indicator, one column per year, like the template); indicators by id, number or name; values like 96.3% or 1,234. Limit {limit_mb} MB.",
    ),
    "data.plan_used": (
        "序号和指标名称按侧栏所选规划识别：{name}（{plan}）；模板也是该规划的。如需导入其他规划的数据，请先在侧栏切换规划。",
        "Indicator numbers and names are read against the plan chosen in the sidebar: {name} ({plan}); the template is that plan's too. To load another plan's figures, switch the plan in the sidebar first.",
    ),
    "data.file": ("选择文件（CSV或Excel）", "Choose a file (CSV or Excel)"),
    "data.sheet": ("工作表", "Sheet"),
    "data.problems": (
        "发现{errors}个错误、{warnings}个警告",
        "{errors} {errors|error|errors} and {warnings} {warnings|warning|warnings} found",
    ),
    "data.fix_errors": (
        "请改正以上全部错误后重新上传；在此之前不会写入任何数据。",
        "Correct every error above and upload again; nothing is written until then.",
    ),
    "data.col_row": ("行", "Row"),
    "data.col_column": ("列", "Column"),
    "data.col_code": ("代码", "Code"),
    "data.col_level": ("级别", "Level"),
    "data.col_message": ("说明", "Message"),
    "data.preview": ("预览：提交后将发生的变化", "Preview: what a commit would change"),
    "data.counts": (
        "新增{new}行，修改{changed}行，不变{unchanged}行",
        "{new} new {new|row|rows}, {changed} changed, {unchanged} unchanged",
    ),
    "data.col_change": ("变化", "Change"),
    "data.col_old_value": ("原值", "Old value"),
    "data.col_value": ("新值", "New value"),
    "data.col_year": ("年份", "Year"),
    "data.col_note": ("备注", "Note"),
    "data.change.new": ("新增", "new"),
    "data.change.changed": ("修改", "changed"),
    "data.change.unchanged": ("不变", "unchanged"),
    "data.status_changes": ("状态将发生变化的指标", "Indicators whose status would change"),
    "data.no_status_change": ("没有指标的状态会发生变化。", "No indicator's status would change."),
    "data.col_before": ("提交前（{year}年）", "Before ({year})"),
    "data.col_after": ("提交后（{year}年）", "After ({year})"),
    "data.nothing_to_commit": (
        "文件中的数据与当前数据完全相同，无需提交。",
        "The file holds no change to the current data; there is nothing to commit.",
    ),
    "data.confirm_warnings": (
        "我已核对以上警告，确认数据无误",
        "I have checked the warnings above and the figures are right",
    ),
    "data.author": ("提交人", "Author"),
    "data.note": ("说明（如数据来源、报送部门）", "Note (such as the source or the department)"),
    "data.commit": ("提交为新版本", "Commit as a new revision"),
    "data.need_author": ("请填写提交人。", "Please give the author."),
    "data.need_confirm": ("请先勾选确认警告。", "Please confirm the warnings first."),
    "data.committed": (
        "已提交为版本{revision}：新增{new}行，修改{changed}行。各页面已显示新数据。",
        "Committed as revision {revision}: {new} new {new|row|rows}, {changed} changed. Every page now shows the new figures.",
    ),
    "data.history": ("版本历史", "Revision history"),
    "data.col_revision": ("版本", "Revision"),
    "data.col_created_at": ("时间（UTC）", "Time (UTC)"),
    "data.col_action": ("操作", "Action"),
    "data.col_author": ("提交人", "Author"),
    "data.col_note_text": ("说明", "Note"),
    "data.col_file_name": ("文件", "File"),
    "data.col_sha256": ("SHA-256", "SHA-256"),
    "data.col_rows_new": ("新增", "New"),
    "data.col_rows_changed": ("修改", "Changed"),
    "data.col_rows_unchanged": ("不变", "Unchanged"),
    "data.col_rows_removed": ("移除", "Removed"),
    "data.col_restored_from": ("恢复自", "Restored from"),
    "data.action.seed": ("初始数据", "seed"),
    "data.action.import": ("导入", "import"),
    "data.action.restore": ("恢复", "restore"),
    "data.action.catalog": ("指标目录", "catalog"),
    "data.pick_revision": ("选择版本", "Choose a revision"),
    "data.revision_rows": ("版本{revision}写入的行", "Rows written by revision {revision}"),
    "data.revision_state": (
        "版本{revision}时的全部数据（{rows}行），可下载",
        "All data as of revision {revision} ({rows} {rows|row|rows}), to download",
    ),
    "data.col_deleted": ("已移除", "Removed"),
    "data.restore": ("恢复到版本{revision}", "Restore revision {revision}"),
    "data.restore_help": (
        "恢复会创建一个新版本，使数据回到所选版本时的状态；原有版本都会保留。",
        "Restoring makes a new revision that brings the data back to the chosen revision; every revision is kept.",
    ),
    "data.restored": (
        "已恢复：新版本{revision}与版本{source}的数据相同。",
        "Restored: the new revision {revision} holds the data of revision {source}.",
    ),
    "data.template": ("下载填报模板", "Download the template"),
    "data.template_help": (
        "所选规划的全部指标，每个年份一列；填好后直接上传。",
        "Every indicator of the chosen plan with one column per year; fill it in and upload it as it is.",
    ),
    "data.template_csv": ("模板（CSV）", "Template (CSV)"),
    "data.template_excel": ("模板（Excel）", "Template (Excel)"),
    "data.error": ("未写入：{value}", "Nothing written: {value}"),
    "data.plan_header": ("添加规划（指标目录）", "Add a plan (its indicator catalog)"),
    "data.plan_help": (
        "上传一个规划的指标目录CSV（列与data/catalog_p14.csv相同，见data/README.md），如“十五五”规划；检查通过后作为一个新版本添加，可以恢复。",
        "Upload a plan's indicator catalog as CSV (the columns of data/catalog_p14.csv, see data/README.md), such as the 15th plan; once checked it is added as one revision, which a restore can undo.",
    ),
    "data.plan_file": ("指标目录文件（CSV）", "Catalog file (CSV)"),
    "data.plan_preview": (
        "检查通过：规划{plan}，{rows}个指标。",
        "Checked: plan {plan}, {rows} {rows|indicator|indicators}.",
    ),
    "data.plan_add": ("添加规划{plan}", "Add plan {plan}"),
    # the command line (analytics/cli.py)
    "cli.valid": (
        "{file}：按规划{plan}检查通过，{rows}行数据。",
        "{file}: valid against plan {plan}, {rows} {rows|row|rows}.",
    ),
    "cli.preview": (
        "新增{new}行，修改{changed}行，不变{unchanged}行。",
        "{new} new, {changed} changed, {unchanged} unchanged {unchanged|row|rows}.",
    ),
    "cli.status_change": (
        "状态变化：{seq}. {name}：{before} -> {after}",
        "Status change: {seq}. {name}: {before} -> {after}",
    ),
    "error.confirm_needed": (
        "有{value}个需要确认的警告；核对后加 --yes 重新运行，未写入任何数据",
        "Warnings to confirm: {value}; check them and run again with --yes. Nothing was written",
    ),
    "cli.committed": ("已按规划{plan}提交为版本{revision}。", "Committed against plan {plan} as revision {revision}."),
    "cli.restored": (
        "已恢复版本{source}，新版本{revision}。",
        "Restored revision {source} as the new revision {revision}.",
    ),
    "cli.plan_added": (
        "已添加规划{plan}（{rows}个指标），版本{revision}。",
        "Added plan {plan} ({rows} {rows|indicator|indicators}) as revision {revision}.",
    ),
    "error.xlsx_needs_output": ("xlsx格式需要 --output 文件名", "The xlsx format needs --output FILE"),
    "error.catalog_invalid": (
        "指标目录文件{value}有{count}个问题，未导入",
        "The catalog file {value} has {count} {count|problem|problems}; nothing was imported",
    ),
    "cli.written": ("已写入{file}", "Wrote {file}"),
    "error.stale_revision": (
        "预览之后数据已被他人更新（预览基于版本{value}，现在是版本{latest}），未写入任何数据；请查看新的预览后再提交",
        "The data changed after your preview (it was based on revision {value}, the latest is now {latest}); nothing was written. Review the new preview and commit again",
    ),
    "error.nothing_to_restore": (
        "当前数据已与版本{value}完全相同，无需恢复，未创建新版本",
        "The current data are already exactly those of revision {value}; there is nothing to restore and no revision was made",
    ),
    # (end of data workflow labels)
    # --- dashboards (issue 4) --------------------------------------------------------------
    "page.overview": ("总览", "Overview"),
    "page.product": ("产品质量", "Product quality"),
    "page.service": ("服务质量", "Service quality"),
    "page.engineering": ("工程质量", "Engineering quality"),
    "page.environment": ("环境质量", "Environmental quality"),
    "page.indicator": ("指标详情", "Indicator"),
    "page.scenarios": ("情景模拟", "What-if scenarios"),
    "page.review_13th": ("“十三五”回顾", "13th-plan review"),
    "page.data": ("数据管理", "Data"),
    "page.methodology": ("方法说明", "Methodology"),
    "sidebar.plan": ("规划", "Plan"),
    "sidebar.as_of": ("评估年份", "As of year"),
    "story.up": ("增加", "up"),
    "story.down": ("减少", "down"),
    "story.above": ("达到", "meeting"),
    "story.below": ("未达到", "short of"),
    "story.trend": (
        "近{n}年平均每年{direction}{actual}，",
        "Over the last {n} {n|year|years} it moved {direction} {actual} a year on average; ",
    ),
    "story.projection": (
        "按此速度{target_year}年预计为{projected}（80%区间{low}-{high}），{relation}目标{target}；达标概率约{p}；还需每年{required_direction}{required}。",
        "at this pace it reaches {projected} in {target_year} (80% range {low}-{high}), {relation} the target of {target}; "
        "probability of meeting it about {p}; it needs to move {required_direction} {required} a year.",
    ),
    "story.achieved": (
        "{latest_year}年为{latest}，已达到目标（{comparison}{target}）。",
        "{latest} in {latest_year}: the target ({comparison} {target}) is achieved.",
    ),
    "story.achieved_hold": (
        "{latest_year}年为{latest}，已达到目标（{comparison}{target}），需保持至{target_year}年。",
        "{latest} in {latest_year}: the target ({comparison} {target}) is met and must hold through {target_year}.",
    ),
    "story.not_achieved": (
        "{latest_year}年为{latest}，未达到目标（{comparison}{target}）。",
        "{latest} in {latest_year}: the target ({comparison} {target}) was not achieved.",
    ),
    "story.maintain": (
        "保持型目标：{latest_year}年为{latest}，低于应保持的{target}；按历年保持情况估计，保持概率约{p}。",
        "Maintain-type target: {latest} in {latest_year}, below the {target} to hold; from how often it held, the chance of holding is about {p}.",
    ),
    "story.indicative": (
        "只有{points}，仅作示意：按此变化{target_year}年约为{projected}，无法估计达标概率。",
        "Only {points}, so this is indicative: at that change it would be {projected} in {target_year}; no probability can be estimated.",
    ),
    "story.point_one": ("1个数据点", "one data point"),
    "story.points": ("{n}个数据点", "{n} data points"),
    "story.insufficient": ("数据不足，暂不能预测。", "Too little data to project yet."),
    "story.no_data": ("尚无数据。", "No data yet."),
    "story.qualitative": ("定性指标，按规划文本记录。", "A qualitative indicator, recorded as printed in the plan."),
    "chart.year": ("年份", "Year"),
    "chart.value": ("数值", "Value"),
    "chart.series": ("系列", "Series"),
    "chart.observed": ("实际值", "Observed"),
    "chart.baseline": ("基期水平", "Baseline"),
    "chart.required_path": ("达标所需路径", "Path to target"),
    "chart.projection": ("预测", "Projection"),
    "chart.target": ("目标", "Target"),
    "card.latest": ("{year}年实际", "Latest ({year})"),
    "card.target": ("{year}年目标", "Target {year}"),
    "card.details": ("查看详情与历史数据", "Details and history"),
    "card.previous_period": (
        "注：规划表中的2020年数据{value}为“十三五”期间的获奖总数，仅作参考；本指标统计2021年起的新增数。",
        "Note: the plan's 2020 figure, {value}, is the 13th period's total, for reference; this indicator counts awards added from 2021.",
    ),
    "domain.empty": ("本规划在该领域没有指标。", "This plan has no indicators in this domain."),
    "domain.theme": ("主题", "Theme"),
    "domain.theme_help": (
        "本领域指标较多，按主题分组，一次显示一组；选“全部”显示所有指标。所选主题保存在网址中，可直接分享。",
        "This domain has many indicators, grouped by theme and shown one group at a time; "
        "choose All to see every one. The theme chosen is kept in the link, so it can be shared.",
    ),
    "domain.theme_option": ("{name}（{count}）", "{name} ({count})"),
    "domain.all_themes": ("全部（{count}）", "All ({count})"),
    "domain.other_theme": ("其他", "Other"),
    "overview.title": ("海盐县质量发展“十四五”规划监测", "Haiyan quality development plan monitor"),
    "overview.time_elapsed": ("时间进度", "Time elapsed"),
    "overview.distance_covered": ("任务进度（平均完成进度）", "Distance covered (mean progress)"),
    "overview.ahead": (
        "截至{as_of}年，时间进度{elapsed}，任务进度{covered}：任务进度不低于时间进度（时间过半、任务过半）。",
        "By {as_of}, {elapsed} of the time has passed and {covered} of the distance is covered: progress keeps pace with time.",
    ),
    "overview.behind": (
        "截至{as_of}年，时间进度{elapsed}，任务进度{covered}：任务进度落后于时间进度。",
        "By {as_of}, {elapsed} of the time has passed but only {covered} of the distance is covered: progress lags behind time.",
    ),
    "overview.by_domain": ("各领域指标状态", "Status by domain"),
    "overview.all_indicators": ("全部指标", "All indicators"),
    "overview.pick_hint": (
        "点击表格左侧选择一行，查看该指标详情；点击列名排序。",
        "Select a row to open the indicator; click a column header to sort.",
    ),
    "col.latest": ("最新值（年份）", "Latest (year)"),
    "col.target": ("目标", "Target"),
    "col.projection": ("预测值（80%区间）", "Projected (80% range)"),
    "download.csv": ("下载CSV", "Download CSV"),
    "download.excel": ("下载Excel", "Download Excel"),
    "indicator.missing": ("请选择一个指标。", "Choose an indicator."),
    "indicator.unknown": (
        "找不到指标“{value}”，请从下面的列表中选择。",
        "There is no indicator “{value}”; choose one from the list below.",
    ),
    "indicator.pick": ("选择指标", "Indicator"),
    "indicator.other_plan": (
        "本指标属于{plan}，按其数据截至{as_of}年评估。",
        "This indicator belongs to {plan}; it is assessed with its data up to {as_of}.",
    ),
    "indicator.history": ("历年数据", "Observation history"),
    "indicator.history_caption": (
        "截至{as_of}年已存储的全部数据，含备注、来源与版本。",
        "Every stored figure up to {as_of}, with its note, source and revision.",
    ),
    "indicator.no_history": ("截至{as_of}年尚无已存储的数据。", "No figure stored up to {as_of}."),
    "indicator.revisions": ("写入这些数据的版本", "Revisions that wrote these figures"),
    "history.year": ("年份", "Year"),
    "history.value": ("数值", "Value"),
    "history.running_sum": ("期内累计", "Total in period"),
    "history.note": ("备注", "Note"),
    "history.source": ("来源", "Source"),
    "history.revision": ("版本", "Revision"),
    "history.illustrative": ("示意数据", "Illustrative"),
    "history.illustrative_mark": ("⚠️ 示意", "⚠️ illustrative"),
    "history.created_at": ("时间", "When"),
    "history.action": ("操作", "Action"),
    "history.author": ("提交人", "Author"),
    "history.revision_note": ("说明", "Note"),
    "history.file_name": ("文件", "File"),
    "history.years": ("写入年份", "Years written"),
    "history.action.seed": ("初始数据", "Seed"),
    "history.action.import": ("导入", "Import"),
    "history.action.restore": ("恢复", "Restore"),
    "history.action.catalog": ("指标目录", "Catalog"),
    "review.intro": (
        "“十三五”时期（2016-2020年）主要指标完成情况，按“十四五”规划所载“十三五”时期主要指标完成表。",
        "How the 13th plan (2016-2020) ended, from the table of 13th-plan results printed in the 14th plan.",
    ),
    "review.marks": (
        "注：{}内为五年新增数，<>内为五年平均数（规划原注）。",
        "Note: {} marks a figure new over the five years, <> a five-year average (the plan's own note).",
    ),
    "review.summary": (
        "{quantitative}项定量指标中{achieved}项达标（规划表列为“完成”{reported}项）；{qualitative}项定性指标按原文记录。",
        "{achieved} of {quantitative} quantitative {quantitative|indicator|indicators} achieved ({reported} printed as completed); {qualitative} qualitative recorded as printed.",
    ),
    "review.disagree": (
        "以下指标的计算结果与规划表不一致：{value}",
        "Computed and printed verdicts differ for: {value}",
    ),
    "review.missing": ("以下指标缺少结果数据：{value}", "No result stored for: {value}"),
    "review.empty": ("数据库中没有“十三五”规划的指标。", "The database holds no 13th-plan indicators."),
    "review.col.name": ("工作内容及指标", "Indicator"),
    "review.col.target": ("“十三五”指标目标", "Target"),
    "review.col.result": ("2020年数据（原文）", "2020 result (as printed)"),
    "review.col.value": ("结果数值", "Result value"),
    "review.col.achieved": ("是否达标（计算）", "Achieved (computed)"),
    "review.col.reported": ("完成指标情况（原文）", "Outcome (as printed)"),
    "review.col.note_type": ("数据口径", "Figure type"),
    "review.achieved.yes": ("✅ 达标", "✅ Achieved"),
    "review.achieved.no": ("❌ 未达标", "❌ Not achieved"),
    "review.achieved.qualitative": ("📝 定性记录", "📝 Qualitative record"),
    "review.achieved.missing": ("⚪ 无数据", "⚪ No result"),
    "review.reported.yes": ("✅ {value}", "✅ {value} (completed)"),
    "review.reported.no": ("❌ {value}", "❌ {value} (not completed)"),
    "review.reported.blank": ("—", "—"),
    "note_type.five_year_new": ("{}五年新增数", "{} new over five years"),
    "note_type.five_year_average": ("<>五年平均数", "<> five-year average"),
    "note_type.plain": ("2020年数值", "2020 value"),
    "methodology.missing": (
        "找不到方法说明文件（docs/methodology.md）。",
        "The methodology file (docs/methodology.md) is missing.",
    ),
    # (end of dashboard labels)
    # --- scenarios (issue 6) ----------------------------------------------------------------
    "scenario.intro": (
        "移动滑块，假设各指标按近期趋势的不同速度变化：预测、区间、达标概率和状态随之更新。情景只改变趋势（漂移），保留模型拟合的不确定性；累计数不会减少，百分比保持在0-100之间。",
        "Move the sliders to assume each indicator changes faster or slower than its recent trend: projections, intervals, "
        "probabilities and statuses follow. A scenario shifts the trend (drift) and keeps the fitted uncertainty; counts never fall "
        "and percentages stay within 0-100.",
    ),
    "scenario.active": (
        "当前显示情景模拟结果，不是基线评估：{summary}",
        "Showing a what-if scenario, not the baseline: {summary}",
    ),
    "scenario.edit": ("调整或清除情景", "Adjust or clear the scenario"),
    "scenario.controls": ("情景模拟", "What-if scenario"),
    "scenario.pace_global": ("整体推进速度（相对近期趋势）", "Overall pace (relative to the recent trend)"),
    "scenario.pace_domain": ("{domain}：推进速度", "{domain}: pace"),
    "scenario.pace_help": (
        "100% = 近期趋势；每高10个百分点，每年向目标多走规划年均步幅（基期到目标的距离除以规划年数）的10%，"
        "停滞的指标也会动起来；每低10个百分点则少走10%。某一领域单独设定的速度替代整体速度，二者不相乘。"
        "保持型目标和一次性建成的指标不受速度影响。",
        "100% = the recent trend; each 10 points above adds 10% of the plan's yearly step (the baseline-to-target "
        "distance over the plan's years) towards the target every year, so a stalled indicator moves too; each 10 "
        "points below takes 10% off. A domain's own pace replaces the overall pace; the two never multiply. "
        "Maintain-type targets and milestones are not affected by pace.",
    ),
    "scenario.pace_lower_better": (
        "其中{names}越低越好：速度越高，下降越快",
        "{names}: lower is better, so a higher pace means falling faster",
    ),
    "scenario.overrides": ("逐项假设每年变化", "Assume an annual change per indicator"),
    "scenario.override_label": (
        "{seq}. {name}（{unit}/年；近期趋势{trend}）",
        "{seq}. {name} ({unit} per year; recent trend {trend})",
    ),
    "scenario.override_label_lower": (
        "{seq}. {name}（{unit}/年，越低越好；近期趋势{trend}）",
        "{seq}. {name} ({unit} per year, lower is better; recent trend {trend})",
    ),
    "scenario.override_label_maintain": (
        "{seq}. {name}：保持水平每年变化（{unit}/年；近期趋势{trend}）",
        "{seq}. {name}: change of the level held ({unit} per year; recent trend {trend})",
    ),
    "scenario.override_help": (
        "留空 = 按近期趋势每年{trend}；填入数值则替代该趋势（优先于速度滑块）。",
        "Blank = the recent trend, {trend} a year; a number replaces that trend (and wins over the pace sliders).",
    ),
    "scenario.override_placeholder": ("近期趋势 {trend}", "recent trend {trend}"),
    "scenario.no_trend": ("无趋势", "no trend"),
    "scenario.reset": ("恢复基线（清除全部假设）", "Back to the baseline (clear every assumption)"),
    "scenario.comparison": ("基线与情景对比", "Baseline and scenario compared"),
    "scenario.changed_count": (
        "{n}项指标的状态因情景而改变。",
        "The scenario changes the status of {n} {n|indicator|indicators}.",
    ),
    "scenario.no_change": ("情景未改变任何指标的状态。", "The scenario changes no status."),
    "scenario.changed": ("⚠️ 状态改变", "⚠️ Status changed"),
    "scenario.same": ("— 不变", "— unchanged"),
    "scenario.what_it_takes": ("达标需要什么", "What it takes"),
    "scenario.what_it_takes_caption": (
        "每年需要的变化（单位同指标）：使预测值达到目标，以及使达标概率不低于75%（保留拟合的不确定性），与近期趋势对照。",
        "The change needed each year, in the indicator's unit: for the projection to meet the target, and for the probability "
        "of meeting it to reach 75% (with the fitted uncertainty kept), next to the recent trend.",
    ),
    "scenario.saved": ("保存的情景", "Saved scenarios"),
    "scenario.name": ("情景名称", "Scenario name"),
    "scenario.author": ("作者", "Author"),
    "scenario.replace": ("覆盖同名情景", "Replace a scenario of the same name"),
    "scenario.save": ("保存当前情景", "Save this scenario"),
    "scenario.saved_ok": ("已保存情景“{name}”。", "Saved scenario “{name}”."),
    "scenario.choose": ("选择已保存的情景", "Choose a saved scenario"),
    "scenario.load": ("载入", "Load"),
    "scenario.loaded_ok": ("已载入情景“{name}”。", "Loaded scenario “{name}”."),
    "scenario.delete": ("删除", "Delete"),
    "scenario.deleted_ok": ("已删除情景“{name}”。", "Deleted scenario “{name}”."),
    "scenario.none_saved": ("尚无保存的情景。", "No saved scenario yet."),
    "scenario.saved_by": ("{author}保存于{time}", "saved by {author} on {time}"),
    "scenario.download": ("下载情景评估结果", "Download the scenario assessment"),
    "scenario.summary_pace": ("整体速度{pace}", "overall pace {pace}"),
    "scenario.summary_domain": ("{domain}{pace}", "{domain} {pace}"),
    "scenario.summary_assume": ("{n}项逐项假设", "{n} indicator {n|assumption|assumptions}"),
    "scenario.source_pace": (
        "速度{factor}（近期趋势加减规划年均步幅）",
        "pace {factor} (recent trend ± the plan's yearly step)",
    ),
    "scenario.source_assumed": ("逐项假设", "own assumption"),
    "col.status_baseline": ("基线状态", "Baseline status"),
    "col.status_scenario": ("情景状态", "Scenario status"),
    "col.probability_baseline": ("基线达标概率", "Baseline probability"),
    "col.probability_scenario": ("情景达标概率", "Scenario probability"),
    "col.projected_baseline": ("基线预测值", "Baseline projection"),
    "col.projected_scenario": ("情景预测值", "Scenario projection"),
    "col.status_changed": ("状态变化", "Status change"),
    "col.annual_change_assumed": ("假设年变化", "Assumed per year"),
    "col.assumption": ("假设来源", "Assumption"),
    "col.trend": ("近期趋势（每年）", "Recent trend (per year)"),
    "col.to_meet": ("预测达标所需年变化", "Needed per year to meet"),
    "col.to_likely": ("概率≥75%所需年变化", "Needed per year for P ≥ 75%"),
    "error.scenario_invalid": (
        "情景参数无效：{value}（速度为0-2或0%-200%，年变化为数字）",
        "Invalid scenario value: {value} (a pace is 0-2 or 0%-200%, an annual change is a number)",
    ),
    "error.scenario_domain": (
        "未知领域：{value}（可选product、service、engineering、environment）",
        "Unknown domain: {value} (one of product, service, engineering, environment)",
    ),
    "error.scenario_indicator": ("未知指标：{value}", "Unknown indicator: {value}"),
    "error.scenario_unknown": ("没有名为“{value}”的情景", "There is no scenario named “{value}”"),
    "error.scenario_exists": (
        "情景“{value}”已存在（可选择覆盖）",
        "A scenario named “{value}” already exists (choose to replace it)",
    ),
    "error.scenario_name": ("情景名称需为1-100个字符", "A scenario name needs 1-100 characters"),
    # (end of scenario labels)
    # --- write access (analyst passcode) -------------------------------------------------
    "access.passcode": ("分析员口令", "Analyst passcode"),
    "access.open": (
        "未设置分析员口令（PLAN_ADMIN_PASSCODE）：任何能访问本应用的人都可以写入数据。",
        "No analyst passcode (PLAN_ADMIN_PASSCODE) is set: anyone who can reach this app can write data.",
    ),
    "access.refused": (
        "口令错误或尝试过于频繁，请{seconds}秒后再试。",
        "Wrong passcode or too many attempts; try again in {seconds} s.",
    ),
    # --- command line -----------------------------------------------------------------
    "cli.error": ("错误：{value}", "Error: {value}"),
    "cli.io_error": ("读写文件出错：{value}", "Could not read or write a file: {value}"),
    "error.unknown_plan": ("未知规划：{value}", "Unknown plan: {value}"),
    "error.file_not_found": ("找不到文件：{value}", "File not found: {value}"),
    "error.database": ("数据库错误：{value}", "Database error: {value}"),
    "error.unknown_revision": ("没有版本{value}", "There is no revision {value}"),
    "error.nothing_changed": (
        "文件中的数据与当前数据完全相同，未创建新版本",
        "The file holds no change to the current data; no revision was made",
    ),
    "error.plan_exists": (
        "规划{value}已存在；如需修改，请恢复到添加前的版本后重新导入",
        "Plan {value} already exists; to change it, restore the revision before it was added and import again",
    ),
    "error.as_of_out_of_range": ("评估年份{value}不在{low}-{high}之间", "As-of year {value} is outside {low}-{high}"),
    # --- accounts and roles (issue 17) ------------------------------------------------------
    "accounts.role.admin": ("管理员", "Admin"),
    "accounts.role.department_analyst": ("责任单位分析员", "Department analyst"),
    "accounts.role.viewer": ("只读用户", "Viewer"),
    "accounts.action.import_figures": ("导入数据", "import figures"),
    "accounts.action.restore": ("恢复版本", "restore a revision"),
    "accounts.action.add_plan": ("添加或修改规划", "add or change a plan"),
    "accounts.action.save_scenario": ("保存情景", "save a scenario"),
    "accounts.action.manage_accounts": ("管理账号", "manage accounts"),
    "accounts.action.read": ("查看", "read"),
    "accounts.decision.allowed": ("允许", "Allowed"),
    "accounts.decision.sign_in_required": ("请先登录", "Please sign in first"),
    "accounts.decision.disabled": ("账号{name}已停用", "Account {name} is disabled"),
    "accounts.decision.role_refused": ("{role}角色无权{action}", "The {role} role may not {action}"),
    "accounts.decision.no_department": (
        "账号{name}未指定责任单位，不能导入数据",
        "Account {name} has no department, so it cannot import figures",
    ),
    "accounts.decision.departments_unknown": (
        "无法确定文件中指标的责任单位，不能导入",
        "The departments responsible for the file's indicators are unknown",
    ),
    "accounts.decision.other_department": (
        "以下{count}项指标不属于{department}负责，不能导入：{indicators}",
        "{count} {count|indicator is|indicators are} not the responsibility of {department} and cannot be imported: {indicators}",
    ),
    "accounts.password.too_short": (
        "密码至少需要{minimum}个字符",
        "The password needs at least {minimum} {minimum|character|characters}",
    ),
    "accounts.password.all_digits": ("密码不能全是数字", "The password cannot be digits only"),
    "accounts.password.equals_name": ("密码不能与账号名相同", "The password cannot be the account name"),
    "accounts.error.exists": ("账号{value}已存在", "Account {value} already exists"),
    "accounts.error.unknown": ("没有账号{value}", "There is no account {value}"),
    "accounts.error.email_in_use": ("邮箱{value}已被其他账号使用", "E-mail {value} is used by another account"),
    "accounts.error.invalid_name": (
        "账号名“{value}”无效：只能使用文字、数字和 . _ - @，不含空格，最多64个字符",
        'Account name "{value}" is invalid: letters, digits and . _ - @ only, no spaces, at most 64 characters',
    ),
    "accounts.error.reserved_name": (
        "账号名{value}为旧版共享口令保留，请换一个",
        "The account name {value} is reserved for the old shared passcode",
    ),
    "accounts.error.department_required": (
        "责任单位分析员账号{value}必须指定责任单位",
        "Department analyst {value} needs a department",
    ),
    "accounts.error.no_credential": (
        "账号{value}需要密码或单点登录邮箱",
        "Account {value} needs a password or a single-sign-on e-mail",
    ),
    "accounts.error.password_rejected": ("密码不符合要求：{value}", "The password is not acceptable: {value}"),
    "accounts.error.last_admin": (
        "{value}是唯一启用的管理员，不能停用或降级；请先创建另一个管理员",
        "{value} is the only enabled admin and cannot be disabled or demoted; create another admin first",
    ),
    "accounts.error.invalid_setting": (
        "设置{value}应为 true 或 false，而不是“{given}”",
        'Setting {value} must be true or false, not "{given}"',
    ),
    "accounts.signin.ok": ("已登录", "Signed in"),
    "accounts.signin.legacy": (
        "已用共享口令（PLAN_ADMIN_PASSCODE）登录为管理员。该方式已弃用，创建管理员账号后将失效。",
        "Signed in as admin with the shared passcode (PLAN_ADMIN_PASSCODE). This is deprecated and stops working "
        "once an admin account exists.",
    ),
    "accounts.signin.throttled": ("尝试过于频繁，请{seconds}秒后再试", "Too many attempts; try again in {seconds} s"),
    "accounts.signin.wrong": (
        "账号名或密码错误，请{seconds}秒后再试",
        "Wrong account name or password; try again in {seconds} s",
    ),
    "accounts.signin.disabled": ("该账号已停用，请联系管理员", "This account is disabled; ask an admin"),
    # --- appended by issue 12 (the problem catalogue, the command line) ---------------------------
    "error.validation_failed": (
        "文件有{value}个问题，未写入任何数据",
        "The file has {value} {value|problem|problems}; nothing was written",
    ),
    "error.database_failed": ("{action}时数据库出错：{value}", "Database error while {action}: {value}"),
    "database.open": ("打开数据库", "opening the database"),
    "database.migrate": ("升级数据库结构", "upgrading the database's tables"),
    "database.write": ("写入数据", "writing"),
    "database.read_catalog": ("读取指标目录", "reading the catalog"),
    "database.read_observations": ("读取观测数据", "reading the observations"),
    "database.read_revisions": ("读取版本历史", "reading the revision history"),
    "database.read_scenarios": ("读取已保存的情景", "reading the saved scenarios"),
    # --- evaluation reports (issue 15): analytics/report/, pages/report.py ----------------------
    "report.page": ("评估报告", "Evaluation report"),
    "report.title.midterm": ("{plan}实施中期评估报告", "Mid-term evaluation report: {plan}"),
    "report.title.final": ("{plan}实施总结评估报告", "Final evaluation report: {plan}"),
    "report.title.brief": ("{plan}实施情况简报", "Briefing: {plan}"),
    "report.field.plan": ("规划", "Plan"),
    "report.field.as_of": ("数据截至", "Data up to"),
    "report.field.generated": ("生成日期", "Generated on"),
    "report.field.revision": ("数据版本", "Data revision"),
    "report.field.scenario": ("情景假设", "Scenario"),
    "report.value.as_of": ("{year}年", "{year}"),
    "report.value.revision": ("第{revision}版", "revision {revision}"),
    "report.value.baseline": ("无（基线评估）", "none (baseline assessment)"),
    "report.value.scenario": ("{name}（{summary}）", "{name} ({summary})"),
    "report.numerals": ("一,二,三,四,五,六,七,八,九,十,十一,十二", "1,2,3,4,5,6,7,8,9,10,11,12"),
    "report.heading": ("{n}、{title}", "{n}. {title}"),
    "report.section.overall": ("总体情况", "Overall progress"),
    "report.section.review": ("规划指标完成情况", "Results against the plan's targets"),
    "report.section.data": ("数据说明", "Data notes"),
    "report.section.appendix": ("附录：评估方法", "Appendix: method"),
    "report.section.attention": ("需要关注的指标", "Indicators needing attention"),
    "report.section.attention_brief": (
        "需要关注的指标（按达标可能性由低到高）",
        "Indicators needing attention (least likely first)",
    ),
    "report.section.by_domain": ("各领域指标状态", "Status by domain"),
    "report.headline.counts": (
        "{total}项主要指标中，{counts}。",
        "Of the {total} main {total|indicator|indicators}: {counts}.",
    ),
    "report.headline.count": ("{status}{n}项", "{status} {n}"),
    "report.headline.expected": (
        "按目前趋势，预计到{year}年可完成约{expected}项（八成把握在{low}～{high}项之间）。",
        "At the present trends about {expected} {expected|target is|targets are} expected to be met by {year} (80% likely between {low} and {high}).",
    ),
    "report.headline.expected_left_out": (
        "另有{n}项数据不足或为定性指标，无法估计达标可能性，未计入上述预计。",
        "{n} more cannot be estimated (too little data, or qualitative) and {n|is|are} not in that expectation.",
    ),
    "report.headline.nothing_estimable": (
        "目前尚无指标可以估计达标可能性（数据点不足），暂不预计完成项数。",
        "No indicator's likelihood can be estimated yet (too few points), so no number of targets met is expected yet.",
    ),
    "report.headline.scenario": (
        "以上预计按情景“{name}”（{summary}）测算，不同于基线评估。",
        "These expectations follow the scenario “{name}” ({summary}), not the baseline assessment.",
    ),
    "report.headline.review": (
        "规划目标年已过，各指标完成情况见“规划指标完成情况”一节。",
        "The plan's target year has passed: see the section on results.",
    ),
    "report.col.seq": ("序号", "No."),
    "report.col.name": ("指标", "Indicator"),
    "report.col.unit": ("单位", "Unit"),
    "report.col.baseline": ("基期值", "Baseline"),
    "report.col.target": ("目标值", "Target"),
    "report.col.latest": ("最新值（年份）", "Latest (year)"),
    "report.col.progress": ("完成进度", "Progress"),
    "report.col.status": ("状态", "Status"),
    "report.col.projected": ("{year}年预计", "Projected {year}"),
    "report.col.probability": ("达标可能性", "Likelihood"),
    "report.col.domain": ("领域", "Domain"),
    "report.col.total": ("合计", "Total"),
    "report.col.category": ("类别", "Category"),
    "report.col.plan_target": ("规划目标", "Target"),
    "report.col.result": ("{year}年完成值", "Result {year}"),
    "report.col.outcome": ("完成指标情况", "Outcome"),
    "report.col.printed_outcome": ("规划表所列", "As printed"),
    "report.latest": ("{value}（{year}年）", "{value} ({year})"),
    "report.range": ("{value}（{low}～{high}）", "{value} ({low}–{high})"),
    "report.none": ("—", "—"),
    "report.done": ("完成", "Achieved"),
    "report.not_done": ("未完成", "Not achieved"),
    "report.no_result": ("无数据", "No result"),
    "report.qualitative": ("定性指标，按原文记录", "Qualitative, as printed"),
    "report.attention.none": ("没有进度滞后或存在风险的指标。", "No indicator is off track or at risk."),
    "report.attention.item": ("{seq}. {name}（{status}）", "{seq}. {name} ({status})"),
    "report.attention.gap": (
        "{year}年为{latest}{unit}，目标为{target}{unit}，尚差{gap}{change_unit}，完成进度{progress}。",
        "{latest} {unit} in {year} against a target of {target} {unit}: {gap} {change_unit} to go, {progress} of the way.",
    ),
    "report.attention.change": (
        "实现目标需每年变化{required}{change_unit}，而近年实际年均变化{actual}{change_unit}。",
        "Reaching it needs {required} {change_unit} a year; the change achieved has averaged {actual} {change_unit} a year.",
    ),
    "report.attention.likely": (
        "按拟合的不确定性，要使达标可能性达到75%，需每年变化{to_likely}{change_unit}；目前达标可能性约{probability}，{target_year}年预计{projected}{unit}。",
        "With the fitted uncertainty, a 75% likelihood of meeting it needs {to_likely} {change_unit} a year; the likelihood "
        "now is about {probability}, and {projected} {unit} is projected for {target_year}.",
    ),
    "report.percentage_points": ("个百分点", "percentage points"),
    "report.attention.not_likely": (
        "数据点不足或目标为上限值，无法给出使达标可能性达到75%所需的变化；目前达标可能性约{probability}。",
        "Too few points, or a target at the upper bound, so the change for a 75% likelihood cannot be given; the likelihood now is about {probability}.",
    ),
    "report.figure": ("图{n}　{name}", "Figure {n}. {name}"),
    "report.figure_elsewhere": ("（图见Word或PDF版）", "(the chart is in the Word and PDF versions)"),
    "report.review.summary": (
        "{quantitative}项定量指标中，完成{achieved}项，未完成{not_achieved}项；{qualitative}项定性指标按原文记录。",
        "Of {quantitative} quantitative {quantitative|indicator|indicators}, {achieved} {achieved|was|were} achieved and {not_achieved} not; {qualitative} qualitative recorded as printed.",
    ),
    "report.data.sources": ("数据来源：{sources}。", "Sources: {sources}."),
    "report.data.no_sources": ("本规划尚无已存储的观测数据。", "No observation of this plan is stored yet."),
    "report.data.revision": (
        "本报告依据数据版本{revision}生成，评估截至{as_of}年；同一版本、评估年份、语言和情景生成的文字相同。",
        "This report is built from data revision {revision}, with figures up to {as_of}; the same revision, year, "
        "language and scenario give the same text.",
    ),
    "report.data.illustrative": (
        "注意：本报告所用的部分数据（2021-2024年）为示意数据，并非官方统计，仅用于演示；正式报送前须替换为官方数据。",
        "Note: some figures used here (2021-2024) are illustrative, not official statistics; replace them with the "
        "official figures before this report is filed.",
    ),
    "report.data.official": ("本报告未使用示意数据。", "No illustrative figure is used in this report."),
    "report.data.baseline": (
        "未应用情景假设：预测和状态均为基线评估。",
        "No scenario applied: projections and statuses are the baseline assessment.",
    ),
    "report.data.scenario": (
        "已应用情景“{name}”：{summary}。预测、达标可能性和状态按此假设计算，不同于基线评估。",
        "Scenario “{name}” applied: {summary}. Projections, likelihoods and statuses follow it, not the baseline assessment.",
    ),
    "report.method.kinds": (
        "指标分为累计值（只增不减）、期内新增（自规划期初起逐年新增之和）、水平值（比率、密度、指数）和定性指标。"
        "保持型目标（目标值等于基期值）要求水平不低于基期。",
        "Indicators are cumulative totals (never fall), new in period (the sum of yearly additions since the period began), "
        "levels (rates, densities, indices) or qualitative. A maintain-type target (target equal to the baseline) asks the "
        "level to hold.",
    ),
    "report.method.progress": (
        "完成进度为基期值到目标值的距离中已完成的比例；时间进度为规划期已过去的比例，任务进度为各指标完成进度（限0-100%）的平均。",
        "Progress is the share of the baseline-to-target distance covered; time elapsed is the share of the plan period gone by, "
        "distance covered the mean progress of the indicators (each capped to 0-100%).",
    ),
    "report.method.projection": (
        "预测采用带漂移的随机游走：按历年变化估计趋势及其不确定性，外推到目标年，给出80%区间；百分比在logit尺度上建模，保持在0-100之间，累计数不会减少。",
        "Projections use a random walk with drift: the yearly changes give the trend and its uncertainty, extended to the "
        "target year with an 80% interval; percentages are modelled on the logit scale and stay within 0-100, counts never fall.",
    ),
    "report.method.status": (
        "达标可能性为预测达到目标的概率。状态：已达标；达标可能性不低于75%为进度正常，25%-75%为存在风险，低于25%为进度滞后；数据点少于3个为数据不足。",
        "The likelihood is the probability that the projection meets the target. Status: achieved; on track at 75% or more, "
        "at risk from 25% to 75%, off track below 25%; fewer than three points is insufficient data.",
    ),
    "report.method.expected": (
        "预计完成项数为各指标达标可能性之和，其80%区间按各指标相互独立的泊松二项分布计算。",
        "The expected number of targets met is the sum of the likelihoods; its 80% range comes from the Poisson-binomial "
        "distribution, taking the indicators as independent.",
    ),
    "report.method.scenario": (
        "情景假设只改变趋势（漂移），保留拟合的不确定性。详细方法见仪表盘“方法说明”页。",
        "A scenario changes the trend (drift) only and keeps the fitted uncertainty. The dashboard's Methodology page gives "
        "the full method.",
    ),
    "report.ui.intro": (
        "按当前数据生成评估报告：完整报告（中期或总结评估）或一页简报，可下载Word、PDF或Markdown；数字与仪表盘相同。",
        "Build the evaluation report from the current data: the full report (mid-term or final) or a one-page brief, "
        "as Word, PDF or Markdown; the figures are the dashboard's.",
    ),
    "report.ui.kind": ("内容", "Content"),
    "report.ui.kind.full": ("完整报告", "Full report"),
    "report.ui.kind.brief": ("一页简报", "One-page brief"),
    "report.ui.scenario": ("情景", "Scenario"),
    "report.ui.no_scenario": ("基线（不用情景）", "Baseline (no scenario)"),
    "report.ui.preview": ("预览文字", "Preview the text"),
    "report.ui.lang": ("报告语言", "Report language"),
    "report.ui.download": ("下载{format}", "Download {format}"),
    "report.error.write": (
        "无法写入{value}：{reason}；未留下任何文件",
        "Cannot write {value}: {reason}; no file was left behind",
    ),
    # --- issue 13: models per kind, statuses, second opinions, the pace lever ---------------
    "status.met_at_risk": ("已达标但有回落风险", "Met, but at risk of slipping back"),
    "status.met_at_risk_help": (
        "目前已达标，但按其趋势到{year}年保持达标的概率不足85%",
        "Met today, but on its trend the chance of still meeting the target in {year} is below 85%",
    ),
    "status.forecast_note": (
        "{year}年数据尚未报送：以下为预测，不是结论",
        "The {year} figure is not in yet: this is a forecast, not a verdict",
    ),
    "story.met_at_risk": (
        "{latest_year}年为{latest}，已达到目标{target}；但按近期趋势，{target_year}年预计为{projected}"
        "（80%区间{low}-{high}），届时仍达标的概率约{p}。",
        "{latest} in {latest_year} meets the target of {target}; but on its recent trend it is projected at "
        "{projected} in {target_year} (80% range {low}-{high}), with about {p} chance of still meeting it.",
    ),
    "kind.milestone": ("一次性建成", "Milestone (built or not)"),
    "method.robust_drift": ("稳健趋势（Theil-Sen）随机游走", "Robust (Theil-Sen) trend, random walk"),
    "method.robust_drift_bounded": (
        "稳健趋势（Theil-Sen），在上下限处截断",
        "Robust (Theil-Sen) trend, censored at the bounds",
    ),
    "method.negative_binomial": (
        "年度新增的负二项预测（累计值不减）",
        "Negative binomial of yearly additions (never falls)",
    ),
    "method.milestone": ("建成与否（逐年完成概率）", "Built or not (a yearly chance of completion)"),
    "pace_category.met": ("已达标", "Target met"),
    "pace_category.on_pace": ("进展充分（实际速度≥所需的95%）", "On pace (actual >= 95% of the required pace)"),
    "pace_category.moderate": ("进展一般（所需速度的60%-95%）", "Moderate progress (60-95% of the required pace)"),
    "pace_category.insufficient": ("进展不足（所需速度的0-60%）", "Insufficient progress (0-60% of the required pace)"),
    "pace_category.moving_away": ("偏离目标", "Moving away from the target"),
    "pace_ratio": ("实际/所需年均变化", "Actual / required annual change"),
    "progress.unreliable": (
        "基期与目标相差很小（小于一年的正常波动），完成进度百分比意义不大",
        "Baseline and target are closer than one year's usual change: the progress percentage means little",
    ),
    "scenario.pace_sentence_faster": (
        "速度{pace}：每年在近期趋势之上，再向目标多走规划年均步幅（基期到目标的距离÷规划年数）的{extra}。",
        "Pace {pace}: each year the recent trend plus {extra} of the plan's yearly step (the baseline-to-target "
        "distance divided by the plan's years) towards the target.",
    ),
    "scenario.pace_sentence_slower": (
        "速度{pace}：每年比近期趋势少走规划年均步幅（基期到目标的距离÷规划年数）的{extra}。",
        "Pace {pace}: each year the recent trend minus {extra} of the plan's yearly step (the baseline-to-target "
        "distance divided by the plan's years).",
    ),
    "scenario.pace_sentence_trend": ("速度100%：按近期趋势。", "Pace 100%: the recent trend."),
    "scenario.pace_domain_rule": (
        "某一领域单独设定的速度替代整体速度，二者不相乘。",
        "A domain's own pace replaces the overall pace; the two never multiply.",
    ),
    "scenario.pace_rule": (
        "100% = 近期趋势；每高10个百分点，每年向目标多走规划年均步幅的10%（停滞的指标也会动起来）；"
        "每低10个百分点则少走10%。保持型目标和一次性建成的指标不受速度影响。",
        "100% = the recent trend; each 10 points above adds 10% of the plan's yearly step towards the target every "
        "year (a stalled indicator moves too), each 10 points below takes 10% off. Maintain-type targets and "
        "milestones are not affected by pace.",
    ),
    # --- accounts and the audit trail in the store, command line and pages (issue 17) ---
    "accounts.error.passwords_differ": ("两次输入的密码不一致", "The two passwords typed differ"),
    "accounts.cli.password": ("新密码", "New password"),
    "accounts.cli.password_again": ("再输入一次", "Type it again"),
    "accounts.cli.added": ("已创建账号{name}（{role}）", "Account {name} created ({role})"),
    "accounts.cli.none": ("还没有账号", "No account yet"),
    "accounts.cli.disabled": ("账号{name}已停用", "Account {name} disabled"),
    "accounts.cli.enabled": ("账号{name}已启用", "Account {name} enabled"),
    "accounts.cli.role_set": ("账号{name}的角色已改为{role}", "Account {name} now has the role {role}"),
    "accounts.cli.password_reset": ("账号{name}的密码已更新", "The password of {name} has been changed"),
    "accounts.ui.header": ("登录", "Sign in"),
    "accounts.ui.name": ("账号", "Account"),
    "accounts.ui.password": ("密码", "Password"),
    "accounts.ui.sign_in": ("登录", "Sign in"),
    "accounts.ui.sign_out": ("退出登录", "Sign out"),
    "accounts.ui.sso": ("用单位统一身份登录", "Sign in with the county's identity provider"),
    "accounts.ui.sso_unknown": (
        "统一身份已登录，但没有对应的已启用账号（需已验证的邮箱，且身份凭证签发给本系统）。请联系管理员。",
        "Signed in with the identity provider, but no enabled account has that (verified) e-mail,"
        " or the identity was issued to another application. Ask an admin.",
    ),
    "accounts.ui.signed_in": ("已登录：{name}（{role}）", "Signed in: {name} ({role})"),
    "accounts.ui.legacy_notice": (
        "正在使用已弃用的共享口令。请用命令行创建管理员账号：python -m analytics user add 名称 --role admin；"
        "之后共享口令将失效。",
        "The shared passcode is deprecated. Create an admin account on the command line (python -m analytics "
        "user add NAME --role admin); from then on the passcode opens nothing.",
    ),
    "accounts.ui.write_needs_sign_in": ("修改数据需要先登录。", "Sign in to make changes."),
    "accounts.ui.legacy_hint": (
        "尚无管理员账号：可暂用共享口令登录，账号填 passcode，密码填口令（已弃用）。",
        "No admin account yet: sign in with the shared passcode for now, account passcode, password the "
        "passcode (deprecated).",
    ),
    "accounts.ui.read_needs_sign_in": ("本系统要求登录后查看。", "This dashboard asks you to sign in to read it."),
    "accounts.ui.refused": ("不能执行：{value}", "Not allowed: {value}"),
    "accounts.page.title": ("账号管理", "Accounts"),
    "accounts.page.intro": (
        "管理员在此添加账号、修改角色、停用账号和重置密码；每项修改都记入审计记录（不可修改或删除）。",
        "Admins add accounts, change roles, disable accounts and reset passwords here; every change is kept in "
        "the audit trail, which cannot be changed or deleted.",
    ),
    "accounts.page.list": ("现有账号", "Accounts"),
    "accounts.page.add": ("添加账号", "Add an account"),
    "accounts.page.display_name": ("显示名称", "Display name"),
    "accounts.page.role": ("角色", "Role"),
    "accounts.page.department": ("责任单位（责任单位分析员必填）", "Department (required for a department analyst)"),
    "accounts.page.email": ("邮箱（统一身份登录用，可不填）", "E-mail (for single sign-on; optional)"),
    "accounts.page.new_password": ("初始密码", "First password"),
    "accounts.page.create": ("创建账号", "Create the account"),
    "accounts.page.created": ("已创建账号{name}", "Account {name} created"),
    "accounts.page.change": ("修改账号", "Change an account"),
    "accounts.page.pick": ("账号", "Account"),
    "accounts.page.disabled": ("停用", "Disabled"),
    "accounts.page.save": ("保存修改", "Save the changes"),
    "accounts.page.saved": ("账号{name}已更新", "Account {name} updated"),
    "accounts.page.reset": ("设置新密码", "Set the new password"),
    "accounts.page.reset_done": ("账号{name}的密码已更新", "The password of {name} has been changed"),
    "accounts.page.events": ("账号变更记录", "Changes to accounts"),
    "accounts.col.name": ("账号", "Account"),
    "accounts.col.display_name": ("显示名称", "Display name"),
    "accounts.col.role": ("角色", "Role"),
    "accounts.col.department": ("责任单位", "Department"),
    "accounts.col.email": ("邮箱", "E-mail"),
    "accounts.col.disabled": ("已停用", "Disabled"),
    "accounts.col.actor": ("操作人", "By"),
    "accounts.col.event": ("变更", "Change"),
    "accounts.col.detail": ("内容", "Detail"),
    "accounts.col.created_at": ("时间（北京时间）", "Time (Beijing time, 北京时间)"),
    "audit.col.id": ("版本", "Revision"),
    "audit.col.created_at": ("时间（北京时间）", "Time (Beijing time, 北京时间)"),
    "audit.col.who": ("操作人", "Who"),
    "audit.col.action": ("操作", "Action"),
    "audit.col.rows_new": ("新增行", "Rows added"),
    "audit.col.rows_changed": ("修改行", "Rows changed"),
    "audit.col.rows_removed": ("删除行", "Rows removed"),
    "audit.col.note": ("说明", "Why (note)"),
    # --- issue 14: what needs attention and why, in the register of a government report -----------
    "say.trend": (
        "近{n}年平均每年{direction}{actual}；",
        "Over the last {n} {n|year|years} it moved {direction} {actual} a year on average; ",
    ),
    "say.projection": (
        "按此趋势，{target_year}年预计为{projected}（有八成把握在{low}～{high}之间），{relation}目标{target}，"
        "达标的可能性{p}。",
        "at this pace it is expected at {projected} in {target_year} (80% likely between {low} and {high}), "
        "{relation} the target of {target}; the chance of meeting it is {p}.",
    ),
    "say.projection_no_band": (
        "按此趋势，{target_year}年预计为{projected}，{relation}目标{target}。",
        "at this pace it is expected at {projected} in {target_year}, {relation} the target of {target}.",
    ),
    "say.p_about": ("约{p}", "about {p}"),
    "say.p_under": ("不足1%", "under 1%"),
    "say.p_over": ("超过99%", "over 99%"),
    "say.about": ("{value}左右", "about {value}"),
    "say.need_years": (
        "距目标还差{gap}，今后每年需{direction}{required}。",
        " It is {gap} short: it needs to move {direction} {required} a year.",
    ),
    "say.need_last_year": (
        "距目标还差{gap}，需在{target_year}年内补齐。",
        " It is {gap} short, all of it to be made up in {target_year}.",
    ),
    "say.achieved_hold": (
        "{latest_year}年为{latest}，已达到目标（{comparison}{target}），需保持至{target_year}年；保持达标的可能性{p}。",
        "{latest} in {latest_year}: the target ({comparison} {target}) is met and must hold through {target_year}; "
        "the chance of staying met is {p}.",
    ),
    "say.met_at_risk": (
        "{latest_year}年为{latest}，已达到目标（{comparison}{target}）；但按近期趋势，{target_year}年预计为{projected}"
        "（有八成把握在{low}～{high}之间），保持达标的可能性{p}。",
        "{latest} in {latest_year} meets the target ({comparison} {target}); but on its recent trend it is expected at "
        "{projected} in {target_year} (80% likely between {low} and {high}); the chance of staying met is {p}.",
    ),
    "say.met_at_risk_held": (
        "{latest_year}年为{latest}，已达到目标（{comparison}{target}）；但按历年保持情况估计，{target_year}年保持达标的"
        "可能性{p}。",
        "{latest} in {latest_year} meets the target ({comparison} {target}); but from how often it held, the chance "
        "of staying met in {target_year} is {p}.",
    ),
    "say.maintain": (
        "保持型目标：{latest_year}年为{latest}，低于应保持的{target}；按历年保持情况估计，恢复达标的可能性{p}。",
        "Maintain-type target: {latest} in {latest_year}, below the {target} to hold; from how often it held, the "
        "chance of meeting it again is {p}.",
    ),
    "say.indicative": (
        "只有{points}，仅作示意：按此变化{target_year}年约为{projected}，无法估计达标的可能性。",
        "Only {points}, so this is indicative: at that change it would be {projected} in {target_year}; "
        "no probability can be estimated.",
    ),
    "summary.lead": (
        "截至{as_of}年，{total}项指标中{parts}；时间进度{elapsed}，任务进度{covered}。",
        "As of {as_of}, of the {total} {total|indicator|indicators} {parts}; {elapsed} of the time has elapsed and {covered} "
        "of the distance is covered.",
    ),
    "summary.part": ("{status}{n}项", "{n} {status}"),
    "summary.qualitative": (
        "另有定性指标{n}项。",
        " Qualitative indicators, recorded as printed and not assessed: {n}.",
    ),
    "summary.domain": (
        "{domain}：{total}项指标中{parts}。",
        "{domain}: of {total} {total|indicator|indicators} {parts}.",
    ),
    "summary.domain_attention": (
        "{domain}：{total}项指标中{parts}；需关注{n}项，首要为{names}。",
        "{domain}: of {total} {total|indicator|indicators} {parts}; {n} {n|needs|need} attention, first {names}.",
    ),
    "summary.status.achieved": ("已达标", "achieved"),
    "summary.status.met_at_risk": ("已达标但有回落风险", "met but at risk of slipping back"),
    "summary.status.on_track": ("进度正常", "on track"),
    "summary.status.at_risk": ("存在风险", "at risk"),
    "summary.status.off_track": ("进度滞后", "off track"),
    "summary.status.not_achieved": ("未达标", "not achieved"),
    "summary.status.insufficient_data": ("数据不足", "with too little data"),
    "attention.title": ("需关注指标", "Indicators needing attention"),
    "attention.none": ("目前没有进度滞后或存在风险的指标。", "No indicator is off track or at risk."),
    "attention.entry": (
        "{icon} **[{seq}. {name}]({link})**　{status}：{latest_year}年{latest}，目标{target}，差距{gap}；"
        "{need}，实际年均{actual_direction}{actual} {arrow}；{pace}；{progress}；达标可能性{p}。",
        "{icon} **[{seq}. {name}]({link})**  {status}: {latest} in {latest_year} against {target}, gap {gap}; "
        "{need}, achieved {actual_direction} {actual} a year {arrow}; {pace}; {progress}; "
        "chance of meeting it {p}.",
    ),
    "attention.entry_met": (
        "{icon} **[{seq}. {name}]({link})**　{status}：{latest_year}年{latest}，目标{target}，已达标 {arrow}；"
        "保持达标的可能性{p}。",
        "{icon} **[{seq}. {name}]({link})**  {status}: {latest} in {latest_year} against {target}, met {arrow}; "
        "chance of staying met {p}.",
    ),
    "attention.pace": ("实际/所需年均变化{ratio}，{category}", "actual / required annual change {ratio}: {category}"),
    "attention.progress": ("完成进度{progress}", "progress {progress}"),
    "table.progress_indicative": ("{progress}（仅供参考）", "{progress} (indicative)"),
    "attention.progress_capped": (
        "完成进度{progress}（原始值{raw}，按±100%截取）",
        "progress {progress} (raw {raw}, capped at ±100%)",
    ),
    "attention.progress_unreliable": (
        "完成进度{progress}（基期与目标相差很小，仅供参考）",
        "progress {progress} (baseline and target are too close for it to mean much)",
    ),
    "attention.pace_category_only": ("{category}", "{category}"),
    "attention.need_years": ("年均需{direction}{required}", "needs {direction} {required} a year"),
    "attention.need_last_year": ("{year}年内需{direction}{required}", "needs {direction} {required} in {year}"),
    "attention.no_pace": ("实际/所需年均变化暂无", "actual / required annual change not available"),
    "provisional.note": (
        "{year}年数据尚未报送，以下为预判",
        "The {year} figures are not in yet: what follows is a forecast",
    ),
    "overview.plan_title": ("{plan}实施监测", "{plan}: monitoring"),
    "overview.domains": ("各领域概况", "By domain"),
    "indicator.second_opinion": ("第二意见", "Second opinion"),
    "indicator.pace_line": (
        "实际/所需年均变化：{ratio}，{category}。",
        "Actual / required annual change: {ratio}, {category}.",
    ),
    "indicator.progress_line": ("完成进度：{progress}。", "Progress: {progress}."),
    "indicator.progress_capped": (
        "完成进度：{progress}（原始值{raw}，按±100%截取）。",
        "Progress: {progress} (raw {raw}, capped at ±100%).",
    ),
    "indicator.opened_first": (
        "未指定指标，已打开首个需关注的指标；可从下面的列表中另选。",
        "No indicator was named: the first one needing attention is open; choose another from the list below.",
    ),
    "chart.band": ("80%预测区间", "80% projection band"),
    # --- issue 16: the final review of an ended plan, data collection, the next plan ------------
    "final.provisional": (
        "{year}年数据尚未报送，以下为预判",
        "The {year} figures are not all in yet: what follows is a forecast",
    ),
    "col.verdict_note": ("说明", "Note"),
    "page.results": ("规划实施结果", "Plan results"),
    "results.title": ("{plan}实施结果", "{plan}: results"),
    "results.plan": ("规划", "Plan"),
    "results.intro": (
        "各项指标按{year}年数据与目标比较，判定完成或未完成；由数据计算，可直接用于印发的完成情况表。",
        "Each indicator's {year} figure against its target decides achieved or not; computed from the data, "
        "ready for the printed table of results.",
    ),
    "results.none": (
        "尚无规划有目标年数据；目标年数据报送后，此处显示该规划的实施结果。",
        "No plan has figures for its target year yet; once they are in, the plan's results are shown here.",
    ),
    "results.summary": (
        "{quantitative}项定量指标：{achieved}项完成，{not_achieved}项未完成，{missing}项尚无{year}年数据。",
        "{quantitative} quantitative {quantitative|indicator|indicators}: {achieved} achieved, {not_achieved} not achieved, {missing} "
        "without a {year} figure yet.",
    ),
    "results.done": ("✅ 完成", "✅ Achieved"),
    "results.not_done": ("❌ 未完成", "❌ Not achieved"),
    "results.no_figure": ("⚪ 尚无{year}年数据", "⚪ No {year} figure yet"),
    "results.col.seq": ("序号", "No."),
    "results.col.category": ("类别", "Category"),
    "results.col.name": ("指标", "Indicator"),
    "results.col.unit": ("单位", "Unit"),
    "results.col.baseline": ("基期值", "Baseline"),
    "results.col.target": ("目标值", "Target"),
    "results.col.result": ("目标年实际", "Target-year result"),
    "results.col.outcome": ("完成情况", "Outcome"),
    "collection.summary": (
        "{year}年数据报送：{expected}项指标中已报送{reported}项，缺{missing}项（更新时间为北京时间）",
        "{year} figures: {reported} of {expected} {expected|indicator|indicators} reported, {missing} missing (times are Beijing time)",
    ),
    "collection.header": ("数据报送情况", "Data collection"),
    "collection.year": ("报送年份", "Year collected"),
    "collection.yes": ("✅ 已报送", "✅ Reported"),
    "collection.no": ("⚪ 缺", "⚪ Missing"),
    "collection.only_missing": ("只看缺报指标", "Missing only"),
    "collection.department_help": (
        "责任单位按规划“保障措施”的责任分解填写（指标目录中的“责任单位”一栏）；规划未列明的留空。",
        "The unit answerable, as the plan's chapter on safeguards asks responsibilities to be assigned (the "
        "catalog's department column); blank where the plan names none.",
    ),
    "col.department": ("责任单位", "Department"),
    "col.reported": ("报送", "Reported"),
    "col.value": ("数值", "Value"),
    "col.changed_at": ("最近修改（北京时间）", "Last changed (Beijing time)"),
    "problem.continues_unknown": (
        "所延续的指标“{value}”在其他规划中不存在；请填写上一规划中该指标的编号（如p14-03），或留空",
        "the indicator it continues, “{value}”, is in no other plan; give the previous plan's id (e.g. p14-03) "
        "or leave it blank",
    ),
    "problem.continues_unit_differs": (
        "单位“{value}”与所延续指标{previous}的单位“{previous_unit}”不同；延续的指标须口径、单位一致",
        "unit “{value}” differs from “{previous_unit}” of {previous}, the indicator it continues; a continued "
        "indicator keeps its definition and unit",
    ),
    "draft.verdict.met": ("已达到", "Already met"),
    "draft.verdict.easy": ("较易", "Within reach"),
    "draft.verdict.effort": ("需加力", "Needs more effort"),
    "draft.verdict.very_hard": ("难度很大", "Very hard"),
    "draft.verdict.unknown": ("无法判断", "Cannot tell"),
    "draft.verdict.qualitative": ("定性指标", "Qualitative"),
    "draft.nothing_added": ("（检查不写入数据库）", "(a check adds nothing to the database)"),
    "col.required_change": ("所需年均变化", "Yearly change needed"),
    "col.recent_annual_change": ("近五年年均变化", "Yearly change, last five years"),
    "col.verdict": ("可行性", "Realism"),
    "col.problems": ("问题", "Problems"),
    "page.plans": ("编制新规划", "Draft the next plan"),
    "draft.intro": (
        "从上一规划的指标起草新规划：以最新数据为新基期值，在表中修改目标值，可行性一栏随之更新；"
        "检查无误后下载目录CSV，或作为新规划添加。检查本身不写入数据库。",
        "Draft the next plan from the previous plan's indicators, with the latest figures as the new baselines: "
        "edit the targets in the grid and the realism column follows; download the catalog CSV, or add it as a "
        "new plan. Checking writes nothing.",
    ),
    "draft.previous": ("上一规划", "Previous plan"),
    "draft.plan_id": ("新规划编号", "New plan id"),
    "draft.name_zh": ("新规划名称（中文）", "New plan name (Chinese)"),
    "draft.name_en": ("新规划名称（英文）", "New plan name (English)"),
    "draft.target_year": ("目标年份", "Target year"),
    "draft.grid": (
        "指标与目标（可编辑目标值、责任单位）",
        "Indicators and targets (targets and departments can be edited)",
    ),
    "draft.check": ("可行性检查", "Realism check"),
    "draft.thresholds": (
        "可行性：基期值已满足目标为“已达到”；有三个以上数据点时，按所延续指标的趋势到目标年达标概率≥75%为“较易”、"
        "25%-75%为“需加力”、<25%为“难度很大”；数据点不足时，比较所需年均变化与近五年年均变化：不超过1倍为“较易”，"
        "不超过2倍为“需加力”，更多或方向相反为“难度很大”。",
        "Realism: “already met” when the baseline meets the target; with three or more points, the chance of "
        "reaching it at the trend of the indicator it continues: >= 75% within reach, 25-75% needs more effort, "
        "< 25% very hard; with fewer, the yearly change needed against the last five years': up to 1x within "
        "reach, up to 2x needs more effort, more (or the other way) very hard.",
    ),
    "draft.problems": (
        "草案有{count}个问题，修改后才能添加：",
        "The draft has {count} {count|problem|problems} to fix before it can be added:",
    ),
    "draft.ok": ("检查通过：{rows}个指标，无问题。", "Checked: {rows} {rows|indicator|indicators}, no problem."),
    "draft.download": ("下载目录CSV", "Download the catalog CSV"),
    "draft.add": ("添加为新规划{plan}", "Add as new plan {plan}"),
    "draft.none": ("数据库中没有可作为起点的规划。", "The database holds no plan to start from."),
    "draft.upload": (
        "或上传已编辑的目录文件（CSV或Excel，列同下载的目录）",
        "Or upload an edited catalog file (CSV or Excel, the columns of the download)",
    ),
    "continuity.header": ("跨规划历史", "History across plans"),
    "continuity.caption": (
        "同一口径、同一单位的指标在各期规划中的数据（{first}-{last}年）；两期交界之年取后一期规划的数值。",
        "The same indicator, same definition and unit, through the plans ({first}-{last}); a year two plans share "
        "shows the later plan's figure.",
    ),
    "col.continues": ("延续指标", "Continues"),
    "col.name_en": ("英文名称", "English name"),
    "indicator.department": ("责任单位：{value}", "Department answerable: {value}"),
    # --- the dashboard's shell (issue 14): Chinese-only texts, Beijing time, downloads -----------
    "shell.choose": ("请选择", "Choose"),
    "shell.saved_by": ("{author}保存于{time}（北京时间）", "saved by {author} on {time} (Beijing time)"),
    "shell.col_created_at": ("时间（北京时间）", "Time (Beijing time)"),
    "shell.system_author": ("系统", "system"),
    "shell.seed_note": ("随应用提供的初始数据", "Initial data shipped with the app"),
    "shell.file_how": (
        "点击下方框内的上传按钮选择文件，或把文件拖进框内。",
        "Click the button in the box below to choose a file, or drag the file into the box.",
    ),
    "shell.plan_help": (
        "上传一个规划的指标目录CSV（列与现有规划的指标目录相同，可先下载模板对照），如“十五五”规划；"
        "检查通过后作为一个新版本添加，可以恢复。",
        "Upload a plan's indicator catalog as CSV (the columns of an existing plan's catalog), such as the 15th "
        "plan; once checked it is added as one revision, which a restore can undo.",
    ),
    "shell.scenario_admin": ("保存或删除情景", "Save or delete scenarios"),
    "shell.scenario_in_force": ("将保存当前情景：{summary}", "Saving the scenario in force: {summary}"),
    "shell.scenario_baseline": (
        "当前未设置情景（基线）；请先在“情景模拟”页设置，再回到此处保存。",
        "No scenario is set (baseline); set one on the What-if page, then save it here.",
    ),
    "shell.scenario_where_saved": (
        "情景的保存与删除在“数据管理”页。",
        "Scenarios are saved and deleted on the Data page.",
    ),
    "shell.export_title": (
        "{plan}·评估年份{as_of}年·数据版本{revision}",
        "{plan} · as of {as_of} · data revision {revision}",
    ),
    "shell.export_illustrative": (
        "含示意数据（非官方统计，仅用于演示）",
        "Contains illustrative figures (not official statistics)",
    ),
    "shell.export_exported": ("导出时间：{time}（北京时间）", "Exported {time} (Beijing time)"),
    "shell.export_sheet": ("数据", "data"),
    "shell.percent_header": ("{label}（%）", "{label} (%)"),
    "shell.export_assessment": ("指标评估表", "Indicator assessment"),
    "shell.export_scenario": ("情景评估表", "Scenario assessment"),
    "shell.comparison_card": (
        "{before} → {after}（达标概率 {p_before} → {p_after}）",
        "{before} → {after} (probability {p_before} → {p_after})",
    ),
    "shell.what_it_takes_target": ("（目标{target}{unit}）", " (target {target} {unit})"),
    "shell.what_it_takes_card": (
        "最新值 {latest} · 近期趋势 {trend}/年 · 预测达标需 {to_meet}/年",
        "latest {latest} · recent trend {trend}/yr · needed to meet {to_meet}/yr",
    ),
    # issue 17: hardening the write path
    "problem.too_many_rows": (
        "文件{value}超过{limit}行的上限；请拆分后分批上传，或用命令行导入",
        "File {value} has more than {limit} {limit|row|rows}, the limit; split it into parts, or import it from the command line",
    ),
    "problem.too_many_columns": (
        "文件{value}超过{limit}列的上限；请删去无关的列",
        "File {value} has more than {limit} {limit|column|columns}, the limit; remove unrelated columns",
    ),
    "problem.formula_without_value": (
        "单元格{value}是公式（{formula}），但文件中没有保存计算结果；请在Excel中打开并保存后再上传，或改为填写数值",
        "cell {value} holds a formula ({formula}) but no saved result; open and save the file in Excel, then upload it, "
        "or write the figure itself",
    ),
    "problem.header_on_other_sheet": (
        "工作表“{value}”中没有表头，数据在工作表“{sheet}”中；请选择该工作表（命令行：--sheet {sheet}）",
        "sheet “{value}” has no table header; the data are on sheet “{sheet}”: choose that sheet (command line: --sheet {sheet})",
    ),
    "problem.blank_indicator": (
        "该行有数值但没有指标（合并单元格只在第一行保存内容）；请在每一行填写指标或序号",
        "the row has figures but no indicator (a merged cell keeps its text in its first row only); "
        "name the indicator or its number on every row",
    ),
    "problem.ambiguous_number": (
        "“{value}”中的逗号可能是小数点，也可能是千位分隔符；请写成不带千位分隔符的数字，小数点用“.”（如1234或1.234）",
        "the comma in “{value}” may be a decimal comma or a thousands separator; write the number without thousands "
        "separators and with a decimal point (such as 1234 or 1.234)",
    ),
    "problem.extreme_number": (
        "“{value}”太大或太小，无法保存；请检查数值",
        "“{value}” is too large or too small to store; check the figure",
    ),
    "problem.percent_not_allowed": (
        "该指标的单位是“{unit}”，不是%，数值不能带%（{value}）；请只填写数值",
        "the indicator's unit is “{unit}”, not %, so the figure cannot carry a % sign ({value}); write the number only",
    ),
    "problem.implausible_value": (
        "数值{value}超过基期值和目标值中较大者（{reference}）的100倍（{ceiling}）；请确认单位和数值是否正确",
        "{value} is over 100 times the larger of the baseline and target ({reference}), above {ceiling}; "
        "confirm the figure and its unit",
    ),
    "problem.not_a_whole_number": (
        "“{value}”不是1到9999之间的整数；序号应为1、2、3等整数",
        "“{value}” is not a whole number from 1 to 9999; numbers are 1, 2, 3 and so on",
    ),
    "problem.too_long": (
        "“{value}”有{length}个字符，超过{limit}个字符的上限；请缩短",
        "“{value}” is {length} {length|character|characters} long, over the limit of {limit}; shorten it",
    ),
    "error.field_too_long": (
        "{field}有{length}个字符，超过{limit}个字符的上限；未写入任何数据",
        "{field} is {length} {length|character|characters} long, over the limit of {limit}; nothing was written",
    ),
    "error.bad_database_url": (
        "无法使用数据库地址“{value}”（{reason}）；请使用 sqlite:///文件路径 或 postgresql+psycopg://用户@主机/数据库",
        "Cannot use the database URL “{value}” ({reason}); use sqlite:///path/to/file or postgresql+psycopg://user@host/db",
    ),
    "problem.more": (
        "……另有{count}个问题未列出（--format json 列出全部）",
        "... and {count} more {count|problem|problems} (--format json lists them all)",
    ),
    "database.reason.empty": ("地址为空", "the URL is empty"),
    "database.reason.not_a_url": ("不是数据库地址", "it is not a database URL"),
    "database.reason.unsupported": ("只支持SQLite和PostgreSQL", "only SQLite and PostgreSQL are supported"),
    "database.reason.driver": ("未安装驱动{driver}", "the driver {driver} is not installed"),
    "field.author": ("作者", "The author"),
    "field.file_name": ("文件名", "The file name"),
    "field.note": ("备注", "The note"),
    "field.indicator_id": ("指标编号", "An indicator id"),
    "card.figure": ("{label}：{value}", "{label}: {value}"),
    "card.separator": ("；", " · "),
    # --- file uploaders in the page's language (issue 14): Streamlit draws its own in English ---------------
    "uploader.button": ("选择文件", "Choose a file"),
    "uploader.drop": (
        "把{types}文件拖进下方框内，或点击框内的“选择文件”；每个文件不超过{limit_mb} MB。",
        "Drag a {types} file into the box below, or click “Choose a file” in it; up to {limit_mb} MB a file.",
    ),
    "uploader.types_separator": ("或", " or "),
    "uploader.drop_here": ("松开即可放入此文件", "Drop the file here"),
}


# "{n|indicator|indicators}" in an English text: the first word when the value n is 1, else the second.
PLURAL = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")


def is_one(value: object) -> bool:
    """Whether a count reads as one ("1 indicator", "1 year"): 1, 1.0, "1", "+1" or "-1"."""
    return str(value).strip().lstrip("+-\u2212") in ("1", "1.0")


def text(key: str, lang: str = "zh", **values: object) -> str:
    """The string for ``key`` in ``lang`` ("zh" or "en"), formatted with ``values``;
    ``{n|indicator|indicators}`` picks the singular or plural word by the value ``n``."""
    zh, en = TEXTS[key]
    template = en if lang == "en" else zh
    if not values:
        return template
    if "|" in template:
        template = PLURAL.sub(lambda m: m[2] if is_one(values[m[1]]) else m[3], template)
    return template.format(**values)


def both(key: str, **values: object) -> str:
    """Chinese and English together, for messages read by either audience (CLI errors)."""
    return f"{text(key, 'zh', **values)} / {text(key, 'en', **values)}"
