"""The app's library side: DraftSession and the small helpers behind its widgets."""

from __future__ import annotations

from pathlib import Path

import pytest

from shuzhi.display import literal_markdown
from shuzhi.drafting import get_drafter
from shuzhi.errors import InputError
from shuzhi.facts import load_facts
from shuzhi.forms import apply_table_edits, figures_from_rows, outline_from_rows, outline_rows, parse_value
from shuzhi.session import DraftSession, draft_id_from, safe_filename
from shuzhi.store import Store

FIXTURE = Path(__file__).parent / "fixtures" / "app-facts.yaml"


@pytest.mark.parametrize("name, expected", [
    ("2022年述德述廉述职报告-张三", "2022年述德述廉述职报告-张三.txt"),
    ("报告/../../etc/passwd", "报告_.._.._etc_passwd.txt"),
    ('a:b*c?"d"<e>|f\\g', "a_b_c_d_e_f_g.txt"),
    ("   ...", "述职报告.txt"),
    ("报告\x00\n名", "报告名.txt"),
    ("报告\u202etxt.exe", "报告txt.exe.txt"),  # no right-to-left override to disguise the name
    ("CON", "述职报告_CON.txt"),
])
def test_safe_filename(name, expected):
    assert safe_filename(name, "txt") == expected


@pytest.mark.parametrize("raw, expected", [
    ("12", 12), ("98.5", 98.5), ("95%", "95%"), ("", None), ("  ", None), (None, None),
    (float("nan"), None), (7, 7), ("三", "三"), ("-3", -3),
])
def test_parse_value(raw, expected):
    assert parse_value(raw) == expected


@pytest.mark.parametrize("link, expected", [
    ("http://127.0.0.1:8501/?draft=AbC-_12", "AbC-_12"),
    ("https://x.cn/app?foo=1&draft=zz9", "zz9"),
    ("  AbC-_12 ", "AbC-_12"),
    ("", ""),
])
def test_draft_id_from(link, expected):
    assert draft_id_from(link) == expected


def test_table_edits_applied_in_the_editor_s_order():
    base = [{"name": "甲", "value": "1", "unit": "次"}, {"name": "乙", "value": "2", "unit": "次"}]
    edits = {"edited_rows": {"1": {"value": "5"}}, "deleted_rows": [0],
             "added_rows": [{"name": "丙", "value": None, "unit": "场"}]}
    rows = apply_table_edits(base, edits)
    assert rows == [{"name": "乙", "value": "5", "unit": "次"}, {"name": "丙", "value": None, "unit": "场"}]
    assert [(f.name, f.value) for f in figures_from_rows(rows + [{"name": "", "value": 3}])] == [
        ("乙", 5), ("丙", None)]
    assert apply_table_edits(base, None) == base


def test_literal_markdown_keeps_user_text_as_typed():
    text = "**次<script>alert(1)</script> $x$ :red[红] # 标题\n\n第二段"
    out = literal_markdown(text)
    assert "<script>" not in out and "\\*\\*" in out and "\\$x\\$" in out and "\\:red\\[" in out
    assert out.count("\n\n") == 1


def test_outline_rows_round_trip_and_validation():
    session = DraftSession.new(load_facts(FIXTURE))
    rows = outline_rows(session.template)
    assert outline_from_rows(session.template, rows) == [
        s.model_dump(mode="json") for s in session.template.sections]
    with pytest.raises(InputError, match="提纲不能为空"):
        outline_from_rows(session.template, [{"id": "study", "level": 1, "heading": " "}])
    # a parent left without its subsections draws on facts of its own
    flat = [r for r in rows if r["level"] == 1]
    outline = outline_from_rows(session.template, flat)
    duties = next(s for s in outline if s["id"] == "duties")
    assert duties["children"] == [] and duties["facts"] == ["sections.duties"]


def test_lines_place_every_report_line_in_its_section():
    session = DraftSession.new(load_facts(FIXTURE))
    session.draft_all(get_drafter("offline"))
    session.edit("study", "第一段。\n\n第二段。")
    lines = session.draft.assemble().split("\n")
    where = session.draft.lines()
    assert len(where) >= len(lines) - 1
    index = lines.index("第二段。")
    assert (where[index].section_id, where[index].paragraph) == ("study", 2)  # the blank line in the section's text is skipped


