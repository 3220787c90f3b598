"""What every command shares: turning a user's mistake into one line on stderr and exit 2."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from shuzhi.errors import InputError, os_error_message

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
    except OSError as exc:  # user files name the fault themselves (readers, export.files)
        raise fail(os_error_message(exc, "读写")) from None


def write_output(data: bytes, out: str | None) -> None:
    """Write to stdout (``None`` or ``-``), or atomically to a regular file or a new name
    (``shuzhi.export.files``: never onto a device, FIFO or symlink)."""
    if out is None or out == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from shuzhi.export.files import write_atomic

    write_atomic(data, out)
