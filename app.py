"""述职助手 — the browser front end. Pages and widgets only: every action is a call into
``shuzhi.session.DraftSession``, which saves it at once; nothing here holds logic of its own.

User text is always shown through ``literal_markdown`` (or a text widget): HTML and Markdown
typed by a user are displayed as typed, never rendered. The API key lives only in
``st.session_state`` and is handed to the drafter; it is never stored, logged or put in a URL.
"""

from __future__ import annotations

import logging
import time
import traceback
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import streamlit as st
from pydantic import ValidationError

# The icon is our own file: a ":material/…:" page icon is fetched from fonts.gstatic.com on
# every page load, which a unit's intranet notices (tests/browser/test_no_outside_requests.py).
st.set_page_config(page_title="述职助手", page_icon=str(Path(__file__).with_name("static") / "favicon.svg"),
                   layout="wide", initial_sidebar_state="expanded")

from shuzhi.config import is_local_endpoint, same_endpoint  # noqa: E402
from shuzhi.display import (SERVER, SEVERITY_LABELS, STATUS_LABELS, endpoint_label,  # noqa: E402
                            literal_markdown, providers, source_label, usage_of)
from shuzhi.drafting import DraftCallback, DraftingError, backends, get_drafter, model_drafter  # noqa: E402
from shuzhi.errors import InputError  # noqa: E402
from shuzhi.facts import Facts, facts_from_bytes, parse_facts  # noqa: E402
from shuzhi.owners import owner_id  # noqa: E402
from shuzhi.forms import (apply_table_edits, figure_rows, has_own_text, lines_to_items,  # noqa: E402
                          outline_rows, section_facts)
from shuzhi.session import (QUICK_INSTRUCTIONS, DraftSession, draft_id_from,  # noqa: E402
                            drafts_listed, export_formats, fixable, listed_drafts)
from shuzhi.store import ConflictError, Store  # noqa: E402
from shuzhi.templates import DEFAULT_TEMPLATE, list_templates, load_template  # noqa: E402

log = logging.getLogger("shuzhi.app")
ROOT = Path(__file__).resolve().parent
SAMPLE_FACTS = ROOT / "samples" / "facts-2022.yaml"
PAGES = ["填写事实", "审阅提纲", "起草", "修改与检查", "导出"]
LIST_FIELDS = {"events": "年度重点工作和大事（导语用）", "honours": "获得的荣誉",
               "integrity": "廉洁自律情况", "shortcomings": "存在的不足", "plans": "下一步打算"}
CSS = """
<style>
.block-container {padding-top: 2.2rem; max-width: 1280px;}
[data-testid="stSidebar"] h1 {font-size: 1.6rem;}
div[data-testid="stMetricValue"] {font-size: 1.5rem;}
.stTextArea textarea {font-size: 0.98rem; line-height: 1.7;}
</style>
"""


# -- plumbing -------------------------------------------------------------------------------

@contextmanager
def guard(action: str):
    """Every action: a user's mistake shows its Chinese line, a bug a short apology."""
    try:
        yield
    except (InputError, DraftingError) as exc:
        st.error(literal_markdown(str(exc)), icon=":material/error:")
        st.session_state["stale"] = isinstance(exc, ConflictError)
    except Exception as exc:  # noqa: BLE001 — the user must never see a traceback
        log_bug(action, exc)
        st.error(f"{action}未完成：程序内部出错，已记录日志。请重试，或刷新页面。", icon=":material/error:")


def log_bug(action: str, exc: BaseException) -> None:
    """Where a bug happened, for the server log: the exception's type and stack, never its
    message (a client error message can carry a URL with a key or a user's text)."""
    stack = "".join(traceback.format_tb(exc.__traceback__))
    log.error("app action failed: %s: %s\n%s", action, type(exc).__name__, stack)


def store() -> Store:
    return Store()


