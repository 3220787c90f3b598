"""``duplicate`` — the same sentence repeated (warning).

A model that loops, or a paste done twice, repeats a sentence; read aloud it is embarrassing.
Sentences are compared without blanks and punctuation; only sentences of 12 or more characters
count (short formulas like “推动整改。” legitimately recur). Headings are not sentences. When the
repeat directly follows its original, deleting it is offered as an exact fix.

A sentence copied into a list of items (一是…；二是坚持把…；) is the same repeat one level down:
clauses (cut at ；) are compared too, without their enumerator (一是, 第二, （三）), from 16
characters — a repeated clause is a weaker sign than a repeated sentence — and only where the
sentence pass has not already reported the repeat.
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
MIN_CLAUSE_CHARS = 16
_NOISE = re.compile(r"[\s，。、；：！？“”‘’（）《》,.;:!?\"'()【】…—]")
_CLOSERS = "”’」』"
_ENUMERATOR = re.compile(r"\s*(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，、]?|首先|其次|再次|最后"
                         r"|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])")


def check(doc: Document, ctx: Context):
    text, headings = doc.text, doc.heading_lines()
    reported: list[tuple[int, int]] = []  # spans of the repeated sentences
    keys: dict[int, str] = {}  # a compared sentence's start → its normalized text
    seen: dict[str, list[int]] = {}  # normalized → [offset of the first, end of the latest]
    for start, end in sentence_spans(text):
        if end - start < MIN_CHARS:
            continue  # shorter still without its blanks and marks
        sentence = text[start:end]
        key = _NOISE.sub("", sentence)
        if len(key) < MIN_CHARS or bisect_right(doc.line_starts, start) - 1 in headings:
            continue  # too short, or on a heading line (the line of its start)
        keys[start] = key
        if key not in seen:
            seen[key] = [start, end]
            continue
        first, latest_end = seen[key]
        adjacent = not text[latest_end:start].strip()
        seen[key][1] = end
        reported.append((start, end))
        yield make(doc, RULE, start, sentence, f"与第{doc.position(first)[0]}行的句子重复",
                   suggestion="" if adjacent else "删除或改写重复的句子", fixable=adjacent)
    yield from _repeated_clauses(doc, headings, keys, reported)


def _repeated_clauses(doc: Document, headings, keys: dict[int, str], reported: list[tuple[int, int]]):
    """A clause of a sentence cut at ； that repeats another clause or a whole sentence (or is
    repeated by one). Whole sentences reuse the sentence pass's keys; only the clauses of the
    sentences cut at ； are normalized here."""
    text = doc.text
    first_at: dict[str, int] = {}
    of_clause: set[str] = set()  # keys first seen as a clause, not a whole sentence
    inner = False  # this span continues a sentence cut at ；
    for start, end in sentence_spans(text, clauses=True):
        whole = not inner
        inner = text[start:end].rstrip(_CLOSERS)[-1:] in ("；", ";")
        whole = whole and not inner
        if whole:  # compared by the sentence pass unless a heading or too short
            key, at = keys.get(start, ""), start
        elif end - start < MIN_CLAUSE_CHARS or bisect_right(doc.line_starts, start) - 1 in headings:
            continue
        else:
            enumerator = _ENUMERATOR.match(text, start)
            at = enumerator.end() if enumerator else start
            key = _NOISE.sub("", text[at:end])
        if len(key) < MIN_CLAUSE_CHARS:
            continue
        if key not in first_at:
            first_at[key] = start
            if not whole:
                of_clause.add(key)
        elif (not whole or key in of_clause) and not any(a <= start < b for a, b in reported):
            yield make(doc, RULE, at, text[at:end], f"与第{doc.position(first_at[key])[0]}行的内容重复",
                       suggestion="删除或改写重复的内容", fixable=False)
