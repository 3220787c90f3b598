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

# a campaign written as this year's work: a verb or "this year" before it in its clause, or
# 以…为契机 / …扎实开展 / 在…中 around it
_CAMPAIGN_NOW_BEFORE = re.compile(r"(?:开展|启动|部署|参加|参与|推进|组织|抓好|抓实|落实|投入|今年|本年|年内|全年"
                                  r"|^以|[，、]以|通过|结合|借助|按照|围绕|^在|[，、]在)[^，。；]{0,8}$")
_CAMPAIGN_NOW_AFTER = re.compile(r"^[”\"]?(?:为契机|为抓手|为牵引|为载体|为引领|中[，,]|[^。；，]{0,4}(?:扎实|深入|全面)?"
                                 r"(?:开展|推进|启动)(?!以来))")
# …成果, …以来, 去年开展的…, 2024年党纪学习教育中查摆的问题: what a campaign left behind, or history
_CAMPAIGN_KEEP = re.compile(r"巩固|深化|拓展|常态|长效|延续|总结|成果|回头看|去年|上年|上一年|此前|曾|前期")
_CAMPAIGN_KEEP_AFTER = re.compile(r"^[”\"]?[^。；，]{0,4}(?:成果|常态化|长效化|以来|期间|结束|收官|圆满|总结"
                                  r"|中(?:查摆|发现|梳理|形成|建立|制定)|查摆|整改|时)")
_PLAN_CURRENT = re.compile(r"(十[三四五六]五)[”\"]?(?:规划)?(?:期间|时期)[^。；，]{0,4}?(?:将|要|继续|深入实施|实施好)"
                           r"|(?:深入实施|全面实施|扎实推进|推进实施|实施好|落实好)[“\"]?(十[三四五六]五)[”\"]?规划"
                           r"(?![^。；，]{0,8}(?:收官|完成|圆满|目标任务|总结|评估))"
                           r"|(?:确保|为|奋力|冲刺)(?:全面|高质量|圆满|如期)?(?:完成|实现)[“\"]?(十[三四五六]五)[”\"]?规划")
# 编制“十四五”规划: the two years before a plan starts and its first two
_PLAN_DRAFT = re.compile(r"(?:编制|制定|谋划|起草|编写)(?:好|完成)?[“\"]?(十[三四五六]五)[”\"]?(?:时期)?[^。；，]{0,8}?规划")
_PLAN_PHASE = re.compile(r"(十[三四五六]五)[”\"]?(?:规划)?的?(开局起步之年|开局之年|起步之年|收官之年|开局|起步|收官)")
_PLAN_WHEN = re.compile(rf"({YEAR})年(?:是|为|作为)|(明年|下一年|新的一年|来年)|(今年|本年度|这一年)")
def _said_years(said: re.Match[str], year: int) -> list[int]:
    """The years a time word of ``_PLAN_WHEN`` may mean: 2025年 → 2025; 明年 → Y+1; 今年 → Y, or
    Y+1 in plans written in the January after it (今年是“十四五”规划收官之年 in a 2024 report)."""
    if said.group(1):
        return [int(said.group(1))]
    return [year + 1] if said.group(2) else [year, year + 1]


_PLAN_HISTORY = re.compile(r"以来|圆满|胜利|顺利|回顾|过去|实现了|取得|已经|完美")


def _campaign_years(campaign: dict) -> list[tuple[int, int]]:
    """The year ranges in which the campaign ran: ``years`` and any ``also``."""
    return [tuple(campaign["years"]), *map(tuple, campaign.get("also", []))]


def _when(ranges: list[tuple[int, int]]) -> str:
    return "、".join(f"{a}年" if a == b else f"{a}—{b}年" for a, b in ranges)


