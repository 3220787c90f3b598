"""Where drafts live between visits: SQLAlchemy 2.x over SQLite (default) or PostgreSQL.

Three tables: ``drafts`` (one row per report: facts, custom outline, last year's text),
``sections`` (current text and state) and ``versions`` (append-only: every text a section
ever had). Saves are optimistic: each draft and each section carries a ``revision`` that a
save must match, so two browser tabs on one draft never silently overwrite each other — the
stale save gets a ``ConflictError`` the app shows in Chinese.

API keys never reach this module: nothing here has a column for one.
"""

from __future__ import annotations

import contextlib
import functools
import os
import threading
import time
import weakref
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import (JSON, Boolean, DateTime, ForeignKey, Integer, String, Text,
                        UniqueConstraint, create_engine, event, func, select, update)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import (ArgumentError, DataError, IntegrityError, NoSuchModuleError, OperationalError,
                            ProgrammingError)
from sqlalchemy.exc import TimeoutError as PoolTimeout
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


class StoreUnavailable(StoreError):
    """The database cannot be opened or written (locked, read-only, full, unreachable)."""


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
    done: int = 0  # sections with text
    total: int = 0  # sections to write (heading-only parents count as done)


def lock_timeout() -> float:
    """Seconds a writer waits for another process's lock (``SHUZHI_DB_TIMEOUT``, default 30)."""
    try:
        return max(0.0, float(os.environ.get("SHUZHI_DB_TIMEOUT", "30")))
    except ValueError:
        return 30.0


def engine_for(url: str) -> Engine:
    """One engine (and pool) per database URL; tables are created on first use."""
    with _unavailable_as_store_error(url):
        try:
            return _engine_for(url, lock_timeout())
        except ArgumentError:
            raise StoreUnavailable("数据库地址（SHUZHI_DB）无效：应为 SQLAlchemy URL，如 "
                                   "sqlite:////路径/shuzhi.db 或 postgresql+psycopg://用户@主机/库名") from None
        except (NoSuchModuleError, ImportError):
            raise StoreUnavailable(f"{describe_database(url)}：缺少这种数据库的驱动；PostgreSQL 请用 "
                                   "postgresql+psycopg:// 并安装 pip install 'shuzhi[postgres]'") from None


_engines_lock = threading.Lock()


def _engine_for(url: str, timeout: float) -> Engine:
    # Two sessions of one app process opening the database at once must not both create it.
    with _engines_lock:
        return _new_engine(url, timeout)


@cache
def _new_engine(url: str, timeout: float) -> Engine:
    if url.startswith("sqlite"):
        _create_private(url)
        engine = create_engine(url, connect_args={"timeout": timeout})
        event.listen(engine, "connect", functools.partial(_sqlite_pragmas, timeout=timeout))
    else:
        engine = create_engine(url, pool_pre_ping=True)
    _create_tables(engine)
    return engine


def _create_private(url: str) -> None:
    """Create a new SQLite file as 0600 (SQLite would make it 0644 under the usual umask):
    it holds every draft and fact. SQLite gives its -wal and -shm files the database's mode."""
    from sqlalchemy.engine import make_url

    path = make_url(url).database
    if not path or path == ":memory:" or path.startswith("file:"):
        return
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError:  # there already, or its folder is missing: SQLite says what is wrong
        pass


def _create_tables(engine: Engine, attempts: int = 5) -> None:
    """Create missing tables. Several processes starting on a fresh database race here
    ("table already exists", or PostgreSQL's duplicate pg_type row): the loser looks again."""
    for attempt in range(attempts):
        try:
            Base.metadata.create_all(engine)
            return
        except (OperationalError, ProgrammingError, IntegrityError) as exc:
            said = str(exc.orig or exc).lower()
            if attempt == attempts - 1 or not ("already exists" in said or "duplicate" in said):
                raise
            time.sleep(0.05 * (attempt + 1))


def _sqlite_pragmas(dbapi_connection: Any, _record: Any, timeout: float = 30) -> None:
    # WAL lets the app read while a draft is being saved; the busy timeout makes a second
    # writer (another app process) wait instead of failing with "database is locked".
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


# What the database said → what the user reads, and what they can do. Matched on the
# driver's message, lower-cased; the first match wins.
_LOCKED = ("数据库正被其他程序占用，等待超时", "请稍后重试")
_READ_ONLY = ("数据库是只读的", "请检查磁盘和文件权限，或用环境变量 SHUZHI_DB 指定可写的数据库")
_FULL = ("磁盘空间已满", "请清理磁盘后重试")
_REASONS = (
    ("locked", _LOCKED),
    ("busy", _LOCKED),
    ("readonly", _READ_ONLY),
    ("read-only", _READ_ONLY),
    ("read only", _READ_ONLY),
    ("disk is full", _FULL),
    ("no space", _FULL),
    ("unable to open", ("无法打开数据库文件（目录不存在、只读或没有权限）",
                        "请检查目录和权限，或用环境变量 SHUZHI_DB 指定其他数据库")),
    ("disk i/o", ("读写数据库文件出错", "请检查磁盘后重试")),
    ("connect", ("无法连接数据库服务器", "请确认数据库服务已启动、地址正确")),
)


