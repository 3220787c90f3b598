"""审阅提纲: the report's sections before drafting — renamed, reordered, dropped or added in a
table, or back to the template's own outline."""

from __future__ import annotations

import streamlit as st

from shuzhi.display import literal_markdown
from shuzhi.forms import ordered_rows, outline_rows, outline_table
from shuzhi.session import DraftSession
from shuzhi.templates import load_template
from webapp.errors import attempt
from webapp.state import AppState, app_state, current


def outline_page(state: AppState, session: DraftSession) -> None:
    st.header("审阅提纲", anchor=False)
    st.caption("起草前可调整章节：改标题、改顺序（修改“顺序”列）、删去（清空标题或删除该行）、"
               "新增（在表格末尾添加一行）。层级 1 为“一、”，层级 2 为“（一）”。不调整也可以直接起草。")
    left, right = st.columns([3, 2], gap="large")
    base = state.tables.setdefault("outline", outline_table(session.template))
    with left:
        rows = st.data_editor(
            base, key=state.key("outline"), num_rows="dynamic", hide_index=True,
            width="stretch", column_order=["order", "level", "heading"],
            column_config={"order": st.column_config.NumberColumn("顺序", min_value=0, step=1, width="small"),
                           "level": st.column_config.SelectboxColumn("层级", options=[1, 2], width="small"),
                           "heading": st.column_config.TextColumn("章节标题", width="large")})
        c1, c2 = st.columns(2)
        if c1.button("应用提纲", type="primary", width="stretch"):
            with attempt("应用提纲"):
                session.set_outline(ordered_rows(base, rows))
                state.refresh_form()
                state.saved("提纲已保存")
                st.rerun()
        if session.draft.outline and c2.button("恢复模板原有提纲", width="stretch"):
            with attempt("恢复提纲"):
                session.set_outline(outline_rows(load_template(session.draft.template)))
                state.refresh_form()
                st.rerun()
    with right, st.container(border=True):
        st.markdown("**当前提纲**")
        lines = [("　" * max(0, level - 1)) + number + spec.heading
                 for number, level, spec in session.template.walk_numbered()[1:]]
        st.markdown(literal_markdown("\n".join([session.draft.title] + lines)))


outline_page(app_state(), current())
