"""``stale-reference`` — dates, sessions, campaigns and bodies that do not fit the report year Y
(error/warning).

Y is ``--year`` (or the facts' year), else the year in the title, else the year the preamble
declares (现将2023年度……报告如下). Sub-kinds:

* 年份矛盾 (error): the title's or the preamble's year differs from Y (或 from each other);
  下一年的打算 headed with a year other than Y+1; a 落款 date before Y. Y+1 is normal: the date of
  writing and next year's plans.
* 超前年份 (warning): a year after Y+1; planning horizons (2030/2035/2049/2050/2060) and 到/至
  ranges are not flagged.
* 会议过时 (error): a session of an earlier term (十九大, 十九届X中全会, 十九届中央纪委X次全会)
  cited as current study content (学习/贯彻…, or …精神) once the next congress has met before Y;
  "即将召开的/喜迎二十大" after the congress; a session held after Y+1 January (anachronism).
  Historical mentions (十九届六中全会通过的决议, 十九大以来) are not flagged.
* 最新全会缺失 (warning): the text lists plenums (或中央纪委全会) as study content but not the
  latest one held by the end of Y.
* 学习教育/规划/旧表述 (warning): a campaign of another year as "开展…" (巩固/常态长效… are
  current wording), a five-year plan's 开局/收官 in the wrong year (以“十四五”开局为契机 in 2026) or
  a finished plan as current, outdated goals (决胜全面建成小康社会…).
* 机构已撤并 (warning; error for central bodies): a body that no longer exists in Y named as one
  that does (国税局/地税局 after the 2018 merger), not history (原地税局, 国税地税合并).
* 周年 (error): 建党/新中国成立/改革开放 X周年 off by more than one year from Y.

Data: ``checker/data/sessions.yaml`` (sessions, campaigns, plans, anniversaries, goals) and
``checker/data/bodies.yaml``; every finding names the public document it rests on.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from functools import cache

from shuzhi.checker.data import load
from shuzhi.checker.document import Document
from shuzhi.checker.registry import Context, make
from shuzhi.text.numerals import DIGITS, NUMERAL_CHARS, cn_number, cn_to_int
from shuzhi.text.years import DATE_LINE, YEAR, YEAR_WORD, year_value

ID = "stale-reference"
SEVERITY = "error"
BASIS = "中央文件表述"
DOCUMENT_LEVEL = False
RULE = sys.modules[__name__]

_TERM = "(十八|十九|二十一|二十)"  # the congresses a report of these years may name
_PLENUM = re.compile(rf"{_TERM}届((?:[{DIGITS}]中[、和及与]?)+)全会")
_CONGRESS = re.compile(rf"(?<![{DIGITS}十]){_TERM}大(?![学会厅型])")
_DISCIPLINE = re.compile(rf"{_TERM}届(?:中央纪委|中纪委)(?:([{DIGITS}])次全会|工作报告)")
_UPCOMING = re.compile(rf"(?:即将召开的|喜迎|迎接)(?:党的)?{_TERM}大")
_STUDY_BEFORE = re.compile(r"学习|贯彻|落实|领会|传达|宣讲|研讨|为指导|精神")
_STUDY_AFTER = re.compile(r"^[^。；！？\n，]{0,12}?(精神|报告|公报|决定|部署|要求)")
_HISTORICAL_AFTER = re.compile(r"^(?:[^。；，\n]{0,6}?)(通过|作出|提出|审议|以来|召开以来|期间|前后|胜利闭幕)")
_DATA_KEYS = {"plenum": "plenums", "discipline": "discipline"}
_CLAUSE_END = "。；！？\n"
_OPENING_YEAR = re.compile(rf"^[ \t\u3000]*({YEAR})年(?:[，,度]|以来)")
_HORIZONS = {2030, 2035, 2049, 2050, 2060}
_ANNIVERSARY_NUM = rf"(\d{{1,3}}|[{NUMERAL_CHARS}]{{1,5}})周年"


@cache
def _data():
    data = load("sessions")
    anniversaries = [(re.compile(f"(?:{a['pattern']}){_ANNIVERSARY_NUM}"), a["base"])
                     for a in data["anniversaries"]]
    campaigns = [(re.compile(c["pattern"]), c) for c in data["campaigns"]]
    obsolete = [(re.compile(o["pattern"]), o) for o in data["obsolete"]]
    return data, anniversaries, campaigns, obsolete


def check(doc: Document, ctx: Context):
    year = ctx.year or doc.year or _declared_year(doc)
    if year is None:
        return
    yield from _report_years(doc, ctx, year)
    yield from _future_years(doc, year)
    yield from _sessions(doc, year)
    yield from _campaigns_and_formulations(doc, year)
    yield from _plans(doc, year)
    yield from _bodies(doc, year)
    yield from _anniversaries(doc, year)


# -- the report year, as the title, the preamble, the plans and the date declare it ---------------
_DECLARED = re.compile(rf"现将(?:本人)?[^。\n]{{0,16}}?({YEAR})[ \u3000]?年(?:度)?[^。\n]{{0,30}}?(?:报告|汇报|总结|述职)如下")
_PLAN_HEAD = re.compile(rf"({YEAR})[ \u3000]?年(?:度)?(?:的)?(?:工作)?(?:打算|计划|思路|安排|设想|努力方向|工作重点)")
_YEAR_BASIS = "实务惯例（述职报告的标题、导语和正文应写同一报告年度）"


def _opening_lines(doc: Document) -> range:
    start = (doc.title_index + 1) if doc.title_index is not None else 0
    return range(start, min(start + 3, len(doc.lines)))


def _declared_year(doc: Document) -> int | None:
    """The year the preamble declares (现将2023年度……报告如下; 2023年，我……), if any."""
    if not doc.whole:
        return None
    for i in _opening_lines(doc):
        match = _OPENING_YEAR.match(doc.lines[i]) or _DECLARED.search(doc.lines[i])
        if match:
            return int(match.group(1))
    return None


def _report_years(doc: Document, ctx: Context, year: int):
    """年份矛盾: the title, the opening, the 导语, the plans' heading or the date naming another year."""
    if not doc.whole:
        return
    if ctx.year_given and doc.title_year and doc.title_year[0] != year:
        written, offset = doc.title_year
        yield make(doc, RULE, offset, str(written), f"标题年份{written}与报告年度{year}不符",
                   suggestion=str(year), fixable=True, basis=_YEAR_BASIS)
    seen: set[int] = set()
    for i in _opening_lines(doc):
        line, base = doc.lines[i], doc.line_starts[i]
        for match in filter(None, (_OPENING_YEAR.match(line), _DECLARED.search(line))):
            written = int(match.group(1))
            since = match.group(0).endswith("以来")
            if written == year or (since and written < year - 1) or base + match.start(1) in seen:
                continue  # 2021年以来 in a 2024 report: a span of years, not the report year
            seen.add(base + match.start(1))
            yield make(doc, RULE, base + match.start(1), match.group(1),
                       f"开头年份{written}与报告年度{year}不符", suggestion=str(year), fixable=not since,
                       severity="warning" if since else "error", basis=_YEAR_BASIS)
    yield from _plan_and_date_years(doc, year)


