from shuzhi.checker import check_text
from shuzhi.templates import load_template

TEMPLATE = load_template("shudeshulian")


def report(study_body: str) -> str:
    return f"2022年述德述廉述职报告\n\n一、加强学习，提高政治站位\n{study_body}\n二、认真履职，提高党建水平\n"


def test_a_far_too_short_section_is_info(run):
    findings = run(report("学习。" * 20), "length", template=TEMPLATE)
    assert [(f.line, f.severity, f.text) for f in findings] == [(3, "info", "加强学习，提高政治站位")]
    assert "过短" in findings[0].message and "250" in findings[0].message


def test_a_far_too_long_section_is_info(run):
    findings = run(report("深入学习贯彻党的二十大精神。" * 100), "length", template=TEMPLATE)
    assert len(findings) == 1 and "过长" in findings[0].message


def test_within_reach_of_the_target_is_fine(run):
    assert run(report("深入学习贯彻党的二十大精神。" * 20), "length", template=TEMPLATE) == []


def test_other_structures_are_not_judged(run):
    text = "2022年述德述廉述职报告\n\n一、完全不同的标题\n短。\n"
    assert run(text, "length", template=TEMPLATE) == []


def test_one_section_checked_against_its_own_target():
    findings = check_text("学习。", rules=["length"], template=TEMPLATE, section="study", line_offset=4)
    assert [(f.line, f.column) for f in findings] == [(5, 1)]


def test_sections_are_found_under_headings_typed_in_their_variants(run):
    """一. for 一、, Markdown bold, half-width brackets with a stray 、: still the same sections."""
    for heading in ("一.加强学习，提高政治站位", "**一、加强学习，提高政治站位**", "## 一 、加强学习，提高政治站位"):
        text = f"2022年述德述廉述职报告\n\n{heading}\n{'学习。' * 20}\n(二)、认真履职，提高党建水平\n"
        findings = run(text, "length", template=TEMPLATE)
        assert [(f.line, f.text) for f in findings] == [(3, "加强学习，提高政治站位")], heading
