"""``shuzhi regenerate``: rewrite one section of a draft file with an instruction, restore an
earlier version, or retry every failed section — through the same ``DraftSession`` as the
app, on a draft kept in a JSON file (``shuzhi draft --format json``): the file holds its
current text and every version.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from shuzhi.cli import app
from shuzhi.cli.common import fail, user_errors, write_output
from shuzhi.cli.draft import EXIT_SECTIONS_FAILED, report_cut, report_failures
from shuzhi.cli.options import choose_drafter, model_options, show_note


def load_draft(path: Path):
    from pydantic import ValidationError

    from shuzhi.draft import Draft
    from shuzhi.errors import InputError
    from shuzhi.readers import read_text_file

    text = read_text_file(path)
    try:
        return Draft.model_validate_json(text)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"]) or "（根）"
        raise InputError(f"{path}: 不是有效的草稿 JSON（{where}：{error['msg']}）") from None


@app.command("regenerate")
@model_options
def regenerate_command(
    draft_file: Path = typer.Argument(..., metavar="DRAFT.json", help="草稿文件（shuzhi draft --format json 的输出）"),
    section: str | None = typer.Option(None, "--section", help="要重写的部分 ID（如 political）"),
    failed: bool = typer.Option(False, "--failed", help="不指定部分，重试所有起草失败或未完成的部分"),
    instruction: str | None = typer.Option(None, "--instruction", help="修改要求，如“更精炼”“补充数据”“突出意识形态工作”"),
    restore: int | None = typer.Option(None, "--restore", help="不重写，恢复第 N 版（从 1 起）"),
    out: Path | None = typer.Option(None, "--out", "-o", help="写到另一个草稿文件（默认覆盖原文件）"),
    *, model_flags: dict,
) -> None:
    """按一句修改要求重写草稿中的一个部分，保留所有历史版本（可用 --restore 恢复，--failed 重试失败的部分）。"""
    from shuzhi.cli.progress import usage_summary
    from shuzhi.session import DraftSession

    if (section is None) == (not failed) or (failed and (instruction or restore is not None)):
        raise fail("请用 --section 指定要重写的部分，或单独用 --failed 重试所有失败的部分")
    with user_errors():
        session = DraftSession(load_draft(draft_file))  # no store: the file is saved below
        if failed:
            targets = session.to_draft(redo_done=False)
            if targets:
                run_model(session, None, None, model_flags)
        elif restore is not None:
            assert section is not None  # checked above: --restore goes with --section
            targets = [session.restore(section, restore - 1)]
        else:
            assert section is not None
            targets = [session.changeable(section)]  # before the model is set up
            run_model(session, section, instruction, model_flags)
        write_output(session.export("json").data, str(out or draft_file))
    if restore is None and (summary := usage_summary(targets)):
        typer.echo(summary, err=True)
    report_cut(targets, str(out or draft_file))
    if any(t.status == "failed" for t in targets):
        report_failures(targets)
        raise typer.Exit(EXIT_SECTIONS_FAILED)
    if failed:
        typer.echo(f"已重试 {len(targets)} 个部分，保存到 {out or draft_file}", err=True)
        return
    typer.echo(f"已保存第 {len(targets[0].versions)} 版到 {out or draft_file}", err=True)
    sys.stdout.write(targets[0].text + "\n")


def run_model(session, section_id: str | None, instruction: str | None, flags: dict) -> None:
    """One section (``section_id``) with the instruction, or every unfinished section (None)."""
    from shuzhi.cli.progress import LiveProgress

    drafter, session.settings, note = choose_drafter(flags)
    progress = LiveProgress()
    try:
        if section_id is None:
            session.draft_all(drafter, progress, redo_done=False)
        else:
            session.regenerate(section_id, drafter, instruction, progress)
    finally:
        progress.close()
    show_note(note)
