"""规划: a five-year plan's 开局/收官 in another year, a finished plan written as current, a plan
compiled (编制) years after its time."""

from __future__ import annotations

from shuzhi.checker.document import Document
from shuzhi.checker.registry import make
from shuzhi.checker.rules.stale_reference.common import (
    CLAUSE_END,
    RULE,
    WHEN,
    Lazy,
    clause_before,
    data,
    past_year,
    said_years,
    sentence,
)
from shuzhi.text.numerals import cn_to_int
from shuzhi.text.years import YEAR

# a plan written as current: “十四五”期间将……, 深入实施“十四五”规划, 确保完成“十四五”规划目标任务
# (read around each plan name: a scan for 十X五 is fast, one for the verbs before it is not)
_PLAN_NAME = Lazy(r"十[三四五六]五|第十([三四五六])个五年(?=规划)")  # “十四五”, 第十四个五年规划
_PLAN_PERIOD = Lazy(r"[”\"]?(?:规划)?(?:期间|时期)[^。；，]{0,4}?(?:将|要|继续|深入实施|实施好)")
# (a body's own plan too: 全面实施学校“十四五”事业发展规划)
_PLAN_CARRY = Lazy(r"(?:深入|全面|扎实|持续|认真|切实|积极)?(?:实施|推进|推动|落实|执行|抓好|抓实)(?:实施|落实)?(?:好)?"
                   r"(?:国民经济和社会发展|学校|学院|医院|公司|集团|全市|全县|全区|全镇|本单位|我校|我院)?[“\"]?$")
_PLAN_CARRY_AFTER = Lazy(r"[”\"]?(?:事业发展|发展|专项|总体)?规划"
                         r"(?![^。；，]{0,8}(?:收官|收尾|完成|圆满|目标任务|总结|评估|验收|回顾))")
# 坚持以“十四五”规划为统领: the plan as the year's guide
_PLAN_LEAD = Lazy(r"(?:(?<=坚持)|(?<=[，、。；：\n]))以[“\"]?$")
_PLAN_LEAD_AFTER = Lazy(r"[”\"]?(?:事业发展|发展)?规划为(?:统领|引领|指引|遵循|纲)")
_PLAN_FINISH = Lazy(r"(?:(?:确保|为|奋力|冲刺)(?:全面|高质量|圆满|如期)?(?:完成|实现)|(?:奋力|全力|全面)?冲刺|决胜)"
                    r"(?:国民经济和社会发展)?[“\"]?$")
_PLAN_FINISH_AFTER = Lazy(r"[”\"]?规划")
# 为“十四五”圆满收官奠定基础: its end still ahead
_PLAN_CLOSE = Lazy(r"(?:为|确保|推动|力争|助力)[“\"]?$")
_PLAN_CLOSE_AFTER = Lazy(r"[”\"]?(?:规划)?(?:圆满|胜利|顺利|高质量)?收官(?!之年|以来)")
# 编制“十四五”规划: the two years before a plan starts and its first two
_PLAN_DRAFT = Lazy(r"(?:编制|制定|谋划|起草|编写)(?:好|完成)?[“\"]?(十[三四五六]五)[”\"]?(?:时期)?[^。；，]{0,8}?(?:规划|发展思路)")
# 今年是“十四五”规划的关键之年: a year of the plan, said of a year outside it
_PLAN_STAGE = Lazy(r"(十[三四五六]五)[”\"]?(?:规划)?(?:实施)?的?(?:关键|攻坚|冲刺|决胜|承上启下|中期|重要)[^，。；]{0,4}?"
                   r"(?:之年|一年)")
# “十四五”开局之年, “八五”普法启动之年
_PLAN_PHASE = Lazy(r"(十[三四五六]五|[六七八九]五[”\"]?普法)[”\"]?(?:规划)?的?"
                   r"(开局起步之年|开局之年|起步之年|启动之年|收官之年|开局|起步|启动|收官)")
