"""One problem the checker found: where, what, why, and (when it is exact) the fix."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

# How the basis of a rule or a data entry is named in messages, so a house habit is never
# presented as a regulation.
BASES = ("党章", "法律", "条例", "国标", "中央文件表述", "实务惯例")


@dataclass(slots=True)
class Finding:
    """A finding. ``line``/``column`` are 1-based, in characters; ``None`` for the whole document.

    ``offset``/``length`` locate ``text`` in the checked string (for :func:`apply_fixes`);
    ``fixable`` says the suggestion is an exact replacement for ``text`` (and, with ``edits``,
    that each edit is one).
    """

    rule: str
    severity: Severity
    line: int | None
    column: int | None
    text: str
    message: str
    suggestion: str | None = None
    basis: str = ""
    offset: int | None = field(default=None, repr=False)
    fixable: bool = field(default=False, repr=False)
    # a finding about many places at once (全文半角标点): every (offset, old, new) its fix makes
    edits: tuple[tuple[int, str, str], ...] = field(default=(), repr=False)

    def to_dict(self) -> dict:
        """The finding as ``shuzhi check --format json`` writes it."""
        return {"rule": self.rule, "severity": self.severity, "line": self.line,
                "column": self.column, "text": self.text, "message": self.message,
                "suggestion": self.suggestion, "basis": self.basis}

    def sort_key(self) -> tuple:
        return (self.line is not None, self.line or 0, self.column or 0, self.rule)


def summarize(findings: list[Finding]) -> dict[str, int]:
    counts: dict[str, int] = {s: 0 for s in SEVERITIES}
    for f in findings:
        counts[f.severity] += 1
    return counts
