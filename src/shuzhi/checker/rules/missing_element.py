"""``missing-element`` — a mandatory element of the template the text does not cover (error;
optional elements: warning).

Each element of the template (``elements`` in template.yaml) lists regex ``signals``; one found
anywhere in the report covers it. Text inside note markers (our drafter's 【待补充：…】,
（此处填写…）) does not count: a gap that *names* 中央八项规定 is not a paragraph about it.
Without ``--template`` the template is the one whose report type the title names, else the
default ``shudeshulian``. The basis is the element's own ``basis`` (条例 or 实务惯例).
"""

from __future__ import annotations

import re
import sys

from shuzhi.checker.document import Document
from shuzhi.checker.registry import Context, make_document
from shuzhi.checker.rules.placeholder import mask_markers

ID = "missing-element"
SEVERITY = "error"
BASIS = "实务惯例"
DOCUMENT_LEVEL = True


def check(doc: Document, ctx: Context):
    if ctx.template is None:
        return
    text = mask_markers(doc.text)
    if doc.title_index is not None:  # the title (述德述廉…) names the report type, it covers nothing
        start = doc.line_starts[doc.title_index]
        text = text[:start] + text[start + len(doc.lines[doc.title_index]):]
    for element in ctx.template.elements:
        if any(re.search(signal, text) for signal in element.signals):
            continue
        severity = "warning" if element.optional else element.severity
        kind = "可选内容" if element.optional else "必备内容"
        yield make_document(sys.modules[__name__], element.name,
                            f"缺少{kind}：{element.name}", severity=severity, basis=element.basis,
                            suggestion=f"补写“{element.name}”方面的内容")
