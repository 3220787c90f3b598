"""Small pieces several pages draw: seeded widgets, the notes left by the last action, and
the offer to load a report another window changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from webapp.errors import attempt
from webapp.state import AppState

ICONS = {"success": ":material/check_circle:", "warning": ":material/warning:", "error": ":material/error:"}


def initial(widget_key: str, value: Any) -> str:
    """Seed a keyed widget once; afterwards the widget owns its value."""
    if widget_key not in st.session_state:
        st.session_state[widget_key] = value
    return widget_key


def show_notes(state: AppState) -> None:
    """What the last action left to say (its text already made literal where it quotes the user)."""
    while state.notes:
        kind, message = state.notes.pop(0)
        getattr(st, kind)(message, icon=ICONS[kind])


def stale_notice(state: AppState) -> None:
    """After a refused save: the user copies what they typed, then loads the newer text."""
    c1, c2 = st.columns([4, 1], vertical_alignment="center")
    c1.warning("这份报告已在其他窗口中修改。您刚才的修改仍留在输入框中，请先复制，再载入最新内容。",
               icon=":material/sync_problem:")
    if c2.button("载入最新内容", key="reload", width="stretch"):
        with attempt("载入最新内容"):
            state.session.reload()
            state.stale = False
            state.checked = None
            state.refresh_form()
            st.rerun()


# -- a section to read, its findings marked ----------------------------------------------------

READING_CSS = """
.reading {font-size: 1rem; line-height: 1.9; color: inherit;}
.reading .para {display: flex; gap: .6rem; margin: 0 0 .5rem 0;}
.reading .no {flex: 0 0 1.8rem; text-align: right; color: #8a8f98; font-size: .8rem; padding-top: .25rem;}
.reading p {margin: 0; white-space: pre-wrap; word-break: break-word;}
.reading mark {padding: 0 .1rem; border-radius: .2rem; cursor: help;}
.reading mark.error {background: #ffd6d6; box-shadow: inset 0 -2px #e5484d;}
.reading mark.warning {background: #ffecc2; box-shadow: inset 0 -2px #f0a000;}
.reading mark.info {background: #dbeafe; box-shadow: inset 0 -2px #3b82f6;}
"""


def read_view(section, found: list) -> None:
    """The section's paragraphs, numbered as findings name them ("第N段"), each finding's text
    marked (hover: the message). Our own HTML: every character of the text is escaped."""
    from shuzhi.display import SEVERITY_LABELS
    from shuzhi.reading import marked_html

    marks: dict[int, list] = {}
    for item in found:
        if item.paragraph is not None and item.span is not None:
            severity = item.finding.severity
            title = f"{SEVERITY_LABELS.get(severity, severity)}：{item.message}"
            marks.setdefault(item.paragraph, []).append((*item.span, title, severity))
    rows = "".join(f'<div class="para"><span class="no">{n}</span><p>{marked_html(text, marks.get(n, []))}</p></div>'
                   for n, (_, text) in enumerate(section.paragraphs(), 1))
    st.html(f"<style>{READING_CSS}</style><div class='reading'>{rows or '<p>（本节暂无正文）</p>'}</div>")


# -- the next step, and the app's chrome in Chinese --------------------------------------------

def next_step_button(title: str) -> None:
    """At the foot of a report's page: the step that follows it."""
    from webapp import next_step

    step = next_step(title)
    if step is None:
        return
    st.divider()
    if st.button(f"下一步：{step.title}", icon=":material/arrow_forward:", key="next-step", type="primary"):
        st.switch_page(step.script)


STATIC = Path(__file__).resolve().parents[1] / "static"


def chrome() -> None:
    """Streamlit's own English (input hints, the uploader, table tools, the connection dialog,
    the status widget) replaced by Chinese through CSS, since Streamlit has no language
    setting; and typed text committed when the tab is hidden or closed (``commit-on-leave.js``)."""
    limit = st.get_option("server.maxUploadSize")
    css = (STATIC / "zh.css").read_text(encoding="utf-8").replace("__MAX_UPLOAD__", f"{limit}MB")
    st.html(f"<style>{css}</style>")
    with st.container(key="commit-on-leave"):  # hidden by zh.css; its script still runs
        st.iframe(f"<script>{(STATIC / 'commit-on-leave.js').read_text(encoding='utf-8')}</script>", height=1)