_NEXT_STEP = re.compile(r"下一步|今后|新的一年|明年|来年|展望")
_PLAN_DONE = re.compile(r"完成|对照|按照|落实|执行|根据|围绕|实现")


def _is_plans_heading(doc: Document, offset: int) -> bool:
    """Whether a "YYYY年工作打算" at ``offset`` heads the plans: a short line of its own, or
    a sentence that says it is about what comes next."""
    before = _clause_before(doc.text, offset, 16)
    if _PLAN_DONE.search(before):
        return False  # （三）完成2024年工作计划情况: this year's plan, carried out
    line_index = doc.position(offset)[0] - 1 - doc.line_offset
    line = doc.lines[line_index].strip()
    if len(line) <= 30 and "。" not in line.rstrip("。"):
        return True
    return bool(_NEXT_STEP.search(before))


def _plan_and_date_years(doc: Document, year: int):
    text = doc.text
    for m in _PLAN_HEAD.finditer(text):
        written = int(m.group(1))
        if written > year or not _is_plans_heading(doc, m.start()):
            continue  # 对照2024年工作计划，完成了…: the plan of the year reported on
        yield make(doc, RULE, m.start(1), m.group(1),
                   f"下一步打算的年份{written}与报告年度{year}不符（应为{year + 1}年）",
                   suggestion=str(year + 1), fixable=True, basis=_YEAR_BASIS,
                   severity="error" if written < year else "warning")
    for i in range(max(0, len(doc.lines) - 4), len(doc.lines)):
        match = DATE_LINE.match(doc.lines[i])
        if match and (year_value(match.group(1)) or year) < year:
            yield make(doc, RULE, doc.line_starts[i] + match.start(1), match.group(1),
                       f"落款日期的年份{match.group(1)}早于报告年度{year}", basis=_YEAR_BASIS)


