"""Table cells that never break inside a word, a number or a date.

reportlab's CJK wrapping breaks between any two characters — "2020年基/数", "增长/率",
"3,160./47" — and its Latin wrapping cuts a word too long for its column. Here a cell's
text is cut into tokens first: a run of Latin letters, digits and their punctuation (a
number, a date, an English word) is one token; a known Chinese word (`WORDS`) is one
token; any other Chinese character is a token of its own, as Chinese typesetting breaks
between characters. Closing punctuation stays with the token before it, opening
punctuation with the one after. Lines are filled greedily with whole tokens, measured
with the font's own widths; when a token is wider than the column the type shrinks a
little (down to `MIN_SIZE`) before anything would be cut. The lines are drawn as they
are (`reports.lines.FittedLines`), so reportlab never re-wraps them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

WORDS = (
    "【示例】",
    "操作系统",
    "创新中心",
    "研究院",
    "实验室",
    "中心",
    "平台",
    "项目",
    "基地",
    "工程",
    "创新",
    "应用",
    "系统",
    "技术",
    "产业",
    "开发者",
    "开发",
    "服务",
    "示范",
    "智能",
    "智慧",
    "网络",
    "数字",
    "公共",
    "关键",
    "研发",
    "建设",
    "园区",
    "芯片",
    "医疗",
    "便民",
    "诊疗",
    "计算",
    "领域",
    "安全",
    "人工",
    "智能",
    "基础",
    "支撑",
    "整体",
    "解决",
    "方案",
    "收发",
    "攻关",
    "供应链",
    "赋能",
    "显示",
    "深加工",
    "及",
    "一期",
    "二期",
    # report words: headers and figures
    "暂无数据",
    "无数据",
    "未关账",
    "关账",
    "示例数据",
    "万元",
    "亿元",
    "万人",
    "吨标煤",
    "基数",
    "目标",
    "实际",
    "增长率",
    "增长",
    "状态",
    "完成",
    "完成度",
    "部分",
    "未完成",
    "已完成",
    "结论",
    "计算",
    "方法",
    "单位",
    "指标",
    "年末",
    "期末",
    "水平",
    "累计",
    "年均",
    "经费",
    "固定",
    "扶持",
    "启动",
    "奖励",
    "绩效",
    "上限",
    "拨付",
    "计划",
    "合计",
    "已拨",
    "进度",
    "占比",
    "里程碑",
    "逾期",
    "天数",
    "到期日",
    "到期",
    "承担",
    "单位",
    "企业",
    "高新",
    "科技",
    "研究",
    "投入",
    "收入",
    "营业",
    "产值",
    "比重",
    "占",
    "数量",
    "人才",
    "团队",
    "机构",
    "载体",
    "孵化器",
    "众创",
    "空间",
    "专利",
    "发明",
    "万人",
    "拥有",
    "制造",
    "工业",
    "增加值",
    "规模",
    "以上",
    "评价",
    "评级",
    "等级",
    "得分",
    "预计",
    "权重",
    "提示",
    "数据",
    "严重",
    "程度",
    "健康",
    "状况",
    "原因",
    "样机",
    "产品",
    "验证",
    "验收",
    "中试线",
    "中试",
    "产业化",
    "需求",
    "调研",
    "试运行",
    "阶段",
    "内容",
    "并入",
    "后续",
    "取消",
    "延期",
    "按期",
    "结束",
    "日期",
    "文件",
    "材料",
    "佐证",
    "所属",
    "添加",
    "登记",
    "对应",
    "事项",
    "片区",
    "重点",
    "领域",
    "序号",
    "名称",
    "回执",
    "报送",
    "联系人",
    "填报",
)
UNITS = set("年月日号万亿元个家件人天项期季度倍岁")
"""A Chinese unit right after a number stays on its line: "2020年", "90天"."""
CLOSING = set("，。、；：？！）》」』】”’%,.;:?!)]}%·")
OPENING = set("（《「『【“‘([{")
_LATIN = re.compile(r"[\x21-\x7e]+")
MIN_SIZE = 6.0
SLACK = 0.5
"""Points left unused on each line, so reportlab's own measure never differs by a hair."""


