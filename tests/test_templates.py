"""Templates: the sample template loads with the sample's structure; bad ones say what is wrong."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from shuzhi.roles import Author, read_author
from shuzhi.templates import MAX_FILE_BYTES, TemplateError, list_templates, load_template, templates_dir
from shuzhi.text.numerals import cn_number

SAMPLE_HEADINGS = [
    "一、加强学习，提高政治站位",
    "二、认真履职，提高党建水平",
    "三、自省自律，筑牢防腐堤坝",
    "四、盘点不足，明确努力方向",
]


def test_sample_template_has_the_sample_reports_outline(samples):
    template = load_template("shudeshulian")
    numbered = template.walk_numbered()
    level1 = [n + s.heading for n, level, s in numbered if level == 1]
    level2 = [n + s.heading for n, level, s in numbered if level == 2]
    assert level1 == SAMPLE_HEADINGS
    assert [h[:3] for h in level2] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]
    report = (samples / "report-2022.txt").read_text("utf-8").splitlines()
    for heading in level1 + level2:
        assert heading in report, heading
    assert template.render_title(2022) == report[0]


def test_template_declares_the_mandatory_elements():
    template = load_template("shudeshulian")
    names = " ".join(e.name for e in template.elements)
    for needed in ["理论", "主体责任", "第一责任人", "意识形态", "党风廉政", "八项规定", "个人有关事项",
                   "违规", "民主集中制", "不足", "努力方向", "述法"]:
        assert needed in names, needed
    assert all(e.basis for e in template.elements)
    assert {"system", "section", "whole"} <= set(template.prompts)


def test_every_element_asked_of_the_samples_author_is_found_in_it(samples):
    text = (samples / "report-2022.txt").read_text("utf-8")
    template = load_template("shudeshulian")
    author = read_author(text, "2022年述德述廉述职报告")
    assert author.kinds == {"secretary"}  # 本人既是二级党组织书记也是基层党支部书记
    asked = template.elements_for(author, "2022年述德述廉述职报告")
    assert {e.name for e, _ in asked} >= {"履行第一责任人职责", "意识形态工作责任制", "个人有关事项报告"}
    assert [e.name for e, _ in asked if not e.found_in(text)] == []


def test_list_templates():
    assert "shudeshulian" in [t.id for t in list_templates()]


TYPES = ["shudeshulian", "shuzeshulian", "sishu", "jiceng-dangjian", "denengqinjilian", "gongzuo-zongjie"]
# The element keys every template and the labelled corpus share.
ELEMENT_KEYS = {"study", "first-responsible", "responsibility", "ideology", "integrity", "eight-rules",
                "personal-matters", "democratic-centralism", "law", "shortcomings", "plans", "rectification",
                "org-building", "performance"}


@pytest.mark.parametrize("template_id", TYPES)
def test_every_report_type_is_a_complete_template(template_id):
    template = load_template(template_id)
    assert {"system", "section", "whole"} <= set(template.prompts)
    assert template.report_type in template.render_title(2024)
    assert len(template.sections) >= 3 and template.elements
    assert {e.id for e in template.elements} <= ELEMENT_KEYS
    for e in template.elements:
        assert e.basis.startswith("《") or e.basis.startswith("实务惯例"), e.basis
        assert not any(word in e.basis for word in ("DOMAIN", "BRIEF", "§")), e.basis
        if e.basis.startswith("实务惯例"):
            assert e.severity != "error", f"{e.name}: an error needs a named regulation"
    names = [n + s.heading for n, level, s in template.walk_numbered() if level]
    assert any("问题" in h or "不足" in h for h in names)


def test_party_building_sections_carry_the_indicator_table():
    template = load_template("jiceng-dangjian")
    indicators = {i.name: i.unit for s in template.walk() for i in s.indicators}
    assert indicators["发展党员"] == "名" and indicators["开展主题党日"] == "次"
    assert {"书记讲党课", "召开支部党员大会", "廉政谈话"} <= set(indicators)
    assert template.author_roles == ["secretary"]


def test_only_the_four_part_report_asks_for_law():
    for template_id in TYPES:
        law = [e for e in load_template(template_id).elements if e.id == "law"]
        assert all(e.asked for e in law) == (template_id != "sishu"), template_id


@pytest.mark.parametrize("kinds, rank, expected", [
    ({"secretary"}, None, {"履行第一责任人职责": "required", "个人有关事项报告": "check",
                           "执行民主集中制": "required"}),
    ({"discipline"}, "县处级副职", {"履行监督责任": "required", "个人有关事项报告": "required",
                                   "执行民主集中制": "required"}),
    # a 副职 below 县处级 who sits on no 党委/党组 is no member of the 班子 that decides collectively
    ({"deputy"}, "乡科级副职", {"落实“一岗双责”": "required"}),
    ({"deputy", "member"}, "乡科级副职", {"落实“一岗双责”": "required", "执行民主集中制": "required"}),
    ({"deputy"}, "县处级副职", {"落实“一岗双责”": "required", "个人有关事项报告": "required",
                               "执行民主集中制": "required"}),
    ({"deputy"}, None, {"落实“一岗双责”": "required", "个人有关事项报告": "check", "执行民主集中制": "check"}),
    ({"staff"}, "一般干部", {}),
    (set(), None, {"个人有关事项报告": "check", "执行民主集中制": "check"}),
])
def test_elements_follow_who_writes(kinds, rank, expected):
    template = load_template("shuzeshulian")
    gated = {"履行第一责任人职责", "履行监督责任", "落实“一岗双责”", "个人有关事项报告", "执行民主集中制",
             "意识形态工作责任制"}
    asked = {e.name: d for e, d in template.elements_for(Author(frozenset(kinds), rank))}
    assert {n: d for n, d in asked.items() if n in gated and n != "意识形态工作责任制"} == expected
    assert ("意识形态工作责任制" in asked) == ("secretary" in kinds)
    assert "述法（学法用法、依法履职）" not in asked
    assert asked.get("存在的问题和不足") == "required"  # everyone's, at warning severity


def test_a_template_uses_the_shared_elements_and_adds_its_own_signals():
    study = next(e for e in load_template("shudeshulian").elements if e.id == "study")
    assert "理论学习" in study.signals and "述德" in study.signals


@pytest.mark.parametrize("n, text", [(1, "一"), (6, "六"), (10, "十"), (12, "十二"), (20, "二十"), (23, "二十三")])
def test_cn_number(n, text):
    assert cn_number(n) == text


def _copy_template(tmp_path: Path, monkeypatch) -> Path:
    root = tmp_path / "prompts"
    shutil.copytree(templates_dir() / "shudeshulian", root / "broken")
    shutil.copyfile(templates_dir() / "section.md", root / "section.md")  # the prompt file all share
    monkeypatch.setenv("SHUZHI_TEMPLATES", str(root))
    return root / "broken"


def _edit(directory: Path, change) -> None:
    path = directory / "template.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")


BAD_TEMPLATES = [
    ("missing heading", lambda d: d["sections"][1].pop("heading"), "sections.1.heading"),
    ("duplicate id", lambda d: d["sections"][2].update(id="study"), "重复"),
    ("bad regex", lambda d: d["elements"][0]["signals"].append("学习("), "正则"),
    ("unknown key", lambda d: d.update(colour="red"), "colour"),
    ("no sections", lambda d: d.update(sections=[]), "sections"),
    ("bad style", lambda d: d["sections"][0].update(style="poem"), "style"),
    ("unknown element", lambda d: d["elements"].append({"use": "nope"}), "未知的要素“nope”"),
    ("unknown role", lambda d: d["elements"][1].update(roles=["boss"]), "未知的角色“boss”"),
    ("unknown rank", lambda d: d["elements"][1].update(min_rank="局级"), "未知的级别“局级”"),
    ("unknown part", lambda d: d["elements"][1].update(where="preface"), "未知的位置“preface”"),
    ("duplicate element name", lambda d: d["elements"].append({"use": "study"}), "要素名称重复"),
]


@pytest.mark.parametrize("name, change, words", BAD_TEMPLATES, ids=[b[0] for b in BAD_TEMPLATES])
def test_bad_template_names_what_is_wrong(tmp_path, monkeypatch, name, change, words):
    directory = _copy_template(tmp_path, monkeypatch)
    _edit(directory, change)
    with pytest.raises(TemplateError) as info:
        load_template("broken")
    assert words in str(info.value)
    assert "template.yaml" in str(info.value)


def test_missing_prompt_file(tmp_path, monkeypatch):
    directory = _copy_template(tmp_path, monkeypatch)
    (directory.parent / "section.md").unlink()  # neither its own nor the shared one
    with pytest.raises(TemplateError, match="section.md"):
        load_template("broken")


def test_unparseable_yaml(tmp_path, monkeypatch):
    directory = _copy_template(tmp_path, monkeypatch)
    (directory / "template.yaml").write_text("id: [x\n", "utf-8")
    with pytest.raises(TemplateError, match="YAML"):
        load_template("broken")


def test_unknown_template_lists_known_ones():
    with pytest.raises(TemplateError) as info:
        load_template("nope")
    assert "shudeshulian" in str(info.value)


def test_template_id_cannot_escape_the_folder():
    with pytest.raises(TemplateError):
        load_template("../prompts/shudeshulian")


def test_a_template_can_declare_personal_matters_mandatory_for_every_rank():
    from shuzhi.templates import Element

    by_rank = Element.model_validate({"use": "personal-matters"})
    mandatory = Element.model_validate({"use": "personal-matters", "min_rank": None})
    township = Author(frozenset({"chief"}), "乡科级正职")
    assert by_rank.demand(township) == "skip" and mandatory.demand(township) == "required"
    assert by_rank.demand(Author()) == "check" and mandatory.demand(Author()) == "required"
    assert by_rank.demand(Author(frozenset(), "县处级副职")) == "required"


def test_prompt_files_are_found_nearest_first(tmp_path, monkeypatch):
    """A template's own prompt file wins over the one the templates folder shares; a template
    with ``prompts_from`` uses that template's files where it has none of its own."""
    directory = _copy_template(tmp_path, monkeypatch)
    shared = (directory.parent / "section.md").read_text("utf-8")
    assert load_template("broken").prompts["section"] == shared
    (directory / "section.md").write_text("本模板自己的分节提示词。\n", "utf-8")
    assert load_template("broken").prompts["section"] == "本模板自己的分节提示词。\n"

    house = directory.parent / "house"
    house.mkdir()
    data = yaml.safe_load((directory / "template.yaml").read_text("utf-8"))
    (house / "template.yaml").write_text(yaml.safe_dump({**data, "id": "house", "prompts_from": "broken"},
                                                        allow_unicode=True), "utf-8")
    template = load_template("house")
    assert template.prompts == load_template("broken").prompts
    assert template.prompts["system"] == (directory / "system.md").read_text("utf-8")


