"""Where drafts live between visits: SQLAlchemy 2.x over SQLite (default) or PostgreSQL.

Three tables: ``drafts`` (one row per report: facts, custom outline, last year's text),
``sections`` (current text and state) and ``versions`` (append-only: every text a section
ever had). Saves are optimistic: each draft and each section carries a ``revision`` that a
save must match, so two browser tabs on one draft never silently overwrite each other — the
stale save gets a ``ConflictError`` the app shows in Chinese.

API keys never reach this module: nothing here has a column for one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache
from typing import Any

from sqlalchemy import (JSON, Boolean, DateTime, ForeignKey, Integer, String, Text,
                        UniqueConstraint, create_engine, event, func, select, update)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from shuzhi.config import database_url
from shuzhi.draft import Draft, Section, Usage, Version, now
from shuzhi.errors import InputError
from shuzhi.facts import Facts


class StoreError(InputError):
    """A draft that cannot be loaded or saved; ``str()`` is one Chinese line."""


class DraftNotFound(StoreError):
    pass


class ConflictError(StoreError):
    """Someone (another tab) saved the same thing since we loaded it."""


class Base(DeclarativeBase):
    pass


class DraftRow(Base):
    __tablename__ = "drafts"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner: Mapped[str | None] = mapped_column(String(200), index=True)
    title: Mapped[str] = mapped_column(String(200))
    year: Mapped[int] = mapped_column(Integer)
    template: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20))
    facts: Mapped[dict] = mapped_column(JSON)
    outline: Mapped[list | None] = mapped_column(JSON)  # custom outline; None: the template's
    context: Mapped[str | None] = mapped_column(Text)  # last year's report, as uploaded
    revision: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class SectionRow(Base):
    __tablename__ = "sections"

    draft_id: Mapped[str] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"), primary_key=True)
    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(20), default="")
    heading: Mapped[str] = mapped_column(String(500), default="")
    level: Mapped[int] = mapped_column(Integer, default=1)
    text: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="pending")
    error: Mapped[str | None] = mapped_column(Text)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    findings: Mapped[list] = mapped_column(JSON, default=list)
    revision: Mapped[int] = mapped_column(Integer, default=0)


class VersionRow(Base):
    __tablename__ = "versions"
    __table_args__ = (UniqueConstraint("draft_id", "section_id", "seq"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    draft_id: Mapped[str] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[str] = mapped_column(String(100))
    seq: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(100))
    instruction: Mapped[str | None] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    usage: Mapped[dict | None] = mapped_column(JSON)


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


@cache
def engine_for(url: str) -> Engine:
    """One engine (and pool) per database URL; tables are created on first use."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    Base.metadata.create_all(engine)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the app read while a draft is being saved; the busy timeout makes a second
    # writer (another app process) wait instead of failing with "database is locked".
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value


