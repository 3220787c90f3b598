"""``duplicate`` — the same sentence repeated (warning).

A model that loops, or a paste done twice, repeats a sentence; read aloud it is embarrassing.
Sentences are compared without blanks and punctuation; only sentences of 12 or more characters
count (short formulas like “推动整改。” legitimately recur). Headings are not sentences. When the
repeat directly follows its original, deleting it is offered as an exact fix.

A sentence copied with one word changed (能调则调 → 能调就调, 红线 → 底线, 两到三次 → 两到三遍) is the
same repeat, from 16 characters: the two differ in one place, by at most two characters on each
side, and not in a number (全年开展12次 and 15次 are two facts). Found through the sentences that
share its first or its last characters, not by comparing every pair.

A sentence copied into a list of items (一是…；二是坚持把…；) is the same repeat one level down:
clauses (cut at ；) are compared too, without their enumerator (一是, 第二, （三）), from 16
characters — a repeated clause is a weaker sign than a repeated sentence — and only where the
sentence pass has not already reported the repeat.
"""

from __future__ import annotations

import sys
from bisect import bisect_right

from shuzhi.checker.document import Document
from shuzhi.checker.registry import Context, make
from shuzhi.patterns import compile as compile_pattern
from shuzhi.text.sentences import sentence_spans

ID = "duplicate"
SEVERITY = "warning"
BASIS = "实务惯例"
DOCUMENT_LEVEL = False
RULE = sys.modules[__name__]

MIN_CHARS = 12
MIN_ADJACENT_CHARS = 6  # a sentence said twice in a row (全所无违法违纪问题。全所无违法违纪问题。): from 6
_PROSE = compile_pattern(r"[。！？!?；;，,：:]")
MIN_CLAUSE_CHARS = 16
MIN_NEAR_CHARS = 16  # a sentence with one word changed: from this length
_EDGE = 6  # characters at either end that a sentence with one word changed shares with its original
_CHANGE = 2  # the most characters changed on either side
_DIGITS = compile_pattern(r"[0-9０-９.％%]")
_LEADS = frozenset("一二三四五六七八九十第首其再最（(0123456789")
_LEADING = compile_pattern(r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+|首先|其次|再次|最后|[（(]?[一二三四五六七八九十\d]+[)）]?)")
_NOISE = compile_pattern(r"[\s，。、；：！？“”‘’（）《》,.;:!?\"'()【】…—]")
_ENUMERATOR = compile_pattern(r"\s*(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，、]?|首先|其次|再次|最后"
                         r"|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])")


def check(doc: Document, ctx: Context):
    text, headings = doc.text, doc.heading_lines()
    compared: list[tuple[int, str, str, bool]] = []  # (start, sentence, key, reported)
    seen: dict[str, list[int]] = {}  # normalized → [offset of the first, end of the latest]
    edges: dict[str, list[tuple[str, int]]] = {}  # first or last characters → (key, start) of longer sentences
    previous, seen_end = "", 0  # the key of the sentence before and its end: a short one said twice in a row
    for start, end in sentence_spans(text):
        if end - start < MIN_ADJACENT_CHARS:
            previous = ""
            continue  # shorter still without its blanks and marks
        sentence = text[start:end]
        if end - start < MIN_CHARS:  # said twice in a row only (as written: no key needed), not on a heading line
            said = sentence.strip()
            if said == previous and not text[seen_end:start].strip() and bisect_right(doc.line_starts, start) - 1 not in headings:
                yield make(doc, RULE, start, sentence, "与前一句重复", suggestion="", fixable=True)
            previous, seen_end = said, end
            continue  # too short to compare with the rest
        previous = ""  # (no short sentence repeats a longer one)
        key = _NOISE.sub("", sentence)
        line = bisect_right(doc.line_starts, start) - 1
        if len(key) < MIN_CHARS or line in headings:
            continue  # too short, or on a heading line (the line of its start)
        repeated = key in seen
        compared.append((start, sentence, key, repeated))
        if repeated:
            first, latest_end = seen[key]
            adjacent = not text[latest_end:start].strip()
            seen[key][1] = end
            if not _name_line(doc, line, sentence):  # (a byline and a signature may name the unit twice)
                yield make(doc, RULE, start, sentence, f"与第{doc.position(first)[0]}行的句子重复",
                           suggestion="" if adjacent else "删除或改写重复的句子", fixable=adjacent)
            continue
        seen[key] = [start, end]
        if len(key) < MIN_NEAR_CHARS:
            continue
        bare = _LEADING.sub("", key) if key[0] in _LEADS else key  # (三是坚持把… repeats 坚持把…)
        near = _near(bare, edges) if len(bare) >= MIN_NEAR_CHARS else None
        if near is None:
            edges.setdefault(bare[:_EDGE], []).append((bare, start))
            edges.setdefault(bare[-_EDGE:], []).append((bare, start))
        elif not _name_line(doc, line, sentence):
            yield make(doc, RULE, start, sentence, f"与第{doc.position(near)[0]}行的句子几乎相同（只改了个别字词）",
                       suggestion="删除或改写重复的句子", fixable=False)
    yield from _repeated_clauses(doc, compared, edges)


