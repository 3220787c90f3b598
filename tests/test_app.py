"""The Streamlit app driven through AppTest, step by step as a user clicks through it."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import ClassVar

import pytest
from app_helpers import app_test, button, ok, session_of, state_of, switch
from streamlit.testing.v1 import AppTest

from shuzhi import drafting
from shuzhi.config import database_url
from shuzhi.drafting.base import Drafter
from shuzhi.facts import load_facts
from shuzhi.session import DraftSession
from shuzhi.store import Store

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "app-facts.yaml"


# -- helpers ------------------------------------------------------------------------------------

def start() -> AppTest:
    return app_test().run()


def shown(element) -> str:
    """An element's Markdown as the reader sees it: CommonMark backslash escapes undone."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", element.value)


def go(at: AppTest, page: str) -> AppTest:
    return ok(switch(at, page))


def create_report(at: AppTest, person: str = "张三", unit: str = "图书与信息服务中心") -> AppTest:
    inputs = {t.label: t for t in at.text_input}
    inputs["姓名"].set_value(person)
    inputs["单位"].set_value(unit)
    button(at, "创建报告").click().run()
    return ok(at)


def upload_facts(at: AppTest, name: str, content: bytes) -> AppTest:
    at.file_uploader[0].upload(name, content, "application/x-yaml").run()
    return at


def html_of(at: AppTest) -> list[str]:
    """The bodies of the page's ``st.html`` elements (the read views)."""
    return [e.proto.body for e in at.get("html")]


def text_area(at: AppTest, section_id: str):
    """The review page's editor of one section."""
    draft_id = session_of(at).draft.id
    matches = [t for t in at.text_area if t.key and t.key.startswith(draft_id) and f":text:{section_id}:" in t.key]
    assert matches, f"no editor for {section_id}"
    return matches[0]


def drafted(at: AppTest) -> AppTest:
    """Facts from the fixture, drafted offline, on the review page."""
    create_report(at)
    ok(upload_facts(at, "facts.yaml", FIXTURE.read_bytes()))
    go(at, "起草")
    at.button(key="draft-all").click().run()
    ok(at)
    return go(at, "修改与检查")


# -- flows ----------------------------------------------------------------------------------------

def test_new_report_facts_draft_check_fix_export():
    at = ok(start())
    assert "新建报告" in [s.value for s in at.subheader]
    create_report(at)
    assert at.query_params["draft"] == session_of(at).draft.id
    ok(upload_facts(at, "facts.yaml", FIXTURE.read_bytes()))
    assert session_of(at).draft.facts.sections["political"].figures[0].value == 12

    go(at, "起草")
    at.button(key="draft-all").click().run()
    ok(at)
    assert any("起草完成" in s.value for s in at.success)
    stored = Store().get(session_of(at).draft.id)
    assert "理论学习组集中学习12次" in stored.section("political").text

    go(at, "修改与检查")
    editor = text_area(at, "study")
    editor.set_value(editor.value + "\n全年讲党课**次,覆盖全体党员。").run()
    ok(at)
    errors = at.sidebar.metric[0]
    assert errors.label == "错误" and int(errors.value) >= 1
    page = " ".join(m.value for m in at.markdown)
    assert "未填写的占位符" in page
    # the finding names the paragraph by the number the read view shows beside it, and marks it
    study = session_of(at).draft.section("study")
    number = next(n for n, (_, text) in enumerate(study.paragraphs(), 1) if "讲党课**次" in text)
    placeholder = [m.value for m in at.markdown if "未填写的占位符（星号）" in m.value]
    assert any(m.endswith(f"· 第{number}段") for m in placeholder), placeholder
    assert not any("全文第" in m.value for m in at.markdown)
    assert any(f'<span class="no">{number}</span><p>全年讲党课<mark class="error" title="错误：未填写的占位符' in h
               for h in html_of(at)), "the placeholder is marked in the read view"
    before = int(errors.value)

    fix = [b for b in at.button if b.label == "修正" and ":study:" in (b.key or "")]
    assert fix, "the half-width comma has a one-click fix"
    fix[0].click().run()
    ok(at)
    study = Store().get(session_of(at).draft.id).section("study")
    assert "次，覆盖全体党员" in study.text
    assert [v.source for v in study.versions][-2:] == ["edit", "edit"]
    assert int(at.sidebar.metric[0].value) == before  # the placeholder is still an error

    go(at, "导出")
    downloads = at.get("download_button")
    labels = [d.label for d in downloads]
    assert "下载文本（.txt）" in labels and "下载 Markdown（.md）" in labels
    from shuzhi import export

    assert ("下载 Word（.docx）" in labels) == ("docx" in export.formats())
    assert any("错误未处理" in w.value for w in at.warning)
    txt = session_of(at).export("txt")
    assert txt.filename == "2022年述德述廉述职报告-张三.txt"
    assert "次，覆盖全体党员" in txt.data.decode("utf-8")


