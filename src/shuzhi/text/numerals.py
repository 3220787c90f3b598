"""Chinese numerals, and the numbers a text or the facts contain.

``cn_number(21)`` → 二十一; ``cn_to_int("一百零五")`` → 105; ``cn_digits("二〇二二")`` → 2022 (a
year written digit by digit); ``numbers_in(text)``: the canonical spelling of every figure in a
text — Arabic, and Chinese numerals before a counter (十二次, 三十人).
"""

from __future__ import annotations

from collections.abc import Iterator

from shuzhi.patterns import compile as compile_pattern

DIGITS = "一二三四五六七八九"
ORDINAL = "[一二三四五六七八九十]{1,3}"  # a heading or list number: 一 … 九十九
NUMERAL_CHARS = "〇零一二两三四五六七八九十百千万"
_VALUES = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}
_DIGIT_VARIANTS = {**_VALUES, "○": 0, "O": 0}  # 二○二二, 二O二二: typed for 〇 in years
_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 21 → 二十一 (1 … 99: enough for any outline)."""
    if n <= 10:
        return (DIGITS + "十")[n - 1]
    tens, ones = divmod(n, 10)
    return (DIGITS[tens - 1] if tens > 1 else "") + "十" + (DIGITS[ones - 1] if ones else "")


def cn_to_int(text: str) -> int | None:
    """Value of a Chinese numeral (七十三 → 73, 一百零五 → 105, 三千, 两万), or None if ``text``
    is not one."""
    if not text or any(ch not in NUMERAL_CHARS for ch in text):
        return None
    if "万" in text:
        high, _, low = text.partition("万")
        high_value = cn_to_int(high) if high else 1
        low_value = cn_to_int(low) if low else 0
        return None if high_value is None or low_value is None else high_value * 10000 + low_value
    total, digit = 0, None
    for ch in text:
        if ch in _VALUES:
            digit = _VALUES[ch]
        else:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
    return total + (digit or 0)


def cn_digits(text: str) -> int | None:
    """A number written digit by digit: 二〇二二 → 2022 (also with ○ or O for 〇)."""
    digits = [_DIGIT_VARIANTS.get(ch) for ch in text]
    if not digits or None in digits:
        return None
    return int("".join(map(str, digits)))


# -- the figures in a text ------------------------------------------------------------------------

# Chinese numerals count as figures only before these counters: with 项/个/位/条 they are far
# more often part of fixed names (八项规定, 四个意识, 五位一体, 四项基本原则) than figures.
_COUNTER = r"(?:余|多)?(?:人次|批次|次|人|名|场|篇|册)"
_ARABIC = compile_pattern(r"(?<![\d.A-Za-z+＋])\d+(?:\.\d+)?(?![\d.]?\d)(?![A-Za-z+＋])")
# not after a digit: the 万 of 3.5万人 is part of 3.5万, not a figure of its own
_CHINESE = compile_pattern(rf"(?<![\d第每逐单同{NUMERAL_CHARS}])([{NUMERAL_CHARS}]{{1,6}})(?={_COUNTER})")


def canonical(value: float | int | str) -> str:
    """One spelling per number: 12, 12.0 and "12" are all "12"; 3.50 is "3.5"."""
    try:
        number = float(str(value).replace(",", ""))
    except ValueError:
        return str(value)
    if number.is_integer():
        return str(int(number))
    return f"{number:.6f}".rstrip("0").rstrip(".")


def number_spans(text: str) -> Iterator[tuple[int, int, str, bool]]:
    """(start, end, canonical value, written in Chinese) of every figure in ``text``."""
    for m in _ARABIC.finditer(text):
        yield m.start(), m.end(), canonical(m.group()), False
    for m in _CHINESE.finditer(text):
        value = cn_to_int(m.group(1))
        if value is not None:
            yield m.start(1), m.end(1), str(value), True


def numbers_in(text: str) -> set[str]:
    """Canonical spellings of every figure written in ``text``."""
    return {value for _, _, value, _ in number_spans(text)}


def numbers_in_data(value) -> set[str]:
    """Every number in nested data (``Facts.to_data()``): the numbers the facts support."""
    if isinstance(value, dict):
        return set().union(*map(numbers_in_data, value.values()))
    if isinstance(value, list):
        return set().union(*map(numbers_in_data, value))
    if isinstance(value, bool) or value is None:
        return set()
    if isinstance(value, (int, float)):
        return {canonical(value)}
    return numbers_in(str(value))
