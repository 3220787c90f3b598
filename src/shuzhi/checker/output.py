"""Findings for people (grouped by rule, coloured on a terminal) and for programs (JSON)."""

from __future__ import annotations

import json
from itertools import groupby

from shuzhi.checker.finding import Finding, summarize
from shuzhi.checker.registry import RULE_IDS
from shuzhi.labels import RULE_LABELS, SEVERITY_LABELS

_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def to_json(findings: list[Finding]) -> str:
    """What ``shuzhi check --format json`` prints: ``{"findings": [...], "summary": {...}}``."""
    return json.dumps({"findings": [f.to_dict() for f in findings], "summary": summarize(findings)},
                      ensure_ascii=False, indent=2)


def print_text(findings: list[Finding], source: str, file=None) -> None:
    """Grouped by rule in the table's order; each finding as line:column, text, message, fix."""
    from rich.console import Console
    from rich.markup import escape

    console = Console(file=file, highlight=False, soft_wrap=True)
    counts = summarize(findings)
    order = {r: i for i, r in enumerate(RULE_IDS)}
    for rule, group in groupby(sorted(findings, key=lambda f: (order[f.rule], f.sort_key())),
                               key=lambda f: f.rule):
        items = list(group)
        console.print(f"\n[bold]{rule}[/bold]  {RULE_LABELS[rule]}（{len(items)} 处）")
        for f in items:
            where = f"{f.line}:{f.column}" if f.line is not None else "全文"
            style = _STYLES[f.severity]
            line = (f"  [dim]{where:>8}[/dim]  [{style}]{SEVERITY_LABELS[f.severity]}[/{style}]  "
                    f"[reverse]{escape(f.text)}[/reverse]  {escape(f.message)}")
            if f.suggestion is not None:
                line += f"  [green]→ {escape(f.suggestion) if f.suggestion else '（删除）'}[/green]"
            console.print(line)
    summary = "，".join(f"{SEVERITY_LABELS[s]} {n}" for s, n in counts.items())
    verdict = "[bold red]需要修改[/bold red]" if counts["error"] else "[bold green]未发现错误[/bold green]"
    console.print(f"\n{escape(source)}：{summary}。{verdict}")
