"""修改与检查: each section read with the checker's findings marked, or edited, locked,
rewritten with an instruction or restored from an earlier version; findings filtered by
severity, grouped by section or by rule, fixed one by one or all at once; a section drafted
from facts that changed since is marked 与事实不一致, with 重新起草本节."""

from __future__ import annotations

import streamlit as st

from shuzhi.display import RULE_LABELS, SEVERITY_LABELS, STATUS_LABELS, literal_markdown, source_label
from shuzhi.forms import has_own_text
from shuzhi.freshness import Mismatch, mismatches
from shuzhi.review import Item, by_rule, by_section, filtered, items, public_text, unflagged
from shuzhi.session import QUICK_INSTRUCTIONS, CheckResult, DraftSession
from webapp.errors import act, attempt
from webapp.model import where_label
from webapp.progress import follow_regeneration
from webapp.state import AppState, app_state, current
from webapp.widgets import initial, read_view, show_notes

ICONS = {"error": ":red[:material/error:]", "warning": ":orange[:material/warning:]", "info": ":blue[:material/info:]"}
BY_SECTION, BY_RULE = "按章节", "按规则"


def review_page(state: AppState, session: DraftSession) -> None:
    st.header("修改与检查", anchor=False)
    show_notes(state)
    result = state.findings()
    if result is None:
        st.info("还没有起草的内容。请先到“起草”页起草全文。")
        return
    stale = {m.section_id: m for m in mismatches(session.draft, session.template)}
    summary(result, stale, session)
    shown, grouping = controls(state, items(session.draft, result.findings))
    if grouping == BY_RULE:
        rule_groups(state, shown)
    groups = by_section(shown)
    overall = groups.get(None, [])
    if overall and grouping == BY_SECTION:
        with st.container(border=True):
            st.markdown("**全文**")
            for item in overall:
                finding_line(state, item)
    specs = {spec.id: spec for spec in session.template.walk()}
    for section in session.draft.sections:
        spec = specs.get(section.id)
        if spec is None:
            continue
        if not has_own_text(spec):
            st.subheader(literal_markdown(section.heading_line), anchor=False)
            continue
        section_card(state, section, groups.get(section.id, []), stale.get(section.id), grouping == BY_SECTION)


def summary(result: CheckResult, stale: dict[str, Mismatch], session: DraftSession) -> None:
    errors, warnings = result.summary.get("error", 0), result.summary.get("warning", 0)
    if errors:
        st.warning(f"检查发现 {errors} 处{SEVERITY_LABELS['error']}、{warnings} 处{SEVERITY_LABELS['warning']}。",
                   icon=":material/fact_check:")
    elif result.findings:
        st.warning(f"没有{SEVERITY_LABELS['error']}，有 {len(result.findings)} 处{SEVERITY_LABELS['warning']}"
                   f"或{SEVERITY_LABELS['info']}。", icon=":material/fact_check:")
    elif not stale:
        st.success("检查通过：未发现问题。", icon=":material/check_circle:")
    if stale:
        names = "、".join(session.draft.section(i).heading_line or "导语" for i in stale)
        st.warning(literal_markdown(f"{len(stale)} 节与事实不一致（起草后事实有改动）：{names}。请重新起草或核对这些章节。"),
                 icon=":material/sync_problem:")


def controls(state: AppState, found: list[Item]) -> tuple[list[Item], str]:
    """The severity filter, the grouping and 全部修正; returns the findings shown and the grouping."""
    key = state.key
    c1, c2, c3 = st.columns([2.2, 1.4, 1.4], vertical_alignment="bottom")
    chosen = c1.pills("显示", list(SEVERITY_LABELS), format_func=SEVERITY_LABELS.get, selection_mode="multi",
                      default=list(SEVERITY_LABELS), key=key("severity"))
    grouping = c2.segmented_control("分组", [BY_SECTION, BY_RULE], default=BY_SECTION, key=key("grouping"))
    shown = filtered(found, chosen or [])
    fixes = fixable(state, shown)
    if c3.button(f"全部修正（{len(fixes)} 处）", key=key("fix-all"), disabled=not fixes, width="stretch",
                 type="primary" if fixes else "secondary", help="按建议修正下列所有可自动修正的问题（锁定的章节除外）"):
        fix_all(state, fixes)
    if len(shown) < len(found):
        st.caption(f"已按严重程度筛选：显示 {len(shown)} / {len(found)} 处")
    return shown, grouping or BY_SECTION


def fixable(state: AppState, found: list[Item]) -> list[Item]:
    draft = state.session.draft
    return [i for i in found if i.fixable and not draft.section(i.section_id).locked]


def fix_all(state: AppState, fixes: list[Item]) -> None:
    with attempt("全部修正"):
        changed = state.session.apply_all_fixes([i.placed for i in fixes])
        state.note("success", f"已按建议修正 {len(fixes)} 处，涉及 {changed} 节；每节的修改记为一个新版本，"
                              "可在“历史版本”中恢复。")
        state.saved()
        st.rerun()


