"""``shuzhi draft``: facts + template → a full report, by the offline drafter or any
OpenAI-compatible model (sections in parallel, streamed, each retried on its own).

Exit codes: 0 all sections written; 2 bad input or configuration; 3 some sections failed —
the others are still written, and ``shuzhi regenerate DRAFT.json --failed`` retries them.

A thin client of ``shuzhi.session.DraftSession``, as the app is: the draft is stored before
drafting starts and each section as it finishes, in the database the app uses;
``--resume ID`` finishes an interrupted draft.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from shuzhi.cli import app
from shuzhi.cli.common import fail, user_errors, write_output
from shuzhi.cli.options import choose_drafter, model_options, show_note
from shuzhi.errors import InputError

EXIT_SECTIONS_FAILED = 3


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


def open_session(facts: Path | None, template: str | None, resume: str | None):
    """A new draft stored before drafting starts, or a stored one made ready to finish."""
    from shuzhi.facts import load_facts
    from shuzhi.session import DraftSession

    if resume:
        return DraftSession.resume(resume)
    assert facts is not None  # the command asks for one of the two
    return DraftSession.new(load_facts(facts), template)  # the facts first: their error is the line shown


def finish(session, drafter, progress) -> str | None:
    """Draft what is not done yet, each section saved as it finishes; returns the message to
    end with when the database refused some (the draft is complete in memory and backed up)."""
    from shuzhi.session import DraftNotSaved

    if session.draft.status == "done":  # a finished draft resumed: only exported again
        typer.echo("这份草稿的各部分都已完成，直接导出。", err=True)
        return None
    try:
        session.draft_all(drafter, progress, redo_done=False)
    except DraftNotSaved as exc:
        return str(exc)
    finally:
        progress.close()
    for conflict in session.conflicts:
        typer.echo(f"未保存：{conflict}", err=True)
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
@model_options
def draft_command(
    facts: Path | None = typer.Option(None, "--facts", help="本年度事实文件（YAML 或 JSON）"),
    resume: str | None = typer.Option(None, "--resume", metavar="ID",
                                      help="继续起草一份中断的草稿，只起草尚未完成的部分（ID 见 shuzhi drafts list）"),
    template: str | None = typer.Option(None, "--template", help="模板 ID（默认取事实文件中的 template）"),
    out: str | None = typer.Option(None, "--out", "-o", help="输出文件（默认输出到屏幕）"),
    fmt: str | None = typer.Option(None, "--format", help="输出格式：txt、md 或 json（默认按 --out 的扩展名）"),
    from_report: Path | None = typer.Option(None, "--from-report", help="上年度报告（.txt、.md 或 .docx）：保留其结构和语气，按本年度事实更新"),
    *, model_flags: dict,
) -> None:
    """根据事实文件起草完整报告（未配置模型时离线起草）。部分章节失败时仍写出其余章节，退出码为 3。"""
    from shuzhi import export
    from shuzhi.cli.progress import LiveProgress, usage_summary
    from shuzhi.export.files import check_target

    fmt = fmt or (Path(out).suffix.lstrip(".").lower() if out and out != "-" else "txt")
    if fmt not in export.formats():
        raise typer.BadParameter(f"不支持的格式“{fmt}”，可用：{'、'.join(export.formats())}",
                                 param_hint="--format")
    if (facts is None) == (resume is None):
        raise fail("请用 --facts 指定事实文件，或用 --resume 指定要继续的草稿 ID（二选一）")
    if from_report is not None:
        if facts is None:
            raise fail("--from-report 需与 --facts 一起使用（用今年的事实更新去年的报告），不能与 --resume 同用")
        from shuzhi.cli.from_report import draft_from_report

        with user_errors():
            drafter, settings, note = choose_drafter(model_flags)
        draft_from_report(from_report, facts, out, fmt, drafter, settings)
        show_note(note)
        return
    with user_errors():
        if out and out != "-":
            check_target(out)  # before the draft: a model may take minutes
        session = open_session(facts, template, resume)
        drafter, session.settings, note = choose_drafter(model_flags)
        draft = session.draft
        typer.echo(f"草稿 {draft.id} 已保存，每完成一部分即存入数据库；"
                   f"如中断，可用 shuzhi draft --resume {draft.id} 继续。", err=True)
        progress = LiveProgress()
        not_saved = finish(session, drafter, progress)
        export_or_explain(session.export(fmt).data, out, draft.id)
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
