"""``DraftSession``: one report being worked on, and every operation on it — create, open,
resume, draft, regenerate, restore, edit, import, export — each saved as it happens
(``saving.py`` holds the save policy). The CLI and the app both drive it and differ only in
how they show progress (a ``DraftCallback``); errors the user can cause are ``InputError``s
with one Chinese line.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from shuzhi.draft import Draft, Section, now
from shuzhi.drafting.base import DraftCallback, Drafter, DraftingError
from shuzhi.drafting.pipeline import draft_sections, regenerable, sections_to_draft
from shuzhi.errors import InputError
from shuzhi.facts import Facts
from shuzhi.forms import has_own_text, outline_from_rows, outline_template
from shuzhi.session.checking import CheckResult, SectionFinding, all_fixed_texts, check_draft, fixed_text
from shuzhi.session.exporting import Export, export_draft
from shuzhi.session.saving import RunSaver, import_draft
from shuzhi.session.structure import relaid
from shuzhi.store import Store
from shuzhi.templates import load_template

if TYPE_CHECKING:
    from shuzhi.config import Settings

QUICK_INSTRUCTIONS = ("更精炼", "补充数据", "突出意识形态工作")


def run_options(settings: Settings) -> dict[str, Any]:
    """What ``draft_sections`` takes from the settings (flags, environment, config file)."""
    from shuzhi.drafting.pipeline import RetryPolicy

    options: dict[str, Any] = {"concurrency": settings.concurrency,
                               "retry": RetryPolicy(max_attempts=settings.max_attempts)}
    if settings.deadline:
        options["deadline"] = settings.deadline
    return options


class DraftSession:
    """``store`` None: a draft kept in a file (``shuzhi regenerate``), saved by its caller."""

    def __init__(self, draft: Draft, store: Store | None = None, settings: Settings | None = None):
        self.draft = draft
        self.store = store
        self.settings = settings  # None: read when first needed
        self.template = outline_template(load_template(draft.template), draft.outline)
        self.conflicts: list[str] = []  # saves refused during the last run (another tab won)
        self.flags: list = []  # sentences of an updated report still to check (shuzhi.update)

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def new(cls, facts: Facts, template_id: str | None = None, store: Store | None = None,
            owner: str | None = None, previous_report: str | None = None,
            settings: Settings | None = None) -> DraftSession:
        """A new draft, stored before any section is written, so even a crash in the first
        section leaves something ``shuzhi drafts list`` shows and ``resume`` finishes."""
        template = load_template(template_id or facts.template)
        draft = Draft.new(facts.model_copy(update={"template": template.id}), template)
        draft.owner, draft.previous_report = owner, previous_report
        store = store or Store()
        store.create(draft)
        return cls(draft, store, settings)

    @classmethod
    def open(cls, draft_id: str, store: Store | None = None, owner: str | None = None,
             settings: Settings | None = None) -> DraftSession:
        """``owner``: the signed-in user (``shuzhi.owners.owner_id``); another user's draft is
        then "not found", exactly like a wrong link."""
        store = store or Store()
        return cls(store.get(draft_id, owner=owner), store, settings)

    @classmethod
    def resume(cls, draft_id: str, store: Store | None = None, owner: str | None = None,
               settings: Settings | None = None) -> DraftSession:
        """A stored draft made ready to finish with ``draft_all(redo_done=False)``: a section
        left "drafting" (its writer died mid-stream) is pending again."""
        session = cls.open(draft_id, store, owner, settings)
        for section in session.draft.sections:
            if section.status == "drafting":
                section.status = "pending"
        return session

    @classmethod
    def import_draft(cls, draft: Draft, store: Store | None = None) -> DraftSession:
        """A draft exported as JSON (or a backup) brought into the store: whole when it is new,
        else only the versions the stored one lacks (``saving.import_draft``)."""
        store = store or Store()
        cls(draft)  # its outline and template must make sense before anything is stored
        return cls(import_draft(draft, store), store)

    def reload(self) -> None:
        fresh = DraftSession.open(self.draft.id, self.store, owner=self.draft.owner)
        self.draft, self.template = fresh.draft, fresh.template

    # -- the draft's own fields ----------------------------------------------------------

    def _save_fields(self, **fields: Any) -> None:
        """Change the draft's own fields (and its sections' structure), saved first: when the
        save is refused the draft stays as it was."""
        changed = self.draft.model_copy(update=fields)
        if self.store is not None:
            self.store.save_draft(changed)
        for name in (*fields, "revision"):
            setattr(self.draft, name, getattr(changed, name))
        self.draft.updated = now()

    def update_facts(self, facts: Facts) -> bool:
        """Save changed facts; returns False when nothing changed."""
        if facts == self.draft.facts:
            return False
        self._save_fields(facts=facts, year=facts.year, title=self.template.render_title(facts.year))
        return True

    def set_previous_report(self, text: str | None) -> None:
        from shuzhi.readers import MAX_CHARS

        if text and len(text) > MAX_CHARS:  # what the readers already refuse; kept as a promise here
            raise InputError(f"去年的报告文字过多（超过 {MAX_CHARS // 10000} 万字），未保存")
        self._save_fields(previous_report=text)

    def set_outline(self, rows: Iterable[dict[str, Any]]) -> None:
        outline: list[dict] | None = outline_from_rows(self.template, rows)
        base = load_template(self.draft.template)
        if outline == [s.model_dump(mode="json") for s in base.sections]:
            outline = None  # back to the template as it is
        self._restructure(outline)

    def _restructure(self, outline: list[dict] | None, texts: dict[str, Section] | None = None) -> list[Section]:
        """The sections laid out by ``outline`` and saved with it (``structure.relaid``);
        returns those already stored whose text changed, still to save."""
        template = outline_template(load_template(self.draft.template), outline)
        sections, changed = relaid(self.draft.sections, template, texts)
        self._save_fields(outline=outline, sections=sections)
        self.template = template
        return changed

    # -- last year's report --------------------------------------------------------------

    def update_from_previous_report(self, drafter: Drafter | None = None,
                                    callback: DraftCallback | None = None) -> list:
        """This year's draft from last year's report (``shuzhi.update``): its structure
        becomes the outline, each section gets the updated text as a new version (locked
        sections are left alone), and the sentences to check are returned as flags."""
        from shuzhi.update import update_report, update_with_drafter

        if not self.draft.previous_report:
            raise InputError("请先上传去年的报告")
        base = load_template(self.draft.template)
        text, facts = self.draft.previous_report, self.draft.facts
        if drafter is None or drafter.name == "offline":
            result = update_report(text, facts, base=base)
        else:
            result = asyncio.run(update_with_drafter(text, facts, drafter, callback=callback, base=base))
        self.update_facts(result.draft.facts)  # keyed to last year's sections, with 上年问题 and last year's figures
        for section in self._restructure(result.outline, {s.id: s for s in result.draft.sections}):
            self._save_section(section)
        self._save_fields(title=result.draft.title)
        self.flags = result.flags
        return result.flags

    # -- drafting --------------------------------------------------------------------------

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

    async def draft_async(self, drafter: Drafter, callback: DraftCallback | None = None, *,
                          only: Iterable[str] | None = None, instruction: str | None = None,
                          redo_done: bool = True, saved: Callable[[Section], None] | None = None,
                          **options: Any) -> Draft:
        """Draft the sections chosen (every unlocked one; with ``redo_done=False`` only those not
        done), each saved as it finishes (``saved`` is told of each once the database has it).
        ``options`` override the settings' (``run_options``).
        Raises ``DraftNotSaved`` when the database refused sections even after a last retry."""
        if self.settings is None:
            from shuzhi.config import load_settings

            self.settings = load_settings()
        saver = RunSaver(self.store, lambda: self.status, saved)
        before = {s.id: s.status for s in self.draft.sections}
        try:
            await draft_sections(self.draft, self.template, drafter, callback, only=only,
                                 redo_done=redo_done, instruction=instruction, on_saved=saver,
                                 **{**run_options(self.settings), **options})
            drafted = {s.id for s in self.draftable()}
            for section in self.draft.sections:  # a heading-only parent the pipeline marked done
                if section.id not in drafted and section.status != before.get(section.id):
                    saver(self.draft, section)
            saver.finish(self.draft)
        finally:
            self.conflicts = saver.conflicts
        return self.draft

    def draft_all(self, drafter: Drafter, callback: DraftCallback | None = None,
                  redo_done: bool = True, **options: Any) -> Draft:
        """Draft every unlocked section (again, unless ``redo_done=False``: then only those not
        done — resuming); locked sections are left as they are."""
        return asyncio.run(self.draft_async(drafter, callback, redo_done=redo_done, **options))

    def regenerate(self, section_id: str, drafter: Drafter, instruction: str | None = None,
                   callback: DraftCallback | None = None, **options: Any) -> Section:
        section = self.changeable(section_id)
        asyncio.run(self.draft_async(drafter, callback, only=[section_id],
                                     instruction=(instruction or "").strip() or None, **options))
        return section

    # -- editing ---------------------------------------------------------------------------

    def changeable(self, section_id: str) -> Section:
        """The section to rewrite, restore or edit; one message for all when it cannot be
        (no such section, a heading without text, locked)."""
        try:
            return regenerable(self.draft, self.template, section_id)
        except DraftingError as exc:
            raise InputError(str(exc)) from None

    def _save_section(self, section: Section) -> None:
        self.draft.updated = now()
        if self.store is not None:
            self.store.save_section(self.draft.id, section, status=self.status)

    def edit(self, section_id: str, text: str, instruction: str | None = None) -> bool:
        """Save the user's own text as a new version; False when nothing changed."""
        section = self.changeable(section_id)
        text = "\n".join(line.rstrip() for line in text.strip().split("\n"))
        if text == section.text:
            return False
        section.add_version(text, "edit", instruction)
        self._save_section(section)
        return True

    def set_locked(self, section_id: str, locked: bool) -> None:
        section = self.draft.section(section_id)
        if section.locked != locked:
            section.locked = locked
            self._save_section(section)

    def confirm_facts(self, section_id: str) -> None:
        """The user checked the section against the changed facts: its text, as a new version
        counted as drafted from the facts as they are now (``shuzhi.freshness``)."""
        from shuzhi.freshness import facts_used

        section = self.changeable(section_id)
        spec = next(s for s in self.template.walk() if s.id == section_id)
        section.add_version(section.text, "edit", "已按修改后的事实核对", facts_used=facts_used(self.draft.facts, spec))
        self._save_section(section)

    def restore(self, section_id: str, index: int) -> Section:
        """Make version ``index`` (from 0) current again, itself recorded as a new version."""
        section = self.changeable(section_id)
        if not 0 <= index < len(section.versions):
            raise InputError(f"“{section.heading_line or section.id}”只有 {len(section.versions)} 个版本，"
                             f"无法恢复第 {index + 1} 版")
        section.restore(index)
        self._save_section(section)
        return section

    # -- checking and exporting ---------------------------------------------------------

    def check(self) -> CheckResult:
        return check_draft(self.draft, self.template)

    def apply_fix(self, placed: SectionFinding) -> bool:
        """Apply one finding's suggestion to its section's text (saved as an edit)."""
        if placed.section_id is None:
            return False
        fixed = fixed_text(self.draft.section(placed.section_id), placed)
        if fixed is None:
            return False
        return self.edit(placed.section_id, fixed, instruction=f"按检查建议修改：{placed.finding.message}")

    def apply_all_fixes(self, placed: list[SectionFinding]) -> int:
        """Apply every exact suggestion among ``placed`` (one edit per section changed, a
        locked section left alone); returns how many sections changed."""
        fixed = {i: t for i, t in all_fixed_texts(self.draft, placed).items() if not self.draft.section(i).locked}
        return sum(self.edit(i, text, instruction="按检查建议全部修正") for i, text in fixed.items())

    def export(self, fmt: str) -> Export:
        return export_draft(self.draft, fmt)