def _campaign_now(text: str, start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether the campaign at ``start:end`` is written as work done in the report year."""
    before = clause_before(text, start, 16, CLAUSE_END + "，")
    after = text[end:end + 10]
    if _CAMPAIGN_KEEP.search(before) or _CAMPAIGN_KEEP_AFTER.match(after):
        return False
    said = [int(y) for y in re.findall(YEAR, before)]
    if said and any(a <= said[-1] <= b for a, b in ranges):
        return False  # 2024年党纪学习教育: named with its own year
    return bool(_CAMPAIGN_NOW_BEFORE.search(before) or _CAMPAIGN_NOW_AFTER.match(after))


def campaigns_and_formulations(doc: Document, year: int):
    text = doc.text
    raw, _, campaigns, obsolete = data()
    for pattern, campaign in campaigns:
        ranges = _campaign_years(campaign)
        # next year's campaign may stand in the plans (2024年，将扎实开展党纪学习教育)
        needles = campaign.get("needles") or [campaign["needle"]]
        if any(first <= year + 1 and year <= last for first, last in ranges) or not any(n in text for n in needles):
            continue
        for m in pattern.finditer(text):
            group = 1 if pattern.groups else 0
            if not _campaign_now(text, m.start(group), m.end(group), ranges):
                continue
            yield make(doc, RULE, m.start(group), m.group(group), f"“{campaign['name']}”是{_when(ranges)}开展的"
                       f"{campaign.get('kind', '学习教育')}，写成{year}年开展的工作疑为沿用旧稿，请核实",
                       severity="warning", basis=campaign["basis"])
    reported: set[tuple[str, int]] = set()  # (group, line)
    for pattern, entry in obsolete:
        needles = entry.get("needles") or [entry["needle"]]
        if year < entry["from"] or year > entry.get("until", year) or not any(n in text for n in needles):
            continue
        for m in pattern.finditer(text):
            if entry.get("history") and is_history(text, m.start(), m.end(), year):
                continue
            if "unless" in entry and re.search(entry["unless"], _sentence(text, m.start(), m.end())):
                continue
            line = doc.position(m.start())[0]
            if "group" in entry and (entry["group"], line) in reported:
                continue
            reported.add((entry.get("group", ""), line))
            yield make(doc, RULE, m.start(), m.group(), entry["message"].format(year=year),
                       severity=entry["severity"], basis=entry["basis"])


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around ``start:end`` (up to 60 characters either side)."""
    before = clause_before(text, start, 60)
    after = text[end:end + 60]
    cut = min((i for i in (after.find(ch) for ch in CLAUSE_END) if i >= 0), default=len(after))
    return before + text[start:end] + after[:cut]


_HISTORY_BEFORE = re.compile(r"曾|过去|回顾|去年|上年|此前|当年|那时|那几年|原来|原先|以往|三年|经过|经历|期间")
_HISTORY_AFTER = re.compile(r"^[”\"]?[^。；，]{0,3}(?:期间|以来|年来|时期|阶段|那几年|中积累|取得(?:了)?(?:重大|全面|决定性)"
                            r"|转段|平稳|结束|以后|之后|后[，,]|的经验|成果)")


def is_history(text: str, start: int, end: int, year: int) -> bool:
    """Whether the formulation at ``start:end`` is told as the past (疫情防控期间, 过去三年的疫情防控,
    2022年核酸检测…: a year before Y in its clause), not as current work."""
    before = clause_before(text, start, 30)  # the sentence: 过去三年，我们坚持……
    if _HISTORY_BEFORE.search(before) or _HISTORY_AFTER.match(text[end:end + 12]):
        return True
    return any(int(y) < year for y in re.findall(rf"({YEAR})年", before))


def plans(doc: Document, year: int):
    """A five-year plan's 开局/收官 in another year, or a finished plan written as current."""
    text = doc.text
    if "五" not in text:
        return
    plans = {p["name"]: p["years"] for p in data()[0]["plans"]}
    for m in _PLAN_CURRENT.finditer(text):
        name = m.group(1) or m.group(2) or m.group(3)
        last = plans.get(name, (None, None))[1]
        if last and year > last and not _past_year(clause_before(text, m.start(), 24), year):
            yield make(doc, RULE, m.start(), m.group(), f"“{name}”规划期已于{last}年结束，"
                       f"{year}年度报告不应再把它写成当前规划", severity="warning", basis=_PLAN_BASIS)
    for m in _PLAN_DRAFT.finditer(text):
        first = plans.get(m.group(1), (None, None))[0]
        clause = clause_before(text, m.start(), 24)
        if first and year > first + 1 and not _past_year(clause, year) and not _PLAN_HISTORY.search(clause):
            right = next((n for n, (a, _) in plans.items() if a - 2 <= year <= a + 1), None)
            yield make(doc, RULE, m.start(1), m.group(1), f"“{m.group(1)}”规划的编制在{first - 1}年前后，"
                       f"{year}年度报告写成当年工作疑为沿用旧稿" + (f"，应为“{right}”" if right else ""),
                       severity="warning", basis=_PLAN_BASIS)
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
            targets = _said_years(said, year)
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


def _past_year(clause: str, year: int) -> bool:
    """The clause names a year before Y (2025年“十四五”圆满收官): told as the past."""
    return any(int(y) < year for y in re.findall(rf"({YEAR})年", clause))


_PLAN_BASIS = "中央文件表述（国民经济和社会发展五年规划：“十四五”2021—2025年，“十五五”2026—2030年）"


_ANNIVERSARY_PAST = re.compile(r"^[^。；，]{0,4}?(?:大会|讲话|纪念章|时的)")  # 在庆祝…100周年大会上的讲话
_CELEBRATE = re.compile(r"(?:庆祝|纪念|开展|组织|举办|举行|围绕|聚焦)[^，。；]{0,8}$")
_AHEAD = re.compile(r"(?:喜迎|迎接|献礼|即将迎来|迎来)[^，。；]{0,4}$")


def anniversaries(doc: Document, year: int):
    """X周年 off from Y: by more than a year, or at all where the text says which year it is
    (今年是建党101周年, 2021年是……100周年) or looks ahead to it (喜迎……周年)."""
    text = doc.text
    if "周年" not in text:
        return
    for pattern, base in data()[1]:
        for m in pattern.finditer(text):
            written = m.group(1)
            value = int(written) if written.isdigit() else cn_to_int(written)
            if value is None or _ANNIVERSARY_PAST.match(text[m.end():m.end() + 10]):
                continue
            clause = clause_before(text, m.start(), 24, CLAUSE_END + "，")
            said = _PLAN_WHEN.search(clause) if re.search("是|为|恰逢|适逢|正值|逢", clause) else None
            named = re.findall(rf"({YEAR})年", clause)
            if named and not said:  # 2021年，我们隆重庆祝建党100周年: that year's anniversary
                if value != int(named[-1]) - base:
                    yield make(doc, RULE, m.start(1), written, f"{named[-1]}年应为{int(named[-1]) - base}周年，"
                               f"而不是{value}周年", basis=f"实务惯例（周年数按所写年份计算，起算于{base}年）")
                continue
            if said:
                targets = _said_years(said, year)
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
    for entry in data()[0]["epithets"]:
        for m in re.finditer(entry["pattern"], text):
            clause = clause_before(text, m.start(), 24, CLAUSE_END + "，")
            said = _PLAN_WHEN.search(clause)
            if said:
                targets = _said_years(said, year)
            elif _PLAN_HISTORY.search(clause) or abs(entry["year"] - year) <= 1:
                continue
            else:
                targets = [year]
            target = targets[0]
            if entry["year"] not in targets:
                yield make(doc, RULE, m.start(), m.group(), f"“{m.group()}”指{entry['year']}年，"
                           f"不是{target}年，请核实", severity="warning", basis=entry["basis"])
