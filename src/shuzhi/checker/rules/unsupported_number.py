"""``unsupported-number`` — with ``--facts``: a figure the facts do not contain (warning).

A model drafting from the facts must not invent figures. Every number in the text (Arabic, and
Chinese numerals of 3 or more before 次/人/名/场/篇/册: 十二次, 三十人) must occur somewhere in the facts
file (items, figures, events, honours, integrity, plans, date…). Also supported: the report
year and Y+1; ordinals (第四卷), numbers inside 《书名》, heading numbers, numbers that belong to
fixed names (二十大, 十四五, 第一议题, 985/211, 5G, 1+X), and numbers inside placeholders.
"""

from __future__ import annotations

import sys

from shuzhi.checker.document import Document
from shuzhi.checker.registry import Context, make
from shuzhi.checker.rules.placeholder import spans as placeholder_spans
from shuzhi.patterns import compile as compile_pattern
from shuzhi.text.numerals import number_spans, numbers_in_data

ID = "unsupported-number"
SEVERITY = "warning"
BASIS = "实务惯例"
DOCUMENT_LEVEL = False
RULE = sys.modules[__name__]


def supported_numbers(facts, year: int | None) -> set[str]:
    """The numbers the facts contain, the report year and the next (the date of writing)."""
    years = {str(y + k) for y in (year, facts.year) if y for k in (0, 1)}
    return numbers_in_data(facts.to_data(sources=False)) | years


def _heading_numbers(doc: Document) -> list[tuple[int, int]]:
    """Spans of the numbers that open heading lines (1. （2））: numbering, not figures."""
    return [(doc.line_starts[i] + found.start, doc.line_starts[i] + found.end)
            for i, found in doc.numbered.items()]


_BOOK = compile_pattern(r"《[^》\n]{0,60}》")
_FIXED = compile_pattern(r"(?:985|211)(?:工程|高校|大学|院校)|\d+[+＋]\d*[A-Za-z]|[A-Za-z]+\d+")


def check(doc: Document, ctx: Context):
    if ctx.facts is None:
        return
    supported = supported_numbers(ctx.facts, ctx.year or doc.year)
    text = doc.text
    skip = [m.span() for p in (_BOOK, _FIXED) for m in p.finditer(text)]
    skip += _heading_numbers(doc) + [(a, b) for a, b, _ in placeholder_spans(doc)]
    candidates = [(start, end, value) for start, end, value, chinese in number_spans(text)
                  if not chinese or int(value) >= 3]
    for start, end, value in sorted(candidates):
        if value in supported or any(a <= start and end <= b for a, b in skip):
            continue
        if text[max(0, start - 1):start] == "第":
            continue
        yield make(doc, RULE, start, text[start:end], f"事实文件中没有数字“{text[start:end]}”，"
                   "请核对是否为编造或记错")