def test_edit_lock_then_redraft_keeps_the_locked_text():
    at = drafted(start())
    editor = text_area(at, "integrity")
    editor.set_value("本人严格遵守中央八项规定精神。（人工改写）").run()
    ok(at)
    lock = [t for t in at.toggle if ":lock:integrity" in t.key][0]
    lock.set_value(True).run()
    ok(at)
    assert Store().get(session_of(at).draft.id).section("integrity").locked

    go(at, "起草")
    assert any("已锁定 1 节" in c.value for c in at.caption)
    at.button(key="draft-all").click().run()
    ok(at)
    stored = Store().get(session_of(at).draft.id)
    assert stored.section("integrity").text == "本人严格遵守中央八项规定精神。（人工改写）"
    assert len(stored.section("integrity").versions) == 2  # offline draft + the edit, no redraft
    assert len(stored.section("study").versions) == 2  # drafted twice


def test_restore_an_earlier_version():
    at = drafted(start())
    original = text_area(at, "outlook").value
    text_area(at, "outlook").set_value("新的不足与打算。").run()
    ok(at)
    restore = [b for b in at.button if b.label == "恢复此版" and ":restore:outlook:0" in b.key]
    restore[0].click().run()
    ok(at)
    section = Store().get(session_of(at).draft.id).section("outlook")
    assert section.text == original
    assert [v.source for v in section.versions] == ["offline", "edit", "restore"]
    assert text_area(at, "outlook").value == original


def test_reopen_by_link_and_unknown_link():
    session = DraftSession.new(load_facts(FIXTURE))
    session.edit("study", "链接打开后应看到这段文字。")
    at = app_test()
    at.query_params["draft"] = session.draft.id
    ok(at.run())
    assert session_of(at).draft.id == session.draft.id
    go(at, "修改与检查")
    assert text_area(at, "study").value == "链接打开后应看到这段文字。"

    stranger = app_test()
    stranger.query_params["draft"] = "not-a-real-draft"
    stranger.run()
    assert not stranger.exception
    assert any("找不到草稿" in e.value for e in stranger.error)
    assert "新建报告" in [s.value for s in stranger.subheader]


@pytest.mark.parametrize("name, content, expected", [
    ("bad.yaml", "year: 2022\nunit: [未闭合\n", "事实文件格式错误"),
    ("wrong.yaml", "year: 二〇二二\nunit: 图书馆\nperson: 张三\n", "字段 year: 应为整数"),
    ("extra.json", '{"year": 2022, "unit": "馆", "person": "张", "colour": 1}', "不认识的字段"),
    ("latin.yaml", b"unit: \x80\xff\x80", "无法识别文件编码"),  # GBK is read, as by the CLI
])
def test_malformed_facts_upload_shows_a_chinese_error_and_keeps_the_form(name, content, expected):
    at = create_report(start(), person="李四")
    upload_facts(at, name, content.encode() if isinstance(content, str) else content)
    assert not at.exception
    messages = [shown(e) for e in at.error]
    assert len(messages) == 1 and expected in messages[0] and name in messages[0]
    assert session_of(at).draft.facts.person == "李四"  # nothing lost
    assert Store().get(session_of(at).draft.id).facts.person == "李四"


def test_facts_typed_in_the_form_are_saved_at_once():
    at = create_report(start())
    items = [t for t in at.text_area if t.key.endswith(":items:study")][0]
    items.set_value("学习党的二十大报告\n讲专题党课").run()
    ok(at)
    stored = Store().get(session_of(at).draft.id)
    assert stored.facts.section("study").items == ["学习党的二十大报告", "讲专题党课"]
    unit = [t for t in at.text_input if t.label == "单位"][0]
    unit.set_value("").run()  # an emptied required field: a note, nothing saved, nothing lost
    assert any("暂未保存" in w.value for w in at.warning)
    assert Store().get(session_of(at).draft.id).facts.unit == "图书与信息服务中心"