def test_an_oversized_or_binary_template_file_is_one_line(tmp_path, monkeypatch):
    directory = _copy_template(tmp_path, monkeypatch)
    (directory / "whole.md").write_text("长" * (MAX_FILE_BYTES // 3 + 1), "utf-8")
    with pytest.raises(TemplateError, match="whole.md: 文件过大"):
        load_template("broken")
    (directory / "whole.md").write_bytes("标题".encode("gbk"))
    with pytest.raises(TemplateError, match="whole.md: 不是 UTF-8 编码的文本"):
        load_template("broken")


def test_an_edited_template_is_read_again(tmp_path, monkeypatch):
    """A template's parse is kept (in the process, and between runs in the data cache), keyed on
    the file: the checker sees an edited report type at once, and a template broken by an edit
    is no longer picked."""
    from shuzhi.templates import template_for_title

    directory = _copy_template(tmp_path, monkeypatch)
    _edit(directory, lambda d: d.update(report_type="述廉试写报告", aliases=[]))
    assert template_for_title("2024年度述廉试写报告").report_type == "述廉试写报告"
    _edit(directory, lambda d: d.update(report_type="述责试写报告"))
    os.utime(directory / "template.yaml", ns=(1, 1))  # the same second's edit on a coarse clock
    assert template_for_title("2024年度述廉试写报告") is None
    assert template_for_title("2024年度述责试写报告").report_type == "述责试写报告"
    path = directory / "template.yaml"
    path.write_text(path.read_text("utf-8") + "sections: [\n", "utf-8")
    assert template_for_title("2024年度述责试写报告") is None  # not the parse kept from before
