"""Figures and items in a record's sentences, by rules: "全年召开党风廉政建设专题会议4次",
"新发展党员2名", "完成率100%" become figures (name, value, unit) with their sentence as item.

A number counts when a counter follows it (次 名 人次 场 项 个 条 份 …, or %). It does not
when it is a date, a time, an ordinal (第2次), a document number (〔2024〕3号), a phone or room
number (no counter), in a sentence about a plan (计划 拟 将), about another year (2023年度
民主评议…), or a rule (每月至少1次) or attendance (应到5人，实到5人). A ledger row's date cell
is the when, not the what: the item is the row's work.
"""

from __future__ import annotations

import re

from shuzhi.extract.found import Found, number_value
from shuzhi.extract.sections import Sections
from shuzhi.facts import Figure, Source
from shuzhi.text.sentences import sentences

UNITS = ("万人次", "余人次", "余篇次", "人次", "篇次", "万次", "万元", "次", "名", "人", "场", "项", "个", "条",
         "份", "部", "篇", "起", "种", "期", "批", "家", "户", "册", "本", "件", "台", "套", "元", "小时", "学时",
         "课时", "天", "%", "％")
_NUMBER = re.compile(r"(?<![\d.．:：〔\-—/第])(\d+(?:\.\d+)?)\s*((?:余|多)?(?:" +
                     "|".join(map(re.escape, UNITS)) + r"))")
_PLAN = re.compile(r"计划|拟于|拟定|将要|准备|下一步|明年")
_RULE = re.compile(r"每月|每周|每季度|每年|至少|不少于|不低于|应到|实到|缺席|请假")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_COMPARE = re.compile(r"较|比|同比|环比")
_DATE_CELL = re.compile(r"^(?:(?:19|20)\d{2}年)?\d{1,2}月(?:\d{1,2}日)?(?:\s*[—\-至~]\s*\d{1,2}月(?:\d{1,2}日)?)?$|"
                        r"^(?:(?:19|20)\d{2}年)?(?:第[一二三四]季度|上半年|下半年|全年)$|^时间$")
_DATE_LEAD = re.compile(r"^(?:(?:19|20)\d{2}年)?\d{1,2}月(?:\d{1,2}日)?[，,、\s]*")
_CLAUSE = re.compile(r"[^，,；;。！？：:]+")
_NAME_LEAD = re.compile(r"^(?:全年|本年度|本季度|本月|当月|共|累计|其中|另|并|同时|先后|组织|开展|召开|完成|举办|"
                        r"参加|新增|推荐|提供|审核|签订|发展|确定|排查|处置)+")


def line_found(text: str, source: Source, year: int | None, sections: Sections) -> list[Found]:
    """Figures and items of one line of a document (a paragraph or a table row)."""
    cells = text.split("\t")
    if len(cells) > 1:
        work = [c for c in cells if c.strip() and not _DATE_CELL.match(c.strip())]
        if len(work) == len(cells):
            return _cells_found(cells, source, sections) or _sentences_found(" ".join(cells), source, year, sections)
        text = "；".join(work)
        if not text or all(len(c.strip()) <= 4 for c in cells):
            return []  # a header row: 时间 | 工作内容
        found = _sentences_found(text, source, year, sections)
        # a ledger row: its work is an item even without a figure
        if not any(f.item for f in found):
            found.append(Found(sections.assign(text), item=text.strip(), source=source))
        return found
    return _sentences_found(_DATE_LEAD.sub("", text.strip()), source, year, sections)


def _cells_found(cells: list[str], source: Source, sections: Sections) -> list[Found]:
    """A two-column row "召开支委会 | 12次": a name and its value."""
    if len(cells) != 2:
        return []
    match = _NUMBER.fullmatch(cells[1].strip())
    if not match or not cells[0].strip():
        return []
    name = cells[0].strip()
    figure = Figure(name=name[:200], value=number_value(match.group(1)), unit=match.group(2),
                    source=source.model_copy(update={"quote": "\t".join(cells)[:500]}))
    return [Found(sections.assign(name), figure=figure)]


def _sentences_found(text: str, source: Source, year: int | None, sections: Sections) -> list[Found]:
    found: list[Found] = []
    for sentence in sentences(text, clauses=True):
        figures = list(_figures(sentence, source, year, sections))
        if figures:
            item = sentence.strip().rstrip("；;")
            section = figures[0].section or sections.assign(sentence, text)
            found.extend(figures)
            found.append(Found(section, item=item, source=source))
    return found


def _figures(sentence: str, source: Source, year: int | None, sections: Sections):
    if _PLAN.search(sentence) or _other_year(sentence, year):
        return
    for clause_match in _CLAUSE.finditer(sentence):
        clause = clause_match.group(0)
        if _RULE.search(clause):
            continue
        start = 0  # a clause may count two things: 召开支委会12次、支部党员大会4次
        for match in _NUMBER.finditer(clause):
            value, unit = match.group(1), match.group(2).replace("％", "%")
            name, start = _name(clause, match, start), match.end()
            if len(value.split(".")[0]) > 6:
                continue  # a phone number or an account, never a count
            if not name:
                continue
            figure = Figure(name=name, value=number_value(value), unit=unit,
                            source=source.model_copy(update={"quote": clause.strip()[:500]}))
            yield Found(sections.assign(clause, sentence), figure=figure)


def _other_year(sentence: str, year: int | None) -> bool:
    """A sentence about another year's results (通报2023年度民主评议结果) — not a comparison."""
    if year is None or _COMPARE.search(sentence):
        return False
    return any(int(y) != year for y in _YEAR.findall(sentence))


def _name(clause: str, match: re.Match, start: int = 0) -> str:
    """What the number counts: the clause's words before it (after the previous figure),
    else those after its counter."""
    before = clause[start: match.start()].strip(" 、“”")
    before = stripped if len(stripped := _NAME_LEAD.sub("", before)) >= 3 else before
    before = re.sub(r"[\d.]+(?:余|多)?$", "", before).strip(" 、")
    after = re.split(r"[，,；;。、\d]", clause[match.end():])[0].strip()  # up to the next figure
    # 参加党员21人 names itself; 全馆8个宣传阵地, 等3个重点岗位 are named by what follows
    if len(before) >= 2 and (len(after) < 2 or (len(before) >= 4 and not before.endswith("等"))):
        return before[-40:]
    return (before + after)[:40] if len(before + after) >= 2 else ""
