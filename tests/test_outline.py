"""The outline parser on reports of several shapes, and ``shuzhi outline`` as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from shuzhi.outline import match_heading, parse_outline, report_to_draft, report_year

DATA = Path(__file__).parent / "data"


def flat(outline) -> list[tuple[int, str, str, int]]:
    return [(depth, h.number, h.title, h.line) for depth, h in outline.walk()]


def test_sample_report_structure(samples):
    outline = parse_outline((samples / "report-2022.txt").read_text(encoding="utf-8"))
    assert outline.title == "2022年述德述廉述职报告"
    top = [(h.number, h.title, h.line) for h in outline.sections]
    assert top == [("一、", "加强学习，提高政治站位", 4), ("二、", "认真履职，提高党建水平", 6),
                   ("三、", "自省自律，筑牢防腐堤坝", 24), ("四、", "盘点不足，明确努力方向", 26)]
    subs = outline.sections[1].children
    assert [s.number for s in subs] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]
    assert subs[2].title == "从“四个融合”入手，深化党建内涵建设"
    # 一是 opening a paragraph, its title is the lead sentence without the full stop
    assert [(c.number, c.title, c.line) for c in subs[1].children] == [
        ("一是", "压紧压实党建主体责任", 11), ("二是", "亲力亲为履行第一责任", 12)]
    # 一是…。二是…。三是… inside one paragraph (line 20) are five siblings on that line
    assert [(c.number, c.title, c.line) for c in subs[4].children] == [
        ("一是", "强化人才意识", 20), ("二是", "开展校内锻炼", 20), ("三是", "完成人才目标", 20),
        ("四是", "重视培养青年教职工", 20), ("五是", "强化沟通意识", 20)]
    # no lead sentence: only the first clause is the title
    assert subs[0].children[0].title == "通过理论学习组、支委会第一议题、全体党员学习等形式"


def test_denengqinjilian_report():
    outline = parse_outline((DATA / "denengqinjilian-2023.txt").read_text(encoding="utf-8"))
    assert outline.title == "2023年度个人述职报告"
    assert [h.title for h in outline.sections] == [
        "政治品德方面", "工作能力方面", "勤勉敬业方面", "工作业绩方面", "廉洁自律方面", "存在的不足和下一步打算"]
    assert [(c.number, c.title) for c in outline.sections[3].children] == [
        ("（一）", "教学管理"), ("（二）", "学科建设"), ("（三）", "师资队伍")]
    assert [c.title for c in outline.sections[5].children] == ["理论学习的系统性还不够", "工作创新不足"]


def test_jiceng_dangjian_report_with_arabic_levels():
    outline = parse_outline((DATA / "jiceng-dangjian-2023.txt").read_text(encoding="utf-8"))
    assert outline.title == "2023年度党支部书记抓基层党建工作述职报告"
    assert flat(outline)[:5] == [
        (1, "一、", "履职情况", 4),
        (2, "1.", "抓理论武装，筑牢思想根基", 5),
        (3, "（1）", "落实“第一议题”制度，支委会第一议题学习18次", 6),
        (3, "（2）", "组织主题党日活动12次，讲专题党课2次", 7),
        (2, "2.", "抓组织建设，夯实战斗堡垒", 8)]
    # 1、 is the same level as 1.
    assert [(c.number, c.title) for c in outline.sections[2].children] == [
        ("1、", "深化党建业务融合，打造支部品牌"), ("2、", "创新党员教育方式，提升组织力")]


def test_messy_report():
    """Half-width brackets, 一. , CRLF, full-width indentation, headings with text after them."""
    outline = parse_outline((DATA / "messy-2023.txt").read_bytes().decode("utf-8"))
    assert outline.title == "2023年述职述廉报告"
    assert flat(outline) == [
        (1, "一.", "加强理论学习", 4),
        (2, "一是", "深入学习党的二十大精神", 5),
        (2, "二是", "学以致用", 5),
        (1, "二.", "履行主体责任", 6),
        (2, "(一)", "压紧压实责任", 7),
        (2, "(二)", "抓好意识形态工作", 8),
        (3, "1、", "落实意识形态工作责任制，开展分析研判2次", 9),
        (3, "2、", "加强阵地管理", 10),
        (1, "三.", "廉洁自律", 11),
        (1, "四.", "不足与打算", 13),
        (2, "（1）", "学习深度不够", 14)]


@pytest.mark.parametrize("line", [
    "1.5万人次到馆参观", "2022年，我坚持以习近平新时代中国特色社会主义思想为指导", "一、", "（一）",
    "一方面加强学习", "十九届六中全会精神", "100%完成任务", "1，2，3"])
def test_body_lines_are_not_headings(line):
    assert match_heading(line, 1) is None


@pytest.mark.parametrize("line, number, title", [
    ("一、加强学习", "一、", "加强学习"), ("十二、其他", "十二、", "其他"),
    ("（一）从严抓学习入手", "（一）", "从严抓学习入手"), ("(三) 抓好意识形态", "(三)", "抓好意识形态"),
    ("一是压紧压实党建主体责任。坚持……", "一是", "压紧压实党建主体责任"),
    ("1.抓理论武装", "1.", "抓理论武装"), ("2．抓组织", "2．", "抓组织"), ("3、抓作风", "3、", "抓作风"),
    ("（1）落实制度", "（1）", "落实制度"), ("(2)发展党员", "(2)", "发展党员"),
    ("　　## 四、盘点不足", "四、", "盘点不足"), ("①加强学习", "①", "加强学习")])
def test_heading_variants(line, number, title):
    heading = match_heading(line, 1)
    assert heading is not None and (heading.number, heading.title) == (number, title)


@pytest.mark.parametrize("title, text, year", [
    ("2023年述职报告", "", 2023), ("二〇二三年度述职述廉报告", "", 2023), ("**二、认真履职**", "", None),
    ("述职报告", "现将本人2023年度履职情况报告如下。", 2023), ("述职报告", "", None)])
def test_report_year_from_the_title_or_the_opening(title, text, year):
    assert report_year(title, text) == year


def test_bold_markdown_headings_are_headings():
    outline = parse_outline("2023年述职报告\n\n**一、加强学习**\n正文。\n**（一）深化理论武装**\n正文。")
    assert flat(outline) == [(1, "一、", "加强学习", 3), (2, "（一）", "深化理论武装", 5)]


def test_report_to_draft_round_trips_the_sample(samples):
    text = (samples / "report-2022.txt").read_text(encoding="utf-8")
    draft = report_to_draft(text)
    assert draft.assemble() == text
    assert draft.year == 2022
    assert [s.id for s in draft.sections][:4] == ["preamble", "s1", "s2", "s2-1"]
    assert draft.section("s2").text == ""  # 二、 has no text of its own


def test_report_to_draft_takes_the_signature_off_the_end():
    draft = report_to_draft((DATA / "denengqinjilian-2023.txt").read_text(encoding="utf-8"))
    assert (draft.facts.person, draft.facts.date) == ("王明", "2024年1月8日")
    assert "王明" not in draft.sections[-1].text
    assert draft.sections[-1].text.endswith("以上报告，请予评议。")


def test_heading_with_text_on_its_line_keeps_both():
    draft = report_to_draft((DATA / "messy-2023.txt").read_bytes().decode("utf-8"))
    section = draft.section("s2-1")
    assert (section.number, section.heading) == ("(一)", "压紧压实责任。")
    assert section.text == "全年召开党风廉政建设专题会议4次，签订责任书25份。"


@pytest.mark.parametrize("fmt", ["json", "yaml", "text"])
def test_outline_command(cli, samples, fmt):
    result = cli("outline", samples / "report-2022.txt", "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "text":
        assert "  （六）从除险保安入手，创设清廉和谐大环境  （第21行）" in result.stdout
        return
    data = json.loads(result.stdout) if fmt == "json" else yaml.safe_load(result.stdout)
    assert data["title"] == "2022年述德述廉述职报告"
    first = data["sections"][0]
    assert set(first) == {"number", "title", "line", "children"}
    assert (first["number"], first["title"], first["line"]) == ("一、", "加强学习，提高政治站位", 4)
    assert len(data["sections"][1]["children"]) == 6


def test_outline_of_a_docx_counts_paragraphs_as_lines(cli, tmp_path):
    import docx

    document = docx.Document()
    for text in ["2023年述职报告", "", "导语。", "一、加强学习", "正文。", "（一）专题学习", "正文。"]:
        document.add_paragraph(text)
    path = tmp_path / "r.docx"
    document.save(path)
    result = cli("outline", path)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["sections"][0]["line"] == 4 and data["sections"][0]["children"][0]["line"] == 6


@pytest.mark.parametrize("content", [b"this is plain text, renamed\n", bytes(range(256)) * 8])
def test_outline_refuses_a_file_that_is_not_docx(shuzhi_proc, tmp_path, content):
    path = tmp_path / "fake.docx"
    path.write_bytes(content)
    proc = shuzhi_proc("outline", path)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "不是有效的 Word 文档" in proc.stderr
    assert "Traceback" not in proc.stderr


# --- shuzhi templates new: a template from any report ------------------------------------------

REPORTS = {
    "sample": Path(__file__).resolve().parents[1] / "samples" / "report-2022.txt",
    "denengqinjilian": DATA / "denengqinjilian-2023.txt",
    "jiceng": DATA / "jiceng-dangjian-2023.txt",
    "messy": DATA / "messy-2023.txt",
}


@pytest.fixture
def templates_home(tmp_path, monkeypatch):
    import shutil

    root = tmp_path / "prompts"
    shutil.copytree(Path(__file__).resolve().parents[1] / "prompts" / "shudeshulian", root / "shudeshulian")
    shutil.copyfile(Path(__file__).resolve().parents[1] / "prompts" / "section.md", root / "section.md")
    monkeypatch.setenv("SHUZHI_TEMPLATES", str(root))
    return root


@pytest.mark.parametrize("report_id", list(REPORTS))
def test_templates_new_from_each_report_shape(cli, templates_home, report_id):
    from shuzhi.draft import Draft
    from shuzhi.drafting import get_drafter
    from shuzhi.drafting.pipeline import draft_report
    from shuzhi.facts import Facts
    from shuzhi.templates import load_template

    path = REPORTS[report_id]
    result = cli("templates", "new", "--from", path, "--id", f"house-{report_id}")
    assert result.exit_code == 0, result.output
    template = load_template(f"house-{report_id}")
    base = load_template("shudeshulian")
    outline = parse_outline(path.read_bytes().decode("utf-8"))
    tops = [h for h in outline.sections if h.kind != "ordinal"]
    assert [s.heading for s in template.sections] == [h.head.rstrip("。") for h in tops]
    assert [len(s.children) for s in template.sections] == \
        [len([c for c in h.children if c.kind != "ordinal"]) for h in tops]
    assert template.elements == base.elements  # mandatory elements from the closest template
    assert template.prompts == base.prompts  # default prompt files copied
    assert "{{ year }}" in template.title and template.render_title(2024).startswith("2024年")
    # usable at once: the offline drafter fills the house structure
    draft = draft_report(Draft.new(Facts(year=2024, unit="某单位", person="张三"), template), template,
                         get_drafter("offline"))
    leaves = {spec.id for spec in template.walk() if not spec.children}
    assert all(s.status == "done" and s.text for s in draft.sections if s.id in leaves)
    assert [s.heading_line for s in draft.sections if s.level == 1][0] == "一、" + template.sections[0].heading


def test_templates_new_maps_known_parts_to_the_base_ids(templates_home, cli):
    from shuzhi.templates import load_template

    assert cli("templates", "new", "--from", REPORTS["sample"], "--id", "copy").exit_code == 0
    copy, base = load_template("copy"), load_template("shudeshulian")
    assert [s.id for s in copy.walk()] == [s.id for s in base.walk()]  # so the same facts apply
    assert [s.facts for s in copy.walk()] == [s.facts for s in base.walk()]


def test_a_house_template_uses_the_prompts_of_the_template_it_came_from(templates_home, cli):
    from shuzhi.templates import load_template

    assert cli("templates", "new", "--from", REPORTS["sample"], "--id", "copy").exit_code == 0
    assert cli("templates", "new", "--from", REPORTS["sample"], "--id", "copy", "--force").exit_code == 0
    # no copies of the prompt files, and no temporary file left behind
    assert [p.name for p in (templates_home / "copy").iterdir()] == ["template.yaml"]
    assert load_template("copy").prompts == load_template("shudeshulian").prompts


def test_templates_still_lists_and_new_refuses_bad_input(cli, templates_home, tmp_path):
    listed = cli("templates")
    assert listed.exit_code == 0 and "shudeshulian" in listed.stdout
    assert "shudeshulian" in cli("templates", "list").stdout
    assert cli("templates", "new", "--from", REPORTS["messy"], "--id", "m").exit_code == 0
    again = cli("templates", "new", "--from", REPORTS["messy"], "--id", "m")
    assert again.exit_code == 2 and "已存在" in again.stderr
    assert cli("templates", "new", "--from", REPORTS["messy"], "--id", "m", "--force").exit_code == 0
    bad_id = cli("templates", "new", "--from", REPORTS["messy"], "--id", "../evil")
    assert bad_id.exit_code == 2 and "ID" in bad_id.stderr and not (templates_home.parent / "evil").exists()
    flat_report = tmp_path / "flat.txt"
    flat_report.write_text("工作总结\n\n今年完成了各项工作。\n", encoding="utf-8")
    none = cli("templates", "new", "--from", flat_report, "--id", "flat")
    assert none.exit_code == 2 and "层次标题" in none.stderr
    assert "house" not in cli("templates").stdout
