"""The sidebar: the report's steps, how far it is drafted and checked, its link."""

from __future__ import annotations

import streamlit as st

from shuzhi.display import SEVERITY_LABELS, literal_markdown
from webapp.state import AppState


def sidebar(state: AppState, pages: list, current) -> None:
    with st.sidebar:
        st.title("述职助手", anchor=False)
        st.caption("起草 · 检查 · 导出年度述职报告")
        if state.owner is not None:
            st.button("退出登录", key="logout", on_click=st.logout)
        if state.session is None:
            return
        draft = state.session.draft
        st.markdown(f"**{literal_markdown(draft.title)}**")
        st.caption(literal_markdown(f"{draft.facts.unit} · {draft.facts.person}"))
        for page in pages:  # each step keeps the report's link in the address bar
            st.page_link(page, query_params={"draft": draft.id}, width="stretch")
        st.divider()
        status(state)
        st.divider()
        st.caption("本报告的链接（收藏后可随时打开，请勿转给他人）：")
        st.code(draft_link(draft.id, current), language=None, wrap_lines=True)
        if st.button("新建或打开其他报告", width="stretch", key="leave"):
            state.close()
            st.rerun()


def status(state: AppState) -> None:
    job = state.sync() if state.session.store is not None else None
    draftable = state.session.draftable()
    done = sum(s.status == "done" for s in draftable)
    if job is not None and job.live:
        st.caption(f":material/pending: 正在起草 {len(job.sections)} 节，进度见“起草”页")
    else:
        st.progress(done / max(1, len(draftable)), text=f"已起草 {done}/{len(draftable)} 节")
    result = state.findings()
    if result is None:
        st.caption("尚未起草，起草后自动检查")
    else:
        c1, c2 = st.columns(2)
        c1.metric(SEVERITY_LABELS["error"], result.summary.get("error", 0))
        c2.metric(SEVERITY_LABELS["warning"], result.summary.get("warning", 0))
    if state.saved_at:
        st.caption(f":material/cloud_done: {state.saved_at}")


def draft_link(draft_id: str, current) -> str:
    """The app's own address (not the current step's) with the report's id."""
    url = (getattr(st.context, "url", None) or "").split("?")[0].rstrip("/")
    if current.url_path and url.endswith("/" + current.url_path):
        url = url.removesuffix("/" + current.url_path)
    return f"{url}/?draft={draft_id}" if url else f"?draft={draft_id}"
