"""法规 and 著作: a law or 党内法规 cited in a report of a year before it was passed (带头学习民法典
in 2019), "新修订的" where no revision had been passed yet (新修订的职业教育法 in 2021); a book
studied before it was published (《习近平谈治国理政》第四卷 in 2021)."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from shuzhi.checker.document import Document
from shuzhi.checker.registry import make
from shuzhi.checker.rules.stale_reference.common import RULE, Lazy, Names, data
from shuzhi.text.years import YEAR

_NEW = Lazy(r"(?:新修订|新修正|新修改|修订后|修正后|修改后|最新修订|新颁布|新出台|新施行)的?[《“\"]?(?:中华人民共和国|中国共产党)?$")
_DRAFT = Lazy(r"草案|编纂|起草|审议|征求意见|分编|立法|制定")


@cache
def _laws() -> list[tuple[Lazy, dict]]:
    out = []
    for law in data().raw["laws"]:
        pattern = re.escape(law["name"])
        before = law.get("not_before", [])
        for word in [before] if isinstance(before, str) else before:
            pattern = f"(?<!{word})" + pattern
        if "not_after" in law:
            pattern += f"(?!{re.escape(law['not_after'])})"
        if law["name"].endswith("法"):
            pattern += "(?![律规院官学治制])"  # 学前教育法律法规 is not the law
        out.append((Lazy(pattern), law))  # compiled only where its name occurs
    return out


@cache
def _law_names() -> Names:
    return Names([law["name"]] for law in data().raw["laws"])


def laws(doc: Document, year: int):
    text = doc.text
    if "法" not in text and "条例" not in text and "规定" not in text and "党章" not in text:
        return
    written = dt.date(year + 1, 1, 31)  # a report is written by the January after its year
    for i in _law_names().found(text):
        pattern, law = _laws()[i]
        for m in pattern.finditer(text):
            before, around = text[max(0, m.start() - 14):m.start()], text[max(0, m.start() - 8):m.end() + 8]
            enacted = law.get("enacted")
            if enacted and enacted > written and not _DRAFT.search(around):
                yield make(doc, RULE, m.start(), m.group(), f"{law['title']}于{enacted.year}年{enacted.month}月通过，"
                           f"{year}年度报告中不应出现", basis=_basis(law, enacted))
                continue
            new = _NEW.search(before)
            made = law.get("revised", []) + ([enacted] if enacted and "修" not in new.group() else []) if new else []
            if new and not any(d <= written for d in made):
                first, start = min(law.get("revised", [written])), m.start() - len(before) + new.start()
                # a warning: an omnibus 修正 we do not list may be what the author meant
                yield make(doc, RULE, start, text[start:m.end()], f"{law['title']}的修订于{first.year}年"
                           f"{first.month}月通过，{year}年度报告写“{new.group()}”，请核实", severity="warning",
                           basis=_basis(law, first))
                continue
            yield from _revised_in(doc, m, law, year)


# 2022年修订的《中华人民共和国安全生产法》: the year of a revision
_REVISED_IN = Lazy(rf"({YEAR})年(?:新)?(?:修订|修正|修改)(?:后)?(?:的|版)?[《“\"]?(?:中华人民共和国|中国共产党)?$")


def _revised_in(doc: Document, m, law: dict, year: int):
    """A revision later than the law's (or 党内法规's) latest one, up to the report's year (2022年修订的
    安全生产法: its latest was in 2021); a warning (an omnibus 修正 we do not list may be what the
    author meant). Earlier years are not judged: the data lists the revisions readers cite, not
    every 修正."""
    said = _REVISED_IN.search(doc.text, max(0, m.start() - 16), m.start()) if "revised" in law else None
    latest = max(law["revised"]) if said else None
    # a revision late in a year takes effect in the next (2024年新修订的纪律处分条例: of 2023年12月)
    if said is None or latest is None or not latest.year + (latest.month >= 10) < int(said.group(1)) <= year + 1:
        return
    listed = "、".join(f"{d.year}年{d.month}月" for d in law["revised"])
    yield make(doc, RULE, said.start(), doc.text[said.start():m.end()], f"{law['title']}的修订在{listed}，"
               f"没有{said.group(1)}年的修订，请核实", severity="warning", basis=_basis(law, law["revised"][-1]))


def _basis(law: dict, when: dt.date) -> str:
    kind = "法律" if "中华人民共和国" in law["title"] else "党内法规" if "中国共产党" in law["title"] else "法规"
    return f"{kind}（{law['title']}，{when.year}年{when.month}月）"


@cache
def _books() -> list[tuple[Lazy, dict]]:
    return [(Lazy(book["pattern"]), book) for book in data().raw["books"]]


def books(doc: Document, year: int):
    """A book a report of Y studies, published after it was written."""
    text = doc.text
    written = dt.date(year + 1, 1, 31)
    for pattern, book in _books():
        if book["published"] <= written or book["needle"] not in text:
            continue
        for m in pattern.finditer(text):
            when = book["published"]
            yield make(doc, RULE, m.start(), m.group(), f"{book['title']}于{when.year}年{when.month}月出版，"
                       f"{year}年度报告中不应出现", severity=book.get("severity", "error"),
                       basis=f"出版物（{book['title']}，{when.year}年{when.month}月出版）")
