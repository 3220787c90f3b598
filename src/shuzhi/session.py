"""One report being worked on: the operations the app (or any other front end) offers,
each saved to the store as soon as it happens.

``DraftSession`` holds a ``Draft``, the template with the user's outline applied, and the
store. It knows nothing about Streamlit: progress reaches the page through a
``DraftCallback``; errors the user can cause are ``InputError``s with one Chinese line.
"""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from shuzhi.draft import Draft, Section, now
from shuzhi.drafting.base import DraftCallback, Drafter
from shuzhi.drafting.pipeline import draft_sections, sections_to_draft
from shuzhi.errors import InputError
from shuzhi.facts import Facts
from shuzhi.forms import has_own_text, outline_from_rows, outline_template
from shuzhi.store import ConflictError, DraftSummary, Store
from shuzhi.templates import load_template

QUICK_INSTRUCTIONS = ("更精炼", "补充数据", "突出意识形态工作")


def drafts_listed() -> bool:
    """Whether the start page lists *every* saved draft: only when whoever runs a single-user
    instance says so with ``SHUZHI_LIST_DRAFTS=1``. Otherwise a draft's unguessable link is its
    only key, and nobody is shown what others wrote."""
    return os.environ.get("SHUZHI_LIST_DRAFTS", "").strip().lower() in ("1", "true", "yes", "on")


def listed_drafts(store: Store, owner: str | None, opened: Collection[str], limit: int = 20) -> list[DraftSummary]:
    """The saved drafts the start page offers to open: a signed-in user's own; all of them on
    a single-user instance (``drafts_listed``); else only those this browser session created
    or opened (``opened``), so a visitor of a shared instance never sees another's."""
    if owner is not None:
        return store.list(owner=owner, limit=limit)
    if drafts_listed():
        return store.list(limit=limit)
    return store.list(ids=opened, limit=limit) if opened else []


def draft_id_from(link: str) -> str:
    """A pasted link (``…?draft=ID``) or a bare id → the id."""
    match = re.search(r"[?&]draft=([A-Za-z0-9_-]+)", link or "")
    return match.group(1) if match else (link or "").strip()


# -- checking ---------------------------------------------------------------------------------

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
    import dataclasses

    return dataclasses.replace(finding, **changes)


def fixable(finding: Any) -> bool:
    """A suggestion that is an exact replacement (not advice such as "补充…")."""
    return getattr(finding, "suggestion", None) is not None and getattr(finding, "fixable", True)


# -- exporting --------------------------------------------------------------------------------

def safe_filename(name: str, ext: str) -> str:
    """A file name every OS accepts, keeping the Chinese (one sanitiser for the CLI and the
    app: ``shuzhi.export.safe_filename`` also drops bidi controls, reserved device names
    and cuts by bytes)."""
    from shuzhi.export import safe_filename as sanitised

    return sanitised(name, ext)


@dataclass(frozen=True)
class Export:
    filename: str
    data: bytes
    mime: str


# -- the session -------------------------------------------------------------------------------

