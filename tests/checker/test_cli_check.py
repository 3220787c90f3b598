"""``shuzhi check`` as a user runs it: exit codes, JSON shape, .docx, --fix, a fast start."""

import json

import pytest

from shuzhi.checker import check_text

JSON_KEYS = {"rule", "severity", "line", "column", "text", "message", "suggestion"}


def test_json_shape(cli, samples):
    result = cli("check", samples / "report-2022.txt", "--format", "json")
    data = json.loads(result.stdout)
    assert set(data) == {"findings", "summary"}
    assert set(data["summary"]) == {"error", "warning", "info"}
    assert all(set(f) >= JSON_KEYS for f in data["findings"])
    first = data["findings"][0]
    assert (first["rule"], first["severity"], first["line"], first["column"], first["text"]) == \
        ("placeholder", "error", 5, 187, "*")
    assert first["suggestion"] is None


def test_document_level_findings_have_null_line(cli, tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("2022年述德述廉述职报告\n\n本人认真学习。\n", encoding="utf-8")
    result = cli("check", path, "--format", "json", "--rules", "missing-element")
    findings = json.loads(result.stdout)["findings"]
    assert result.exit_code == 1 and findings and all(f["line"] is None for f in findings)


@pytest.mark.parametrize("args, code", [
    (["--year", "2022"], 0),
    (["--year", "2023"], 1),  # the title year no longer fits
    (["--rules", "punctuation"], 0),
    (["--ignore", "stale-reference", "--year", "2023"], 0),
    (["--rules", "no-such-rule"], 2),
    (["--format", "xml"], 2),
    (["--year", "22"], 2),
])
def test_exit_codes(cli, samples, args, code):
    assert cli("check", samples / "report-2022-filled.txt", *args).exit_code == code


@pytest.mark.parametrize("content, name", [(None, "missing.txt"), (b"\x00\x01binary", "bin.txt"),
                                           (b"PK not a zip", "bad.docx"), (b"text", "report.pdf")])
def test_unreadable_input_is_one_line_and_exit_2(shuzhi_proc, tmp_path, content, name):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = shuzhi_proc("check", path)
    assert result.returncode == 2
    assert result.stdout == "" and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr and name in result.stderr


def test_bad_facts_or_template_is_exit_2(cli, samples, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("year: [\n", encoding="utf-8")
    assert cli("check", samples / "report-2022.txt", "--facts", bad).exit_code == 2
    assert cli("check", samples / "report-2022.txt", "--template", "nope").exit_code == 2


def test_text_output_groups_by_rule_with_positions(cli, tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("2022年述职报告\n\n学习**次,坚定“四个意识”。\n", encoding="utf-8")
    result = cli("check", path, "--ignore", "missing-element,length")
    out = result.stdout
    assert result.exit_code == 1
    assert out.index("placeholder") < out.index("nonstandard-term") < out.index("punctuation")
    assert "3:3" in out and "**" in out and "→ 增强“四个意识”" in out and "错误 2" in out


def test_docx_lines_are_its_paragraphs(cli, tmp_path):
    import docx

    document = docx.Document()
    for paragraph in ["2022年述德述廉述职报告", "", "理论学习组集中学习**次。", "增强大局意识、政治意识、核心意识、看齐意识。"]:
        document.add_paragraph(paragraph)
    path = tmp_path / "report.docx"
    document.save(path)
    result = cli("check", path, "--format", "json", "--year", "2022", "--ignore", "missing-element,length")
    findings = json.loads(result.stdout)["findings"]
    assert result.exit_code == 1
    assert [(f["rule"], f["line"], f["column"]) for f in findings] == \
        [("placeholder", 3, 10), ("nonstandard-term", 4, 3)]


def test_fix_writes_a_corrected_copy_with_exact_replacements_only(cli, tmp_path):
    path = tmp_path / "r.txt"
    original = "2022年述职报告\n\n学习**次,增强大局意识、政治意识、核心意识、看齐意识。\n"
    path.write_text(original, encoding="utf-8")
    result = cli("check", path, "--fix", "--year", "2022", "--ignore", "missing-element")
    assert result.exit_code == 1  # the original still has a placeholder
    fixed = (tmp_path / "r.fixed.txt").read_text(encoding="utf-8")
    assert fixed == "2022年述职报告\n\n学习**次，增强政治意识、大局意识、核心意识、看齐意识。\n"
    assert path.read_text(encoding="utf-8") == original
    out = tmp_path / "custom.txt"
    assert cli("check", path, "--fix", "--out", out, "--rules", "punctuation").exit_code == 0
    assert "学习**次，增强" in out.read_text(encoding="utf-8")


def test_fix_never_changes_a_sentences_structure(cli, tmp_path):
    """--fix respells, reorders in place and swaps the one wrong word of a collocation; a verb
    shared by several slogans, a right collocation and advice are left as written."""
    path = tmp_path / "r.txt"
    path.write_text("2024年述职报告\n\n切实增强“两个维护”的政治自觉，坚定“四个意识”“四个自信”。\n"
                    "坚持以习近平新时代中国特色的社会主义思想为指导，增强大局意识、政治意识、核心意识、看齐意识。\n"
                    "协调推进“五位一体”总体布局。配合国税局开展工作。\n", encoding="utf-8")
    cli("check", path, "--fix", "--year", "2024", "--rules", "nonstandard-term,stale-reference")
    assert (tmp_path / "r.fixed.txt").read_text(encoding="utf-8") == (
        "2024年述职报告\n\n切实增强“两个维护”的政治自觉，坚定“四个意识”“四个自信”。\n"
        "坚持以习近平新时代中国特色社会主义思想为指导，增强政治意识、大局意识、核心意识、看齐意识。\n"
        "统筹推进“五位一体”总体布局。配合国税局开展工作。\n")


def test_check_does_not_import_heavy_modules(shuzhi_proc, samples, tmp_path):
    """A fresh `shuzhi check` on a .txt must not pay for langchain, streamlit, openai or docx."""
    import os
    import subprocess
    import sys

    code = ("import sys\nfrom shuzhi.cli import app\n"
            f"sys.argv = ['shuzhi', 'check', {str(samples / 'report-2022.txt')!r}, '--format', 'json']\n"
            "try:\n    app()\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in sys.modules if m.split('.')[0] in ('langchain', 'langchain_openai', "
            "'langchain_core', 'streamlit', 'openai', 'docx', 'tiktoken')]\n"
            "print('HEAVY', heavy, file=sys.stderr)\n")
    env = {**os.environ, "PYTHONPATH": str(samples.parent / "src")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert "HEAVY []" in result.stderr, result.stderr[-500:]
    assert json.loads(result.stdout)["summary"]["error"] > 0


def test_one_section_with_line_offset_reports_lines_of_the_whole_report(samples):
    from shuzhi.checker import apply_fixes

    text = (samples / "report-2022.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    section = "\n".join(lines[6:9])  # （一） heading line 7, its two paragraphs lines 8-9
    body = "\n".join(lines[7:9])
    whole = [(f.line, f.column, f.text) for f in check_text(text, rules=["placeholder"]) if f.line in (8, 9)]
    part = check_text(body, rules=["placeholder", "missing-element"], section="political", line_offset=7)
    assert [(f.line, f.column, f.text) for f in part] == whole
    assert section  # the heading is not part of the section text the app checks
    fixed = apply_fixes("学习,落实。", check_text("学习,落实。", section="study", line_offset=20))
    assert fixed == "学习，落实。"
