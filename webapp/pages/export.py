"""导出: the report as .txt, .md or .docx, with its length and what is still to fix."""

from __future__ import annotations

import streamlit as st

from shuzhi.reading import length_of
from shuzhi.session import DraftSession, export_formats
from webapp import REPORT
from webapp.errors import attempt
from webapp.state import AppState, app_state, current

LABELS = {"txt": "下载文本（.txt）", "md": "下载 Markdown（.md）", "docx": "下载 Word（.docx）"}


def export_page(state: AppState, session: DraftSession) -> None:
    st.header("导出", anchor=False)
    draft = session.draft
    if not any(s.text for s in draft.sections):
        st.info("还没有起草的内容。请先到“起草”页起草全文。")
        return
    result = state.findings()
    if result and result.summary.get("error", 0):
        st.warning(f"还有 {result.summary['error']} 处错误未处理，建议修改后再提交。", icon=":material/error:")
    formats = export_formats()
    main_format = "docx" if "docx" in formats else "txt"  # what most units hand in
    for column, fmt in zip(st.columns(3), formats):
        with column, attempt("导出"):
            out = session.export(fmt)
            st.download_button(LABELS[fmt], out.data, file_name=out.filename, mime=out.mime,
                               key=state.key("download", fmt), width="stretch",
                               type="primary" if fmt == main_format else "secondary")
    if "docx" not in formats:
        st.caption("Word 导出暂不可用。")
    st.caption(length_of(draft, session.template).text())
    st.page_link(REPORT.script, label="通读全文（可逐节修改）", icon=":material/article:", query_params={"draft": draft.id})

export_page(app_state(), current())
