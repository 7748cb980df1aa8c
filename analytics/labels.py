"""Every user-facing string, in Chinese and English, looked up by key.

Pages, the command line and error messages never hold UI text of their own: they call
``text(key, lang, **values)``. Keep keys grouped by where they are used.
"""
from __future__ import annotations

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
    # --- ingest problems (row and column are the file's, 1-based, header = row 1) ---------
    "ingest.too_large": ("文件{value}超过{limit_mb} MB上限", "File {value} is over the {limit_mb} MB limit"),
    "ingest.empty_file": ("文件{value}是空的", "File {value} is empty"),
    "ingest.binary_file": ("文件{value}不是表格文件（CSV或Excel）", "File {value} is not a table (CSV or Excel)"),
    "ingest.unreadable_encoding": (
        "无法识别文件{value}的编码，请另存为UTF-8或GBK编码的CSV",
        "Cannot read the encoding of {value}; save it as CSV in UTF-8 or GBK",
    ),
    "ingest.not_a_table": ("无法读取表格：{value}", "Cannot read a table from {value}"),
    "ingest.missing_column": ("缺少列：{value}", "Missing column: {value}"),
    "ingest.unknown_indicator": (
        "第{row}行“{column}”列：未知指标“{value}”", "Row {row}, column “{column}”: unknown indicator “{value}”"
    ),
    "ingest.bad_year": ("第{row}行“{column}”列：年份“{value}”无效", "Row {row}, column “{column}”: “{value}” is not a year"),
    "ingest.not_a_number": (
        "第{row}行“{column}”列：“{value}”不是数字", "Row {row}, column “{column}”: “{value}” is not a number"
    ),
    "ingest.year_out_of_range": (
        "第{row}行“{column}”列：年份{value}不在规划期{low}-{high}内",
        "Row {row}, column “{column}”: year {value} is outside the plan's {low}-{high}",
    ),
    # --- data workflow (issue 5) -----------------------------------------------------------
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
    "story.trend": ("近{n}年平均每年{direction}{actual}，", "Over the last {n} years it moved {direction} {actual} a year on average; "),
    "story.projection": (
        "按此速度{target_year}年预计为{projected}（80%区间{low}-{high}），{relation}目标{target}；达标概率约{p}；还需每年{required_direction}{required}。",
        "at this pace it reaches {projected} in {target_year} (80% range {low}-{high}), {relation} the target of {target}; "
        "probability of meeting it about {p}; it needs to move {required_direction} {required} a year.",
    ),
    "story.achieved": ("{latest_year}年为{latest}，已达到目标（{comparison}{target}）。", "{latest} in {latest_year}: the target ({comparison} {target}) is achieved."),
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
        "只有两个数据点，仅作示意：按此变化{target_year}年约为{projected}，无法估计达标概率。",
        "Only two data points, so this is indicative: at that change it would be {projected} in {target_year}; no probability can be estimated.",
    ),
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
    "overview.pick_hint": ("点击表格左侧选择一行，查看该指标详情；点击列名排序。", "Select a row to open the indicator; click a column header to sort."),
    "col.latest": ("最新值（年份）", "Latest (year)"),
    "col.target": ("目标", "Target"),
    "col.projection": ("预测值（80%区间）", "Projected (80% range)"),
    "download.csv": ("下载CSV", "Download CSV"),
    "download.excel": ("下载Excel", "Download Excel"),
    # (end of dashboard labels)
    # --- scenarios (issue 6) ----------------------------------------------------------------
    # (end of scenario labels)
    # --- write access (analyst passcode) -------------------------------------------------
    "access.passcode": ("分析员口令", "Analyst passcode"),
    "access.open": (
        "未设置分析员口令（PLAN_ADMIN_PASSCODE）：任何能访问本应用的人都可以写入数据。",
        "No analyst passcode (PLAN_ADMIN_PASSCODE) is set: anyone who can reach this app can write data.",
    ),
    "access.refused": (
        "口令错误或尝试过于频繁，请{seconds}秒后再试。", "Wrong passcode or too many attempts; try again in {seconds} s.",
    ),
    # --- command line -----------------------------------------------------------------
    "cli.error": ("错误：{value}", "Error: {value}"),
    "cli.io_error": ("读写文件出错：{value}", "Could not read or write a file: {value}"),
    "error.unknown_plan": ("未知规划：{value}", "Unknown plan: {value}"),
    "error.file_not_found": ("找不到文件：{value}", "File not found: {value}"),
    "error.database": ("数据库错误：{value}", "Database error: {value}"),
    "error.unknown_revision": ("没有版本{value}", "There is no revision {value}"),
    "error.nothing_changed": (
        "文件中的数据与当前数据完全相同，未创建新版本", "The file holds no change to the current data; no revision was made"
    ),
    "error.plan_exists": (
        "规划{value}已存在；如需修改，请恢复到添加前的版本后重新导入",
        "Plan {value} already exists; to change it, restore the revision before it was added and import again",
    ),
    "error.as_of_out_of_range": (
        "评估年份{value}不在{low}-{high}之间", "As-of year {value} is outside {low}-{high}"
    ),
}


def text(key: str, lang: str = "zh", **values: object) -> str:
    """The string for ``key`` in ``lang`` ("zh" or "en"), formatted with ``values``."""
    zh, en = TEXTS[key]
    template = en if lang == "en" else zh
    return template.format(**values) if values else template


def both(key: str, **values: object) -> str:
    """Chinese and English together, for messages read by either audience (CLI errors)."""
    return f"{text(key, 'zh', **values)} / {text(key, 'en', **values)}"
