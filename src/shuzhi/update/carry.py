"""What becomes of each of last year's sentences: replaced, kept, marked or left out.

This year's content comes from this year's facts only. A sentence of last year's report is

- ``replaced`` when this year's facts say the same kind of thing (one of its figures by name,
  or an item sharing a run of words with it): this year's item stands in its place;
- ``issue`` when it is one of last year's 不足: it is answered in the 上年问题整改 passage;
- ``kept`` when it is framing without specifics — the 导语's opening and the formulas
  (现将……报告如下, 以上报告，请予评议) — with its year and its references brought forward;
- ``marked`` otherwise: kept only as 【上年内容，请核对：…】 in last year's words, which the
  checker counts as a placeholder, so nothing of last year's stays unseen;
- ``omitted`` when the marker would be too long for the checker to count (over
  ``MARK_LIMIT``) or the sentence told last year's 整改 — listed for review, not in the text.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

from shuzhi.facts import Facts, Figure
from shuzhi.text.headings import without_ordinal
from shuzhi.text.sentences import sentences
from shuzhi.text.years import replace_year
from shuzhi.update.references import bring_forward
from shuzhi.update.words import any_of, words

Fate = Literal["replaced", "issue", "kept", "marked", "omitted"]
MARK = "【上年内容，请核对：{}】"
MARKED = re.compile(r"【上年内容，请核对：([^】]*)】")
MARK_LIMIT = 120  # the checker's 【…】 placeholder pattern spans at most 120 characters
SHARED_RUN = 6  # characters in a row an item must share with a sentence to stand in for it
_FORMULA = any_of("formula")
_SALUTATION = re.compile(r"^[^，。；]{2,20}[：:]$")
_HONOUR = re.compile(f"{any_of('honour').pattern}|{words()['passed_pattern']}")
_DIGIT = re.compile(r"\d")
_QUOTED = re.compile(r"“([^”]+)”|《([^》]+)》")
_CLAUSE = re.compile(r"[^，,]+[，,]?")
_POINT_HEAD = re.compile(r"^[^，,\d“”《》]{2,8}[。：:]?$")  # 抓规范提升。 强化政治引领。


@dataclass
class Carried:
    """One of last year's sentences and what became of it in this year's draft."""

    section_id: str
    text: str  # as last year wrote it
    fate: Fate
    now: str = ""  # what stands in the draft for it: the kept or marked text, else ""


def mark(text: str) -> str:
    return MARK.format(text.strip())


def shared_run(a: str, b: str) -> int:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.find_longest_match(0, len(a), 0, len(b)).size


def replaced_by(sentence: str, figures: list[Figure], items: list[str]) -> bool:
    """Whether this year's facts for the section say the same kind of thing."""
    if any(len(f.name) >= 2 and f.name in sentence for f in figures):
        return True
    return any(shared_run(sentence, item) >= SHARED_RUN for item in items)


def said(text: str, body: str, share: float = 0.9) -> bool:
    """Whether ``body`` already says ``text``: most of its characters there, in order
    (深入学习贯彻党的二十届四中全会精神 in 深入学习贯彻党的二十大和二十届二中、三中、四中全会精神)."""
    matcher = difflib.SequenceMatcher(None, text, body, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) >= share * len(text)


def is_issue(sentence: str, facts: Facts) -> bool:
    return any(shared_run(sentence, i.issue) >= min(12, len(i.issue)) for i in facts.previous_issues)


def specific(clause: str, facts_text: str) -> bool:
    """A clause that states last year's particulars: a figure, an honour, a named thing."""
    if _DIGIT.search(re.sub(r"\d{4}年", "", clause)) or _HONOUR.search(clause):
        return True
    return any((m.group(1) or m.group(2)) not in facts_text and len(m.group(1) or m.group(2)) > 4
               for m in _QUOTED.finditer(clause))


def _stale_error(text: str, year: int) -> bool:
    from shuzhi.checker import check_text

    return any(f.severity == "error" for f in check_text(text, year=year, rules=["stale-reference"]))


def marked_or_omitted(section_id: str, sentence: str, year: int) -> Carried:
    """Last year's words in a marker, as written — but a reference the checker would call
    wrong for this year (十九届六中全会精神 in 2023) brought forward even there."""
    text = without_ordinal(sentence.strip())
    if _stale_error(text, year):
        text = bring_forward(text, year)[0]
    if len(mark(text)) > MARK_LIMIT:
        return Carried(section_id, sentence, "omitted")
    return Carried(section_id, sentence, "marked", mark(text))


def framing(section_id: str, paragraph: str, facts: Facts, facts_text: str, last_year: int) -> list[Carried]:
    """The 导语 (or a closing paragraph): its generic clauses kept, brought forward; its
    particulars marked, clause run by clause run."""
    out = []
    for sentence in sentences(paragraph):
        if _SALUTATION.match(sentence.strip()) or _FORMULA.search(sentence):
            out.append(Carried(section_id, sentence, "kept", replace_year(sentence, last_year, facts.year)))
            continue
        if is_issue(sentence, facts):
            out.append(Carried(section_id, sentence, "issue"))
            continue
        kept: list[str] = []
        particulars: list[str] = []
        for clause in _CLAUSE.findall(sentence):
            (particulars if specific(clause, facts_text) else kept).append(clause)
        body = "".join(kept).rstrip("，,")
        if body:
            body, unresolved = bring_forward(replace_year(body, last_year, facts.year), facts.year)
            if unresolved:  # a campaign with no successor this year: the user's call, not ours
                out.append(marked_or_omitted(section_id, "".join(kept), facts.year))
            else:
                out.append(Carried(section_id, sentence, "kept", body + ("" if body.endswith("。") else "。")))
        if particulars:
            out.append(marked_or_omitted(section_id, "".join(particulars).rstrip("，,。") + "。", facts.year))
    return out


def content(section_id: str, text: str, facts: Facts, figures: list[Figure], items: list[str]) -> list[Carried]:
    """A section whose content comes from this year's facts: each of last year's sentences
    replaced by them, answered as an issue, or marked."""
    out = []
    for sentence in sentences(text, clauses=True):
        if _POINT_HEAD.match(without_ordinal(sentence.strip())):  # 一是抓规范提升。: a point's head, not content
            out.append(Carried(section_id, sentence, "omitted"))
        elif _FORMULA.search(sentence):  # 以上报告，请予评议。 closing the last section
            out.append(Carried(section_id, sentence, "kept", sentence.strip()))
        elif is_issue(sentence, facts):
            out.append(Carried(section_id, sentence, "issue"))
        elif replaced_by(sentence, figures, items):
            out.append(Carried(section_id, sentence, "replaced"))
        else:
            out.append(marked_or_omitted(section_id, sentence, facts.year))
    return out


def formula(text: str) -> bool:
    return bool(_FORMULA.search(text))


def salutation(text: str) -> bool:
    return bool(_SALUTATION.match(text.strip()))


def split(text: str) -> list[str]:
    """Last year's sentences as this module counts them: split at 。！？ and ；."""
    return sentences(text, clauses=True)
