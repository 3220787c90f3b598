"""述职助手 — the browser front end. This file is only the entry point (``streamlit run
app.py``, ``shuzhi serve``): it signs the visitor in, opens the report a link names, draws
the sidebar and runs the page chosen through ``st.navigation``. The pages are the scripts in
``webapp/pages/``, the pieces they share are ``webapp/``; all the work is done by the
``shuzhi`` library, which saves every action at once.

User text is always shown through ``literal_markdown`` (or a text widget): HTML and Markdown
typed by a user are displayed as typed, never rendered.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

# The icon is our own file: a ":material/…:" page icon is fetched from fonts.gstatic.com on
# every page load, which a unit's intranet notices (tests/browser/test_no_outside_requests.py).
st.set_page_config(page_title="述职助手", page_icon=str(Path(__file__).with_name("static") / "favicon.svg"),
                   layout="wide", initial_sidebar_state="auto")  # auto: collapsed on a phone

from shuzhi.session import DraftSession  # noqa: E402
from shuzhi.store import Store  # noqa: E402
from webapp import SIGN_IN, START, STEPS, Step  # noqa: E402
from webapp.access import signed_in  # noqa: E402
from webapp.errors import attempt  # noqa: E402
from webapp.sidebar import sidebar  # noqa: E402
from webapp.state import AppState, app_state  # noqa: E402
from webapp.widgets import chrome, next_step_button, stale_notice  # noqa: E402


def page(step: Step) -> st.Page:
    return st.Page(step.script, title=step.title, icon=step.icon)


def open_from_link(state: AppState) -> None:
    """``?draft=ID`` opens that report (another user's is "not found", like a wrong link)."""
    wanted = st.query_params.get("draft")
    if wanted and (state.session is None or state.session.draft.id != wanted):
        with attempt("打开草稿"):
            state.open(DraftSession.open(wanted, Store(), owner=state.owner))
            return
        st.query_params.clear()


def main() -> None:
    chrome()  # our own static CSS and script, never user content
    state = app_state()
    if not signed_in(state):
        st.navigation([page(SIGN_IN)], position="hidden").run()
        return
    open_from_link(state)
    session = state.session
    # a report's steps while one is open, else the start page (new report, saved reports)
    pages = [page(step) for step in STEPS] if session else [page(START)]
    current = st.navigation(pages, position="hidden")  # the sidebar draws the steps itself
    if session is not None and st.query_params.get("draft") != session.draft.id:
        st.query_params["draft"] = session.draft.id  # the address bar always names the report
    sidebar(state, pages, current)
    if session is not None and state.stale:
        stale_notice(state)
    current.run()
    if session is not None:
        next_step_button(current.title)


with attempt("显示页面"):
    main()
