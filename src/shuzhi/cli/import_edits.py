"""``shuzhi import``: a draft exported, edited in Word and brought back — shown section by
section against the stored draft; the changes accepted become new versions ("import")."""

from __future__ import annotations

from pathlib import Path

import typer

from shuzhi.cli import app
from shuzhi.cli.common import user_errors, write_output


@app.command("import")
def import_command(
    draft_file: Path = typer.Argument(..., help="草稿 JSON（shuzhi draft --format json 或导出的 JSON）"),
    edited: Path = typer.Argument(..., help="修改后的报告（.docx、.txt 或 .md）"),
    accept: str | None = typer.Option(None, "--accept", help="接受的修改：all，或以逗号分隔的章节 ID"),
    out: str | None = typer.Option(None, "--out", "-o", help="接受后写入的草稿 JSON（默认覆盖原草稿文件）"),
) -> None:
    """逐节对比修改稿与草稿；用 --accept 接受修改（每处修改保存为新版本）。"""
    from pydantic import ValidationError

    from shuzhi.draft import Draft
    from shuzhi.errors import InputError
    from shuzhi.importing import apply, match_sections
    from shuzhi.outline import read_report_text
    from shuzhi.readers import read_text_file

    with user_errors():
        try:
            draft = Draft.model_validate_json(read_text_file(draft_file))
        except ValidationError:
            raise InputError(f"{draft_file}: 不是有效的草稿文件（JSON 内容不符合草稿格式）") from None
        changes = match_sections(draft, read_report_text(edited))
        changed = [c for c in changes if c.changed]
        for change in changes:
            if not change.found:
                typer.echo(f"未找到：{change.heading}（修改稿中没有这一节的标题）")
        for change in changed:
            typer.echo(f"== [{change.section_id}] {change.heading or '导语'}")
            for line in change.diff()[2:]:  # skip the ---/+++ header
                typer.echo(line)
        typer.echo(f"共 {len(changed)} 节有修改：{'、'.join(c.section_id for c in changed) or '无'}")
        if accept is None:
            return
        wanted = {c.section_id for c in changed} if accept == "all" else \
            {part.strip() for part in accept.split(",") if part.strip()}
        unknown = wanted - {s.id for s in draft.sections}
        if unknown:
            raise InputError(f"--accept: 没有这些章节：{'、'.join(sorted(unknown))}")
        added = apply(draft, changes, wanted)
        target = out or str(draft_file)
        write_output(draft.model_dump_json(indent=2).encode("utf-8"), target)
    typer.echo(f"已接受 {len(added)} 节修改，写入 {target}", err=True)
