"""``placeholder`` — anything left unfilled (error).

Flags the masks and gaps people and drafters leave where a number or a name belongs:
``*``/``**``/``***`` runs (also ``*+*``, ``*月*日``, ``**省``, “**”), ``XX``/``××`` runs, a single
``X`` for a number or a name (研究X次, 受X市人大常委会, 到X镇X村, 秘书长X, 第X次), a blank year
(20XX年, 202x年), ``某某``, ``＿＿``/``____``, ``【…】`` markers such as our drafter's
``【待补充：…】``, ``（此处…）``/``（填写…）``, ``{{var}}``/``{var}``/``<单位名称>``, ``□□``/``○○``,
blank dates (``年  月  日``), list items that are only an ellipsis (一是……), TODO/TBD and Word's
"单击此处输入文字". A report read out with any of these is unfinished.

Not flagged (words in which these characters are real): 1+X证书, X射线/X光, iPhone X, 3×4,
二〇二四 (〇 as a digit), the dash ——, a Markdown bullet ``* `` at a line start, and in Markdown
files ``**粗体**`` and ``***`` rules.
"""

from __future__ import annotations

import re
import sys

from shuzhi.checker.document import CJK, Document
from shuzhi.checker.lazy import Lazy
from shuzhi.checker.markers import NOTE_MARKERS
from shuzhi.checker.registry import Context, make
from shuzhi.patterns import compile as compile_pattern
from shuzhi.text.numerals import NUMERAL_CHARS, ORDINAL

ID = "placeholder"
SEVERITY = "error"
BASIS = "实务惯例"
DOCUMENT_LEVEL = False

_COUNTERS = "次人个项篇名万元%％年月日届期批场册余位件条家所门天周轮份"
# Words in which a single X is a letter, not a blank.
_X_WORDS = "光|线|射线|型|形|轴|染色体|战警|档案|因子|世代|一代"

# (kind shown to the user, characters — or strings, in a tuple — of which one must occur: a
# fast pre-check, pattern compiled only for a text that passes it).
# Earlier kinds win ties at the same position; the note markers come first.
PATTERNS: list[tuple[str, str | tuple[str, ...], Lazy]] = [
    *NOTE_MARKERS,
    ("星号", "*＊", Lazy(r"\\?[*＊](?:\\?[*＊])*(?:[+＋]\\?[*＊](?:\\?[*＊])*|月\\?[*＊](?:\\?[*＊])*日)?")),
    ("X", "Xx×", Lazy(r"(?:(?<=[12]\d\d)[Xx×]|(?<=[12]\d)[Xx×]{2})(?=[ \u3000]?(?:年|学年|届|级))")),
    ("X", "Xx×Ｘ", Lazy(r"(?<![A-Za-z0-9+＋])[Xx×Ｘ]{2,}(?![A-Za-z])")),
    # a single X for a number or a name: 研究X次, 受X市人大常委会, 到X镇X村, 秘书长X, 第X次 —
    # but not X光, X射线, 1+X证书, iPhone X, 3×4 (an ASCII letter, digit or + beside it)
    ("X", "Xx×Ｘ", Lazy(
        r"(?<![A-Za-z0-9+＋.\-_/])(?<![A-Za-z0-9] )[Xx×Ｘ](?![A-Za-z0-9×\-])(?!" + _X_WORDS + r")"
        r"(?:(?=[ \u3000]?[" + CJK + r"])|(?<=[" + CJK + r"][Xx×Ｘ]))")),
    ("某某", "某", Lazy(r"某某(?!案|事件)")),
    ("下划线", "_＿", Lazy(r"_{2,}|＿+")),
    ("方框", "□■○〇", Lazy(r"[□■]+|(?<![" + NUMERAL_CHARS + r"])[○〇]{2,}(?![" + NUMERAL_CHARS + r"年])")),
    ("空白日期", "年", Lazy(r"年[ \u3000]+月[ \u3000]+日")),
    ("只有省略号的条目", ("是…", "是..."), Lazy(ORDINAL + r"是(?:……|…|\.{3,})(?=$|[；;，,。\n])", re.M)),
    ("待办标记", "TF", Lazy(r"(?<![A-Za-z])(?:TODO|FIXME|TBD)(?![A-Za-z])")),
    ("模板提示语", ("单击", "请在此", "根据", "（此处略）"), Lazy(r"单击(?:或点击)?此处输入文字|请在此(?:处)?输入|根据实际情况填写|根据个人情况修改|（此处略）")),
]

_MD_BOLD = compile_pattern(r"(?<![\\*])\*\*(?=[^\s*])[^*\n]{2,}?(?<=[^\s*\\])\*\*(?!\*)")
_BULLET = compile_pattern(r"^[ \t]*[*＊][ \t]", re.M)
_MD_RULE = compile_pattern(r"^[ \t]*(?:\*[ \t]*){3,}$", re.M)


def spans(doc: Document) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every placeholder, without overlaps, in text order."""
    if "placeholder" not in doc.cache:
        doc.cache["placeholder"] = _spans(doc)
    return doc.cache["placeholder"]


def _spans(doc: Document) -> list[tuple[int, int, str]]:
    text = doc.text
    skip: list[tuple[int, int]] = [m.span() for m in _BULLET.finditer(text)] if "*" in text else []
    if doc.markdown and "*" in text:
        skip += [m.span() for m in _MD_BOLD.finditer(text)]
        skip += [m.span() for m in _MD_RULE.finditer(text)]
    found: list[tuple[int, int, str]] = []
    for kind, triggers, pattern in PATTERNS:
        if not any(ch in text for ch in triggers):
            continue
        for m in pattern.finditer(text):
            if not _inside(m.start(), m.end(), skip):
                found.append((m.start(), m.end(), kind))
    found.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[tuple[int, int, str]] = []
    for span in found:
        if out and span[0] < out[-1][1]:
            continue
        out.append(span)
    return out


def _inside(start: int, end: int, skip: list[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in skip)


def check(doc: Document, ctx: Context):
    for start, end, kind in spans(doc):
        yield make(doc, sys.modules[__name__], start, doc.text[start:end], f"未填写的占位符（{kind}）")
