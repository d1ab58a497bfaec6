"""What each sheet of the workbook holds, in one place: export, template, notes and import
all read these specs, so a column cannot mean one thing on the way out and another on
the way back in.

A row is a dict `field → value` in one canonical form on both sides: text `str` ("" when
blank), `int`, `date`, amounts as integer fen, decimals and percents as `Decimal`, enums as
their stored code, flags as `bool`; `None` for a blank optional cell.
"""

from __future__ import annotations

from dataclasses import dataclass

# Column kinds.
TEXT = "text"
INT = "int"
DATE = "date"
AMOUNT = "amount"  # 万元 by default; a header may say 元
PERCENT = "percent"  # 45 or 45%
DECIMAL = "decimal"
ENUM = "enum"
BOOL = "bool"
REF = "ref"  # a name or code looked up in a reference table (zones)

#: Refuse sheets with more data rows than this (checked before the cells are read).
MAX_ROWS = 200_000
#: At most this many problems are listed; the count says how many more there were.
MAX_PROBLEMS = 50

UNIT_WAN = ("万元", "10k CNY")
UNIT_YUAN = ("元", "CNY")

Choice = tuple[str, str, str]  # (code, 中文, English)

PROJECT_STATUS: tuple[Choice, ...] = (
    ("planned", "计划中", "Planned"),
    ("active", "实施中", "Active"),
    ("completed", "已完成", "Completed"),
    ("suspended", "已暂停", "Suspended"),
)
MILESTONE_STATUS: tuple[Choice, ...] = (
    ("not_started", "未开始", "Not started"),
    ("in_progress", "进行中", "In progress"),
    ("done", "已完成", "Done"),
    ("cancelled", "已取消", "Cancelled"),
)
TAPER_MODE: tuple[Choice, ...] = (
    ("linear", "线性递减", "Linear"),
    ("geometric", "比例递减", "Geometric"),
    ("manual", "手工逐年", "Manual"),
)
DISBURSEMENT_KIND: tuple[Choice, ...] = (
    ("startup", "启动建设经费", "Start-up grant"),
    ("fixed", "固定扶持经费", "Fixed support"),
    ("reward", "绩效奖励", "Performance reward"),
)
DIRECTION: tuple[Choice, ...] = (
    ("higher", "越高越好", "Higher is better"),
    ("lower", "越低越好", "Lower is better"),
    ("qualitative", "定性", "Qualitative"),
)
GRADE: tuple[Choice, ...] = (
    ("A", "优", "Excellent"),
    ("B", "良", "Good"),
    ("C", "中", "Fair"),
    ("D", "差", "Poor"),
)
ACTION: tuple[Choice, ...] = (
    ("insert", "新增", "Added"),
    ("update", "修改", "Changed"),
    ("delete", "删除", "Deleted"),
)


@dataclass(frozen=True)
class Column:
    field: str
    zh: str
    en: str
    kind: str = TEXT
    required: bool = False
    choices: tuple[Choice, ...] = ()
    places: int = 4  # decimals kept for DECIMAL / PERCENT
    width: int = 14
    export_only: bool = False  # written for reading, ignored on import
    may_be_absent: bool = False  # a column added later: workbooks made before it still import
    note_zh: str = ""
    note_en: str = ""

    def unit(self, lang: str) -> str:
        if self.kind == AMOUNT:
            return UNIT_WAN[0] if lang == "zh" else UNIT_WAN[1]
        if self.kind == PERCENT:
            return "%"
        return ""

    def header(self, lang: str) -> str:
        name = self.zh if lang == "zh" else self.en
        unit = self.unit(lang)
        if not unit:
            return name
        return f"{name}（{unit}）" if lang == "zh" else f"{name} ({unit})"

    def choice_name(self, code: str | None, lang: str) -> str:
        for c, zh, en in self.choices:
            if c == code:
                return zh if lang == "zh" else en
        return code or ""


@dataclass(frozen=True)
class Sheet:
    name: str  # stable id, also the CSV `--table` name
    zh: str
    en: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    importable: bool = True
    #: May be left out of an imported workbook (sheets added after files were sent out).
    optional: bool = False

    def title(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def column(self, field: str) -> Column:
        return next(c for c in self.columns if c.field == field)

    @property
    def import_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if not c.export_only)

    @property
    def import_columns_by_field(self) -> dict[str, Column]:
        return {c.field: c for c in self.import_columns}


def _pno(width: int = 10) -> Column:
    return Column("project_no", "项目编号", "Project no.", INT, True, width=width)


def _notes(field: str = "notes") -> Column:
    return Column(field, "备注", "Notes", width=30)


