"""会议过时 and 最新全会缺失: congresses, plenums and 中央纪委 sessions cited as current study
content in a year they no longer are, or a list of them without the latest."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from shuzhi.checker.document import Document
from shuzhi.checker.finding import Severity
from shuzhi.checker.registry import make
from shuzhi.checker.rules.stale_reference.common import RULE, Lazy, clause_before, data, is_history, sentence
from shuzhi.checker.rules.stale_reference.years import plans_part
from shuzhi.patterns import compile as compile_pattern
from shuzhi.text.numerals import DIGITS, cn_number, cn_to_int
from shuzhi.text.years import YEAR

_TERM = "(十八|十九|二十一|二十)"  # the congresses a report of these years may name
# what every term of _TERM begins with: the patterns that open with a term are tried only where
# one is written (``_opening_with``), not at every character (no literal leads them)
_TERM_STARTS = ("十八", "十九", "二十")
_PLENUM = Lazy(rf"{_TERM}届(?:中央)?((?:[{DIGITS}]中[、和及与]?)+)全会")  # 十九届（中央）四中全会
# 第十九届中央委员会第六次全体会议: the full name
_PLENUM_FULL = Lazy(rf"{_TERM}届中央委员会第([{DIGITS}])次全体会议")
# not 团十九大 / 团的十九大 / 工会十八大 / 妇联、侨联、学联……大 (their own congresses)
_CONGRESS = Lazy(rf"{_TERM}大(?![学会厅型])")  # what precedes is read in _mentions (fast)
_NOT_PARTY = (*DIGITS, "十", "团", "会", "联", "团的", "会的", "联的")
# 中国共产党第十九次全国代表大会: the full name (not 共青团/中国工会第十八次全国代表大会), what
# precedes it read in _mentions (a pattern that begins with a look-behind is tried at every character)
_CONGRESS_FULL = Lazy(rf"第{_TERM}次全国代表大会")
_PLENUMS_ALL = Lazy(rf"{_TERM}届(?:历次|各次)全会")  # 十九届历次全会: every plenum of a term
# 十九届中央纪委四次全会, also written 中央纪委十九届四次全会, 十九届中纪委第四次全体会议,
# 第十九届中央纪律检查委员会第四次全体会议
_CCDI = "(?:中央纪委|中纪委|中央纪律检查委员会)"
_CCDI_SESSION = rf"(?:第?([{DIGITS}])次(?:全会|全体会议)|工作报告)"
_DISCIPLINE = ((Lazy(rf"{_TERM}届{_CCDI}{_CCDI_SESSION}"), _TERM_STARTS),
               (Lazy(rf"{_CCDI}{_TERM}届{_CCDI_SESSION}"), ("中央纪", "中纪委")))
# without the term: 三中全会精神, 中央纪委四次全会 — read as the latest session of that number
# (not 十一届三中全会, 省委五中全会, 市委十二届四次全会)
_BARE_PLENUM = Lazy("中全会")  # the number and what precedes it are read in _bare (fast: a literal)
_BARE_NOT_AFTER = f"届省市县区州旗盟委{DIGITS}"
_BARE_DISCIPLINE = Lazy(rf"{_CCDI}第?([{DIGITS}])次(?:全会|全体会议)")
# 十四届全国人大二次会议, 全国政协十四届三次会议, 十四届全国人民代表大会第二次会议
_NPC = Lazy(rf"(十三|十四|十五)届(全国人大|全国人民代表大会|全国政协)第?([{DIGITS}])次会议"
            rf"|(全国人大|全国政协)(十三|十四|十五)届第?([{DIGITS}])次会议")


def _latest_of(dates: dict, kind: str, number: int, year: int) -> int | None:
    """The term of the latest ``kind`` session numbered ``number`` held by the end of ``year``
    (else the first one held later)."""
    held = sorted((start, term) for (k, term, n), start in dates.items() if k == kind and n == number)
    before = [term for start, term in held if start <= _year_end(year)]
    return before[-1] if before else (held[0][1] if held else None)


def _mentions(doc: Document, dates: dict, year: int):
    """(kind, term, number, start, end, bare) of every congress, plenum and 中央纪委 session cited;
    ``bare``: written without its term (三中全会), the term inferred."""
    text = doc.text
    for m in _opening_with(_CONGRESS, text, _TERM_STARTS):
        if text[max(0, m.start() - 1):m.start()] in _NOT_PARTY or text[max(0, m.start() - 2):m.start()] in _NOT_PARTY:
            continue
        yield "congress", cn_to_int(m.group(1)), 0, m.start(), m.end(), False
    if "全国代表大会" in text:
        for m in _CONGRESS_FULL.finditer(text):
            if text[max(0, m.start() - 5):m.start()] != "中国共产党" and text[max(0, m.start() - 2):m.start()] != "党的":
                continue
            yield "congress", cn_to_int(m.group(1)), 0, m.start(), m.end(), False
    named: list[tuple[int, int]] = []
    termed = "届" in text  # every form below but the bare ones names the term: 二十届
    for m in _opening_with(_PLENUM, text, _TERM_STARTS) if termed and "全会" in text else ():
        named.append(m.span())
        for number in re.findall(f"([{DIGITS}])中", m.group(2)):
            yield "plenum", cn_to_int(m.group(1)), cn_to_int(number), m.start(), m.end(), False
    for m in _opening_with(_PLENUM_FULL, text, _TERM_STARTS) if "中央委员会第" in text else ():
        yield "plenum", cn_to_int(m.group(1)), cn_to_int(m.group(2)), m.start(), m.end(), False
    for m in _opening_with(_PLENUMS_ALL, text, _TERM_STARTS) if "次全会" in text else ():
        if re.search(rf"{m.group(1)}大[和及、与]?$", text[max(0, m.start() - 5):m.start()]):
            continue  # 十九大和十九届历次全会: one phrase, judged by its congress
        yield "plenum", cn_to_int(m.group(1)), 0, m.start(), m.end(), False  # 0: no one session named
    ccdi = "纪委" in text or "纪律检查委员会" in text
    for m in (m for pattern, starts in _DISCIPLINE if termed and ccdi for m in _opening_with(pattern, text, starts)):
        named.append(m.span())
        number = cn_to_int(m.group(2)) if m.group(2) else 0  # 0: its 工作报告, session unnamed
        yield "discipline", cn_to_int(m.group(1)), number, m.start(), m.end(), False
    for kind, start, end, number in _bare(text):
        if any(s <= start < e for s, e in named):
            continue  # the 三中全会 of 二十届二中、三中全会
        term = _latest_of(dates, kind, number, year)
        if term:
            yield kind, term, number, start, end, True


def _bare(text: str):
    """(kind, start, end, number) of sessions written without their term: 三中全会, 中央纪委三次全会."""
    for m in _BARE_PLENUM.finditer(text):
        start = m.start() - 1
        if start >= 0 and text[start] in DIGITS and (start == 0 or text[start - 1] not in _BARE_NOT_AFTER):
            yield "plenum", start, m.end(), cn_to_int(text[start])
    if "纪" in text:
        for m in _BARE_DISCIPLINE.finditer(text):
            if text[max(0, m.start() - 1):m.start()] == "届":
                continue
            yield "discipline", m.start(), m.end(), cn_to_int(m.group(1)) or 0


_STUDY_BEFORE = Lazy(r"学习|贯彻|落实|领会|传达|宣讲|研讨|为指导|精神")
_STUDY_AFTER = Lazy(r"^[^。；！？\n，]{0,12}?(精神|报告|公报|决定|部署|要求)"
                    r"|^(?:胜利)?(?:召开|闭幕)(?:后|以后|之后)[^。；！？\n]{0,16}?(?:学习|传达|宣讲|贯彻)")  # 召开后，第一时间组织学习
_HISTORICAL_AFTER = Lazy(r"^(?:[^。；，\n]{0,6}?)(通过|作出|提出|审议|以来|召开以来|期间|前后|胜利闭幕)")


def _is_study(text: str, start: int, end: int) -> bool:
    """Cited as content studied now (学习贯彻…精神), not as history (…通过的决议, …以来)."""
    after = text[end:end + 20]
    if _HISTORICAL_AFTER.match(after):
        return False
    return bool(_STUDY_BEFORE.search(clause_before(text, start)) or _STUDY_AFTER.match(after))


def _told_of_its_time(text: str, start: int, end: int, held: dt.date | None, year: int) -> bool:
    """The sentence names a year from the session's own to the year before Y (在党的十九大精神指引下，
    2017年我县实现脱贫; 2024年，我组织学习三中全会精神 in 2025): told as the past."""
    years = [int(y) for y in re.findall(rf"({YEAR})年", sentence(text, start, end))]
    return held is not None and any(held.year <= y < year for y in years)


# 今年7月召开的二十届三中全会 / 二十届三中全会于去年7月召开 / 今年11月，党的十九届六中全会胜利召开
# / 2022年11月召开的……: the year the text says it met (a year written out is that year exactly)
_WHEN = rf"(今年|去年|上年|(?<!\d)({YEAR})年)(?:[\d一二三四五六七八九十]{{1,2}}月(?:份)?)?(?:(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})日)?"
_HELD_BEFORE = Lazy(rf"{_WHEN}(?:胜利)?(?:召开|举行)的(?:党的)?$")
_HELD_OPENING = Lazy(rf"(?:^|[。；！？，\n]){_WHEN}[，,]?(?:党的)?$")  # …, followed by 胜利召开
_HELD_AFTER = Lazy(rf"^(?:[于在])?{_WHEN}(?:胜利)?(?:召开|举行)")
_CONVENED = Lazy(r"(?:胜利|隆重)?(?:召开|举行)")
_HELD_OFFSET = {"今年": 0, "去年": -1, "上年": -1}


def _said_held(text: str, start: int, end: int, year: int) -> tuple[int, bool] | None:
    """The year the text says the session at ``start:end`` met, and whether it writes that year
    out (2022年11月) rather than 今年/去年, if it says so."""
    said = (_HELD_BEFORE.search(text, max(0, start - 16), start)
            or _HELD_AFTER.match(text[end:end + 14])
            or (_CONVENED.match(text[end:end + 4])
                and _HELD_OPENING.search(text, max(0, start - 16), start)))
    if not said:
        return None
    if said.group(2):
        return int(said.group(2)), True
    return year + _HELD_OFFSET[said.group(1)], False


_AHEAD_OF = Lazy(r"即将召开(?:的)?(?:党的)?$")
_WELCOMED = Lazy(r"(?:喜迎|迎接)(?:党的)?$")
_UPCOMING = Lazy(rf"(?:即将召开的|喜迎|迎接)(?:党的)?{_TERM}大|(?<=党的){_TERM}大(?:即将(?:胜利)?召开|召开在即)")
_UPCOMING_STARTS = ("即将召开的", "喜迎", "迎接", *_TERM_STARTS)


def _opening_with(pattern: Lazy, text: str, starts: tuple[str, ...]):
    """``pattern.finditer(text)``, the pattern tried only where one of ``starts`` (what every
    match begins with) is written: a few plain searches of the text instead of the pattern tried
    at every character. Left to right, each match past the end of the one before, as finditer."""
    end = 0
    for at in sorted({at for start in starts for at in _positions(text, start)}):
        if at >= end and (m := pattern.match(text, at)):
            yield m
            end = m.end()


def _positions(text: str, needle: str):
    at = text.find(needle)
    while at != -1:
        yield at
        at = text.find(needle, at + 1)


@cache
def _dates() -> dict[tuple[str, int, int], dt.date]:
    """(kind, term, number) → the date the session opened."""
    raw = data().raw
    dates = {("plenum", p["term"], p["number"]): p["start"] for p in raw["plenums"]}
    dates |= {("discipline", d["term"], d["number"]): d["start"] for d in raw["discipline"]}
    return dates | {("congress", c["term"], 0): c["start"] for c in raw["congresses"]}


def sessions(doc: Document, year: int):
    raw = data().raw
    congress_start = {c["term"]: c["start"] for c in raw["congresses"]}
    dates = _dates()
    text = doc.text
    cited: dict[str, list[tuple[int, int, int, int]]] = {"congress": [], "plenum": [], "discipline": []}
    flagged: set[int] = set()
    seen: set[tuple[str, int, int]] = set()  # sessions the report names as studied or held (not only planned)
    plans = plans_part(doc) or (len(text), len(text))
    for kind, term, number, start, end, bare in _mentions(doc, dates, year):
        planned = plans[0] <= start < plans[1]  # 下一步，学习贯彻五中全会精神: not yet studied
        if not planned:
            seen.add((kind, term, number))
        held = dates.get((kind, term, number))
        upcoming = re.search(r"迎|即将召开", text[max(0, start - 6):start]) or \
            text[end:end + 6].startswith(("胜利召开", "召开", "即将"))
        check = "，请核实" if bare else ""
        severity: Severity | None = "warning" if bare else None
        if held and held > dt.date(year + 1, 1, 31) and not upcoming:
            flagged.add(start)
            yield make(doc, RULE, start, text[start:end],
                       f"所引会议召开于{held.year}年{held.month}月，晚于报告年度{year}年{check}",
                       severity=severity, basis=_session_basis(kind, term, number, held))
            continue
        ahead = held and held <= _year_end(year) and _AHEAD_OF.search(text[max(0, start - 8):start])
        # 三中全会即将召开之际, 迎接…三中全会胜利召开: last year's, a warning
        awaited = held and held.year < year and (text[end:end + 4].startswith("即将") or
                                                 _WELCOMED.search(text[max(0, start - 8):start]))
        if kind != "congress" and held and (ahead or awaited):
            flagged.add(start)  # 即将召开的二十届三中全会 in a report written after it
            yield make(doc, RULE, start, text[start:end], f"{_session_name(kind, term, number)}已于{held.year}年"
                       f"{held.month}月召开，{year}年度报告不应写成尚未召开", severity=severity or
                       ("error" if ahead else "warning"), basis=_session_basis(kind, term, number, held))
            continue
        said, written = _said_held(text, start, end, year) or (None, False)
        # a report is written by the January after its year: 今年 may be that year (今年1月召开的……);
        # a year written out is meant exactly
        if held and not bare and said and held.year != said and (written or held.year != said + 1):
            flagged.add(start)  # 今年7月召开的二十届三中全会 in a 2025 report
            yield make(doc, RULE, start, text[start:end], f"{_session_name(kind, term, number)}于{held.year}年"
                       f"{held.month}月召开，不是{said}年", basis=_session_basis(kind, term, number, held))
            continue
        if not _is_study(text, start, end) or _told_of_its_time(text, start, end, held, year):
            continue
        cited[kind].append((term, number, start, end))
        successor = congress_start.get(term + 1)
        if successor and successor < dt.date(year, 1, 1) and start not in flagged:
            flagged.add(start)
            named = f"（即{_session_name(kind, term, number)}）" if bare else ""
            yield make(doc, RULE, start, text[start:end],
                       f"{year}年度报告把上一届的会议{named}作为当前学习内容（党的{cn_number(term + 1)}大已于"
                       f"{successor.year}年召开）{check}", suggestion=f"改为党的{cn_number(term + 1)}大和"
                       f"{cn_number(term + 1)}届历次全会精神", severity=severity,
                       basis=_session_basis("congress", term + 1, 0, successor))
    awaits = any(word in text for word in ("即将", "喜迎", "迎接", "召开在即"))  # the only ways _UPCOMING begins or ends
    for m in _opening_with(_UPCOMING, text, _UPCOMING_STARTS) if awaits else ():
        if is_history(text, m.start(), m.end(), year):
            continue  # 2022年，我们以喜迎二十大为主线…; 去年喜迎二十大系列活动
        term = cn_to_int(m.group(1) or m.group(2))
        held = congress_start.get(term) if term is not None else None
        # 迎接二十大 may tell what was done before it in its own year; 即将召开 may not
        if term is not None and held and (held < dt.date(year, 1, 1) or (held.year == year and "即将" in m.group())):
            yield make(doc, RULE, m.start(), m.group(), f"党的{m.group(1) or m.group(2)}大已于{held.year}年召开，"
                       f"{year}年度报告不应再写“{m.group()}”",
                       basis=_session_basis("congress", term, 0, held))
    yield from _congress_missing(doc, year, cited, congress_start, seen)
    yield from _latest_missing(doc, year, cited, raw, flagged, seen)
    yield from _people_congress(doc, year, raw)
    yield from _annual(doc, year)


def _congress_missing(doc, year, cited, congress_start, seen):
    """The congress held in Y not named at all, its predecessor studied as current (a 2022 year-end
    report that studies only 党的十九大精神)."""
    for term, start, end in ((t, s, e) for t, _, s, e in cited["congress"]):
        held = congress_start.get(term + 1)
        if held and held.year == year and ("congress", term + 1, 0) not in seen:
            yield make(doc, RULE, start, doc.text[start:end],
                       f"党的{cn_number(term + 1)}大已于{year}年{held.month}月召开，{year}年度报告只写"
                       f"党的{cn_number(term)}大精神，请核实", severity="warning",
                       suggestion=f"补充党的{cn_number(term + 1)}大精神",
                       basis=_session_basis("congress", term + 1, 0, held))
            return


def _people_congress(doc, year, raw):
    """十四届全国人大二次会议 (one session a year) studied in another year than its own."""
    text = doc.text
    if "次会议" not in text:
        return
    first_year = raw["people_congress"]
    for m in _NPC.finditer(text):
        term_cn, body, number_cn = (m.group(1), m.group(2), m.group(3)) if m.group(1) else \
            (m.group(5), m.group(4), m.group(6))
        term = cn_to_int(term_cn)
        held = first_year.get(term) + cn_to_int(number_cn) - 1 if term in first_year else None
        if held is None or held == year or not _is_study(text, m.start(), m.end()):
            continue
        if held > year and re.search(r"迎|即将", text[max(0, m.start() - 6):m.start()]):
            continue
        yield make(doc, RULE, m.start(), m.group(),
                   f"“{m.group()}”是{held}年召开的，{year}年度报告把它写成当年学习内容，请核实",
                   severity="warning",
                   basis=f"中央文件表述（{term_cn}届{body}第{number_cn}次会议，{held}年召开；每年召开一次会议）")


@cache
def _annual_patterns() -> list[tuple[re.Pattern[str], dict]]:
    """Each yearly meeting or document with the year written before it: 2024年全国两会."""
    return [(compile_pattern(rf"(?<!\d)({YEAR})[ \u3000]?年(?:度)?(?:的)?(?:{a['pattern']})"), a) for a in data().raw["annual"]]


def _annual(doc: Document, year: int):
    """学习贯彻2023年全国两会精神 in a 2025 report: a yearly meeting or document of an earlier year
    studied as this year's (2024年中央经济工作会议 may guide 2025: ``lag``)."""
    text = doc.text
    for pattern, entry in _annual_patterns():
        if entry["needle"] not in text:
            continue
        for m in pattern.finditer(text):
            held = int(m.group(1))
            if held >= year - entry["lag"] or not _is_study(text, m.start(), m.end()):
                continue
            yield make(doc, RULE, m.start(), m.group(), f"“{m.group()}”是{held}年的{entry['name']}，{year}年度报告"
                       f"把它写成当年学习贯彻的内容，疑为沿用旧稿，请核实", severity="warning", basis=entry["basis"])


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


