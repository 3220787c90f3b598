"""年份矛盾 and 超前年份: the report year as the title, the 导语, the headings, the plans and the
date declare it; 今年（2023年）, a year compared with itself, last year's sentences left in; and
years after Y+1."""

from __future__ import annotations

import re

from shuzhi.checker.document import Document
from shuzhi.checker.registry import Context, make
from shuzhi.checker.rules.stale_reference.common import RULE, Lazy, clause_before
from shuzhi.text.numerals import cn_to_int
from shuzhi.text.years import CN_YEAR, DATE_LINE, YEAR, year_value

# a year as the title, the 导语, a heading or the plans write it: 2023 or 二〇二三
_ANY_YEAR = rf"(?:{YEAR}|{CN_YEAR})"
_CN_DIGITS = "〇一二三四五六七八九"


def _value(written: str) -> int:
    """The year ``written`` names, 0 if it is none (一二三四 is a list, not a year)."""
    value = year_value(written) or 0
    return value if 1900 <= value <= 2099 else 0


def _like(written: str, value: int) -> str:
    """``value`` written as ``written`` is (二〇二三 → 二〇二四; 2023 → 2024)."""
    return str(value) if written.isdigit() else "".join(_CN_DIGITS[int(d)] for d in str(value))


_OPENING_YEAR = Lazy(rf"^[ \t\u3000]*(?:回顾)?({_ANY_YEAR})[ \u3000]?年(?:[，,度里]|以来|是)")
_HORIZONS = {2030, 2035, 2049, 2050, 2060}
_DECLARED = Lazy(rf"(?:现将|现就|现把|特将|下面(?:我)?(?:将|就|把)|我(?:将|就|把)|^本人(?=[\d〇一二]))(?:本人)?[^。\n]{{0,16}}?"
                 rf"({_ANY_YEAR})[ \u3000]?年(?:度)?[^。\n]{{0,30}}?(?:(?:报告|汇报|总结|述职)(?:如下|一下)|情况如下)")
_PLAN_HEAD = Lazy(rf"({_ANY_YEAR})[ \u3000]?年(?:度)?(?:的)?(?:工作)?(?:打算|计划|思路|安排|设想|努力方向|工作重点)")
_PLAN_HEAD_END = Lazy(r"年(?:度)?(?:的)?(?:工作)?(?:打算|计划|思路|安排|设想|努力方向|工作重点)")  # what follows its year
_MONTH = Lazy(r"年[ \t\u3000]*(\d{1,2}|[一二三四五六七八九十]{1,2})[ \t\u3000]*月")
_YEAR_BASIS = "实务惯例（述职报告的标题、导语和正文应写同一报告年度）"
_ONE_YEAR = Lazy(r"一年来|今年以来")  # the 导语 itself says the report is of one year
# 2023年以来，我担任……: since he took the post
_TENURE = Lazy(r"[ \u3000]?年(?:度)?以来[，,]?[^，。；\n]{0,12}?(?:任|到|调|主持|分管|履新)")
_RATED = Lazy(r"[^，。；\n]{0,6}?(?:考核|评为|获评|荣获|被评|等次)")  # 2023年度考核优秀: last year's rating, rightly
# a 落款 of year and month only: 2023年12月, 二〇二三年十二月
_MONTH_LINE = Lazy(rf"^[ \t\u3000]*(\d{{4}}|{CN_YEAR})[ \t\u3000]*年[ \t\u3000]*(?:\d{{1,2}}|[一二三四五六七八九十]{{1,2}})[ \t\u3000]*月[ \t\u3000]*$")


def _opening_lines(doc: Document, count: int = 3) -> list[int]:
    """The first ``count`` non-empty lines after the title (blank lines between paragraphs do not
    push the 导语 out of reach)."""
    start = (doc.title_index + 1) if doc.title_index is not None else 0
    return [i for i in range(start, len(doc.lines)) if doc.lines[i].strip()][:count]


def declared_year(doc: Document) -> int | None:
    """The year the preamble declares (现将2023年度……报告如下; 2023年，我……), if any."""
    if not doc.whole:
        return None
    for i in _opening_lines(doc):
        match = _OPENING_YEAR.match(doc.lines[i]) or _DECLARED.search(doc.lines[i])
        if match and _value(match.group(1)):
            return _value(match.group(1))
    return None


