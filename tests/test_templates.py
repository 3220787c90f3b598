"""Templates: the sample template loads with the sample's structure; bad ones say what is wrong."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from shuzhi.templates import TemplateError, cn_number, list_templates, load_template, templates_dir

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


def test_every_element_is_found_in_the_sample_report(samples):
    text = (samples / "report-2022.txt").read_text("utf-8")
    template = load_template("shudeshulian")
    missing = [e.name for e in template.elements if not e.optional and not e.found_in(text)]
    assert missing == []


def test_list_templates():
    assert "shudeshulian" in [t.id for t in list_templates()]


@pytest.mark.parametrize("n, text", [(1, "一"), (6, "六"), (10, "十"), (12, "十二"), (20, "二十"), (23, "二十三")])
def test_cn_number(n, text):
    assert cn_number(n) == text


def _copy_template(tmp_path: Path, monkeypatch) -> Path:
    root = tmp_path / "prompts"
    shutil.copytree(templates_dir() / "shudeshulian", root / "broken")
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
    (directory / "section.md").unlink()
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
