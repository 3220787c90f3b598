"""``duplicate`` — the same sentence repeated (warning).

A model that loops, or a paste done twice, repeats a sentence; read aloud it is embarrassing.
Sentences are compared without blanks and punctuation; only sentences of 12 or more characters
count (short formulas like “推动整改。” legitimately recur). Headings are not sentences. When the
repeat directly follows its original, deleting it is offered as an exact fix.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right

from shuzhi.checker.document import Document
from shuzhi.checker.registry import Context, make
from shuzhi.text.sentences import sentence_spans

ID = "duplicate"
SEVERITY = "warning"
BASIS = "实务惯例"
DOCUMENT_LEVEL = False
RULE = sys.modules[__name__]

MIN_CHARS = 12
_NOISE = re.compile(r"[\s，。、；：！？“”‘’（）《》,.;:!?\"'()【】…—]")


def check(doc: Document, ctx: Context):
    text, headings = doc.text, doc.heading_lines()
    seen: dict[str, list[int]] = {}  # normalized → [offset of the first, end of the latest]
    for start, end in sentence_spans(text):
        if end - start < MIN_CHARS:
            continue  # shorter still without its blanks and marks
        sentence = text[start:end]
        key = _NOISE.sub("", sentence)
        if len(key) < MIN_CHARS or bisect_right(doc.line_starts, start) - 1 in headings:
            continue  # too short, or on a heading line (the line of its start)
        if key not in seen:
            seen[key] = [start, end]
            continue
        first, latest_end = seen[key]
        adjacent = not text[latest_end:start].strip()
        seen[key][1] = end
        yield make(doc, RULE, start, sentence, f"与第{doc.position(first)[0]}行的句子重复",
                   suggestion="" if adjacent else "删除或改写重复的句子", fixable=adjacent)