def report_years(doc: Document, ctx: Context, year: int):
    """年份矛盾: the title, the opening, the 导语, the plans' heading or the date naming another year."""
    if not doc.whole:
        return
    if ctx.year_given and doc.title_year and doc.title_year[0] != year:
        written, offset = doc.title_year
        shown = doc.text[offset:offset + 4]  # 2023 or 二〇二三
        yield make(doc, RULE, offset, shown, f"标题年份{written}与报告年度{year}不符",
                   suggestion=_like(shown, year), fixable=True, basis=_YEAR_BASIS)
    seen: set[int] = set()
    # the 导语 may follow a salutation, the author's name and unit: 现将……报告如下 in the first lines
    for n, i in enumerate(_opening_lines(doc, 8)):
        line, base = doc.lines[i], doc.line_starts[i]
        for match in filter(None, (_OPENING_YEAR.match(line) if n < 3 else None, _DECLARED.search(line))):
            written = _value(match.group(1))
            since = bool(re.match(r"[ \u3000]?年(?:度)?以来", line[match.end(1):]))  # 2021年以来: a span
            # 2023年以来，局党组…… 现将一年来的工作总结如下 (2025): the span of an old draft, not a tenure
            one_year = since and bool(_ONE_YEAR.search(line)) and not _TENURE.match(line, match.end(1))
            ahead = match.group(0).endswith("是") and written > year  # 2025年是……: next year's plans
            if not written or written == year or abs(written - year) > 5 or ahead or \
                    (since and written < year - 1 and not one_year) \
                    or base + match.start(1) in seen or _RATED.match(line, match.end()):
                continue  # 2021年以来: a span of years; 1998年，我参加工作: a biography, not the report year
            seen.add(base + match.start(1))
            soft = (since and not one_year) or match.group(0).endswith("是")  # 2023年是……: perhaps context
            said = f"（导语说的是“{_ONE_YEAR.search(line).group()}”的工作）" if one_year else ""
            yield make(doc, RULE, base + match.start(1), match.group(1),
                       f"开头年份{written}与报告年度{year}不符{said}" + ("，请核实" if soft else ""),
                       suggestion=None if one_year else _like(match.group(1), year),
                       fixable=not soft and not one_year, severity="warning" if soft else "error", basis=_YEAR_BASIS)
    yield from _heading_years(doc, year)
    yield from _plan_and_date_years(doc, year)
    yield from _plan_sentence_years(doc, year)
    yield from _relative_years(doc, year)
    opening = _opening_lines(doc)
    if opening:
        yield from _sentence_years(doc, year, doc.line_starts[opening[-1]] + len(doc.lines[opening[-1]]))


# a year in a heading that is not the report's: not a span (2021年以来, 自2020年起) or a comparison
_HEADING_YEAR = Lazy(rf"(?<![比较与同自从到至\d〇零一二三四五六七八九])({_ANY_YEAR})[ \u3000]?年(?:度)?"
                     rf"(?!(?:底|末|初|(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})月(?:份)?)?以来|起|至|到|—|-|~|～|底前|前|底|末)")
# a heading about last year's findings and their 整改 (关于2023年巡察反馈问题整改情况): that year is right
_HEADING_LAST_YEAR = Lazy(r"整改|反馈|巡视|巡察|审计|督查|查摆|民主生活会|评议|考核|对照|上年|去年")


def _heading_years(doc: Document, year: int):
    """A section heading of the year before (一、2022年主要工作 in a 2023 report)."""
    for section in doc.sections:
        if not section.level:
            continue
        index = section.line - 1 - doc.line_offset
        for m in _HEADING_YEAR.finditer(doc.lines[index]):
            written = _value(m.group(1))
            if written == year + 1 and not _PLANS_WORD.search(doc.lines[index]):
                yield make(doc, RULE, doc.line_starts[index] + m.start(1), m.group(1),
                           f"小标题年份{written}是报告年度{year}的次年，这里写的不是下一年打算，请核实",
                           severity="warning", basis=_YEAR_BASIS)
            elif 0 < written < year and not _HEADING_LAST_YEAR.search(doc.lines[index]):
                yield make(doc, RULE, doc.line_starts[index] + m.start(1), m.group(1),
                           f"小标题年份{written}与报告年度{year}不符", suggestion=_like(m.group(1), year), fixable=True,
                           basis=_YEAR_BASIS)


_PLANS_WORD = Lazy(r"打算|计划|思路|安排|设想|方向|重点|目标|任务|下一步|展望|谋划|举措|措施")
_NEXT_STEP = Lazy(r"下一步|今后|新的一年|明年|来年|展望")
_PLAN_DONE = Lazy(r"完成|对照|按照|落实|执行|根据|围绕|实现")


