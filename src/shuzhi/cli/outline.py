"""``shuzhi outline``: the heading structure of any report (.txt, .md, .docx)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from shuzhi.cli import app
from shuzhi.cli.common import user_errors

FORMATS = ("json", "yaml", "text")


@app.command("outline")
def outline_command(
    report: Path = typer.Argument(..., help="报告文件（.txt、.md 或 .docx）"),
    fmt: str = typer.Option("json", "--format", help="输出格式：json、yaml 或 text"),
) -> None:
    """读出报告的标题和层次结构（一、（一）一是 1. （1）等）。"""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"不支持的格式“{fmt}”，可用：{'、'.join(FORMATS)}", param_hint="--format")
    from shuzhi.outline import parse_outline, read_report_text

    with user_errors():
        outline = parse_outline(read_report_text(report))
    if fmt == "text":
        typer.echo(outline.to_text(), nl=False)
    elif fmt == "yaml":
        import yaml

        typer.echo(yaml.safe_dump(outline.to_data(), allow_unicode=True, sort_keys=False), nl=False)
    else:
        typer.echo(json.dumps(outline.to_data(), ensure_ascii=False, indent=2))