def test_figures_table_edits_are_saved():
    at = create_report(start())
    draft_id = session_of(at).draft.id
    table_key = f"{draft_id}:{state_of(at).form}:figures:political"
    at.session_state[table_key] = {"edited_rows": {}, "deleted_rows": [], "added_rows": [
        {"name": "理论学习组集中学习", "value": "12", "unit": "次"},
        {"name": "学习率", "value": "98.5", "unit": "%"},
        {"name": "专题研讨", "value": None, "unit": "次"}]}
    ok(at.run())
    figures = Store().get(draft_id).facts.section("political").figures
    assert [(f.name, f.value, f.unit) for f in figures] == [
        ("理论学习组集中学习", 12, "次"), ("学习率", 98.5, "%"), ("专题研讨", None, "次")]


def test_figures_typed_stay_after_another_page_and_the_next_change():
    """Streamlit forgets the table's edits on another page: coming back, the table must show
    the saved figures, and typing anything else must not store the table as first drawn."""
    at = create_report(start())
    draft_id = session_of(at).draft.id
    at.session_state[f"{draft_id}:{state_of(at).form}:figures:political"] = {
        "edited_rows": {}, "deleted_rows": [], "added_rows": [{"name": "集中学习", "value": "12", "unit": "次"}]}
    ok(at.run())
    go(at, "起草")
    go(at, "填写事实")
    items = [t for t in at.text_area if t.key.endswith(":items:study")][0]
    items.set_value("学习党的二十大报告").run()
    ok(at)
    facts = Store().get(draft_id).facts
    assert facts.section("study").items == ["学习党的二十大报告"]
    assert [(f.name, f.value, f.unit) for f in facts.section("political").figures] == [("集中学习", 12, "次")]
    table = [t for t in at.get("data_editor") if t.key.endswith(":figures:political")][0]
    assert list(table.value["name"]) == ["集中学习"]  # shown again, not the empty table first drawn


def test_outline_rename_drop_add_then_draft():
    at = create_report(start())
    go(at, "审阅提纲")
    draft_id = session_of(at).draft.id
    rows = state_of(at).tables["outline"]
    team = next(i for i, r in enumerate(rows) if r["id"] == "team")
    at.session_state[f"{draft_id}:{state_of(at).form}:outline"] = {
        "edited_rows": {0: {"heading": "加强理论学习"}}, "deleted_rows": [team],
        "added_rows": [{"order": 2, "level": 1, "heading": "学法用法，依法办事"}]}
    at.run()
    button(at, "应用提纲").click().run()
    ok(at)
    headings = [s.heading_line for s in Store().get(draft_id).sections]
    assert headings[1:4] == ["一、加强理论学习", "二、学法用法，依法办事", "三、认真履职，提高党建水平"]
    assert not any("激发活力" in h for h in headings)

    go(at, "起草")
    at.button(key="draft-all").click().run()
    ok(at)
    added = Store().get(draft_id).sections[2]
    assert added.text == "【待补充：学法用法，依法办事】"
    # the new section has its own facts form
    go(at, "填写事实")
    assert any(t.key.endswith(f":items:{added.id}") for t in at.text_area)


def test_user_html_is_shown_as_text_never_rendered():
    at = create_report(start(), person="<b>张三</b>", unit="<script>alert(1)</script>图书馆")
    go(at, "导出")
    for element in at.markdown:
        if "script" in element.value or "<b>" in element.value.replace("\\", ""):
            assert not element.proto.allow_html
            assert "<script>" not in element.value  # escaped: \<script\>


class PiecesDrafter(Drafter):
    """A model stand-in: streams each section in small pieces and reports usage."""

    name = "model:fake"
    needs_key = True
    streams = True
    seen_options: ClassVar[dict] = {}

    def __init__(self, config):  # the model backend's ModelConfig, as the app builds it
        PiecesDrafter.seen_options = {"base_url": config.base_url, "model": config.model,
                                      "api_key": config.api_key.get_secret_value()}

    async def stream_section(self, request):
        text = f"{request.spec.heading}：模型按事实写成的段落，共三句。第二句。第三句。"
        for i in range(0, len(text), 4):
            await asyncio.sleep(0)
            yield text[i:i + 4]
        request.usage.prompt_tokens, request.usage.completion_tokens = 100, 20
        request.usage.cost = 0.001


