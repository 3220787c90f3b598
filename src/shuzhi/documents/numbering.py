"""List numbering as Word shows it: the numbers of ``numbering.xml`` rendered into the text.

Word keeps "一、" of an automatically numbered heading out of the text: the paragraph (or its
style) names a list (``w:numPr``: numId + level), and the list's level says how to write the
counter (``w:numFmt``, ECMA-376 ST_NumberFormat), where (``w:lvlText`` "%1、", "（%2）"), what
follows it (``w:suff``: tab by default, space or nothing), where it starts (``w:start``,
``w:lvlOverride/w:startOverride``) and when it restarts (``w:lvlRestart``; by default after
any higher level). ``Numbering.label(num_id, ilvl)`` counts one paragraph and returns its
number as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import overload

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_DIGITS = "〇一二三四五六七八九"  # written digit by digit: 一〇
_COUNT = "零一二三四五六七八九"  # counted: 一百零五
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_LEGAL_TRAD = "零壹貳參肆伍陸柒捌玖"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def counting(n: int, digits: str = _COUNT, units: str = "十百千", bare_ten: bool = True) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 105 → 一百零五, 1010 → 一千零一十 (Word's counting formats);
    ``bare_ten=False`` keeps the one of 十 (壹拾贰, as the legal formats write it)."""
    if n <= 0:
        return digits[0]
    if n >= 10000:
        high, low = divmod(n, 10000)
        rest = counting(low, digits, units, bare_ten=False) if low else ""
        return counting(high, digits, units, bare_ten) + "万" + (digits[0] if 0 < low < 1000 else "") + rest
    out, zero = "", False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit = n // power % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += digits[0]
            zero = False
        out += ("" if bare_ten and digit == 1 and power == 10 and not out else digits[digit]) + unit
    return out


def _letters(n: int, first: str) -> str:
    # Word repeats the letter: a … z, aa … zz
    return chr(ord(first) + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = ""
    for value, mark in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + mark, n - value
    return out


def _cycle(chars: str):
    return lambda n: chars[(n - 1) % len(chars)]


_FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: "".join(chr(ord(c) + 0xFEE0) for c in str(n)),
    "decimalFullWidth2": lambda n: "".join(chr(ord(c) + 0xFEE0) for c in str(n)),
    "decimalHalfWidth": str,
    "decimalEnclosedCircle": lambda n: _CIRCLED[n - 1] if 1 <= n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: _CIRCLED[n - 1] if 1 <= n <= 20 else str(n),
    "decimalEnclosedParen": lambda n: chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})",
    "decimalEnclosedFullstop": lambda n: chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}.",
    "chineseCounting": counting,
    "chineseCountingThousand": counting,
    "taiwaneseCounting": counting,
    "taiwaneseCountingThousand": counting,
    "japaneseCounting": counting,
    "ideographDigital": lambda n: "".join(_DIGITS[int(c)] for c in str(n)),
    "taiwaneseDigital": lambda n: "".join(_DIGITS[int(c)] for c in str(n)),
    "japaneseDigitalTenThousand": lambda n: "".join(_DIGITS[int(c)] for c in str(n)),
    "chineseLegalSimplified": lambda n: counting(n, _LEGAL, "拾佰仟", bare_ten=False),
    "ideographLegalTraditional": lambda n: counting(n, _LEGAL_TRAD, "拾佰仟", bare_ten=False),
    "japaneseLegal": lambda n: counting(n, _LEGAL_TRAD, "拾佰仟", bare_ten=False),
    "ideographTraditional": _cycle(_HEAVENLY),
    "ideographZodiac": _cycle(_ZODIAC),
    "upperLetter": lambda n: _letters(n, "A"),
    "lowerLetter": lambda n: _letters(n, "a"),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "ordinal": lambda n: f"{n}.",
    "cardinalText": str,
    "none": lambda n: "",
}


def format_number(n: int, fmt: str) -> str:
    """The counter ``n`` written in ``fmt`` (an ST_NumberFormat name); unknown formats as 1, 2, 3."""
    return _FORMATS.get(fmt, str)(n)


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suff: str = "tab"
    restart: int | None = None  # 1-based level whose use restarts this one; 0 never; None: any higher
    legal: bool = False  # w:isLgl: every level's number in Arabic digits
    style: str | None = None  # w:pStyle: the paragraph style that uses this level


