import pytest

from shuzhi.checker import RULE_IDS, check_report, check_text, summarize
from shuzhi.checker.finding import BASES
from shuzhi.checker.registry import rule_module


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_each_rule_declares_id_severity_basis_and_says_what_it_flags(rule_id):
    module = rule_module(rule_id)
    assert rule_id == module.ID
    assert module.SEVERITY in ("error", "warning", "info")
    assert module.BASIS.startswith(BASES)
    assert module.__doc__ and rule_id in module.__doc__ and len(module.__doc__) > 200


def test_rule_ids_and_severities():
    assert RULE_IDS == ("placeholder", "missing-element", "stale-reference", "nonstandard-term",
                        "unsupported-number", "punctuation", "duplicate", "length")
    assert [rule_module(r).SEVERITY for r in RULE_IDS] == \
        ["error", "error", "error", "error", "warning", "warning", "warning", "info"]


def test_rules_and_ignore_select(samples):
    text = (samples / "report-2022.txt").read_text(encoding="utf-8")
    assert {f.rule for f in check_text(text, rules=["punctuation"])} == {"punctuation"}
    assert "placeholder" not in {f.rule for f in check_text(text, ignore=["placeholder"])}
    with pytest.raises(ValueError, match="未知的规则"):
        check_text(text, rules=["nope"])


def test_summarize_counts_by_severity(samples):
    findings = check_text((samples / "report-2022.txt").read_text(encoding="utf-8"), year=2022)
    assert summarize(findings) == {"error": 39, "warning": 1, "info": 0}


def test_check_report_reads_markdown_with_escaped_masks(tmp_path):
    path = tmp_path / "r.md"
    path.write_text("# 2022年述职报告\n\n## 一、加强学习\n\n**重点**：学习\\*\\*次。\n", encoding="utf-8")
    found = check_report(path, rules=["placeholder"])
    assert [(f.line, f.text) for f in found] == [(5, "\\*\\*")]


def test_findings_to_dict_have_the_json_keys(samples):
    finding = check_text("学习**次。", rules=["placeholder"])[0]
    assert finding.to_dict() == {"rule": "placeholder", "severity": "error", "line": 1, "column": 3,
                                 "text": "**", "message": finding.message, "suggestion": None,
                                 "basis": "实务惯例"}


def test_a_check_leaves_the_garbage_collector_as_it_found_it(samples):
    """The collector is held off during a check (speed): an app checking section after section
    must get it back on — also when the check fails — and one that turned it off keeps it off."""
    import gc

    text = (samples / "report-2022.txt").read_text(encoding="utf-8")
    assert gc.isenabled()
    check_text(text, year=2022)
    assert gc.isenabled()
    with pytest.raises(ValueError, match="未知的要素"):
        check_text(text, require=["nope"])
    assert gc.isenabled()
    gc.disable()
    try:
        check_text(text, year=2022)
        assert not gc.isenabled()
    finally:
        gc.enable()
