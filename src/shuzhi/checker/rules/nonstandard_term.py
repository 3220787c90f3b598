"""``nonstandard-term`` — a fixed political formulation written off its standard form (error;
some entries warning).

Data: ``checker/data/formulations.yaml`` (DOMAIN §3): wrong words or missing words
(以习近平总书记为核心的党中央), wrong collocations (坚定“四个意识”), wrong order of a fixed list
(四个意识, 四个自信, 四风, 不敢腐不能腐不想腐, 新发展理念…), outdated names (《廉政准则》), and
Arabic digits inside fixed words (4个意识, GB/T 15835). The suggestion is the standard form and
is an exact replacement. Accepted variants are not flagged: 树牢“四个意识”, 习近平同志/总书记 in
“两个维护”, quotes present or omitted.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cache

from shuzhi.checker.data import load
from shuzhi.checker.document import Document
from shuzhi.checker.registry import Context, make

ID = "nonstandard-term"
SEVERITY = "error"
BASIS = "中央文件表述"
DOCUMENT_LEVEL = False
RULE = sys.modules[__name__]

_QUOTES = str.maketrans("", "", "“”\"")
_ORDER_SEPARATORS = "[、，,和及与]?"


@dataclass(frozen=True, slots=True)
class Entry:
    correct: str
    severity: str
    basis: str
    note: str
    order: tuple[str, ...] = ()


def _literal_pattern(wrong: str) -> str:
    return "".join('[“"]?' if ch == "“" else '[”"]?' if ch == "”" else re.escape(ch) for ch in wrong)


@cache
def compiled() -> tuple[re.Pattern[str] | None, dict[str, Entry], list[tuple[re.Pattern[str], Entry]],
                        list[tuple[re.Pattern[str], Entry]]]:
    """One alternation of all literal wrong forms (keyed by their unquoted text), the regex
    entries, and the order entries."""
    literals: dict[str, Entry] = {}
    patterns: list[tuple[re.Pattern[str], Entry]] = []
    orders: list[tuple[re.Pattern[str], Entry]] = []
    for raw in load("formulations"):
        entry = Entry(correct=raw.get("correct") or "、".join(raw.get("order", ())),
                      severity=raw.get("severity", SEVERITY), basis=raw.get("basis", BASIS),
                      note=raw.get("note", ""), order=tuple(raw.get("order", ())))
        for wrong in raw.get("wrong", ()):
            literals[wrong.translate(_QUOTES)] = entry
        if "pattern" in raw:
            patterns.append((re.compile(raw["pattern"]), entry))
        if entry.order:
            item = "(?:" + "|".join(map(re.escape, entry.order)) + ")"
            n = len(entry.order)
            orders.append((re.compile(item + f"(?:{_ORDER_SEPARATORS}{item}){{{n - 1}}}"), entry))
    wrongs = sorted({w for raw in load("formulations") for w in raw.get("wrong", ())}, key=len, reverse=True)
    alternation = re.compile("|".join(_literal_pattern(w) for w in wrongs)) if wrongs else None
    return alternation, literals, patterns, orders


def _suggestion(entry: Entry, matched: str, m: re.Match[str] | None = None) -> str:
    correct = m.expand(entry.correct) if m is not None and "\\" in entry.correct else entry.correct
    if "“" in correct and "“" not in matched and '"' not in matched:
        correct = correct.translate(_QUOTES)
    return correct


def _reordered(entry: Entry, matched: str) -> str | None:
    """The same list with its items in standard order (separators kept), or None if fine."""
    items = re.findall("|".join(map(re.escape, entry.order)), matched)
    if sorted(items) != sorted(entry.order) or items == list(entry.order):
        return None
    parts = re.split("|".join(map(re.escape, entry.order)), matched)
    return "".join(p + (entry.order[i] if i < len(entry.order) else "") for i, p in enumerate(parts))


def check(doc: Document, ctx: Context):
    alternation, literals, patterns, orders = compiled()
    text = doc.text
    hits: list[tuple[int, int, Entry, str]] = []
    if alternation is not None:
        for m in alternation.finditer(text):
            entry = literals.get(m.group().translate(_QUOTES))
            if entry:
                hits.append((m.start(), m.end(), entry, _suggestion(entry, m.group())))
    for pattern, entry in patterns:
        for m in pattern.finditer(text):
            hits.append((m.start(), m.end(), entry, _suggestion(entry, m.group(), m)))
    for pattern, entry in orders:
        for m in pattern.finditer(text):
            fixed = _reordered(entry, m.group())
            if fixed:
                hits.append((m.start(), m.end(), entry, fixed))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    last_end = -1
    for start, end, entry, suggestion in hits:
        if start < last_end:
            continue
        last_end = end
        kind = "顺序不规范" if entry.order else "表述不规范"
        note = f"，{entry.note}" if entry.note else ""
        yield make(doc, RULE, start, text[start:end], f"{kind}，应为“{suggestion}”{note}",
                   suggestion=suggestion, fixable=True, severity=entry.severity, basis=entry.basis)
