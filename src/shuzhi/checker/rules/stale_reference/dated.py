"""学习教育, 规划, 旧表述 and 周年: campaigns of other years written as this year's work, a
five-year plan's 开局/收官 in the wrong year, outdated goals and slogans, anniversaries off by
more than a year."""

from __future__ import annotations

import re

from shuzhi.checker.document import Document
from shuzhi.checker.registry import make
from shuzhi.checker.rules.stale_reference.common import CLAUSE_END, RULE, clause_before, data
from shuzhi.text.numerals import cn_to_int
from shuzhi.text.years import YEAR

_CAMPAIGN_VERB = re.compile(r"(?:开展|启动|部署|参加|推进|组织)[^，。；]{0,6}$")
_CAMPAIGN_KEEP = re.compile(r"巩固|深化|拓展|常态|长效|延续|总结|成果")
_PLAN_CURRENT = re.compile(r"(十[三四五六]五)[”\"]?(?:规划)?(?:期间|时期)[^。；，]{0,4}?(?:将|要|继续|深入实施|实施好)"
                           r"|(?:深入实施|全面实施|扎实推进|推进实施|实施好|落实好)[“\"]?(十[三四五六]五)[”\"]?规划"
                           r"(?![^。；，]{0,8}(?:收官|完成|圆满|目标任务|总结|评估))")
_PLAN_PHASE = re.compile(r"(十[三四五六]五)[”\"]?(?:规划)?的?(开局起步之年|开局之年|起步之年|收官之年|开局|起步|收官)")
_PLAN_WHEN = re.compile(rf"({YEAR})年(?:是|为|作为)|(明年|下一年|新的一年|来年)|(今年|本年度|这一年)")
_PLAN_HISTORY = re.compile(r"以来|圆满|胜利|顺利|回顾|过去|实现了|取得|已经|完美")


def campaigns_and_formulations(doc: Document, year: int):
    text = doc.text
    _, _, campaigns, obsolete = data()
    for pattern, campaign in campaigns:
        first, last = campaign["years"]
        # next year's campaign may stand in the plans (2024年，将扎实开展党纪学习教育)
        if (first <= year + 1 and year <= last) or campaign["needle"] not in text:
            continue
        for m in pattern.finditer(text):
            before = clause_before(text, m.start(), 16, CLAUSE_END + "，")
            after = text[m.end():m.end() + 6]
            if not _CAMPAIGN_VERB.search(before) or _CAMPAIGN_KEEP.search(before) or \
                    re.match(r"[^。；，]{0,3}(成果|常态化|长效化|以来|期间)", after):
                continue
            when = f"{first}年" if first == last else f"{first}—{last}年"
            yield make(doc, RULE, m.start(), m.group(), f"“{campaign['name']}”是{when}开展的学习教育，"
                       f"写成{year}年开展的工作疑为沿用旧稿", severity="warning", basis=campaign["basis"])
    for pattern, entry in obsolete:
        if year < entry["from"] or entry["needle"] not in text:
            continue
        for m in pattern.finditer(text):
            yield make(doc, RULE, m.start(), m.group(), entry["message"], severity=entry["severity"],
                       basis=entry["basis"])


def plans(doc: Document, year: int):
    """A five-year plan's 开局/收官 in another year, or a finished plan written as current."""
    text = doc.text
    if "五" not in text:
        return
    plans = {p["name"]: p["years"] for p in data()[0]["plans"]}
    for m in _PLAN_CURRENT.finditer(text):
        name = m.group(1) or m.group(2)
        last = plans.get(name, (None, None))[1]
        if last and year > last:
            yield make(doc, RULE, m.start(), m.group(), f"“{name}”规划期已于{last}年结束，"
                       f"{year}年度报告不应再把它写成当前规划", severity="warning", basis=_PLAN_BASIS)
    for m in _PLAN_PHASE.finditer(text):
        name, phase = m.groups()
        if name not in plans:
            continue
        ending = "收官" in phase
        expected = plans[name][1 if ending else 0]
        clause = clause_before(text, m.start(), 24, CLAUSE_END + "，")
        when = list(_PLAN_WHEN.finditer(clause))
        said = when[-1] if when else None
        if said:
            targets = [int(said.group(1)) if said.group(1) else year + 1 if said.group(2) else year]
        elif _PLAN_HISTORY.search(clause + text[m.end():m.end() + 8]):
            continue  # “十四五”圆满收官 / 自“十三五”开局以来: history
        else:
            targets = [year, year + 1]  # the year reported on, or next year's plans
        if expected in targets:
            continue
        right = next((n for t in targets for n, years in plans.items() if years[1 if ending else 0] == t), None)
        yield make(doc, RULE, m.start(1), name,
                   f"“{name}”的{phase.removesuffix('之年')}之年是{expected}年，不是{targets[0]}年"
                   + (f"，应为“{right}”" if right else ""),
                   suggestion=right, fixable=right is not None, severity="warning", basis=_PLAN_BASIS)


_PLAN_BASIS = "中央文件表述（国民经济和社会发展五年规划：“十四五”2021—2025年，“十五五”2026—2030年）"


def anniversaries(doc: Document, year: int):
    if "周年" not in doc.text:
        return
    for pattern, base in data()[1]:
        for m in pattern.finditer(doc.text):
            written = m.group(1)
            value = int(written) if written.isdigit() else cn_to_int(written)
            if value is None or abs(value - (year - base)) <= 1:
                continue
            yield make(doc, RULE, m.start(1), written, f"{year}年应为{year - base}周年，而不是{value}周年",
                       suggestion=str(year - base) if written.isdigit() else None,
                       fixable=written.isdigit(), basis=f"实务惯例（周年数按报告年度计算，起算于{base}年）")
