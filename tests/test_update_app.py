"""The app's update flow (#17), driven through AppTest as a user clicks it: a 2025 facts file and
last year's 机关 report uploaded, 按去年的报告起草, then the facts form (上年问题 with 整改情况,
last year's figures beside this year's) and the 对照去年 page side by side."""

from __future__ import annotations

from pathlib import Path

from app_helpers import session_of, switch
from test_app import create_report, ok, shown, start, upload_facts

from shuzhi.store import Store

PAIR = Path(__file__).parent / "data" / "update" / "jiguan-shuzhishulian"


def updated():
    at = create_report(start(), person="孙立", unit="江州市人力资源和社会保障局就业促进处")
    ok(upload_facts(at, "facts-2025.yaml", (PAIR / "facts-2025.yaml").read_bytes()))
    at.file_uploader[1].upload("2024年述职述廉报告.txt", (PAIR / "report-2024.txt").read_bytes(), "text/plain").run()
    ok(at)
    at.button(key="update-from-report").click().run()
    return ok(at)


def test_update_then_compare_side_by_side():
    at = updated()
    assert [h.value for h in at.header] == ["对照去年的报告"]  # taken to the comparison
    draft = Store().get(session_of(at).draft.id)
    assert draft.title == "2025年度述职述廉报告"
    assert [s.heading for s in draft.sections if s.level == 1][4] == "上年问题整改情况"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["上年问题"] == "4 条" and metrics["需核对"] != "0 处"
    still = int(metrics["稿中仍是上年的句子"].removesuffix(" 句"))
    assert still >= draft.assemble().count("【上年内容，请核对：")
    texts = [shown(m) for m in at.markdown]
    assert any("被评为全省人社系统就业工作先进集体" in t and ":violet-background[" in t for t in texts)
    assert any(t.startswith("第4行 需核对（上年内容）") or "第4行 需核对（上年内容）" in t for t in texts)
    # last year's column shows last year's words; this year's, this year's facts
    assert any("全年全市城镇新增就业5.6万人" in t for t in texts)


def test_facts_form_shows_last_years_problems_and_figures_and_saves_a_rectification():
    at = updated()
    switch(at, "填写事实")
    ok(at)
    rects = [t for t in at.text_area if t.label == "整改情况"]
    assert len(rects) == 4 and rects[3].value == ""  # the one the user left empty
    assert any("深入基层调研的时间还不够多" in shown(m) for m in at.markdown)
    tables = [t.value for t in at.dataframe]  # the figures editors: 上年 beside this year's
    first = next(t for t in tables if "城镇新增就业" in set(t["name"]))
    assert list(first.columns) == ["name", "value", "unit", "source", "last"]
    assert first.set_index("name").loc["城镇新增就业", ["value", "last"]].tolist() == ["5.8", "5.6"]
    rects[3].set_value("每月到县区调研不少于2次，全年走访基层就业服务平台36个").run()
    ok(at)
    facts = Store().get(session_of(at).draft.id).facts
    assert facts.previous_issues[3].rectification == "每月到县区调研不少于2次，全年走访基层就业服务平台36个"
    assert any(f.name == "城镇新增就业" and f.last == 5.6 for f in facts.all_figures())