def _is_plans_heading(doc: Document, offset: int) -> bool:
    """Whether a "YYYY年工作打算" at ``offset`` heads the plans: a short line of its own, or
    a sentence that says it is about what comes next."""
    before = clause_before(doc.text, offset, 16)
    if _PLAN_DONE.search(before):
        return False  # （三）完成2024年工作计划情况: this year's plan, carried out
    line_index = doc.position(offset)[0] - 1 - doc.line_offset
    line = doc.lines[line_index].strip()
    if len(line) <= 30 and "。" not in line.rstrip("。"):
        return True
    return bool(_NEXT_STEP.search(before))


def _plan_heads(text: str):
    """``_PLAN_HEAD.finditer(text)``, each found from its 年 (a literal, found fast) and the year
    just before it, instead of a year tried at every digit and numeral of the text."""
    end = 0
    for tail in _PLAN_HEAD_END.finditer(text):
        for start in (tail.start() - 5, tail.start() - 4):  # 2024 年 / 2024年
            if start >= end and (m := _PLAN_HEAD.match(text, start)):
                yield m
                end = m.end()
                break


def _plan_and_date_years(doc: Document, year: int):
    text = doc.text
    for m in _plan_heads(text):
        written = _value(m.group(1))
        if not written or written > year or not _is_plans_heading(doc, m.start()):
            continue  # 对照2024年工作计划，完成了…: the plan of the year reported on
        yield make(doc, RULE, m.start(1), m.group(1),
                   f"下一步打算的年份{written}与报告年度{year}不符（应为{year + 1}年）",
                   suggestion=_like(m.group(1), year + 1), fixable=True, basis=_YEAR_BASIS,
                   severity="error" if written < year else "warning")
    for i in range(max(0, len(doc.lines) - 4), len(doc.lines)):
        match = DATE_LINE.match(doc.lines[i]) or _MONTH_LINE.match(doc.lines[i])
        if not match:
            continue
        dated = year_value(match.group(1)) or year
        month = _MONTH.search(doc.lines[i])
        if dated < year:
            yield make(doc, RULE, doc.line_starts[i] + match.start(1), match.group(1),
                       f"落款日期的年份{match.group(1)}早于报告年度{year}", basis=_YEAR_BASIS)
        elif dated == year and month and (cn_to_int(month.group(1)) or int(month.group(1))) <= 6:
            # 2024年1月8日 under a 2024 report: the date of last year's report, left in
            yield make(doc, RULE, doc.line_starts[i] + match.start(1), doc.lines[i].strip(),
                       f"落款日期在{year}年上半年，早于报告年度结束，疑为沿用上一年报告的落款，请核实",
                       severity="warning", basis=_YEAR_BASIS)


# in the plans' section: 2024年，我将…… in a 2024 report (the plans are for 2025)
_PLAN_SENTENCE = Lazy(rf"(?:^|[。；！？\n])[ \t\u3000]*(?:[（(]?[一二三四五六七八九十\d]{{1,2}}[)）、．.][ \u3000]*)?"
                      rf"({_ANY_YEAR})[ \u3000]?年(?:度)?[，,]?(?:我|本人|我们|我局|全局|全院|支部|党委|党组)?(?:将|要|计划|力争|准备)")
_PLANS_HEADING = Lazy(r"下一步|打算|今后|明年|来年|新的一年|努力方向|工作计划|工作思路|展望")


def plans_part(doc: Document) -> tuple[int, int] | None:
    """(start, end) of the 下一步打算 part: the first top-level section headed for the plans."""
    plans = next((s for s in doc.sections if s.level == 1 and _PLANS_HEADING.search(s.heading)), None)
    if plans is None:
        return None
    return plans.start, next((s.start for s in doc.sections if s.level == 1 and s.start > plans.start), len(doc.text))


def _plan_sentence_years(doc: Document, year: int):
    """A sentence of the plans' section that gives them a year other than Y+1."""
    part = plans_part(doc)
    if part is None:
        return
    for m in _PLAN_SENTENCE.finditer(doc.text, max(0, part[0] - 1), part[1]):
        written = _value(m.group(1))
        if written and written <= year:
            yield make(doc, RULE, m.start(1), m.group(1), f"下一步打算写的是{written}年，报告年度为{year}年，"
                       f"打算应为{year + 1}年", suggestion=_like(m.group(1), year + 1), fixable=True,
                       severity="warning", basis=_YEAR_BASIS)


_RELATIVE = Lazy(rf"(今年|本年度|本年|一年来|去年|上年度|上年|上一年|明年|下一年|来年)[（(]({YEAR})年?(?:度)?[）)]"
                 rf"|({YEAR})年(?:度)?[（(](今年|本年度|本年|去年|上年度|上年|上一年|明年|下一年|来年)[）)]")
