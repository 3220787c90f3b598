"""What the parts of ``stale-reference`` share: the rule's identity (``RULE``, handed to
``make``), the sessions data compiled once, the clause before a match, the time words that say
which year a sentence speaks of, and whether a sentence tells the past."""

from __future__ import annotations

import re
from functools import cache
from types import SimpleNamespace

from shuzhi.checker.data import load
from shuzhi.checker.lazy import Lazy
from shuzhi.checker.nearmiss import Needles, haystack_of
from shuzhi.text.numerals import NUMERAL_CHARS
from shuzhi.text.years import YEAR

ID = "stale-reference"
SEVERITY = "error"
BASIS = "中央文件表述"
DOCUMENT_LEVEL = False
RULE = SimpleNamespace(ID=ID, SEVERITY=SEVERITY, BASIS=BASIS)

CLAUSE_END = "。；！？\n"
_ANNIVERSARY_NUM = rf"(\d{{1,3}}|[{NUMERAL_CHARS}]{{1,5}})周年"


class Names:
    """The entries (of a data list) whose literal names occur in a text, told at once for all
    names (``nearmiss.Needles``, on the text's pairs of characters that the rules share) instead
    of one search per name or per entry."""

    def __init__(self, entries) -> None:
        """``entries``: the names of each entry, in the entries' order."""
        self._of: dict[str, list[int]] = {}
        for i, names in enumerate(entries):
            for name in names:
                self._of.setdefault(name, []).append(i)
        self._needles = Needles(self._of)

    def found(self, text: str) -> list[int]:
        """The indices of the entries one of whose names occurs in ``text``, in order."""
        return sorted({i for name in self._needles.present(haystack_of(text)) for i in self._of[name]})


@cache
def data() -> SimpleNamespace:
    """``sessions.yaml`` (``raw``), with its anniversaries, campaigns (and their short forms),
    obsolete formulations, year epithets and yearly days as patterns (each compiled when a text
    first needs it)."""
    raw = load("sessions")
    return SimpleNamespace(
        raw=raw,
        # one pattern for all, ending where it is searched up to: group a<i> names the
        # anniversary, group n the number
        anniversaries=Lazy("(?:" + "|".join(f"(?P<a{i}>{a['pattern']})" for i, a in enumerate(raw["anniversaries"]))
                           + f"){_ANNIVERSARY_NUM.replace('(', '(?P<n>', 1)}$"),
        # one pattern per entry, compiled only where its needles occur
        campaigns=[(Lazy(c["pattern"], re.M), c) for c in raw["campaigns"] + raw["campaign_forms"]],
        obsolete=[(Lazy(o["pattern"]), o) for o in raw["obsolete"]],
        epithets=[(Lazy(e["pattern"]), e) for e in raw["epithets"]],
        # 第九个全民国家安全教育日: group d<i> names the day, group n the ordinal
        days=Lazy(rf"第(?P<n>\d{{1,2}}|[{NUMERAL_CHARS}]{{1,4}})个(?:" +
                  "|".join(f"(?P<d{i}>{d['pattern']})" for i, d in enumerate(raw["days"])) + ")"))


def clause_before(text: str, start: int, width: int = 20, ends: str = CLAUSE_END) -> str:
    chunk = text[max(0, start - width):start]
    cut = max(chunk.rfind(ch) for ch in ends)
    return chunk[cut + 1:]


def sentence(text: str, start: int, end: int) -> str:
    """The sentence around ``start:end`` (up to 60 characters either side)."""
    after = text[end:end + 60]
    cut = min((i for i in (after.find(ch) for ch in CLAUSE_END) if i >= 0), default=len(after))
    return clause_before(text, start, 60) + text[start:end] + after[:cut]


# the year a clause speaks of: 2025年是…… / 明年 / 今年
WHEN = Lazy(rf"({YEAR})年(?:是|为|作为)|(明年|下一年|新的一年|来年)|(今年|本年度|这一年)")


def said_years(said: re.Match[str], year: int) -> list[int]:
    """The years a ``WHEN`` match may mean: 2025年 → 2025; 明年 → Y+1; 今年 → Y, or Y+1 in
    plans written in the January after it (今年是“十四五”规划收官之年 in a 2024 report)."""
    if said.group(1):
        return [int(said.group(1))]
    return [year + 1] if said.group(2) else [year, year + 1]


def past_year(clause: str, year: int) -> bool:
    """The clause names a year before Y (2025年“十四五”圆满收官): told as the past."""
    return any(int(y) < year for y in re.findall(rf"({YEAR})年", clause))


_HISTORY_BEFORE = Lazy(r"曾|过去|回顾|去年|上年|此前|当年|那时|那几年|原来|原先|以往|三年|经过|经历|期间")
_HISTORY_AFTER = Lazy(r"^[”\"]?[^。；，]{0,3}(?:期间|以来|年来|时期|阶段|那几年|中积累|取得(?:了)?(?:重大|全面|决定性)"
                      r"|转段|平稳|结束|以后|之后|后[，,]|的经验|成果)")


def is_history(text: str, start: int, end: int, year: int) -> bool:
    """Whether the phrase at ``start:end`` is told as the past (疫情防控期间, 过去三年的疫情防控,
    2022年核酸检测…: a year before Y in its sentence), not as current work."""
    before = clause_before(text, start, 30)  # the sentence: 过去三年，我们坚持……
    return bool(_HISTORY_BEFORE.search(before) or _HISTORY_AFTER.match(text[end:end + 12])) or past_year(before, year)
