"""``Store``: drafts in and out of the database, whole (``Draft`` holds everything a draft
is: facts, the user's outline, last year's report, sections, every version).

Saves are optimistic: each draft and each section carries a ``revision`` that a save must
match, so two browser tabs on one draft never silently overwrite each other — the stale
save gets a ``ConflictError`` the app shows in Chinese. Every write method takes the object
it saves and brings that object's ``revision`` up to date; none returns anything.
"""

from __future__ import annotations

import builtins  # ``list`` in this class is Store.list
import functools
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import func, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from shuzhi.draft import Draft, Section, Usage, Version, now
from shuzhi.facts import Facts
from shuzhi.store.engine import engine_for, rows_changed, up_to_date, utc, write_lock
from shuzhi.store.errors import ConflictError, DraftNotFound, database_errors
from shuzhi.store.schema import DraftRow, JobRow, SectionRow, VersionRow

_F = TypeVar("_F", bound=Callable[..., Any])


@dataclass(frozen=True)
class DraftSummary:
    """One line of the "open a saved report" list."""

    id: str
    title: str
    year: int
    template: str
    status: str
    unit: str
    person: str
    updated: datetime
    done: int = 0  # sections with text
    total: int = 0  # sections to write (heading-only parents count as done)


def _reads(method: _F) -> _F:
    @functools.wraps(method)
    def wrapper(self: Store, *args: Any, **kwargs: Any) -> Any:
        with database_errors(self.url):
            return method(self, *args, **kwargs)
    return wrapper  # type: ignore[return-value]


def _writes(method: _F) -> _F:
    """A method that writes: its faults in Chinese, queued behind this process's other writers."""
    @functools.wraps(method)
    def wrapper(self: Store, *args: Any, **kwargs: Any) -> Any:
        with database_errors(self.url), write_lock(self.engine):
            return method(self, *args, **kwargs)
    return wrapper  # type: ignore[return-value]


