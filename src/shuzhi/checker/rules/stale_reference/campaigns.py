"""学习教育 and 旧表述: campaigns (and other work of fixed years) of other years written as this
year's work, formulations that are outdated in the report year or did not exist yet."""

from __future__ import annotations

import re
from functools import cache

from shuzhi.checker.document import Document
from shuzhi.checker.registry import make
from shuzhi.checker.rules.stale_reference.common import (
    CLAUSE_END,
    RULE,
    Lazy,
    Names,
    clause_before,
    data,
    is_history,
    sentence,
)
from shuzhi.text.years import YEAR

# a campaign written as this year's work: a verb or "this year" before it in its clause (开展…,
# 今年…: it is done now), or a word that may also tell what it brought (通过…, 以…, 在…)
_CAMPAIGN_DONE_BEFORE = Lazy(r"(?:开展|启动|部署|参加|参与|推进|组织|抓好|抓实|做好|落实|实施|投入|今年|本年|年内|全年"
                             r"|召开|举办|举行|成立|牵头|督导)[^，。；]{0,8}$")
_CAMPAIGN_PERHAPS_BEFORE = Lazy(r"(?:完成|聚焦|紧扣|对照|迎接|配合|^把|[，、]把|^以|[，、]以|通过|结合|借助|按照|围绕|^在|[，、]在)[^，。；]{0,8}$")
# …扎实开展, or the campaign's own organs and meetings (党史学习教育领导小组, …专题民主生活会): done
# now; 以…为契机 / 在…中: perhaps
_CAMPAIGN_DONE_AFTER = Lazy(r"^[”\"]?(?:[^。；，]{0,4}(?:扎实|深入|全面)?(?:开展|推进|启动)(?!以来)|作为(?:今年|全年|本年|年度)|(?:动员(?:部署)?(?:大)?会|推进会"
                            r"|领导小组|(?:第[一二三四五六七八九十]+)?(?:巡回)?指导组|工作专班|专题民主生活会|专题组织生活会|(?:专题)?读书班))")
_CAMPAIGN_PERHAPS_AFTER = Lazy(r"^[”\"]?(?:为契机|为抓手|为牵引|为载体|为引领|中[，,])")
# …成果, …以来, 去年开展的…, 2024年党纪学习教育中查摆的问题: what a campaign left behind, or history
_CAMPAIGN_KEEP = Lazy(r"巩固|深化|拓展|常态|长效|延续|总结|成果|回头看|去年|上年|上一年|此前|曾|前期")
_CAMPAIGN_KEEP_AFTER = Lazy(r"^[”\"]?[^。；，]{0,4}(?:成果|常态化|长效化|以来|期间|结束|收官|圆满|总结|基础上|的基础|经验"
                            r"|中(?:查摆|发现|梳理|形成|建立|制定)|查摆|整改|时)")


# `closing`: a year whose January only wound the campaign up (第二批 2024年1月总结): there, a
# sentence that tells its close is right, one that has it carried out that year is not
_CLOSING = Lazy(r"收官|总结|结束|告一段落|第二批")


# a campaign's own 专题民主生活会 (专题组织生活会) closes it at the turn of the year after it: the
# 2021年度 党史学习教育专题民主生活会 was held in January–February 2022; one said to be held late
# in that year (下半年, 12月) is not that one
_CLOSING_MEETING = Lazy(r"^[”\"]?专题(?:民主|组织)生活会")
_LATE_IN_YEAR = Lazy(r"下半年|年底|年末|岁末|(?<![0-9])(?:[4-9]|1[0-2])月")


def _closing_meeting(text: str, start: int, end: int, year: int, ranges: list[tuple[int, int]]) -> bool:
    """The campaign at ``start:end`` names its closing meeting, held early in ``year``, the year
    after the campaign (年初，我结合街道班子党史学习教育专题民主生活会的准备… in a 2022 report)."""
    if not any(last + 1 == year for _, last in ranges) or not _CLOSING_MEETING.match(text[end:end + 10]):
        return False
    return _LATE_IN_YEAR.search(sentence(text, start, end)) is None


def _campaign_years(campaign: dict) -> list[tuple[int, int]]:
    """The year ranges in which the campaign ran: ``years`` and any ``also``."""
    return [tuple(campaign["years"]), *map(tuple, campaign.get("also", []))]


def _when(ranges: list[tuple[int, int]]) -> str:
    return "、".join(f"{a}年" if a == b else f"{a}—{b}年" for a, b in ranges)


