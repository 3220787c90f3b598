"""The review, the whole report and the app's chrome in a real browser: no Streamlit English
visible on any main screen, a usable page at 400 px, findings marked in the text, 全部修正,
and typed text kept when the tab closes before the box loses focus."""

from __future__ import annotations

import re
import time

import pytest
from test_app_browser import ROOT, go, stored_draft, under, wait_idle  # tests/browser is on sys.path

from shuzhi.drafting import get_drafter
from shuzhi.facts import load_facts
from shuzhi.session import DraftSession

pytestmark = pytest.mark.browser

TYPO = "全年讲党课**次,覆盖全体党员,效果好."
# Streamlit's own English, as its frontend writes it (static/js of Streamlit 1.67)
ENGLISH = ("Press Enter to apply", "Press Enter to submit form", "Press Ctrl+Enter to apply", "Upload",
           "per file", "Drag and drop", "Browse files", "Connection error", "Streamlit server is not responding",
           "Is Streamlit still running", "Running...", "Stop", "Skip to main content", "Add row",
           "Download as CSV", "Search", "Fullscreen", "Show/hide columns", "Copy to clipboard", "Deploy",
           "Rerun", "Choose an option", "No results", "Delete row(s)")

# every text node a user can see (not size 0, not hidden, on screen), and what ::after draws
VISIBLE_TEXT = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement, text = node.textContent.trim();
    if (!text || !el || el.closest('script,style,[aria-hidden="true"]')) continue;
    const style = getComputedStyle(el), rect = el.getBoundingClientRect();
    if (style.visibility !== 'visible' || parseFloat(style.fontSize) === 0 || rect.width < 2 || rect.height < 2) continue;
    if (el.checkVisibility && !el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    out.push(text);
  }
  return out;
}"""


def english_on_screen(page) -> list[str]:
    texts = page.evaluate(VISIBLE_TEXT)
    return [t for t in texts if any(re.search(rf"(?<![A-Za-z]){re.escape(e)}(?![A-Za-z])", t) for e in ENGLISH)]


def after(page, selector: str) -> str:
    return page.locator(selector).first.evaluate("e => getComputedStyle(e, '::after').content")


def stop_server(url: str) -> None:
    """Stop the app server the ``app_server`` fixture started (found by its port)."""
    import os
    import signal
    from pathlib import Path

    port = url.rsplit(":", 1)[1]
    for proc in Path("/proc").iterdir():
        try:
            args = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in b" ".join(args) and port.encode() in args:
            os.kill(int(proc.name), signal.SIGTERM)
            return
    raise AssertionError("the app server was not found")


@pytest.fixture
def drafted(isolated_home) -> DraftSession:
    """The sample drafted offline, with a typo paragraph in 一、(made before the browser starts)."""
    session = DraftSession.new(load_facts(ROOT / "samples" / "facts-2022.yaml"))
    session.draft_all(get_drafter("offline"))
    session.edit("study", session.draft.section("study").text + "\n" + TYPO)
    return session


def test_no_streamlit_english_on_any_main_screen(app_server, drafted, page, shoot):
    page.goto(app_server)
    name = page.get_by_label("姓名")
    name.click()
    name.type("王五")  # in the new-report form: its hint says 提交
    assert after(page, '[data-testid="stForm"] [data-testid="InputInstructions"] > span') == '"按回车键提交"'
    assert english_on_screen(page) == []
    page.goto(f"{app_server}/?draft={drafted.draft.id}")
    page.get_by_text("填写本年度事实").wait_for()
    unit = page.get_by_label("单位")
    unit.click()
    unit.press("End")
    unit.type("（试）")  # not yet committed: the box shows its input hint
    wait_idle(page)
    assert after(page, '[data-testid="stTextInput"] [data-testid="InputInstructions"] > span') == '"按回车键确认"'
    assert after(page, '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p') \
        == '"选择文件"'
    assert "10MB" in after(page, '[data-testid="stFileUploaderDropzoneInstructions"] span')
    assert english_on_screen(page) == []
    table = page.get_by_test_id("stDataFrame").first  # the figures table and its tools
    table.scroll_into_view_if_needed()
    table.hover()
    for tool in ("Add row", "Download as CSV", "Search", "Fullscreen"):
        button = page.locator(f'[data-testid="stElementToolbar"] button[aria-label="{tool}"]').first
        button.hover()
        page.wait_for_timeout(1500)  # past Streamlit's tooltip delay
        assert english_on_screen(page) == [], tool
        assert re.search(r"[\u4e00-\u9fff]", after(page, f'button[aria-label="{tool}"]:hover')), tool
    unit.press("Tab")  # committed (a link clicked while a box commits is lost: Streamlit reruns for the box)
    wait_idle(page)
    for step in ("审阅提纲", "起草", "修改与检查", "通读全文", "导出"):
        go(page, step)
        page.get_by_role("heading", name=step).wait_for()
        assert english_on_screen(page) == [], step
    go(page, "修改与检查")
    card = under(page, drafted.draft.section("study").heading_line, levels=2)
    card.get_by_role("tab", name="编辑").click()
    box = card.get_by_test_id("stTextArea").locator("textarea")
    box.click()
    box.press("End")
    box.type("又")
    assert after(page, '[data-testid="stTextArea"] [data-testid="InputInstructions"] > span') \
        == '"点击框外或按 Ctrl+Enter 保存"'
    assert english_on_screen(page) == []

    stop_server(app_server)  # the connection drops: Streamlit's dialog, in Chinese
    dialog = page.locator('section[role="dialog"]')
    dialog.wait_for(timeout=60_000)
    assert after(page, 'section[role="dialog"] > h2') == '"与服务器的连接已断开"'
    assert english_on_screen(page) == []
    shoot(page, "20-connection-lost")


def test_findings_marked_and_all_fixed(app_server, drafted, page, shoot):
    page.goto(f"{app_server}/?draft={drafted.draft.id}")
    page.get_by_text("填写本年度事实").wait_for()
    go(page, "修改与检查")
    mark = page.locator("mark.error", has_text="**").first
    mark.wait_for()
    assert "未填写的占位符" in mark.get_attribute("title")
    paragraph = mark.locator("xpath=ancestor::div[@class='para']")
    number = paragraph.locator(".no").inner_text()
    finding = page.get_by_text(re.compile(r"未填写的占位符（星号）.*第\d+段")).first
    assert finding.inner_text().endswith(f"第{number}段")
    assert page.locator("mark.warning", has_text=",").count() == 2
    shoot(page, "21-review")
    page.get_by_role("button", name=re.compile(r"^全部修正（\d+ 处）")).click()
    page.get_by_text(re.compile("已按建议修正 \\d+ 处")).wait_for()
    assert stored_draft(page).section("study").text.endswith("全年讲党课**次，覆盖全体党员，效果好。")
    assert page.locator("mark.warning", has_text=",").count() == 0
    assert page.locator("mark.error", has_text="**").count() == 1  # a placeholder has no automatic fix
    page.get_by_text("按规则", exact=True).click()
    wait_idle(page)
    page.get_by_text(re.compile(r"未填写的占位符（\d+ 处）")).wait_for()
    shoot(page, "22-review-by-rule")


def test_the_whole_report_on_one_page(app_server, drafted, page, shoot):
    page.goto(f"{app_server}/?draft={drafted.draft.id}")
    page.get_by_text("填写本年度事实").wait_for()
    go(page, "通读全文")
    page.get_by_text(re.compile(r"朗读约 [\d.]+ 分钟")).wait_for()
    page.get_by_text("全文字数").wait_for()
    shoot(page, "23-report")
    page.get_by_text("版本对比").click()
    page.locator(".diff ins", has_text="全年讲党课").first.wait_for()
    shoot(page, "24-report-diff")
    go(page, "导出")
    page.get_by_role("button", name=re.compile("下载文本")).wait_for()
    shoot(page, "25-export")
    assert page.get_by_role("button", name=re.compile("^下一步")).count() == 0  # the last step has none
    go(page, "对照去年")  # the step before 通读全文
    page.get_by_role("button", name="下一步：通读全文").click()
    page.get_by_text("全文字数").wait_for()


def test_a_usable_page_at_400_px(app_server, drafted, page, shoot):
    page.set_viewport_size({"width": 400, "height": 860})
    page.goto(f"{app_server}/?draft={drafted.draft.id}")
    page.get_by_text("填写本年度事实").wait_for()
    wait_idle(page)
    sidebar = page.get_by_test_id("stSidebar").bounding_box()
    covered = max(0, min(400, sidebar["x"] + sidebar["width"]) - max(0, sidebar["x"])) if sidebar else 0
    assert covered <= 0.25 * 400, f"the sidebar covers {covered}px of 400"
    main = page.get_by_test_id("stMain").bounding_box()
    assert main["width"] >= 380
    assert page.evaluate("document.documentElement.scrollWidth") <= 400 + 1  # nothing wider than the screen
    shoot(page, "30-facts-400px")
    page.get_by_test_id("stExpandSidebarButton").click()  # the steps are one tap away
    shoot(page, "34-sidebar-400px")
    page.get_by_test_id("stSidebar").get_by_text("修改与检查", exact=True).click()
    wait_idle(page)
    if page.get_by_test_id("stSidebarCollapseButton").is_visible():  # Streamlit leaves it open after a link
        page.get_by_test_id("stSidebarCollapseButton").locator("button").click()
    page.get_by_role("heading", name="修改与检查").wait_for()
    for name, step in (("31-review-400px", None), ("35-changes-400px", "下一步：对照去年"),
                       ("32-report-400px", "下一步：通读全文"), ("33-export-400px", "下一步：导出")):
        if step:
            page.get_by_role("button", name=step).click()
            wait_idle(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 401, name
        shoot(page, name)


def test_typed_text_is_kept_when_the_tab_closes_before_the_box_loses_focus(app_server, drafted, page):
    page.goto(f"{app_server}/?draft={drafted.draft.id}")
    page.get_by_text("填写本年度事实").wait_for()
    go(page, "修改与检查")
    card = under(page, drafted.draft.section("study").heading_line, levels=2)  # its box, as drawn out of order
    card.get_by_role("tab", name="编辑").click()
    box = card.get_by_test_id("stTextArea").locator("textarea")
    box.click()
    box.press("End")
    box.type("\n关闭页面前最后输入的一句。")
    draft_id = drafted.draft.id
    page.close(run_before_unload=True)  # never clicked outside the box
    from shuzhi.store import Store

    deadline = time.monotonic() + 20
    while "关闭页面前最后输入的一句。" not in Store().get(draft_id).section("study").text:
        assert time.monotonic() < deadline, "the text typed before the tab closed was lost"
        time.sleep(0.3)
