"""导入工作记录 in the app, through AppTest: records uploaded, suggestions shown with their
sources, accepted ones in the facts (with sources, shown next to the figure); rejected or
unplaced ones not."""

from __future__ import annotations

from pathlib import Path

from app_helpers import app_test, button, ok, session_of
from streamlit.testing.v1 import AppTest

from shuzhi.extract import extract
from shuzhi.extract.records import read_record
from shuzhi.extract.suggestions import accepted_sections, suggestion_rows
from shuzhi.templates import load_template

RECORDS = Path(__file__).parent / "data" / "records"
PAGE = "webapp/pages/records.py"


def new_report() -> AppTest:
    at = ok(app_test().run())
    inputs = {t.label: t for t in at.text_input}
    inputs["姓名"].set_value("周文涛")
    inputs["单位"].set_value("临江学院图书馆直属党支部")
    button(at, "创建报告").click().run()
    return ok(at)


def test_records_become_facts_after_the_user_accepts_them():
    at = new_report()
    session = session_of(at)
    session.update_facts(session.draft.facts.model_copy(update={"year": 2024}))  # the records' year
    ok(at.switch_page(PAGE).run())
    uploader = at.file_uploader[0]
    uploader.upload("taizhang-2024.docx", (RECORDS / "taizhang-2024.docx").read_bytes())
    uploader.upload("zhibiao-2024.xlsx", (RECORDS / "zhibiao-2024.xlsx").read_bytes())
    uploader.run()
    button(at, "摘录").click().run()
    ok(at)
    assert any("摘录结果：" in s.value and "个数字" in s.value for s in at.subheader)
    assert not session_of(at).draft.facts.section("responsibility").figures  # nothing until accepted
    button(at, "把采用的条目加入事实").click().run()
    ok(at)
    facts = session_of(at).draft.facts
    meetings = next(f for f in facts.section("responsibility").figures if f.source and f.source.line == 28)
    assert meetings.value == 12 and meetings.source.file == "taizhang-2024.docx"
    assert any("已加入事实" in s.value for s in at.success)
    # the one ledger line no section claimed was not taken without the user placing it
    assert not any("寒假期间" in i for s in facts.sections.values() for i in s.items)

    ok(at.switch_page("webapp/pages/facts.py").run())  # the form shows where each figure came from
    from shuzhi.forms import figure_rows

    rows = figure_rows(session_of(at).draft.facts.section("responsibility").figures)
    assert "taizhang-2024.docx 第28行" in [r.get("source") for r in rows]


def test_rejected_and_moved_suggestions():
    template = load_template("shudeshulian")
    extraction = extract([read_record(RECORDS / "zongjie-2024-11.txt")], template, year=2024)
    rows = suggestion_rows(extraction, template)
    seats = next(r for r in rows if r["kind"] == "数字" and r["value"] == "40个")
    assert seats["source"] == "zongjie-2024-11.txt 第13行" and seats["accept"]
    seats["accept"] = False  # rejected
    court = next(r for r in rows if r["kind"] == "数字" and r["value"] == "21人")
    court["section"] = "从真抓实干入手，扎实履行抓党建第一责任人职责"  # moved by the user
    sections = accepted_sections(extraction, rows, template)
    assert not any(f.value == 40 for s in sections.values() for f in s.figures)
    assert [f.value for f in sections["responsibility"].figures] == [21]
    assert 21 not in [f.value for f in sections["safety"].figures]