PROJECTS = Sheet(
    "projects",
    "项目",
    "Projects",
    (
        Column("no", "项目编号", "Project no.", INT, True, width=10),
        Column("name_zh", "项目名称", "Name (Chinese)", required=True, width=36),
        Column("name_en", "英文名称", "Name (English)", width=36),
        Column("status", "状态", "Status", ENUM, True, PROJECT_STATUS, width=10),
        Column(
            "zone",
            "片区",
            "Zone",
            REF,
            width=16,
            note_zh="片区名称或代码",
            note_en="zone name or code",
        ),
        Column("lead_org", "承担单位", "Lead organisation", width=28),
        Column("start_date", "开始日期", "Start date", DATE, width=12),
        Column("end_date", "结束日期", "End date", DATE, width=12),
        Column("summary_zh", "项目简介", "Summary", width=40),
        _notes(),
    ),
    key=("no",),
)

MILESTONES = Sheet(
    "milestones",
    "里程碑",
    "Milestones",
    (
        _pno(),
        Column("code", "里程碑编号", "Milestone code", required=True, width=12),
        Column("title", "标题", "Title", required=True, width=30),
        Column("deliverable", "交付成果", "Deliverable", width=24),
        Column("owner", "负责人", "Owner", width=10),
        Column("planned_start", "计划开始", "Planned start", DATE, width=12),
        Column("planned_end", "计划完成", "Planned end", DATE, True, width=12),
        Column(
            "baseline_start",
            "基准开始",
            "Baseline start",
            DATE,
            width=12,
            export_only=True,
            note_zh="只读,导入时忽略",
            note_en="read only, ignored on import",
        ),
        Column(
            "baseline_end",
            "基准完成",
            "Baseline end",
            DATE,
            width=12,
            export_only=True,
            note_zh="只读,导入时忽略",
            note_en="read only, ignored on import",
        ),
        Column("actual_start", "实际开始", "Actual start", DATE, width=12),
        Column("actual_end", "实际完成", "Actual end", DATE, width=12),
        Column("percent_complete", "完成进度", "Complete", PERCENT, places=0, width=10),
        Column("status", "状态", "Status", ENUM, True, MILESTONE_STATUS, width=10),
        Column("cancel_reason", "取消原因", "Cancel reason", width=20),
        _notes(),
        Column("sort_order", "排序", "Order", INT, width=8),
    ),
    key=("project_no", "code"),
)

FUNDING_PLANS = Sheet(
    "funding_plans",
    "经费计划",
    "Funding plans",
    (
        _pno(),
        Column("startup_grant", "启动建设经费", "Start-up grant", AMOUNT, width=16),
        Column("startup_year", "启动经费年度", "Start-up year", INT, width=12),
        Column("taper_mode", "退坡方式", "Taper mode", ENUM, True, TAPER_MODE, width=12),
        Column("first_year", "固定扶持首年", "First year", INT, True, width=12),
        Column("years", "扶持年数", "Years", INT, True, width=10),
        Column("first_amount", "首年固定扶持", "First-year amount", AMOUNT, width=16),
        Column("step", "每年递减额", "Yearly step", AMOUNT, width=14),
        Column("rate", "每年递减比例", "Yearly rate", PERCENT, places=4, width=14),
        Column("floor", "保底额", "Floor", AMOUNT, width=12),
        _notes(),
    ),
    key=("project_no",),
)

FUNDING_YEARS = Sheet(
    "funding_years",
    "年度经费",
    "Funding years",
    (
        _pno(),
        Column("year", "年度", "Year", INT, True, width=8),
        Column(
            "manual_fixed",
            "手工固定扶持",
            "Manual fixed support",
            AMOUNT,
            width=18,
            note_zh="仅手工逐年方式填写",
            note_en="manual taper mode only",
        ),
        Column("reward_cap", "绩效奖励上限", "Reward cap", AMOUNT, width=16),
    ),
    key=("project_no", "year"),
)

SCHEDULE = Sheet(
    "schedule",
    "经费测算",
    "Computed schedule",
    (
        _pno(),
        Column("name_zh", "项目名称", "Project", width=30),
        Column("year", "年度", "Year", INT, width=8),
        Column("startup", "启动建设经费", "Start-up grant", AMOUNT, width=16),
        Column("fixed", "固定扶持", "Fixed support", AMOUNT, width=14),
        Column("reward_cap", "奖励上限", "Reward cap", AMOUNT, width=14),
        Column("grade", "评价等级", "Grade", ENUM, choices=GRADE, width=10),
        Column("earned_reward", "应得奖励", "Reward earned", AMOUNT, width=14),
        Column("planned_total", "计划合计", "Planned total", AMOUNT, width=14),
        Column("disbursed", "已拨付", "Disbursed", AMOUNT, width=14),
        Column("warnings", "提示", "Warnings", width=40),
    ),
    importable=False,
)