@lru_cache(maxsize=1)
def _words_by_first() -> dict[str, tuple[str, ...]]:
    """The words by their first character, longest first: a word at `i` starts with
    `value[i]`, so only those are tried (all of WORDS for every character cost the
    brief ~20 ms)."""
    out: dict[str, list[str]] = {}
    for word in sorted(set(WORDS), key=len, reverse=True):
        out.setdefault(word[0], []).append(word)
    return {first: tuple(words) for first, words in out.items()}


def tokens(value: str) -> list[str]:
    """`value` cut where a line may break: "2020年基数" → ["2020", "年", "基数"]."""
    out: list[str] = []
    i, n = 0, len(value)
    words = _words_by_first()
    pending_open = ""
    while i < n:
        ch = value[i]
        if ch == " ":
            out.append(" ")
            i += 1
            continue
        m = _LATIN.match(value, i)
        if m is not None:
            tok, i = m.group(0), m.end()
        else:
            tok = next((w for w in words.get(ch, ()) if value.startswith(w, i)), ch)
            i += len(tok)
        if tok in OPENING or (len(tok) == 1 and tok in OPENING):
            pending_open += tok
            continue
        tok = pending_open + tok
        pending_open = ""
        glue = out and out[-1] != " " and all(c in CLOSING for c in tok)
        unit = out and out[-1][-1:].isdigit() and tok in UNITS
        if glue or unit:
            out[-1] += tok
        else:
            out.append(tok)
    if pending_open:
        out.append(pending_open)
    return out


def lines_for(value: str, width: float, font: str, size: float) -> list[str] | None:
    """Whole tokens per line within `width` (explicit newlines kept); None when a token
    alone is wider than the line."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out: list[str] = []
    for para in value.split("\n"):
        line = ""
        for tok in tokens(para):
            trial = line + tok
            if stringWidth(trial.rstrip(), font, size) <= width - SLACK:
                line = trial
                continue
            if tok == " ":
                out.append(line.rstrip())
                line = ""
                continue
            if stringWidth(tok, font, size) > width - SLACK:
                return None
            out.append(line.rstrip())
            line = tok
        out.append(line.rstrip())
    # a line left empty by a break at its start is dropped, unless the text asked for it
    return out if out else [""]


def fitted(value: str, width: float, style: Any, *, padding: float = 6) -> Any:
    """The lines of `value` in `style` that fit `width` without breaking a word, shrinking
    the type a little when a single token is too wide (drawn as they are: reports.lines)."""
    from desktop_app.reports.lines import FittedLines

    inner = width - padding
    font = style.fontName
    size = float(style.fontSize)
    while True:
        lines = lines_for(value, inner, font, size)
        if lines is not None or size - 0.5 < MIN_SIZE:
            break
        size -= 0.5
    if lines is None:  # nothing fits even small: cut the widest tokens by characters
        lines = _hard_lines(value, inner, font, size)
    return FittedLines(value, tuple(lines), style, size, size * style.leading / style.fontSize)


def _hard_lines(value: str, width: float, font: str, size: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out: list[str] = []
    for para in value.split("\n"):
        line = ""
        for ch in para:
            if stringWidth(line + ch, font, size) > width - SLACK and line:
                out.append(line)
                line = ch
            else:
                line += ch
        out.append(line)
    return out


def breaks_inside_a_word(before: str, after: str) -> bool:
    """Whether a line ending in `before` and the next starting with `after` split a token."""
    if not before or not after:
        return False
    joined = before + after
    cut = len(before)
    pos = 0
    for tok in tokens(joined):
        end = pos + len(tok)
        if pos < cut < end and tok.strip():
            return True
        pos = end
    return False


__all__ = ["WORDS", "breaks_inside_a_word", "fitted", "lines_for", "tokens"]
