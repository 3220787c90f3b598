"""Writing a file a user named (``--out``), or one we keep (a draft's backup): atomically, so
a full disk never leaves half a report, and only ever onto a regular file or a new name.

The new content is written to a private temporary file (mode 0600) beside the target and
renamed over it. A rename replaces the *name*: onto a device node it would replace the device
(as root: ``/dev/null`` turned into a file), onto a symlink the link. So the target is checked
first — a regular file or nothing — and nothing is ever written through a link.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from shuzhi.errors import InputError, OutputError, os_error_message


def check_target(path: str | Path) -> None:
    """Refuse, before any work is done, a target we would not write: a symlink, a device,
    FIFO or socket, a directory, or a name in a folder that is missing or not writable."""
    path = Path(path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise InputError(os_error_message(exc, "写入", str(path))) from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise InputError(f"{path}: 是符号链接，不会替换它，也不会写到它指向的文件；请直接给出目标文件的路径")
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{path}: 这是一个目录，不是文件")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path}: 不是普通文件（设备、管道或套接字），不会写入；输出到屏幕请用 -o -")
    folder = path.parent
    if not folder.is_dir():
        raise InputError(f"{path}: 目录“{folder}”不存在")
    if not os.access(folder, os.W_OK):  # also false on a read-only filesystem, even for root
        raise InputError(f"{path}: 目录“{folder}”不可写（只读磁盘或没有写入权限），文件未写入")


def write_atomic(data: bytes, path: str | Path) -> None:
    """Replace ``path`` (a regular file or a new name) with ``data``, all or nothing. A failure
    (disk full, …) is an ``OutputError`` naming ``path``, never the temporary file."""
    path = Path(path)
    check_target(path)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".shuzhi-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())  # ENOSPC shows here on some filesystems, not at close
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(os_error_message(exc, "写入", str(path)), exc.errno) from None
    finally:
        if tmp is not None and os.path.lexists(tmp):
            os.unlink(tmp)
