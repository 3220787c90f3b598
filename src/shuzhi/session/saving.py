"""The save policy: a draft lives in the store from its first second, each section is saved
the moment it is finished, and nothing finished stays only in memory while either the
database or the disk can take it.

When the database fails mid-draft (locked past its timeout, read-only, disk full) drafting
goes on; the sections that could not be saved are retried at the end and, if the database
is still unusable, the whole draft is written to a JSON file under ``user_dir()/unsaved``
that ``shuzhi drafts import`` brings back (``import_draft``). A section saved meanwhile
elsewhere (another tab) is a conflict: theirs stays, ours is reported, not retried.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from shuzhi.draft import Draft, Section, is_draft_id
from shuzhi.errors import InputError
from shuzhi.store import ConflictError, DraftNotFound, Store, StoreError

log = logging.getLogger(__name__)


class DraftNotSaved(StoreError):
    """Drafting finished but the database refused some sections; ``backup`` holds them all."""

    def __init__(self, message: str, draft: Draft, backup: Path | None):
        super().__init__(message)
        self.draft = draft
        self.backup = backup


class RunSaver:
    """The pipeline's ``on_saved`` hook for one drafting run. A failing save never stops the
    draft: the section is remembered, and ``finish`` retries it, then backs the draft up."""

    def __init__(self, store: Store | None, status: Callable[[], str],
                 saved: Callable[[Section], None] | None = None):
        self.store = store  # None: a draft kept in a file, saved by its caller
        self.status = status
        self.saved = saved  # told of each section once the database has it (a job's record)
        self.unsaved: dict[str, Section] = {}
        self.conflicts: list[str] = []
        self.error: StoreError | None = None

    def __call__(self, draft: Draft, section: Section) -> None:
        if self.store is None:
            return
        try:
            self.store.save_section(draft.id, section, status=self.status())
        except ConflictError as exc:
            self.unsaved.pop(section.id, None)
            self.conflicts.append(str(exc))
        except StoreError as exc:
            log.warning("section %s of draft %s not saved: %s", section.id, draft.id, exc)
            self.unsaved[section.id] = section
            self.error = self.error or exc
        else:
            self.unsaved.pop(section.id, None)
            if self.saved is not None:
                self.saved(section)

    def finish(self, draft: Draft) -> None:
        """Retry what the database refused; raise ``DraftNotSaved`` if it still does."""
        for section in list(self.unsaved.values()):
            self(draft, section)
        if not self.unsaved:
            return
        backup = write_backup(draft)
        where = f"已完成的内容已另存为 {backup}，数据库恢复后运行 shuzhi drafts import {backup} 继续" \
            if backup else "且无法另存备份，请立即导出报告"
        raise DraftNotSaved(f"{len(self.unsaved)} 节未能保存到数据库（{self.error}）；{where}",
                            draft, backup)


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
    from shuzhi.export.files import write_atomic

    try:
        path = backup_path(draft.id)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomic(draft.model_dump_json(indent=2).encode("utf-8"), path)
        return path
    except (OSError, InputError, ValueError):
        log.exception("backup of draft %r failed", draft.id)
        return None


def import_draft(draft: Draft, store: Store) -> Draft:
    """Bring a draft exported as JSON (or a backup) into the store, whole. A draft already
    there gets the versions it lacks, section by section; nothing stored is overwritten."""
    try:
        stored = store.get(draft.id)
    except DraftNotFound:
        store.create(draft)
        return store.get(draft.id)
    for section in draft.sections:
        try:
            current = stored.section(section.id)
        except KeyError:
            continue  # a section the stored outline dropped: its versions stay in the file
        if len(section.versions) <= len(current.versions):
            continue
        current.versions.extend(section.versions[len(current.versions):])
        current.text, current.status, current.error = section.text, section.status, section.error
        try:
            store.save_section(draft.id, current, status=draft.status)
        except ConflictError:  # saved meanwhile elsewhere: theirs stays; ours is still in the file
            log.warning("section %s of draft %s changed meanwhile; not imported", section.id, draft.id)
    return store.get(draft.id)