def test_model_drafting_streams_and_never_stores_the_key(monkeypatch):
    monkeypatch.setitem(drafting._FACTORIES, "openai", PiecesDrafter)
    at = create_report(start())
    go(at, "起草")
    at.radio(key="mode").set_value("大模型起草").run()
    ok(at)
    at.selectbox(key="preset").set_value("custom").run()
    at.text_input(key="base_url").set_value("http://127.0.0.1:9/v1").run()
    at.text_input(key="model").set_value("fake-model").run()
    at.text_input(key="api_key").set_value("sk-secret-123456").run()
    at.button(key="draft-all").click().run()
    ok(at)
    assert PiecesDrafter.seen_options == {"base_url": "http://127.0.0.1:9/v1",
                                          "model": "fake-model", "api_key": "sk-secret-123456"}
    message = [s.value for s in at.success][0]
    assert "1,200 tokens" in message and "¥0.0100" in message  # 10 sections × (100 + 20)
    draft = Store().get(session_of(at).draft.id)
    assert draft.section("study").text.startswith("加强学习，提高政治站位：模型按事实写成")
    assert draft.section("study").versions[0].source == "model:fake"

    go(at, "修改与检查")
    [p for p in at.pills if ":quick:study" in p.key][0].set_value("更精炼")
    [t for t in at.text_input if ":instruction:study" in (t.key or "")][0].set_value("增加服务师生的事例")
    at.button(key=[b.key for b in at.button if ":regen:study" in (b.key or "")][0]).click().run()
    ok(at)
    study = Store().get(session_of(at).draft.id).section("study")
    assert len(study.versions) == 2
    assert study.versions[-1].instruction == "更精炼；增加服务师生的事例"

    db = Path(database_url().removeprefix("sqlite:///"))
    for path in db.parent.glob(db.name + "*"):  # the database and its WAL
        assert b"sk-secret" not in path.read_bytes()
    assert "sk-secret" not in str(at.query_params)


def test_model_drafting_through_a_local_openai_compatible_server():
    """The real model backend (langchain/openai clients) against the local fake server."""
    from shuzhi.testing.fake_openai import FakeOpenAI

    with FakeOpenAI() as server:
        server.fail("500", status=400, match="从激发活力入手", times=None)  # not retried
        at = create_report(start())
        upload_facts(at, "facts.yaml", FIXTURE.read_bytes())
        go(at, "起草")
        at.radio(key="mode").set_value("大模型起草").run()
        at.selectbox(key="preset").set_value("custom").run()
        at.text_input(key="base_url").set_value(server.base_url).run()
        at.text_input(key="model").set_value("fake-model").run()
        at.text_input(key="api_key").set_value("sk-app-secret-987").run()
        at.button(key="draft-all").click().run()
        assert not at.exception and not at.error
        assert any("1 节起草失败" in w.value for w in at.warning)
        draft = Store().get(session_of(at).draft.id)
        assert draft.section("team").status == "failed" and draft.section("team").error
        assert "12次" in draft.section("political").text  # the figure, as the facts give it
        assert draft.section("political").versions[0].source.startswith("model")
        assert len(server.requests) >= 10

        # regenerate one section with an instruction, through the same server
        switch(at, "修改与检查")  # (the failed section shows its error)
        [p for p in at.pills if ":quick:political" in p.key][0].set_value("更精炼")
        at.button(key=[b.key for b in at.button if ":regen:political" in (b.key or "")][0]).click().run()
        assert not at.exception
        assert "更精炼" in server.prompts()[-1]
        political = Store().get(session_of(at).draft.id).section("political")
        assert len(political.versions) == 2
        assert political.versions[-1].instruction == "更精炼"
        assert political.versions[-1].source.startswith("model")
    db = Path(database_url().removeprefix("sqlite:///"))
    for path in db.parent.glob(db.name + "*"):
        assert b"sk-app-secret" not in path.read_bytes()


def test_sample_facts_are_one_click_away():
    at = ok(start())
    button(at, "用示例事实体验（2022 年样例）").click().run()
    ok(at)
    sample = load_facts(ROOT / "samples" / "facts-2022.yaml")
    assert Store().get(session_of(at).draft.id).facts == sample
    assert [t.value for t in at.text_input if t.label == "单位"] == [sample.unit]


