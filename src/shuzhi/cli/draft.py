"""``shuzhi draft``: facts + template → a full report."""

from __future__ import annotations

from pathlib import Path

import typer

from shuzhi.cli import app
from shuzhi.cli.common import user_errors, write_output


@app.command("draft")
def draft_command(
    facts: Path = typer.Option(..., "--facts", help="本年度事实文件（YAML 或 JSON）"),
    template: str | None = typer.Option(None, "--template", help="模板 ID（默认取事实文件中的 template）"),
    out: str | None = typer.Option(None, "--out", "-o", help="输出文件（默认输出到屏幕）"),
    fmt: str | None = typer.Option(None, "--format", help="输出格式：txt、md 或 json（默认按 --out 的扩展名）"),
    from_report: Path | None = typer.Option(None, "--from-report", help="上年度报告（.txt、.md 或 .docx）：保留其结构和语气，按本年度事实更新"),
) -> None:
    """根据事实文件起草完整报告（未配置模型时离线起草）。"""
    from shuzhi import export
    from shuzhi.draft import Draft
    from shuzhi.drafting import get_drafter
    from shuzhi.drafting.pipeline import draft_report
    from shuzhi.facts import load_facts
    from shuzhi.templates import load_template

    fmt = fmt or (Path(out).suffix.lstrip(".").lower() if out and out != "-" else "txt")
    if fmt not in export.formats():
        raise typer.BadParameter(f"不支持的格式“{fmt}”，可用：{'、'.join(export.formats())}",
                                 param_hint="--format")
    if from_report is not None:
        from shuzhi.cli.from_report import draft_from_report

        return draft_from_report(from_report, facts, out, fmt)
    with user_errors():
        facts_data = load_facts(facts)
        tmpl = load_template(template or facts_data.template)
        draft = Draft.new(facts_data, tmpl)
        draft_report(draft, tmpl, get_drafter("offline"))
        write_output(export.render(draft, fmt), out)
    if out and out != "-":
        typer.echo(f"已写入 {out}", err=True)
