"""Reviewing an update: what still needs the user's eye, where, and what changed.

``flags`` lists, with its line in ``Draft.lines()``, every sentence to check: last year's
content kept as 【上年内容，请核对：…】 (reason 上年内容), a superseded reference the checker
still finds (过时提法), a gap left where this year's facts are silent (待补充, such as an
整改情况 not filled in), and a 较上年 comparison the two numbers do not give (上年对比).
``side_by_side`` pairs last year's text with this year's, section by section, for the app.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from shuzhi.draft import Draft, line_at
from shuzhi.text.headings import without_ordinal
from shuzhi.text.sentences import sentences
from shuzhi.update.carry import MARKED
from shuzhi.update.figures import comparison

Reason = Literal["上年内容", "过时提法", "待补充", "上年对比"]
LAST_YEAR_CONTENT: Reason = "上年内容"
SUPERSEDED: Reason = "过时提法"
GAP: Reason = "待补充"
COMPARISON: Reason = "上年对比"
_GAP = re.compile(r"【待补充[：:][^】]*】")
_COMPARED = re.compile(r"较上年(增加|减少|增长|下降)(\d+(?:\.\d+)?)")


@dataclass
class Flag:
    """A sentence of the updated draft that needs the user's eye."""

    section_id: str
    heading: str
    sentence: str
    reason: Reason
    detail: str
    line: int | None = None  # in Draft.lines() / assemble(), 1-based


def stale_findings(text: str, year: int) -> list[tuple[int | None, str, str]]:
    """(line, matched text, message) of superseded references, from the checker's
    ``stale-reference`` rule: its data is the one list of them."""
    from shuzhi.checker import check_text

    return [(f.line, f.text, f.message) for f in check_text(text, year=year, rules=["stale-reference"])]


def _comparison_errors(sentence: str, draft: Draft) -> str | None:
    """A 较上年增加N that the two numbers of the figure it follows (the one named nearest
    before it) do not give."""
    figures = draft.facts.all_figures()
    for match in _COMPARED.finditer(sentence):
        before = sentence[:match.start()]
        named = max((f for f in figures if f.name in before), key=lambda f: before.rfind(f.name), default=None)
        said = f"较上年{'增加' if match.group(1) in ('增加', '增长') else '减少'}{match.group(2)}"
        if named is None or not re.match(re.escape(said) + r"(?![\d.])", comparison(named)):
            return f"“{match.group(0)}”与事实中的本年和上年数值不符"
    return None


def flags(draft: Draft) -> list[Flag]:
    """Every sentence of ``draft`` still to check, in reading order, with its line."""
    out: list[Flag] = []
    lines = draft.lines()
    for number, line in enumerate(lines, 1):
        section = line.section
        if line.kind != "paragraph" or section is None:
            continue
        for match in MARKED.finditer(line.text):
            out.append(Flag(section.id, section.heading_line, match.group(1), LAST_YEAR_CONTENT,
                            "上年报告的句子，本年度事实未提及：请核对后改写或删除", number))
        plain = MARKED.sub("", line.text)
        for sentence in sentences(plain, clauses=True):
            if _GAP.search(sentence):
                out.append(Flag(section.id, section.heading_line, sentence.strip(), GAP,
                                "事实中没有，请补充", number))
            wrong = _comparison_errors(sentence, draft)
            if wrong:
                out.append(Flag(section.id, section.heading_line, sentence.strip(), COMPARISON, wrong, number))
    for found_on, text, message in stale_findings(draft.assemble(), draft.year):
        where = line_at(lines, found_on)
        if where is None or where.section is None:
            continue  # the title, or a finding on no line
        if any(text in m.group(0) for m in MARKED.finditer(where.text)):
            continue  # inside last year's sentence, already to check as 上年内容
        out.append(Flag(where.section.id, where.section.heading_line, text, SUPERSEDED, message, found_on))
    return sorted(out, key=lambda f: f.line or 0)


def listing(found: list[Flag]) -> list[str]:
    """The CLI's listing: one line per sentence to check, ``第N行【reason】where：sentence``."""
    return [f"第{f.line}行【{f.reason}】{f.heading or '导语'}：{f.sentence}（{f.detail}）" for f in found]


@dataclass
class Change:
    """One section: last year's text beside this year's, and which of this year's sentences
    are still last year's (kept as they were, or marked 【上年内容，请核对：…】)."""

    section_id: str
    heading: str
    last: str
    now: str
    from_last_year: list[str]  # this year's sentences that are last year's

    @property
    def still(self) -> int:
        return len(self.from_last_year)


SAME = 0.9  # a sentence this close to one of last year's (difflib ratio) is still last year's


def from_last_year(text: str, last_text: str) -> list[str]:
    """This year's sentences that are last year's: each marker, and each sentence nearly as
    last year wrote it (its year or a reference brought forward, a word changed)."""
    import difflib

    from shuzhi.update.carry import split

    marked = [m.group(1) for m in MARKED.finditer(text)]
    last = [without_ordinal(s.strip()) for s in split(last_text)]
    near = [s.strip() for s in split(MARKED.sub("", text))
            if any(difflib.SequenceMatcher(None, without_ordinal(s.strip()), old).ratio() >= SAME for old in last)]
    return marked + near


def compare(draft: Draft, previous_report: str | None = None) -> list[Change]:
    """Section by section, last year's text beside the draft as it now stands (edits included)."""
    from shuzhi.update.offline import prepare

    report = previous_report or draft.previous_report
    if not report:
        return []
    last = {s.id: s.text for s in prepare(report, draft.facts).last.sections}
    return [Change(s.id, s.heading_line or "导语", last.get(s.id, ""), s.text, from_last_year(s.text, last.get(s.id, "")))
            for s in draft.sections]
