"""新建或打开: a new report from a template (or from the sample facts), or a saved one by its
link. The only page shown while no report is open."""

from __future__ import annotations

import streamlit as st

from shuzhi.display import STATUS_LABELS, literal_markdown
from shuzhi.facts import parse_facts
from shuzhi.forms import default_report_year, new_facts
from shuzhi.session import DraftSession, draft_id_from, drafts_listed, listed_drafts
from shuzhi.store import Store
from shuzhi.templates import DEFAULT_TEMPLATE, list_templates
from webapp import SAMPLE_FACTS
from webapp.errors import attempt
from webapp.state import AppState, app_state


def start(state: AppState) -> None:
    st.title("述职助手", anchor=False)
    st.markdown("收集本年度工作事实，按模板起草述职报告，逐节修改，自动检查占位符、过时提法和"
                "规范表述，最后导出可以提交的文件。")
    left, right = st.columns([3, 2], gap="large")
    with left, st.container(border=True):
        new_report(state)
    with right:
        saved_reports(state)


def new_report(state: AppState) -> None:
    st.subheader("新建报告", anchor=False)
    # the sample's type first: the one a first-time user is most likely to want
    templates = {t.id: t.name for t in sorted(list_templates(), key=lambda t: t.id != DEFAULT_TEMPLATE)}
    if not templates:
        st.error("没有找到可用的报告模板（prompts/ 目录为空或 SHUZHI_TEMPLATES 设置有误）。")
        return
    with st.form("new-report"):
        template_id = st.selectbox("报告模板", list(templates), format_func=templates.get)
        c1, c2 = st.columns(2)
        year = c1.number_input("报告年度", min_value=2000, max_value=2100, value=default_report_year(), step=1)
        person = c2.text_input("姓名", placeholder="如：张三")
        unit = st.text_input("单位", placeholder="如：某某大学图书与信息服务中心")
        posts = st.text_input("职务（可选，多个用顿号分隔）", placeholder="如：党支部书记")
        submitted = st.form_submit_button("创建报告", type="primary", width="stretch")
    if submitted:
        with attempt("创建报告"):
            facts = new_facts(template_id, year, unit, person, posts)
            state.open(DraftSession.new(facts, template_id, Store(), owner=state.owner))
            st.rerun()
    if SAMPLE_FACTS.is_file() and st.button("用示例事实体验（2022 年样例）", width="stretch"):
        with attempt("载入示例"):
            facts = parse_facts(SAMPLE_FACTS.read_text(encoding="utf-8"), SAMPLE_FACTS.name)
            state.open(DraftSession.new(facts, store=Store(), owner=state.owner))
            st.rerun()


def saved_reports(state: AppState) -> None:
    st.subheader("打开已保存的报告", anchor=False)
    with st.form("open-link", border=False):
        c1, c2 = st.columns([4, 1], vertical_alignment="bottom")
        link = c1.text_input("报告链接或编号", placeholder="粘贴收藏的链接（…?draft=…）")
        if c2.form_submit_button("打开") and link.strip():
            with attempt("打开草稿"):
                state.open(DraftSession.open(draft_id_from(link), Store(), owner=state.owner))
                st.rerun()
    if not drafts_listed() and state.owner is None:
        st.caption("为保护各人的草稿，这里只列出本次在此浏览器中新建或打开的报告；"
                   "其他报告请用收藏的链接打开。")
    with attempt("读取草稿列表"):
        drafts = listed_drafts(Store(), state.owner, state.opened)
        if not drafts and (drafts_listed() or state.owner is not None):
            st.info("还没有保存的报告。新建一份后，每一步都会自动保存。")
        for item in drafts:
            with st.container(border=True):
                c1, c2 = st.columns([4, 1], vertical_alignment="center")
                c1.markdown(f"**{literal_markdown(item.title)}**  \n"
                            f"{literal_markdown(f'{item.unit} · {item.person}')}")
                c1.caption(f"{STATUS_LABELS.get(item.status, item.status)} · "
                           f"更新于 {item.updated.astimezone().strftime('%Y-%m-%d %H:%M')}")
                if c2.button("打开", key=f"open:{item.id}"):
                    state.open(DraftSession.open(item.id, Store(), owner=state.owner))
                    st.rerun()


start(app_state())