def _year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


_DATA_KEYS = {"plenum": "plenums", "discipline": "discipline"}


def _latest_missing(doc, year, cited, data, flagged, seen):
    """Plenums (纪委全会) listed as study content, but not the latest of year Y; or a whole year
    behind (十九届五中全会精神 in 2022, when 六中全会 had met in 2021)."""
    text = doc.text
    dates = _dates()
    for kind, label in (("plenum", "中全会"), ("discipline", "中央纪委全会")):
        mentions = [c for c in cited[kind] if c[2] not in flagged and c[1]]
        if not mentions or (kind == "plenum" and "历次全会" in text):
            continue  # 二十届历次全会 names every plenum, not every 中央纪委全会
        sessions = [(s["start"], kind, s["term"], s["number"]) for s in data[_DATA_KEYS[kind]]
                    if s["milestone"] and s["start"] <= _year_end(year)]
        if kind == "plenum":
            sessions += [(c["start"], "congress", c["term"], 0) for c in data["congresses"]
                         if c["start"] <= _year_end(year)]
        if not sessions:
            continue
        sessions.sort()
        latest = sessions[-1]
        # a whole year behind: a session before Y; the 中央纪委全会 of each January deploys that
        # year's work, so last January's studied as this year's is a year behind too
        cutoff = dt.date(year, 3, 1) if kind == "discipline" else dt.date(year, 1, 1)
        for start, end in sorted({(c[2], c[3]) for c in mentions}):
            top = max((t, n) for t, n, s, _ in mentions if s == start)
            if top >= latest[2:] and latest[1] == kind:
                continue  # it names the latest itself, or a newer one than our data knows (the data is behind)
            since = dates.get((kind, *top))
            behind = [x for x in sessions if since and since < x[0] < cutoff and x[1:] not in seen]
            newest = latest if latest[1:] not in seen else (behind[-1] if behind else None)
            if newest is None:
                continue
            name = _session_name(*newest[1:])
            basis = _session_basis(*newest[1:], newest[0])
            if behind:  # a whole year behind: an error where it is studied as 精神
                held, *later = behind[-1]
                also = f"，{year}年度最新为{name}" if newest != behind[-1] else ""
                yield make(doc, RULE, start, text[start:end],
                           f"{year}年度报告把{_session_name(kind, *top)}作为当前学习内容，但此前{_session_name(*later)}"
                           f"已于{held.year}年{held.month}月召开{also}",
                           severity="error" if "精神" in text[end:end + 12] else "warning",
                           suggestion=f"补充{name}精神", basis=basis)
            else:
                yield make(doc, RULE, start, text[start:end], f"列举了{label}精神，但缺少{year}年度最新的{name}",
                           severity="warning", suggestion=f"补充{name}精神", basis=basis)
