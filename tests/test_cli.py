"""The CLI as a user drives it: files in, files out, exit codes 0/1/2, one-line errors."""

from __future__ import annotations

import json

import pytest


def test_draft_to_text_file(cli, samples, tmp_path):
    out = tmp_path / "d.txt"
    result = cli("draft", "--facts", samples / "facts-2022.yaml", "--out", out)
    assert result.exit_code == 0
    text = out.read_text("utf-8")
    assert text.startswith("2022年述德述廉述职报告\n")
    assert "（六）从除险保安入手，创设清廉和谐大环境" in text


def test_draft_format_from_extension_and_flag(cli, samples, tmp_path):
    md = tmp_path / "d.md"
    assert cli("draft", "--facts", samples / "facts-2022.yaml", "--out", md).exit_code == 0
    assert md.read_text("utf-8").startswith("# 2022年述德述廉述职报告")
    assert "## 一、加强学习，提高政治站位" in md.read_text("utf-8")

    result = cli("draft", "--facts", samples / "facts-minimal.yaml", "--format", "json")
    data = json.loads(result.stdout)
    assert data["year"] == 2025 and data["template"] == "shudeshulian"
    assert [s["id"] for s in data["sections"]][:3] == ["preamble", "study", "duties"]
    assert all(s["versions"] for s in data["sections"] if s["id"] != "duties")


def test_templates_lists_the_sample_template(cli):
    result = cli("templates")
    assert result.exit_code == 0
    assert "shudeshulian" in result.stdout


@pytest.mark.parametrize("args, words", [
    (["draft", "--facts", "nope.yaml"], "文件不存在"),
    (["draft", "--facts", "{samples}/facts-2022.yaml", "--template", "nope"], "模板“nope”不存在"),
    (["draft", "--facts", "{bad}"], "bad.yaml:2"),
    (["draft", "--resume", "abc", "--from-report", "{samples}/report-2022.txt"], "--from-report 需与 --facts 一起使用"),
])
def test_bad_input_exits_2_with_one_line(shuzhi_proc, samples, tmp_path, args, words):
    bad = tmp_path / "bad.yaml"
    bad.write_text("year: 2024\nunit: 单位: 张三\n", "utf-8")
    args = [a.format(samples=samples, bad=bad) for a in args]
    result = shuzhi_proc(*args)
    assert result.returncode == 2
    assert words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_format_is_a_usage_error(shuzhi_proc, samples):
    result = shuzhi_proc("draft", "--facts", samples / "facts-2022.yaml", "--format", "pdf")
    assert result.returncode == 2
    assert "pdf" in result.stderr


def test_help_is_in_chinese(shuzhi_proc):
    result = shuzhi_proc("--help")
    assert result.returncode == 0
    assert "述职" in result.stdout
