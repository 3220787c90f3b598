"""``punctuation`` — punctuation off GB/T 15834-2011 (and digits off GB/T 15835-2011) (warning;
顿号 between quoted items info).

Sub-kinds: half-width , ; : ? ! . ( ) " next to Chinese text — one finding for a document written
half-width throughout (its fix converts every mark), else one per mark; % and ％ mixed in one
document (the minority is flagged, GB/T 15835 “局部体例一致”); unpaired “” ‘’ （） 《》 on a line;
repeated or stacked punctuation (，， 。。 ；。); "..." / "。。。" / a lone … for the ellipsis ……;
（一）、 (GB/T 9704); full-width digits; blanks between Chinese characters in prose (not in the
title, a byline, a signature or inside 《》); a 顿号 between quoted or titled items (“强”、“凝”, 《条例》、《准则》:
GB/T 15834-2011 4.5.3.5 says one is usually not used — a recommendation, so info, and not where
a note stands between them: 《条例》（2023年修订）、《准则》). Each suggestion is an exact replacement.
Not flagged: 1,000 and 8:30 between digits, URLs, Markdown links, “1.” list numbers.
"""

from __future__ import annotations

import sys

from shuzhi.checker.document import CJK, Document
from shuzhi.checker.lazy import Lazy
from shuzhi.checker.registry import Context, make
from shuzhi.checker.rules.placeholder import spans as placeholder_spans
from shuzhi.patterns import compile as compile_pattern
from shuzhi.text.numerals import ORDINAL

ID = "punctuation"
SEVERITY = "warning"
BASIS = "国标（GB/T 15834-2011）"
DOCUMENT_LEVEL = False
RULE = sys.modules[__name__]

_C = f"[{CJK}“”‘’（）《》，。；：？！、]"
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
# (compiled only for a half-width mark that is not between digits: most reports have none)
_CJK_CHAR = Lazy(f"[{CJK}]")
_CJK_OR_MARK = Lazy(_C)


def check(doc: Document, ctx: Context):
    skip = [(a, b) for a, b, _ in placeholder_spans(doc)]
    findings = [*_half_width(doc), *_quotes(doc), *_repeats(doc), *_percent(doc), *_unpaired(doc),
                *_spaces(doc), *_quoted_items(doc)]
    for finding in findings:
        if not any(a <= finding.offset < b for a, b in skip):
            yield finding


def _is_half_width_error(ch: str, before: str, after: str, markdown: bool) -> bool:
    """Whether a half-width mark sits in Chinese text (GB/T 15834 P1–P3)."""
    if before.isdigit() and after.isdigit():
        return False  # 1,000 / 8:30 / 3.5
    if ch == ".":
        return bool(_CJK_CHAR.match(before)) and (not after or after == "\n" or bool(_CJK_CHAR.match(after)))
    if ch == "(":
        if markdown and before == "]":
            return False  # a Markdown link
        return bool(_CJK_CHAR.match(before) or _CJK_CHAR.match(after))
    if ch == ")":
        return bool(_CJK_OR_MARK.match(before) or _CJK_CHAR.match(after))
    return bool(_CJK_OR_MARK.match(before) or _CJK_OR_MARK.match(after))


_MIN_THROUGHOUT = 5  # this many half-width marks, outnumbering full-width ones: the whole document
# The patterns of this module open with a mark, not with a lookbehind: then the regex
# engine skips ahead to the next candidate character instead of trying every position.
_FULL_MARKS = Lazy(rf"[，；：？！。（）](?:(?<=[{CJK}].)|(?=[{CJK}]))")  # (counted only where half-width ones abound)
_HALF = compile_pattern(r"[,;:?!.()]")
_FULL_DIGITS = compile_pattern(r"[０-９]+")
_FULL_DIGIT_CHARS = "０１２３４５６７８９"
_TO_HALF = str.maketrans(_FULL_DIGIT_CHARS, "0123456789")


