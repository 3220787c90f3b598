"""周年, 第N个 and 之年: anniversaries (建党/新中国成立/改革开放 X周年), yearly days (第九个全民国家
安全教育日) and phrases that name one year (全面贯彻党的二十大精神的开局之年) written of another year."""

from __future__ import annotations

import re

from shuzhi.checker.document import Document
from shuzhi.checker.registry import make
from shuzhi.checker.rules.stale_reference.common import (
    CLAUSE_END,
    RULE,
    WHEN,
    Lazy,
    clause_before,
    data,
    is_history,
    said_years,
)
from shuzhi.checker.rules.stale_reference.plans import PLAN_HISTORY
from shuzhi.text.numerals import cn_to_int
from shuzhi.text.years import YEAR

# 在庆祝…100周年大会上的讲话, 在纪念…130周年座谈会上的讲话: the occasion of a speech, not this year's
_ANNIVERSARY_PAST = Lazy(r"^[^。；，]{0,4}?(?:大会|座谈会|招待会|纪念会|报告会|文艺晚会|阅兵|讲话|纪念章|时的)")
_CELEBRATE = Lazy(r"(?:庆祝|纪念|开展|组织|举办|举行|围绕|聚焦)[^，。；]{0,8}$")
_AHEAD = Lazy(r"(?:喜迎|迎接|献礼|即将迎来|迎来)[^，。；]{0,4}$")


def anniversaries(doc: Document, year: int):
    """X周年 off from Y: by more than a year, or at all where the text says which year it is
    (今年是建党101周年, 2021年是……100周年) or looks ahead to it (喜迎……周年)."""
    text = doc.text
    if "周年" not in text:
        return
    bases = [a["base"] for a in data().raw["anniversaries"]]
    for m in _anniversaries(text):
        base = bases[next(i for i, v in enumerate(m.groups()[:-1]) if v is not None)]
        written = m.group("n")
        value = int(written) if written.isdigit() else cn_to_int(written)
        if value is None or _ANNIVERSARY_PAST.match(text[m.end():m.end() + 10]):
            continue
        wrong = _wrong_anniversary(text, m, value, base, year)
        if wrong is None:
            continue
        target, last_year = wrong
        if last_year:  # 开展庆祝新中国成立70周年系列活动 in 2020: last year's work
            yield make(doc, RULE, m.start("n"), written, f"{year}年应为{year - base}周年，{value}周年是"
                       f"{year - 1}年，写成当年工作疑为沿用旧稿，请核实", severity="warning",
                       basis=f"实务惯例（周年数按所在年份计算，起算于{base}年）")
            continue
        yield make(doc, RULE, m.start("n"), written, f"{target}年应为{target - base}周年，而不是{value}周年",
                   suggestion=str(target - base) if written.isdigit() and target == year else None,
                   fixable=written.isdigit() and target == year,
                   basis=f"实务惯例（周年数按所在年份计算，起算于{base}年）")


def _anniversaries(text: str):
    """Each 建党100周年 of the text: the anniversary pattern tried just before each 周年 (one
    scan for 周年 is fast, one for every name is not)."""
    pattern, at = data().anniversaries, text.find("周年")
    while at >= 0:
        if m := pattern.search(text, max(0, at - 24), at + 2):
            yield m
        at = text.find("周年", at + 2)


def _wrong_anniversary(text: str, m: re.Match[str], value: int, base: int, year: int) -> tuple[int, bool] | None:
    """(the year the text speaks of, whether it is last year's celebrated as this year's) when
    ``value`` is wrong for it, else None."""
    clause = clause_before(text, m.start(), 24, CLAUSE_END + "，")
    said = WHEN.search(clause) if re.search("是|为|恰逢|适逢|正值|逢", clause) else None
    named = re.findall(rf"({YEAR})年(?!以来|起|至|到|开始|前|后|底|末)", clause)  # not 2020年以来: a span
    if named and not said:  # 2021年，我们隆重庆祝建党100周年: that year's anniversary
        return None if value == int(named[-1]) - base else (int(named[-1]), False)
    if said:
        targets = said_years(said, year)
        return None if any(value == t - base for t in targets) else (targets[0], False)
    if _AHEAD.search(clause):
        return None if value >= year - base else (year, False)
    if value == year - base - 1 and _CELEBRATE.search(clause) and not is_history(text, m.start(), m.end(), year):
        return year, True
    return None if abs(value - (year - base)) <= 1 else (year, False)


_RELATIVE_YEAR = Lazy(r"去年|上年|前年|明年|来年")
_RELATIVE_OFFSET = {"去年": -1, "上年": -1, "前年": -2, "明年": 1, "来年": 1}


def days(doc: Document, year: int):
    """第八个全民国家安全教育日 in a 2024 report (the ninth): a yearly day counted for another year
    (the next one may stand in next year's plans; a year named in the clause is the one meant)."""
    text = doc.text
    if "个" not in text:
        return
    firsts = [d["first"] for d in data().raw["days"]]
    for m in data().days.finditer(text):
        written = m.group("n")
        value = int(written) if written.isdigit() else cn_to_int(written)
        first = firsts[next(i for i, v in enumerate(m.groups()[1:]) if v is not None)]
        clause = clause_before(text, m.start(), 24, CLAUSE_END + "，")
        named = re.findall(rf"({YEAR})年", clause)
        relative = _RELATIVE_YEAR.search(clause)  # 去年第七个中国农民丰收节: last year's
        meant = [int(named[-1])] if named else [year + _RELATIVE_OFFSET[relative.group()]] if relative else [year, year + 1]
        if value is None or any(value == t - first + 1 for t in meant):
            continue
        yield make(doc, RULE, m.start(), m.group(), f"{meant[0]}年是第{meant[0] - first + 1}个，而不是第{written}个"
                   f"（{first}年为第一个），疑为沿用他年材料", basis=f"实务惯例（该纪念日、节日自{first}年起每年举行）")


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
            if entry["year"] not in targets:  # 今年是…… says which year: an error; else a warning
                yield make(doc, RULE, m.start(), m.group(), f"“{m.group()}”指{entry['year']}年，"
                           f"不是{target}年" + ("" if said else "，请核实"), severity="error" if said else "warning",
                           basis=entry["basis"])
