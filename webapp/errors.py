"""The one way a failure reaches the user: ``fail`` shows one Chinese line where the action
was (in a widget callback: at the top of the page drawn next). A user's mistake — bad input,
a store that refused or found a newer version, a model that failed — says itself; anything
else is a bug: logged with its type and stack, and the user gets an apology, never a
traceback. ``attempt`` wraps an action in the page, ``act`` one in a widget callback."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st

from shuzhi.display import literal_markdown
from shuzhi.drafting import DraftingError
from shuzhi.errors import InputError
from shuzhi.store import ConflictError
from webapp.state import app_state

log = logging.getLogger("shuzhi.app")
ICON = ":material/error:"


def fail(action: str, exc: BaseException) -> None:
    if isinstance(exc, ConflictError):  # the page then offers to load the newer text
        app_state().stale = True
    if isinstance(exc, (InputError, DraftingError)):
        line = str(exc)
    else:
        log_bug(action, exc)
        line = f"{action}未完成：程序内部出错，已记录日志。请重试，或刷新页面。"
    st.error(literal_markdown(line), icon=ICON)


def log_bug(action: str, exc: BaseException) -> None:
    """Where a bug happened, for the server log: the exception's type and stack, never its
    message (a client error message can carry a URL with a key or a user's text)."""
    stack = "".join(traceback.format_tb(exc.__traceback__))
    log.error("app action failed: %s: %s\n%s", action, type(exc).__name__, stack)


@contextmanager
def attempt(action: str) -> Iterator[None]:
    """An action in the page: its failure is shown in its place. (``st.rerun`` and
    ``st.switch_page`` pass through: they are not ``Exception``s.)"""
    try:
        yield
    except Exception as exc:
        fail(action, exc)


def act(action: str, do: Callable[[], Any]) -> None:
    """A widget callback: runs before the page is drawn, so a change is saved even when the
    user's next click goes elsewhere."""
    with attempt(action):
        if do() is not False:
            app_state().saved()