def sign_in_configured() -> bool:
    """Sign-in is on when ``[auth]`` (OIDC) is configured in ``.streamlit/secrets.toml``."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: a single-user install
        return False


def owner() -> str | None:
    """The signed-in user, who sees only their own drafts; None with sign-in off."""
    return st.session_state.get("owner")


def require_sign_in() -> bool:
    """With sign-in on, show the sign-in page to a visitor who is not signed in (and stop)."""
    if not sign_in_configured():
        st.session_state["owner"] = None
        return True
    if not st.user.is_logged_in:
        st.title("述职助手", anchor=False)
        st.markdown("本服务由多人共用，请先登录。登录后只能看到和打开自己的报告。")
        st.button("登录", type="primary", on_click=st.login)
        return False
    st.session_state["owner"] = owner_id(st.user.to_dict())
    return True


def current() -> DraftSession | None:
    return st.session_state.get("session")


def open_session(session: DraftSession) -> None:
    opened = st.session_state.setdefault("opened", [])  # what the start page may list again
    if session.draft.id not in opened:
        opened.append(session.draft.id)
    st.session_state["session"] = session
    st.session_state["gen"] = st.session_state.get("gen", 0) + 1
    st.session_state.pop("check", None)
    st.query_params["draft"] = session.draft.id


def close_session() -> None:
    st.session_state.pop("session", None)
    st.query_params.clear()


def refresh_form() -> None:
    """Facts were replaced from outside the form (upload, sample): rebuild its widgets."""
    st.session_state["gen"] = st.session_state.get("gen", 0) + 1


def key(*parts: object) -> str:
    session = current()
    return ":".join(map(str, (session.draft.id if session else "-", st.session_state.get("gen", 0), *parts)))


def initial(widget_key: str, value):
    """Seed a keyed widget once; afterwards the widget owns its value."""
    if widget_key not in st.session_state:
        st.session_state[widget_key] = value
    return widget_key


def act(action: str, do) -> None:
    """A widget callback: runs before the page is drawn, so a change is saved even when the
    user's next click goes elsewhere. Its outcome is shown at the top of the next page."""
    try:
        if do() is not False:
            saved_note()
    except InputError as exc:
        st.session_state["problem"] = str(exc)
        st.session_state["stale"] = isinstance(exc, ConflictError)
    except Exception as exc:  # noqa: BLE001
        log_bug(action, exc)
        st.session_state["problem"] = f"{action}未完成：程序内部出错，已记录日志。请重试，或刷新页面。"


def saved_note(when: str = "已自动保存") -> None:
    st.session_state["saved_at"] = f"{when} {time.strftime('%H:%M:%S')}"


def open_from_link() -> None:
    wanted = st.query_params.get("draft")
    session = current()
    if wanted and (session is None or session.draft.id != wanted):
        with guard("打开草稿"):
            open_session(DraftSession.open(wanted, store(), owner=owner()))
            return
        st.query_params.clear()


# -- sidebar ----------------------------------------------------------------------------------

def sidebar(session: DraftSession | None) -> str | None:
    with st.sidebar:
        st.title("述职助手", anchor=False)
        st.caption("起草 · 检查 · 导出年度述职报告")
        if owner() is not None:
            st.button("退出登录", key="logout", on_click=st.logout)
        if session is None:
            return None
        draft = session.draft
        st.markdown(f"**{literal_markdown(draft.title)}**")
        st.caption(literal_markdown(f"{draft.facts.unit} · {draft.facts.person}"))
        if "goto" in st.session_state:  # a finished action sends the user to the next step
            st.session_state["page"] = st.session_state.pop("goto")
        page = st.radio("步骤", PAGES, key="page", label_visibility="collapsed")
        st.divider()
        done = sum(s.status == "done" for s in session.draftable())
        st.progress(done / max(1, len(session.draftable())),
                    text=f"已起草 {done}/{len(session.draftable())} 节")
        result = check_result(session)
        if result is None:
            st.caption("尚未起草，起草后自动检查")
        elif not result.available:
            st.caption("检查功能暂不可用")
        else:
            errors, warnings = result.summary.get("error", 0), result.summary.get("warning", 0)
            c1, c2 = st.columns(2)
            c1.metric("错误", errors)
            c2.metric("提醒", warnings)
        if st.session_state.get("saved_at"):
            st.caption(f":material/cloud_done: {st.session_state['saved_at']}")
        st.divider()
        st.caption("本报告的链接（收藏后可随时打开，请勿转给他人）：")
        st.code(draft_link(draft.id), language=None, wrap_lines=True)
        if st.button("新建或打开其他报告", width="stretch", key="leave"):
            close_session()
            st.rerun()
        return page


def draft_link(draft_id: str) -> str:
    base = getattr(getattr(st, "context", None), "url", None) or ""
    return f"{base.split('?')[0]}?draft={draft_id}"


def check_result(session: DraftSession):
    """Findings for the current text, recomputed only when the text changed."""
    text = session.draft.assemble()
    if not any(s.text for s in session.draft.sections):
        return None
    cached = st.session_state.get("check")
    if cached and cached[0] == text:
        return cached[1]
    result = session.check()
    st.session_state["check"] = (text, result)
    return result


def report_year_default() -> int:
    """Reports are written in December for the year ending, or in the first months after it."""
    now = time.localtime()
    return now.tm_year if now.tm_mon >= 11 else now.tm_year - 1


# -- start: new or saved report --------------------------------------------------------------