_OFFSETS = {"今年": 0, "本年度": 0, "本年": 0, "一年来": 0, "去年": -1, "上年度": -1, "上年": -1, "上一年": -1, "明年": 1,
            "下一年": 1, "来年": 1}
# 较2024年增长 in a 2024 report: the year compared with itself (not 较2024年初, 比2024年同期)
_SELF_COMPARED = Lazy(rf"(?:比|较|同比|相比|相较)(?:于)?({YEAR})[ \u3000]?年(?:度)?(?!初|底|年初|年底|末|上半年|下半年|同期|[一二三四]季度|\d|[一二三四五六七八九十]+月)")


# a sentence that opens with a year (2023年，全局共办理……), after the opening lines
_SENTENCE_YEAR = Lazy(rf"(?:^|[。；！？\n])[ \t\u3000]*(?:[（(]?[一二三四五六七八九十\d]{{1,2}}[)）、．.][ \u3000]*)?"
                      rf"({YEAR})[ \u3000]?年(?:度)?(?:全年|前三季度|上半年|1[—–\-－~～至到]1[01]月(?:份)?)?[，,]([^。；！？\n]{{0,60}})")
_YEAR_CONTEXT = Lazy(r"以来|到任|任职|调任|任命|担任|起|至今|较|比|同比|基础|首次|当时|回顾|那年|去年|上年|期间|曾|"
                     r"时[，,]|后[，,]|之前|以前|评为|获评|荣获|考核|批复|印发|出台|召开|今年|本年|增长|下降|增加|减少")


def _sentence_years(doc: Document, year: int, opening_end: int):
    """A sentence in the body that opens with the year before Y and tells it as this year's work
    (2023年，全局共办理案件120件 in a 2024 report): last year's figures left in."""
    if str(year - 1) not in doc.text:
        return  # only that year is flagged
    for m in _SENTENCE_YEAR.finditer(doc.text, opening_end):
        written = int(m.group(1))
        if written == year - 1 and not _YEAR_CONTEXT.search(m.group(2)):
            yield make(doc, RULE, m.start(1), m.group(1), f"正文以{written}年开头叙述工作，与报告年度{year}不符，"
                       f"疑为沿用上一年材料，请核实", severity="warning", basis=_YEAR_BASIS)


def _relative_years(doc: Document, year: int):
    """今年（2023年） in a 2024 report, 较2024年增长 in a 2024 report: years that contradict Y."""
    text = doc.text
    if "年）" in text or "年)" in text or "年（" in text or "年(" in text:
        for m in _RELATIVE.finditer(text):
            word, written, start = (m.group(1), m.group(2), m.start(2)) if m.group(1) else \
                (m.group(4), m.group(3), m.start(3))
            expected = year + _OFFSETS[word]
            if int(written) != expected:
                yield make(doc, RULE, start, written, f"“{word}”应为{expected}年，与所写的{written}年不符",
                           suggestion=str(expected), fixable=True, basis=_YEAR_BASIS)
    for m in _SELF_COMPARED.finditer(text):
        if int(m.group(1)) == year:
            yield make(doc, RULE, m.start(1), m.group(1), f"{year}年度报告与{year}年本身作比较，"
                       f"疑为上一年的数字（应为与{year - 1}年相比），请核实", severity="warning", basis=_YEAR_BASIS)


# an Arabic year before 年 (``YEAR_WORD``), the digit or point before it looked at in ``future_years``:
# a pattern that begins with a look-behind is tried at every character, one that begins with a digit
# only at digits
_YEAR_WORD = Lazy(rf"({YEAR})(?=[ \t\u3000]*年)")


def future_years(doc: Document, year: int):
    text = doc.text
    title_offset = doc.title_year[1] if doc.title_year else -1
    for m in _YEAR_WORD.finditer(text):
        value = int(m.group(1))
        if value <= year + 1 or value in _HORIZONS or m.start() == title_offset or \
                (m.start() and (text[m.start() - 1].isdecimal() or text[m.start() - 1] == ".")):
            continue  # not part of a longer number (12023年, 3.2030年)
        before = text[max(0, m.start() - 3):m.start()]
        if re.search(r"[到至～~—–-]", before) or text[m.end():m.end() + 3].startswith(("年前", "年以前")):
            continue
        if re.search(r"百年|远景", text[m.end():m.end() + 10]):
            continue  # 2027年实现建军百年奋斗目标, 2035年远景目标: national horizons, not a slip
        yield make(doc, RULE, m.start(), m.group(1),
                   f"年份{value}晚于报告年度{year}的次年，疑为笔误或沿用他年材料",
                   severity="warning", basis="实务惯例（报告年度次年之后的年份多为沿用他年材料）")
