"""Nothing leaves the machine (issue #11, item 9): a unit's intranet has no internet, and
notices every page that tries to reach it. Streamlit fetches a ``:material/…:`` page icon
from fonts.gstatic.com on every page load; the app uses its own icon file instead. A real
browser records every request and WebSocket while a user goes through every page."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.reliability]


def test_every_request_stays_on_127_0_0_1(app_server, page):
    seen: list[str] = []
    page.context.on("request", lambda request: seen.append(request.url))
    page.on("websocket", lambda socket: seen.append(socket.url))

    page.goto(app_server)
    page.get_by_text("新建报告").first.wait_for()
    page.get_by_role("button", name="用示例事实体验（2022 年样例）").click()
    page.get_by_text("填写本年度事实").wait_for()
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("起草", exact=True).click()
    page.get_by_role("button", name="起草全文").click()
    page.get_by_text("起草完成，已自动保存").wait_for(timeout=60_000)
    for step, landmark in (("修改与检查", "修改与检查"), ("导出", "下载 Word（.docx）"), ("审阅提纲", "当前提纲")):
        sidebar.get_by_text(step, exact=True).click()
        page.get_by_text(landmark).last.wait_for()
        page.wait_for_timeout(1500)  # icons, fonts and images load after the text
    page.reload()  # the address names the page and the report: the reload shows the same page
    page.get_by_text("当前提纲").last.wait_for()
    page.wait_for_timeout(1500)

    outside = sorted({url for url in seen if urlparse(url).scheme not in ("data", "blob")
                      and urlparse(url).hostname != "127.0.0.1"})
    assert len(seen) > 50  # the recording worked: the page's own scripts, styles, socket
    assert outside == [], outside
