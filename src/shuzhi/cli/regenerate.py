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
from shuzhi.cli.draft import (API_KEY_ENV, BACKEND, BASE_URL, CONCURRENCY, EXIT_SECTIONS_FAILED,
                              MODEL, PROVIDER, TEMPERATURE, TIMEOUT, report_failures, resolve_drafter)


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
    section: str = typer.Option(..., "--section", help="要重写的部分 ID（如 political）"),
    instruction: str | None = typer.Option(None, "--instruction", help="修改要求，如“更精炼”“补充数据”“突出意识形态工作”"),
    restore: int | None = typer.Option(None, "--restore", help="不重写，恢复第 N 版（从 1 起）"),
    out: Path | None = typer.Option(None, "--out", "-o", help="写到另一个草稿文件（默认覆盖原文件）"),
    backend: str | None = BACKEND, provider: str | None = PROVIDER, base_url: str | None = BASE_URL,
    model: str | None = MODEL, api_key_env: str | None = API_KEY_ENV,
    concurrency: int | None = CONCURRENCY, temperature: float | None = TEMPERATURE,
    timeout: float | None = TIMEOUT,
) -> None:
    """按一句修改要求重写草稿中的一个部分，保留所有历史版本（可用 --restore 恢复）。"""
    from shuzhi.cli.progress import LiveProgress, usage_summary
    from shuzhi.drafting import DraftingError
    from shuzhi.drafting.pipeline import RetryPolicy, regenerable, regenerate
    from shuzhi.templates import load_template

    with user_errors():
        draft = load_draft(draft_file)
        tmpl = load_template(draft.template)
        try:
            target = regenerable(draft, tmpl, section)
        except DraftingError as exc:
            raise fail(str(exc)) from None
        progress = None
        if restore is not None:
            if not 1 <= restore <= len(target.versions):
                raise fail(f"“{target.heading_line or section}”只有 {len(target.versions)} 个版本，"
                           f"无法恢复第 {restore} 版")
            target.restore(restore - 1)
        else:
            drafter, settings = resolve_drafter(
                backend=backend, provider=provider, base_url=base_url, model=model,
                api_key_env=api_key_env, concurrency=concurrency, temperature=temperature,
                timeout=timeout)
            progress = LiveProgress()
            try:
                regenerate(draft, tmpl, drafter, section, instruction, progress,
                           retry=RetryPolicy(max_attempts=settings.max_attempts))
            finally:
                progress.close()
        write_output(draft.model_dump_json(indent=2).encode("utf-8"), str(out or draft_file))
    if progress and (summary := usage_summary([target])):
        typer.echo(summary, err=True)
    if target.status == "failed":
        report_failures([target])
        raise typer.Exit(EXIT_SECTIONS_FAILED)
    typer.echo(f"已保存第 {len(target.versions)} 版到 {out or draft_file}", err=True)
    sys.stdout.write(target.text + "\n")