class DraftSession:
    def __init__(self, draft: Draft, store: Store, outline: list[dict] | None = None,
                 context: str | None = None):
        self.draft = draft
        self.store = store
        self.outline = outline
        self.context = context
        self.template = outline_template(load_template(draft.template), outline)
        self.conflicts: list[str] = []
        self.flags: list = []  # sentences of an updated report still to check (shuzhi.update)

    # opening

    @classmethod
    def new(cls, facts: Facts, template_id: str | None = None, store: Store | None = None,
            owner: str | None = None, context: str | None = None) -> "DraftSession":
        store = store or Store()
        template = load_template(template_id or facts.template)
        facts = facts.model_copy(update={"template": template.id})
        draft = Draft.new(facts, template)
        draft.owner = owner
        store.create(draft, context=context)
        return cls(draft, store, context=context)

    @classmethod
    def open(cls, draft_id: str, store: Store | None = None, owner: str | None = None) -> "DraftSession":
        """``owner``: the signed-in user (``shuzhi.owners.owner_id``); another user's draft is
        then "not found", exactly like a wrong link."""
        store = store or Store()
        draft = store.get(draft_id, owner=owner)
        return cls(draft, store, store.get_outline(draft_id), store.get_context(draft_id))

    def reload(self) -> None:
        fresh = DraftSession.open(self.draft.id, self.store, owner=self.draft.owner)
        self.draft, self.outline, self.context, self.template = (
            fresh.draft, fresh.outline, fresh.context, fresh.template)

    # facts and context

    def update_facts(self, facts: Facts) -> bool:
        """Save changed facts; returns False when nothing changed."""
        if facts == self.draft.facts:
            return False
        self.draft.revision = self.store.save_facts(self.draft.id, facts, self.draft.revision)
        self.draft.facts = facts
        self.draft.year = facts.year
        title = self.template.render_title(facts.year)
        if title != self.draft.title:
            self.draft.revision = self.store.save_title(self.draft.id, title, self.draft.revision)
            self.draft.title = title
        return True

    def set_context(self, text: str | None) -> None:
        from shuzhi.readers import MAX_CHARS

        if text and len(text) > MAX_CHARS:  # what the readers already refuse; kept as a promise here
            raise InputError(f"去年的报告文字过多（超过 {MAX_CHARS // 10000} 万字），未保存")
        self.draft.revision = self.store.save_context(self.draft.id, text, self.draft.revision)
        self.context = text

    # outline

    def set_outline(self, rows: Iterable[dict[str, Any]]) -> None:
        outline = outline_from_rows(self.template, rows)
        base = load_template(self.draft.template)
        if outline == [s.model_dump(mode="json") for s in base.sections]:
            outline = None  # back to the template as it is
        self.outline = outline
        self.template = outline_template(base, outline)
        old = {s.id: s for s in self.draft.sections}
        sections = []
        for number, level, spec in self.template.walk_numbered():
            section = old.get(spec.id) or Section(id=spec.id)
            section.number, section.heading, section.level = number, spec.heading, level
            sections.append(section)
        self.draft.sections = sections
        self.store.save_outline(self.draft, outline)

    # last year's report

    def update_from_last_year(self, drafter: Drafter | None = None,
                              callback: DraftCallback | None = None) -> list:
        """This year's draft from the uploaded last year's report (``shuzhi.update``): its
        structure becomes the outline, each section gets the updated text as a new version
        (locked sections are left alone), and the sentences to check are returned as flags."""
        from shuzhi.house_template import template_data
        from shuzhi.update import update_report, update_with_drafter

        if not self.context:
            raise InputError("请先上传去年的报告")
        base = load_template(self.draft.template)
        if drafter is None or drafter.name == "offline":
            result = update_report(self.context, self.draft.facts, base=base)
        else:
            result = asyncio.run(update_with_drafter(self.context, self.draft.facts, drafter,
                                                     callback=callback, base=base))
        outline = template_data(result.draft, base.id, base)["sections"]
        self.outline, self.template = outline, outline_template(base, outline)
        old = {s.id: s for s in self.draft.sections}
        updated = {s.id: s for s in result.draft.sections}
        sections, changed = [], []
        for number, level, spec in self.template.walk_numbered():
            section = old.get(spec.id) or Section(id=spec.id)
            section.number, section.heading, section.level = number, spec.heading, level
            new = updated.get(spec.id)
            if new and new.versions and new.text != section.text and not section.locked:
                last = new.versions[-1]
                section.add_version(new.text, last.source, last.instruction, last.usage)
                if new.status == "failed":
                    section.status, section.error = "failed", new.error
                changed.append(section)
            elif new and not has_own_text(spec) and section.status == "pending":
                section.status = "done"
            sections.append(section)
        self.draft.sections = sections
        self.store.save_outline(self.draft, outline)
        for section in changed:
            if section.id in old:
                self._save(section)
        self.flags = result.flags
        return result.flags

    # drafting

    def draftable(self) -> list[Section]:
        specs = {spec.id: spec for spec in self.template.walk()}
        return [s for s in self.draft.sections if s.id in specs and has_own_text(specs[s.id])]

    @property
    def status(self) -> str:
        states = {s.status for s in self.draftable()}
        for state in ("failed", "drafting", "pending"):
            if state in states:
                return state
        return "done"

    def to_draft(self, redo_done: bool = True) -> list[Section]:
        return sections_to_draft(self.draft, self.template, redo_done=redo_done)

    def _saved(self, draft: Draft, section: Section) -> None:
        try:
            self.store.save_section(draft.id, section, status=self.status)
        except ConflictError as exc:
            self.conflicts.append(str(exc))

    async def draft_async(self, drafter: Drafter, callback: DraftCallback | None = None, *,
                          only: Iterable[str] | None = None, instruction: str | None = None,
                          redo_done: bool = True, concurrency: int | None = None) -> Draft:
        self.conflicts = []
        before = {s.id: s.status for s in self.draft.sections}
        if concurrency is None:  # SHUZHI_CONCURRENCY / config.toml, as for the CLI
            from shuzhi.config import load_settings

            concurrency = load_settings().concurrency
        await draft_sections(self.draft, self.template, drafter, callback, concurrency=concurrency,
                             only=only, redo_done=redo_done, instruction=instruction,
                             on_saved=self._saved)
        drafted = {s.id for s in self.draftable()}
        for section in self.draft.sections:  # a heading-only parent the pipeline marked done
            if section.id not in drafted and section.status != before[section.id]:
                self._saved(self.draft, section)
        return self.draft

    def draft_all(self, drafter: Drafter, callback: DraftCallback | None = None,
                  redo_done: bool = True, concurrency: int | None = None) -> Draft:
        """Draft every unlocked section (again); locked sections are left as they are."""
        return asyncio.run(self.draft_async(drafter, callback, redo_done=redo_done,
                                            concurrency=concurrency))

    def regenerate(self, section_id: str, drafter: Drafter, instruction: str | None = None,
                   callback: DraftCallback | None = None) -> Section:
        section = self.draft.section(section_id)
        if section.locked:
            raise InputError(f"“{section.heading}”已锁定，请先解锁再重新生成")
        asyncio.run(self.draft_async(drafter, callback, only=[section_id],
                                     instruction=(instruction or "").strip() or None))
        return section

    # editing

    def _save(self, section: Section) -> None:
        self.draft.updated = now()
        self.store.save_section(self.draft.id, section, status=self.status)

    def edit(self, section_id: str, text: str, instruction: str | None = None) -> bool:
        """Save the user's own text as a new version; False when nothing changed."""
        section = self.draft.section(section_id)
        text = "\n".join(line.rstrip() for line in text.strip().split("\n"))
        if text == section.text:
            return False
        section.add_version(text, "edit", instruction)
        self._save(section)
        return True

    def set_locked(self, section_id: str, locked: bool) -> None:
        section = self.draft.section(section_id)
        if section.locked != locked:
            section.locked = locked
            self._save(section)

    def restore(self, section_id: str, index: int) -> None:
        section = self.draft.section(section_id)
        if not 0 <= index < len(section.versions):
            raise InputError(f"“{section.heading}”没有第{index + 1}版")
        section.restore(index)
        self._save(section)

    # checking

    def check(self) -> CheckResult:
        checker = _checker()
        if checker is None:
            return CheckResult(available=False)
        text = self.draft.assemble()
        findings = checker.check_text(text, template=self.template, facts=self.draft.facts,
                                      year=self.draft.year)
        where = line_map(self.draft)
        placed = []
        for finding in findings:
            line = getattr(finding, "line", None)
            sid, paragraph = where[line - 1] if line and 0 < line <= len(where) else (None, None)
            placed.append(SectionFinding(finding, sid, paragraph))
        for section in self.draft.sections:
            section.findings = [f.finding.to_dict() for f in placed if f.section_id == section.id]
        return CheckResult(True, placed, dict(checker.summarize(findings)))

    def apply_fix(self, placed: SectionFinding) -> bool:
        """Apply one finding's suggestion to its section's text (saved as an edit)."""
        checker = _checker()
        finding = placed.finding
        if checker is None or placed.section_id is None or placed.paragraph is None \
                or not fixable(finding):
            return False
        section = self.draft.section(placed.section_id)
        fixed = checker.apply_fixes(section.text, [rebase(finding, section.text, placed.paragraph)])
        return self.edit(section.id, fixed, instruction=f"按检查建议修改：{finding.message}")

    # exporting

    def export(self, fmt: str) -> Export:
        from shuzhi import export

        data = export.render(self.draft, fmt)
        person = self.draft.facts.person.strip()
        name = f"{self.draft.title}-{person}" if person else self.draft.title
        return Export(safe_filename(name, fmt), data, export.MEDIA_TYPES.get(fmt, "application/octet-stream"))


def export_formats() -> list[str]:
    from shuzhi import export

    return [f for f in ("txt", "md", "docx") if f in export.formats()]
