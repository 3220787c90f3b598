"""Chinese numerals as numbers: 七十三 → 73, 一百零五 → 105, 三千 → 3000, 1.5万 → 15000."""

from __future__ import annotations

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL_CHARS = "〇零一二两三四五六七八九十百千万"


def cn_to_int(text: str) -> int | None:
    """Value of a Chinese numeral (up to 万), or None if ``text`` is not one."""
    if not text or any(ch not in CN_NUMERAL_CHARS for ch in text):
        return None
    if "万" in text:
        high, _, low = text.partition("万")
        high_value = cn_to_int(high) if high else 1
        low_value = cn_to_int(low) if low else 0
        return None if high_value is None or low_value is None else high_value * 10000 + low_value
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
    return total + (digit or 0)


def canonical(value: float | int | str) -> str:
    """One spelling per number: 12, 12.0 and "12" are all "12"; 3.50 is "3.5"."""
    try:
        number = float(str(value).replace(",", ""))
    except ValueError:
        return str(value)
    if number.is_integer():
        return str(int(number))
    return f"{number:.6f}".rstrip("0").rstrip(".")
