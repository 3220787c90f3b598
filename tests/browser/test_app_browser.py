"""The app in a real browser, as a user drives it: fill a fact, draft, edit, download."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.browser


def wait_idle(page, timeout: float = 30_000) -> None:
    """Streamlit shows a running indicator while the script re-runs; wait for it to go."""
    page.wait_for_timeout(400)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText.includes('Running')",
        timeout=timeout)


def stored_draft(page):
    """The draft the page shows, as the database holds it (the server shares our SHUZHI_HOME)."""
    from shuzhi.store import Store

    return Store().get(re.search(r"draft=([\w-]+)", page.url).group(1))


def wait_stored(page, check, timeout: float = 20) -> None:
    """Wait until what the user typed has reached the database — the save, not just its note."""
    import time

    deadline = time.monotonic() + timeout
    while not check(stored_draft(page)):
        assert time.monotonic() < deadline, "the typed text never reached the database"
        time.sleep(0.2)


def under(page, heading: str, levels: int = 1):
    """The box a user reads under ``heading``: the heading's ``levels``-th enclosing block (1 on
    the facts page; 2 on the review page, where the heading sits in the first column of a row).
    Found from the heading itself: a slow browser draws a long page's boxes out of order, so
    "the first 事项 field" on the page may be another section's."""
    return page.locator(f"xpath=//h4[normalize-space()='{heading}']"
                        f"/ancestor::div[@data-testid='stVerticalBlock'][{levels}]")


def go(page, step: str) -> None:
    page.get_by_test_id("stSidebar").get_by_text(step, exact=True).click()
    wait_idle(page)


def test_fill_draft_edit_download(app_server, page, shoot, tmp_path):
    page.goto(app_server)
    page.get_by_text("新建报告").first.wait_for()
    shoot(page, "01-start")
    page.get_by_label("姓名").fill("王五")
    page.get_by_label("单位").fill("某大学图书馆")
    page.get_by_role("button", name="创建报告").click()
    page.get_by_text("填写本年度事实").wait_for()
    assert "draft=" in page.url

    study = "一、加强学习，提高政治站位"  # the report's section 2 (after the 导语)
    items = under(page, study).get_by_label(re.compile("^事项"))
    items.fill("组织全馆学习党的二十大报告，开展专题研讨")
    page.get_by_text("填写本年度事实").click()  # leaving the field commits it
    page.get_by_text(re.compile("已自动保存")).wait_for()
    wait_stored(page, lambda d: "组织全馆学习党的二十大报告，开展专题研讨" in d.facts.section("study").items)
    expect(items).to_have_value("组织全馆学习党的二十大报告，开展专题研讨")
    shoot(page, "02-facts")

    go(page, "起草")
    page.get_by_role("button", name="起草全文").click()
    page.get_by_text("起草完成，已自动保存").wait_for(timeout=60_000)
    shoot(page, "03-drafted")

    go(page, "修改与检查")
    card = under(page, study, levels=2)
    card.get_by_role("tab", name="编辑").click()
    first = card.get_by_test_id("stTextArea").locator("textarea")
    expect(first).to_have_value(re.compile("组织全馆学习党的二十大报告"))
    text = first.input_value()
    first.fill(text + "\n本人在馆内作专题宣讲三场。")
    page.get_by_role("heading", name="修改与检查").click()
    page.get_by_text("历史版本（2）").first.wait_for()  # the edit is a saved version
    wait_idle(page)
    shoot(page, "04-review")

    go(page, "导出")
    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile("下载文本")).click()
    download = info.value
    assert download.suggested_filename.endswith(".txt") and "王五" in download.suggested_filename
    saved = tmp_path / "report.txt"
    download.save_as(saved)
    content = saved.read_text(encoding="utf-8")
    assert content.startswith(f"{content.splitlines()[0]}\n")
    assert "组织全馆学习党的二十大报告" in content
    assert "本人在馆内作专题宣讲三场。" in content
    shoot(page, "05-export")

    word = page.get_by_role("button", name=re.compile("下载 Word"))
    if word.count():  # once the .docx exporter is in
        import docx

        with page.expect_download() as info:
            word.click()
        assert info.value.suggested_filename.endswith("-王五.docx")
        info.value.save_as(tmp_path / "report.docx")
        paragraphs = [p.text for p in docx.Document(str(tmp_path / "report.docx")).paragraphs]
        assert any("本人在馆内作专题宣讲三场。" in p for p in paragraphs)


def test_a_saved_link_reopens_the_report_in_a_new_tab(app_server, page, shoot):
    from shuzhi.facts import load_facts
    from shuzhi.session import DraftSession

    session = DraftSession.new(load_facts(ROOT / "samples" / "facts-2022.yaml"))
    session.edit("study", "这是通过链接重新打开时应看到的正文。")
    page.goto(f"{app_server}/?draft={session.draft.id}")
    page.get_by_text("填写本年度事实").wait_for()
    expect(page.get_by_label("单位")).to_have_value(session.draft.facts.unit)
    go(page, "修改与检查")
    page.get_by_text("这是通过链接重新打开时应看到的正文。").first.wait_for()
    shoot(page, "06-reopened")

    page.goto(f"{app_server}/?draft=not-a-draft")
    page.get_by_text("找不到草稿").wait_for()
    page.get_by_text("新建报告").first.wait_for()


def test_model_drafting_streams_into_the_page(app_server, page, shoot):
    """The real model backend against the local fake OpenAI server, watched in the browser:
    several sections are visibly half-written at once, then all are saved."""
    from shuzhi.store import Store
    from shuzhi.testing.fake_openai import FakeOpenAI

    with FakeOpenAI(ttft=0.2, tokens_per_second=60) as server:
        page.goto(app_server)
        page.get_by_role("button", name=re.compile("用示例事实")).click()
        page.get_by_text("填写本年度事实").wait_for()
        go(page, "起草")
        page.get_by_text("大模型起草").click()
        wait_idle(page)
        page.get_by_test_id("stSelectbox").first.click()
        page.get_by_role("option", name=re.compile("自定义")).click()
        wait_idle(page)
        page.get_by_label("接口地址（Base URL）").fill(server.base_url)
        page.get_by_label("模型名称").fill("fake-model")
        page.get_by_role("textbox", name="API Key").fill("sk-browser-secret")
        page.keyboard.press("Tab")
        wait_idle(page)
        page.get_by_role("button", name="起草全文").click()
        # at least two sections streaming at the same time, each with a cursor after its text
        page.wait_for_function("() => document.body.innerText.split('▍').length > 2", timeout=60_000)
        shoot(page, "07-streaming")
        page.get_by_text("起草完成").wait_for(timeout=120_000)
        assert re.search(r"用量 [\d,]+ tokens", page.get_by_text("起草完成").inner_text())
        shoot(page, "08-model-drafted")
        assert len(server.requests) >= 10
    draft_id = re.search(r"draft=([\w-]+)", page.url).group(1)
    draft = Store().get(draft_id)
    assert all(s.status == "done" for s in draft.sections)
    assert draft.section("study").versions[-1].source.startswith("model")
    assert "sk-browser-secret" not in page.url
