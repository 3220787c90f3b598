"""Findings for people (grouped by rule, coloured on a terminal) and for programs (JSON).

The colours are written as plain ANSI codes rather than through rich: importing rich was a
tenth of a fresh ``shuzhi check``, and these few styles need nothing of it.
"""

from __future__ import annotations

import json
import os
import sys
from itertools import groupby

from shuzhi.checker.finding import Finding, summarize
from shuzhi.checker.registry import RULE_IDS
from shuzhi.labels import RULE_LABELS, SEVERITY_LABELS

# SGR codes: bold, dim, reverse; red, green, yellow, cyan
_STYLES = {"error": "1;31", "warning": "33", "info": "36"}
BOLD, DIM, REVERSE, GREEN, BOLD_RED, BOLD_GREEN = "1", "2", "7", "32", "1;31", "1;32"
# Terminal controls a report's text may carry that would move the cursor or ring the bell
# (rich, which printed these lines before, dropped the same ones).
_CONTROLS = str.maketrans("", "", "\a\b\v\f\r")


def to_json(findings: list[Finding]) -> str:
    """What ``shuzhi check --format json`` prints: ``{"findings": [...], "summary": {...}}``."""
    return json.dumps({"findings": [f.to_dict() for f in findings], "summary": summarize(findings)},
                      ensure_ascii=False, indent=2)


def print_text(findings: list[Finding], source: str, file=None) -> None:
    """Grouped by rule in the table's order; each finding as line:column, text, message, fix."""
    out = file or sys.stdout
    paint = _painter(out)
    counts = summarize(findings)
    order = {r: i for i, r in enumerate(RULE_IDS)}
    lines = []
    for rule, group in groupby(sorted(findings, key=lambda f: (order[f.rule], f.sort_key())),
                               key=lambda f: f.rule):
        items = list(group)
        lines.append(f"\n{paint(rule, BOLD)}  {RULE_LABELS[rule]}（{len(items)} 处）")
        for f in items:
            where = f"{f.line}:{f.column}" if f.line is not None else "全文"
            line = (f"  {paint(f'{where:>8}', DIM)}  {paint(SEVERITY_LABELS[f.severity], _STYLES[f.severity])}  "
                    f"{paint(_plain(f.text), REVERSE)}  {_plain(f.message)}")
            if f.suggestion is not None:
                line += "  " + paint(f"→ {_plain(f.suggestion) if f.suggestion else '（删除）'}", GREEN)
            lines.append(line)
    summary = "，".join(f"{SEVERITY_LABELS[s]} {n}" for s, n in counts.items())
    verdict = paint("需要修改", BOLD_RED) if counts["error"] else paint("未发现错误", BOLD_GREEN)
    lines.append(f"\n{_plain(source)}：{summary}。{verdict}")
    out.write("\n".join(lines) + "\n")
    out.flush()


def _plain(text: str) -> str:
    return text.translate(_CONTROLS)


def _painter(out):
    """A function that styles a piece of text, or leaves it as it is where colour is not wanted:
    off a terminal (a pipe, a file), with NO_COLOR set or TERM=dumb; FORCE_COLOR forces it
    (the conventions of no-color.org and force-color.org, as rich follows them)."""
    if os.environ.get("NO_COLOR"):
        colour = False
    elif os.environ.get("FORCE_COLOR"):
        colour = True
    else:
        colour = _is_terminal(out) and os.environ.get("TERM", "").lower() not in ("dumb", "unknown")
    if not colour:
        return lambda text, style: text
    return lambda text, style: f"\x1b[{style}m{text}\x1b[0m"


def _is_terminal(out) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):  # no such method, or a closed file
        return False
