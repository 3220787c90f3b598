"""``shuzhi draft --from-report``: this year's draft from last year's report (update mode).

Kept out of ``cli/draft.py`` so that command stays one option and one branch; the work is
in ``shuzhi.update``, which the app calls the same way.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import typer

from shuzhi.cli.common import user_errors, write_output


def print_review(result) -> None:
    """The sentences to check, with their line in the written report, on stderr (stdout may
    carry the report); then how much of last year's text is still in it."""
    from shuzhi.update import listing

    if result.flags:
        print(f"需核对的句子（{len(result.flags)} 处）：", file=sys.stderr)
        for line in listing(result.flags):
            print(line, file=sys.stderr)
    else:
        print("没有需要核对的句子。", file=sys.stderr)
    if result.carried:  # the sections updated offline (all of them, without a model)
        fates = Counter(c.fate for c in result.carried)
        print(f"上年报告 {len(result.carried)} 句：按本年度事实改写 {fates['replaced']} 句，保留 {fates['kept']} 句，"
              f"标为待核对 {fates['marked']} 句，未保留 {fates['omitted']} 句，上年问题 {fates['issue']} 句"
              "（已写入整改情况）。", file=sys.stderr)
    print(f"稿中仍是上年的句子 {result.still_in_draft} 句。", file=sys.stderr)


def draft_from_report(last_report: Path, facts: Path, out: str | None, fmt: str, drafter=None,
                      settings=None) -> None:
    """``drafter``: what ``shuzhi draft``'s flags resolved to (None or offline: offline);
    ``settings``: its run options (concurrency, retries, deadline) for a model."""
    from shuzhi import export
    from shuzhi.export.files import check_target
    from shuzhi.facts import load_facts
    from shuzhi.outline import read_report_text
    from shuzhi.update import update_report_with

    options = {}
    if drafter is not None and drafter.name != "offline":
        from shuzhi.cli.progress import LiveProgress
        from shuzhi.session.core import run_options

        options = {**(run_options(settings) if settings else {}), "callback": LiveProgress()}
    with user_errors():
        if out and out != "-":
            check_target(out)  # before the work: a model may take minutes
        facts_data = load_facts(facts)
        text = read_report_text(last_report)
        result = update_report_with(text, facts_data, drafter, **options)
        write_output(export.render(result.draft, fmt), out)
    print_review(result)
    if out and out != "-":
        typer.echo(f"已写入 {out}（由{result.last_year}年报告更新）", err=True)
    failed = [s for s in result.draft.sections if s.status == "failed"]
    if failed:
        typer.echo("以下部分模型起草失败，保留了离线更新的文字：" + "；".join(
            f"{s.heading_line or '导语'}（{s.error}）" for s in failed), err=True)
        raise typer.Exit(3)