DISBURSEMENTS = Sheet(
    "disbursements",
    "拨付",
    "Disbursements",
    (
        Column(
            "id",
            "拨付编号",
            "Payment id",
            INT,
            width=10,
            note_zh="导出时由系统填写;新增拨付留空。修改金额或日期时保留编号",
            note_en="filled in by the export; blank for a new payment. Keep it when "
            "correcting an amount or a date",
        ),
        _pno(),
        Column("paid_on", "拨付日期", "Paid on", DATE, True, width=12),
        Column("amount", "金额", "Amount", AMOUNT, True, width=14),
        Column("kind", "类别", "Kind", ENUM, True, DISBURSEMENT_KIND, width=14),
        Column(
            "for_year",
            "计划年度",
            "For plan year",
            INT,
            width=10,
            may_be_absent=True,
            note_zh="该笔拨付计入哪一年度的计划;留空按规则:奖励计入上一年度,"
            "其余计入拨付当年。预拨填所属年度。",
            note_en="The plan year this payment settles; blank = the rule (a reward: the year "
            "before it is paid; otherwise the year paid). An advance names its later year.",
        ),
        Column("doc_no", "文号", "Document no.", width=20),
        _notes("note"),
    ),
    # A payment's own id: correcting its amount or date changes the payment, never adds
    # a second one. A row without an id is matched on NATURAL_KEYS (a hand-made workbook).
    key=("id",),
)

#: For sheets keyed by an id: the values that identify a row without one (a hand-made
#: workbook, or one from another database imported with `--foreign`). A payment is its
#: project, date, kind and plan year; its amount, 文号 and note are what a correction
#: changes, so they are not part of it (io/threeway.py `_match_natural` breaks ties).
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "disbursements": ("project_no", "paid_on", "kind", "for_year"),
}

INDICATORS = Sheet(
    "indicators",
    "绩效指标",
    "Indicators",
    (
        _pno(),
        Column("year", "年度", "Year", INT, True, width=8),
        Column("code", "指标编号", "Indicator code", required=True, width=12),
        Column("name", "指标名称", "Indicator", required=True, width=30),
        Column("unit", "单位", "Unit", width=10),
        Column(
            "weight",
            "权重",
            "Weight",
            DECIMAL,
            True,
            width=8,
            note_zh="同一项目同一年度合计须为 100",
            note_en="a project-year sums to 100",
        ),
        Column("target", "目标值", "Target", DECIMAL, width=12),
        Column("direction", "方向", "Direction", ENUM, True, DIRECTION, width=12),
        Column("allow_negative", "允许负值", "Negative allowed", BOOL, width=10),
        Column("sort_order", "排序", "Order", INT, width=8),
    ),
    key=("project_no", "year", "code"),
)

ACTUALS = Sheet(
    "actuals",
    "指标完成值",
    "Indicator actuals",
    (
        _pno(),
        Column("year", "年度", "Year", INT, True, width=8),
        Column("code", "指标编号", "Indicator code", required=True, width=12),
        Column("quarter", "季度", "Quarter", INT, True, width=8),
        Column("ytd_value", "年度累计值", "Year to date", DECIMAL, True, width=14),
        _notes("note"),
    ),
    key=("project_no", "year", "code", "quarter"),
)

EVALUATIONS = Sheet(
    "evaluations",
    "绩效评价",
    "Evaluations",
    (
        _pno(),
        Column("year", "年度", "Year", INT, True, width=8),
        Column("total", "总分", "Total", DECIMAL, True, places=1, width=8),
        Column("computed_grade", "计算等级", "Computed grade", ENUM, True, GRADE, width=10),
        Column("grade", "评定等级", "Grade", ENUM, True, GRADE, width=10),
        Column("override_reason", "调整理由", "Override reason", width=24),
        Column("evaluated_on", "评价日期", "Evaluated on", DATE, width=12),
        _notes(),
    ),
    key=("project_no", "year"),
)

DISTRICT_INDICATORS = Sheet(
    "district_indicators",
    "区级指标",
    "District indicators",
    (
        Column("no", "序号", "No.", INT, True, width=8),
        Column("name_zh", "指标名称", "Indicator (Chinese)", required=True, width=36),
        Column("name_en", "英文名称", "Indicator (English)", width=36),
        Column("unit", "单位", "Unit", width=10),
        Column("kind", "类型", "Kind", width=20),
    ),
    key=("no",),
)

DISTRICT_VALUES = Sheet(
    "district_values",
    "区级指标年度值",
    "District values",
    (
        Column("indicator_no", "指标序号", "Indicator no.", INT, True, width=10),
        Column("year", "年度", "Year", INT, True, width=8),
        Column("value", "数值", "Value", DECIMAL, True, width=14),
    ),
    key=("indicator_no", "year"),
)