# 今年是“十四五”规划实施的第三年 (2023): the plan's Nth year
_PLAN_NTH = Lazy(r"(十[三四五六]五)[”\"]?(?:规划)?(?:实施|开局)?(?:的)?第([一二三四五1-5])(?:年|个年头)")
# a sentence that tells the year's results (全年实现……，同比增长5.9%) speaks of the year reported on,
# not of next year's phase — unless it looks ahead to it (全年……，为“十五五”开局奠定基础)
_RESULTS = Lazy(r"全年|同比|比上年|较上年|\d%|实现了|取得了|完成了")
_AHEAD = Lazy(r"为[^，。；]{0,16}(?:奠定|打下|开好局|起好步|做好准备|创造)|将|要(?!点|求)|明年|下一步|迎接|谋划|筹备")
PLAN_HISTORY = Lazy(r"以来|圆满|胜利|顺利|回顾|过去|实现了|取得|已经|完美")
# a document of a stated period (《乡村振兴战略规划（2018—2022年）》), applied as current: found by
# its period, the title read back from it (a scan for the title's characters would be slow)
_PERIOD = Lazy(rf"[（(]({YEAR})[ ]?[—–\-－~～至到]+[ ]?({YEAR})[ ]?年?[）)]([^，。；\n《》]{{0,16}}》)?")
_TITLE = Lazy(r"(《?)([^\s，。；：、《》“”\"（()）]{2,40})$")
_PERIOD_FIRST = Lazy(rf"《({YEAR})[ ]?[—–\-－~～至到]+[ ]?({YEAR})[ ]?年(?:度)?[^》\n]{{2,30}}》")  # 《2019—2023年…规划纲要》
_PERIOD_NOW = Lazy(r"(?:落实|贯彻|实施|执行|按照|依据|根据|对照|推进|围绕|遵循|依照)[^，。；]{0,6}$")
_PERIOD_PAST = Lazy(r"回顾|期间|以来|收官|完成|总结|评估|到期|届满|结束|实施情况")


def plans(doc: Document, year: int):
    """A five-year plan's 开局/收官 in another year, or a finished plan written as current."""
    text = doc.text
    if "五" not in text:
        return
    plans = {p["name"]: p["years"] for p in data().raw["plans"]}
    for start, end, name in _current_plans(text):
        last = plans.get(name, (None, None))[1]
        if last and year > last and not past_year(clause_before(text, start, 24), year):
            yield make(doc, RULE, start, text[start:end], f"“{name}”规划期已于{last}年结束，"
                       f"{year}年度报告不应再把它写成当前规划", basis=_PLAN_BASIS)
    for m in _PLAN_DRAFT.finditer(text):
        first = plans.get(m.group(1), (None, None))[0]
        clause = clause_before(text, m.start(), 24)
        if first and year > first + 1 and not past_year(clause, year) and not PLAN_HISTORY.search(clause):
            right = next((n for n, (a, _) in plans.items() if a - 2 <= year <= a + 1), None)
            yield make(doc, RULE, m.start(1), m.group(1), f"“{m.group(1)}”规划的编制在{first - 1}年前后，"
                       f"{year}年度报告写成当年工作疑为沿用旧稿" + (f"，应为“{right}”" if right else ""),
                       severity="warning", basis=_PLAN_BASIS)
    for m in _PLAN_STAGE.finditer(text):
        years = plans.get(m.group(1))
        stage_when = list(WHEN.finditer(clause_before(text, m.start(), 24, CLAUSE_END + "，")))
        meant = said_years(stage_when[-1], year) if stage_when else []
        if years and meant and not any(years[0] <= t <= years[1] for t in meant):
            yield make(doc, RULE, m.start(1), m.group(), f"“{m.group(1)}”规划期为{years[0]}—{years[1]}年，"
                       f"“{m.group()}”不能指{meant[0]}年", basis=_PLAN_BASIS)  # the year is said: an error
    for m in _PLAN_PHASE.finditer(text):
        name, phase = m.group(1).replace("”", "").replace('"', ""), m.group(2)
        if name not in plans:
            continue
        ending = "收官" in phase
        expected = plans[name][1 if ending else 0]
        clause = clause_before(text, m.start(), 24, CLAUSE_END + "，")
        when = list(WHEN.finditer(clause))
        said = when[-1] if when else None
        if said:
            targets = said_years(said, year)
        elif PLAN_HISTORY.search(clause + text[m.end():m.end() + 8]):
            continue  # “十四五”圆满收官 / 自“十三五”开局以来: history
        elif _RESULTS.search(told := sentence(text, m.start(), m.end())) and not _AHEAD.search(told):
            targets = [year]  # 在“十五五”开局之年保持稳中有进，全年实现……: this year's results
        else:
            targets = [year, year + 1]  # the year reported on, or next year's plans
        if expected in targets:
            continue
        family = [n for n in plans if n.endswith("普法") == name.endswith("普法")]
        right = next((n for t in targets for n in family if plans[n][1 if ending else 0] == t), None)
        right = None if name.endswith("普法") else right  # “八五”普法: the quotes sit inside, no safe fix
        yield make(doc, RULE, m.start(1), m.group(1),
                   f"“{name}”的{phase.removesuffix('之年')}之年是{expected}年，不是{targets[0]}年"
                   + (f"，应为“{right}”" if right else ""), suggestion=right, fixable=right is not None,
                   severity="error" if said else "warning",  # 今年是……开局之年 says which year
                   basis=_PUFA_BASIS if name.endswith("普法") else _PLAN_BASIS)
    yield from _plan_years(doc, year, plans)


