"""导入工作记录: the year's records (台账, 总结, 会议记录, 统计表) read into suggestions —
figures and items, each with its section and where it was found — that the user accepts or
rejects one by one before they enter the facts form. The work is ``shuzhi.extract``'s."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from shuzhi.display import literal_markdown
from shuzhi.extract import extract
from shuzhi.extract.merge import merge
from shuzhi.extract.records import RECORD_SUFFIXES, record_from_bytes
from shuzhi.extract.suggestions import Suggestions, accepted, accepted_sections, section_names, suggestion_rows
from shuzhi.session import DraftSession
from webapp.errors import attempt
from webapp.model import where_label
from webapp.state import AppState, app_state, current
from webapp.widgets import show_notes

UNPLACED = "（请选择章节）"
KEY = "records"  # this page's own state: the suggestions waiting for the user's choice
# (a library class: this script runs anew each time, a class defined here would be a new one)


def records_page(state: AppState, session: DraftSession) -> None:
    st.header("导入工作记录", anchor=False)
    show_notes(state)
    st.caption("上传本年度的工作台账、月度总结、会议记录或重点指标统计表，从中摘录数字和事项，"
               "按报告章节归类，并注明每个数字的出处。逐条确认后才会加入“填写事实”，不会覆盖已填写的内容。")
    uploads = st.file_uploader("工作记录（可多选）", type=[s.lstrip(".") for s in RECORD_SUFFIXES],
                               accept_multiple_files=True, key=state.key("records-upload"))
    choice = state.model if state.model is not None and state.model.ready else None
    use_model = False
    if choice is not None:
        use_model = st.checkbox(f"用模型摘录（{where_label(choice)}；模型给出的每个数字都须在原文中找到，否则舍弃）")
    if st.button("摘录", type="primary", disabled=not uploads):
        with attempt("摘录工作记录"), st.spinner("正在读取和摘录……"):
            st.session_state[KEY] = _extract(session, uploads, choice if use_model else None)
    suggestions = st.session_state.get(KEY)
    if isinstance(suggestions, Suggestions) and suggestions.draft_id == session.draft.id:
        review(state, session, suggestions)


def _extract(session: DraftSession, uploads, choice) -> Suggestions:
    records = [record_from_bytes(upload.getvalue(), upload.name) for upload in uploads]
    model = None
    if choice is not None:
        from shuzhi.config import visitor_model_config

        model = visitor_model_config(provider=choice.provider, base_url=choice.base_url, model=choice.model,
                                     api_key=choice.api_key)
    extraction = extract(records, session.template, year=session.draft.facts.year, model=model,
                         mask=bool(choice and choice.mask))
    return Suggestions(session.draft.id, extraction, suggestion_rows(extraction, session.template),
                       [r.name for r in records])


def review(state: AppState, session: DraftSession, suggestions: Suggestions) -> None:
    extraction = suggestions.extraction
    for notice in extraction.notices:
        st.info(literal_markdown(notice), icon=":material/info:")
    for dropped in extraction.dropped:
        st.warning(literal_markdown(f"已舍弃：{dropped.name} {dropped.value}（{dropped.reason}）"),
                   icon=":material/block:")
    if not suggestions.rows:
        st.warning("没有从这些记录中摘录到数字或事项。", icon=":material/search_off:")
        return
    figures = sum(1 for r in suggestions.rows if r["kind"] == "数字")
    st.subheader(f"摘录结果：{figures} 个数字、{len(suggestions.rows) - figures} 条事项", anchor=False)
    st.caption("勾选“采用”的条目会加入事实；“章节”可以改；未能归类的条目请选定章节后再采用。")
    headings = [UNPLACED, *section_names(session.template).values()]
    rows = [{**row, "section": row["section"] or UNPLACED} for row in suggestions.rows]
    edited = st.data_editor(
        pd.DataFrame(rows), key=f"{KEY}-table-{id(extraction)}", hide_index=True, width="stretch",
        column_order=["accept", "kind", "text", "value", "source", "section"],
        column_config={"accept": st.column_config.CheckboxColumn("采用", width="small"),
                       "kind": st.column_config.TextColumn("类型", disabled=True, width="small"),
                       "text": st.column_config.TextColumn("内容", disabled=True, width="medium"),
                       "value": st.column_config.TextColumn("数值", disabled=True, width="small"),
                       "source": st.column_config.TextColumn("来源", disabled=True, width="medium"),
                       "section": st.column_config.SelectboxColumn("章节", options=headings, width="medium")})
    c1, c2 = st.columns([1, 1])
    if c1.button("把采用的条目加入事实", type="primary"):
        with attempt("加入事实"):
            rows = edited.to_dict("records")
            chosen = accepted_sections(extraction, rows, session.template)
            facts, conflicts = merge(session.draft.facts, chosen)
            if session.update_facts(facts):
                state.refresh_form()
                taken = sum(1 for r in rows if accepted(r) and r.get("section"))
                note = f"已加入事实：{taken} 条（来自 {'、'.join(suggestions.files)}）"
                if conflicts:
                    note += "；以下数字与已填写的不同，保留了已填写的值：" + "；".join(c.describe() for c in conflicts)
                state.saved("已加入事实")
                state.note("warning" if conflicts else "success", literal_markdown(note))
                del st.session_state[KEY]
                st.rerun()
    if c2.button("全部放弃"):
        del st.session_state[KEY]
        st.rerun()


state, session = app_state(), current()
records_page(state, session)
