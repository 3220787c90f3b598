"""``shuzhi draft --from-report``: this year's draft from last year's report (update mode).

Kept out of ``cli/draft.py`` so that command stays one option and one branch; the work is
in ``shuzhi.update``, which the app calls the same way.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from shuzhi.cli.common import user_errors, write_output


def print_flags(flags) -> None:
    """The sentences to check, grouped by reason, on stderr (stdout may carry the report)."""
    if not flags:
        print("没有需要核对的句子。", file=sys.stderr)
        return
    print(f"需要核对的句子（{len(flags)} 处）：", file=sys.stderr)
    for flag in flags:
        where = flag.heading or "导语"
        print(f"【{flag.reason}】{where}：{flag.sentence}（{flag.detail}）", file=sys.stderr)


def draft_from_report(last_report: Path, facts: Path, out: str | None, fmt: str, drafter=None) -> None:
    """``drafter``: what ``shuzhi draft``'s flags resolved to (None or offline: offline)."""
    from shuzhi import export
    from shuzhi.export.files import check_target
    from shuzhi.facts import load_facts
    from shuzhi.outline import read_report_text
    from shuzhi.update import update_report_with

    with user_errors():
        if out and out != "-":
            check_target(out)  # before the work: a model may take minutes
        facts_data = load_facts(facts)
        text = read_report_text(last_report)
        result = update_report_with(text, facts_data, drafter)
        write_output(export.render(result.draft, fmt), out)
    print_flags(result.flags)
    if out and out != "-":
        typer.echo(f"已写入 {out}（由{result.last_year}年报告更新）", err=True)
