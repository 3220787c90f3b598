"""The checker's findings on a whole draft, each placed in its section and paragraph, and
the text of a section with one finding's suggestion applied."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from shuzhi.draft import Draft, Section
from shuzhi.templates import Template


@dataclass
class SectionFinding:
    """A checker finding placed in a section: ``paragraph`` indexes ``section.text`` lines."""

    finding: Any
    section_id: str | None  # None: the title or the whole document
    paragraph: int | None  # None: the heading, or a document-level finding


@dataclass
class CheckResult:
    available: bool
    findings: list[SectionFinding] = field(default_factory=list)
    summary: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})

    def for_section(self, section_id: str | None) -> list[SectionFinding]:
        return [f for f in self.findings if f.section_id == section_id]


def _checker():
    import importlib

    try:
        checker = importlib.import_module("shuzhi.checker")
    except ImportError:  # a build without the checker: drafting and export still work
        return None
    return checker if hasattr(checker, "check_text") else None


def line_map(draft: Draft) -> list[tuple[str | None, int | None]]:
    """For each line of ``draft.assemble()``: (section id, paragraph index in its text)."""
    lines: list[tuple[str | None, int | None]] = [(None, None), (None, None)]
    for section in draft.sections:
        if section.heading_line:
            lines.append((section.id, None))
        lines.extend((section.id, i) for i, p in enumerate(section.text.split("\n")) if p.strip())
    return lines


def rebase(finding: Any, text: str, paragraph: int) -> Any:
    """The same finding located within a section's ``text`` instead of the whole report: the
    report repeats each paragraph line verbatim, so only the line and offset change."""
    lines = text.split("\n")
    column = getattr(finding, "column", None) or 1
    offset = sum(len(line) + 1 for line in lines[:paragraph]) + column - 1
    changes = {"line": paragraph + 1}
    if hasattr(finding, "offset"):
        changes["offset"] = offset
    if hasattr(finding, "model_copy"):
        return finding.model_copy(update=changes)
    return dataclasses.replace(finding, **changes)


def fixable(finding: Any) -> bool:
    """A suggestion that is an exact replacement (not advice such as "补充…")."""
    return getattr(finding, "suggestion", None) is not None and getattr(finding, "fixable", True)


def check_draft(draft: Draft, template: Template) -> CheckResult:
    """Check the assembled report; each section keeps its own findings (``Section.findings``)."""
    checker = _checker()
    if checker is None:
        return CheckResult(available=False)
    findings = checker.check_text(draft.assemble(), template=template, facts=draft.facts, year=draft.year)
    where = line_map(draft)
    placed = []
    for finding in findings:
        line = getattr(finding, "line", None)
        sid, paragraph = where[line - 1] if line and 0 < line <= len(where) else (None, None)
        placed.append(SectionFinding(finding, sid, paragraph))
    for section in draft.sections:
        section.findings = [f.finding.to_dict() for f in placed if f.section_id == section.id]
    return CheckResult(True, placed, dict(checker.summarize(findings)))


def fixed_text(section: Section, placed: SectionFinding) -> str | None:
    """The section's text with the finding's suggestion applied; None when it has none that
    is an exact replacement, or is not placed in a paragraph."""
    checker = _checker()
    if checker is None or placed.paragraph is None or not fixable(placed.finding):
        return None
    return checker.apply_fixes(section.text, [rebase(placed.finding, section.text, placed.paragraph)])