def page_start() -> None:
    st.title("述职助手", anchor=False)
    st.markdown("收集本年度工作事实，按模板起草述职报告，逐节修改，自动检查占位符、过时提法和"
                "规范表述，最后导出可以提交的文件。")
    left, right = st.columns([3, 2], gap="large")
    with left, st.container(border=True):
        st.subheader("新建报告", anchor=False)
        # the sample's type first: the one a first-time user is most likely to want
        templates = {t.id: t.name for t in sorted(list_templates(), key=lambda t: t.id != DEFAULT_TEMPLATE)}
        if not templates:
            st.error("没有找到可用的报告模板（prompts/ 目录为空或 SHUZHI_TEMPLATES 设置有误）。")
            return
        with st.form("new-report"):
            template_id = st.selectbox("报告模板", list(templates), format_func=templates.get)
            c1, c2 = st.columns(2)
            year = c1.number_input("报告年度", min_value=2000, max_value=2100,
                                   value=report_year_default(), step=1)
            person = c2.text_input("姓名", placeholder="如：张三")
            unit = st.text_input("单位", placeholder="如：某某大学图书与信息服务中心")
            posts = st.text_input("职务（可选，多个用顿号分隔）", placeholder="如：党支部书记")
            submitted = st.form_submit_button("创建报告", type="primary", width="stretch")
        if submitted:
            with guard("创建报告"):
                if not unit.strip() or not person.strip():
                    raise InputError("请填写单位和姓名后再创建报告")
                facts = Facts(year=int(year), unit=unit.strip(), person=person.strip(),
                              posts=[p.strip() for p in posts.replace(",", "、").split("、") if p.strip()],
                              template=template_id)
                open_session(DraftSession.new(facts, template_id, store(), owner=owner()))
                st.rerun()
        if SAMPLE_FACTS.is_file():
            if st.button("用示例事实体验（2022 年样例）", width="stretch"):
                with guard("载入示例"):
                    facts = parse_facts(SAMPLE_FACTS.read_text(encoding="utf-8"), SAMPLE_FACTS.name)
                    open_session(DraftSession.new(facts, store=store(), owner=owner()))
                    st.rerun()
    with right:
        st.subheader("打开已保存的报告", anchor=False)
        with st.form("open-link", border=False):
            c1, c2 = st.columns([4, 1], vertical_alignment="bottom")
            link = c1.text_input("报告链接或编号", placeholder="粘贴收藏的链接（…?draft=…）")
            if c2.form_submit_button("打开") and link.strip():
                with guard("打开草稿"):
                    open_session(DraftSession.open(draft_id_from(link), store(), owner=owner()))
                    st.rerun()
        if not drafts_listed() and owner() is None:
            st.caption("为保护各人的草稿，这里只列出本次在此浏览器中新建或打开的报告；"
                       "其他报告请用收藏的链接打开。")
        with guard("读取草稿列表"):
            drafts = listed_drafts(store(), owner(), st.session_state.get("opened", []))
            if not drafts and (drafts_listed() or owner() is not None):
                st.info("还没有保存的报告。新建一份后，每一步都会自动保存。")
            for item in drafts:
                with st.container(border=True):
                    c1, c2 = st.columns([4, 1], vertical_alignment="center")
                    c1.markdown(f"**{literal_markdown(item.title)}**  \n"
                                f"{literal_markdown(f'{item.unit} · {item.person}')}")
                    c1.caption(f"{STATUS_LABELS.get(item.status, item.status)} · "
                               f"更新于 {item.updated.astimezone().strftime('%Y-%m-%d %H:%M')}")
                    if c2.button("打开", key=f"open:{item.id}"):
                        open_session(DraftSession.open(item.id, store(), owner=owner()))
                        st.rerun()


# -- facts --------------------------------------------------------------------------------------

def page_facts(session: DraftSession) -> None:
    st.header("填写本年度事实", anchor=False)
    st.caption("按报告的章节填写：每行一条事项，关键数字填在表格里。数字留空，起草时会标为"
               "【待补充】，不会编造。每次修改都会自动保存。")
    imports(session)
    on_facts_change(session)  # also catches edits whose callback did not fire (a table seeded in state)
    if st.session_state.get("facts-problem"):
        st.warning(literal_markdown(st.session_state["facts-problem"]), icon=":material/edit:")
    facts = session.draft.facts
    save = {"on_change": on_facts_change, "args": (session,)}
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
    shown: set[str] = set()
    for number, _level, spec in session.template.walk_numbered():
        if not spec.facts:
            continue
        with st.container(border=True):
            st.markdown(f"#### {literal_markdown(number + spec.heading)}")
            if spec.purpose:
                st.caption(literal_markdown(spec.purpose))
            for source in spec.facts:
                if source.startswith("sections."):
                    section_form(source.removeprefix("sections."), facts, save, [spec])
                elif source in LIST_FIELDS and source not in shown:
                    shown.add(source)
                    st.text_area(LIST_FIELDS[source] + "（每行一条）", height=100, **save,
                                 key=initial(key("list", source), "\n".join(getattr(facts, source))))


def section_form(sid: str, facts: Facts, save: dict, specs=()) -> None:
    c1, c2 = st.columns([3, 2], gap="medium")
    c1.text_area("事项（每行一条，可用 {数字名称} 引用右侧的数字）", height=150, **save,
                 key=initial(key("items", sid), "\n".join(facts.section(sid).items)))
    base_key = key("figures-base", sid)
    if base_key not in st.session_state:  # the editor's base table stays fixed; edits ride on it
        st.session_state[base_key] = figure_rows(facts.section(sid).figures, specs)
    with c2:
        st.data_editor(
            pd.DataFrame(st.session_state[base_key], columns=["name", "value", "unit"], dtype="string"),
            key=key("figures", sid), num_rows="dynamic", width="stretch", hide_index=True, **save,
            column_config={"name": st.column_config.TextColumn("数字名称", required=True),
                           "value": st.column_config.TextColumn("数值"),
                           "unit": st.column_config.TextColumn("单位", width="small")})


