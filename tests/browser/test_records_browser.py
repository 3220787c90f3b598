"""导入工作记录 in a real browser: upload a year's records, see the suggestions with their
sources, accept them, and find the figures (with sources) in the report's facts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_app_browser import stored_draft, wait_idle  # tests/browser is on sys.path (no package)

RECORDS = Path(__file__).resolve().parents[1] / "data" / "records"

pytestmark = pytest.mark.browser


def test_records_upload_accept_and_sources(app_server, page, shoot):
    page.goto(app_server)
    page.get_by_text("新建报告").first.wait_for()
    page.get_by_label("姓名").fill("周文涛")
    page.get_by_label("单位").fill("临江学院图书馆直属党支部")
    page.get_by_role("button", name="创建报告").click()
    page.get_by_text("填写本年度事实").wait_for()
    year = page.get_by_label("报告年度")
    year.fill("2024")
    year.press("Enter")
    wait_idle(page, timeout=60_000)

    page.get_by_test_id("stSidebar").get_by_text("导入工作记录", exact=True).click()
    page.get_by_role("heading", name="导入工作记录").wait_for()
    page.locator("input[type=file]").set_input_files(
        [str(RECORDS / "taizhang-2024.docx"), str(RECORDS / "zhibiao-2024.xlsx")])
    page.get_by_text("taizhang-2024.docx").first.wait_for()
    wait_idle(page, timeout=60_000)
    page.get_by_role("button", name="摘录").click()
    page.get_by_text(re.compile("摘录结果：\\d+ 个数字")).wait_for(timeout=60_000)
    shoot(page, "records-01-suggestions")
    assert stored_draft(page).facts.section("responsibility").figures == []  # nothing before the user accepts

    page.get_by_role("button", name="把采用的条目加入事实").click()
    page.get_by_text(re.compile("已加入事实")).first.wait_for(timeout=60_000)
    shoot(page, "records-02-accepted")
    facts = stored_draft(page).facts
    sources = {f.source.label() for f in facts.all_figures() if f.source}
    assert "taizhang-2024.docx 第28行" in sources and "zhibiao-2024.xlsx「重点指标」第19行B列" in sources