def _val(element, tag: str) -> str | None:
    child = element.find(W + tag) if element is not None else None
    return None if child is None else child.get(W + "val")


@overload
def _int(text: str | None, default: int) -> int: ...
@overload
def _int(text: str | None, default: None) -> int | None: ...
def _int(text: str | None, default: int | None) -> int | None:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _level(lvl, base: Level | None = None) -> Level:
    base = base or Level()
    restart = _val(lvl, "lvlRestart")
    text = _val(lvl, "lvlText")  # "" is a level written without a number
    return Level(start=_int(_val(lvl, "start"), base.start), fmt=_val(lvl, "numFmt") or base.fmt,
                 text=text if text is not None else base.text,
                 suff=_val(lvl, "suff") or base.suff,
                 restart=_int(restart, base.restart), legal=lvl.find(W + "isLgl") is not None or base.legal,
                 style=_val(lvl, "pStyle") or base.style)


@dataclass
class _List:
    abstract: str
    levels: dict[int, Level]
    overrides: dict[int, int] = field(default_factory=dict)  # ilvl → startOverride, applied once


class Numbering:
    """The lists of one document, counting as the body is read in order."""

    def __init__(self, root=None) -> None:
        self._lists: dict[str, _List] = {}
        self._counters: dict[str, dict[int, int | None]] = {}  # per abstractNum, as Word counts
        self.style_levels: dict[tuple[str, str], int] = {}  # (numId, style id) → ilvl
        if root is None:
            return
        abstracts = {a.get(W + "abstractNumId"): a for a in root.iter(W + "abstractNum")}
        for num in root.iter(W + "num"):
            abstract_id = _val(num, "abstractNumId")
            abstract = abstracts.get(abstract_id)
            if abstract is None:
                continue
            link = _val(abstract, "numStyleLink")  # a list defined by a numbering style: not followed
            levels = {_int(lvl.get(W + "ilvl"), 0): _level(lvl) for lvl in abstract.iter(W + "lvl")}
            item = _List(link or abstract_id or "", levels)
            for override in num.iter(W + "lvlOverride"):
                ilvl = _int(override.get(W + "ilvl"), 0)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    item.levels[ilvl] = _level(lvl, item.levels.get(ilvl))
                start = _int(_val(override, "startOverride"), None)
                if start is not None:
                    item.overrides[ilvl] = start
            num_id = num.get(W + "numId")
            self._lists[num_id] = item
            for ilvl, level in item.levels.items():
                if level.style:
                    self.style_levels[(num_id, level.style)] = ilvl

    def label(self, num_id: str, ilvl: int) -> str:
        """Count one paragraph of list ``num_id`` at level ``ilvl``; its number as Word shows it."""
        item = self._lists.get(num_id)
        if item is None or ilvl not in item.levels:
            return ""
        counters = self._counters.setdefault(item.abstract, {})
        if item.overrides:  # a list instance that restarts numbering: its first use resets
            for depth, start in item.overrides.items():
                counters[depth] = start - 1
            counters.update({d: None for d in item.levels if d > min(item.overrides)})
            item.overrides = {}
        level = item.levels[ilvl]
        current = counters.get(ilvl)
        counters[ilvl] = level.start if current is None else current + 1
        for deeper, spec in item.levels.items():
            if deeper > ilvl and (spec.restart is None or (spec.restart and ilvl + 1 <= spec.restart)):
                counters[deeper] = None
        if level.fmt == "bullet":
            return ""  # a bullet's glyph is a symbol-font character, not text
        text = level.text
        for n in range(9, 0, -1):  # %1 … %9, longest first is the same here: one digit each
            if f"%{n}" in text:
                spec = item.levels.get(n - 1, Level())
                value = counters.get(n - 1)
                value = spec.start if value is None else value
                fmt = "decimal" if level.legal and spec.fmt != "decimalZero" else spec.fmt
                text = text.replace(f"%{n}", format_number(value, fmt))
        if not text:
            return ""
        return text + {"nothing": "", "space": " "}.get(level.suff, "\t")