def form_data(session: DraftSession) -> dict:
    """The facts as the form now shows them, read from widget state (callbacks run before the
    page is drawn, so a change is saved even when the user clicks straight to another page)."""
    state, facts = st.session_state, session.draft.facts
    data = facts.model_dump()

    def value(name, default):
        return state.get(key(*name), default) if isinstance(name, tuple) else default

    posts = value(("posts",), "、".join(facts.posts))
    data.update(unit=value(("unit",), facts.unit).strip(), person=value(("person",), facts.person).strip(),
                year=int(value(("year",), facts.year) or facts.year),
                date=(value(("date",), facts.date or "") or "").strip() or None,
                posts=[p.strip() for p in posts.replace(",", "、").split("、") if p.strip()])
    for field in LIST_FIELDS:
        if key("list", field) in state:
            data[field] = lines_to_items(state[key("list", field)])
    for spec in session.template.walk():
        for source in spec.facts:
            sid = source.removeprefix("sections.")
            if not source.startswith("sections.") or key("items", sid) not in state:
                continue
            rows = apply_table_edits(state.get(key("figures-base", sid), []), state.get(key("figures", sid)))
            data["sections"][sid] = section_facts(state[key("items", sid)], rows).model_dump()
    return data


def on_facts_change(session: DraftSession) -> None:
    st.session_state.pop("facts-problem", None)
    try:
        facts = Facts.model_validate(form_data(session))
    except ValidationError as exc:
        where = ".".join(str(p) for p in exc.errors()[0]["loc"])
        st.session_state["facts-problem"] = (
            f"有未填写完整的内容（{where}），这一处修改暂未保存：单位、姓名不能为空，数字须有名称。")
        return
    try:
        if session.update_facts(facts):
            saved_note()
    except InputError as exc:
        st.session_state["facts-problem"] = str(exc)
        st.session_state["stale"] = isinstance(exc, ConflictError)


def imports(session: DraftSession) -> None:
    with st.expander("导入：事实文件、去年的报告或示例", icon=":material/upload_file:"):
        c1, c2 = st.columns(2)
        upload = c1.file_uploader("上传事实文件（YAML 或 JSON）", type=["yaml", "yml", "json"],
                                  key=key("facts-upload"))
        if upload is not None and st.session_state.get("facts-done") != upload.file_id:
            with guard("导入事实文件"):
                session.update_facts(facts_from_bytes(upload.getvalue(), upload.name))
                st.session_state["facts-done"] = upload.file_id
                refresh_form()
                saved_note("已导入事实文件")
                st.rerun()
        report = c2.file_uploader("上传去年的报告（.txt、.md 或 .docx），作为起草参考",
                                  type=["txt", "md", "docx"], key=key("report-upload"))
        if report is not None and st.session_state.get("report-done") != report.file_id:
            with guard("导入去年的报告"):
                session.set_context(read_upload(report))
                st.session_state["report-done"] = report.file_id
                saved_note("已导入去年的报告")
        if SAMPLE_FACTS.is_file() and st.button("载入示例事实（将替换当前填写的内容）"):
            with guard("载入示例"):
                session.update_facts(parse_facts(SAMPLE_FACTS.read_text(encoding="utf-8"),
                                                 SAMPLE_FACTS.name))
                refresh_form()
                st.rerun()
        if session.context:
            st.caption("可以直接把去年的报告更新为本年度初稿：保留其结构和语气，年份、数字按本年度事实替换，"
                       "事实中没有的数字标为【待补充】，仍是去年内容的句子会列出供核对。已锁定的章节不变。")
            options = st.session_state.get("drafter-options")
            b1, b2 = st.columns([2, 3], vertical_alignment="center")
            b2.caption(where_label(options or None))
            if b1.button("按去年的报告起草本年度初稿", type="primary", key="update-from-report"):
                with guard("按去年的报告起草"), st.spinner("正在按本年度事实更新去年的报告…"):
                    drafter = make_drafter(options) if options else None
                    flags = session.update_from_last_year(drafter)
                    refresh_form()
                    saved_note()
                    flash("success", f"已按去年的报告起草本年度初稿，有 {len(flags)} 处句子需要核对（见各节）。")
                    st.session_state["goto"] = "修改与检查"
                    st.rerun()
            st.caption(f"已保存去年的报告（{len(session.context)} 字）：")
            st.text_area("去年的报告", session.context, height=160, disabled=True,
                         label_visibility="collapsed")


def read_upload(upload) -> str:
    """An uploaded report through the same reader as the CLI (size and length limits,
    encodings, .docx checks)."""
    from shuzhi.readers import report_text

    return report_text(upload.getvalue(), upload.name)


# -- outline --------------------------------------------------------------------------------

