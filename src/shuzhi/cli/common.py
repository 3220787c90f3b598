"""What every command shares: turning a user's mistake into one line on stderr and exit 2."""

from __future__ import annotations

import errno
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from shuzhi.errors import InputError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def fail(message: str) -> typer.Exit:
    print(f"错误：{message}", file=sys.stderr)
    return typer.Exit(EXIT_USAGE)


@contextmanager
def user_errors() -> Iterator[None]:
    """Bad input, a missing template, a full disk: one line and exit 2, never a traceback."""
    try:
        yield
    except InputError as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(os_error_message(exc)) from None


# The faults a user can fix, in their words; anything else keeps the system's own wording.
_OS_ERRORS = {
    errno.ENOSPC: "磁盘空间不足，文件未写入（已有文件未被改动）",
    errno.EDQUOT: "磁盘配额已用完，文件未写入（已有文件未被改动）",
    errno.EROFS: "所在磁盘是只读的，无法写入",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有权限",
    errno.ENOENT: "文件或目录不存在",
    errno.EISDIR: "这是一个目录，不是文件",
    errno.ENOTDIR: "路径中有一项不是目录",
}


def os_error_message(exc: OSError) -> str:
    what = _OS_ERRORS.get(exc.errno or 0, exc.strerror or str(exc))
    return f"{exc.filename}: {what}" if exc.filename else what


def write_output(data: bytes, out: str | None) -> None:
    """Write to a file (created atomically, so a full disk never leaves half a report), or stdout."""
    if out is None or out == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    import os
    import tempfile
    from pathlib import Path

    path = Path(out)
    fd, tmp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=".shuzhi-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())  # ENOSPC shows here on some filesystems, not at close
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        exc.filename = exc.filename if exc.filename and exc.filename != tmp else str(path)
        raise
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
