"""通读全文: the whole report on one page as it will be read out — its length and reading time
against the target, each section to read with its findings marked or to edit in place — and
any two versions of a section compared."""

from __future__ import annotations

import streamlit as st

from shuzhi.compare import diff
from shuzhi.display import literal_markdown, source_label
from shuzhi.forms import has_own_text
from shuzhi.reading import length_of
from shuzhi.review import by_section, items
from shuzhi.session import DraftSession
from webapp.errors import act
from webapp.state import AppState, app_state, current
from webapp.widgets import initial, read_view, show_notes

DIFF_CSS = """
.diff p {margin: 0 0 .5rem 0; line-height: 1.9; white-space: pre-wrap; word-break: break-word;}
.diff del {background: #ffd6d6; color: #8b1a1a;}
.diff ins {background: #d3f5d9; color: #0f5132; text-decoration: none;}
"""


def report_page(state: AppState, session: DraftSession) -> None:
    st.header("通读全文", anchor=False)
    show_notes(state)
    draft = session.draft
    if not any(s.text for s in draft.sections):
        st.info("还没有起草的内容。请先到“起草”页起草全文。")
        return
    length_figures(session)
    result = state.findings()
    found = by_section(items(draft, result.findings)) if result else {}
    st.markdown(f"### {literal_markdown(draft.title)}")
    specs = {spec.id: spec for spec in session.template.walk()}
    for section in draft.sections:
        spec = specs.get(section.id)
        if spec is None:
            continue
        if section.heading_line:
            st.markdown(f"**{literal_markdown(section.heading_line)}**")
        if has_own_text(spec):
            section_block(state, section, found.get(section.id, []))
    with st.expander("版本对比", icon=":material/difference:"):
        compare(state, session)


def length_figures(session: DraftSession) -> None:
    length = length_of(session.draft, session.template)
    low, high = length.target
    c1, c2, c3 = st.columns(3)
    c1.metric("全文字数", f"{length.chars:,}")
    c2.metric("朗读时长", f"约 {length.minutes:.1f} 分钟")
    c3.metric("目标", f"{low:,}–{high:,} 字")
    st.progress(min(1.0, length.chars / max(1, high)), text=length.text())


def section_block(state: AppState, section, found: list) -> None:
    editing = st.toggle("编辑本节", key=state.key("report-edit", section.id), disabled=section.locked,
                        help="已锁定的章节不能编辑" if section.locked else None)
    if not editing:
        read_view(section, found)
        return
    widget = state.key("report-text", section.id, len(section.versions))
    st.text_area(f"编辑：{section.heading_line or '导语'}", key=initial(widget, section.text),
                 height=max(160, min(480, 28 * (len(section.text) // 40 + 2))), label_visibility="collapsed",
                 on_change=act, args=("保存修改", lambda: state.session.edit(section.id, st.session_state[widget])))
    st.caption("改完点击框外任意处即自动保存（记为新版本）；关闭页面前请先点击框外。")


def compare(state: AppState, session: DraftSession) -> None:
    sections = [s for s in session.draft.sections if len(s.versions) > 1]
    if not sections:
        st.caption("还没有哪一节有两个以上的版本。修改或重新生成后，可在这里逐字对比。")
        return
    names = {s.id: s.heading_line or "导语" for s in sections}
    chosen = st.selectbox("章节", list(names), format_func=names.get, key=state.key("diff-section"))
    section = session.draft.section(chosen)
    labels = [f"第{n + 1}版 · {source_label(v.source)}" for n, v in enumerate(section.versions)]
    last = len(labels) - 1
    c1, c2 = st.columns(2)
    old = c1.selectbox("较早版本", range(len(labels)), index=last - 1, format_func=labels.__getitem__,
                       key=state.key("diff-old", chosen, len(labels)))
    new = c2.selectbox("较新版本", range(len(labels)), index=last, format_func=labels.__getitem__,
                       key=state.key("diff-new", chosen, len(labels)))
    result = diff(section.versions[old].text, section.versions[new].text)
    st.caption(f"{labels[old]} → {labels[new]}：{result.summary()}（红色为删去，绿色为新增）")
    st.html(f"<style>{DIFF_CSS}</style><div class='diff'>{result.html}</div>")


report_page(app_state(), current())