def page_outline(session: DraftSession) -> None:
    st.header("审阅提纲", anchor=False)
    st.caption("起草前可调整章节：改标题、改顺序（修改“顺序”列）、删去（清空标题或删除该行）、"
               "新增（在表格末尾添加一行）。层级 1 为“一、”，层级 2 为“（一）”。不调整也可以直接起草。")
    left, right = st.columns([3, 2], gap="large")
    base_key = key("outline-base")
    if base_key not in st.session_state:
        st.session_state[base_key] = [{"order": i + 1, "level": r["level"], "heading": r["heading"],
                                       "id": r["id"]} for i, r in enumerate(outline_rows(session.template))]
    with left:
        rows = st.data_editor(
            st.session_state[base_key], key=key("outline"), num_rows="dynamic", hide_index=True,
            width="stretch", column_order=["order", "level", "heading"],
            column_config={"order": st.column_config.NumberColumn("顺序", min_value=0, step=1, width="small"),
                           "level": st.column_config.SelectboxColumn("层级", options=[1, 2], width="small"),
                           "heading": st.column_config.TextColumn("章节标题", width="large")})
        c1, c2 = st.columns(2)
        if c1.button("应用提纲", type="primary", width="stretch"):
            with guard("应用提纲"):
                session.set_outline(ordered_rows(st.session_state[base_key], rows))
                st.session_state.pop(base_key, None)
                refresh_form()
                saved_note("提纲已保存")
                st.rerun()
        if session.outline and c2.button("恢复模板原有提纲", width="stretch"):
            with guard("恢复提纲"):
                session.set_outline(outline_rows(load_template(session.draft.template)))
                refresh_form()
                st.rerun()
    with right, st.container(border=True):
        st.markdown("**当前提纲**")
        lines = [("　" * max(0, level - 1)) + number + spec.heading
                 for number, level, spec in session.template.walk_numbered()[1:]]
        st.markdown(literal_markdown("\n".join([session.draft.title] + lines)))


def ordered_rows(base: list[dict], rows: list[dict]) -> list[dict]:
    """Rows by their 顺序 number; a row given a new number goes before the row already there."""
    original = {r["id"]: r["order"] for r in base}

    def position(pair: tuple[int, dict]) -> tuple[float, int]:
        index, row = pair
        try:
            order = float(row.get("order"))
        except (TypeError, ValueError):
            return (index + 1, index)
        moved = row.get("id") not in original or original[row["id"]] != order
        return (order - 0.5 if moved else order, index)

    return [row for _, row in sorted(enumerate(rows), key=position)]


# -- drafting -------------------------------------------------------------------------------

class PageView(DraftCallback):
    """What both views keep for the message after the run: what screening found."""

    screened = ""

    def on_screened(self, hits, masked: bool) -> None:
        self.screened = screened_note(hits)


class StreamingView(PageView):
    """Sections stream into their own placeholders; the page itself is not re-run."""

    def __init__(self, session: DraftSession, targets: list, columns: int = 2):
        self.total = max(1, len(targets))
        self.finished = 0
        self.progress = st.progress(0.0, text=f"准备起草 {len(targets)} 节…")
        self.stats = st.empty()
        self.slots = {}
        grid = st.columns(columns)
        for i, section in enumerate(targets):
            with grid[i % columns], st.container(border=True, height=260):
                st.markdown(f"**{literal_markdown(section.heading_line or '导语')}**")
                self.slots[section.id] = (st.empty(), st.empty())
                self.slots[section.id][0].caption("排队中")
        self.buffers: dict[str, str] = {}
        self.shown_at: dict[str, float] = {}
        self.done_sections = []

    def on_section_start(self, section) -> None:
        self.slots[section.id][0].caption(":material/pending: 起草中…")

    def on_section_delta(self, section, delta: str) -> None:
        self.buffers[section.id] = self.buffers.get(section.id, "") + delta
        now = time.monotonic()
        if now - self.shown_at.get(section.id, 0) >= 0.15:  # ~7 repaints a second per section
            self.shown_at[section.id] = now
            text = self.buffers[section.id]
            tail = text if len(text) <= 240 else "…" + text[-240:]  # the box shows the newest words
            self.slots[section.id][1].markdown(literal_markdown(tail) + " ▍")
            written = sum(len(t) for t in self.buffers.values())
            self.stats.caption(f"已生成约 {written:,} 字 · 已完成 {self.finished}/{self.total} 节")

    def on_section_retry(self, section, attempt: int, reason: str, wait: float) -> None:
        self.slots[section.id][0].caption(f":material/refresh: 第 {attempt} 次重试（{literal_markdown(reason)}）")

    def on_section_done(self, section) -> None:
        status, text = self.slots[section.id]
        status.caption(":material/check_circle: 已完成并保存")
        text.markdown(literal_markdown(section.text))
        self.done_sections.append(section)
        self._advance()

    def on_section_failed(self, section, error: str) -> None:
        status, text = self.slots[section.id]
        status.caption(":material/cancel: 失败（其余章节不受影响）")
        text.error(literal_markdown(error))
        self._advance()

    def _advance(self) -> None:
        self.finished += 1
        self.progress.progress(self.finished / self.total, text=f"已完成 {self.finished}/{self.total} 节")
        usage = usage_of(self.done_sections)
        self.stats.caption(f"用量：{usage.tokens_text()} tokens · 费用 {usage.cost_text()}")


