"""``unsupported-number`` — with ``--facts``: a figure the facts do not contain (warning).

A model drafting from the facts must not invent figures. Every number in the text (Arabic, and
Chinese numerals of 3 or more before 次/人/名/场/篇/册: 十二次, 三十人) must occur somewhere in the facts
file (items, figures, events, honours, integrity, plans, date…). Also supported: the report
year and Y+1; ordinals (第四卷), numbers inside 《书名》, heading numbers, numbers that belong to
fixed names (二十大, 十四五, 第一议题, 985/211, 5G, 1+X), and numbers inside placeholders.
"""

from __future__ import annotations

import re
import sys

from shuzhi.checker.document import Document
from shuzhi.checker.numbers import canonical, cn_to_int
from shuzhi.checker.registry import Context, make
from shuzhi.checker.rules.placeholder import spans as placeholder_spans

ID = "unsupported-number"
SEVERITY = "warning"
BASIS = "实务惯例"
DOCUMENT_LEVEL = False
RULE = sys.modules[__name__]

# Chinese numerals count as figures only before these counters: with 项/个/位/条 they are far
# more often part of fixed names (八项规定, 四个意识, 五位一体, 四项基本原则) than figures.
_COUNTER = r"(?:余|多)?(?:人次|批次|次|人|名|场|篇|册)"
_ARABIC = re.compile(r"(?<![\d.A-Za-z+＋])\d+(?:\.\d+)?(?![\d.]?\d)(?![A-Za-z+＋])")
_CHINESE = re.compile(r"(?<![第每逐单同一二两三四五六七八九十百千万〇零])"
                      r"([二两三四五六七八九十百千万〇零一]{1,6})(?=" + _COUNTER + ")")
_BOOK = re.compile(r"《[^》\n]{0,60}》")
_HEADING_NUMBER = re.compile(r"^[ \t\u3000#]*(?:\d+[.．、]|[（(]\d+[）)])", re.M)
_FIXED = re.compile(r"(?:985|211)(?:工程|高校|大学|院校)|\d+[+＋]\d*[A-Za-z]|[A-Za-z]+\d+")


def numbers_in(text: str) -> set[str]:
    """Canonical spellings of every number written in ``text`` (Arabic and Chinese with counter)."""
    found = {canonical(m.group()) for m in _ARABIC.finditer(text)}
    for m in _CHINESE.finditer(text):
        value = cn_to_int(m.group(1))
        if value is not None:
            found.add(str(value))
    return found


def supported_numbers(facts, year: int | None) -> set[str]:
    out: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, bool) or value is None:
            return
        elif isinstance(value, (int, float)):
            out.add(canonical(value))
        else:
            out.update(numbers_in(str(value)))

    walk(facts.to_data())
    for y in (year, facts.year):
        if y:
            out.update({str(y), str(y + 1)})
    return out


def check(doc: Document, ctx: Context):
    if ctx.facts is None:
        return
    supported = supported_numbers(ctx.facts, ctx.year or doc.year)
    text = doc.text
    skip = [m.span() for p in (_BOOK, _HEADING_NUMBER, _FIXED) for m in p.finditer(text)]
    skip += [(a, b) for a, b, _ in placeholder_spans(doc)]
    candidates = [(m.start(), m.end(), canonical(m.group())) for m in _ARABIC.finditer(text)]
    for m in _CHINESE.finditer(text):
        value = cn_to_int(m.group(1))
        if value is not None and value >= 3:
            candidates.append((m.start(1), m.end(1), str(value)))
    for start, end, value in sorted(candidates):
        if value in supported or any(a <= start and end <= b for a, b in skip):
            continue
        if text[max(0, start - 1):start] == "第":
            continue
        yield make(doc, RULE, start, text[start:end], f"事实文件中没有数字“{text[start:end]}”，"
                   "请核对是否为编造或记错")
