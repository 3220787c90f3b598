"""Drafting a whole report: every section concurrently (bounded), streamed, each failing alone.

Stages are explicit, as in stanford-oval/storm: the draft's sections come from the template's
outline; each section is drafted and saved as soon as it is done (``on_saved``), so a
crash loses only text still streaming, and a resumed draft redoes only what is not done.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable

from shuzhi.draft import Draft, Section, now
from shuzhi.drafting.base import DraftCallback, Drafter, DraftingError, SectionRequest
from shuzhi.templates import SectionSpec, Template

SaveHook = Callable[[Draft, Section], None]


def specs_by_id(template: Template) -> dict[str, tuple[str, int, SectionSpec]]:
    return {spec.id: (number, level, spec) for number, level, spec in template.walk_numbered()}


def sections_to_draft(draft: Draft, template: Template, only: Iterable[str] | None = None,
                      redo_done: bool = False) -> list[Section]:
    """The sections a run should write: those with text of their own in the template,
    not locked, and (unless ``redo_done``) not already done."""
    specs = specs_by_id(template)
    wanted = set(only) if only is not None else None
    chosen = []
    for section in draft.sections:
        spec = specs.get(section.id)
        if spec is None or spec[2].children and not spec[2].facts:
            continue  # a heading-only parent such as 二、 has no text of its own
        if wanted is not None and section.id not in wanted:
            continue
        if section.locked or (section.status == "done" and not redo_done and wanted is None):
            continue
        chosen.append(section)
    return chosen


async def draft_sections(draft: Draft, template: Template, drafter: Drafter,
                         callback: DraftCallback | None = None, *, concurrency: int = 16,
                         only: Iterable[str] | None = None, redo_done: bool = False,
                         instruction: str | None = None, on_saved: SaveHook | None = None) -> Draft:
    callback = callback or DraftCallback()
    specs = specs_by_id(template)
    targets = sections_to_draft(draft, template, only, redo_done)
    limit = asyncio.Semaphore(max(1, concurrency))
    callback.on_draft_start(draft, targets)

    async def run(section: Section) -> None:
        number, level, spec = specs[section.id]
        request = SectionRequest(template=template, facts=draft.facts, spec=spec, number=number,
                                 level=level, instruction=instruction,
                                 previous_text=section.text if instruction else None)
        async with limit:
            section.status = "drafting"
            callback.on_section_start(section)
            pieces: list[str] = []
            try:
                async for piece in drafter.stream_section(request):
                    pieces.append(piece)
                    callback.on_section_delta(section, piece)
            except DraftingError as exc:
                section.status, section.error = "failed", str(exc)
                callback.on_section_failed(section, str(exc))
            else:
                section.add_version("".join(pieces).strip(), drafter.source, instruction,
                                    usage=request.usage)
                callback.on_section_done(section)
            draft.updated = now()
            if on_saved:
                on_saved(draft, section)

    await asyncio.gather(*(run(s) for s in targets))
    callback.on_draft_done(draft)
    return draft


def draft_report(draft: Draft, template: Template, drafter: Drafter,
                 callback: DraftCallback | None = None, **options) -> Draft:
    """Synchronous wrapper for callers without an event loop (the CLI, tests)."""
    return asyncio.run(draft_sections(draft, template, drafter, callback, **options))
