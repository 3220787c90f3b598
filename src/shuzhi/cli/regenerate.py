"""``shuzhi regenerate DRAFT.json --section ID --instruction TEXT``: rewrite one section of a
saved draft (its JSON), keeping every earlier version; ``--restore N`` brings version N back.

The draft file is rewritten in place (or to ``--out``) atomically; the section's new text is
printed on stdout. Exit 3 when the model could not write the section (the draft keeps its
current text and every version).
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from shuzhi.cli import app
from shuzhi.cli.common import fail, user_errors, write_output
from shuzhi.cli.draft import (API_KEY_ENV, BACKEND, BASE_URL, CONCURRENCY, CONTEXT_WINDOW, DEADLINE,
                              EXIT_SECTIONS_FAILED, MASK_SENSITIVE, MAX_TOKENS, MODEL, PROVIDER,
                              TEMPERATURE, TIMEOUT, report_cut, report_failures, resolve_drafter,
                              run_options, show_note)


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
def regenerate_command(
    draft_file: Path = typer.Argument(..., metavar="DRAFT.json", help="草稿文件（shuzhi draft --format json 的输出）"),
    section: str | None = typer.Option(None, "--section", help="要重写的部分 ID（如 political）"),
    failed: bool = typer.Option(False, "--failed", help="不指定部分，重试所有起草失败或未完成的部分"),
    instruction: str | None = typer.Option(None, "--instruction", help="修改要求，如“更精炼”“补充数据”“突出意识形态工作”"),
    restore: int | None = typer.Option(None, "--restore", help="不重写，恢复第 N 版（从 1 起）"),
    out: Path | None = typer.Option(None, "--out", "-o", help="写到另一个草稿文件（默认覆盖原文件）"),
    backend: str | None = BACKEND, provider: str | None = PROVIDER, base_url: str | None = BASE_URL,
    model: str | None = MODEL, api_key_env: str | None = API_KEY_ENV,
    concurrency: int | None = CONCURRENCY, temperature: float | None = TEMPERATURE,
    timeout: float | None = TIMEOUT, mask_sensitive: bool = MASK_SENSITIVE,
    context_window: int | None = CONTEXT_WINDOW, max_tokens: int | None = MAX_TOKENS,
    deadline: float | None = DEADLINE,
) -> None:
    """按一句修改要求重写草稿中的一个部分，保留所有历史版本（可用 --restore 恢复，--failed 重试失败的部分）。"""
    from shuzhi.cli.progress import usage_summary
    from shuzhi.drafting import DraftingError
    from shuzhi.drafting.pipeline import regenerable, sections_to_draft
    from shuzhi.templates import load_template

    if (section is None) == (not failed) or (failed and (instruction or restore is not None)):
        raise fail("请用 --section 指定要重写的部分，或单独用 --failed 重试所有失败的部分")
    model_flags = dict(backend=backend, provider=provider, base_url=base_url, model=model,
                       api_key_env=api_key_env, concurrency=concurrency, temperature=temperature,
                       timeout=timeout, mask_sensitive=mask_sensitive,
                       context_window=context_window, max_tokens=max_tokens, deadline=deadline)
    with user_errors():
        draft = load_draft(draft_file)
        tmpl = load_template(draft.template)
        if failed:
            targets = sections_to_draft(draft, tmpl)
            if targets:
                run_model(draft, tmpl, None, None, model_flags)
        else:
            try:
                targets = [regenerable(draft, tmpl, section)]
            except DraftingError as exc:
                raise fail(str(exc)) from None
            if restore is not None:
                restore_version(targets[0], restore)
            else:
                run_model(draft, tmpl, section, instruction, model_flags)
        write_output(draft.model_dump_json(indent=2).encode("utf-8"), str(out or draft_file))
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


def restore_version(section, number: int) -> None:
    if not 1 <= number <= len(section.versions):
        raise fail(f"“{section.heading_line or section.id}”只有 {len(section.versions)} 个版本，"
                   f"无法恢复第 {number} 版")
    section.restore(number - 1)


def run_model(draft, template, section_id: str | None, instruction: str | None, flags: dict) -> None:
    """One section (``section_id``) with the instruction, or every unfinished section (None)."""
    from shuzhi.cli.progress import LiveProgress
    from shuzhi.drafting.pipeline import draft_report, regenerate

    drafter, settings, note = resolve_drafter(**flags)
    options = run_options(settings)
    progress = LiveProgress()
    try:
        if section_id is None:
            draft_report(draft, template, drafter, progress, **options)
        else:
            regenerate(draft, template, drafter, section_id, instruction, progress, **options)
    finally:
        progress.close()
    show_note(note)
