"""The extracted facts as suggestions the user accepts or rejects one by one (the app's
导入工作记录): one row per figure and per item, with its section and source; the accepted
rows, with the sections the user chose, become facts to merge."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from shuzhi.extract import Extraction
from shuzhi.facts import SectionFacts
from shuzhi.templates import Template


@dataclass
class Suggestions:
    """What one extraction offers a draft, waiting for the user's choice."""

    draft_id: str
    extraction: Extraction
    rows: list[dict[str, Any]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def section_names(template: Template) -> dict[str, str]:
    """section id → its heading, for the sections facts can hold."""
    from shuzhi.extract.sections import fact_sections

    specs = {s.id: s.heading for s in template.walk()}
    return {sid: specs.get(sid, sid) for sid in fact_sections(template)}


def suggestion_rows(extraction: Extraction, template: Template) -> list[dict[str, Any]]:
    """A row per figure and item found: accepted by default where a section was found."""
    names = section_names(template)
    rows = []
    for index, found in enumerate(extraction.found):
        figure = found.figure
        where = found.where
        rows.append({
            "id": index,
            "accept": found.section is not None,
            "section": names.get(found.section, "") if found.section else "",
            "kind": "数字" if figure is not None else "事项",
            "text": figure.name if figure is not None else found.item,
            "value": (figure.value_text() if figure.filled else "（空）") if figure is not None else "",
            "source": where.label() if where else "",
        })
    return rows


def accepted_sections(extraction: Extraction, rows: Iterable[dict[str, Any]], template: Template) -> dict[str, SectionFacts]:
    """The facts of the accepted rows, each in the section its row names."""
    by_heading = {heading: sid for sid, heading in section_names(template).items()}
    chosen = []
    for row in rows:
        section = by_heading.get(str(row.get("section") or ""))
        if accepted(row) and section is not None and 0 <= int(row["id"]) < len(extraction.found):
            found = extraction.found[int(row["id"])]
            chosen.append(type(found)(section, figure=found.figure, item=found.item, source=found.source))
    return Extraction(found=chosen).sections()


def accepted(row: dict[str, Any]) -> bool:
    """Whether a row's 采用 box is ticked (a table editor gives numpy's bool, not Python's)."""
    value = row.get("accept")
    return type(value).__name__ in ("bool", "bool_") and bool(value)
