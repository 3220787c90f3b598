"""Extracted facts into a facts file: new figures and items added, nothing the user typed
overwritten. A figure the user left empty is filled; one the user filled with another value
is kept as typed and listed as a conflict."""

from __future__ import annotations

from dataclasses import dataclass

from shuzhi.facts import Facts, Figure, SectionFacts

PLACEHOLDER_UNIT = "【待补充：单位名称】"
PLACEHOLDER_PERSON = "【待补充：述职人姓名】"


@dataclass
class Conflict:
    section: str
    name: str
    kept: str  # the user's value, as it stays
    found: str  # the value in the records
    where: str  # the record it was found in

    def describe(self) -> str:
        return f"{self.name}：事实文件为 {self.kept}，{self.where} 为 {self.found}（保留事实文件的值）"


def new_facts(template: str, report_type: str, year: int) -> Facts:
    """An empty facts file for the records' year; unit and person to be filled by the user."""
    return Facts(template=template, report_type=report_type, year=year,
                 unit=PLACEHOLDER_UNIT, person=PLACEHOLDER_PERSON)


def merge(facts: Facts, sections: dict[str, SectionFacts]) -> tuple[Facts, list[Conflict]]:
    """``facts`` with ``sections`` added (a new object; ``facts`` is not changed)."""
    merged = facts.model_copy(deep=True)
    conflicts: list[Conflict] = []
    for sid, found in sections.items():
        section = merged.sections.setdefault(sid, SectionFacts())
        section.items.extend(item for item in found.items if item not in section.items)
        for figure in found.figures:
            conflict = _add_figure(section, figure)
            if conflict:
                conflicts.append(Conflict(sid, figure.name, conflict.value_text(), figure.value_text(),
                                          figure.source.label() if figure.source else "记录"))
    return merged, conflicts


def _add_figure(section: SectionFacts, figure: Figure) -> Figure | None:
    """Add ``figure`` to ``section``; the user's figure it conflicts with, if any."""
    mine = section.figure(figure.name)
    if mine is None:
        section.figures.append(figure)
        return None
    if not mine.filled:  # the user named it and left it for the records to fill
        mine.value, mine.unit, mine.source = figure.value, figure.unit or mine.unit, figure.source
        return None
    if (_same(mine.value, figure.value) and (mine.unit or figure.unit) == (figure.unit or mine.unit)):
        if mine.source is None:
            mine.source = figure.source  # the records confirm what the user typed
        return None
    return mine


def _same(a, b) -> bool:
    try:
        return float(a) == float(b)
    except (TypeError, ValueError):
        return str(a).strip() == str(b).strip()
