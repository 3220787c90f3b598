"""The tables, and bringing any database up to them.

Four tables: ``drafts`` (one row per report: facts, the user's outline, last year's report,
the model settings it is drafted with), ``sections`` (current text and state), ``versions``
(append-only: every text a section ever had) and ``jobs`` (drafting runs and their leases,
``shuzhi.store.jobs``). API keys never reach the store: nothing here has a column for one.

Changes to the tables are Alembic migrations shipped in ``migrations/versions`` (see
``migrations/env.py`` for making a new one). ``upgrade`` runs them: a new database gets every
revision; a database made by the first releases (``create_all``, no ``alembic_version``
table) is recognised, stamped as the initial revision and upgraded. Alembic is imported only
when there is something to do: opening an up-to-date database costs two small queries.
"""

from __future__ import annotations

import time
from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shuzhi.draft import Status

INITIAL = "0001"  # the tables as the first releases created them
HEAD = "0005"  # the newest revision in migrations/versions (a test checks they agree)
MIGRATIONS = "shuzhi.store:migrations"
_PG_LOCK = 0x5348_555A  # "SHUZ": one migrating process at a time per PostgreSQL database


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
    outline: Mapped[list | None] = mapped_column(JSON)  # the user's outline; None: the template's
    previous_report: Mapped[str | None] = mapped_column(Text)  # last year's report, as uploaded
    model: Mapped[dict | None] = mapped_column(JSON)  # provider, base_url, model: never a key
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
    status: Mapped[Status] = mapped_column(String(20), default="pending")
    error: Mapped[str | None] = mapped_column(Text)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
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
    facts_used: Mapped[dict | None] = mapped_column(JSON)  # what the text was drafted from (0004)


class JobRow(Base):
    """One drafting run: the sections it is to write, which of them are saved, and the lease
    by which one server process owns it (``shuzhi.store.jobs``)."""

    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    draft_id: Mapped[str] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"), index=True)
    sections: Mapped[list] = mapped_column(JSON)  # section ids wanted, in the draft's order
    instruction: Mapped[str | None] = mapped_column(Text)
    model: Mapped[dict | None] = mapped_column(JSON)  # provider, base_url, model; None: offline
    state: Mapped[str] = mapped_column(String(20))  # running, done, failed, cancelled, replaced
    lease_owner: Mapped[str | None] = mapped_column(String(200))
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished: Mapped[list] = mapped_column(JSON, default=list)  # sections written and saved
    failed: Mapped[dict] = mapped_column(JSON, default=dict)  # section id → reason
    progress: Mapped[dict] = mapped_column(JSON, default=dict)  # section id → characters so far
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def revision(connection: Connection) -> str | None:
    """The database's Alembic revision; ``INITIAL`` for one made before migrations existed,
    None for an empty one."""
    tables = inspect(connection).get_table_names()
    if "alembic_version" in tables:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return INITIAL if "drafts" in tables else None


def upgrade(engine: Engine, target: str = "head", attempts: int = 5) -> None:
    """Bring the database to ``target`` (the newest revision by default). Several processes
    may start on one database at once: the first takes the database's write lock (SQLite) or
    an advisory lock (PostgreSQL) and migrates; the others then find it done. A race this
    lock cannot prevent ("already exists") is looked at again."""
    with engine.connect() as connection:
        if target == "head" and revision(connection) == HEAD:
            return
    for attempt in range(attempts):
        try:
            with engine.connect() as connection:
                _migrate(connection, target)
            return
        except (OperationalError, ProgrammingError, IntegrityError) as exc:
            said = str(exc.orig or exc).lower()
            if attempt == attempts - 1 or not ("already exists" in said or "duplicate" in said):
                raise
            time.sleep(0.05 * (attempt + 1))


def _migrate(connection: Connection, target: str) -> None:
    from alembic import command
    from alembic.config import Config
    from alembic.util import CommandError

    from shuzhi.store.errors import StoreUnavailable, describe_database

    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")  # DDL too inside one transaction
    elif connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    config.attributes["connection"] = connection
    found = revision(connection)  # again, under the lock
    if found == INITIAL and not inspect(connection).has_table("alembic_version"):
        command.stamp(config, INITIAL)  # made by create_all before migrations existed
    if found != target:
        try:
            command.upgrade(config, target)
        except CommandError:  # a revision this program does not know: a newer release wrote it
            url = connection.engine.url.render_as_string(hide_password=True)
            raise StoreUnavailable(f"{describe_database(url)}：表结构（版本 {found}）来自更新版本的述职助手，"
                                   "本程序无法使用；请升级述职助手后再打开") from None
    connection.commit()
