"""What every command shares: turning a user's mistake into one line on stderr and exit 2."""

from __future__ import annotations

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
        raise fail(f"{exc.filename or ''}: {exc.strerror or exc}") from None


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
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
