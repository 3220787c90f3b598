"""``shuzhi check``: a report (.txt/.md/.docx) → findings; exit 0 (no error), 1 (errors), 2 (bad input).

``--fix`` writes a corrected copy (FILE.fixed.txt, or ``--out PATH``) applying only the
suggestions that are exact replacements; the exit code still reflects the original file.
"""

from __future__ import annotations

from pathlib import Path

import typer

from shuzhi.cli import app
from shuzhi.cli.common import EXIT_FINDINGS, EXIT_OK, fail, user_errors, write_output


def _ids(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


@app.command("check")
def check_command(
    file: Path = typer.Argument(..., help="要检查的报告（.txt、.md 或 .docx）"),
    template: str | None = typer.Option(None, "--template", help="模板 ID（默认按标题判断报告类型）"),
    facts: Path | None = typer.Option(None, "--facts", help="事实文件：核对报告中的数字是否都有出处"),
    year: int | None = typer.Option(None, "--year", min=1949, max=2100, help="报告年度（默认取标题中的年份）"),
    fmt: str = typer.Option("text", "--format", help="输出格式：text 或 json"),
    rules: str | None = typer.Option(None, "--rules", help="只运行这些规则（逗号分隔）"),
    ignore: str | None = typer.Option(None, "--ignore", help="跳过这些规则（逗号分隔）"),
    require: str | None = typer.Option(None, "--require",
                                       help="本单位另外要求的要素（逗号分隔），如 law（述法）、rectification（上年度问题整改）"),
    fix: bool = typer.Option(False, "--fix", help="另存一份修正稿，只应用可精确替换的建议"),
    out: Path | None = typer.Option(None, "--out", "-o", help="修正稿路径（默认 FILE.fixed.txt）"),
) -> None:
    """检查报告：占位符、必备内容、过时表述、规范表述、数字出处、标点、重复、篇幅。"""
    from shuzhi.checker import apply_fixes, check_text, summarize
    from shuzhi.checker.output import print_text, to_json
    from shuzhi.readers import read_report

    if fmt not in ("text", "json"):
        raise fail(f"不支持的输出格式“{fmt}”，可用：text、json")
    with user_errors():
        text = read_report(file)
        facts_data = None
        if facts is not None:
            from shuzhi.facts import load_facts

            facts_data = load_facts(facts)
        tmpl = None
        if template:
            from shuzhi.templates import load_template

            tmpl = load_template(template)
        try:
            findings = check_text(text, template=tmpl, facts=facts_data, year=year, rules=_ids(rules),
                                  ignore=_ids(ignore), markdown=file.suffix.lower() == ".md",
                                  require=_ids(require) or ())
        except ValueError as exc:
            raise fail(str(exc)) from None
        if fix:
            target = out or file.with_name(file.name + ".fixed.txt" if file.suffix.lower() == ".docx"
                                           else file.stem + ".fixed" + (file.suffix or ".txt"))
            write_output(apply_fixes(text, findings).encode("utf-8"), str(target))
            typer.echo(f"已写入修正稿 {target}", err=True)
    if fmt == "json":
        typer.echo(to_json(findings))
    else:
        print_text(findings, str(file))
    raise typer.Exit(EXIT_FINDINGS if summarize(findings)["error"] else EXIT_OK)
