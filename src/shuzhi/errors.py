"""Errors a user can cause. Their ``str()`` is one Chinese line naming the file and the fault;
the CLI prints it and exits 2, the app shows it. Everything else is a bug."""

from __future__ import annotations

import errno


class InputError(Exception):
    """Bad input: an unreadable, oversized, malformed or invalid file or text."""


class OutputError(InputError):
    """A file we were told to write could not be written; ``errno`` says why (ENOSPC: the
    user frees space and exports again)."""

    def __init__(self, message: str, errno_: int | None = None):
        super().__init__(message)
        self.errno = errno_


# The faults a user can fix, in their words. ``{action}`` is 读取 or 写入.
_OS_ERRORS = {
    errno.ENOSPC: "磁盘空间不足，文件未写入（已有文件未被改动）",
    errno.EDQUOT: "磁盘配额已用完，文件未写入（已有文件未被改动）",
    errno.EROFS: "所在磁盘是只读的，无法写入",
    errno.EACCES: "没有{action}权限",
    errno.EPERM: "没有{action}权限",
    errno.ENOENT: "文件或目录不存在",
    errno.EISDIR: "这是一个目录，不是文件",
    errno.ENOTDIR: "路径中有一项不是目录",
    errno.ELOOP: "符号链接形成了循环，找不到真正的文件",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EIO: "磁盘读写出错",
    errno.ETXTBSY: "文件正被其他程序使用",
}


def os_error_message(exc: OSError, action: str, name: str | None = None) -> str:
    """One Chinese line for a failed file operation; the system's English never reaches the
    user (an unknown fault is named by its errno code, which a search still finds)."""
    code = exc.errno or 0
    if action == "读取" and code == errno.ENOENT:
        what = "文件不存在"
    else:
        what = _OS_ERRORS.get(code, "无法{action}（系统错误 " + errno.errorcode.get(code, str(code)) + "）")
    what = what.format(action=action)
    name = name or exc.filename
    return f"{name}: {what}" if name else what