def test_reopened_session_sees_outline_previous_report_and_locks():
    session = DraftSession.new(load_facts(FIXTURE), store=Store())
    session.set_previous_report("去年的报告全文")
    rows = [r for r in outline_rows(session.template) if r["id"] != "team"]
    session.set_outline(rows + [{"id": None, "level": 1, "heading": "述法"}])
    session.set_locked("study", True)
    again = DraftSession.open(session.draft.id)
    assert again.draft.previous_report == "去年的报告全文"
    assert [s.heading for s in again.draft.sections][-1] == "述法"
    assert again.draft.section("study").locked
    assert "team" not in [s.id for s in again.draft.sections]
    with pytest.raises(InputError, match="已锁定"):
        again.regenerate("study", get_drafter("offline"))


def test_a_draft_with_an_added_section_survives_json_export_and_import(tmp_path):
    """The outline the user changed and last year's report travel in the draft's JSON: imported
    into a fresh store (another machine), the draft reopens with the added section there to
    see, write and export."""
    session = DraftSession.new(load_facts(FIXTURE), store=Store())
    session.set_previous_report("去年的报告全文")
    session.set_outline(outline_rows(session.template) + [{"id": None, "level": 1, "heading": "述法"}])
    added = session.draft.sections[-1]
    session.edit(added.id, "认真学习宪法和党内法规。")
    exported = session.export("json").data

    from shuzhi.draft import Draft

    fresh = Store(f"sqlite:///{tmp_path / 'another.db'}")
    DraftSession.import_draft(Draft.model_validate_json(exported), fresh)
    again = DraftSession.open(session.draft.id, fresh)
    assert "述法" in [s.heading for s in again.draftable()]
    assert again.draft.section(added.id).text == "认真学习宪法和党内法规。"
    assert "述法\n认真学习宪法和党内法规。" in again.export("txt").data.decode("utf-8")
    assert again.draft.previous_report == "去年的报告全文"


def test_an_imported_outline_cannot_bring_template_code():
    """An outline in a draft's JSON is data: offline text (Jinja) is kept only where it is the
    template's own for that section, so a crafted file cannot make the drafter compile its own."""
    from shuzhi.draft import Draft

    session = DraftSession.new(load_facts(FIXTURE))
    outline = [s.model_dump(mode="json") for s in session.template.sections]
    outline.append({"id": "extra", "heading": "其他", "offline": "{{ 6 * 7 }}号"})
    outline[0]["offline"] = "{{ 6 * 7 }}号"  # a known section's offline text replaced
    crafted = session.draft.model_copy(update={"id": "Crafted_0123456789", "outline": outline})
    imported = DraftSession.import_draft(Draft.model_validate_json(crafted.model_dump_json()))
    imported.draft_all(get_drafter("offline"))
    assert "42号" not in imported.draft.assemble()
    with pytest.raises(InputError, match="草稿的提纲无效"):
        DraftSession.import_draft(crafted.model_copy(update={"id": "Broken_0123456789",
                                                             "outline": [{"heading": "无编号"}]}))


def test_a_locked_section_refuses_every_change_with_one_message():
    """Regenerate, restore, edit: a locked section says the same thing to the CLI and the app."""
    session = DraftSession.new(load_facts(FIXTURE))
    session.draft_all(get_drafter("offline"))
    session.edit("study", "第二稿。")
    session.set_locked("study", True)
    messages = set()
    for change in (lambda: session.regenerate("study", get_drafter("offline")),
                   lambda: session.restore("study", 0), lambda: session.edit("study", "第三稿。")):
        with pytest.raises(InputError, match="已锁定") as caught:
            change()
        messages.add(str(caught.value))
    assert len(messages) == 1
    assert session.draft.section("study").text == "第二稿。"
    session.set_locked("study", False)
    with pytest.raises(InputError, match="只有 2 个版本，无法恢复第 3 版"):
        session.restore("study", 2)
    assert session.restore("study", 0).text == DraftSession.open(session.draft.id).draft.section("study").text
