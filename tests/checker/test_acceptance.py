"""``shuzhi check`` on whole reports, through the CLI the way a user runs it: the filled
sample passes, the masked sample gives exactly its placeholders, offline drafts pass or fail
on their gaps, and reports written by other people raise no false alarm."""

import json
import re

import pytest

FIXTURES = __import__("pathlib").Path(__file__).parent / "fixtures"
SAMPLE_MASK_LINES = {5, 8, 9, 15, 17, 18, 20, 22, 23}


def test_filled_sample_has_no_error(cli, samples):
    result = cli("check", samples / "report-2022-filled.txt", "--year", "2022", "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 0, data
    assert data["summary"]["error"] == 0


def test_masked_sample_gives_its_placeholders_and_no_other_error(cli, samples):
    result = cli("check", samples / "report-2022.txt", "--year", "2022", "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 1
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    assert {f["rule"] for f in errors} == {"placeholder"}
    assert {f["line"] for f in errors} == SAMPLE_MASK_LINES
    text = (samples / "report-2022.txt").read_text(encoding="utf-8")
    assert len(errors) == len(re.findall(r"\*\+\*|\*月\*日|\*+", text))


@pytest.mark.parametrize("facts_name", ["facts-complete.yaml"])
def test_offline_draft_of_complete_facts_passes(cli, tmp_path, facts_name):
    out = tmp_path / "draft.txt"
    assert cli("draft", "--facts", FIXTURES / facts_name, "--out", out).exit_code == 0
    result = cli("check", out, "--year", "2022", "--facts", FIXTURES / facts_name, "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 0, [f for f in data["findings"] if f["severity"] == "error"]


def test_offline_draft_of_facts_with_gaps_fails_on_placeholders(cli, tmp_path):
    facts = (FIXTURES / "facts-complete.yaml").read_text(encoding="utf-8")
    facts = facts.replace("{name: 理论学习组集中学习, value: 12, unit: 次}", "{name: 理论学习组集中学习, unit: 次}")
    facts = re.sub(r"(?ms)^  team:.*?(?=^  safety:)", "", facts)
    (tmp_path / "facts.yaml").write_text(facts, encoding="utf-8")
    out = tmp_path / "draft.txt"
    assert cli("draft", "--facts", tmp_path / "facts.yaml", "--out", out).exit_code == 0
    result = cli("check", out, "--year", "2022", "--format", "json")
    placeholders = [f["text"] for f in json.loads(result.stdout)["findings"] if f["rule"] == "placeholder"]
    assert result.exit_code == 1
    assert len(placeholders) == 2 and all(p.startswith("【待补充：") for p in placeholders)


def test_lead_sample_facts_if_present(cli, samples, tmp_path):
    facts = samples / "facts-2022.yaml"
    if not facts.exists():
        pytest.skip("samples/facts-2022.yaml not merged yet")
    out = tmp_path / "d.txt"
    assert cli("draft", "--facts", facts, "--out", out).exit_code == 0
    result = cli("check", out, "--year", "2022", "--format", "json")
    assert result.exit_code == 0, [f for f in json.loads(result.stdout)["findings"] if f["severity"] == "error"]


def test_offline_draft_of_the_minimal_sample_facts_fails_on_placeholders(cli, samples, tmp_path):
    out = tmp_path / "minimal.txt"
    assert cli("draft", "--facts", samples / "facts-minimal.yaml", "--out", out).exit_code == 0
    result = cli("check", out, "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert result.exit_code == 1
    assert any(f["rule"] == "placeholder" and f["text"].startswith("【待补充：") for f in findings)


@pytest.mark.parametrize("name, year, expected", [
    ("report-2024-clean.txt", 2024, []),  # no 述法 in it, and neither its title nor the unit asks for one
    ("report-2023-clean.txt", 2023, []),
])
def test_reports_written_without_us_raise_no_false_alarm(cli, name, year, expected):
    """Hand-written reports in other styles (述职述廉, 抓基层党建; 1. and （1） numbering)."""
    result = cli("check", FIXTURES / name, "--year", str(year), "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["text"]) for f in findings] == expected
    assert result.exit_code == 0