PROJECT_DOMAINS = Sheet(
    "project_domains",
    "项目领域",
    "Project domains",
    (
        _pno(),
        Column(
            "domain_code",
            "领域代码",
            "Domain code",
            required=True,
            width=14,
            note_zh="重点领域代码,一个项目可有多行",
            note_en="key domain code; one row per domain of a project",
        ),
        Column(
            "domain_name",
            "领域名称",
            "Domain",
            width=24,
            export_only=True,
            note_zh="只读,导入时忽略",
            note_en="read only, ignored on import",
        ),
    ),
    key=("project_no", "domain_code"),
    optional=True,
)

STARTUP_TRANCHES = Sheet(
    "startup_tranches",
    "启动经费分期",
    "Start-up tranches",
    (
        _pno(),
        Column("seq", "期次", "Tranche", INT, True, width=8),
        Column("year", "年度", "Year", INT, True, width=8),
        Column(
            "amount",
            "金额",
            "Amount",
            AMOUNT,
            True,
            width=14,
            note_zh="各期合计须等于启动建设经费",
            note_en="the tranches add up to the start-up grant",
        ),
        Column(
            "milestone_code",
            "对应里程碑",
            "Milestone",
            width=12,
            note_zh="达成后拨付的里程碑编号(可空)",
            note_en="code of the milestone that releases it (optional)",
        ),
        _notes("note"),
    ),
    key=("project_no", "seq"),
    optional=True,
)

DISTRICT_TARGETS = Sheet(
    "district_targets",
    "区级指标目标",
    "District targets",
    (
        Column("indicator_no", "指标序号", "Indicator no.", INT, True, width=10),
        Column(
            "period_code",
            "规划期",
            "Plan period",
            required=True,
            width=12,
            note_zh="如 2021-2025",
            note_en="e.g. 2021-2025",
        ),
        Column("base_year", "基期年度", "Base year", INT, width=10),
        Column("base_value", "基期值", "Base value", DECIMAL, width=12),
        Column("target_value", "目标值", "Target", DECIMAL, width=12),
    ),
    key=("indicator_no", "period_code"),
    optional=True,
)

EVALUATION_ITEMS = Sheet(
    "evaluation_items",
    "评价明细",
    "Evaluation items",
    (
        _pno(),
        Column("year", "年度", "Year", INT, True, width=8),
        Column("indicator_code", "指标编号", "Indicator code", required=True, width=12),
        Column("actual", "实际值", "Actual", DECIMAL, width=12),
        Column(
            "score",
            "得分",
            "Score",
            DECIMAL,
            True,
            width=10,
            note_zh="0 至该指标权重",
            note_en="0 to the indicator's weight",
        ),
    ),
    key=("project_no", "year", "indicator_code"),
    optional=True,
)

AUDIT = Sheet(
    "audit",
    "修改记录",
    "Audit history",
    (
        Column("at", "时间", "When", TEXT, width=20),
        Column("officer", "经办人", "Officer", width=12),
        Column("os_user", "系统用户", "OS user", width=12),
        Column("action", "操作", "Action", ENUM, choices=ACTION, width=8),
        Column("table_name", "数据表", "Table", width=16),
        Column("row_key", "行", "Row", width=8),
        Column("project_no", "项目编号", "Project no.", INT, width=10),
        Column("field", "字段", "Field", width=16),
        Column("before", "原值", "Before", width=24),
        Column("after", "新值", "After", width=24),
        Column("reason", "原因", "Reason", width=24),
    ),
    importable=False,
)

#: Workbook order; import resolves references in this order too.
SHEETS: tuple[Sheet, ...] = (
    PROJECTS,
    MILESTONES,
    FUNDING_PLANS,
    FUNDING_YEARS,
    SCHEDULE,
    DISBURSEMENTS,
    INDICATORS,
    ACTUALS,
    EVALUATIONS,
    DISTRICT_INDICATORS,
    DISTRICT_VALUES,
    # Added in issue 18 (written and checked by io.extra_sheets), after the sheets they
    # refer to; optional on import so workbooks sent out before them still import.
    PROJECT_DOMAINS,
    STARTUP_TRANCHES,
    DISTRICT_TARGETS,
    EVALUATION_ITEMS,
    AUDIT,
)
BY_NAME = {s.name: s for s in SHEETS}
IMPORTED: tuple[Sheet, ...] = tuple(s for s in SHEETS if s.importable)


def sheet_named(name: str) -> Sheet:
    """A sheet by its id (`milestones`) or its title in either language."""
    for s in SHEETS:
        if name in (s.name, s.zh, s.en):
            return s
    raise KeyError(name)
