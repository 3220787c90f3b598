"""上年问题: last year's 不足, read out of last year's report, and the passage answering them.

Many units require a 上年问题整改情况 in the 述职; this keeps the thread from one year to the
next. ``read_issues`` finds the 不足 of last year's report (the 一是……二是…… or 1.… of its
不足/问题 part, before 究其原因 and before the plans); the 上年问题整改情况 part (``data/parts.yaml``)
says what was done about each from ``facts.previous_issues``.
"""

from __future__ import annotations

import re

from shuzhi.draft import Draft, Section
from shuzhi.facts import Facts, PreviousIssue
from shuzhi.update.words import has_any

_PLANS_START = re.compile(r"(?:下一步|新的一年|今后|明年|\d{4}年，我将|努力方向|工作打算)")
_CAUSES = re.compile(r"究其原因|原因分析|产生这些问题的原因|分析原因")
_ITEM = re.compile(r"(?:^|[：:；;。\n])\s*(?:[一二三四五六七八九十]+是|\d+[.．、]|（[一二三四五六七八九十]+）)")
_ITEM_END = "；;。，,"
_NEXT_ORDINAL = re.compile(r"[；;。\n]\s*(?:[一二三四五六七八九十]+是|\d+[.．、]|（[一二三四五六七八九十]+）)?$")


def is_issues_section(section: Section) -> bool:
    """The part of a report that states its 不足 (not the one on last year's 整改)."""
    return has_any(section.heading, "issue") and not has_any(section.heading, "rectified")


def is_rectification_section(section: Section) -> bool:
    return has_any(section.heading, "rectified")


def _issues_text(text: str) -> str:
    """The 不足 part of a 不足和努力方向 text: before the causes and before the plans."""
    cut = len(text)
    for pattern in (_CAUSES, _PLANS_START):
        found = pattern.search(text)
        if found and found.start() > 0:
            cut = min(cut, found.start())
    return text[:cut]


def split_items(text: str) -> list[str]:
    """一是A；二是B。 / 1.A 2.B → [A, B], each trimmed of its ordinal and end mark."""
    starts = [m.end() for m in _ITEM.finditer(text)]
    items = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(text)
        item = _NEXT_ORDINAL.sub("", text[start:end].strip())  # the next item's 二是 is not this one's
        items.append(item.strip().rstrip(_ITEM_END))
    return [i for i in items if len(i) >= 4]


def read_issues(draft: Draft) -> list[str]:
    """Last year's 不足, in order, verbatim (from a report read with ``report_to_draft``)."""
    for section in draft.sections:
        if not is_issues_section(section):
            continue
        own = section.text or "\n".join(s.text for s in draft.subsections(section))
        issues = split_items(_issues_text(own))
        if issues:
            return issues
    return []


def with_previous_issues(facts: Facts, issues: list[str]) -> Facts:
    """``facts`` with last year's 不足 as ``previous_issues`` — those the user already has
    (with their 整改情况) kept as they are, new ones added with no 整改情况 yet."""
    known = {i.issue for i in facts.previous_issues}
    added = [PreviousIssue(issue=i) for i in issues if i not in known]
    if not added:
        return facts
    return facts.model_copy(update={"previous_issues": [*facts.previous_issues, *added]})
