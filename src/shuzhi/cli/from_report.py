"""``shuzhi draft --from-report``: this year's draft from last year's report (update mode).

Kept out of ``cli/draft.py`` so that command stays one option and one branch; the work is
in ``shuzhi.update``, which the app calls the same way.
"""

from __future__ import annotations

import sys
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
    total = len(result.carried)
    print(f"上年报告 {total} 句，仍在稿中 {result.still_in_draft} 句（其中待核对 "
          f"{sum(c.fate == 'marked' for c in result.carried)} 句），"
          f"未保留 {sum(c.fate == 'omitted' for c in result.carried)} 句；"
          f"上年问题 {len(result.draft.facts.previous_issues)} 条已写入整改情况部分。", file=sys.stderr)


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
    print_review(result)
    if out and out != "-":
        typer.echo(f"已写入 {out}（由{result.last_year}年报告更新）", err=True)
