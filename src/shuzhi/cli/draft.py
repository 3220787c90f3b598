"""``shuzhi draft``: facts + template → a full report, by the offline drafter or any
OpenAI-compatible model (sections in parallel, streamed, each retried on its own).

Exit codes: 0 all sections written; 2 bad input or configuration; 3 some sections failed —
the others are still written, and ``shuzhi regenerate DRAFT.json --failed`` retries them.

The draft is stored (``shuzhi.durable``) before drafting starts and each section as it
finishes, in the database the app uses; ``--resume ID`` finishes an interrupted draft.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from shuzhi.cli import app
from shuzhi.cli.common import fail, user_errors, write_output
from shuzhi.errors import InputError

EXIT_SECTIONS_FAILED = 3

# Model options, shared with ``shuzhi regenerate``. None means "not given": the environment
# (SHUZHI_*, OPENAI_*), the config file and the provider preset decide.
BACKEND = typer.Option(None, "--backend", help="起草方式：offline（离线）或 openai（兼容 OpenAI 接口的模型）")
PROVIDER = typer.Option(None, "--provider", help="模型服务商：deepseek、qwen、glm、kimi、openai、ollama、vllm")
BASE_URL = typer.Option(None, "--base-url", help="模型服务地址（如 http://127.0.0.1:11434/v1）")
MODEL = typer.Option(None, "--model", help="模型名称（默认取服务商预设）")
API_KEY_ENV = typer.Option(None, "--api-key-env", help="存放 API 密钥的环境变量名（密钥本身不要写在命令行上）")
CONCURRENCY = typer.Option(None, "--concurrency", help="同时起草的部分数（默认整份报告所有部分同时起草）")
TEMPERATURE = typer.Option(None, "--temperature", help="采样温度（默认 0.3）")
TIMEOUT = typer.Option(None, "--timeout", help="模型服务多少秒无响应即重试（默认 60）")
MASK_SENSITIVE = typer.Option(False, "--mask-sensitive",
                              help="发往云端模型前，把密级标注、内部资料标注、身份证号、手机号替换为 XX（默认：发现即拒绝发送）")
CONTEXT_WINDOW = typer.Option(None, "--context-window", help="模型的上下文长度（tokens）；默认询问模型服务，"
                              "再查内置的模型表。提示词放不下时先压缩，仍放不下则不发送")
MAX_TOKENS = typer.Option(None, "--max-tokens", help="每个部分最多输出多少 tokens（默认按该部分的目标篇幅）")
DEADLINE = typer.Option(None, "--deadline", help="每个部分最多用多少秒（含重试，默认 300）；超时的部分单独失败")


def run_options(settings) -> dict:
    """What ``draft_sections`` takes from the settings."""
    from shuzhi.drafting.pipeline import RetryPolicy

    options = {"concurrency": settings.concurrency, "retry": RetryPolicy(max_attempts=settings.max_attempts)}
    if settings.deadline:
        options["deadline"] = settings.deadline
    return options


def resolve_drafter(mask_sensitive: bool = False, **flags):
    """(drafter, settings, note) from the flags. The note (why the draft is offline) is shown
    after the run, so that an input error stays the one line on stderr."""
    from shuzhi.config import load_settings, resolve_backend
    from shuzhi.drafting import get_drafter, model_drafter

    settings = load_settings(**flags)
    backend = resolve_backend(settings)
    if backend.model is not None:
        drafter = model_drafter(backend.model, mask_sensitive=mask_sensitive)
        typer.echo(f"使用模型：{backend.model.label}（{backend.model.base_url}，"
                   f"{drafter.outbound.label}）", err=True)
        return drafter, settings, backend.note
    return get_drafter("offline"), settings, backend.note


def show_note(note: str | None) -> None:
    if note:
        typer.echo(f"提示：{note}", err=True)


def report_failures(sections) -> None:
    for s in sections:
        if s.status == "failed":
            typer.echo(f"失败：{s.heading_line or '导语'}（{s.id}）：{s.error}", err=True)


def report_cut(sections, draft_file: str | None, draft_id: str | None = None) -> None:
    """Sections the model stopped at its output limit: kept, said, and how to go on."""
    cut = [s for s in sections if s.status == "done" and s.versions and s.versions[-1].cut]
    for s in cut:
        typer.echo(f"截断：{s.heading_line or '导语'}（{s.id}）输出达到长度上限，已保留已写的部分", err=True)
    if cut:
        first = "" if draft_file else f"先用 shuzhi draft --resume {draft_id} -o 草稿.json 导出，再"
        typer.echo(f"续写被截断的部分：{first}shuzhi regenerate {draft_file or '草稿.json'} "
                   f"--section {cut[0].id} --instruction 续写完整", err=True)


def open_draft(facts: Path | None, template: str | None, resume: str | None):
    """(draft, template, store): a new draft stored before drafting starts, or a stored one
    made ready to finish."""
    from shuzhi.durable import load_for_resume, start_draft
    from shuzhi.facts import load_facts
    from shuzhi.store import Store
    from shuzhi.templates import load_template

    if resume:
        store = Store()
        return (*load_for_resume(resume, store), store)
    facts_data = load_facts(facts)  # the user's input first: its error is the one line shown
    tmpl = load_template(template or facts_data.template)
    store = Store()
    return start_draft(facts_data, tmpl, store), tmpl, store


def run_durably(draft, tmpl, drafter, store, progress, **options) -> str | None:
    """Draft what is not done yet, each section saved as it finishes; returns the message to
    end with when the database refused some (the draft is complete in memory and backed up)."""
    from shuzhi.durable import DraftNotSaved, run_draft

    if draft.status == "done":  # a finished draft resumed: only exported again
        typer.echo("这份草稿的各部分都已完成，直接导出。", err=True)
        return None
    try:
        run_draft(draft, tmpl, drafter, store, progress, **options)
    except DraftNotSaved as exc:
        return str(exc)
    finally:
        progress.close()
    return None


def export_or_explain(data: bytes, out: str | None, draft_id: str) -> None:
    """Write the report; if the disk refuses, say so and how to export it again."""
    import errno

    try:
        write_output(data, out)
    except InputError as exc:
        full = getattr(exc, "errno", None) in (errno.ENOSPC, errno.EDQUOT)
        raise fail(f"{exc}。草稿已保存在数据库中，{'腾出空间后' if full else '改正后'}可用 "
                   f"shuzhi draft --resume {draft_id} -o 文件名 重新导出") from None


@app.command("draft")
def draft_command(
    facts: Path | None = typer.Option(None, "--facts", help="本年度事实文件（YAML 或 JSON）"),
    resume: str | None = typer.Option(None, "--resume", metavar="ID",
                                      help="继续起草一份中断的草稿，只起草尚未完成的部分（ID 见 shuzhi drafts list）"),
    template: str | None = typer.Option(None, "--template", help="模板 ID（默认取事实文件中的 template）"),
    out: str | None = typer.Option(None, "--out", "-o", help="输出文件（默认输出到屏幕）"),
    fmt: str | None = typer.Option(None, "--format", help="输出格式：txt、md 或 json（默认按 --out 的扩展名）"),
    from_report: Path | None = typer.Option(None, "--from-report", help="上年度报告（.txt、.md 或 .docx）：保留其结构和语气，按本年度事实更新"),
    backend: str | None = BACKEND, provider: str | None = PROVIDER, base_url: str | None = BASE_URL,
    model: str | None = MODEL, api_key_env: str | None = API_KEY_ENV,
    concurrency: int | None = CONCURRENCY, temperature: float | None = TEMPERATURE,
    timeout: float | None = TIMEOUT, mask_sensitive: bool = MASK_SENSITIVE,
    context_window: int | None = CONTEXT_WINDOW, max_tokens: int | None = MAX_TOKENS,
    deadline: float | None = DEADLINE,
) -> None:
    """根据事实文件起草完整报告（未配置模型时离线起草）。部分章节失败时仍写出其余章节，退出码为 3。"""
    from shuzhi import export
    from shuzhi.cli.progress import LiveProgress, usage_summary
    from shuzhi.export.files import check_target

    fmt = fmt or (Path(out).suffix.lstrip(".").lower() if out and out != "-" else "txt")
    if fmt not in export.formats():
        raise typer.BadParameter(f"不支持的格式“{fmt}”，可用：{'、'.join(export.formats())}",
                                 param_hint="--format")
    model_flags = dict(backend=backend, provider=provider, base_url=base_url, model=model,
                       api_key_env=api_key_env, concurrency=concurrency, temperature=temperature,
                       timeout=timeout, mask_sensitive=mask_sensitive,
                       context_window=context_window, max_tokens=max_tokens, deadline=deadline)
    if (facts is None) == (resume is None):
        raise fail("请用 --facts 指定事实文件，或用 --resume 指定要继续的草稿 ID（二选一）")
    if from_report is not None:
        from shuzhi.cli.from_report import draft_from_report

        with user_errors():
            drafter, _, note = resolve_drafter(**model_flags)
        draft_from_report(from_report, facts, out, fmt, drafter=drafter)
        show_note(note)
        return
    with user_errors():
        if out and out != "-":
            check_target(out)  # before the draft: a model may take minutes
        draft, tmpl, store = open_draft(facts, template, resume)
        drafter, settings, note = resolve_drafter(**model_flags)
        typer.echo(f"草稿 {draft.id} 已保存，每完成一部分即存入数据库；"
                   f"如中断，可用 shuzhi draft --resume {draft.id} 继续。", err=True)
        progress = LiveProgress()
        not_saved = run_durably(draft, tmpl, drafter, store, progress, **run_options(settings))
        export_or_explain(export.render(draft, fmt), out, draft.id)
    if not_saved:
        raise fail(not_saved)
    if summary := usage_summary(draft.sections):
        typer.echo(summary, err=True)
    if out and out != "-":
        typer.echo(f"已写入 {out}", err=True)
    show_note(note)
    report_cut(draft.sections, out if out and fmt == "json" else None, draft.id)
    if progress.failed:
        report_failures(draft.sections)
        typer.echo(f"{len(progress.failed)} 个部分起草失败，其余部分已写出并保存（退出码 {EXIT_SECTIONS_FAILED}）。"
                   f"只重试失败的部分：shuzhi draft --resume {draft.id}", err=True)
        sys.stdout.flush()
        raise typer.Exit(EXIT_SECTIONS_FAILED)
