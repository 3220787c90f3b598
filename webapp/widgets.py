"""Small pieces several pages draw: seeded widgets, the notes left by the last action, and
the offer to load a report another window changed."""

from __future__ import annotations

from typing import Any

import streamlit as st

from webapp.errors import attempt
from webapp.state import AppState

ICONS = {"success": ":material/check_circle:", "warning": ":material/warning:", "error": ":material/error:"}


def initial(widget_key: str, value: Any) -> str:
    """Seed a keyed widget once; afterwards the widget owns its value."""
    if widget_key not in st.session_state:
        st.session_state[widget_key] = value
    return widget_key


def show_notes(state: AppState) -> None:
    """What the last action left to say (its text already made literal where it quotes the user)."""
    while state.notes:
        kind, message = state.notes.pop(0)
        getattr(st, kind)(message, icon=ICONS[kind])


def stale_notice(state: AppState) -> None:
    """After a refused save: the user copies what they typed, then loads the newer text."""
    c1, c2 = st.columns([4, 1], vertical_alignment="center")
    c1.warning("这份报告已在其他窗口中修改。您刚才的修改仍留在输入框中，请先复制，再载入最新内容。",
               icon=":material/sync_problem:")
    if c2.button("载入最新内容", key="reload", width="stretch"):
        with attempt("载入最新内容"):
            state.session.reload()
            state.stale = False
            state.checked = None
            state.refresh_form()
            st.rerun()
