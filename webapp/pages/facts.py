"""填写事实: the year's facts, section by section — items in the user's words and a table of
figures — each change saved at once; uploads of a facts file or last year's report."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from shuzhi.display import literal_markdown
from shuzhi.facts import facts_from_bytes, parse_facts
from shuzhi.forms import (
    LIST_FIELDS,
    FactsForm,
    IncompleteFacts,
    apply_table_edits,
    facts_fields,
    facts_from_form,
    figure_rows,
)
from shuzhi.readers import REPORT_SUFFIXES, read_document
from shuzhi.session import DraftSession
from webapp import CHANGES, SAMPLE_FACTS
from webapp.errors import attempt
from webapp.model import drafter, where_label
from webapp.state import AppState, app_state, current
from webapp.widgets import initial


def facts_page(state: AppState, session: DraftSession) -> None:
    st.header("填写本年度事实", anchor=False)
    st.caption("按报告的章节填写：每行一条事项，关键数字填在表格里。数字留空，起草时会标为"
               "【待补充】，不会编造。每次修改都会自动保存。")
    imports(state, session)
    if not state.stale:  # also catches edits whose callback did not fire (a table seeded in state)
        save_form(state, session)
    if state.form_note:
        st.warning(literal_markdown(state.form_note), icon=":material/edit:")
    facts, key = session.draft.facts, state.key
    save = {"on_change": save_form, "args": (state, session)}
    with st.container(border=True):
        st.subheader("基本信息", anchor=False)
        c1, c2, c3 = st.columns([2, 1, 1])
        c1.text_input("单位", key=initial(key("unit"), facts.unit), **save)
        c2.text_input("姓名", key=initial(key("person"), facts.person), **save)
        c3.number_input("报告年度", 2000, 2100, step=1, key=initial(key("year"), facts.year), **save)
        c1, c2 = st.columns([2, 1])
        c1.text_input("职务（多个用顿号分隔）", key=initial(key("posts"), "、".join(facts.posts)), **save)
        c2.text_input("成文日期（可选）", key=initial(key("date"), facts.date or ""),
                      placeholder="如：2023年1月10日", **save)
    for number, spec, fields in facts_fields(session.template):
        with st.container(border=True):
            st.markdown(f"#### {literal_markdown(number + spec.heading)}")
            if spec.purpose:
                st.caption(literal_markdown(spec.purpose))
            for field in fields:
                if field.kind == "section":
                    section_form(state, field.id, spec, save)
                else:
                    st.text_area(LIST_FIELDS[field.id] + "（每行一条）", height=100, **save,
                                 key=initial(key("list", field.id), "\n".join(getattr(facts, field.id))))
            if "previous_issues" in spec.facts:
                rectifications(state, session, save)
    if facts.previous_issues and not any("previous_issues" in s.facts for _n, s, _f in facts_fields(session.template)):
        with st.container(border=True):  # read from last year's report; no part of the outline yet
            st.markdown("#### 上年问题整改情况")
            rectifications(state, session, save)


def section_form(state: AppState, sid: str, spec, save: dict) -> None:
    facts = state.session.draft.facts
    c1, c2 = st.columns([3, 2], gap="medium")
    c1.text_area("事项（每行一条，可用 {数字名称} 引用右侧的数字）", height=150, **save,
                 key=initial(state.key("items", sid), "\n".join(facts.section(sid).items)))
    # The editor's base table stays fixed while the user's edits ride on it. Streamlit drops
    # those edits once a page without the editor is shown: the base is then the saved figures
    # again, or coming back would show (and the next save would store) the table as first drawn.
    table, name = state.key("figures", sid), f"figures:{sid}"
    if table not in st.session_state or name not in state.tables:
        state.tables[name] = figure_rows(facts.section(sid).figures, [spec])
    base = state.tables[name]
    # last year's value beside this year's, read from last year's report (not typed here)
    columns = ["name", "value", "unit", "source"] + ["last"] * any(row.get("last") for row in base)
    with c2:
        st.data_editor(
            pd.DataFrame(base, columns=columns, dtype="string"),
            key=table, num_rows="dynamic", width="stretch", hide_index=True, **save,
            disabled=["last"],
            column_config={"name": st.column_config.TextColumn("数字名称", required=True),
                           "value": st.column_config.TextColumn("数值"),
                           "unit": st.column_config.TextColumn("单位", width="small"),
                           "source": st.column_config.TextColumn("来源", disabled=True),
                           "last": st.column_config.TextColumn("上年", width="small",
                                                               help="去年报告中同名数字，只读；起草时可据此写“较上年增加……”")})


def rectifications(state: AppState, session: DraftSession, save: dict) -> None:
    """上年问题: last year's 不足 (read out of last year's report), each with what was done."""
    st.caption("去年报告查摆的问题，逐条填写今年的整改情况；留空的起草时标为【待补充：整改情况】。")
    for index, item in enumerate(session.draft.facts.previous_issues):
        st.markdown(f"**{index + 1}.** {literal_markdown(item.issue)}")
        st.text_area("整改情况", key=initial(state.key("rect", index), item.rectification or ""), height=80, **save)


def form(state: AppState, session: DraftSession) -> FactsForm:
    """The form as it now stands, from its widgets (callbacks run before the page is drawn,
    so a change is saved even when the user clicks straight to another page)."""
    values, facts, key = st.session_state, session.draft.facts, state.key
    shown = [f for _n, _s, fields in facts_fields(session.template) for f in fields]
    return FactsForm(
        unit=values.get(key("unit"), facts.unit), person=values.get(key("person"), facts.person),
        year=values.get(key("year"), facts.year), posts=values.get(key("posts"), "、".join(facts.posts)),
        date=values.get(key("date"), facts.date),
        lists={f.id: values[key("list", f.id)] for f in shown if f.kind == "list" and key("list", f.id) in values},
        sections={f.id: (values[key("items", f.id)],
                         apply_table_edits(state.tables.get(f"figures:{f.id}", []), values.get(key("figures", f.id))))
                  for f in shown if f.kind == "section" and key("items", f.id) in values},
        rectifications={i: values[key("rect", i)] for i in range(len(facts.previous_issues)) if key("rect", i) in values})


def save_form(state: AppState, session: DraftSession) -> None:
    state.form_note = ""
    try:
        facts = facts_from_form(session.draft.facts, form(state, session))
    except IncompleteFacts as exc:  # not an error: the user is still typing
        state.form_note = str(exc)
        return
    with attempt("保存事实"):
        if session.update_facts(facts):
            state.saved()


def imports(state: AppState, session: DraftSession) -> None:
    with st.expander("导入：事实文件、去年的报告或示例", icon=":material/upload_file:"):
        c1, c2 = st.columns(2)
        upload = c1.file_uploader("上传事实文件（YAML 或 JSON）", type=["yaml", "yml", "json"],
                                  key=state.key("facts-upload"))
        if upload is not None and upload.file_id not in state.imported:
            with attempt("导入事实文件"):
                session.update_facts(facts_from_bytes(upload.getvalue(), upload.name))
                state.imported.add(upload.file_id)
                state.refresh_form()
                state.saved("已导入事实文件")
                st.rerun()
        report = c2.file_uploader("上传去年的报告（Word、WPS、PDF 或文本文件），作为起草参考",
                                  type=[s.lstrip(".") for s in REPORT_SUFFIXES], key=state.key("report-upload"))
        if report is not None and report.file_id not in state.imported:
            with attempt("导入去年的报告"):
                document = read_document(report.getvalue(), report.name)
                session.set_previous_report(document.text)
                state.imported.add(report.file_id)
                state.saved("已导入去年的报告")
                for notice in document.notices:  # e.g. 含未接受的修订，已按“接受全部修订”读取
                    c2.info(literal_markdown(notice), icon=":material/info:")
        if SAMPLE_FACTS.is_file() and st.button("载入示例事实（将替换当前填写的内容）"):
            with attempt("载入示例"):
                session.update_facts(parse_facts(SAMPLE_FACTS.read_text(encoding="utf-8"), SAMPLE_FACTS.name))
                state.refresh_form()
                st.rerun()
        if session.draft.previous_report:
            last_year(state, session)


def last_year(state: AppState, session: DraftSession) -> None:
    st.caption("可以直接把去年的报告更新为本年度初稿：保留其结构和语气，内容只取本年度事实；"
               "本年度事实没有提到的去年的句子标为【上年内容，请核对：…】，过时的会议和提法换成本年度的，"
               "去年查摆的问题列入“上年问题整改情况”。已锁定的章节不变。")
    choice = state.model if state.model is not None and state.model.ready else None
    b1, b2 = st.columns([2, 3], vertical_alignment="center")
    b2.caption(where_label(choice))
    if b1.button("按去年的报告起草本年度初稿", type="primary", key="update-from-report"):
        with attempt("按去年的报告起草"), st.spinner("正在按本年度事实更新去年的报告…"):
            flags = session.update_from_previous_report(drafter(choice) if choice else None)
            state.refresh_form()
            state.saved()
            state.note("success", f"已按去年的报告起草本年度初稿，有 {len(flags)} 处句子需要核对，"
                                  "可与去年的报告逐节对照。")
            st.switch_page(CHANGES.script, query_params={"draft": session.draft.id})
    st.caption(f"已保存去年的报告（{len(session.draft.previous_report)} 字）：")
    st.text_area("去年的报告", session.draft.previous_report, height=160, disabled=True, label_visibility="collapsed")


facts_page(app_state(), current())
