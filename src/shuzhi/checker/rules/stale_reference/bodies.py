"""机构已撤并 and 机构尚未组建: a body that no longer exists in the report year named as one
that does; a body formed after the report was written (国家数据局 in a 2022 report)."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from shuzhi.checker.data import load
from shuzhi.checker.document import Document
from shuzhi.checker.registry import make
from shuzhi.checker.rules.stale_reference.common import (
    RULE,
    Lazy,
    Names,
    clause_before,
    sentence,
)
from shuzhi.text.years import YEAR

_BODY_BEFORE_HISTORY = Lazy(r"(?:原|前|旧|老|撤销|撤并|整合|合并|组建|改革前|改革以前)[^，。；\n]{0,3}$")
_CAREER = Lazy(r"曾任|曾在|历任|先后任|先后在|当时|那时|过去|以往|原来|原先|服役|入伍|参军|转业|退役")  # 曾任县检察院反贪局副局长: a career, not a body now
_BODY_AFTER_HISTORY = Lazy(r"^(?:[（(]现|原有|时期|[^，。；\n]{0,10}?(?:合并|机构改革|体制改革|撤销|撤并|整合|更名|改为|划入|挂牌|转隶|组建|现为))")


def _names(entry: dict) -> list[str]:
    """The names as written, a provincial 厅 for each local 局 (国土资源局 → 省国土资源厅)."""
    names = entry["names"]
    return names + [n[:-1] + "厅" for n in names if n.endswith("局") and not n.endswith(("总局", "分局"))]


def _needles(names: list[str]) -> tuple[str, ...]:
    """The fewest literals one of which each name contains (国土资源 for 国土资源局 and 国土资源厅):
    every report is searched for every body."""
    stems = {n[:-1] if n.endswith(("局", "厅")) and len(n) >= 5 else n for n in names}
    return tuple(sorted(n for n in stems if not any(m != n and m in n for m in stems)))


@cache
def _bodies_compiled():
    out = []
    for entry in load("bodies"):
        names = _names(entry)
        pattern = entry.get("pattern") or "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
        # compiled only where its needles occur
        out.append((Lazy(pattern), tuple(entry["needles"]) if "needles" in entry else _needles(names), entry))
    return out


@cache
def _all_needles() -> Names:
    return Names(needles for _, needles, _ in _bodies_compiled())


def bodies(doc: Document, year: int):
    """A body that no longer exists in Y, named as one that does (not 原地税局, 国税地税合并), or
    one formed after the report was written."""
    text = doc.text
    written = dt.date(year + 1, 1, 31)  # a report is written by the January after its year
    for i in _all_needles().found(text):
        pattern, _, entry = _bodies_compiled()[i]
        if "created" in entry:
            if entry["created"] > written:
                yield from _not_yet(doc, pattern, entry, year)
            continue
        if year < entry["from"]:
            continue
        for start, end in _joined(pattern.finditer(text), text):
            before, after = text[max(0, start - 8):start], text[end:end + 12]
            if _BODY_BEFORE_HISTORY.search(before) or _BODY_AFTER_HISTORY.match(after) or \
                    _CAREER.search(clause_before(text, start, 24)) or _when_it_was(text, start, end, entry["from"]):
                continue
            yield make(doc, RULE, start, text[start:end],
                       f"“{text[start:end]}”在{entry['from'] - 1}年机构改革后已不存在，{year}年度报告应为“{entry['now']}”",
                       severity=entry.get("severity", "error"), basis=entry["basis"])


def _when_it_was(text: str, start: int, end: int, gone: int) -> bool:
    """The sentence names a year when the body still existed (2017年已实施完毕): history."""
    return any(int(y) < gone for y in re.findall(rf"({YEAR})年", sentence(text, start, end)))


def _not_yet(doc: Document, pattern: Lazy, entry: dict, year: int):
    """Each mention of a body formed after the report of Y was written."""
    text, formed = doc.text, entry["created"]
    for m in pattern.finditer(text):
        if re.search(r"(?:拟|将|筹备|筹建|即将)(?:组建|成立|设立)?[^，。；\n]{0,4}$", text[max(0, m.start() - 8):m.start()]):
            continue  # 拟组建县乡村振兴局: what was announced, not a body at work
        yield make(doc, RULE, m.start(), m.group(), f"“{m.group()}”是{formed.year}年{formed.month}月机构改革后"
                   f"才组建的，{year}年度报告中不应出现，疑为年份有误或混入了后来的材料",
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