def _near(key: str, edges: dict[str, list[tuple[str, int]]]) -> int | None:
    """The start of an earlier sentence that ``key`` repeats with one word changed, if any."""
    heads, tails = edges.get(key[:_EDGE]), edges.get(key[-_EDGE:])
    if not heads and not tails:
        return None
    for other, start in (*(heads or ()), *(tails or ())):
        if abs(len(other) - len(key)) > _CHANGE:
            continue
        head = 0
        while head < min(len(key), len(other)) and key[head] == other[head]:
            head += 1
        tail = 0
        while tail < min(len(key), len(other)) - head and key[-1 - tail] == other[-1 - tail]:
            tail += 1
        ours, theirs = key[head:len(key) - tail], other[head:len(other) - tail]
        if len(ours) <= _CHANGE and len(theirs) <= _CHANGE and not _DIGITS.search(ours + theirs):
            return start
    return None


def _name_line(doc: Document, line: int, sentence: str) -> bool:
    """The sentence is a whole line with no mark of prose in it: a byline under the title or a
    signature at the end (湘潭市岳塘区市场监督管理局), which may well name the unit twice."""
    return doc.lines[line].strip() == sentence.strip() and _PROSE.search(sentence) is None


def _repeated_clauses(doc: Document, compared: list[tuple[int, str, str, bool]], edges: dict[str, list[tuple[str, int]]]):
    """A clause of a sentence cut at ； that repeats another clause or a whole sentence, or is
    repeated by a whole sentence; whole sentences keep the sentence pass's keys."""
    first_at: dict[str, int] = {}
    of_clause: set[str] = set()  # keys first seen as a clause, not a whole sentence
    for start, sentence, key, reported in compared:
        if "；" not in sentence and ";" not in sentence:
            if len(key) >= MIN_CLAUSE_CHARS and not reported:
                if key not in first_at:
                    first_at[key] = start
                elif key in of_clause:
                    yield _repeat(doc, start, sentence, first_at[key])
            continue
        for a, b in sentence_spans(sentence, clauses=True):
            enumerator = _ENUMERATOR.match(sentence, a)
            at = enumerator.end() if enumerator else a
            clause = sentence[at:b]
            part = _NOISE.sub("", clause) if b - at >= MIN_CLAUSE_CHARS else ""
            if len(part) < MIN_CLAUSE_CHARS:
                continue
            if part not in first_at:
                first_at[part] = start + a
                of_clause.add(part)
                near = _near(part, edges) if not reported else None  # (a sentence's item, one word changed)
                if near is not None and near < start:
                    yield make(doc, RULE, start + at, clause, f"与第{doc.position(near)[0]}行的句子几乎相同（只改了个别字词）",
                               suggestion="删除或改写重复的内容", fixable=False)
            elif not reported:
                yield _repeat(doc, start + at, clause, first_at[part])


def _repeat(doc: Document, at: int, text: str, first: int):
    return make(doc, RULE, at, text, f"与第{doc.position(first)[0]}行的内容重复",
                suggestion="删除或改写重复的内容", fixable=False)