@pytest.mark.parametrize("name, content, error", [
    ("report-2022.txt", None, None),
    ("去年.docx", b"PK\x03\x04 not really a word file", "去年.docx: 不是有效的 Word 文档"),
    ("binary.txt", b"\x00\x01\x02", "binary.txt: 不是文本文件"),
])
def test_last_years_report_upload(name, content, error):
    at = create_report(start())
    content = content if content is not None else (ROOT / "samples" / name).read_bytes()
    at.file_uploader[1].upload(name, content, "application/octet-stream").run()
    assert not at.exception
    context = Store().get(session_of(at).draft.id).previous_report
    if error is None:
        ok(at)
        assert context.startswith("2022年述德述廉述职报告")
        assert any(t.value == context for t in at.text_area)
    else:
        assert len(at.error) == 1 and shown(at.error[0]).startswith(error)
        assert context is None


def test_two_tabs_on_one_draft_never_silently_lose_an_edit():
    first = drafted(start())
    second = app_test()
    second.query_params["draft"] = session_of(first).draft.id
    go(ok(second.run()), "修改与检查")

    text_area(first, "outlook").set_value("第一个窗口的修改。").run()
    ok(first)
    text_area(second, "outlook").set_value("第二个窗口的修改。").run()
    assert not second.exception
    assert any("其他窗口中修改" in e.value for e in second.error)
    assert Store().get(session_of(first).draft.id).section("outlook").text == "第一个窗口的修改。"
    assert text_area(second, "outlook").value == "第二个窗口的修改。"  # still there to copy
    second.button(key="reload").click().run()
    ok(second)
    assert text_area(second, "outlook").value == "第一个窗口的修改。"
    text_area(second, "outlook").set_value("第二个窗口在最新内容上的修改。").run()
    ok(second)
    assert [v.text for v in Store().get(session_of(first).draft.id).section("outlook").versions][-2:] == [
        "第一个窗口的修改。", "第二个窗口在最新内容上的修改。"]


def test_this_years_draft_from_last_years_report():
    at = create_report(start())
    sample = load_facts(ROOT / "samples" / "facts-2022.yaml").model_copy(update={"year": 2023})
    ok(upload_facts(at, "facts.yaml", sample.to_yaml().encode()))
    at.file_uploader[1].upload("2022年报告.txt", (ROOT / "samples" / "report-2022.txt").read_bytes(),
                               "text/plain").run()
    ok(at)
    at.button(key="update-from-report").click().run()
    ok(at)
    assert [h.value for h in at.header] == ["对照去年的报告"]  # taken to the comparison with last year
    assert any("需要核对" in s.value for s in at.success)
    draft = Store().get(session_of(at).draft.id)
    assert draft.title == "2023年述德述廉述职报告"
    assert draft.section("preamble").text.startswith("2023年")
    assert draft.section("study").versions[-1].source == "update"
    ok(switch(at, "修改与检查"))
    shown = [shown_text(m.value) for m in at.markdown if "需核对（" in m.value]
    assert shown
    # a flagged sentence that also holds a finding (a placeholder) is listed once, as the finding
    session = session_of(at)
    found = [(f.section_id, f.finding.text) for f in session.check().findings if f.finding.text]
    doubled = [f for f in session.flags if any(s == f.section_id and t in f.sentence for s, t in found)]
    assert len(shown) == len(session.flags) - len(doubled)
    assert not any(t in line for line in shown for _, t in found if len(t) > 3)


@pytest.mark.parametrize("listed", [True, False])
def test_saved_reports_listed_or_opened_by_pasted_link(monkeypatch, listed):
    session = DraftSession.new(load_facts(FIXTURE))
    if listed:  # a single-user instance; by default others' drafts are not listed
        monkeypatch.setenv("SHUZHI_LIST_DRAFTS", "1")
    at = ok(start())
    open_buttons = [b for b in at.button if b.key == f"open:{session.draft.id}"]
    assert bool(open_buttons) is listed
    link = [t for t in at.text_input if t.label == "报告链接或编号"][0]
    link.set_value(f"http://127.0.0.1:8501/?draft={session.draft.id}")
    [b for b in at.button if b.label == "打开"][0].click().run()
    ok(at)
    assert session_of(at).draft.id == session.draft.id
    assert at.query_params["draft"] == session.draft.id


