from shuzhi.checker import check_text
from shuzhi.templates import load_template

FULL = ("2022年述德述廉述职报告\n\n坚持理论学习，履行全面从严治党主体责任和第一责任人职责，落实意识形态工作责任制，"
        "加强党风廉政建设，严格贯彻中央八项规定精神，坚持民主集中制，如实报告个人有关事项，不存在违规兼职、违规借贷等情况，"
        "依法办事。存在的问题是学习不够深入。下一步将加强学习。")


def elements(findings):
    return [f.text for f in findings]


def test_a_report_covering_every_element_passes(run):
    assert run(FULL, "missing-element") == []


def test_each_missing_element_is_a_document_level_error(run):
    text = FULL.replace("严格贯彻中央八项规定精神，", "").replace("坚持民主集中制，", "")
    findings = run(text, "missing-element")
    assert elements(findings) == ["中央八项规定精神和纠治“四风”", "民主集中制"]
    assert all(f.line is None and f.column is None and f.severity == "error" for f in findings)
    assert "条例" in findings[0].message or "中央文件表述" in findings[0].message


def test_optional_element_is_a_warning(run):
    findings = run(FULL.replace("依法办事。", ""), "missing-element")
    assert [(f.text, f.severity) for f in findings] == [("述法（学法用法、依法办事）", "warning")]


def test_text_inside_placeholder_markers_does_not_cover_an_element(run):
    text = FULL.replace("坚持民主集中制，", "【待补充：民主集中制执行情况】")
    assert elements(run(text, "missing-element")) == ["民主集中制"]


def test_template_chosen_by_title_or_given():
    template = load_template("shudeshulian")
    without = check_text("2022年述德述廉述职报告\n\n正文。", rules=["missing-element"])
    given = check_text("正文。", rules=["missing-element"], template=template)
    assert len(without) == len(template.elements) == len(given)


def test_section_mode_skips_document_rules():
    assert check_text("正文。", rules=["missing-element"], section="study") == []


def test_the_most_specific_report_type_in_the_title_wins(tmp_path, monkeypatch):
    import shutil

    from shuzhi.checker import pick_template
    from shuzhi.templates import templates_dir

    root = tmp_path / "prompts"
    shutil.copytree(templates_dir() / "shudeshulian", root / "shudeshulian")
    shutil.copytree(templates_dir() / "shudeshulian", root / "generic")
    spec = root / "generic" / "template.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("id: shudeshulian", "id: generic")
                    .replace("report_type: 述德述廉述职报告", "report_type: 述职报告"), encoding="utf-8")
    monkeypatch.setenv("SHUZHI_TEMPLATES", str(root))
    assert pick_template("2022年述德述廉述职报告").id == "shudeshulian"
    assert pick_template("2022年度述职报告").id == "generic"
    assert pick_template("2022年工作总结").id == "shudeshulian"
