"""The checker's findings on a whole draft, each placed in its section and paragraph, and
the text of a section with one finding's suggestion applied — or every exact one at once."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from shuzhi.draft import Draft, Section, line_at
from shuzhi.templates import Template


@dataclass
class SectionFinding:
    """A checker finding placed in a section: ``paragraph`` indexes ``section.text`` lines."""

    finding: Any
    section_id: str | None  # None: the title or the whole document
    paragraph: int | None  # None: the heading, or a document-level finding


@dataclass
class CheckResult:
    findings: list[SectionFinding] = field(default_factory=list)
    summary: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})

    def for_section(self, section_id: str | None) -> list[SectionFinding]:
        return [f for f in self.findings if f.section_id == section_id]


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
    """Check the assembled report; each finding placed in its section and paragraph."""
    from shuzhi import checker  # imported on use: the checker's data loads once, when needed

    findings = checker.check_text(draft.assemble(), template=template, facts=draft.facts, year=draft.year)
    lines = draft.lines()
    placed = []
    for finding in findings:
        line = line_at(lines, getattr(finding, "line", None))
        placed.append(SectionFinding(finding, line.section_id if line else None,
                                     line.paragraph if line else None))
    return CheckResult(placed, dict(checker.summarize(findings)))


def fixed_text(section: Section, placed: SectionFinding) -> str | None:
    """The section's text with the finding's suggestion applied; None when it has none that
    is an exact replacement, or is not placed in a paragraph."""
    from shuzhi import checker

    if placed.paragraph is None or not fixable(placed.finding):
        return None
    return checker.apply_fixes(section.text, [rebase(placed.finding, section.text, placed.paragraph)])


def all_fixed_texts(draft: Draft, placed: list[SectionFinding]) -> dict[str, str]:
    """Section id → its text with every exact suggestion among ``placed`` applied (overlapping
    ones: the first wins), for the sections that change. A finding's edits are in the
    assembled report's offsets (``check_draft``); each is moved into its section's text."""
    from shuzhi import checker

    lines = draft.lines()
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line.text) + 1)
    edits: dict[str, list[tuple[int, str, str]]] = {}
    for item in placed:
        finding = item.finding
        if not fixable(finding) or getattr(finding, "offset", None) is None:
            continue
        for offset, old, new in finding.edits or ((finding.offset, finding.text, finding.suggestion),):
            where = _in_section(lines, starts, offset)
            if where is not None:
                edits.setdefault(where[0], []).append((where[1], old, new))
    out = {}
    for section_id, section_edits in edits.items():
        text = draft.section(section_id).text
        fix = checker.Finding(rule="fixes", severity="info", line=None, column=None, text="", message="",
                              suggestion="", offset=0, fixable=True, edits=tuple(section_edits))
        fixed = checker.apply_fixes(text, [fix])
        if fixed != text:
            out[section_id] = fixed
    return out


def _in_section(lines: list, starts: list[int], offset: int) -> tuple[str, int] | None:
    """(section id, offset in its text) of an offset in ``draft.assemble()``; None outside a paragraph."""
    import bisect

    index = bisect.bisect_right(starts, offset) - 1
    if not 0 <= index < len(lines) or lines[index].kind != "paragraph":
        return None
    line = lines[index]
    before = line.section.text.split("\n")[:line.paragraph]
    return line.section_id, sum(len(t) + 1 for t in before) + offset - starts[index]