def _half_width(doc: Document):
    text = doc.text
    marks = [m.start() for m in _HALF.finditer(text)
             if _is_half_width_error(m.group(), text[m.start() - 1:m.start()] if m.start() else "",
                                     text[m.start() + 1:m.start() + 2], doc.markdown)]
    if len(marks) >= _MIN_THROUGHOUT and len(marks) > _count(_FULL_MARKS, text):
        first = marks[0]
        finding = make(doc, RULE, first, text[first], f"全文使用半角标点（共{len(marks)}处），应统一改为全角标点",
                       suggestion=_full(doc, first)[0], fixable=True, basis=_BASIS_FULL_WIDTH)
        finding.edits = tuple((i, text[i], _full(doc, i)[0]) for i in marks)
        yield finding
    else:
        for i in marks:
            full, message, basis = _full(doc, i)
            yield make(doc, RULE, i, text[i], message, suggestion=full, fixable=True, basis=basis)
    if not any(digit in text for digit in _FULL_DIGIT_CHARS):
        return  # (ten plain searches are quicker than the pattern's scan of a text without them)
    for m in _FULL_DIGITS.finditer(text):
        half = m.group().translate(_TO_HALF)
        yield make(doc, RULE, m.start(), m.group(), "数字应使用半角阿拉伯数字", suggestion=half,
                   fixable=True, basis="国标（GB/T 15835-2011：阿拉伯数字）")


def _count(pattern: Lazy, text: str) -> int:
    return sum(1 for _ in pattern.finditer(text))


def _full(doc: Document, i: int) -> tuple[str, str, str]:
    """(replacement, message, basis) for the half-width mark at ``i``: 一. heading → 一、."""
    ch = doc.text[i]
    line = doc.position(i)[0] - 1 - doc.line_offset
    number = doc.numbered.get(line) if ch == "." else None
    if number and number.kind == "cn-dun" and doc.line_starts[line] + number.start + len(number.number) == i + 1:
        return "、", "序号“一.”应写作“一、”", _BASIS_NUMBERING
    return _FULL[ch], f"中文里使用了半角标点“{ch}”，应为全角“{_FULL[ch]}”", _BASIS_FULL_WIDTH


_BASIS_NUMBERING = "国标（GB/T 9704-2012 7.3.3：结构层次序数依次用“一、”“（一）”“1.”“（1）”）"
_BASIS_FULL_WIDTH = "国标（GB/T 15834-2011：中文标点符号占一个字的位置，用全角形式）"
_QUOTED_ITEMS = Lazy(r'、(?<=[”》"]、)(?=[“《"])')
_AFTER_ITEM = ("”、", "》、", '"、')  # what every 顿号 it finds follows


def _quoted_items(doc: Document):
    """A 顿号 between quoted or titled items: GB/T 15834-2011 4.5.3.5, a recommendation."""
    text = doc.text
    if not any(pair in text for pair in _AFTER_ITEM):
        return
    for m in _QUOTED_ITEMS.finditer(text):
        yield make(doc, RULE, m.start(), "、", "引号或书名号标示的并列成分之间通常不用顿号", suggestion="",
                   fixable=True, severity="info",
                   basis="国标（GB/T 15834-2011 4.5.3.5：标有引号的并列成分之间、标有书名号的并列成分之间通常不用顿号）")


_ASCII_QUOTE = Lazy(rf'(?<=[{CJK}，。；：、])"|"(?=[{CJK}])')


def _quotes(doc: Document):
    if '"' not in doc.text:
        return
    for index, line in enumerate(doc.lines):
        if '"' not in line:
            continue
        quotes = [i for i, ch in enumerate(line) if ch == '"']
        flagged = {m.start() for m in _ASCII_QUOTE.finditer(line)}
        if not flagged:
            continue
        for n, i in enumerate(quotes):
            if i in flagged:
                full = "“" if n % 2 == 0 else "”"
                yield make(doc, RULE, doc.line_starts[index] + i, '"', f"中文里使用了半角引号，应为“{full}”",
                           suggestion=full, fixable=True)


_REPEAT = compile_pattern(r"([，。、；：！？])(?:\1+|(?<=[，、；：])[。，、；：！？])")
_ELLIPSIS = compile_pattern(r"\.\.\.+|。。。+|…(?<!……)(?!…)")
_ENUM_COMMA = compile_pattern(rf"（{ORDINAL}）、")


