"""``shuzhi drafts``: the drafts stored in the database the app and ``shuzhi draft`` share."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from shuzhi.cli import app
from shuzhi.cli.common import fail, user_errors

drafts_app = typer.Typer(help="查看和导入已保存的草稿（与网页版共用同一数据库）。",
                         no_args_is_help=True, rich_markup_mode=None)
app.add_typer(drafts_app, name="drafts")

STATUS_LABELS = {"done": "已完成", "failed": "有章节失败", "drafting": "未完成", "pending": "未完成"}


@drafts_app.command("list")
def list_command(
    fmt: str = typer.Option("text", "--format", help="输出格式：text 或 json"),
    limit: int = typer.Option(100, "--limit", min=1, help="最多列出几份"),
) -> None:
    """列出草稿，最近修改的在前。"""
    from shuzhi.store import Store

    if fmt not in ("text", "json"):
        raise fail(f"不支持的格式“{fmt}”，可用：text、json")
    with user_errors():
        found = Store().list(limit=limit)
    if fmt == "json":
        typer.echo(json.dumps([{
            "id": d.id, "title": d.title, "year": d.year, "status": d.status,
            "updated": d.updated.isoformat(), "template": d.template, "unit": d.unit,
            "person": d.person, "done": d.done, "total": d.total} for d in found],
            ensure_ascii=False, indent=2))
        return
    if not found:
        typer.echo("（还没有草稿。用 shuzhi draft --facts 事实文件 起草第一份）")
        return
    for d in found:
        label = "已完成" if d.total and d.done == d.total else STATUS_LABELS.get(d.status, d.status)
        when = d.updated.astimezone().strftime("%Y-%m-%d %H:%M")
        typer.echo(f"{d.id}  {when}  {label} {d.done}/{d.total}  {d.title}（{d.unit} {d.person}）")
    if any(d.done < d.total for d in found):
        typer.echo("未完成的草稿可用 shuzhi draft --resume ID 继续。", err=True)


@drafts_app.command("import")
def import_command(
    file: Path = typer.Argument(..., help="草稿的 JSON 文件（shuzhi draft --format json 的输出，或未能保存时的备份）"),
) -> None:
    """把 JSON 草稿导入数据库（已有的草稿只补上缺少的版本）。"""
    from pydantic import ValidationError

    from shuzhi.draft import Draft
    from shuzhi.errors import InputError
    from shuzhi.readers import read_text_file
    from shuzhi.session import DraftSession

    with user_errors():
        text = read_text_file(file)
        try:
            draft = Draft.model_validate_json(text)
        except ValidationError as exc:
            if exc.errors()[0]["loc"] == ("id",):
                raise InputError(f"{file}: 草稿编号无效（应为 8–64 个字母、数字、- 或 _），未导入") from None
            raise InputError(f"{file}: 不是 shuzhi 的草稿 JSON 文件") from None
        stored = DraftSession.import_draft(draft).draft
    done = sum(s.status == "done" for s in stored.sections)
    typer.echo(f"已导入草稿 {stored.id}（{done}/{len(stored.sections)} 节已完成）")