class Store:
    def __init__(self, url: str | None = None):
        self.engine = engine_for(url or database_url())

    # -- reading ---------------------------------------------------------------------------

    def get(self, draft_id: str) -> Draft:
        with Session(self.engine) as db:
            row = self._row(db, draft_id)
            sections = db.scalars(select(SectionRow).where(SectionRow.draft_id == draft_id)
                                  .order_by(SectionRow.position)).all()
            versions = db.scalars(select(VersionRow).where(VersionRow.draft_id == draft_id)
                                  .order_by(VersionRow.section_id, VersionRow.seq)).all()
            by_section: dict[str, list[Version]] = {}
            for v in versions:
                by_section.setdefault(v.section_id, []).append(Version(
                    text=v.text, source=v.source, instruction=v.instruction, created=_utc(v.created),
                    usage=Usage.model_validate(v.usage) if v.usage else None))
            return Draft(
                id=row.id, owner=row.owner, title=row.title, year=row.year, template=row.template,
                facts=Facts.model_validate(row.facts), revision=row.revision,
                created=_utc(row.created), updated=_utc(row.updated),
                sections=[Section(id=s.id, number=s.number, heading=s.heading, level=s.level,
                                  text=s.text, status=s.status, error=s.error, locked=s.locked,
                                  findings=s.findings or [], revision=s.revision,
                                  versions=by_section.get(s.id, [])) for s in sections])

    def get_outline(self, draft_id: str) -> list[dict] | None:
        with Session(self.engine) as db:
            return self._row(db, draft_id).outline

    def get_context(self, draft_id: str) -> str | None:
        with Session(self.engine) as db:
            return self._row(db, draft_id).context

    def list(self, owner: str | None = None, limit: int = 100) -> list[DraftSummary]:
        """Drafts, most recently changed first (all of them when ``owner`` is None)."""
        query = select(DraftRow).order_by(DraftRow.updated.desc(), DraftRow.created.desc()).limit(limit)
        if owner is not None:
            query = query.where(DraftRow.owner == owner)
        with Session(self.engine) as db:
            return [DraftSummary(id=r.id, title=r.title, year=r.year, template=r.template,
                                 status=r.status, unit=str(r.facts.get("unit", "")),
                                 person=str(r.facts.get("person", "")), updated=_utc(r.updated))
                    for r in db.scalars(query)]

    # -- writing ---------------------------------------------------------------------------

    def create(self, draft: Draft, outline: list[dict] | None = None, context: str | None = None) -> Draft:
        with Session(self.engine) as db, db.begin():
            if db.get(DraftRow, draft.id) is not None:
                raise ConflictError(f"草稿 {draft.id} 已存在")
            db.add(DraftRow(id=draft.id, owner=draft.owner, title=draft.title, year=draft.year,
                            template=draft.template, status=draft.status,
                            facts=draft.facts.to_data(), outline=outline, context=context,
                            revision=0, created=draft.created, updated=draft.updated))
            db.flush()
            for position, section in enumerate(draft.sections):
                section.revision = 0
                db.add(self._section_row(draft.id, position, section))
                db.add_all(self._version_rows(draft.id, section, start=0))
        draft.revision = 0
        return draft

    def save_facts(self, draft_id: str, facts: Facts, revision: int) -> int:
        """Replace the draft's facts; returns the new draft revision."""
        return self._update_draft(draft_id, revision, facts=facts.to_data(), year=facts.year)

    def save_context(self, draft_id: str, context: str | None, revision: int) -> int:
        return self._update_draft(draft_id, revision, context=context)

    def save_title(self, draft_id: str, title: str, revision: int) -> int:
        return self._update_draft(draft_id, revision, title=title)

    def save_outline(self, draft: Draft, outline: list[dict] | None) -> None:
        """A changed outline: the draft's sections are replaced by ``draft.sections`` in order.
        Versions of a dropped section stay in ``versions`` (nothing written is ever deleted)."""
        with Session(self.engine) as db, db.begin():
            draft.revision = self._bump(db, draft.id, draft.revision, outline=outline)
            existing = {s.id: s for s in db.scalars(
                select(SectionRow).where(SectionRow.draft_id == draft.id))}
            for position, section in enumerate(draft.sections):
                row = existing.pop(section.id, None)
                if row is None:
                    section.revision = 0
                    db.add(self._section_row(draft.id, position, section))
                    db.add_all(self._version_rows(draft.id, section, start=0))
                else:
                    row.position, row.number = position, section.number
                    row.heading, row.level = section.heading, section.level
            for row in existing.values():
                db.delete(row)

    def save_section(self, draft_id: str, section: Section, status: str | None = None) -> int:
        """Save one section's state and any versions not yet stored; returns its new revision.

        Raises ``ConflictError`` when the section was saved elsewhere since ``section`` was
        loaded (its ``revision`` is stale)."""
        with Session(self.engine) as db, db.begin():
            result = db.execute(
                update(SectionRow)
                .where(SectionRow.draft_id == draft_id, SectionRow.id == section.id,
                       SectionRow.revision == section.revision)
                .values(text=section.text, status=section.status, error=section.error,
                        locked=section.locked, findings=section.findings,
                        revision=SectionRow.revision + 1))
            if result.rowcount != 1:
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
        return section.revision

    def delete(self, draft_id: str) -> None:
        with Session(self.engine) as db, db.begin():
            row = self._row(db, draft_id)
            for table in (VersionRow, SectionRow):
                db.query(table).filter(table.draft_id == draft_id).delete()
            db.delete(row)

    # -- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _row(db: Session, draft_id: str) -> DraftRow:
        row = db.get(DraftRow, draft_id) if draft_id else None
        if row is None:
            raise DraftNotFound(f"找不到草稿“{draft_id[:40]}”：链接可能有误，或草稿已被删除")
        return row

    def _update_draft(self, draft_id: str, revision: int, **values: Any) -> int:
        with Session(self.engine) as db, db.begin():
            return self._bump(db, draft_id, revision, **values)

    def _bump(self, db: Session, draft_id: str, revision: int, **values: Any) -> int:
        result = db.execute(update(DraftRow)
                            .where(DraftRow.id == draft_id, DraftRow.revision == revision)
                            .values(revision=DraftRow.revision + 1, updated=now(), **values))
        if result.rowcount != 1:
            self._row(db, draft_id)
            raise ConflictError("这份草稿已在其他窗口中修改，为避免覆盖，本次保存未生效。请刷新页面后再编辑。")
        return revision + 1

    @staticmethod
    def _section_row(draft_id: str, position: int, s: Section) -> SectionRow:
        return SectionRow(draft_id=draft_id, id=s.id, position=position, number=s.number,
                          heading=s.heading, level=s.level, text=s.text, status=s.status,
                          error=s.error, locked=s.locked, findings=s.findings, revision=s.revision)

    @staticmethod
    def _version_rows(draft_id: str, section: Section, start: int) -> list[VersionRow]:
        return [VersionRow(draft_id=draft_id, section_id=section.id, seq=seq, text=v.text,
                           source=v.source, instruction=v.instruction, created=v.created,
                           usage=v.usage.model_dump(mode="json") if v.usage else None)
                for seq, v in enumerate(section.versions[start:], start)]