def _future_years(doc: Document, year: int):
    text = doc.text
    title_offset = doc.title_year[1] if doc.title_year else -1
    for m in YEAR_WORD.finditer(text):
        value = int(m.group(1))
        if value <= year + 1 or value in _HORIZONS or m.start() == title_offset:
            continue
        before = text[max(0, m.start() - 3):m.start()]
        if re.search(r"[到至～~—–-]", before) or text[m.end():m.end() + 3].startswith(("年前", "年以前")):
            continue
        if re.search(r"百年|远景", text[m.end():m.end() + 10]):
            continue  # 2027年实现建军百年奋斗目标, 2035年远景目标: national horizons, not a slip
        yield make(doc, RULE, m.start(), m.group(1),
                   f"年份{value}晚于报告年度{year}的次年，疑为笔误或沿用他年材料",
                   severity="warning", basis="实务惯例（报告年度次年之后的年份多为沿用他年材料）")


# -- sessions -------------------------------------------------------------------------------------
def _clause_before(text: str, start: int, width: int = 20, ends: str = _CLAUSE_END) -> str:
    chunk = text[max(0, start - width):start]
    cut = max(chunk.rfind(ch) for ch in ends)
    return chunk[cut + 1:]


def _is_study(text: str, start: int, end: int) -> bool:
    """Cited as content studied now (学习贯彻…精神), not as history (…通过的决议, …以来)."""
    after = text[end:end + 20]
    if _HISTORICAL_AFTER.match(after):
        return False
    return bool(_STUDY_BEFORE.search(_clause_before(text, start)) or _STUDY_AFTER.match(after))


def _year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def _mentions(doc: Document):
    """(kind, term, number, start, end) of every congress, plenum and 中央纪委 session cited."""
    text = doc.text
    for m in _CONGRESS.finditer(text):
        yield "congress", cn_to_int(m.group(1)), 0, m.start(), m.end()
    for m in _PLENUM.finditer(text):
        for number in re.findall(f"([{DIGITS}])中", m.group(2)):
            yield "plenum", cn_to_int(m.group(1)), cn_to_int(number), m.start(), m.end()
    for m in _DISCIPLINE.finditer(text):
        number = cn_to_int(m.group(2)) if m.group(2) else 0  # 0: its 工作报告, session unnamed
        yield "discipline", cn_to_int(m.group(1)), number, m.start(), m.end()


