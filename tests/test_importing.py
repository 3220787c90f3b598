"""A draft exported to Word, edited there, uploaded again: matched section by section."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from shuzhi import export
from shuzhi.draft import Draft
from shuzhi.errors import InputError
from shuzhi.facts import load_facts
from shuzhi.importing import apply, match_sections
from shuzhi.outline import report_to_draft
from shuzhi.readers import read_report

DATA = Path(__file__).parent / "data"


@pytest.fixture
def draft(offline_draft) -> Draft:
    return offline_draft(load_facts(DATA / "facts-2023.yaml"))


def edit_in_word(draft: Draft, tmp_path: Path, edit) -> str:
    """Export, let ``edit`` change the document as a user would in Word, save, read back."""
    path = tmp_path / "exported.docx"
    path.write_bytes(export.render(draft, "docx"))
    document = docx.Document(path)
    edit(document)
    edited = tmp_path / "edited.docx"
    document.save(edited)
    return read_report(edited)


def paragraph(document, start: str):
    return next(p for p in document.paragraphs if p.text.startswith(start))


def test_unedited_export_matches_with_no_change(draft, tmp_path):
    changes = match_sections(draft, edit_in_word(draft, tmp_path, lambda d: None))
    assert [c.section_id for c in changes] == [s.id for s in draft.sections]
    assert [c.section_id for c in changes if c.changed or not c.found] == []


def test_edited_paragraph_shows_in_its_section_only(draft, tmp_path):
    def edit(document):
        p = paragraph(document, "深入学习党的二十大精神")
        p.runs[0].text = "系统学习党的二十大精神，撰写心得体会5篇。"
        document.paragraphs[-3].insert_paragraph_before("补充：参加省委党校轮训。")  # above the signature
        paragraph(document, "全年专题会议4次").insert_paragraph_before("新增：开展巡察整改回头看。")

    changes = {c.section_id: c for c in match_sections(draft, edit_in_word(draft, tmp_path, edit))}
    assert sorted(i for i, c in changes.items() if c.changed) == ["outlook", "responsibility", "study"]
    study = changes["study"]
    assert study.new == "系统学习党的二十大精神，撰写心得体会5篇。"
    assert "-深入学习党的二十大精神和二十届二中全会精神。全年交流分享3次。" in study.diff()
    assert "+系统学习党的二十大精神，撰写心得体会5篇。" in study.diff()
    assert changes["responsibility"].new.split("\n")[1] == "新增：开展巡察整改回头看。"
    assert changes["outlook"].new.endswith("持续加强理论武装。\n补充：参加省委党校轮训。")
    assert "李华" not in changes["outlook"].new


def test_apply_only_accepted_changes_as_import_versions(draft, tmp_path):
    def edit(document):
        paragraph(document, "深入学习党的二十大精神").runs[0].text = "新的学习段落。"
        paragraph(document, "全年专题会议4次").runs[0].text = "全年专题会议5次。"

    changes = match_sections(draft, edit_in_word(draft, tmp_path, edit))
    before = {s.id: (s.text, len(s.versions)) for s in draft.sections}
    added = apply(draft, changes, accepted_ids=["study"])
    assert len(added) == 1 and added[0].source == "import"
    assert draft.section("study").text == "新的学习段落。"
    assert len(draft.section("study").versions) == before["study"][1] + 1
    assert draft.section("study").versions[-2].text == before["study"][0]  # the old text is kept
    assert (draft.section("responsibility").text, len(draft.section("responsibility").versions)) == \
        before["responsibility"]


def test_edited_heading_is_still_matched_and_reported(draft, tmp_path):
    def edit(document):
        paragraph(document, "一、加强学习").runs[0].text = "一、加强理论学习，提高政治站位"

    changes = {c.section_id: c for c in match_sections(draft, edit_in_word(draft, tmp_path, edit))}
    assert changes["study"].found and not changes["study"].changed
    assert changes["study"].file_heading == "一、加强理论学习，提高政治站位"


def test_deleted_section_is_reported_not_found(draft, tmp_path):
    def edit(document):
        start = paragraph(document, "（三）从“四个融合”入手")
        following = start._element.getnext()
        start._element.getparent().remove(start._element)
        following.getparent().remove(following)

    changes = {c.section_id: c for c in match_sections(draft, edit_in_word(draft, tmp_path, edit))}
    assert not changes["integration"].found and changes["integration"].new == ""
    assert changes["brand"].found and not changes["brand"].changed  # later sections still match


def test_heading_sharing_a_line_with_text(tmp_path):
    draft = report_to_draft((DATA / "messy-2023.txt").read_bytes().decode("utf-8"))
    text = (DATA / "messy-2023.txt").read_bytes().decode("utf-8").replace("签订责任书25份", "签订责任书30份")
    changes = {c.section_id: c for c in match_sections(draft, text)}
    assert [i for i, c in changes.items() if c.changed] == ["s2-1"]
    assert changes["s2-1"].new == "全年召开党风廉政建设专题会议4次，签订责任书30份。"
    assert changes["s2-1"].file_heading is None


@pytest.mark.parametrize("content", [b"just text, renamed to .docx", b"PK\x03\x04 but not a zip"])
def test_upload_that_is_not_docx_is_one_clear_error(tmp_path, content):
    path = tmp_path / "edited.docx"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_report(path)
    assert "不是有效的 Word 文档" in str(caught.value) and "\n" not in str(caught.value)


def test_import_command_shows_and_accepts(cli, draft, tmp_path):
    draft_file = tmp_path / "draft.json"
    draft_file.write_bytes(export.render(draft, "json"))
    text = edit_in_word(draft, tmp_path, lambda d: setattr(
        paragraph(d, "深入学习党的二十大精神").runs[0], "text", "系统学习党的二十大精神。"))
    edited = tmp_path / "edited.txt"
    edited.write_text(text, encoding="utf-8")

    shown = cli("import", draft_file, edited)
    assert shown.exit_code == 0
    assert "== [study] 一、加强学习，提高政治站位" in shown.stdout
    assert "+系统学习党的二十大精神。" in shown.stdout and "共 1 节有修改：study" in shown.stdout
    assert Draft.model_validate_json(draft_file.read_text(encoding="utf-8")).section("study").text == \
        draft.section("study").text  # nothing written without --accept

    accepted = cli("import", draft_file, edited, "--accept", "all")
    assert accepted.exit_code == 0
    stored = Draft.model_validate_json(draft_file.read_text(encoding="utf-8"))
    assert stored.section("study").text == "系统学习党的二十大精神。"
    assert stored.section("study").versions[-1].source == "import"
    assert cli("import", draft_file, edited).stdout.strip().endswith("共 0 节有修改：无")

    unknown = cli("import", draft_file, edited, "--accept", "nosuch")
    assert unknown.exit_code == 2 and "nosuch" in unknown.stderr


@pytest.mark.parametrize("content", [b"renamed text\n", bytes(range(256)) * 4])
def test_import_command_refuses_a_fake_docx(shuzhi_proc, draft, tmp_path, content):
    draft_file = tmp_path / "draft.json"
    draft_file.write_bytes(export.render(draft, "json"))
    fake = tmp_path / "edited.docx"
    fake.write_bytes(content)
    proc = shuzhi_proc("import", draft_file, fake)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "不是有效的 Word 文档" in proc.stderr