def test_an_interrupted_draft_is_continued_without_redoing_finished_sections():
    session = DraftSession.new(load_facts(FIXTURE))
    session.edit("study", "已写好的一节。")  # as if drafting stopped after this section
    at = app_test()
    at.query_params["draft"] = session.draft.id
    go(ok(at.run()), "起草")
    rest = at.button(key="draft-rest")
    assert rest.label == "继续起草未完成的 9 节"
    rest.click().run()
    ok(at)
    draft = Store().get(session.draft.id)
    assert draft.section("study").text == "已写好的一节。" and len(draft.section("study").versions) == 1
    assert all(s.status == "done" for s in draft.sections if s.versions or s.id != "duties")
    assert not [b for b in at.button if b.key == "draft-rest"]


class BrokenDrafter(Drafter):
    """A backend with a bug whose error message carries the key."""

    name = "model:broken"

    def __init__(self, config):
        self.key = config.api_key.get_secret_value()

    async def stream_section(self, request):
        raise RuntimeError(f"boom with {self.key}")
        yield ""  # pragma: no cover


def test_a_bug_shows_a_chinese_line_and_never_leaks_the_key(monkeypatch, caplog):
    monkeypatch.setitem(drafting._FACTORIES, "openai", BrokenDrafter)
    at = create_report(start())
    go(at, "起草")
    at.radio(key="mode").set_value("大模型起草").run()
    at.selectbox(key="preset").set_value("custom").run()
    at.text_input(key="base_url").set_value("http://127.0.0.1:9/v1").run()
    at.text_input(key="model").set_value("m").run()
    at.text_input(key="api_key").set_value("sk-leak-check-42").run()
    at.button(key="draft-all").click().run()
    assert not at.exception
    shown = " ".join(e.value for e in at.error) + " ".join(w.value for w in at.warning)
    assert "出错" in shown or "失败" in shown
    assert "sk-leak-check" not in shown
    assert "sk-leak-check" not in caplog.text
    assert "Traceback" not in shown


def test_a_provider_preset_fills_url_and_model_and_asks_for_its_key():
    at = create_report(start())
    go(at, "起草")
    at.radio(key="mode").set_value("大模型起草").run()
    at.selectbox(key="preset").set_value("deepseek").run()
    ok(at)
    assert at.text_input(key="base_url").value == "https://api.deepseek.com/v1"
    assert at.text_input(key="model").value == "deepseek-chat"
    assert any("需要 API Key" in w.value for w in at.warning)
    assert at.button(key="draft-all").disabled
    at.selectbox(key="preset").set_value("ollama").run()  # a local server needs no key
    assert at.text_input(key="base_url").value == "http://127.0.0.1:11434/v1"
    assert not at.button(key="draft-all").disabled


def test_last_years_report_updated_by_the_chosen_model(monkeypatch):
    monkeypatch.setitem(drafting._FACTORIES, "openai", PiecesDrafter)
    at = create_report(start())
    go(at, "起草")
    at.radio(key="mode").set_value("大模型起草").run()
    at.selectbox(key="preset").set_value("ollama").run()
    go(at, "填写事实")
    at.file_uploader[1].upload("2022.txt", (ROOT / "samples" / "report-2022.txt").read_bytes(),
                               "text/plain").run()
    at.button(key="update-from-report").click().run()
    ok(at)
    draft = Store().get(session_of(at).draft.id)
    assert draft.section("study").text.startswith("加强学习，提高政治站位：模型按事实写成")
    assert draft.section("study").versions[-1].source == "model:fake"


# -- review that fits, the whole report, the next step ------------------------------------------

def test_a_figure_changed_after_drafting_marks_its_section_until_redrafted():
    at = drafted(app_test().run())
    assert not any("与事实不一致" in e.value for e in [*at.error, *at.warning])
    go(at, "填写事实")
    draft_id = session_of(at).draft.id
    table_key = f"{draft_id}:{state_of(at).form}:figures:political"
    at.session_state[table_key] = {"edited_rows": {"0": {"value": "14"}}, "deleted_rows": [], "added_rows": []}
    ok(at.run())
    assert Store().get(draft_id).facts.section("political").figures[0].value == 14

    go(at, "修改与检查")
    assert any("1 节与事实不一致" in w.value for w in at.warning)
    stale = [w.value for w in at.warning if "与事实不一致：本节" in w.value]
    assert len(stale) == 1 and "理论学习组集中学习" in stale[0] and "12次 → 14次" in shown_text(stale[0])
    redraft = [b for b in at.button if b.label == "重新起草本节"]
    assert len(redraft) == 1 and ":redraft:political" in redraft[0].key
    redraft[0].click().run()
    ok(at)
    assert not any("与事实不一致" in w.value for w in [*at.warning, *at.error])
    assert "理论学习组集中学习14次" in Store().get(draft_id).section("political").text