def _sessions(doc: Document, year: int):
    data = _data()[0]
    congress_start = {c["term"]: c["start"] for c in data["congresses"]}
    dates = {("plenum", p["term"], p["number"]): p["start"] for p in data["plenums"]}
    dates |= {("discipline", d["term"], d["number"]): d["start"] for d in data["discipline"]}
    dates |= {("congress", c["term"], 0): c["start"] for c in data["congresses"]}
    text = doc.text
    cited: dict[str, list[tuple[int, int, int, int]]] = {"congress": [], "plenum": [], "discipline": []}
    flagged: set[int] = set()
    seen: set[tuple[str, int, int]] = set()
    for kind, term, number, start, end in _mentions(doc):
        seen.add((kind, term, number))
        held = dates.get((kind, term, number))
        upcoming = re.search(r"迎|即将召开", text[max(0, start - 6):start]) or \
            text[end:end + 6].startswith(("胜利召开", "召开"))
        if held and held > dt.date(year + 1, 1, 31) and not upcoming:
            flagged.add(start)
            yield make(doc, RULE, start, text[start:end],
                       f"所引会议召开于{held.year}年{held.month}月，晚于报告年度{year}年",
                       basis=_session_basis(kind, term, number, held))
            continue
        if not _is_study(text, start, end):
            continue
        cited[kind].append((term, number, start, end))
        successor = congress_start.get(term + 1)
        if successor and successor < dt.date(year, 1, 1) and start not in flagged:
            flagged.add(start)
            yield make(doc, RULE, start, text[start:end],
                       f"{year}年度报告把上一届的会议作为当前学习内容（党的{cn_number(term + 1)}大已于"
                       f"{successor.year}年召开）", suggestion=f"改为党的{cn_number(term + 1)}大和"
                       f"{cn_number(term + 1)}届历次全会精神",
                       basis=_session_basis("congress", term + 1, 0, successor))
    for m in _UPCOMING.finditer(text):
        held = congress_start.get(cn_to_int(m.group(1)))
        # 迎接二十大 may tell what was done before it in its own year; 即将召开 may not
        if held and (held < dt.date(year, 1, 1) or (held.year == year and m.group().startswith("即将"))):
            yield make(doc, RULE, m.start(), m.group(), f"党的{m.group(1)}大已于{held.year}年召开，"
                       f"{year}年度报告不应再写“{m.group()}”",
                       basis=_session_basis("congress", cn_to_int(m.group(1)), 0, held))
    yield from _latest_missing(doc, year, cited, data, flagged, seen)


def _session_name(kind: str, term: int, number: int) -> str:
    if kind == "congress":
        return f"党的{cn_number(term)}大"
    if kind == "plenum":
        return f"{cn_number(term)}届{cn_number(number)}中全会"
    return f"{cn_number(term)}届中央纪委{cn_number(number)}次全会"


def _session_basis(kind: str, term: int, number: int, held: dt.date) -> str:
    """The session's own public record: 党的二十大报告 / 二十届四中全会公报, with its date."""
    record = "报告" if kind == "congress" else "公报"
    return f"中央文件表述（{_session_name(kind, term, number)}{record}，{held.year}年{held.month}月）"


def _latest_missing(doc, year, cited, data, flagged, seen):
    """Plenums (纪委全会) listed as study content, but not the latest of year Y."""
    text = doc.text
    if "历次全会" in text:
        return
    for kind, label in (("plenum", "中全会"), ("discipline", "中央纪委全会")):
        mentions = [c for c in cited[kind] if c[2] not in flagged and c[1]]
        if not mentions:
            continue
        sessions = [(s["start"], kind, s["term"], s["number"]) for s in data[_DATA_KEYS[kind]]
                    if s["milestone"] and s["start"] <= _year_end(year)]
        if kind == "plenum":
            sessions += [(c["start"], "congress", c["term"], 0) for c in data["congresses"]
                         if c["start"] <= _year_end(year)]
        if not sessions:
            continue
        held, latest_kind, term, number = max(sessions)
        if (latest_kind, term, number) in seen:
            continue
        if any((t, n) > (term, number) for t, n, _, _ in mentions):
            continue  # the text cites a newer session than our data knows: the data is behind
        name = _session_name(latest_kind, term, number)
        _, _, start, end = max(mentions)
        yield make(doc, RULE, start, text[start:end],
                   f"列举了{label}精神，但缺少{year}年度最新的{name}", severity="warning",
                   suggestion=f"补充{name}精神", basis=_session_basis(latest_kind, term, number, held))


# -- campaigns, plans, outdated formulations, bodies, anniversaries ------------------------------
_CAMPAIGN_VERB = re.compile(r"(?:开展|启动|部署|参加|推进|组织)[^，。；]{0,6}$")
_CAMPAIGN_KEEP = re.compile(r"巩固|深化|拓展|常态|长效|延续|总结|成果")
_PLAN_CURRENT = re.compile(r"(十[三四五六]五)[”\"]?(?:规划)?(?:期间|时期)[^。；，]{0,4}?(?:将|要|继续|深入实施|实施好)"
                           r"|(?:深入实施|全面实施|扎实推进|推进实施|实施好|落实好)[“\"]?(十[三四五六]五)[”\"]?规划"
                           r"(?![^。；，]{0,8}(?:收官|完成|圆满|目标任务|总结|评估))")
