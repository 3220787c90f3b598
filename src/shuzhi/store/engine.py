"""Connecting: one engine (and pool) per database URL, SQLite set up for several writers,
and the tables brought up to date (``schema.upgrade``) the first time an engine is used; what
the drivers give back made uniform (``utc``, ``rows_changed``)."""

from __future__ import annotations

import contextlib
import functools
import os
import threading
import weakref
from datetime import UTC, datetime
from functools import cache
from typing import Any, cast, overload

from sqlalchemy import CursorResult, Executable, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.orm import Session

from shuzhi.store import schema
from shuzhi.store.errors import StoreUnavailable, database_errors, describe_database

_lock = threading.Lock()  # two sessions of one app process must not both create the database
_current: weakref.WeakSet[Engine] = weakref.WeakSet()  # engines whose database is up to date


def lock_timeout() -> float:
    """Seconds a writer waits for another process's lock (``SHUZHI_DB_TIMEOUT``, default 30)."""
    try:
        return max(0.0, float(os.environ.get("SHUZHI_DB_TIMEOUT", "30")))
    except ValueError:
        return 30.0


def engine_for(url: str) -> Engine:
    """The engine for ``url``, its database up to date; every fault is one Chinese line."""
    with database_errors(url):
        try:
            with _lock:
                engine = _new_engine(url, lock_timeout())
        except ArgumentError:
            raise StoreUnavailable("数据库地址（SHUZHI_DB）无效：应为 SQLAlchemy URL，如 "
                                   "sqlite:////路径/shuzhi.db 或 postgresql+psycopg://用户@主机/库名") from None
        except (NoSuchModuleError, ImportError):
            raise StoreUnavailable(f"{describe_database(url)}：缺少这种数据库的驱动；PostgreSQL 请用 "
                                   "postgresql+psycopg:// 并安装 pip install 'shuzhi[postgres]'") from None
        up_to_date(engine)
    return engine


def up_to_date(engine: Engine) -> Engine:
    """Migrate the engine's database once per engine (ours or one the caller made)."""
    with _lock:
        if engine not in _current:
            schema.upgrade(engine)
            _current.add(engine)
    return engine


@cache
def _new_engine(url: str, timeout: float) -> Engine:
    if url.startswith("sqlite"):
        _create_private(url)
        engine = create_engine(url, connect_args={"timeout": timeout})
        event.listen(engine, "connect", functools.partial(sqlite_pragmas, timeout=timeout))
        return engine
    return create_engine(url, pool_pre_ping=True)


def _create_private(url: str) -> None:
    """Create a new SQLite file as 0600 (SQLite would make it 0644 under the usual umask):
    it holds every draft and fact. SQLite gives its -wal and -shm files the database's mode."""
    from sqlalchemy.engine import make_url

    path = make_url(url).database
    if not path or path == ":memory:" or path.startswith("file:"):
        return
    with contextlib.suppress(OSError):  # there already, or its folder is missing: SQLite says what is wrong
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def sqlite_pragmas(dbapi_connection: Any, _record: Any, timeout: float = 30) -> None:
    """WAL lets the app read while a draft is being saved; the busy timeout makes a second
    writer (another app process) wait instead of failing with "database is locked"."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


# SQLite lets one writer in at a time and makes the others poll (busy_timeout), which is not
# fair: with many sessions in one app process, a writer that keeps losing can wait past the
# timeout while the lock holder waits for the GIL. Writers of one process therefore queue on
# a lock of their own first; the busy timeout is left for other processes.
_WRITE_LOCKS: weakref.WeakKeyDictionary[Engine, threading.Lock] = weakref.WeakKeyDictionary()


def write_lock(engine: Engine) -> threading.Lock | contextlib.nullcontext:
    if engine.dialect.name != "sqlite":
        return contextlib.nullcontext()  # PostgreSQL locks rows, and queues waiters itself
    with _lock:
        return _WRITE_LOCKS.setdefault(engine, threading.Lock())


@overload
def utc(value: datetime) -> datetime: ...
@overload
def utc(value: None) -> None: ...
def utc(value: datetime | None) -> datetime | None:
    """A stored time, timezone-aware: SQLite gives back the naive UTC time it was written as."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def rows_changed(db: Session, statement: Executable) -> int:
    """Run an UPDATE; how many rows it changed (0: the row's revision or owner moved on)."""
    return cast(CursorResult, db.execute(statement)).rowcount