def _repeats(doc: Document):
    for m in _REPEAT.finditer(doc.text):
        if set(m.group()) == {"。"} and len(m.group()) >= 3:
            continue  # 。。。 is a wrong ellipsis, reported below
        keep = m.group()[-1]
        yield make(doc, RULE, m.start(), m.group(), f"标点重复或叠用“{m.group()}”", suggestion=keep,
                   fixable=True)
    for m in _ELLIPSIS.finditer(doc.text):
        yield make(doc, RULE, m.start(), m.group(), "省略号应为“……”", suggestion="……", fixable=True)
    for m in _ENUM_COMMA.finditer(doc.text):
        yield make(doc, RULE, m.start(), m.group(), "“（一）”后不加顿号", suggestion=m.group()[:-1],
                   fixable=True, basis=_BASIS_NUMBERING)


_PERCENT = compile_pattern(r"[%％]")


def _percent(doc: Document):
    if "%" not in doc.text or "％" not in doc.text:
        return  # one kind only: nothing mixed
    marks = [(m.start(), m.group()) for m in _PERCENT.finditer(doc.text)]
    half = sum(1 for _, ch in marks if ch == "%")
    full = len(marks) - half
    if not half or not full:
        return
    minority = "％" if full <= half else "%"
    majority = "%" if minority == "％" else "％"
    for offset, ch in marks:
        if ch == minority:
            yield make(doc, RULE, offset, ch, f"同一文档中“%”和“％”混用，应统一为“{majority}”",
                       suggestion=majority, fixable=True, basis="国标（GB/T 15835-2011：局部体例一致）")


_BRACKETS = compile_pattern(r"[“”‘’（）《》()]")


def _balanced(line: str) -> bool:
    """Cheap pre-check: equal counts of each pair (the stack walk runs only when they differ)."""
    half_open, half_close = line.count("("), line.count(")")
    return (line.count("“") == line.count("”") and line.count("‘") == line.count("’")
            and line.count("（") + half_open == line.count("）") + half_close
            and line.count("《") == line.count("》"))


_PAIRS = {"“": "”", "‘": "’", "（": "）", "《": "》"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_EQUIV = {"(": "（", ")": "）"}


def _unpaired(doc: Document):
    for index, line in enumerate(doc.lines):
        if _balanced(line):
            continue
        stack: list[tuple[str, int]] = []
        for m in _BRACKETS.finditer(line):
            raw, i = m.group(), m.start()
            ch = _EQUIV.get(raw, raw)
            if ch in _PAIRS:
                stack.append((ch, i))
            elif stack and stack[-1][0] == _CLOSERS[ch]:
                stack.pop()
            elif any(o == _CLOSERS[ch] for o, _ in stack):
                while stack[-1][0] != _CLOSERS[ch]:
                    yield _unpaired_finding(doc, index, line[stack[-1][1]], stack.pop()[1])
                stack.pop()
            else:
                yield _unpaired_finding(doc, index, raw, i)
        for _, i in stack:
            yield _unpaired_finding(doc, index, line[i], i)


def _unpaired_finding(doc: Document, line_index: int, ch: str, column: int):
    return make(doc, RULE, doc.line_starts[line_index] + column, ch, f"“{ch}”没有成对出现")


# Blanks between CJK characters. It opens with a blank (the engine skips to one); the
# lookbehind after that blank checks the character before the run.
_CJK_SPACE = compile_pattern(rf"[ \u3000](?<=[{CJK}][ \u3000])[ \u3000]*(?=[{CJK}])")


def _spaces(doc: Document):
    title = doc.title_index
    for m in _CJK_SPACE.finditer(doc.text):
        line_index = doc.position(m.start())[0] - 1 - doc.line_offset
        line = doc.lines[line_index]
        if line_index == title or len(line.strip()) <= 12 or not any(p in line for p in "。，；"):
            continue  # a title, a signature or a byline (党委书记　周启明): blanks separate fields
        before = line[:m.start() - doc.line_starts[line_index]]
        if before.count("《") > before.count("》"):
            continue  # a published title's own blanks: 《毛泽东 邓小平 江泽民 胡锦涛关于……论述摘编》
        yield make(doc, RULE, m.start(), m.group(), "汉字之间有多余的空格", suggestion="", fixable=True)