_PLAN_PHASE = re.compile(r"(十[三四五六]五)[”\"]?(?:规划)?的?(开局起步之年|开局之年|起步之年|收官之年|开局|起步|收官)")
_PLAN_WHEN = re.compile(rf"({YEAR})年(?:是|为|作为)|(明年|下一年|新的一年|来年)|(今年|本年度|这一年)")
_PLAN_HISTORY = re.compile(r"以来|圆满|胜利|顺利|回顾|过去|实现了|取得|已经|完美")


def _campaigns_and_formulations(doc: Document, year: int):
    text = doc.text
    _, _, campaigns, obsolete = _data()
    for pattern, campaign in campaigns:
        first, last = campaign["years"]
        # next year's campaign may stand in the plans (2024年，将扎实开展党纪学习教育)
        if (first <= year + 1 and year <= last) or campaign["needle"] not in text:
            continue
        for m in pattern.finditer(text):
            before = _clause_before(text, m.start(), 16, _CLAUSE_END + "，")
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


def _plans(doc: Document, year: int):
    """A five-year plan's 开局/收官 in another year, or a finished plan written as current."""
    text = doc.text
    if "五" not in text:
        return
    plans = {p["name"]: p["years"] for p in _data()[0]["plans"]}
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
        clause = _clause_before(text, m.start(), 24, _CLAUSE_END + "，")
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
_BODY_BEFORE_HISTORY = re.compile(r"(?:原|前|旧|老|撤销|撤并|整合|合并|组建|改革前|改革以前)[^，。；\n]{0,3}$")
_BODY_AFTER_HISTORY = re.compile(r"^[^，。；\n]{0,10}?(?:合并|机构改革|体制改革|撤销|撤并|整合|更名|改为|划入|挂牌|转隶|组建)")


@cache
def _bodies_compiled():
    out = []
    for entry in load("bodies"):
        pattern = entry.get("pattern") or "|".join(map(re.escape, sorted(entry["names"], key=len, reverse=True)))
        out.append((pattern, tuple(entry.get("needles", entry["names"])), entry))
    return out


def _bodies(doc: Document, year: int):
    """A body that no longer exists in Y, named as one that does (not 原地税局, 国税地税合并)."""
    text = doc.text
    for pattern, needles, entry in _bodies_compiled():
        if year < entry["from"] or not any(n in text for n in needles):
            continue
        for start, end in _joined(re.compile(pattern).finditer(text), text):
            before, after = text[max(0, start - 8):start], text[end:end + 12]
            if _BODY_BEFORE_HISTORY.search(before) or _BODY_AFTER_HISTORY.match(after):
                continue
            yield make(doc, RULE, start, text[start:end],
                       f"“{text[start:end]}”在{entry['from'] - 1}年机构改革后已不存在，{year}年度报告应为“{entry['now']}”",
                       severity=entry.get("severity", "warning"), basis=entry["basis"])


def _joined(matches, text: str):
    """Spans of matches, neighbours joined by 、/和/与 taken as one (国税、地税部门)."""
    span = None
    for m in matches:
        if span and text[span[1]:m.start()] in ("、", "和", "与", "及"):
            span = (span[0], m.end())
            continue
        if span:
            yield span
        span = m.span()
    if span:
        yield span


def _anniversaries(doc: Document, year: int):
    if "周年" not in doc.text:
        return
    for pattern, base in _data()[1]:
        for m in pattern.finditer(doc.text):
            written = m.group(1)
            value = int(written) if written.isdigit() else cn_to_int(written)
            if value is None or abs(value - (year - base)) <= 1:
                continue
            yield make(doc, RULE, m.start(1), written, f"{year}年应为{year - base}周年，而不是{value}周年",
                       suggestion=str(year - base) if written.isdigit() else None,
                       fixable=written.isdigit(), basis=f"实务惯例（周年数按报告年度计算，起算于{base}年）")