def shown_text(markdown: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def typo_review(at: AppTest) -> AppTest:
    editor = text_area(at, "study")
    editor.set_value(editor.value + "\n全年讲党课**次,覆盖全体党员,效果好.").run()
    return ok(at)


def test_findings_filtered_grouped_and_all_fixed_at_once():
    at = typo_review(drafted(app_test().run()))
    draft_id = session_of(at).draft.id
    fix_all = [b for b in at.button if b.label.startswith("全部修正")][0]
    assert fix_all.label == "全部修正（3 处）"
    at.pills[0].set_value(["error"]).run()  # errors only: nothing there to fix automatically
    ok(at)
    assert [b for b in at.button if b.label.startswith("全部修正")][0].label == "全部修正（0 处）"
    assert not [b for b in at.button if b.label == "修正"]
    assert any("显示 " in c.value and "处" in c.value for c in at.caption)
    at.pills[0].set_value(["error", "warning", "info"]).run()
    at.segmented_control[0].set_value("按规则").run()
    ok(at)
    groups = [e.label for e in at.expander]
    assert "标点（3 处）" in groups and any(g.startswith("未填写的占位符") for g in groups)
    [b for b in at.button if b.label.startswith("全部修正")][0].click().run()
    ok(at)
    assert any("已按建议修正 3 处，涉及 1 节" in s.value for s in at.success)
    study = Store().get(draft_id).section("study")
    assert study.text.endswith("全年讲党课**次，覆盖全体党员，效果好。")
    assert study.versions[-1].instruction == "按检查建议全部修正"
    assert not any("DOMAIN" in m.value or "BRIEF" in m.value or "全文第" in m.value for m in at.markdown)


def test_the_whole_report_page_reads_edits_and_compares():
    at = typo_review(drafted(app_test().run()))
    go(at, "通读全文")
    draft = session_of(at).draft
    metrics = {m.label: m.value for m in at.metric if m.label in ("全文字数", "朗读时长", "目标")}
    from shuzhi.reading import char_count

    chars = char_count(draft.assemble())
    assert metrics["全文字数"] == f"{chars:,}"
    assert metrics["朗读时长"] == f"约 {chars / 200:.1f} 分钟"
    assert any("朗读约" in p.proto.text for p in at.get("progress"))
    assert any("全年讲党课<mark" in h for h in html_of(at))  # the read view, marked
    toggle = [t for t in at.toggle if t.key and ":report-edit:study" in t.key][0]
    toggle.set_value(True).run()
    box = [t for t in at.text_area if t.key and ":report-text:study:" in t.key][0]
    box.set_value(box.value + "\n通读时补上的一句。").run()
    ok(at)
    assert Store().get(draft.id).section("study").text.endswith("通读时补上的一句。")
    chosen = [s for s in at.selectbox if s.label == "章节"][0]
    chosen.set_value("study").run()
    diff_html = [h for h in html_of(at) if "class='diff'" in h]
    assert diff_html and "<ins>通读时补上的一句。</ins>" in diff_html[0].replace("<br>", "")
    assert any("第2版" in c.value and "第3版" in c.value and "新增 9 字" in c.value for c in at.caption)


def test_each_step_offers_the_next():
    at = create_report(start())
    for step, following in (("填写事实", "导入工作记录"), ("导入工作记录", "审阅提纲"), ("审阅提纲", "起草"), ("起草", "修改与检查"),
                            ("修改与检查", "对照去年"), ("对照去年", "通读全文"), ("通读全文", "导出")):
        go(at, step)
        button(at, f"下一步：{following}")
    go(at, "导出")
    assert not [b for b in at.button if b.label.startswith("下一步")]


def test_last_years_report_with_unaccepted_revisions_says_how_it_was_read():
    """A Word file reviewed with 修订: read as if every revision were accepted, and the user is told."""
    at = create_report(start())
    word = ROOT / "tests" / "data" / "records" / "word" / "revisions.docx"
    at.file_uploader[1].upload(word.name, word.read_bytes(), "application/octet-stream").run()
    ok(at)
    assert any("未接受的修订" in shown(i) and word.name in shown(i) for i in at.info)
    assert Store().get(session_of(at).draft.id).previous_report