def describe_database(url: str) -> str:
    """The database as the user may see it: a file path, or a server URL without password."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001 - a malformed URL is described, never echoed whole
        return "数据库"
    if parsed.drivername.startswith("sqlite"):
        return f"数据库文件 {parsed.database or '（内存）'}"
    return f"数据库 {parsed.render_as_string(hide_password=True)}"


@contextmanager
def _unavailable_as_store_error(url: str) -> Iterator[None]:
    """Driver errors about the database itself become one Chinese line; the URL's password
    and the SQL (which holds the user's text) never reach the message."""
    try:
        yield
    except PoolTimeout:  # every pooled connection busy for pool_timeout seconds (a load peak)
        raise StoreUnavailable(f"{describe_database(url)}：连接都在使用中，等待超时，本次操作未生效；"
                               "请稍后重试") from None
    except DataError:  # e.g. SQLite's "string or blob too big"; its message quotes the row
        raise StoreError(f"{describe_database(url)}：内容过大或不符合数据库的限制，本次操作未生效") from None
    except OperationalError as exc:
        said = str(exc.orig or exc).lower()
        reason, hint = next((r for word, r in _REASONS if word in said),
                            ("数据库暂时无法使用", "请稍后重试"))
        raise StoreUnavailable(f"{describe_database(url)}：{reason}，本次操作未生效；{hint}") from None


_F = TypeVar("_F", bound=Callable[..., Any])

# SQLite lets one writer in at a time and makes the others poll (busy_timeout), which is not
# fair: with many sessions in one app process, a writer that keeps losing can wait past the
# timeout while the lock holder waits for the GIL. Writers of one process therefore queue on
# a lock of their own first; the busy timeout is left for other processes.
_WRITE_LOCKS: weakref.WeakKeyDictionary[Engine, threading.Lock] = weakref.WeakKeyDictionary()


def _write_lock(engine: Engine) -> threading.Lock | contextlib.nullcontext:
    if engine.dialect.name != "sqlite":
        return contextlib.nullcontext()  # PostgreSQL locks rows, and queues waiters itself
    with _engines_lock:
        return _WRITE_LOCKS.setdefault(engine, threading.Lock())


def _guarded(method: _F) -> _F:
    @functools.wraps(method)
    def wrapper(self: "Store", *args: Any, **kwargs: Any) -> Any:
        with _unavailable_as_store_error(self.url):
            return method(self, *args, **kwargs)
    return wrapper  # type: ignore[return-value]


def _writes(method: _F) -> _F:
    """A method that writes: guarded, and queued behind this process's other writers."""
    @functools.wraps(method)
    def wrapper(self: "Store", *args: Any, **kwargs: Any) -> Any:
        with _unavailable_as_store_error(self.url), _write_lock(self.engine):
            return method(self, *args, **kwargs)
    return wrapper  # type: ignore[return-value]


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value


class Store:
    """Every public method raises only ``StoreError`` subclasses for the database's faults:
    ``DraftNotFound``, ``ConflictError``, ``StoreUnavailable`` (locked, read-only, full).

    ``owner`` (the signed-in user, when sign-in is on) scopes reading: another user's draft
    is "not found", with the same message as an id that does not exist, so ids cannot be
    probed."""

    def __init__(self, url: str | None = None):
        self._url = url or database_url()
        self.engine = engine_for(self._url)

    @property
    def url(self) -> str:
        """The database URL (as given; error messages show it without the password)."""
        return getattr(self, "_url", None) or self.engine.url.render_as_string(hide_password=False)

    # -- reading ---------------------------------------------------------------------------

    @_guarded
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

    @_guarded
    def get_outline(self, draft_id: str, owner: str | None = None) -> list[dict] | None:
        with Session(self.engine) as db:
            return self._row(db, draft_id, owner).outline

    @_guarded
    def get_context(self, draft_id: str, owner: str | None = None) -> str | None:
        with Session(self.engine) as db:
            return self._row(db, draft_id, owner).context

    @_guarded
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
                                 person=str(r.facts.get("person", "")), updated=_utc(r.updated),
                                 done=counts.get(r.id, {}).get("done", 0),
                                 total=sum(counts.get(r.id, {}).values()))
                    for r in rows]

    # -- writing ---------------------------------------------------------------------------

    @_writes
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

    @_writes
    def save_facts(self, draft_id: str, facts: Facts, revision: int) -> int:
        """Replace the draft's facts; returns the new draft revision."""
        return self._update_draft(draft_id, revision, facts=facts.to_data(), year=facts.year)

    @_writes
    def save_context(self, draft_id: str, context: str | None, revision: int) -> int:
        return self._update_draft(draft_id, revision, context=context)

    @_writes
    def save_title(self, draft_id: str, title: str, revision: int) -> int:
        return self._update_draft(draft_id, revision, title=title)

    @_writes
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

    @_writes
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

    @_writes
    def delete(self, draft_id: str, owner: str | None = None) -> None:
        with Session(self.engine) as db, db.begin():
            row = self._row(db, draft_id, owner)
            for table in (VersionRow, SectionRow):
                db.query(table).filter(table.draft_id == draft_id).delete()
            db.delete(row)

    # -- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _row(db: Session, draft_id: str, owner: str | None = None) -> DraftRow:
        row = db.get(DraftRow, draft_id) if draft_id else None
        if row is None or (owner is not None and row.owner != owner):
            raise DraftNotFound(f"找不到草稿“{draft_id[:40]}”：链接可能有误，或草稿已被删除")
        return row

    @_guarded
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
