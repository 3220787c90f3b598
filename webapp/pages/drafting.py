"""起草: offline or with a model, every section (or the ones not finished yet) drafted as a job
of the server process (``shuzhi.session.jobs``): the page starts it and shows it live, and so
does any later page of this draft — after navigating, reloading, or in another browser. A job
whose server process died is offered again (继续起草) for exactly its missing sections."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from shuzhi.display import STATUS_LABELS, literal_markdown
from shuzhi.session import DraftSession
from shuzhi.session.jobs import runner
from shuzhi.store.jobs import Job
from webapp.errors import attempt
from webapp.model import ModelChoice, drafter, model_settings, save_form, where_label
from webapp.progress import job_view, outcome
from webapp.state import AppState, app_state, current
from webapp.widgets import show_notes


def drafting_page(state: AppState, session: DraftSession) -> None:
    st.header("起草", anchor=False)
    job, _ = runner().current(session.store, session.draft.id)
    if job is not None and job.id == state.watching and not job.live:
        state.watching = state.following = None  # the job this session watched has ended: say how
        session.reload()
        outcome(state, session, job)
    choice = model_settings(state)
    show_notes(state)
    if job is not None and job.live:
        job_view(state, session, job, follow=state.following == job.id)
        return
    locked = [s for s in session.draftable() if s.locked]
    if locked:
        st.caption(f"已锁定 {len(locked)} 节，重新起草时保持不变：" +
                   literal_markdown("、".join(s.heading for s in locked)))
    stopped = job is not None and job.interrupted and job.missing
    if stopped:
        interrupted(state, session, job, choice)
    start_buttons(state, session, choice, offer_rest=not stopped)
    if any(s.status == "done" for s in session.draftable()):
        overview(session)


def start_buttons(state: AppState, session: DraftSession, choice: ModelChoice | None,
                  offer_rest: bool = True) -> None:
    """起草全文, or 继续起草未完成的 N 节 and 全部重新起草 (after an interruption, 继续起草 is
    the interrupted job's own button, above)."""
    waiting = choice is not None and not choice.ready
    any_done = any(s.status == "done" for s in session.draftable())
    unfinished = session.to_draft(redo_done=False) if any_done and offer_rest else []
    buttons = st.columns([1.4, 1.1, 2.5] if unfinished else [1, 4], vertical_alignment="center")
    buttons[-1].caption(where_label(choice))
    if unfinished and buttons[0].button(f"继续起草未完成的 {len(unfinished)} 节", type="primary",
                                        disabled=waiting, key="draft-rest"):
        start(state, session, choice, redo_done=False)
    elif buttons[-2].button("全部重新起草" if any_done else "起草全文", type="secondary" if unfinished or not offer_rest else "primary",
                            disabled=waiting, key="draft-all"):
        if edited(session):
            state.confirming = True
        else:
            start(state, session, choice, redo_done=True)
    if state.confirming:
        confirm_redo(state, session, choice)


def edited(session: DraftSession) -> list:
    """Sections whose current text the user wrote (or fixed) themselves: 全部重新起草 asks first."""
    return [s for s in session.to_draft(redo_done=True) if s.versions and s.versions[-1].source == "edit"]


def confirm_redo(state: AppState, session: DraftSession, choice: ModelChoice | None) -> None:
    names = "、".join(s.heading_line or "导语" for s in edited(session))
    st.warning(f"全部重新起草会用新稿替换您修改过的 {len(edited(session))} 节：{literal_markdown(names)}。"
               "原来的文字仍在各节的历史版本中，可随时恢复。不想替换的章节可先在“修改与检查”中锁定。",
               icon=":material/warning:")
    c1, c2, _ = st.columns([1.3, 1, 3])
    if c1.button("确认全部重新起草", type="primary", key="draft-all-confirm"):
        state.confirming = False
        start(state, session, choice, redo_done=True)
    if c2.button("取消", key="draft-all-cancel"):
        state.confirming = False
        st.rerun()


def interrupted(state: AppState, session: DraftSession, job: Job, choice: ModelChoice | None) -> None:
    present = {s.id: s for s in session.draft.sections}  # (a section the outline dropped since is left out)
    names = "、".join(present[sid].heading_line or "导语" for sid in job.missing if sid in present)
    st.warning(f"上次起草已中断（服务器进程已停止）：已保存 {len(job.finished)}/{len(job.sections)} 节，"
               f"尚缺 {len(job.missing)} 节：{literal_markdown(names)}。", icon=":material/sync_problem:")
    if st.button(f"继续起草（{len(job.missing)} 节）", type="primary", key="job-resume",
                 disabled=choice is not None and not choice.ready):
        with attempt("继续起草"):
            runner().resume(session.store, job.id, drafter(choice), session.settings)
            state.watching = state.following = job.id
            st.rerun()


def start(state: AppState, session: DraftSession, choice: ModelChoice | None, redo_done: bool) -> None:
    with attempt("起草"):
        save_form(state)  # the model it was drafted with stays with the draft (a server default too)
        live = runner().start(session, drafter(choice), redo_done=redo_done,
                              model=choice.saved() if choice else None)
        state.watching = state.following = live.job.id
        st.rerun()


def overview(session: DraftSession) -> None:
    """Where each section stands, at a glance."""
    rows = [{"章节": s.heading_line or "导语", "状态": (STATUS_LABELS.get(s.status, s.status) +
                                                    ("（已锁定）" if s.locked else "")),
             "字数": len(s.text), "版本": len(s.versions)} for s in session.draftable()]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


drafting_page(app_state(), current())
