"""What the app remembers for one browser session: one typed object under one
``st.session_state`` key. Widget values stay in their widgets (their keys come from ``key``);
everything else the pages share is a field here.

The API key a visitor types lives only in this session's memory (``api_key``, across pages);
it is handed to the drafter, never stored, logged or put in a URL. The model settings beside
it (``model_form``) are saved with the draft, so every page drafts with the same model.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import streamlit as st

from shuzhi.session import CheckResult, DraftSession

if TYPE_CHECKING:
    from shuzhi.store.jobs import Job
    from webapp.model import ModelChoice

KEY = "app"


@dataclass
class AppState:
    owner: str | None = None  # the signed-in user, who sees only their own drafts; None: no sign-in
    session: DraftSession | None = None  # the report being worked on
    opened: list[str] = field(default_factory=list)  # drafts made or opened here: the start page lists them
    form: int = 0  # generation of the form widgets: a new one when facts are replaced from outside
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # table editors' base rows
    imported: set[str] = field(default_factory=set)  # uploads already imported (their file ids)
    checked: tuple[str, CheckResult] | None = None  # the findings, and the text they are for
    stale: bool = False  # a save was refused: another window changed the report
    form_note: str = ""  # why the facts form's last change was not saved
    saved_at: str = ""  # "已自动保存 12:00:01", under the sidebar's figures
    notes: list[tuple[str, str]] = field(default_factory=list)  # (kind, Markdown) for the next page drawn
    model_form: dict[str, Any] = field(default_factory=dict)  # mode, preset, base URL, model (webapp.model)
    api_key: str | None = None  # the visitor's key, for this browser session only
    watching: str | None = None  # the drafting job this session started or followed
    following: str | None = None  # the job this session just started: its page run waits for it
    synced: tuple | None = None  # the job's progress the open session was last reloaded at
    confirming: bool = False  # 全部重新起草 asked to confirm replacing edited sections

    # the open report

    def open(self, session: DraftSession) -> None:
        from webapp.model import saved_form

        if session.draft.id not in self.opened:
            self.opened.append(session.draft.id)
        self.session = session
        self.checked = None
        self.stale = False
        self.refresh_form()
        self.model_form = saved_form(session)  # the model it is drafted with (the key stays ours)
        self.watching = self.following = self.synced = None
        self.confirming = False
        st.query_params["draft"] = session.draft.id

    def sync(self) -> Job | None:
        """The draft's newest drafting job; the open report reloaded whenever that job saved
        sections since we last looked (it runs in the server process, not in this session)."""
        from shuzhi.session.jobs import runner

        session = self.session
        job, _ = runner().current(session.store, session.draft.id)
        if job is not None:
            mark = (job.id, job.state, len(job.finished), len(job.failed))
            if self.synced is not None and mark != self.synced:
                session.reload()
                self.checked = None
            self.synced = mark
        return job

    @property
    def model(self) -> ModelChoice | None:
        """The drafter chosen (on any page: 起草 and 按指令重写 use the same); None: offline."""
        from webapp.model import choice_of

        return choice_of(self.model_form, self.api_key)

    def close(self) -> None:
        self.session = None
        st.query_params.clear()

    def refresh_form(self) -> None:
        """The facts or outline were replaced from outside the form: its widgets start again."""
        self.form += 1
        self.tables.clear()
        self.form_note = ""

    def key(self, *parts: object) -> str:
        """A widget's key: unique to the report and the form's generation."""
        draft = self.session.draft.id if self.session else "-"
        return ":".join(map(str, (draft, self.form, *parts)))

    # what the user is told

    def saved(self, when: str = "已自动保存") -> None:
        self.saved_at = f"{when} {time.strftime('%H:%M:%S')}"

    def note(self, kind: str, message: str) -> None:
        """A message for the top of the next page drawn (it survives the re-run after an action)."""
        self.notes.append((kind, message))

    def findings(self) -> CheckResult | None:
        """The checker's findings for the current text, computed again only when it changed;
        None before anything is drafted."""
        session = self.session
        if session is None or not any(s.text for s in session.draft.sections):
            return None
        text = session.draft.assemble()
        if self.checked is None or self.checked[0] != text:
            self.checked = (text, session.check())
        return self.checked[1]


def app_state() -> AppState:
    state = st.session_state.get(KEY)
    if state is None:
        state = st.session_state[KEY] = AppState()
    return state


def current() -> DraftSession:
    """The open report, on a page that is only shown while one is open."""
    session = app_state().session
    assert session is not None, "a report page was run with no report open"
    return session
