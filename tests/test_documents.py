"""The one document reader on real WordprocessingML: numbering, revisions, tables, text boxes,
ignored parts; a draft exported, edited with 修订 and imported; bad files as one line."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import docx
import pytest
import yaml

from shuzhi.documents.numbering import format_number
from shuzhi.errors import InputError
from shuzhi.readers import read_bytes, read_document, read_report

RECORDS = Path(__file__).parent / "data" / "records"
WORD = RECORDS / "word"
TRUTH = yaml.safe_load((WORD / "truth.yaml").read_text("utf-8"))
sys.path.insert(0, str(RECORDS))
import wordml  # noqa: E402  (the WordprocessingML pieces the test files are built from)


def read(path: Path, accept: bool = True):
    return read_document(read_bytes(path), str(path), accept=accept)


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_each_word_case_reads_as_word_shows_it(name):
    truth = TRUTH[name]
    document = read(WORD / name)
    assert document.lines == truth["lines"]
    for words in truth.get("must_not_contain", []):
        assert words not in document.text
    for words in truth.get("must_appear_once", []):
        assert document.text.count(words) == 1
    assert bool(document.notices) == bool(truth.get("revisions"))


def test_revisions_rejected_give_the_original_text():
    assert read(WORD / "revisions.docx", accept=False).lines == TRUTH["revisions.docx"]["original_lines"]


def test_outline_of_an_auto_numbered_file_finds_all_four_sections(shuzhi_proc):
    result = shuzhi_proc("outline", WORD / "numbering.docx")
    assert result.returncode == 0, result.stderr
    outline = json.loads(result.stdout)
    assert [s["title"] for s in outline["sections"]] == TRUTH["numbering.docx"]["outline_level1"]
    assert [c["number"] for c in outline["sections"][1]["children"]] == ["（一）", "（二）", "（三）"]


def test_check_says_the_file_had_unaccepted_revisions(shuzhi_proc):
    result = shuzhi_proc("check", WORD / "revisions.docx")
    assert "未接受的修订" in result.stderr and "Traceback" not in result.stderr
    assert "十九届六中全会" not in result.stdout  # the deleted sentence is not checked


def _numbered_document(levels: list[dict], paragraphs: list[tuple[str, int | None, int]], override=None):
    """A .docx with one list (``levels``) and paragraphs (text, numId index or None, ilvl);
    ``override``: a second w:num on the same list restarting level 0 at this value."""
    document = docx.Document()
    nums = [wordml.add_abstract_num(document, 7, levels)]
    if override is not None:
        numbering = document.part.numbering_part.element
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{nums[0] + 1}"><w:abstractNumId w:val="7"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{override}"/></w:lvlOverride></w:num>'))
        nums.append(nums[0] + 1)
    for text, num, ilvl in paragraphs:
        paragraph = document.add_paragraph(text)
        if num is not None:
            wordml.set_numbering(paragraph._p, nums[num], ilvl)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_numbering_formats_starts_suffixes_and_restarts():
    data = _numbered_document(
        [{"fmt": "taiwaneseCountingThousand", "text": "%1、", "suff": "nothing"},
         {"fmt": "ideographTraditional", "text": "%2.", "suff": "space"},
         {"fmt": "decimal", "text": "%1.%3", "start": 3},  # default suffix: a tab
         {"fmt": "chineseLegalSimplified", "text": "第%4项", "suff": "nothing"}],
        [("总体情况", 0, 0), ("学习", 0, 1), ("工作", 0, 1), ("甲项", 0, 2), ("乙项", 0, 2),
         ("存在不足", 0, 0), ("问题", 0, 1), ("丙项", 0, 2), ("无编号", None, 0), ("努力方向", 0, 0),
         *[(f"细目{i}", 0, 3) for i in range(12)], ("另起一份", 1, 0)],
        override=1)
    lines = read_document(data, "numbered.docx").lines
    assert lines[:10] == ["一、总体情况", "甲. 学习", "乙. 工作", "一.3\t甲项", "一.4\t乙项",  # %1 in its own level's format
                          "二、存在不足", "甲. 问题", "二.3\t丙项", "无编号", "三、努力方向"]
    assert lines[10] == "第壹项细目0" and lines[21] == "第壹拾贰项细目11"
    assert lines[22] == "一、另起一份"  # a second w:num with startOverride restarts the list


@pytest.mark.parametrize("n, fmt, text", [
    (1, "chineseCounting", "一"), (10, "chineseCountingThousand", "十"), (21, "chineseCounting", "二十一"),
    (105, "chineseCountingThousand", "一百零五"), (3, "ideographTraditional", "丙"),
    (13, "ideographZodiac", "子"), (10, "taiwaneseDigital", "一〇"), (12, "chineseLegalSimplified", "壹拾贰"),
    (4, "decimalEnclosedCircle", "④"), (2, "decimalFullWidth", "２"), (7, "decimalZero", "07"),
    (14, "upperRoman", "XIV"), (28, "lowerLetter", "bb"), (5, "none", ""),
])
def test_number_formats(n, fmt, text):
    assert format_number(n, fmt) == text


def test_a_draft_exported_edited_with_revisions_and_imported(offline_draft, samples, tmp_path):
    """The user's round trip: export to Word, a reviewer edits with 修订 on, import the file."""
    from docx.oxml import parse_xml

    from shuzhi import export
    from shuzhi.facts import load_facts
    from shuzhi.importing import match_sections

    draft = offline_draft(load_facts(samples / "facts-2022.yaml"))
    document = docx.Document(io.BytesIO(export.render(draft, "docx")))
    section = draft.sections[1]
    target = next(p for p in document.paragraphs if p.text == section.text.split("\n")[0])
    target._p.append(parse_xml(wordml.paragraph_xml(wordml.ins_xml("（新增：全年讲党课4次。）")))[0])
    first_run = target._p.find(wordml.qn("w:r"))
    first_run.addprevious(parse_xml(wordml.paragraph_xml(wordml.del_xml("【删去的话】")))[0])
    path = tmp_path / "edited.docx"
    document.save(path)

    changes = {c.section_id: c for c in match_sections(draft, read_report(path))}
    assert changes[section.id].changed
    assert "（新增：全年讲党课4次。）" in changes[section.id].new
    assert "【删去的话】" not in changes[section.id].new
    assert not any(c.changed for sid, c in changes.items() if sid != section.id)


@pytest.mark.parametrize("name, words", [
    ("encrypted.docx", "密码"), ("zip-bomb.docx", "解压后过大"), ("png-named.docx", "不是有效的 Word 文档"),
    ("text-named.docx", "不是有效的 Word 文档"), ("truncated.docx", "不是有效的 Word 文档"),
])
def test_bad_word_files_are_one_line_and_exit_2(shuzhi_proc, name, words):
    result = shuzhi_proc("outline", RECORDS / "bad" / name)
    assert result.returncode == 2
    assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_a_doc_renamed_docx_says_what_it_is(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes((RECORDS / "old" / "report.doc").read_bytes())
    with pytest.raises(InputError, match="Word 97–2003"):
        read(path)


def test_an_odt_bomb_is_refused_before_libreoffice_sees_it(tmp_path, monkeypatch):
    import zipfile

    monkeypatch.setenv("SHUZHI_SOFFICE", "no-such-soffice")  # it must not get that far
    path = tmp_path / "bomb.odt"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", " " * (80 * 1024 * 1024))
    with pytest.raises(InputError, match="解压后过大"):
        read(path)