def _plan_years(doc: Document, year: int, plans: dict):
    """今年是“十四五”规划实施的第二年 in a 2023 report (the second year was 2022)."""
    text = doc.text
    for m in _PLAN_NTH.finditer(text) if "第" in text else ():
        first, nth = plans.get(m.group(1), (None, None))[0], cn_to_int(m.group(2)) or int(m.group(2))
        clause = clause_before(text, m.start(), 24, CLAUSE_END + "，")
        when = list(WHEN.finditer(clause))
        if first is None or PLAN_HISTORY.search(clause):
            continue
        targets = said_years(when[-1], year) if when else [year]
        if first + nth - 1 in targets:
            continue
        yield make(doc, RULE, m.start(), m.group(), f"“{m.group(1)}”规划的第{m.group(2)}年是{first + nth - 1}年，"
                   f"不是{targets[0]}年" + ("" if when else "，请核实"), severity="error" if when else "warning",
                   basis=_PLAN_BASIS)


def periods(doc: Document, year: int):
    """落实《乡村振兴战略规划（2018—2022年）》 in a 2024 report: a document whose period has ended
    applied as current (not 回顾……期间, ……实施情况总结)."""
    text = doc.text
    if "—" not in text and "-" not in text and "至" not in text and "～" not in text:
        return
    spans: list[tuple[int, int, int, str]] = []  # (last year, start, end, title)
    for m in _PERIOD.finditer(text):
        named = _TITLE.search(text, max(0, m.start() - 41), m.start())
        if named:
            spans.append((int(m.group(2)), named.start(1) if named.group(1) else named.start(2), m.end(), named.group(2)))
    spans += [(int(m.group(2)), m.start(), m.end(), m.group()) for m in _PERIOD_FIRST.finditer(text)]
    for last, start, end, title in spans:
        if last >= year or not _PERIOD_NOW.search(clause_before(text, start, 24, CLAUSE_END + "，")) \
                or _PERIOD_PAST.search(title + text[end:end + 12]):
            continue
        yield make(doc, RULE, start, text[start:end], f"“{text[start:end]}”的期限已于{last}年结束，"
                   f"{year}年度报告把它写成现行依据，请核实是否已有新的规划或文件", severity="warning",
                   basis="实务惯例（有起止年限的规划、纲要、方案到期后由新一期接续）")


def _current_plans(text: str):
    """(start, end, name) of each plan written as current."""
    for m in _PLAN_NAME.finditer(text):
        name, s, e = (f"十{m.group(1)}五" if m.group(1) else m.group()), m.start(), m.end()
        if period := _PLAN_PERIOD.match(text, e):
            yield s, period.end(), name
            continue
        before = text[max(0, s - 21):s]
        for verb, after in ((_PLAN_CARRY, _PLAN_CARRY_AFTER), (_PLAN_FINISH, _PLAN_FINISH_AFTER),
                            (_PLAN_CLOSE, _PLAN_CLOSE_AFTER), (_PLAN_LEAD, _PLAN_LEAD_AFTER)):
            v, a = verb.search(before), after.match(text, e)
            if v and a:
                yield s - len(before) + v.start(), a.end(), name
                break


_PUFA_BASIS = "中央文件表述（法治宣传教育五年规划：“七五”2016—2020年，“八五”2021—2025年）"
_PLAN_BASIS = "中央文件表述（国民经济和社会发展五年规划：“十四五”2021—2025年，“十五五”2026—2030年）"