def _campaign_now(text: str, start: int, end: int, ranges: list[tuple[int, int]]) -> str | None:
    """How the campaign at ``start:end`` is written as work of the report year: "done" (开展…,
    今年…, …扎实开展, a section of its own), "perhaps" (通过…, 以…为契机: perhaps what it brought),
    or None."""
    before = clause_before(text, start, 16, CLAUSE_END + "，")
    after = text[end:end + 10]
    if _CAMPAIGN_KEEP.search(before) or _CAMPAIGN_KEEP_AFTER.match(after):
        return None
    said = [int(y) for y in re.findall(YEAR, before)]
    if said and any(a <= said[-1] <= b for a, b in ranges):
        return None  # 2024年党纪学习教育: named with its own year
    if _CAMPAIGN_DONE_BEFORE.search(before) or _CAMPAIGN_DONE_AFTER.match(after) or _heads(text, start, end):
        return "done"
    return "perhaps" if _CAMPAIGN_PERHAPS_BEFORE.search(before) or _CAMPAIGN_PERHAPS_AFTER.match(after) else None


_HEADING_START = Lazy(r"^[ \t\u3000]*(?:[（(]?[一二三四五六七八九十\d]{1,2}[)）、．.][ \u3000]*)?[“\"]?$")


def _heads(text: str, start: int, end: int) -> bool:
    """The campaign heads a section of its own (三、党纪学习教育开展情况): this year's work."""
    line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    return len(line.strip()) <= 30 and "。" not in line and bool(_HEADING_START.match(text[line_start:start]))


def _needles(entry: dict) -> list[str]:
    return entry.get("needles") or [entry["needle"]]


@cache
def _campaign_needles() -> Names:
    return Names(_needles(c) for _, c in data().campaigns)


@cache
def _obsolete_needles() -> Names:
    return Names(_needles(o) for _, o in data().obsolete)


def campaigns(doc: Document, year: int):
    """A campaign, 专项行动 or survey of other years written as this year's work."""
    text = doc.text
    for i in _campaign_needles().found(text):
        pattern, campaign = data().campaigns[i]
        ranges = _campaign_years(campaign)
        # next year's campaign may stand in the plans (2024年，将扎实开展党纪学习教育)
        if any(first <= year + 1 and year <= last for first, last in ranges):
            continue
        for m in pattern.finditer(text):
            group = 1 if pattern.groups else 0
            now = _campaign_now(text, m.start(group), m.end(group), ranges)
            if not now or _closing_meeting(text, m.start(group), m.end(group), year, ranges) or (year in campaign.get("closing", ()) and
                           _CLOSING.search(sentence(text, m.start(group), m.end(group)))):
                continue
            # an error where the sentence tells it as this year's work: the campaign's years are public
            # (`severity: warning` for work whose years differ from place to place)
            sure = now == "done" and campaign.get("severity") != "warning"
            yield make(doc, RULE, m.start(group), m.group(group), f"“{campaign['name']}”是{_when(ranges)}开展的"
                       f"{campaign.get('kind', '学习教育')}，写成{year}年开展的工作疑为沿用旧稿"
                       + ("" if sure else "，请核实"), severity="error" if sure else "warning", basis=campaign["basis"])


# a yearly 专项行动 named with its year: “净网2023”, “清朗·2023”, “昆仑-2022”
_NAMED_ACTION = Lazy(rf"[“\"]([\u4e00-\u9fff]{{1,8}}?)[·\-－—]?({YEAR})[”\"](?:专项行动|专项|行动|系列)?")


def named_actions(doc: Document, year: int):
    """开展“净网2023”专项行动 in a 2024 report: a yearly action of another year written as this
    year's work."""
    text = doc.text
    if "“" not in text and '"' not in text:
        return
    for m in _NAMED_ACTION.finditer(text):
        held = int(m.group(2))
        if held >= year or not _campaign_now(text, m.start(), m.end(), [(held, held)]):
            continue
        yield make(doc, RULE, m.start(), m.group(), f"“{text[m.start() + 1:m.end(2)]}”是{held}年的专项行动，"
                   f"写成{year}年开展的工作疑为沿用旧稿，请核实", severity="warning",
                   basis="实务惯例（以年份命名的专项行动每年部署一次）")


def formulations(doc: Document, year: int):
    """A formulation outdated in Y (not told as the past), or one not yet said in Y."""
    text = doc.text
    reported: set[tuple[str, int]] = set()  # (group, line)
    for i in _obsolete_needles().found(text):
        pattern, entry = data().obsolete[i]
        if year < entry["from"] or year > entry.get("until", year):
            continue
        for m in pattern.finditer(text):
            if entry.get("history") and is_history(text, m.start(), m.end(), year):
                continue
            if "unless" in entry and re.search(entry["unless"], sentence(text, m.start(), m.end())):
                continue
            line = doc.position(m.start())[0]
            if "group" in entry and (entry["group"], line) in reported:
                continue
            reported.add((entry.get("group", ""), line))
            yield make(doc, RULE, m.start(), m.group(), entry["message"].format(year=year),
                       severity=entry["severity"], basis=entry["basis"])
