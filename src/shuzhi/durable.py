"""Drafting that survives a crash: the draft lives in the store from its first second, each
section is saved the moment it is finished, and a resumed draft writes only what is missing.

The CLI and the app call the same three functions:

    draft = start_draft(facts, template, store)            # stored, every section pending
    run_draft(draft, template, drafter, store)             # each finished section saved at once
    resume_draft(draft.id, store, drafter)                 # after a crash: only the rest

When the database fails mid-draft (locked past its timeout, read-only, disk full) drafting
goes on; the sections that could not be saved are retried at the end and, if the database
is still unusable, the whole draft is written to a JSON file under ``user_dir()/unsaved``
that ``shuzhi drafts import`` brings back: nothing finished stays only in memory while either
the database or the disk can take it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from shuzhi.draft import Draft, Section, is_draft_id
from shuzhi.drafting.base import DraftCallback, Drafter
from shuzhi.drafting.pipeline import draft_report
from shuzhi.errors import InputError
from shuzhi.export.files import write_atomic
from shuzhi.facts import Facts
from shuzhi.store import ConflictError, DraftNotFound, Store, StoreError
from shuzhi.templates import Template, load_template

log = logging.getLogger(__name__)


class DraftNotSaved(StoreError):
    """Drafting finished but the database refused some sections; ``backup`` holds them all."""

    def __init__(self, message: str, draft: Draft, backup: Path | None):
        super().__init__(message)
        self.draft = draft
        self.backup = backup


class SaveToStore:
    """The pipeline's ``on_saved`` hook: a finished (or failed) section goes to the store at
    once. A failing save never stops the draft; the section is remembered and retried."""

    def __init__(self, store: Store):
        self.store = store
        self.unsaved: dict[str, Section] = {}
        self.error: StoreError | None = None

    def __call__(self, draft: Draft, section: Section) -> None:
        try:
            self.store.save_section(draft.id, section, status=draft.status)
        except StoreError as exc:
            log.warning("section %s of draft %s not saved: %s", section.id, draft.id, exc)
            self.unsaved[section.id] = section
            self.error = self.error or exc
        else:
            self.unsaved.pop(section.id, None)

    def retry(self, draft: Draft) -> None:
        for section in list(self.unsaved.values()):
            self(draft, section)


def start_draft(facts: Facts, template: Template, store: Store, owner: str | None = None) -> Draft:
    """A new draft, stored before any section is written, so even a crash in the first
    section leaves something ``shuzhi drafts list`` shows and ``--resume`` finishes."""
    draft = Draft.new(facts, template)
    draft.owner = owner
    return store.create(draft)


def run_draft(draft: Draft, template: Template, drafter: Drafter, store: Store,
              callback: DraftCallback | None = None, **options) -> Draft:
    """Draft the sections not yet done, saving each as it finishes.

    Raises ``DraftNotSaved`` (with the draft and a backup file) when the database refused
    sections even after a last retry."""
    hook = SaveToStore(store)
    draft_report(draft, template, drafter, callback, on_saved=hook, **options)
    if hook.unsaved:
        hook.retry(draft)
    if hook.unsaved:
        backup = write_backup(draft)
        where = f"已完成的内容已另存为 {backup}，数据库恢复后运行 shuzhi drafts import {backup} 继续" \
            if backup else "且无法另存备份，请立即导出报告"
        raise DraftNotSaved(f"{len(hook.unsaved)} 节未能保存到数据库（{hook.error}）；{where}",
                            draft, backup)
    return draft


def load_for_resume(draft_id: str, store: Store, owner: str | None = None) -> tuple[Draft, Template]:
    """A stored draft and its template (with the draft's own outline, if the user changed it),
    ready for ``run_draft`` to finish: a section left "drafting" (its writer died mid-stream)
    is pending again."""
    from shuzhi.forms import outline_template

    draft = store.get(draft_id, owner=owner)
    for section in draft.sections:
        if section.status == "drafting":
            section.status = "pending"
    # a draft whose outline was changed in the app follows its own outline, not the template's
    return draft, outline_template(load_template(draft.template), store.get_outline(draft_id, owner))


def resume_draft(draft_id: str, store: Store, drafter: Drafter,
                 callback: DraftCallback | None = None, owner: str | None = None,
                 **options) -> Draft:
    """Finish an interrupted draft: only sections that are not done (pending, failed, or
    cut off mid-stream by a crash) are written; finished and locked ones are kept as they are."""
    draft, template = load_for_resume(draft_id, store, owner)
    return run_draft(draft, template, drafter, store, callback, **options)


def unsaved_dir() -> Path:
    from shuzhi.config import user_dir

    return user_dir() / "unsaved"


def backup_path(draft_id: str) -> Path:
    """``unsaved/<id>.json``; an id that could climb out of ``unsaved/`` is refused."""
    if not is_draft_id(draft_id):
        raise ValueError("invalid draft id")
    return unsaved_dir() / f"{draft_id}.json"


def write_backup(draft: Draft) -> Path | None:
    """The whole draft as JSON next to the database's usual home (private to this user, written
    atomically, never through a link); None if even that fails."""
    try:
        path = backup_path(draft.id)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomic(draft.model_dump_json(indent=2).encode("utf-8"), path)
        return path
    except (OSError, InputError, ValueError):
        log.exception("backup of draft %r failed", draft.id)
        return None


def import_draft(draft: Draft, store: Store) -> Draft:
    """Bring a draft exported as JSON (or a backup) into the store. A draft already there
    gets the versions it lacks, section by section; nothing stored is overwritten."""
    try:
        stored = store.get(draft.id)
    except DraftNotFound:
        for section in draft.sections:
            section.revision = 0
        return store.create(draft)
    for section in draft.sections:
        try:
            current = stored.section(section.id)
        except KeyError:
            continue  # a section the stored outline dropped: its versions stay in the file
        if len(section.versions) <= len(current.versions):
            continue
        for version in section.versions[len(current.versions):]:
            current.versions.append(version)
        current.text, current.status, current.error = section.text, section.status, section.error
        try:
            store.save_section(draft.id, current, status=draft.status)
        except ConflictError:  # saved meanwhile elsewhere: theirs stays; ours is still in the file
            log.warning("section %s of draft %s changed meanwhile; not imported", section.id, draft.id)
    return store.get(draft.id)
