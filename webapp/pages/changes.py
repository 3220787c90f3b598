"""对照去年: per section, last year's text beside this year's draft, with this year's sentences
that are still last year's highlighted, the sentences to check (with their line in the
report) and how many of last year's sentences are still in the draft (``shuzhi.update``)."""

from __future__ import annotations

import streamlit as st

from shuzhi.display import literal_markdown
from shuzhi.session import DraftSession
from shuzhi.update import compare, flags
from webapp import REVIEW
from webapp.errors import attempt
from webapp.state import AppState, app_state, current
from webapp.widgets import show_notes


def highlighted(text: str, old: list[str]) -> str:
    """This year's text as literal Markdown, the sentences still last year's on a violet ground."""
    lines = []
    for paragraph in text.split("\n"):
        shown = literal_markdown(paragraph)
        for sentence in sorted(set(old), key=len, reverse=True):
            escaped = literal_markdown(sentence)
            if escaped and escaped in shown:
                shown = shown.replace(escaped, f":violet-background[{escaped}]")
        lines.append(shown)
    return "\n\n".join(line for line in lines if line)


def changes_page(state: AppState, session: DraftSession) -> None:
    st.header("对照去年的报告", anchor=False)
    show_notes(state)
    draft = session.draft
    if not draft.previous_report:
        st.info("还没有上传去年的报告。可在“填写事实”页上传去年的报告，并按它起草本年度初稿。")
        return
    with attempt("对照去年的报告"):
        changes, found = compare(draft), flags(draft)
        still = sum(c.still for c in changes)
        c1, c2, c3 = st.columns(3)
        c1.metric("稿中仍是上年的句子", f"{still} 句")
        c2.metric("需核对", f"{len(found)} 处")
        c3.metric("上年问题", f"{len(draft.facts.previous_issues)} 条")
        st.caption("左为去年的报告，右为本年度稿；右侧紫色底的句子仍是去年的（含【上年内容，请核对：…】），"
                   "请核对后改写或删除。修改请到“修改与检查”页。")
        for change in changes:
            with st.container(border=True, key=f"change-{change.section_id}"):
                st.markdown(f"#### {literal_markdown(change.heading)}")
                left, right = st.columns(2, gap="medium")
                left.caption("去年")
                left.markdown(literal_markdown(change.last) if change.last else "（去年没有这一部分）")
                right.caption(f"今年 · 仍是上年的句子 {change.still} 句")
                right.markdown(highlighted(change.now, change.from_last_year) or "（尚未起草）")
                for flag in (f for f in found if f.section_id == change.section_id):
                    st.markdown(f":violet[:material/history_edu:] 第{flag.line}行 需核对（{flag.reason}）· "
                                f"{literal_markdown(flag.sentence[:80])}")
        if st.button("去修改", key="changes-to-review"):
            st.switch_page(REVIEW.script, query_params={"draft": draft.id})


changes_page(app_state(), current())
