"""起草: offline or with a model, every section (or the ones not finished yet) drafted at once,
each streaming into the page and saved as it completes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from shuzhi.display import STATUS_LABELS, literal_markdown, usage_of
from shuzhi.session import DraftSession
from shuzhi.store import ConflictError
from webapp.errors import attempt, fail
from webapp.model import ModelChoice, drafter, model_settings, where_label
from webapp.progress import StreamingView
from webapp.state import AppState, app_state, current
from webapp.widgets import show_notes


def drafting_page(state: AppState, session: DraftSession) -> None:
    st.header("起草", anchor=False)
    choice = model_settings(state)
    waiting = choice is not None and not choice.ready
    any_done = any(s.status == "done" for s in session.draftable())
    locked = [s for s in session.draftable() if s.locked]
    if locked:
        st.caption(f"已锁定 {len(locked)} 节，重新起草时保持不变：" +
                   literal_markdown("、".join(s.heading for s in locked)))
    show_notes(state)
    unfinished = session.to_draft(redo_done=False) if any_done else []
    buttons = st.columns([1.4, 1.1, 2.5] if unfinished else [1, 4], vertical_alignment="center")
    buttons[-1].caption(where_label(choice))
    if unfinished and buttons[0].button(f"继续起草未完成的 {len(unfinished)} 节", type="primary",
                                        disabled=waiting, key="draft-rest"):
        run(state, session, choice, redo_done=False)
    elif buttons[-2].button("全部重新起草" if any_done else "起草全文", type="secondary" if unfinished else "primary",
                            disabled=waiting, key="draft-all"):
        run(state, session, choice, redo_done=True)
    elif any_done:
        overview(session)


def overview(session: DraftSession) -> None:
    """Where each section stands, at a glance."""
    rows = [{"章节": s.heading_line or "导语", "状态": (STATUS_LABELS.get(s.status, s.status) +
                                                    ("（已锁定）" if s.locked else "")),
             "字数": len(s.text), "版本": len(s.versions)} for s in session.draftable()]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def run(state: AppState, session: DraftSession, choice: ModelChoice | None, redo_done: bool) -> None:
    with attempt("起草"):
        chosen = drafter(choice)
        targets = session.to_draft(redo_done=redo_done)
        if not targets:
            st.info("没有需要起草的章节（全部已锁定）。")
            return
        view = StreamingView(targets)
        session.draft_all(chosen, view, redo_done=redo_done)
        for conflict in session.conflicts:  # a section another window saved meanwhile
            fail("起草", ConflictError(conflict))
        failed = [s for s in targets if s.status == "failed"]
        if failed:
            state.note("warning", f"{len(failed)} 节起草失败，其余已保存。可在“修改与检查”中单独重新生成。{view.screened}")
        else:
            usage = usage_of(targets)
            spent = (f"（用量 {usage.tokens_text()} tokens，费用 {usage.cost_text()}）"
                     if usage.prompt_tokens + usage.completion_tokens else "")
            state.note("success", f"起草完成，已自动保存{spent}。请到“修改与检查”逐节修改。{view.screened}")
        state.saved()
        if session.conflicts:  # the lines above stay on the page, with the run's outcome
            show_notes(state)
        else:
            st.rerun()


drafting_page(app_state(), current())
