"""``shuzhi templates``: list the report templates."""

from __future__ import annotations

import typer

from shuzhi.cli import app
from shuzhi.cli.common import user_errors


@app.command("templates")
def templates_command() -> None:
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
