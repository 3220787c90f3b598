"""修改与检查: each section's text to edit, lock, rewrite with an instruction or restore from
an earlier version, beside the checker's findings for it, with one-click fixes."""

from __future__ import annotations

import streamlit as st

from shuzhi.display import SEVERITY_LABELS, STATUS_LABELS, literal_markdown, source_label
from shuzhi.forms import has_own_text
from shuzhi.session import QUICK_INSTRUCTIONS, CheckResult, DraftSession, fixable
from webapp.errors import act, attempt
from webapp.model import where_label
from webapp.progress import follow_regeneration
from webapp.state import AppState, app_state, current
from webapp.widgets import initial, show_notes

ICONS = {"error": ":red[:material/error:]", "warning": ":orange[:material/warning:]", "info": ":blue[:material/info:]"}


def review_page(state: AppState, session: DraftSession) -> None:
    st.header("修改与检查", anchor=False)
    show_notes(state)
    result = state.findings()
    if result is None:
        st.info("还没有起草的内容。请先到“起草”页起草全文。")
        return
    document_findings(state, result)
    specs = {spec.id: spec for spec in session.template.walk()}
    for section in session.draft.sections:
        spec = specs.get(section.id)
        if spec is None:
            continue
        if not has_own_text(spec):
            st.subheader(literal_markdown(section.heading_line), anchor=False)
            continue
        section_card(state, section, result)


def document_findings(state: AppState, result: CheckResult) -> None:
    errors = result.summary.get("error", 0)
    if errors:
        st.warning(f"检查发现 {errors} 处错误、{result.summary.get('warning', 0)} 处提醒，"
                   "详见各节右侧。", icon=":material/fact_check:")
    elif result.findings:
        st.warning(f"没有错误，有 {len(result.findings)} 处提醒或提示，详见各节右侧。", icon=":material/fact_check:")
    else:
        st.success("检查通过：未发现问题。", icon=":material/check_circle:")
    overall = result.for_section(None)
    if overall:
        with st.container(border=True):
            st.markdown("**全文**")
            for placed in overall:
                finding_line(state, placed, f"doc:{result.findings.index(placed)}")


def section_card(state: AppState, section, result: CheckResult) -> None:
    session, key = state.session, state.key
    with st.container(border=True):
        title, status, lock = st.columns([6, 1.2, 1.3], vertical_alignment="center")
        title.markdown(f"#### {literal_markdown(section.heading_line or '导语')}")
        status.caption(":material/lock: 已锁定" if section.locked else STATUS_LABELS.get(section.status, ""))
        lock.toggle("锁定", value=section.locked, key=key("lock", section.id, section.locked),
                    help="锁定后，“全部重新起草”不会改动本节", on_change=act,
                    args=("锁定", lambda: session.set_locked(section.id, not section.locked)))
        if section.error:
            st.error(literal_markdown(section.error))
        text_col, find_col = st.columns([3, 2], gap="medium")
        with text_col:
            widget = key("text", section.id, len(section.versions))
            st.text_area("正文", key=initial(widget, section.text), height=text_height(section.text),
                         label_visibility="collapsed", disabled=section.locked, on_change=act,
                         args=("保存修改", lambda: session.edit(section.id, st.session_state[widget])))
            actions(state, section)
        with find_col:
            for flag in [f for f in session.flags if f.section_id == section.id]:
                st.markdown(f":violet[:material/history_edu:] 需核对（{flag.reason}）· "
                            f"{literal_markdown(flag.sentence[:80])}")
                st.caption(literal_markdown(flag.detail))
            findings = result.for_section(section.id)
            if not findings:
                st.caption(":material/check_circle: 本节未发现问题")
            for placed in findings:
                finding_line(state, placed, f"{section.id}:{result.findings.index(placed)}")


def text_height(text: str) -> int:
    """Tall enough for the text (about 40 characters a line at this width), within reason."""
    lines = sum(len(p) // 40 + 1 for p in text.split("\n")) if text else 3
    return max(120, min(520, 30 * lines + 30))


def actions(state: AppState, section) -> None:
    c1, c2 = st.columns(2)
    with c1.popover("按指令重写", icon=":material/auto_awesome:", disabled=section.locked, width="stretch"):
        rewrite(state, section)
    with c2.popover(f"历史版本（{len(section.versions)}）", icon=":material/history:", width="stretch"):
        versions(state, section)


def rewrite(state: AppState, section) -> None:
    key = state.key
    quick = st.pills("常用指令", QUICK_INSTRUCTIONS, key=key("quick", section.id))
    free = st.text_input("或输入您的要求", key=key("instruction", section.id),
                         placeholder="如：增加服务师生的具体事例")
    if state.model is None:
        st.caption("当前为离线起草，不会按指令改写；在“起草”页选择大模型后可按指令重写。")
    clicked = st.button("重新生成本节", key=key("regen", section.id), type="primary")
    st.caption(where_label(state.model))
    if clicked:
        instruction = "；".join(p for p in (quick, free.strip()) if p)
        with attempt("重新生成"):
            follow_regeneration(state, section.id, instruction, st.empty())  # a job: survives leaving
            state.saved()
            st.rerun()


def versions(state: AppState, section) -> None:
    if not section.versions:
        st.caption("暂无版本")
    for index in reversed(range(len(section.versions))):
        version = section.versions[index]
        label = f"第{index + 1}版 · {source_label(version.source)}"
        if version.instruction:
            label += f" · {version.instruction}"
        st.markdown(f"**{literal_markdown(label)}**")
        st.caption(version.created.astimezone().strftime("%Y-%m-%d %H:%M:%S"))
        st.markdown(literal_markdown(version.text[:400] + ("…" if len(version.text) > 400 else "")))
        if index != len(section.versions) - 1 and st.button(
                "恢复此版", key=state.key("restore", section.id, index), disabled=section.locked):
            with attempt("恢复版本"):
                state.session.restore(section.id, index)
                state.saved()
                st.rerun()
        st.divider()


def finding_line(state: AppState, placed, widget_id: str) -> None:
    finding = placed.finding
    where = f"第{placed.paragraph + 1}段" if placed.paragraph is not None else (
        "标题" if placed.section_id is None and finding.line else "")
    if finding.line:  # the line number `shuzhi check` prints for the exported .txt
        where = f"{where}（全文第{finding.line}行）" if where else f"全文第{finding.line}行"
    head = f"{ICONS.get(finding.severity, '')} {SEVERITY_LABELS.get(finding.severity, finding.severity)}"
    body = f"{finding.message}" + (f"：“{finding.text}”" if finding.text and finding.line else "")
    st.markdown(f"{head} · {literal_markdown(body)}" + (f" · {where}" if where else ""))
    if fixable(finding) and placed.paragraph is not None:
        c1, c2 = st.columns([3, 1], vertical_alignment="center")
        c1.caption(literal_markdown(f"建议改为：{finding.suggestion or '（删除）'}"))
        locked = state.session.draft.section(placed.section_id).locked
        if c2.button("修正", key=state.key("fix", widget_id), disabled=locked):
            with attempt("修正"):
                state.session.apply_fix(placed)
                state.saved()
                st.rerun()
    elif getattr(finding, "basis", None) and finding.basis not in finding.message:
        st.caption(literal_markdown(f"依据：{finding.basis}"))


review_page(app_state(), current())
