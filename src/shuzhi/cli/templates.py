"""``shuzhi templates``: list the report templates (``list``, the default) and make one from
any report (``new``), so a unit can draft in its own house structure."""

from __future__ import annotations

from pathlib import Path

import typer

from shuzhi.cli import app
from shuzhi.cli.common import user_errors

templates_app = typer.Typer(help="报告模板：列出模板（默认），或由一份报告生成新模板。",
                            no_args_is_help=False, rich_markup_mode=None)
app.add_typer(templates_app, name="templates")


@templates_app.callback(invoke_without_command=True)
def templates_default(ctx: typer.Context) -> None:
    """列出可用的报告模板；“shuzhi templates new”由报告生成新模板。"""
    if ctx.invoked_subcommand is None:
        list_command()


@templates_app.command("list")
def list_command() -> None:
    """列出可用的报告模板。"""
    from rich.console import Console
    from rich.table import Table

    from shuzhi.templates import list_templates

    with user_errors():
        found = list_templates()
    table = Table("模板 ID", "名称", "报告类型", "章节数", "必备要素数")
    for t in found:
        table.add_row(t.id, t.name, t.report_type, str(len(t.walk()) - 1), str(len(t.elements)))
    Console().print(table)
    if not found:
        typer.echo("（没有找到模板）")


@templates_app.command("new")
def new_command(
    report: Path = typer.Option(..., "--from", help="作为蓝本的报告（.txt、.md 或 .docx）"),
    template_id: str = typer.Option(..., "--id", help="新模板的 ID（英文字母、数字、- 和 _）"),
    name: str | None = typer.Option(None, "--name", help="模板名称（默认取自报告标题）"),
    force: bool = typer.Option(False, "--force", help="覆盖同名模板"),
) -> None:
    """由一份报告的层次结构生成模板：提纲取自报告，必备要素取自最接近的现有模板。"""
    from shuzhi.house_template import template_from_report, write_template
    from shuzhi.outline import read_report_text

    with user_errors():
        data, template = template_from_report(read_report_text(report), template_id, name=name)
        folder = write_template(data, overwrite=force)
    typer.echo(f"已生成模板“{template.id}”：{folder / 'template.yaml'}")
    typer.echo(template.outline_text())
