"""周年 and 之年: anniversaries (建党/新中国成立/改革开放 X周年) and phrases that name one year
(全面贯彻党的二十大精神的开局之年) written of another year."""

from __future__ import annotations

import re

from shuzhi.checker.document import Document
from shuzhi.checker.registry import make
from shuzhi.checker.rules.stale_reference.common import (
    CLAUSE_END,
    RULE,
    WHEN,
    clause_before,
    data,
    is_history,
    said_years,
)
from shuzhi.checker.rules.stale_reference.plans import PLAN_HISTORY
from shuzhi.text.numerals import cn_to_int
from shuzhi.text.years import YEAR

_ANNIVERSARY_PAST = re.compile(r"^[^。；，]{0,4}?(?:大会|讲话|纪念章|时的)")  # 在庆祝…100周年大会上的讲话
_CELEBRATE = re.compile(r"(?:庆祝|纪念|开展|组织|举办|举行|围绕|聚焦)[^，。；]{0,8}$")
_AHEAD = re.compile(r"(?:喜迎|迎接|献礼|即将迎来|迎来)[^，。；]{0,4}$")


def anniversaries(doc: Document, year: int):
    """X周年 off from Y: by more than a year, or at all where the text says which year it is
    (今年是建党101周年, 2021年是……100周年) or looks ahead to it (喜迎……周年)."""
    text = doc.text
    if "周年" not in text:
        return
    for pattern, base in data().anniversaries:
        for m in pattern.finditer(text):
            written = m.group(1)
            value = int(written) if written.isdigit() else cn_to_int(written)
            if value is None or _ANNIVERSARY_PAST.match(text[m.end():m.end() + 10]):
                continue
            clause = clause_before(text, m.start(), 24, CLAUSE_END + "，")
            said = WHEN.search(clause) if re.search("是|为|恰逢|适逢|正值|逢", clause) else None
            named = re.findall(rf"({YEAR})年", clause)
            if named and not said:  # 2021年，我们隆重庆祝建党100周年: that year's anniversary
                if value != int(named[-1]) - base:
                    yield make(doc, RULE, m.start(1), written, f"{named[-1]}年应为{int(named[-1]) - base}周年，"
                               f"而不是{value}周年", basis=f"实务惯例（周年数按所写年份计算，起算于{base}年）")
                continue
            if said:
                targets = said_years(said, year)
                if any(value == t - base for t in targets):
                    continue
                target = targets[0]
            elif _AHEAD.search(clause):
                target = year
                if value >= year - base:
                    continue
            else:
                target = year
                last_year = value == year - base - 1 and _CELEBRATE.search(clause) and \
                    not is_history(text, m.start(), m.end(), year)
                if abs(value - (year - base)) <= 1 and not last_year:
                    continue
                if last_year:  # 开展庆祝新中国成立70周年系列活动 in 2020: last year's work
                    yield make(doc, RULE, m.start(1), written, f"{year}年应为{year - base}周年，"
                               f"{value}周年是{year - 1}年，写成当年工作疑为沿用旧稿，请核实", severity="warning",
                               basis=f"实务惯例（周年数按报告年度计算，起算于{base}年）")
                    continue
            yield make(doc, RULE, m.start(1), written, f"{target}年应为{target - base}周年，而不是{value}周年",
                       suggestion=str(target - base) if written.isdigit() else None,
                       fixable=written.isdigit(), basis=f"实务惯例（周年数按报告年度计算，起算于{base}年）")


def epithets(doc: Document, year: int):
    """A phrase that names one year (全面贯彻党的二十大精神的开局之年: 2023) said of another."""
    text = doc.text
    if "之年" not in text and "百年" not in text:
        return
    for pattern, entry in data().epithets:
        for m in pattern.finditer(text):
            clause = clause_before(text, m.start(), 24, CLAUSE_END + "，")
            said = WHEN.search(clause)
            if said:
                targets = said_years(said, year)
            elif PLAN_HISTORY.search(clause) or abs(entry["year"] - year) <= 1:
                continue
            else:
                targets = [year]
            target = targets[0]
            if entry["year"] not in targets:
                yield make(doc, RULE, m.start(), m.group(), f"“{m.group()}”指{entry['year']}年，"
                           f"不是{target}年，请核实", severity="warning", basis=entry["basis"])
