"""Years as reports write them: 2023年, 2023 年, 二〇二三年; the signature's date line.

``YEAR`` and ``CN_YEAR`` are pattern pieces for rules that look for a year in a context
(现将2023年度……报告如下); ``YEAR_WORD`` finds an Arabic year before 年.
"""

from __future__ import annotations

import re

from shuzhi.patterns import compile as compile_pattern
from shuzhi.text.numerals import cn_digits

YEAR = r"(?:19|20)\d{2}"
CN_YEAR = "[〇零○O一二三四五六七八九]{4}"
_BLANK = r"[ \t\u3000]*"
# group 1: the year; not part of a longer number (12023年, 3.2023年)
YEAR_WORD = compile_pattern(rf"(?<![\d.])({YEAR})(?={_BLANK}年)")
_ANY_YEAR = compile_pattern(rf"(?<![\d.])({YEAR})(?={_BLANK}年)|({CN_YEAR})(?=年)")
_CN_DAY = "[\\d〇零一二三四五六七八九十]{1,3}"
# A line that is only a date (the signature's): 2024年1月8日, 二〇二四年一月八日; group 1 the year.
DATE_LINE = compile_pattern(rf"^{_BLANK}(\d{{4}}|{CN_YEAR}){_BLANK}年{_BLANK}{_CN_DAY}{_BLANK}月{_BLANK}"
                       rf"{_CN_DAY}{_BLANK}日{_BLANK}$")


def year_value(written: str) -> int | None:
    """2023 or 二〇二三 as a number."""
    return int(written) if written.isdigit() else cn_digits(written)


def first_year(text: str) -> tuple[int, int] | None:
    """(year, offset) of the first year written in ``text``, in Arabic or Chinese digits."""
    match = _ANY_YEAR.search(text)
    if match is None:
        return None
    group = 1 if match.group(1) else 2
    year = year_value(match.group(group))
    return (year, match.start(group)) if year else None


def replace_year(text: str, old: int, new: int) -> str:
    """Every ``old``年 in ``text`` made ``new``年 (2023年度 → 2024年度)."""
    return re.sub(rf"(?<![\d.]){old}(?={_BLANK}年)", str(new), text)
