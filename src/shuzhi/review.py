"""The checker's findings as a reviewer works through them: numbered by the paragraphs the
user sees in a section (not lines of a hidden assembled text), grouped by rule or by section,
filtered by severity, each with the span of its paragraph to mark, and in words fit for a
user (no internal document references).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from shuzhi.draft import Draft
from shuzhi.session.checking import SectionFinding, fixable

SEVERITY_ORDER = ("error", "warning", "info")
# working notes the team writes in (never a public source): "（DOMAIN §1.1 E10）", "BRIEF §3"
_INTERNAL = re.compile(r"\s*(?:DOMAIN|BRIEF|STANDARDS|ROUND\d*)(?:\.md)?\s*§\s*[\w.\-]*(?:\s+[A-Z]\d+\b)?")


def public_text(text: str) -> str:
    """A message or basis without references to the team's own working documents."""
    cleaned = _INTERNAL.sub("", text or "")
    return re.sub(r"（\s*(依据：)?\s*[；;，,]?\s*）", "", cleaned).strip()


@dataclass(frozen=True)
class Item:
    """One finding as the review page lists it."""

    number: int  # its place in the check's list: a stable key for its widgets
    placed: SectionFinding
    paragraph: int | None  # 1-based among the section's paragraphs as shown; None: heading / document
    span: tuple[int, int] | None  # where its text is in that paragraph

    @property
    def finding(self) -> Any:
        return self.placed.finding

    @property
    def section_id(self) -> str | None:
        return self.placed.section_id

    @property
    def fixable(self) -> bool:
        return fixable(self.finding) and self.placed.paragraph is not None

    @property
    def where(self) -> str:
        if self.paragraph is not None:
            return f"第{self.paragraph}段"
        if self.section_id is None:
            return "标题" if self.finding.line else "全文"
        return "小标题"

    @property
    def message(self) -> str:
        return public_text(self.finding.message)


def items(draft: Draft, findings: list[SectionFinding]) -> list[Item]:
    out = []
    for number, placed in enumerate(findings):
        paragraph = span = None
        if placed.section_id is not None and placed.paragraph is not None:
            paragraphs = draft.section(placed.section_id).paragraphs()
            index = next((n for n, (line, _) in enumerate(paragraphs) if line == placed.paragraph), None)
            if index is not None:
                paragraph = index + 1
                span = _span(paragraphs[index][1], placed.finding)
        out.append(Item(number, placed, paragraph, span))
    return out


def _span(paragraph: str, finding: Any) -> tuple[int, int] | None:
    text, column = finding.text or "", (finding.column or 1) - 1
    if text and paragraph[column:column + len(text)] == text:
        return column, column + len(text)
    found = paragraph.find(text) if text else -1
    return (found, found + len(text)) if found >= 0 else None


def filtered(found: Iterable[Item], severities: Iterable[str]) -> list[Item]:
    wanted = set(severities)
    return [i for i in found if i.finding.severity in wanted]


def by_rule(found: Iterable[Item]) -> dict[str, list[Item]]:
    """Rule id → its findings, rules in the checker's order, most severe first."""
    groups: dict[str, list[Item]] = {}
    for item in sorted(found, key=lambda i: (SEVERITY_ORDER.index(i.finding.severity), i.number)):
        groups.setdefault(item.finding.rule, []).append(item)
    return groups


def by_section(found: Iterable[Item]) -> dict[str | None, list[Item]]:
    groups: dict[str | None, list[Item]] = {}
    for item in found:
        groups.setdefault(item.section_id, []).append(item)
    return groups


def unflagged(flags: list, found: Iterable[Item]) -> list:
    """The flags (sentences of an updated report to check) not already shown as a finding: a
    sentence holding a placeholder the checker marks is one thing to fix, not two."""
    marked = [(i.section_id, i.finding.text) for i in found if i.finding.text and i.paragraph is not None]
    return [f for f in flags if not any(section == f.section_id and text in f.sentence for section, text in marked)]
