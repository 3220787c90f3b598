"""References brought forward: last year's sessions and campaigns → the report year's.

A 2024 report studies 二十届三中全会精神 and 二十届中央纪委三次全会精神 and 开展党纪学习教育;
its 2025 update studies 四中全会, 四次全会 and 深入贯彻中央八项规定精神学习教育. Which sessions
and campaigns are current in a year is the checker's data (``checker/data/sessions.yaml``),
read here, never copied: a new session is one line there for both.

Only references cited as current (学习/贯彻……精神, 开展……, 以……为契机) are replaced; history
(……通过的决议, ……以来, 巩固……成果) stays. A campaign with no successor in the report year
cannot be brought forward by rule: it is returned as unresolved, for the caller to mark.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache, partial

from shuzhi.text.numerals import DIGITS, cn_number, cn_to_int

_TERM = "(十八|十九|二十一|二十)"
# 党的二十大和二十届二中、三中全会 / 二十届三中全会 / 十九届六中和七中全会: a congress and/or plenums
_PLENUMS = re.compile(rf"(?:党的)?(?:{_TERM}大(?:和|、|以及|及))?{_TERM}届((?:[{DIGITS}]中[、和及与]?)+)全会")
_CONGRESS = re.compile(rf"党的{_TERM}大(?=精神|报告)")
_DISCIPLINE = re.compile(rf"{_TERM}届(?:中央纪委|中纪委)(?:([{DIGITS}])次全会|(?:工作)?报告)")
_STUDY_BEFORE = re.compile(r"学习|贯彻|落实|领会|传达|宣讲|研讨|为指导|精神")
_HISTORY_AFTER = re.compile(r"^[^。；，\n]{0,6}?(?:通过|作出|提出|审议|以来|期间|前后|胜利闭幕)")
_KEEP_BEFORE = re.compile(r"(?:巩固|深化|拓展|常态|长效|延续|总结)[^，。；]{0,4}$")
_KEEP_AFTER = re.compile(r"^[^。；，]{0,3}(?:成果|常态化|长效化|以来|期间)")


@cache
def _sessions() -> dict:
    from shuzhi.checker.data import load

    return load("sessions")


def _held(entries: list[dict], year: int) -> list[dict]:
    end = dt.date(year, 12, 31)
    return [e for e in entries if e.get("milestone", True) and e["start"] <= end]


def current_congress(year: int) -> int:
    """The term of the latest congress held before the report year ends."""
    return max(c["term"] for c in _held(_sessions()["congresses"], year))


def current_plenums(year: int) -> list[int]:
    """The numbers of the current term's milestone plenums held by the end of ``year``."""
    term = current_congress(year)
    return [p["number"] for p in _held(_sessions()["plenums"], year) if p["term"] == term]


def current_discipline(year: int) -> tuple[int, int]:
    """(term, number) of the latest 中央纪委全会 held by the end of ``year``."""
    latest = max(_held(_sessions()["discipline"], year), key=lambda d: d["start"])
    return latest["term"], latest["number"]


def current_campaign(year: int) -> str | None:
    """The name of the study campaign (集中学习教育) held in ``year``, if any."""
    return next((c["name"] for c in _sessions()["campaigns"] if c["years"][0] <= year <= c["years"][1]), None)


def _clause_before(text: str, start: int, width: int = 20) -> str:
    chunk = text[max(0, start - width):start]
    return chunk[max(chunk.rfind(ch) for ch in "。；！？\n") + 1:]


def _cited_now(text: str, start: int, end: int) -> bool:
    after = text[end:end + 20]
    if _HISTORY_AFTER.match(after):
        return False
    return bool(_STUDY_BEFORE.search(_clause_before(text, start)) or after.startswith(("精神", "公报", "决定")))


def _plenum_list(match: re.Match[str], year: int) -> str:
    term, numbers = current_congress(year), current_plenums(year)
    cited = [cn_to_int(n) for n in re.findall(f"([{DIGITS}])中", match.group(3))]
    if match.group(1) or len(cited) > 1:  # a study list: the current term's plenums so far
        named = "、".join(f"{cn_number(n)}中" for n in numbers)
        congress = f"党的{cn_number(term)}大和" if match.group(1) else ("党的" if match.group(0).startswith("党的") else "")
        return f"{congress}{cn_number(term)}届{named}全会"
    prefix = "党的" if match.group(0).startswith("党的") else ""
    return f"{prefix}{cn_number(term)}届{cn_number(numbers[-1])}中全会"  # the year's latest


def _discipline(match: re.Match[str], year: int) -> str:
    term, number = current_discipline(year)
    tail = "工作报告" if match.group(0).endswith("报告") else ""
    return f"{cn_number(term)}届中央纪委{cn_number(number)}次全会{tail}"


def _replace(text: str, pattern: re.Pattern[str], year: int, new) -> str:
    def one(match: re.Match[str]) -> str:
        if not _cited_now(text, match.start(), match.end()):
            return match.group(0)
        return new(match, year)

    return pattern.sub(one, text)


def bring_forward(text: str, year: int) -> tuple[str, list[str]]:
    """``text`` with superseded sessions and campaigns cited as current replaced by the report
    year's; and the campaigns that have no successor in ``year`` (to be marked)."""
    text = _replace(text, _PLENUMS, year, _plenum_list)
    text = _replace(text, _DISCIPLINE, year, _discipline)
    text = _replace(text, _CONGRESS, year, lambda m, y: f"党的{cn_number(current_congress(y))}大")
    unresolved: list[str] = []
    current = current_campaign(year)
    for campaign in _sessions()["campaigns"]:
        first, last = campaign["years"]
        if first <= year <= last or campaign["needle"] not in text:
            continue
        text = re.compile(campaign["pattern"]).sub(partial(
            _campaign, text=text, current=current, unresolved=unresolved), text)
    return text, unresolved


def _campaign(match: re.Match[str], text: str, current: str | None, unresolved: list[str]) -> str:
    """A campaign of another year → the report year's, unless cited as what it left behind."""
    if _KEEP_BEFORE.search(text[max(0, match.start() - 8):match.start()]) or \
            _KEEP_AFTER.match(text[match.end():match.end() + 6]):
        return match.group(0)  # 巩固党纪学习教育成果: still current wording
    if current is None:
        unresolved.append(match.group(0))
        return match.group(0)
    return current
