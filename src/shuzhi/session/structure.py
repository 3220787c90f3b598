"""A draft's sections laid out again by a changed outline: kept sections keep their text and
versions under their new number and heading, new ones start empty, dropped ones go (their
versions stay in the store)."""

from __future__ import annotations

from shuzhi.draft import Section
from shuzhi.forms import has_own_text
from shuzhi.templates import Template


def relaid(current: list[Section], template: Template,
           texts: dict[str, Section] | None = None) -> tuple[list[Section], list[Section]]:
    """(sections in ``template``'s order, those among ``current`` whose text changed).

    Sections are copies: ``current`` is untouched until the caller has saved the new ones.
    ``texts``: new text for some sections (an updated report's), each added as a version —
    except to a locked section."""
    old = {s.id: s for s in current}
    sections, changed = [], []
    for number, level, spec in template.walk_numbered():
        section = old[spec.id].model_copy(deep=True) if spec.id in old else Section(id=spec.id)
        section.number, section.heading, section.level = number, spec.heading, level
        new = (texts or {}).get(spec.id)
        if new and new.versions and new.text != section.text and not section.locked:
            last = new.versions[-1]
            section.add_version(new.text, last.source, last.instruction, last.usage)
            if new.status == "failed":
                section.status, section.error = "failed", new.error
            if spec.id in old:
                changed.append(section)
        elif new and not has_own_text(spec) and section.status == "pending":
            section.status = "done"
        sections.append(section)
    return sections, changed