def rule_groups(state: AppState, shown: list[Item]) -> None:
    groups = by_rule(shown)
    if not groups:
        st.caption(":material/check_circle: 没有符合筛选条件的问题")
    draft = state.session.draft
    for rule, group in groups.items():
        fixes = fixable(state, group)
        with st.expander(f"{RULE_LABELS.get(rule, rule)}（{len(group)} 处）", expanded=len(groups) == 1):
            if fixes and st.button(f"修正本类 {len(fixes)} 处", key=state.key("fix-rule", rule)):
                fix_all(state, fixes)
            for item in group:
                heading = draft.section(item.section_id).heading_line or "导语" if item.section_id else "全文"
                st.caption(literal_markdown(heading))
                finding_line(state, item)


def section_card(state: AppState, section, found: list[Item], mismatch: Mismatch | None, with_findings: bool) -> None:
    session, key = state.session, state.key
    with st.container(border=True):
        title, status, lock = st.columns([6, 1.2, 1.3], vertical_alignment="center")
        title.markdown(f"#### {literal_markdown(section.heading_line or '导语')}")
        status.caption(":material/lock: 已锁定" if section.locked else STATUS_LABELS.get(section.status, ""))
        lock.toggle("锁定", value=section.locked, key=key("lock", section.id, section.locked),
                    help="锁定后，“全部重新起草”不会改动本节", on_change=act,
                    args=("锁定", lambda: session.set_locked(section.id, not section.locked)))
        if mismatch is not None:
            stale_box(state, section, mismatch)
        if section.error:
            st.error(literal_markdown(section.error))
        text_col, find_col = st.columns([3, 2], gap="medium") if with_findings else (st.container(), None)
        with text_col:
            read, edit = st.tabs(["阅读（标出问题）", "编辑"])
            with read:
                read_view(section, found)
            with edit:
                editor(state, section)
            actions(state, section)
        if find_col is not None:
            with find_col:
                findings_of(state, section, found)


def stale_box(state: AppState, section, mismatch: Mismatch) -> None:
    st.warning(literal_markdown("与事实不一致：本节起草后，所依据的事实有改动——" + "；".join(mismatch.changes)),
               icon=":material/sync_problem:")
    c1, c2 = st.columns(2)
    if c1.button("重新起草本节", key=state.key("redraft", section.id), type="primary", disabled=section.locked,
                 width="stretch"):
        regenerate(state, section, None)
    c2.button("已核对，不再提示", key=state.key("confirm", section.id), disabled=section.locked, width="stretch",
              help="本节文字已与修改后的事实一致（例如您已手工改过）", on_click=act,
              args=("核对", lambda: state.session.confirm_facts(section.id)))


def editor(state: AppState, section) -> None:
    widget = state.key("text", section.id, len(section.versions))
    st.text_area("正文", key=initial(widget, section.text), height=text_height(section.text),
                 label_visibility="collapsed", disabled=section.locked, on_change=act,
                 args=("保存修改", lambda: state.session.edit(section.id, st.session_state[widget])))
    st.caption("每行一段（空行不计），“第N段”即阅读页左侧的编号。改完点击框外任意处即自动保存；"
               "关闭页面前请先点击框外。")


def findings_of(state: AppState, section, found: list[Item]) -> None:
    for flag in unflagged([f for f in state.session.flags if f.section_id == section.id], found):
        st.markdown(f":violet[:material/history_edu:] 需核对（{flag.reason}）· {literal_markdown(flag.sentence[:80])}")
        st.caption(literal_markdown(public_text(flag.detail)))
    if not found:
        st.caption(":material/check_circle: 本节未发现问题")
    for item in found:
        finding_line(state, item)


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
        regenerate(state, section, "；".join(p for p in (quick, free.strip()) if p))


def regenerate(state: AppState, section, instruction: str | None) -> None:
    """One section drafted again with the model chosen on 起草, as a job: it survives leaving."""
    with attempt("重新生成"):
        follow_regeneration(state, section.id, instruction, st.empty())
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
    if len(section.versions) > 1:
        st.caption("逐字对比任意两版：见“通读全文”页的“版本对比”。")


def finding_line(state: AppState, item: Item) -> None:
    finding = item.finding
    head = f"{ICONS.get(finding.severity, '')} {SEVERITY_LABELS.get(finding.severity, finding.severity)}"
    body = item.message + (f"：“{finding.text}”" if finding.text and finding.line else "")
    st.markdown(f"{head} · {literal_markdown(body)} · {item.where}")
    if item.fixable:
        c1, c2 = st.columns([3, 1], vertical_alignment="center")
        c1.caption(literal_markdown(f"建议改为：{finding.suggestion or '（删除）'}"))
        locked = state.session.draft.section(item.section_id).locked
        if c2.button("修正", key=state.key("fix", item.section_id, item.number), disabled=locked):
            with attempt("修正"):
                state.session.apply_fix(item.placed)
                state.saved()
                st.rerun()
    elif finding.basis and finding.basis not in finding.message:
        st.caption(literal_markdown(f"依据：{public_text(finding.basis)}"))


review_page(app_state(), current())