def model_settings() -> dict | None:
    """The drafter choice; returns get_drafter options, or None for offline drafting."""
    mode = st.radio("起草方式", ["离线起草（无需模型）", "大模型起草"], horizontal=True, key="mode")
    if mode.startswith("离线"):
        st.info("未使用模型：按模板结构和您填写的事实起草，缺少的信息标为【待补充：…】，不会编造数字。"
                "配置大模型后，文字会更完整流畅。", icon=":material/info:")
        return None
    if "openai" not in backends():
        st.warning("模型起草功能暂不可用（本版本未安装模型接口），请先使用离线起草。", icon=":material/error:")
        return {}
    server = model_server()
    presets = {p.id: p for p in providers(server)}
    choice = st.selectbox("服务商", list(presets), format_func=lambda i: presets[i].name, key="preset")
    preset = presets[choice]
    if st.session_state.get("preset-applied") != choice:  # a new preset fills URL and model
        st.session_state["base_url"], st.session_state["model"] = preset.base_url, preset.model
        st.session_state["preset-applied"] = choice
    c1, c2 = st.columns(2)
    base_url = c1.text_input("接口地址（Base URL）", key="base_url").strip()
    model = c2.text_input("模型名称", key="model").strip()
    api_key = st.text_input("API Key", type="password", key="api_key",
                            help="只保存在本次浏览器会话的内存中，不写入数据库、链接或日志。").strip()
    if not base_url or not model:
        st.warning("请填写接口地址和模型名称。", icon=":material/edit:")
        return {}
    servers_key = server is not None and same_endpoint(base_url, server.base_url)
    if preset.needs_key and not api_key and not servers_key:
        st.warning("该服务需要 API Key（服务器上配置的密钥只用于服务器配置的模型服务）。", icon=":material/key:")
        return {}
    if servers_key and not api_key:
        st.caption("将使用服务器配置的密钥。")
    mask = False
    if not is_local_endpoint(base_url):
        mask = st.checkbox("发往云端前，把密级标注、内部资料标注、身份证号、手机号替换为 XX 后发送",
                           key="mask-sensitive", help="不勾选时，发现这些内容即拒绝发送，并指出在哪里。")
    provider = {"custom": None, SERVER: server.provider if server else None}.get(choice, choice)
    return {"provider": provider, "base_url": base_url, "model": model, "api_key": api_key or None,
            "mask": mask}


def model_server():
    """The model endpoint configured on the server, or None (also when its settings are broken:
    a visitor can still use an endpoint of their own, with their own key)."""
    from shuzhi.config import ConfigError, server_endpoint

    try:
        return server_endpoint()
    except ConfigError:
        return None


def make_drafter(options: dict | None):
    if options is None:
        return get_drafter("offline")
    if not options:
        raise InputError("模型未配置完整，请补全上方设置或改用离线起草")
    from shuzhi.config import visitor_model_config

    config = visitor_model_config(provider=options["provider"], base_url=options["base_url"],
                                  model=options["model"], api_key=options["api_key"])
    return model_drafter(config, mask_sensitive=options["mask"])


def where_label(options: dict | None) -> str:
    """本地模型 / 云端模型, beside every 起草 button (nothing while the model is incomplete)."""
    if options == {}:
        return ""
    return endpoint_label(options["base_url"] if options else None)


def page_draft(session: DraftSession) -> None:
    st.header("起草", anchor=False)
    options = model_settings()
    st.session_state["drafter-options"] = options
    any_done = any(s.status == "done" for s in session.draftable())
    locked = [s for s in session.draftable() if s.locked]
    label = "全部重新起草" if any_done else "起草全文"
    if locked:
        st.caption(f"已锁定 {len(locked)} 节，重新起草时保持不变：" +
                   literal_markdown("、".join(s.heading for s in locked)))
    show_flash()
    unfinished = session.to_draft(redo_done=False) if any_done else []
    buttons = st.columns([1.4, 1.1, 2.5] if unfinished else [1, 4], vertical_alignment="center")
    buttons[-1].caption(where_label(options))
    if unfinished and buttons[0].button(f"继续起草未完成的 {len(unfinished)} 节", type="primary",
                                        disabled=options == {}, key="draft-rest"):
        run_drafting(session, options, redo_done=False)
    elif buttons[-2].button(label, type="secondary" if unfinished else "primary",
                            disabled=options == {}, key="draft-all"):
        run_drafting(session, options, redo_done=True)
    elif any_done:
        overview(session)


def screened_note(hits) -> str:
    """What screening found before a cloud model was called, for the message after the run
    (the user's own text escaped: it is shown as Markdown)."""
    def listed(found) -> str:
        return literal_markdown("；".join(h.describe() for h in found[:5]))

    masked = [h for h in hits if h.severity == "block"]
    noted = [h for h in hits if h.severity != "block"]
    parts = [f"发送前已将 {len(masked)} 处替换为 XX：{listed(masked)}"] if masked else []
    if noted:
        parts.append(f"请确认以下内容可以发往云端：{listed(noted)}")
    return "。".join(parts)


