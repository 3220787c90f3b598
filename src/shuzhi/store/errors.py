"""What the database said → one Chinese line the user reads, and what they can do.

Every public method of ``Store`` raises only these: ``DraftNotFound``, ``ConflictError``,
``StoreUnavailable`` (locked, read-only, full, unreachable), or ``StoreError`` itself. The
URL's password and the SQL (which holds the user's text) never reach a message.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DataError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from shuzhi.errors import InputError


class StoreError(InputError):
    """A draft that cannot be loaded or saved; ``str()`` is one Chinese line."""


class DraftNotFound(StoreError):
    pass


class ConflictError(StoreError):
    """Someone (another tab) saved the same thing since we loaded it."""


class StoreUnavailable(StoreError):
    """The database cannot be opened or written (locked, read-only, full, unreachable)."""


# Matched on the driver's message, lower-cased; the first match wins.
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
    except Exception:
        return "数据库"
    if parsed.drivername.startswith("sqlite"):
        return f"数据库文件 {parsed.database or '（内存）'}"
    return f"数据库 {parsed.render_as_string(hide_password=True)}"


@contextmanager
def database_errors(url: str) -> Iterator[None]:
    """Driver errors about the database itself become one Chinese line."""
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