class Store:
    """The drafts of one database: ``Store()`` (``SHUZHI_DB``, or the SQLite file in the user's
    directory), ``Store(url)``, or ``Store(engine)`` around an engine the caller made (its
    database is brought up to date first).

    Every public method raises only ``StoreError`` subclasses for the database's faults.
    ``owner`` (the signed-in user, when sign-in is on) scopes reading: another user's draft is
    "not found", with the same message as an id that does not exist, so ids cannot be probed."""

    def __init__(self, database: str | Engine | None = None):
        if isinstance(database, Engine):
            self.url = database.url.render_as_string(hide_password=False)
            with database_errors(self.url):
                self.engine = up_to_date(database)
        else:
            from shuzhi.config import database_url

            self.url = database or database_url()
            self.engine = engine_for(self.url)

    # -- reading ---------------------------------------------------------------------------

    @_reads
    def get(self, draft_id: str, owner: str | None = None) -> Draft:
        with Session(self.engine) as db:
            row = self._row(db, draft_id, owner)
            sections = db.scalars(select(SectionRow).where(SectionRow.draft_id == draft_id)
                                  .order_by(SectionRow.position)).all()
            versions = db.scalars(select(VersionRow).where(VersionRow.draft_id == draft_id)
                                  .order_by(VersionRow.section_id, VersionRow.seq)).all()
            by_section: dict[str, list[Version]] = {}
            for v in versions:
                by_section.setdefault(v.section_id, []).append(Version(
                    text=v.text, source=v.source, instruction=v.instruction, created=utc(v.created),
                    usage=Usage.model_validate(v.usage) if v.usage else None, facts_used=v.facts_used))
            return Draft(
                id=row.id, owner=row.owner, title=row.title, year=row.year, template=row.template,
                facts=Facts.model_validate(row.facts), outline=row.outline,
                previous_report=row.previous_report, revision=row.revision,
                created=utc(row.created), updated=utc(row.updated),
                sections=[Section(id=s.id, number=s.number, heading=s.heading, level=s.level,
                                  text=s.text, status=s.status, error=s.error, locked=s.locked,
                                  revision=s.revision, versions=by_section.get(s.id, [])) for s in sections])

    @_reads
    def list(self, owner: str | None = None, limit: int = 100,
             ids: Collection[str] | None = None) -> list[DraftSummary]:
        """Drafts, most recently changed first (all of them when ``owner`` is None), or only
        those among ``ids``."""
        query = select(DraftRow).order_by(DraftRow.updated.desc(), DraftRow.created.desc()).limit(limit)
        if owner is not None:
            query = query.where(DraftRow.owner == owner)
        if ids is not None:
            query = query.where(DraftRow.id.in_(list(ids)))
        with Session(self.engine) as db:
            rows = db.scalars(query).all()
            counts: dict[str, dict[str, int]] = {}
            if rows:
                for draft_id, status, n in db.execute(
                        select(SectionRow.draft_id, SectionRow.status, func.count())
                        .where(SectionRow.draft_id.in_([r.id for r in rows]))
                        .group_by(SectionRow.draft_id, SectionRow.status)):
                    counts.setdefault(draft_id, {})[status] = n
            return [DraftSummary(id=r.id, title=r.title, year=r.year, template=r.template,
                                 status=r.status, unit=str(r.facts.get("unit", "")),
                                 person=str(r.facts.get("person", "")), updated=utc(r.updated),
                                 done=counts.get(r.id, {}).get("done", 0),
                                 total=sum(counts.get(r.id, {}).values()))
                    for r in rows]

    # -- writing ---------------------------------------------------------------------------

    @_writes
    def create(self, draft: Draft) -> None:
        """Store a new draft whole; its revisions (and its sections') start at 0."""
        with Session(self.engine) as db, db.begin():
            if db.get(DraftRow, draft.id) is not None:
                raise ConflictError(f"草稿 {draft.id} 已存在")
            db.add(DraftRow(id=draft.id, owner=draft.owner, status=draft.status, revision=0,
                            created=draft.created, updated=draft.updated, **self._fields(draft)))
            db.flush()
            for position, section in enumerate(draft.sections):
                section.revision = 0
                db.add(self._section_row(draft.id, position, section))
                db.add_all(self._version_rows(draft.id, section, start=0))
        draft.revision = 0

    @_writes
    def save_draft(self, draft: Draft) -> None:
        """Save the draft's own fields (title, year, facts, outline, last year's report) and
        its sections' order and headings: sections new to it are added, sections it dropped
        are removed, but their versions stay in ``versions`` (nothing written is ever
        deleted). Section text is ``save_section``'s. Refused if ``draft.revision`` is stale."""
        with Session(self.engine) as db, db.begin():
            saved = rows_changed(db, update(DraftRow)
                                 .where(DraftRow.id == draft.id, DraftRow.revision == draft.revision)
                                 .values(revision=DraftRow.revision + 1, updated=now(), **self._fields(draft)))
            if saved != 1:
                self._row(db, draft.id)
                raise ConflictError("这份草稿已在其他窗口中修改，为避免覆盖，本次保存未生效。请刷新页面后再编辑。")
            existing = {s.id: s for s in db.scalars(select(SectionRow).where(SectionRow.draft_id == draft.id))}
            added = []
            for position, section in enumerate(draft.sections):
                row = existing.pop(section.id, None)
                if row is None:
                    db.add(self._section_row(draft.id, position, section, revision=0))
                    db.add_all(self._version_rows(draft.id, section, start=0))
                    added.append(section)
                else:
                    row.position, row.number = position, section.number
                    row.heading, row.level = section.heading, section.level
            for row in existing.values():
                db.delete(row)
        draft.revision += 1
        for section in added:
            section.revision = 0

    @_writes
    def save_section(self, draft_id: str, section: Section, status: str | None = None) -> None:
        """Save one section's state and any versions not yet stored, and the draft's
        ``status`` if given; ``section.revision`` is bumped.

        Raises ``ConflictError`` when the section was saved elsewhere since ``section`` was
        loaded (its ``revision`` is stale)."""
        with Session(self.engine) as db, db.begin():
            saved = rows_changed(db, update(SectionRow)
                                 .where(SectionRow.draft_id == draft_id, SectionRow.id == section.id,
                                        SectionRow.revision == section.revision)
                                 .values(text=section.text, status=section.status, error=section.error,
                                         locked=section.locked, revision=SectionRow.revision + 1))
            if saved != 1:
                self._row(db, draft_id)
                raise ConflictError(
                    f"“{section.number}{section.heading or '导语'}”已在其他窗口中修改，"
                    "为避免覆盖，本次保存未生效。请刷新页面后再编辑。")
            stored = db.scalar(select(func.count()).select_from(VersionRow).where(
                VersionRow.draft_id == draft_id, VersionRow.section_id == section.id)) or 0
            db.add_all(self._version_rows(draft_id, section, start=stored))
            db.execute(update(DraftRow).where(DraftRow.id == draft_id)
                       .values(updated=now(), **({"status": status} if status else {})))
        section.revision += 1

    @_writes
    def delete(self, draft_id: str, owner: str | None = None) -> None:
        with Session(self.engine) as db, db.begin():
            row = self._row(db, draft_id, owner)
            for table in (JobRow, VersionRow, SectionRow):
                db.query(table).filter(table.draft_id == draft_id).delete()
            db.delete(row)

    # -- the model a draft is drafted with ---------------------------------------------

    MODEL_FIELDS = ("preset", "provider", "base_url", "model", "mask")  # never a key

    @_reads
    def model_settings(self, draft_id: str) -> dict | None:
        """The model settings saved with the draft (None: none saved; {}: offline chosen)."""
        with Session(self.engine) as db:
            return self._row(db, draft_id).model

    @_writes
    def save_model_settings(self, draft_id: str, settings: dict | None) -> None:
        """Only the preset, provider, base URL, model and masking choice are kept: whatever else the
        caller passes (a key) is dropped here, so it cannot reach the database."""
        kept = None if settings is None else {k: settings[k] for k in self.MODEL_FIELDS if k in settings}
        with Session(self.engine) as db, db.begin():
            self._row(db, draft_id).model = kept

    # -- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _row(db: Session, draft_id: str, owner: str | None = None) -> DraftRow:
        row = db.get(DraftRow, draft_id) if draft_id else None
        if row is None or (owner is not None and row.owner != owner):
            raise DraftNotFound(f"找不到草稿“{draft_id[:40]}”：链接可能有误，或草稿已被删除")
        return row

    @staticmethod
    def _fields(draft: Draft) -> dict[str, Any]:
        """The draft's own columns, as ``save_draft`` writes them."""
        return {"title": draft.title, "year": draft.year, "template": draft.template,
                "facts": draft.facts.to_data(), "outline": draft.outline,
                "previous_report": draft.previous_report}

    @staticmethod
    def _section_row(draft_id: str, position: int, s: Section, revision: int | None = None) -> SectionRow:
        return SectionRow(draft_id=draft_id, id=s.id, position=position, number=s.number,
                          heading=s.heading, level=s.level, text=s.text, status=s.status, error=s.error,
                          locked=s.locked, revision=s.revision if revision is None else revision)

    @staticmethod
    def _version_rows(draft_id: str, section: Section, start: int) -> builtins.list[VersionRow]:
        return [VersionRow(draft_id=draft_id, section_id=section.id, seq=seq, text=v.text,
                           source=v.source, instruction=v.instruction, created=v.created,
                           usage=v.usage.model_dump(mode="json") if v.usage else None, facts_used=v.facts_used)
                for seq, v in enumerate(section.versions[start:], start)]
