"""``shuzhi export``: a report or a draft as a .docx laid out like an official document,
or as plain text / Markdown."""

from __future__ import annotations

from pathlib import Path

import typer

from shuzhi.cli import app
from shuzhi.cli.common import user_errors, write_output


def load_report_draft(report: Path, facts: Path | None = None):
    """A draft from a draft's JSON, or from a plain report (.txt, .md, .docx) via its outline."""
    from pydantic import ValidationError

    from shuzhi.draft import Draft
    from shuzhi.errors import InputError
    from shuzhi.facts import load_facts
    from shuzhi.outline import read_report_text, report_to_draft
    from shuzhi.readers import read_text_file

    facts_data = load_facts(facts) if facts else None
    if report.suffix.lower() == ".json":
        try:
            draft = Draft.model_validate_json(read_text_file(report))
        except ValidationError:
            raise InputError(f"{report}: 不是有效的草稿文件（JSON 内容不符合草稿格式）") from None
        if facts_data is not None:
            draft.facts = facts_data
        return draft
    return report_to_draft(read_report_text(report), facts_data)


@app.command("export")
def export_command(
    report: Path = typer.Argument(..., help="报告（.txt、.md、.docx）或草稿 JSON"),
    fmt: str | None = typer.Option(None, "--format", help="导出格式：docx、txt、md 或 json（默认按 --out 的扩展名，否则 docx）"),
    out: str | None = typer.Option(None, "--out", "-o", help="输出文件或目录（默认以标题命名，写在当前目录；“-”输出到屏幕）"),
    facts: Path | None = typer.Option(None, "--facts", help="事实文件：落款署名和成文日期取自其中"),
) -> None:
    """导出报告：Word 文件按党政机关公文格式（GB/T 9704-2012）排版。"""
    from shuzhi import export
    from shuzhi.export.names import export_filename

    suffix = Path(out).suffix.lstrip(".").lower() if out and out != "-" else ""
    fmt = (fmt or (suffix if suffix in export.formats() else "docx")).lower()
    if fmt not in export.formats():
        raise typer.BadParameter(f"不支持的格式“{fmt}”，可用：{'、'.join(export.formats())}",
                                 param_hint="--format")
    with user_errors():
        draft = load_report_draft(report, facts)
        if out is None or (out != "-" and Path(out).is_dir()):
            target = str(Path(out or ".") / export_filename(draft.title or report.stem, fmt))
        else:
            target = out
        if target != "-" and Path(target).resolve() == report.resolve():
            from shuzhi.errors import InputError

            raise InputError(f"{target}: 输出文件不能与输入文件相同")
        write_output(export.render(draft, fmt), target)
    if target != "-":
        typer.echo(f"已写入 {target}", err=True)