def flash(kind: str, message: str) -> None:
    """A message that survives the re-run after a long action."""
    st.session_state["flash"] = (kind, message)


def show_flash() -> None:
    kind, message = st.session_state.pop("flash", (None, None))
    if kind == "success":
        st.success(message, icon=":material/check_circle:")
    elif kind:
        st.warning(message, icon=":material/warning:")


def overview(session: DraftSession) -> None:
    """Where each section stands, at a glance."""
    rows = [{"章节": s.heading_line or "导语", "状态": (STATUS_LABELS.get(s.status, s.status) +
                                                    ("（已锁定）" if s.locked else "")),
             "字数": len(s.text), "版本": len(s.versions)} for s in session.draftable()]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def run_drafting(session: DraftSession, options: dict | None, redo_done: bool) -> None:
    with guard("起草"):
        drafter = make_drafter(options)
        targets = session.to_draft(redo_done=redo_done)
        if not targets:
            st.info("没有需要起草的章节（全部已锁定）。")
            return
        view = StreamingView(session, targets)
        session.draft_all(drafter, view, redo_done=redo_done)
        failed = [s for s in targets if s.status == "failed"]
        for conflict in session.conflicts:
            st.error(literal_markdown(conflict), icon=":material/error:")
        if failed:
            flash("warning", f"{len(failed)} 节起草失败，其余已保存。可在“修改与检查”中单独重新生成。{view.screened}")
        else:
            usage = usage_of(targets)
            spent = (f"（用量 {usage.tokens_text()} tokens，费用 {usage.cost_text()}）"
                     if usage.prompt_tokens + usage.completion_tokens else "")
            flash("success", f"起草完成，已自动保存{spent}。请到“修改与检查”逐节修改。{view.screened}")
        saved_note()
        st.rerun()


# -- review: edit, lock, regenerate, versions, findings ------------------------------------

def page_review(session: DraftSession) -> None:
    st.header("修改与检查", anchor=False)
    show_flash()
    result = check_result(session)
    if result is None:
        st.info("还没有起草的内容。请先到“起草”页起草全文。")
        return
    if not result.available:
        st.caption("检查功能暂不可用：本版本尚未包含检查器，文字仍可修改和导出。")
    else:
        document_findings(session, result)
    specs = {spec.id: spec for spec in session.template.walk()}
    for section in session.draft.sections:
        spec = specs.get(section.id)
        if spec is None:
            continue
        if not has_own_text(spec):
            st.subheader(literal_markdown(section.heading_line), anchor=False)
            continue
        section_card(session, section, result)


def document_findings(session: DraftSession, result) -> None:
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
                finding_line(session, placed, f"doc:{result.findings.index(placed)}")


def section_card(session: DraftSession, section, result) -> None:
    with st.container(border=True):
        title, status, lock = st.columns([6, 1.2, 1.3], vertical_alignment="center")
        title.markdown(f"#### {literal_markdown(section.heading_line or '导语')}")
        status.caption((":material/lock: 已锁定" if section.locked else STATUS_LABELS.get(section.status, "")))
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
            actions(session, section)
        with find_col:
            for flag in [f for f in session.flags if f.section_id == section.id]:
                st.markdown(f":violet[:material/history_edu:] 需核对（{flag.reason}）· "
                            f"{literal_markdown(flag.sentence[:80])}")
                st.caption(literal_markdown(flag.detail))
            findings = result.for_section(section.id) if result.available else []
            if not result.available:
                st.caption("检查功能暂不可用")
            elif not findings:
                st.caption(":material/check_circle: 本节未发现问题")
            for placed in findings:
                finding_line(session, placed, f"{section.id}:{result.findings.index(placed)}")


def text_height(text: str) -> int:
    """Tall enough for the text (about 40 characters a line at this width), within reason."""
    lines = sum(len(p) // 40 + 1 for p in text.split("\n")) if text else 3
    return max(120, min(520, 30 * lines + 30))


def actions(session: DraftSession, section) -> None:
    c1, c2 = st.columns(2)
    with c1.popover("按指令重写", icon=":material/auto_awesome:", disabled=section.locked, width="stretch"):
        quick = st.pills("常用指令", QUICK_INSTRUCTIONS, key=key("quick", section.id))
        free = st.text_input("或输入您的要求", key=key("instruction", section.id),
                             placeholder="如：增加服务师生的具体事例")
        if st.session_state.get("drafter-options") is None:
            st.caption("当前为离线起草，不会按指令改写；在“起草”页选择大模型后可按指令重写。")
        clicked = st.button("重新生成本节", key=key("regen", section.id), type="primary")
        st.caption(where_label(st.session_state.get("drafter-options")))
        if clicked:
            instruction = "；".join(p for p in (quick, free.strip()) if p)
            with guard("重新生成"):
                drafter = make_drafter(st.session_state.get("drafter-options"))
                view = SingleView(st.empty())
                session.regenerate(section.id, drafter, instruction, view)
                if view.screened:
                    flash("warning", view.screened)
                saved_note()
                st.rerun()
    with c2.popover(f"历史版本（{len(section.versions)}）", icon=":material/history:", width="stretch"):
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
                    "恢复此版", key=key("restore", section.id, index), disabled=section.locked):
                with guard("恢复版本"):
                    session.restore(section.id, index)
                    saved_note()
                    st.rerun()
            st.divider()


