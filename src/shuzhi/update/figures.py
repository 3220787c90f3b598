"""Year on year: this year's figures beside the same figures in last year's report.

A figure of this year's facts whose name stands in last year's report with a number after it
(理论学习中心组学习 ← “参加学校党委理论学习中心组学习12次”) gets that number as ``Figure.last``;
the facts form shows both, and a comparison (较上年增加1次) is written only from these two
numbers (``comparison``), never guessed.
"""

from __future__ import annotations

import re

from shuzhi.facts import Facts, Figure

# between a figure's name and its number: 达|为|共|… but nothing that ends the clause
_BETWEEN = r"[^，。；：、\d]{0,3}?"
_VALUE = r"(\d+(?:\.\d+)?)"


def _number(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def last_value(name: str, unit: str, last_text: str) -> float | int | None:
    """The number written right after ``name`` (in ``unit``, when the figure has one)."""
    unit_pattern = re.escape(unit) if unit else ""
    pattern = re.compile(re.escape(name) + _BETWEEN + _VALUE + (f"(?={unit_pattern})" if unit else r"(?![\d.])"))
    found = pattern.search(last_text)
    if not found:
        return None
    value = float(found.group(1))
    return int(value) if value.is_integer() else value


def with_last_year_figures(facts: Facts, last_text: str) -> Facts:
    """``facts`` with ``Figure.last`` filled from last year's report wherever it says the same
    figure by name; a value the user already gave is kept."""
    sections = {}
    for key, section in facts.sections.items():
        figures = [f if f.last is not None else f.model_copy(update={"last": last_value(f.name, f.unit, last_text)})
                   for f in section.figures]
        sections[key] = section.model_copy(update={"figures": figures})
    return facts.model_copy(update={"sections": sections})


def comparison(figure: Figure) -> str:
    """较上年增加1次 / 较上年减少2项 / 与上年持平; "" when either number is missing."""
    this, last = _number(figure.value), _number(figure.last)
    if this is None or last is None:
        return ""
    change = round(this - last, 6)
    if change == 0:
        return "与上年持平"
    amount = abs(change)
    amount_text = str(int(amount)) if float(amount).is_integer() else f"{amount:g}"
    unit = figure.unit.removeprefix("余")
    return f"较上年{'增加' if change > 0 else '减少'}{amount_text}{unit}"