class SingleView(PageView):
    def __init__(self, placeholder):
        self.placeholder = placeholder
        self.text = ""

    def on_section_delta(self, section, delta: str) -> None:
        self.text += delta
        self.placeholder.markdown(literal_markdown(self.text) + " ▍")

    def on_section_failed(self, section, error: str) -> None:
        self.placeholder.error(literal_markdown(error))


def finding_line(session: DraftSession, placed, widget_id: str) -> None:
    finding = placed.finding
    icon = {"error": ":red[:material/error:]", "warning": ":orange[:material/warning:]", "info": ":blue[:material/info:]"}.get(finding.severity, "")
    where = f"第{placed.paragraph + 1}段" if placed.paragraph is not None else (
        "标题" if placed.section_id is None and finding.line else "")
    if finding.line:  # the line number `shuzhi check` prints for the exported .txt
        where = f"{where}（全文第{finding.line}行）" if where else f"全文第{finding.line}行"
    head = f"{icon} {SEVERITY_LABELS.get(finding.severity, finding.severity)}"
    body = f"{finding.message}" + (f"：“{finding.text}”" if finding.text and finding.line else "")
    st.markdown(f"{head} · {literal_markdown(body)}" + (f" · {where}" if where else ""))
    if fixable(finding) and placed.paragraph is not None:
        c1, c2 = st.columns([3, 1], vertical_alignment="center")
        c1.caption(literal_markdown(f"建议改为：{finding.suggestion or '（删除）'}"))
        if c2.button("修正", key=key("fix", widget_id), disabled=session.draft.section(placed.section_id).locked):
            with guard("修正"):
                session.apply_fix(placed)
                saved_note()
                st.rerun()
    elif getattr(finding, "basis", None) and finding.basis not in finding.message:
        st.caption(literal_markdown(f"依据：{finding.basis}"))


# -- export ---------------------------------------------------------------------------------------

def page_export(session: DraftSession) -> None:
    st.header("导出", anchor=False)
    draft = session.draft
    if not any(s.text for s in draft.sections):
        st.info("还没有起草的内容。请先到“起草”页起草全文。")
        return
    result = check_result(session)
    if result and result.available and result.summary.get("error", 0):
        st.warning(f"还有 {result.summary['error']} 处错误未处理，建议修改后再提交。", icon=":material/error:")
    labels = {"txt": "下载文本（.txt）", "md": "下载 Markdown（.md）", "docx": "下载 Word（.docx）"}
    formats = export_formats()
    main_format = "docx" if "docx" in formats else "txt"  # what most units hand in
    for column, fmt in zip(st.columns(3), formats):
        with column, guard("导出"):
            out = session.export(fmt)
            st.download_button(labels[fmt], out.data, file_name=out.filename, mime=out.mime,
                               key=key("download", fmt), width="stretch",
                               type="primary" if fmt == main_format else "secondary")
    if "docx" not in export_formats():
        st.caption("Word 导出暂不可用。")
    with st.container(border=True):
        st.markdown(f"### {literal_markdown(draft.title)}")
        for section in draft.sections:
            if section.heading_line:
                st.markdown(f"**{literal_markdown(section.heading_line)}**")
            if section.text:
                st.markdown(literal_markdown(section.text))


def stale_notice(session: DraftSession) -> None:
    """After a refused save: the user copies what they typed, then loads the newer text."""
    c1, c2 = st.columns([4, 1], vertical_alignment="center")
    c1.warning("这份报告已在其他窗口中修改。您刚才的修改仍留在输入框中，请先复制，再载入最新内容。",
               icon=":material/sync_problem:")
    if c2.button("载入最新内容", key="reload", width="stretch"):
        with guard("载入最新内容"):
            session.reload()
            st.session_state.pop("stale", None)
            st.session_state.pop("check", None)
            refresh_form()
            st.rerun()


# -- main ---------------------------------------------------------------------------------------

def main() -> None:
    st.markdown(CSS, unsafe_allow_html=True)  # our own static CSS, never user content
    if not require_sign_in():
        return
    open_from_link()
    session = current()
    page = sidebar(session)
    if st.session_state.get("problem"):
        st.error(literal_markdown(st.session_state.pop("problem")), icon=":material/error:")
    if session is not None and st.session_state.get("stale"):
        stale_notice(session)
    if session is None:
        page_start()
        return
    {"填写事实": page_facts, "审阅提纲": page_outline, "起草": page_draft,
     "修改与检查": page_review, "导出": page_export}[page](session)


with guard("显示页面"):
    main()
